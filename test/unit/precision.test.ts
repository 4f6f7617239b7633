// Issue 9, "Precision and robustness": findings that were errors for what is only a portability or workspace
// question, duplicate or self-contradicting diagnostics, placeholders, odd values and odd keys.
import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import { makeCertificate, tlsSecretYaml, type TestCertificate } from '../helpers/certs';
import { plain, serviceWith, underlined, withCode } from '../helpers/service';

const GW = 'file:///workspace/gw.yaml';

function gateway(tls: string, listeners = '  - name: https\n    protocol: HTTPS\n    port: 443\n    tls:\n      certificateRefs:\n      - name: server-cert\n'): string {
  return `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: infra\nspec:\n  gatewayClassName: acme\n${tls}  listeners:\n${listeners}`;
}

let leaf: TestCertificate;
before(async () => {
  leaf = await makeCertificate({ cn: 'leaf', dnsNames: ['x'] });
});

describe('precision: clientCertificateRef to a Secret not in the workspace', () => {
  test('is a warning that says it may be created elsewhere', () => {
    const yaml = gateway('  tls:\n    backend:\n      clientCertificateRef:\n        name: made-elsewhere\n');
    const diagnostics = plain(serviceWith({ 'gw.yaml': yaml, 'server.yaml': tlsSecretYaml('server-cert', 'infra', leaf.certPem, leaf.keyPem) }).doValidation(GW));
    const [d, ...rest] = withCode(diagnostics, 'backend-client-certificate-invalid');
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, 2);
    assert.match(d!.message, /is not in the workspace; it may be created elsewhere/);
    assert.equal(underlined(yaml, d!), 'made-elsewhere');
  });

  test('a user severity setting still wins over the finding-level warning', () => {
    const yaml = gateway('  tls:\n    backend:\n      clientCertificateRef:\n        name: made-elsewhere\n');
    const diagnostics = plain(serviceWith({ 'gw.yaml': yaml }, { severity: { 'backend-client-certificate-invalid': 'error' } }).doValidation(GW));
    assert.equal(withCode(diagnostics, 'backend-client-certificate-invalid')[0]!.severity, 1);
  });
});
