import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { PlainDiagnostic as Diagnostic } from '../helpers/service';
import { getLanguageService } from '../../server/src/languageService';
import { isIPAddress, isIPv4, isIPv6 } from '../../server/src/model/hostname';
import { CODES } from '../../server/src/rules/catalog';
import { LISTENER_RULES } from '../../server/src/rules/listeners';
import { gatewayYaml, seedListener, WILDCARD_GATEWAY } from '../helpers/manifests';
import { diagnose, lineOf, TEST_URI, underlined, withCode } from '../helpers/service';

const ERROR = 1;
const WARNING = 2;

/** A Gateway around a `listeners:` block written at column 0 (`- name: …`). */
function gateway(listeners: string, apiVersion = 'gateway.networking.k8s.io/v1'): string {
  const indented = listeners
    .trim()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `apiVersion: ${apiVersion}\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: web\nspec:\n  gatewayClassName: acme-lb\n  listeners:\n${indented}\n`;
}

function listenerDiagnostics(yaml: string, settings?: unknown): Diagnostic[] {
  return diagnose(yaml, settings).filter((d) => String(d.code).startsWith('listener-'));
}

/** Exactly one diagnostic of `code`, underlining `text` on the line holding `lineNeedle`. */
function expectOne(yaml: string, code: string, severity: number, text: string, lineNeedle: string, occurrence = 0): Diagnostic {
  const found = withCode(diagnose(yaml), code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(found.map((d) => d.message))}`);
  const d = found[0]!;
  assert.equal(d.severity, severity);
  assert.equal(underlined(yaml, d), text);
  assert.equal(d.range.start.line, lineOf(yaml, lineNeedle, occurrence));
  return d;
}

function expectNone(yaml: string, code: string): void {
  assert.deepEqual(
    withCode(diagnose(yaml), code).map((d) => d.message),
    [],
  );
}

const CERT = `tls:
    certificateRefs:
    - name: web-cert`;

describe('listener-tls-missing', () => {
  test('HTTPS without tls is a warning on the protocol value', () => {
    const yaml = gateway('- name: https-no-tls\n  protocol: HTTPS\n  port: 443');
    const d = expectOne(yaml, 'listener-tls-missing', WARNING, 'HTTPS', 'protocol: HTTPS');
    assert.match(d.message, /listener "https-no-tls"/);
    assert.match(d.message, /certificateRefs/);
  });

  test('TLS without tls is an error quoting the CEL message', () => {
    const yaml = gateway('- name: tls\n  protocol: TLS\n  port: 443');
    const d = expectOne(yaml, 'listener-tls-missing', ERROR, 'TLS', 'protocol: TLS');
    assert.match(d.message, /tls mode must be set for protocol TLS/);
  });

  test('an empty (null) tls counts as missing', () => {
    expectOne(gateway('- name: a\n  protocol: HTTPS\n  port: 443\n  tls:'), 'listener-tls-missing', WARNING, 'HTTPS', 'protocol: HTTPS');
  });

  test('TLS with tls: {} gets certificate-refs-missing instead', () => {
    const yaml = gateway('- name: tls\n  protocol: TLS\n  port: 443\n  tls: {}');
    expectNone(yaml, 'listener-tls-missing');
    expectOne(yaml, 'listener-certificate-refs-missing', ERROR, 'tls', 'tls: {}');
  });

  test('HTTPS with a certificate and TLS with Passthrough are fine', () => {
    expectNone(gateway(`- name: a\n  protocol: HTTPS\n  port: 443\n  ${CERT}`), 'listener-tls-missing');
    expectNone(gateway('- name: a\n  protocol: TLS\n  port: 443\n  tls:\n    mode: Passthrough'), 'listener-tls-missing');
    expectNone(gateway('- name: a\n  protocol: HTTP\n  port: 80'), 'listener-tls-missing');
  });
});

describe('listener-tls-not-allowed', () => {
  test('tls: {} on HTTP underlines the tls key', () => {
    const yaml = gateway('- name: web\n  protocol: HTTP\n  port: 80\n  tls: {}');
    const d = expectOne(yaml, 'listener-tls-not-allowed', ERROR, 'tls', 'tls: {}');
    assert.match(d.message, /HTTP listener "web"/);
    assert.match(d.message, /tls must not be specified for protocols \['HTTP', 'TCP', 'UDP'\]/);
    assert.match(d.message, /HTTPS/);
    // The block must go: asking for certificates in it would point the wrong way.
    expectNone(yaml, 'listener-certificate-refs-missing');
  });

  test('TCP and UDP with tls', () => {
    expectOne(gateway(`- name: db\n  protocol: TCP\n  port: 5432\n  ${CERT}`), 'listener-tls-not-allowed', ERROR, 'tls', 'tls:');
    expectOne(gateway('- name: dns\n  protocol: UDP\n  port: 53\n  tls:\n    mode: Passthrough'), 'listener-tls-not-allowed', ERROR, 'tls', 'tls:');
  });

  test('HTTP without tls, or with a null tls (pruned by the API server), is fine', () => {
    expectNone(gateway('- name: web\n  protocol: HTTP\n  port: 80'), 'listener-tls-not-allowed');
    expectNone(gateway('- name: web\n  protocol: HTTP\n  port: 80\n  tls:'), 'listener-tls-not-allowed');
    expectNone(gateway(`- name: web\n  protocol: HTTPS\n  port: 443\n  ${CERT}`), 'listener-tls-not-allowed');
  });
});

describe('listener-tls-mode-invalid', () => {
  test('Passthrough on HTTPS underlines the mode value', () => {
    const yaml = gateway('- name: pt\n  protocol: HTTPS\n  port: 443\n  tls:\n    mode: Passthrough');
    const d = expectOne(yaml, 'listener-tls-mode-invalid', ERROR, 'Passthrough', 'mode: Passthrough');
    assert.match(d.message, /tls mode must be Terminate for protocol HTTPS/);
    assert.match(d.message, /protocol TLS with a TLSRoute/);
    expectNone(yaml, 'listener-certificate-refs-missing');
  });

  test('Passthrough on TLS without certificates is fine', () => {
    const yaml = gateway('- name: pt\n  protocol: TLS\n  port: 443\n  tls:\n    mode: Passthrough');
    assert.deepEqual(listenerDiagnostics(yaml), []);
  });

  test('Terminate on HTTPS is fine', () => {
    expectNone(gateway(`- name: a\n  protocol: HTTPS\n  port: 443\n  tls:\n    mode: Terminate\n    certificateRefs:\n    - name: c`), 'listener-tls-mode-invalid');
  });
});

describe('listener-certificate-refs-missing', () => {
  test('explicit Terminate without certificates underlines the mode value', () => {
    const yaml = gateway('- name: t\n  protocol: TLS\n  port: 443\n  tls:\n    mode: Terminate');
    const d = expectOne(yaml, 'listener-certificate-refs-missing', ERROR, 'Terminate', 'mode: Terminate');
    assert.match(d.message, /certificateRefs or options must be specified when mode is Terminate/);
    assert.match(d.message, /Passthrough/);
  });

  test('defaulted Terminate underlines the tls key and does not suggest Passthrough on HTTPS', () => {
    const yaml = gateway('- name: https-no-certs\n  protocol: HTTPS\n  port: 443\n  tls:\n    certificateRefs: []');
    const d = expectOne(yaml, 'listener-certificate-refs-missing', ERROR, 'tls', 'tls:');
    assert.match(d.message, /the default/);
    assert.doesNotMatch(d.message, /Passthrough/);
  });

  test('certificateRefs or options satisfy it', () => {
    expectNone(gateway(`- name: a\n  protocol: HTTPS\n  port: 443\n  ${CERT}`), 'listener-certificate-refs-missing');
    expectNone(gateway('- name: a\n  protocol: HTTPS\n  port: 443\n  tls:\n    options:\n      example.com/cert-source: vault'), 'listener-certificate-refs-missing');
  });
});

describe('listener-hostname-not-allowed', () => {
  test('hostname on TCP and UDP', () => {
    const yaml = gateway('- name: db\n  protocol: TCP\n  port: 5432\n  hostname: db.example.com');
    const d = expectOne(yaml, 'listener-hostname-not-allowed', ERROR, 'db.example.com', 'hostname:');
    assert.match(d.message, /hostname must not be specified for protocols \['TCP', 'UDP'\]/);
    expectOne(gateway('- name: dns\n  protocol: UDP\n  port: 53\n  hostname: "*.example.com"'), 'listener-hostname-not-allowed', ERROR, '"*.example.com"', 'hostname:');
  });

  test('an IPv4 address on an HTTPS listener', () => {
    const yaml = gateway(`- name: ip\n  protocol: HTTPS\n  port: 443\n  hostname: 10.0.0.1\n  ${CERT}`);
    const d = expectOne(yaml, 'listener-hostname-not-allowed', ERROR, '10.0.0.1', 'hostname:');
    assert.match(d.message, /IP address "10\.0\.0\.1"/);
  });

  test('an IPv6 address on an HTTP listener', () => {
    const yaml = gateway('- name: ip6\n  protocol: HTTP\n  port: 80\n  hostname: "2001:db8::1"');
    expectOne(yaml, 'listener-hostname-not-allowed', ERROR, '"2001:db8::1"', 'hostname:');
  });

  test('DNS names, wildcards and TCP without hostname are fine', () => {
    expectNone(gateway(`- name: a\n  protocol: HTTPS\n  port: 443\n  hostname: "*.example.com"\n  ${CERT}`), 'listener-hostname-not-allowed');
    expectNone(gateway('- name: a\n  protocol: HTTP\n  port: 80\n  hostname: 1.2.3.4.nip.io'), 'listener-hostname-not-allowed');
    expectNone(gateway('- name: a\n  protocol: TCP\n  port: 5432'), 'listener-hostname-not-allowed');
  });

  test('IP helpers', () => {
    for (const ip of ['10.0.0.1', '255.255.255.255', '::1', '::', '2001:db8::1', 'fe80::1%eth0', '[::1]', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8']) {
      assert.ok(isIPAddress(ip), ip);
    }
    for (const name of ['256.0.0.1', '1.2.3', '1.2.3.4.5', 'example.com', '1:2:3:4:5:6:7:8:9', '1::2::3', ':1', 'g::1', '', '*.1.2.3']) {
      assert.ok(!isIPAddress(name), name);
    }
    assert.ok(isIPv4('10.0.0.1') && !isIPv6('10.0.0.1'));
  });
});

describe('listener-name-duplicate', () => {
  const yaml = gateway(
    [
      '- name: web\n  protocol: HTTP\n  port: 80',
      '- name: web\n  protocol: HTTP\n  port: 8080',
      '- name: web\n  protocol: HTTP\n  port: 8081',
    ].join('\n'),
  );

  test('every later listener with the name, related to the first', () => {
    const found = withCode(diagnose(yaml), 'listener-name-duplicate');
    assert.equal(found.length, 2);
    for (const [i, d] of found.entries()) {
      assert.equal(d.severity, ERROR);
      assert.equal(underlined(yaml, d), 'web');
      assert.equal(d.range.start.line, lineOf(yaml, '- name: web', i + 1));
      assert.match(d.message, /Listener name must be unique within the Gateway/);
      const related = d.relatedInformation ?? [];
      assert.equal(related.length, 1);
      assert.equal(related[0]!.location.uri, TEST_URI);
      assert.equal(related[0]!.location.range.start.line, lineOf(yaml, '- name: web', 0));
    }
  });

  test('distinct names are fine', () => {
    expectNone(gateway('- name: a\n  protocol: HTTP\n  port: 80\n- name: b\n  protocol: HTTP\n  port: 81'), 'listener-name-duplicate');
  });
});

describe('listener-conflict', () => {
  test('same port, protocol and hostname: the later listener, related to the first', () => {
    const yaml = gateway(`- name: first\n  protocol: HTTPS\n  port: 443\n  hostname: a.example.com\n  ${CERT}\n- name: again\n  protocol: HTTPS\n  port: 443\n  hostname: a.example.com\n  ${CERT}`);
    const d = expectOne(yaml, 'listener-conflict', ERROR, 'again', 'name: again');
    assert.match(d.message, /Conflicted=True, reason HostnameConflict/);
    assert.match(d.message, /Combination of port, protocol and hostname must be unique for each listener/);
    assert.match(d.message, /listener "first"/);
    assert.equal(d.relatedInformation?.[0]?.location.range.start.line, lineOf(yaml, 'name: first'));
  });

  test('two absent hostnames conflict', () => {
    const yaml = gateway('- name: a\n  protocol: HTTP\n  port: 80\n- name: b\n  protocol: HTTP\n  port: 80');
    const d = expectOne(yaml, 'listener-conflict', ERROR, 'b', 'name: b');
    assert.match(d.message, /neither has a hostname/);
  });

  test('absent vs wildcard hostname, other ports and other protocols do not conflict', () => {
    expectNone(gateway('- name: a\n  protocol: HTTP\n  port: 80\n- name: b\n  protocol: HTTP\n  port: 80\n  hostname: "*.example.com"'), 'listener-conflict');
    expectNone(gateway('- name: a\n  protocol: HTTP\n  port: 80\n- name: b\n  protocol: HTTP\n  port: 81'), 'listener-conflict');
    expectNone(gateway(`- name: a\n  protocol: HTTP\n  port: 443\n- name: b\n  protocol: HTTPS\n  port: 443\n  ${CERT}`), 'listener-conflict');
  });

  test('a port written as a string is left to the schema', () => {
    expectNone(gateway('- name: a\n  protocol: HTTP\n  port: "80"\n- name: b\n  protocol: HTTP\n  port: "80"'), 'listener-conflict');
  });

  test('a settings override silences it', () => {
    const yaml = gateway('- name: a\n  protocol: HTTP\n  port: 80\n- name: b\n  protocol: HTTP\n  port: 80');
    assert.equal(withCode(diagnose(yaml), 'listener-conflict').length, 1);
    assert.deepEqual(withCode(diagnose(yaml, { severity: { 'listener-conflict': 'off' } }), 'listener-conflict'), []);
  });
});

describe('listener-protocol-unsupported', () => {
  test('an unknown bare word is a warning on the protocol value', () => {
    const yaml = gateway('- name: quic\n  protocol: QUIC\n  port: 4433');
    const d = expectOne(yaml, 'listener-protocol-unsupported', WARNING, 'QUIC', 'protocol: QUIC');
    assert.match(d.message, /Accepted=False, reason UnsupportedProtocol/);
    assert.match(d.message, /example\.com\/QUIC/);
  });

  test('lower-case https is not HTTPS, and the message says so', () => {
    const yaml = gateway('- name: web\n  protocol: https\n  port: 443');
    const d = expectOne(yaml, 'listener-protocol-unsupported', WARNING, 'https', 'protocol: https');
    assert.match(d.message, /case-sensitive/);
    assert.match(d.message, /Write HTTPS/);
    assert.deepEqual(d.data, { replacement: 'HTTPS' });
    // Not an HTTPS listener, so no HTTPS rule applies.
    expectNone(yaml, 'listener-tls-missing');
  });

  test('core and domain-prefixed protocols are fine', () => {
    const yaml = gateway('- name: a\n  protocol: example.com/quic\n  port: 4433\n- name: b\n  protocol: TCP\n  port: 5432\n- name: c\n  protocol: UDP\n  port: 53');
    assert.deepEqual(listenerDiagnostics(yaml), []);
  });
});

describe('listener-tls-options-invalid', () => {
  const https = (options: string) => gateway(`- name: opts\n  protocol: HTTPS\n  port: 443\n  tls:\n    certificateRefs:\n    - name: c\n    options:\n${options}`);

  test('an un-prefixed key underlines the key', () => {
    const yaml = https('      min-version: "1.3"');
    const d = expectOne(yaml, 'listener-tls-options-invalid', WARNING, 'min-version', 'min-version:');
    assert.match(d.message, /reserved for Gateway API/);
    assert.match(d.message, /example\.com\/min-version/);
  });

  test('a malformed prefix underlines the key', () => {
    expectOne(https('      Example.COM/min-version: "1.3"'), 'listener-tls-options-invalid', WARNING, 'Example.COM/min-version', 'min-version:');
  });

  test('more than 16 entries underline the options key', () => {
    const entries = Array.from({ length: 17 }, (_, i) => `      example.com/o${i}: "v"`).join('\n');
    const d = expectOne(https(entries), 'listener-tls-options-invalid', WARNING, 'options', 'options:');
    assert.match(d.message, /17 tls\.options entries/);
  });

  test('a value over 4096 characters underlines the value', () => {
    const long = 'x'.repeat(4097);
    expectOne(https(`      example.com/blob: ${long}`), 'listener-tls-options-invalid', WARNING, long, 'example.com/blob:');
  });

  test('16 domain-prefixed entries with 4096-character values are fine', () => {
    const entries = Array.from({ length: 16 }, (_, i) => `      example.com/o${i}: ${'v'.repeat(4096)}`).join('\n');
    expectNone(https(entries), 'listener-tls-options-invalid');
    expectNone(https('      gateway.example.io/min-tls-version: "1.3"'), 'listener-tls-options-invalid');
  });
});

describe('scope and robustness', () => {
  test('only Gateway API Gateways are checked', () => {
    const listeners = '- name: a\n  protocol: QUIC\n  port: 80\n- name: a\n  protocol: QUIC\n  port: 80';
    const codes = (apiVersion?: string) => listenerDiagnostics(gateway(listeners, apiVersion)).map((d) => d.code);
    assert.deepEqual(codes(), ['listener-name-duplicate', 'listener-conflict', 'listener-protocol-unsupported', 'listener-protocol-unsupported']);
    assert.deepEqual(codes('gateway.networking.k8s.io/v1beta1'), codes());
    assert.deepEqual(codes('example.com/v1'), []);
  });

  test('malformed input never throws and yields no listener findings it cannot place', () => {
    const logs: string[] = [];
    const service = getLanguageService({ roots: ['/workspace'], log: (m) => logs.push(m) });
    const specs = [
      'listeners: {name: a}',
      'listeners: "HTTPS"',
      'listeners: null',
      'listeners: 42',
      'listeners:\n  - "just a string"\n  - 42\n  - null\n  - [1, 2]\n  - {}',
      'listeners:\n  - name: 1\n    protocol: 443\n    port: "443"\n    hostname: 10\n    tls: "yes"',
      'listeners:\n  - name: a\n    protocol: HTTPS\n    port: 443\n    tls: [1]',
      'listeners:\n  - name: a\n    protocol: HTTPS\n    port: 443\n    tls:\n      mode: 7\n      certificateRefs: {name: x}\n      options: [a, b]',
      'listeners:\n  - name: a\n    protocol: HTTPS\n    port: 443\n    tls:\n      mode: null\n      certificateRefs: [null, 1, "x"]\n      options: {example.com/a: 1, b: null, "": x}',
      'listeners:\n  - name: [a]\n    protocol: {x: 1}\n    hostname: [1.2.3.4]',
      'listeners:\n  - &l {name: a, protocol: HTTP, port: 80}\n  - *l',
      '',
    ];
    for (const [i, spec] of specs.entries()) {
      const text = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw${i}\nspec:\n  ${spec.replace(/\n/g, '\n  ')}\n`;
      service.setDocument(`file:///workspace/m${i}.yaml`, text);
      assert.doesNotThrow(() => service.doValidation(`file:///workspace/m${i}.yaml`));
    }
    service.setDocument('file:///workspace/nospec.yaml', 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nspec: 3\n');
    service.doValidation('file:///workspace/nospec.yaml');
    assert.deepEqual(logs, []);
  });

  test('a wrongly typed tls is left to the schema', () => {
    const yaml = gateway('- name: a\n  protocol: HTTPS\n  port: 443\n  tls: "yes"');
    expectNone(yaml, 'listener-tls-missing');
    expectNone(yaml, 'listener-certificate-refs-missing');
  });

  test('a settings override changes the case-dependent severity', () => {
    const yaml = gateway('- name: tls\n  protocol: TLS\n  port: 443');
    const [d] = withCode(diagnose(yaml, { severity: { 'listener-tls-missing': 'warning' } }), 'listener-tls-missing');
    assert.equal(d?.severity, WARNING);
  });

  test('the table has one rule per listener code of the catalog', () => {
    // listener-connection-coalescing needs certificates and the implementation: a workspace rule of its own file.
    const listenerCodes = CODES.filter((c) => c.startsWith('listener-') && c !== 'listener-connection-coalescing');
    assert.deepEqual(LISTENER_RULES.map((r) => r.code).sort(), [...listenerCodes].sort());
  });
});

describe('seed examples', () => {
  test('tls-basic (foo and bar on 443) has no listener diagnostics', () => {
    const yaml = gatewayYaml({
      name: 'tls-basic',
      apiVersion: 'v1beta1',
      listeners: [seedListener('foo-https', 'foo.example.com', 'foo-example-com-cert'), seedListener('bar-https', 'bar.example.com', 'bar-example-com-cert')],
    });
    assert.deepEqual(listenerDiagnostics(yaml), []);
  });

  test('wildcard + specific on 443 has no listener diagnostics', () => {
    assert.deepEqual(listenerDiagnostics(WILDCARD_GATEWAY), []);
  });
});
