import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { diagnose, lineOf, onlySchemaError as only, underlined, withCode } from '../helpers/service';

const VALID = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
  namespace: infra
  labels:
    app: web
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  gatewayClassName: acme-lb
  addresses:
  - type: IPAddress
    value: 10.0.0.1
  - value: lb.example.com
    type: Hostname
  infrastructure:
    labels:
      team: edge
    annotations:
      example.com/tier: gold
    parametersRef:
      group: example.com
      kind: LbConfig
      name: web
  allowedListeners:
    namespaces:
      from: Selector
      selector:
        matchLabels:
          shared-gateway: "true"
        matchExpressions:
        - key: env
          operator: In
          values: [prod]
  tls:
    backend:
      clientCertificateRef:
        name: gateway-client
    frontend:
      default:
        validation:
          caCertificateRefs:
          - group: ""
            kind: ConfigMap
            name: client-ca
      perPort:
      - port: 8443
        tls:
          validation:
            mode: AllowInsecureFallback
            caCertificateRefs:
            - {group: "", kind: ConfigMap, name: other-ca, namespace: certs}
  listeners:
  - name: https
    hostname: "*.example.com"
    port: 443
    protocol: HTTPS
    tls:
      mode: Terminate
      certificateRefs:
      - kind: Secret
        group: ""
        name: wildcard-cert
      options:
        example.com/min-version: "1.3"
    allowedRoutes:
      namespaces:
        from: All
      kinds:
      - kind: HTTPRoute
      - group: gateway.networking.k8s.io
        kind: GRPCRoute
  - name: tls-passthrough
    port: 8443
    protocol: TLS
    hostname: db.example.com
    tls:
      mode: Passthrough
  - name: custom
    port: 9000
    protocol: example.com/myproto
status:
  anything: goes
`;

/** A Gateway whose single listener is replaced by `listener` (indented as a list item under listeners). */
function gateway(listener: string, extraSpec = ''): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
spec:
  gatewayClassName: acme-lb
${extraSpec}  listeners:
${listener}`;
}

describe('schema: valid objects', () => {
  test('a full Gateway has no schema diagnostics', () => {
    assert.deepEqual(withCode(diagnose(VALID), 'schema'), []);
  });

  test('v1beta1 uses the same schema', () => {
    const text = VALID.replace('gateway.networking.k8s.io/v1\n', 'gateway.networking.k8s.io/v1beta1\n');
    assert.deepEqual(withCode(diagnose(text), 'schema'), []);
    const broken = text.replace('port: 443', 'port: 0');
    assert.equal(underlined(broken, only(broken)), '0');
  });

  test('tls.options size and value length are left to listener-tls-options-invalid', () => {
    const options = Array.from({ length: 17 }, (_, i) => `        example.com/o${i}: "${'x'.repeat(i === 0 ? 5000 : 1)}"`).join('\n');
    const text = gateway(`  - name: https\n    port: 443\n    protocol: HTTPS\n    tls:\n      certificateRefs:\n      - name: c\n      options:\n${options}\n`);
    assert.deepEqual(withCode(diagnose(text), 'schema'), []);
  });

  test('an unknown bare protocol passes the schema (it is a runtime UnsupportedProtocol)', () => {
    assert.deepEqual(withCode(diagnose(gateway('  - name: a\n    port: 1111\n    protocol: INVALID\n')), 'schema'), []);
  });

  test('objects without a schema are not checked', () => {
    const route = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  bogus: 1\n';
    const old = gateway('  - name: a\n    port: 70000\n    protocol: HTTP\n').replace('/v1\n', '/v1alpha2\n');
    assert.deepEqual(withCode(diagnose(route), 'schema'), []);
    assert.deepEqual(withCode(diagnose(old), 'schema'), []);
  });
});

describe('schema: each kind of constraint', () => {
  test('maximum: port out of range', () => {
    const text = gateway('  - name: a\n    port: 70000\n    protocol: HTTP\n');
    const d = only(text);
    assert.equal(underlined(text, d), '70000');
    assert.equal(d.range.start.line, lineOf(text, 'port: 70000'));
    assert.equal(d.message, 'port of listener "a" must be between 1 and 65535, not 70000. The API server rejects the Gateway.');
  });

  test('type: a quoted port', () => {
    const text = gateway('  - name: a\n    port: "443"\n    protocol: HTTP\n');
    const d = only(text);
    assert.equal(underlined(text, d), '"443"');
    assert.match(d.message, /^port of listener "a" must be a whole number, but it is the string "443"\. Remove the quotes\. The API server rejects the Gateway\.$/);
  });

  test('type: a fractional port', () => {
    const text = gateway('  - name: a\n    port: 80.5\n    protocol: HTTP\n');
    assert.equal(underlined(text, only(text)), '80.5');
  });

  test('type: an empty field that must be a string', () => {
    const text = gateway('  - name: a\n    port: 443\n    protocol: HTTPS\n    tls:\n      mode:\n      certificateRefs:\n      - name: c\n');
    const d = only(text);
    assert.equal(underlined(text, d), 'mode');
    assert.match(d.message, /mode of listener "a" must be a string, but it is empty/);
  });

  test('enum: a misspelt tls mode, with a did-you-mean', () => {
    const text = gateway('  - name: a\n    port: 443\n    protocol: TLS\n    tls:\n      mode: Pasthrough\n');
    const d = only(text);
    assert.equal(underlined(text, d), 'Pasthrough');
    assert.equal(d.message, 'mode of listener "a" must be Terminate or Passthrough, not "Pasthrough". Did you mean Passthrough? The API server rejects the Gateway.');
  });

  test('enum: allowedRoutes.namespaces.from', () => {
    const text = gateway('  - name: a\n    port: 80\n    protocol: HTTP\n    allowedRoutes:\n      namespaces:\n        from: Everywhere\n');
    const d = only(text);
    assert.equal(underlined(text, d), 'Everywhere');
    assert.match(d.message, /^from of listener "a" must be All, Selector or Same, not "Everywhere"\./);
  });

  test('pattern: an upper-case hostname, explained in words', () => {
    const text = gateway('  - name: a\n    port: 80\n    protocol: HTTP\n    hostname: Foo.Example.com\n');
    const d = only(text);
    assert.equal(underlined(text, d), 'Foo.Example.com');
    assert.match(d.message, /^hostname of listener "a" must be a lower-case DNS name, optionally prefixed by \*\. .*not "Foo\.Example\.com"\. Use lower case\. The API server rejects the Gateway\.$/);
  });

  test('pattern: a bare domain as protocol, or a dash after the slash', () => {
    const text = gateway('  - name: a\n    port: 80\n    protocol: example.com\n');
    assert.equal(underlined(text, only(text)), 'example.com');
    const dashed = gateway('  - name: a\n    port: 80\n    protocol: example.com/my-proto\n');
    assert.equal(underlined(dashed, only(dashed)), 'example.com/my-proto');
  });

  test('pattern: a listener name with upper case', () => {
    const text = gateway('  - name: Web_1\n    port: 80\n    protocol: HTTP\n');
    assert.equal(underlined(text, only(text)), 'Web_1');
  });

  test('minLength: an empty hostname is reported once', () => {
    const text = gateway('  - name: a\n    port: 80\n    protocol: HTTP\n    hostname: ""\n');
    const d = only(text);
    assert.equal(underlined(text, d), '""');
    assert.match(d.message, /^hostname of listener "a" must not be empty/);
  });

  test('maxLength: a listener name over 253 characters', () => {
    const name = 'a'.repeat(254);
    const text = gateway(`  - name: ${name}\n    port: 80\n    protocol: HTTP\n`);
    const d = only(text);
    assert.equal(underlined(text, d), name);
    assert.match(d.message, /^name must be between 1 and 253 characters long, not 254\./);
  });

  test('minItems: no listeners', () => {
    const text = gateway('  []\n').replace('listeners:\n  []', 'listeners: []');
    const d = only(text);
    assert.equal(underlined(text, d), '[]');
    assert.match(d.message, /^listeners must have between 1 and 64 items, not 0\./);
  });

  test('maxItems: the first listener over 64 is underlined', () => {
    const listeners = Array.from({ length: 65 }, (_, i) => `  - {name: l${i}, port: ${1000 + i}, protocol: HTTP}`).join('\n');
    const text = gateway(`${listeners}\n`);
    const d = only(text);
    assert.equal(underlined(text, d), '{name: l64, port: 1064, protocol: HTTP}');
    assert.match(d.message, /^listeners may have at most 64 items, not 65/);
  });

  test('minItems and maxItems: frontend caCertificateRefs', () => {
    const empty = gateway('  - {name: a, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: c}]}}\n', '  tls:\n    frontend:\n      default:\n        validation:\n          caCertificateRefs: []\n');
    assert.equal(underlined(empty, only(empty)), '[]');
    const refs = Array.from({ length: 17 }, (_, i) => `          - {group: "", kind: ConfigMap, name: ca${i}}`).join('\n');
    const many = gateway('  - {name: a, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: c}]}}\n', `  tls:\n    frontend:\n      default:\n        validation:\n          caCertificateRefs:\n${refs}\n`);
    assert.equal(underlined(many, only(many)), '{group: "", kind: ConfigMap, name: ca16}');
  });

  test('maxProperties: infrastructure labels', () => {
    const labels = Array.from({ length: 9 }, (_, i) => `      l${i}: v`).join('\n');
    const text = gateway('  - {name: a, port: 80, protocol: HTTP}\n', `  infrastructure:\n    labels:\n${labels}\n`);
    const d = only(text);
    assert.equal(underlined(text, d), 'l8');
    assert.match(d.message, /^labels may have at most 8 entries, not 9\./);
  });

  test('required: a listener without port and protocol underlines its first key', () => {
    const text = gateway('  - name: a\n    hostname: a.example.com\n');
    const d = only(text);
    assert.equal(underlined(text, d), 'name');
    assert.equal(d.range.start.line, lineOf(text, '- name: a'));
    assert.match(d.message, /^listeners\[0\] is missing the required fields port and protocol\./);
  });

  test('required: spec without gatewayClassName underlines spec', () => {
    const text = gateway('  - {name: a, port: 80, protocol: HTTP}\n').replace('  gatewayClassName: acme-lb\n', '');
    const d = only(text);
    assert.equal(underlined(text, d), 'spec');
    assert.match(d.message, /^spec is missing the required field gatewayClassName\./);
  });

  test('required: CA refs need group and kind (no defaults)', () => {
    const text = gateway('  - {name: a, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: c}]}}\n', '  tls:\n    frontend:\n      default:\n        validation:\n          caCertificateRefs:\n          - name: ca\n');
    const d = only(text);
    assert.equal(underlined(text, d), 'name');
    assert.equal(d.range.start.line, lineOf(text, '- name: ca'));
    assert.match(d.message, /missing the required fields group and kind/);
  });

  test('required: a Gateway without spec underlines kind, not the document', () => {
    const text = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: web\n';
    const d = only(text);
    assert.equal(underlined(text, d), 'kind');
    assert.match(d.message, /missing the required field spec/);
  });

  test('type: a label value that is a number', () => {
    const text = gateway('  - {name: a, port: 80, protocol: HTTP}\n').replace('  name: web\n', '  name: web\n  labels:\n    version: 2\n');
    const d = only(text);
    assert.equal(underlined(text, d), '2');
    assert.match(d.message, /^labels\.version must be a string, but it is the number 2\. Quote it: "2"\./);
  });
});

describe('schema: unknown fields', () => {
  test('a misspelt key gets a did-you-mean', () => {
    const text = gateway('  - name: a\n    port: 80\n    protocol: HTTP\n    hostnme: a.example.com\n');
    const d = only(text);
    assert.equal(underlined(text, d), 'hostnme');
    assert.match(d.message, /^hostnme is not a field of listeners\[0\]\. Did you mean hostname\? kubectl rejects unknown fields/);
  });

  test('the removed tls.frontendValidation points to spec.tls.frontend', () => {
    const text = gateway('  - name: a\n    port: 443\n    protocol: HTTPS\n    tls:\n      certificateRefs:\n      - name: c\n      frontendValidation:\n        caCertificateRefs:\n        - {group: "", kind: ConfigMap, name: ca}\n');
    const d = only(text);
    assert.equal(underlined(text, d), 'frontendValidation');
    assert.match(d.message, /spec\.tls\.frontend/);
  });

  test('the removed spec.backendTLS is unknown', () => {
    const text = gateway('  - {name: a, port: 80, protocol: HTTP}\n', '  backendTLS:\n    clientCertificateRef:\n      name: c\n');
    const d = only(text);
    assert.equal(underlined(text, d), 'backendTLS');
    assert.match(d.message, /spec\.tls\.backend\.clientCertificateRef/);
  });

  test('unknown top-level field, and metadata stays loose', () => {
    const text = gateway('  - {name: a, port: 80, protocol: HTTP}\n').replace('metadata:\n', 'metadata:\n  generateName: web-\n  uid: x\n').replace('kind: Gateway\n', 'kind: Gateway\nspek: {}\n');
    const d = only(text);
    assert.equal(underlined(text, d), 'spek');
    assert.match(d.message, /Did you mean spec\?/);
  });

  test('several problems in one Gateway are each reported once', () => {
    const text = gateway('  - name: a\n    port: 0\n    protocol: HTTP\n    hostname: ""\n  - name: B\n    port: 80\n    protocol: HTTP\n    tls2: {}\n');
    const found = withCode(diagnose(text), 'schema').map((d) => underlined(text, d)).sort();
    assert.deepEqual(found, ['""', '0', 'B', 'tls2']);
  });
});

describe('metadata.namespace is an RFC 1123 label (D5: a namespace must never be a path)', () => {
  for (const namespace of ['"../../../../x/app"', 'Team-A', '"a#b"', 'team_a']) {
    test(`${namespace} is a schema error`, () => {
      const yaml = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: shop\n  namespace: ${namespace}\nspec:\n  gatewayClassName: acme\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 80\n`;
      const found = withCode(diagnose(yaml), 'schema');
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.match(found[0]!.message, /namespace/);
    });
  }
  test('a valid namespace is not', () => {
    const yaml = 'apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: g\n  namespace: certs-2\nspec:\n  from:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    namespace: web\n  to:\n  - group: ""\n    kind: Secret\n';
    assert.deepEqual(withCode(diagnose(yaml), 'schema'), []);
  });
});
