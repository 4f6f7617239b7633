// Gateway-level TLS (spec.tls): the backend client certificate and frontend client-certificate validation, after
// the conformance suite's GatewayInvalidTLSBackendConfiguration and GatewayInvalidFrontendClientCertificateValidation.
import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import { makeCertificate, tlsSecretYaml, type TestCertificate } from '../helpers/certs';
import { configMapYaml, literalBlock, referenceGrantYaml, secretYaml } from '../helpers/manifests';
import { plain, serviceWith, underlined, withCode } from '../helpers/service';

const GW = 'file:///workspace/gw.yaml';

function gateway(tls: string, listeners = '  - name: https\n    protocol: HTTPS\n    port: 443\n    tls:\n      certificateRefs:\n      - name: server-cert\n'): string {
  return `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: infra\nspec:\n  gatewayClassName: acme\n  tls:\n${tls}  listeners:\n${listeners}`;
}

const backend = (ref: string) => `    backend:\n      clientCertificateRef:\n${ref}`;
const frontend = (perPort: string) =>
  `    frontend:\n      default:\n        validation:\n          caCertificateRefs:\n          - group: ""\n            kind: ConfigMap\n            name: good-ca\n${perPort}`;
const perPort = (port: number, ref: string) => `      perPort:\n      - port: ${port}\n        tls:\n          validation:\n            caCertificateRefs:\n${ref}`;

let ca: TestCertificate;
let leaf: TestCertificate;
let base: Record<string, string>;
before(async () => {
  ca = await makeCertificate({ cn: 'Client CA', isCA: true });
  leaf = await makeCertificate({ cn: 'leaf', dnsNames: ['x'] });
  base = {
    'server.yaml': tlsSecretYaml('server-cert', 'infra', leaf.certPem, leaf.keyPem),
    'client.yaml': tlsSecretYaml('client-cert', 'infra', leaf.certPem, leaf.keyPem),
    'ca.yaml': configMapYaml('good-ca', 'infra', { 'ca.crt': literalBlock(ca.certPem) }),
  };
});

function check(tls: string, extra: Record<string, string> = {}, listeners?: string) {
  const files = { ...base, 'gw.yaml': gateway(tls, listeners), ...extra };
  return { diagnostics: plain(serviceWith(files).doValidation(GW)), text: files['gw.yaml'] };
}

describe('spec.tls.backend.clientCertificateRef', () => {
  test('a TLS Secret in the same namespace is fine', () => {
    assert.deepEqual(check(backend('        name: client-cert\n')).diagnostics, []);
  });

  const invalid: [string, string, RegExp, string][] = [
    ['a wrong group', '        group: wrong.group.company.io\n        name: client-cert\n', /must name a core Secret/, 'wrong.group.company.io'],
    ['a wrong kind', '        kind: WrongKind\n        name: client-cert\n', /must name a core Secret/, 'WrongKind'],
    ['an Opaque Secret', '        name: opaque\n', /its type is Opaque/, 'opaque'],
  ];
  for (const [label, ref, message, text] of invalid) {
    test(`${label} is backend-client-certificate-invalid on the offending value`, () => {
      const { diagnostics, text: yaml } = check(backend(ref), { 'opaque.yaml': secretYaml('opaque', 'infra', { type: 'Opaque', data: {} }) });
      const [d, ...rest] = withCode(diagnostics, 'backend-client-certificate-invalid');
      assert.equal(rest.length, 0);
      assert.equal(d!.severity, 1);
      assert.match(d!.message, message);
      assert.equal(underlined(yaml, d!), text);
    });
  }

  test('another namespace needs a grant (ref-not-permitted, with the grant quick fix)', () => {
    const ref = '        name: client-cert\n        namespace: certs\n';
    const files = { 'certs.yaml': tlsSecretYaml('client-cert', 'certs', leaf.certPem, leaf.keyPem) };
    const [d] = withCode(check(backend(ref), files).diagnostics, 'ref-not-permitted');
    assert.match(d!.message, /client certificate is Secret certs\/client-cert/);
    const service = serviceWith({ ...base, 'gw.yaml': gateway(backend(ref)), ...files });
    const titles = service.doCodeActions(GW, d!.range, [d!]).map((a) => a.title);
    assert.ok(titles.includes('Create ReferenceGrant in certs for Secret client-cert'), titles.join());
    const granted = check(backend(ref), { ...files, 'grant.yaml': referenceGrantYaml({ from: { namespace: 'infra' } }) });
    assert.deepEqual(granted.diagnostics, []);
  });
});

describe('spec.tls.frontend', () => {
  test('a default with a valid CA bundle is fine', () => {
    assert.deepEqual(check(frontend('')).diagnostics, []);
  });

  test('perPort: nonexistent ConfigMap, kind Service, and another namespace without a grant', () => {
    const listeners = ['https', 7443, 8443, 6443].map((p, i) => `  - name: l${i}\n    protocol: HTTPS\n    port: ${p === 'https' ? 443 : p}\n    tls:\n      certificateRefs:\n      - name: server-cert\n`).join('');
    const ports =
      perPort(7443, '            - group: ""\n              kind: ConfigMap\n              name: nonexistent-ca\n') +
      '      - port: 8443\n        tls:\n          validation:\n            caCertificateRefs:\n            - group: ""\n              kind: Service\n              name: good-ca\n' +
      '      - port: 6443\n        tls:\n          validation:\n            caCertificateRefs:\n            - group: ""\n              kind: ConfigMap\n              name: good-ca\n              namespace: web-backend\n';
    const { diagnostics, text } = check(frontend(ports), { 'wb.yaml': configMapYaml('good-ca', 'web-backend', { 'ca.crt': literalBlock(ca.certPem) }) }, listeners);
    const byCode = (c: string) => withCode(diagnostics, c).map((d) => underlined(text, d));
    assert.deepEqual(byCode('frontend-ca-not-found'), ['nonexistent-ca']);
    assert.deepEqual(byCode('frontend-ca-ref-unsupported'), ['Service']);
    assert.deepEqual(byCode('ref-not-permitted'), ['web-backend']);
    assert.equal(diagnostics.length, 3);
  });

  test('a CA bundle without ca.crt, or holding a leaf, is frontend-ca-invalid', () => {
    for (const data of [{ other: 'x' }, { 'ca.crt': literalBlock(leaf.certPem) }] as Record<string, string>[]) {
      const { diagnostics } = check(frontend(''), { 'ca.yaml': configMapYaml('good-ca', 'infra', data) });
      assert.deepEqual(diagnostics.map((d) => d.code), ['frontend-ca-invalid']);
      assert.match(diagnostics[0]!.message, /no ca\.crt key|not a CA certificate/);
    }
  });

  test('a perPort entry for a port no HTTPS listener uses is reported on its port', () => {
    const { diagnostics, text } = check(frontend(perPort(80, '            - group: ""\n              kind: ConfigMap\n              name: good-ca\n')));
    const [d] = withCode(diagnostics, 'frontend-per-port-unknown');
    assert.equal(d!.severity, 2);
    assert.equal(underlined(text, d!), '80');
    assert.match(d!.message, /HTTPS\/TLS ports: 443/);
  });
});

test('grants used only by spec.tls references are not reported unused', () => {
  const ref = '        name: client-cert\n        namespace: certs\n';
  const files = { ...base, 'gw.yaml': gateway(backend(ref)), 'certs.yaml': tlsSecretYaml('client-cert', 'certs', leaf.certPem, leaf.keyPem), 'grant.yaml': referenceGrantYaml({ from: { namespace: 'infra' } }) };
  assert.deepEqual(withCode(serviceWith(files).doValidation('file:///workspace/grant.yaml'), 'reference-grant-unused'), []);
});
