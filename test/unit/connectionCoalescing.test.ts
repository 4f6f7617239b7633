// listener-connection-coalescing: HTTPS listeners on one port with different certificates, one of which also covers
// the other's hostname. A warning when the implementation does not report GatewayHTTPSListenerDetectMisdirectedRequests
// as supported, info when it is unknown, silent when it answers 421 or with the setting `none`.
import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import { featureSupport, profileById, profileByClassName } from '../../server/src/model/implementations';
import { makeCertificate, tlsSecretYaml, type TestCertificate } from '../helpers/certs';
import { documents, gatewayYaml, type ListenerSpec } from '../helpers/manifests';
import { plain, serviceWith, underlined, withCode, type PlainDiagnostic } from '../helpers/service';

let wildcard: TestCertificate;
let foo: TestCertificate;
let bar: TestCertificate;

before(async () => {
  [wildcard, foo, bar] = await Promise.all([
    makeCertificate({ cn: '*.example.com', dnsNames: ['*.example.com'] }),
    makeCertificate({ cn: 'foo.example.com', dnsNames: ['foo.example.com'] }),
    makeCertificate({ cn: 'bar.example.com', dnsNames: ['bar.example.com'] }),
  ]);
});

const WILDCARD: ListenerSpec = { name: 'wildcard', hostname: '"*.example.com"', refs: ['wildcard-cert'] };
const FOO: ListenerSpec = { name: 'foo', hostname: 'foo.example.com', refs: ['foo-cert'] };

function files(className: string, listeners: readonly ListenerSpec[] = [WILDCARD, FOO], secrets?: string): Record<string, string> {
  return {
    'gw.yaml': gatewayYaml({ name: 'gw', namespace: 'web', gatewayClassName: className, listeners }),
    'secrets.yaml': secrets ?? documents(tlsSecretYaml('wildcard-cert', 'web', wildcard.certPem, wildcard.keyPem), tlsSecretYaml('foo-cert', 'web', foo.certPem, foo.keyPem)),
  };
}

function coalescing(f: Record<string, string>, settings?: unknown): PlainDiagnostic[] {
  return withCode(plain(serviceWith(f, settings).doValidation('file:///workspace/gw.yaml')), 'listener-connection-coalescing');
}

describe('listener-connection-coalescing', () => {
  test('the data: Envoy Gateway does not support GatewayHTTPSListenerDetectMisdirectedRequests, NGINX Gateway Fabric does', () => {
    assert.equal(featureSupport(profileByClassName('eg')!, 'GatewayHTTPSListenerDetectMisdirectedRequests'), 'unsupported');
    assert.equal(featureSupport(profileByClassName('nginx')!, 'GatewayHTTPSListenerDetectMisdirectedRequests'), 'supported');
    assert.equal(featureSupport(profileByClassName('contour')!, 'GatewayHTTPSListenerDetectMisdirectedRequests'), 'unreported');
  });

  test('a wildcard listener whose certificate covers a specific listener on the same port: a warning on Envoy Gateway, on the covered hostname', () => {
    const f = files('eg');
    const found = coalescing(f);
    assert.equal(found.length, 1, JSON.stringify(found.map((d) => d.message), null, 1));
    const d = found[0]!;
    assert.equal(d.severity, 2);
    assert.equal(underlined(f['gw.yaml']!, d), 'foo.example.com');
    const eg = profileById('envoyproxy/envoy-gateway')!;
    assert.match(d.message, /^Listener "foo" \(foo\.example\.com\) and listener "wildcard" \(\*\.example\.com\) share port 443 with different certificates/);
    assert.match(d.message, /Secret web\/wildcard-cert of listener "wildcard" also covers foo\.example\.com/);
    assert.match(d.message, /HTTP\/2 client/);
    assert.ok(d.message.includes(`Envoy Gateway ${eg.version.replace(/^v/, '')} lists GatewayHTTPSListenerDetectMisdirectedRequests as unsupported`), d.message);
    assert.ok(d.message.includes(`(${eg.reportDate}; gatewayClassName eg is the class Envoy Gateway installs)`), d.message);
    assert.deepEqual(d.data, { implementation: 'envoyproxy/envoy-gateway', feature: 'GatewayHTTPSListenerDetectMisdirectedRequests' });
  });

  test('related information points at both listeners and both certificates', () => {
    const f = files('eg');
    const d = coalescing(f)[0]!;
    const related = (d.relatedInformation ?? []).map((r) => {
      const file = r.location.uri.replace('file:///workspace/', '');
      return `${file}:${f[file]!.split('\n')[r.location.range.start.line]!.trim()}`;
    });
    assert.deepEqual(related.slice(0, 2), ['gw.yaml:hostname: "*.example.com"', 'gw.yaml:- name: foo']);
    assert.equal(related.length, 4);
    assert.ok(related[2]!.startsWith('secrets.yaml:tls.crt:'), related[2]);
    assert.ok(related[3]!.startsWith('secrets.yaml:tls.crt:'), related[3]);
    assert.notEqual(d.relatedInformation![2]!.location.range.start.line, d.relatedInformation![3]!.location.range.start.line);
    assert.match(d.relatedInformation![2]!.message, /Secret web\/wildcard-cert: certificate for \*\.example\.com/);
    assert.match(d.relatedInformation![3]!.message, /Secret web\/foo-cert: certificate for foo\.example\.com/);
  });

  test('a known implementation that does not report the feature: a warning saying so', () => {
    const d = coalescing(files('contour'));
    assert.equal(d.length, 1);
    assert.equal(d[0]!.severity, 2);
    assert.match(d[0]!.message, /does not report GatewayHTTPSListenerDetectMisdirectedRequests in its Gateway API/);
  });

  test('an unknown implementation: info', () => {
    const d = coalescing(files('my-company-gateways'));
    assert.equal(d.length, 1);
    assert.equal(d[0]!.severity, 3);
    assert.match(d[0]!.message, /The serving implementation is unknown \(GatewayClass my-company-gateways is not in the workspace/);
    assert.deepEqual(d[0]!.data, { feature: 'GatewayHTTPSListenerDetectMisdirectedRequests' });
  });

  test('an implementation that answers 421 (NGINX Gateway Fabric): silent', () => {
    assert.deepEqual(coalescing(files('nginx')), []);
  });

  test('the setting none: silent; the setting naming an implementation: that one decides', () => {
    assert.deepEqual(coalescing(files('eg'), { implementation: 'none' }), []);
    assert.deepEqual(coalescing(files('eg'), { implementation: 'nginx/nginx-gateway-fabric' }), []);
    assert.equal(coalescing(files('nginx'), { implementation: 'envoyproxy/envoy-gateway' }).length, 1);
  });

  test('the same certificate (same Secret) for both listeners: silent', () => {
    assert.deepEqual(coalescing(files('eg', [WILDCARD, { ...FOO, refs: ['wildcard-cert'] }])), []);
  });

  test('different ports: silent', () => {
    assert.deepEqual(coalescing(files('eg', [WILDCARD, { ...FOO, port: 8443 }])), []);
  });

  test('certificates that cover only their own listener: silent', () => {
    const secrets = documents(tlsSecretYaml('bar-cert', 'web', bar.certPem, bar.keyPem), tlsSecretYaml('foo-cert', 'web', foo.certPem, foo.keyPem));
    assert.deepEqual(coalescing(files('eg', [{ name: 'bar', hostname: 'bar.example.com', refs: ['bar-cert'] }, FOO], secrets)), []);
  });

  test('a certificate that cannot be read (placeholder data): silent', () => {
    const secrets = documents(tlsSecretYaml('wildcard-cert', 'web', wildcard.certPem, wildcard.keyPem), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: foo-cert\n  namespace: web\ntype: kubernetes.io/tls\ndata:\n  tls.crt: AAAA\n  tls.key: AAAA\n');
    assert.deepEqual(coalescing(files('eg', [WILDCARD, FOO], secrets)), []);
  });

  test('a missing Secret: silent', () => {
    assert.deepEqual(coalescing(files('eg', [WILDCARD, FOO], tlsSecretYaml('wildcard-cert', 'web', wildcard.certPem, wildcard.keyPem))), []);
  });

  test('a listener without hostname matches every name: its certificate covering another listener counts; it is never the covered one', () => {
    const f = files('eg', [{ name: 'any', refs: ['wildcard-cert'] }, FOO]);
    const d = coalescing(f);
    assert.equal(d.length, 1);
    assert.equal(underlined(f['gw.yaml']!, d[0]!), 'foo.example.com');
    assert.match(d[0]!.message, /listener "any" \(every hostname\)/);
  });

  test('both directions are reported when both certificates cover the other hostname', () => {
    const secrets = documents(tlsSecretYaml('wildcard-cert', 'web', wildcard.certPem, wildcard.keyPem), tlsSecretYaml('foo-cert', 'web', wildcard.certPem, wildcard.keyPem));
    const f = files('eg', [{ name: 'bar', hostname: 'bar.example.com', refs: ['wildcard-cert'] }, FOO], secrets);
    const d = coalescing(f);
    assert.deepEqual(d.map((x) => underlined(f['gw.yaml']!, x)).sort(), ['bar.example.com', 'foo.example.com']);
  });

  test('TLS (non-HTTPS) listeners are not checked', () => {
    const tls = (l: ListenerSpec): ListenerSpec => ({ ...l, protocol: 'TLS', mode: 'Terminate' });
    assert.deepEqual(coalescing(files('eg', [tls(WILDCARD), tls(FOO)])), []);
  });
});
