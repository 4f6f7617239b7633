// Certificate analysis: PEM chains, private key forms, key matching, chain order, validity, SAN coverage, CA bundles.
import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { analyzeTlsPair } from '../../server/src/x509/analyzeTlsPair';
import { analyzeCaBundle } from '../../server/src/x509/caBundle';
import { readPrivateKey } from '../../server/src/x509/privateKey';
import { certificateCovers, sanCovers } from '../../server/src/x509/hostnames';
import { validityProblems } from '../../server/src/x509/validity';
import { encryptedKey, keyFragments, makeCertificate, traditionalKey, type TestCertificate } from '../helpers/certs';

let rsa: TestCertificate;
let ec: TestCertificate;
let ca: TestCertificate;
let intermediate: TestCertificate;
let leaf: TestCertificate;

before(async () => {
  rsa = await makeCertificate({ cn: 'rsa.example.com', dnsNames: ['rsa.example.com'], algorithm: 'RSA' });
  ec = await makeCertificate({ cn: 'ec.example.com', dnsNames: ['ec.example.com', '*.ec.example.com'] });
  ca = await makeCertificate({ cn: 'Test Root CA', isCA: true, algorithm: 'RSA', notAfterDays: 3650 });
  intermediate = await makeCertificate({ cn: 'Test Intermediate', isCA: true, issuer: ca });
  leaf = await makeCertificate({ cn: 'leaf.example.com', dnsNames: ['leaf.example.com'], issuer: intermediate });
});

describe('analyzeTlsPair', () => {
  test('RSA and EC pairs in PKCS#8 and PKCS#1/SEC1 are read and match', () => {
    for (const c of [rsa, ec]) {
      for (const key of [c.keyPem, traditionalKey(c.keyPem)]) {
        const result = analyzeTlsPair(c.certPem, key);
        assert.deepEqual(result.problems, []);
        assert.equal(result.chain.length, 1);
      }
    }
    const rsaResult = analyzeTlsPair(rsa.certPem, traditionalKey(rsa.keyPem));
    assert.equal(rsaResult.keyDescription, 'RSA 2048 (PKCS#1)');
    assert.equal(analyzeTlsPair(ec.certPem, traditionalKey(ec.keyPem)).keyDescription, 'EC P-256 (SEC1)');
    assert.deepEqual(analyzeTlsPair(ec.certPem, ec.keyPem).chain[0]!.dnsNames, ['ec.example.com', '*.ec.example.com']);
  });

  test('a key of another certificate is a mismatch, named by key type', () => {
    const result = analyzeTlsPair(rsa.certPem, ec.keyPem);
    assert.deepEqual(result.problems.map((p) => [p.code, p.key]), [['certificate-key-mismatch', 'tls.key']]);
    assert.match(result.problems[0]!.message, /tls\.key \(EC P-256\) does not belong to the certificate in tls\.crt \(CN=rsa\.example\.com, RSA 2048\)/);
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.equal(analyzeTlsPair(ec.certPem, ed).problems[0]!.code, 'certificate-key-mismatch');
  });

  test('garbage, a key in tls.crt and encrypted keys are invalid', () => {
    assert.match(analyzeTlsPair('Hello world', ec.keyPem).problems[0]!.message, /tls\.crt is not a PEM certificate: it holds no PEM block/);
    assert.match(analyzeTlsPair(ec.keyPem, ec.keyPem).problems[0]!.message, /is a PRIVATE KEY, not a CERTIFICATE \(a private key belongs in tls\.key\)/);
    const encrypted = analyzeTlsPair(ec.certPem, encryptedKey(ec.keyPem));
    assert.deepEqual(encrypted.problems.map((p) => [p.code, p.key]), [['certificate-invalid', 'tls.key']]);
    assert.match(encrypted.problems[0]!.message, /encrypted private key/);
    assert.equal(analyzeTlsPair(ec.certPem, 'Hello world').problems[0]!.key, 'tls.key');
    const broken = ec.certPem.replace(/\n[A-Za-z0-9+/]{10}/, '\nAAAAAAAAAA');
    assert.equal(analyzeTlsPair(broken, undefined).problems[0]!.code, 'certificate-invalid');
  });

  test('chains: leaf first is fine, reversed or unrelated members are reported', () => {
    assert.deepEqual(analyzeTlsPair(leaf.certPem + intermediate.certPem + ca.certPem, leaf.keyPem).problems, []);
    const reversed = analyzeTlsPair(ca.certPem + intermediate.certPem + leaf.certPem, undefined);
    assert.match(reversed.problems[0]!.message, /reverse order/);
    const unrelated = analyzeTlsPair(leaf.certPem + rsa.certPem, undefined);
    assert.match(unrelated.problems[0]!.message, /chain member 2 \(CN=rsa\.example\.com\) does not sign member 1 \(CN=leaf\.example\.com\)/);
  });

  test('no problem message ever contains key material', () => {
    const fragments = keyFragments([ec.keyPem], 1);
    const results = [analyzeTlsPair(rsa.certPem, ec.keyPem), analyzeTlsPair(ec.keyPem, 'x'), analyzeTlsPair(ec.certPem, ec.keyPem.replace('A', '!'))];
    assert.ok(results.every((r) => r.problems.length > 0), 'each case reports a problem');
    const messages = results.flatMap((r) => r.problems.map((p) => p.message));
    for (const message of messages) assert.ok(fragments.every((f) => !message.includes(f)), message);
    assert.deepEqual(Object.keys(readPrivateKey(ec.keyPem)).sort(), ['description', 'format', 'kind', 'spki']);
  });
});

describe('validity', () => {
  test('expired, not yet valid and expiring', async () => {
    const expired = await makeCertificate({ cn: 'old', notBeforeDays: -100, notAfterDays: -3 });
    const future = await makeCertificate({ cn: 'new', notBeforeDays: 5, notAfterDays: 100 });
    const soon = await makeCertificate({ cn: 'soon', notAfterDays: 10 });
    const now = new Date();
    const codes = (c: TestCertificate, days = 30) => validityProblems(analyzeTlsPair(c.certPem, undefined).chain, now, days).map((p) => p.code);
    assert.deepEqual(codes(expired), ['certificate-expired']);
    assert.match(validityProblems(analyzeTlsPair(expired.certPem, undefined).chain, now, 30)[0]!.message, /expired on \d{4}-\d\d-\d\d \(3 days ago\)/);
    assert.deepEqual(codes(future), ['certificate-not-yet-valid']);
    assert.deepEqual(codes(soon), ['certificate-expiring']);
    assert.deepEqual(codes(soon, 7), []);
    assert.deepEqual(codes(ec), []);
  });
});

describe('SAN coverage (TLS rules)', () => {
  const cases: [string, string, boolean][] = [
    ['foo.example.com', 'foo.example.com', true],
    ['FOO.example.com', 'foo.example.com', true],
    ['*.example.com', 'foo.example.com', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['*.example.com', '*.example.com', true],
    ['foo.example.com', '*.example.com', false],
    ['*.com', '*.example.com', false],
  ];
  for (const [san, host, covered] of cases) {
    test(`${san} ${covered ? 'covers' : 'does not cover'} ${host}`, () => assert.equal(sanCovers(san, host), covered));
  }
  test('no SANs cover nothing', () => assert.equal(certificateCovers([], 'foo.example.com'), false));
});

describe('analyzeCaBundle', () => {
  test('a CA bundle is fine; a leaf, an expired CA and garbage are not', async () => {
    assert.deepEqual(analyzeCaBundle(ca.certPem + intermediate.certPem, new Date()).problems, []);
    assert.match(analyzeCaBundle(leaf.certPem, new Date()).problems[0]!, /is not a CA certificate/);
    const oldCa = await makeCertificate({ cn: 'Old CA', isCA: true, notBeforeDays: -20, notAfterDays: -1 });
    assert.match(analyzeCaBundle(oldCa.certPem, new Date()).problems[0]!, /expired on/);
    assert.match(analyzeCaBundle('nope', new Date()).problems[0]!, /ca\.crt is not PEM/);
  });
});
