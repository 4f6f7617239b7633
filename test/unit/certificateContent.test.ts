// Certificate content rules: on the certificateRef that uses a Secret (with the listener's hostname) and on the
// Secret itself.
import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import { plain, serviceWith, underlined, withCode } from '../helpers/service';
import { keyFragments, makeCertificate, tlsSecretYaml, traditionalKey, type TestCertificate } from '../helpers/certs';

function gateway(hostname: string, secret = 'cert'): string {
  return `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: web\nspec:\n  gatewayClassName: acme\n  listeners:\n  - name: https\n    protocol: HTTPS\n    port: 443\n    hostname: "${hostname}"\n    tls:\n      certificateRefs:\n      - name: ${secret}\n`;
}

function run(hostname: string, secretYaml: string, settings?: unknown) {
  const files = { 'gw.yaml': gateway(hostname), 'secret.yaml': secretYaml };
  const service = serviceWith(files, settings);
  return {
    onRef: plain(service.doValidation('file:///workspace/gw.yaml')),
    onSecret: plain(service.doValidation('file:///workspace/secret.yaml')),
    files,
  };
}

let good: TestCertificate;
let other: TestCertificate;
let wildcard: TestCertificate;
let expired: TestCertificate;
let soon: TestCertificate;
let future: TestCertificate;
let noSan: TestCertificate;

before(async () => {
  good = await makeCertificate({ cn: 'foo.example.com', dnsNames: ['foo.example.com'], algorithm: 'RSA' });
  other = await makeCertificate({ cn: 'other', dnsNames: ['foo.example.com'] });
  wildcard = await makeCertificate({ cn: 'wild', dnsNames: ['*.example.com'] });
  expired = await makeCertificate({ cn: 'old', dnsNames: ['foo.example.com'], notBeforeDays: -400, notAfterDays: -2 });
  soon = await makeCertificate({ cn: 'soon', dnsNames: ['foo.example.com'], notAfterDays: 12 });
  future = await makeCertificate({ cn: 'future', dnsNames: ['foo.example.com'], notBeforeDays: 3 });
  noSan = await makeCertificate({ cn: 'foo.example.com' });
});

const CONTENT = ['certificate-invalid', 'certificate-key-mismatch', 'certificate-expired', 'certificate-not-yet-valid', 'certificate-expiring', 'certificate-hostname-mismatch'];
const contentCodes = (ds: { code?: unknown }[]) => ds.map((d) => String(d.code)).filter((c) => CONTENT.includes(c));

describe('certificate content', () => {
  test('a good pair in data or stringData, PKCS#1 key: nothing to report', () => {
    for (const yaml of [tlsSecretYaml('cert', 'web', good.certPem, good.keyPem), tlsSecretYaml('cert', 'web', good.certPem, traditionalKey(good.keyPem), 'stringData')]) {
      const { onRef, onSecret } = run('foo.example.com', yaml);
      assert.deepEqual(contentCodes(onRef), []);
      assert.deepEqual(contentCodes(onSecret), []);
    }
  });

  test('key mismatch: error on the ref name and on the tls.key key of the Secret', () => {
    const { onRef, onSecret, files } = run('foo.example.com', tlsSecretYaml('cert', 'web', good.certPem, other.keyPem));
    const [ref] = withCode(onRef, 'certificate-key-mismatch');
    assert.ok(ref);
    assert.equal(ref.severity, 1);
    assert.equal(underlined(files['gw.yaml'], ref), 'cert');
    assert.match(ref.message, /Listener "https" uses Secret web\/cert: tls\.key \(EC P-256\) does not belong to the certificate/);
    const [onKey] = withCode(onSecret, 'certificate-key-mismatch');
    assert.ok(onKey);
    assert.equal(underlined(files['secret.yaml'], onKey), 'tls.key');
  });

  test('malformed data (the conformance "Hello world" Secret) is certificate-invalid on both keys', () => {
    const yaml = tlsSecretYaml('cert', 'web', 'Hello world', 'Hello world');
    const { onRef, onSecret, files } = run('foo.example.com', yaml);
    assert.deepEqual(contentCodes(onRef), ['certificate-invalid', 'certificate-invalid']);
    assert.deepEqual(withCode(onSecret, 'certificate-invalid').map((d) => underlined(files['secret.yaml'], d)).sort(), ['tls.crt', 'tls.key']);
  });

  test('data that is not base64 is reported as such', () => {
    const yaml = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: cert\n  namespace: web\ntype: kubernetes.io/tls\ndata:\n  tls.crt: "-----BEGIN CERTIFICATE-----"\n  tls.key: AAAA\n';
    const [d] = withCode(run('foo.example.com', yaml).onSecret, 'certificate-invalid');
    assert.match(d!.message, /data\.tls\.crt is not base64 \(use stringData for plain PEM text\)/);
  });

  test('expired (error), not yet valid and expiring (warnings), with the expiry setting', () => {
    const codesFor = (c: TestCertificate, settings?: unknown) => contentCodes(run('foo.example.com', tlsSecretYaml('cert', 'web', c.certPem, c.keyPem), settings).onRef);
    assert.deepEqual(codesFor(expired), ['certificate-expired']);
    assert.deepEqual(codesFor(future), ['certificate-not-yet-valid']);
    assert.deepEqual(codesFor(soon), ['certificate-expiring']);
    assert.deepEqual(codesFor(soon, { certificates: { expiryWarningDays: 5 } }), []);
    const { onRef } = run('foo.example.com', tlsSecretYaml('cert', 'web', expired.certPem, expired.keyPem));
    assert.equal(withCode(onRef, 'certificate-expired')[0]!.severity, 1);
    assert.equal(withCode(run('foo.example.com', tlsSecretYaml('cert', 'web', soon.certPem, soon.keyPem)).onRef, 'certificate-expiring')[0]!.severity, 2);
  });

  test('hostname mismatch uses TLS wildcard rules; no SANs is a mismatch', () => {
    const mismatch = (host: string, c: TestCertificate) => withCode(run(host, tlsSecretYaml('cert', 'web', c.certPem, c.keyPem)).onRef, 'certificate-hostname-mismatch');
    assert.equal(mismatch('foo.example.com', wildcard).length, 0);
    assert.equal(mismatch('*.example.com', wildcard).length, 0);
    const deep = mismatch('a.b.example.com', wildcard);
    assert.equal(deep.length, 1);
    assert.equal(deep[0]!.severity, 2);
    assert.match(deep[0]!.message, /covers \*\.example\.com, not the listener hostname a\.b\.example\.com/);
    assert.equal(mismatch('bar.example.com', good).length, 1);
    assert.match(mismatch('foo.example.com', noSan)[0]!.message, /no DNS subject alternative names/);
  });

  test('SOPS-encrypted Secrets are not content-checked', () => {
    const yaml = `${tlsSecretYaml('cert', 'web', 'ENC[AES256_GCM,data:xx]', 'ENC[AES256_GCM,data:yy]', 'stringData')}sops:\n  version: 3.8.1\n`;
    const { onRef, onSecret } = run('foo.example.com', yaml);
    assert.deepEqual(contentCodes(onRef), []);
    assert.deepEqual(contentCodes(onSecret), []);
  });

  test('no diagnostic ever carries private key material', () => {
    const fragments = keyFragments([other.keyPem], 1);
    const { onRef, onSecret } = run('bar.example.com', tlsSecretYaml('cert', 'web', good.certPem, other.keyPem));
    assert.ok(onRef.length > 0 && onSecret.length > 0, 'the mismatched key is reported on both sides');
    for (const d of [...onRef, ...onSecret]) {
      const text = JSON.stringify(d);
      assert.ok(fragments.every((f) => !text.includes(f)), text);
    }
  });
});
