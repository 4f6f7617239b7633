// Code lenses over HTTPS/TLS listeners: what each will serve ("foo.example.com → foo-cert, expires 2027-03-01"),
// and clicking opens the Secret.
import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import type { CodeLens, Location } from 'vscode-languageserver-types';
import { isoDate } from '../../server/src/x509/validity';
import { makeCertificate, tlsSecretYaml, type TestCertificate } from '../helpers/certs';
import { certificateYaml, documents, gatewayYaml } from '../helpers/manifests';
import { lineOf, serviceWith } from '../helpers/service';

const GATEWAY = gatewayYaml({
  name: 'shop',
  namespace: 'edge',
  listeners: [
    { name: 'valid', hostname: 'foo.example.com', refs: ['foo-cert'] },
    { name: 'missing', hostname: 'gone.example.com', refs: [{ name: 'gone-cert', namespace: 'edge' }] },
    { name: 'expired', hostname: 'old.example.com', refs: ['old-cert'] },
    { name: 'passthrough', protocol: 'TLS', port: 8443, hostname: 'db.example.com', mode: 'Passthrough' },
    { name: 'managed', hostname: 'shop.example.com', refs: ['shop-cert'] },
    { name: 'fallback', refs: ['foo-cert', 'old-cert'] },
    { name: 'plain', protocol: 'HTTP', port: 80 },
  ],
});

const CERTIFICATE = certificateYaml('shop', 'edge', 'shop-cert', { dnsNames: ['shop.example.com'], clusterIssuer: 'le' });

const GATEWAY_URI = 'file:///workspace/gateway.yaml';

let valid: TestCertificate;
let expired: TestCertificate;
let lenses: CodeLens[];
let secrets: string;

before(async () => {
  valid = await makeCertificate({ cn: 'foo.example.com', dnsNames: ['foo.example.com'], notAfterDays: 400 });
  expired = await makeCertificate({ cn: 'old.example.com', dnsNames: ['old.example.com'], notBeforeDays: -100, notAfterDays: -3 });
  secrets = documents(tlsSecretYaml('foo-cert', 'edge', valid.certPem, valid.keyPem), tlsSecretYaml('old-cert', 'edge', expired.certPem, expired.keyPem));
  lenses = serviceWith({ 'gateway.yaml': GATEWAY, 'secrets.yaml': secrets, 'certificate.yaml': CERTIFICATE }).doCodeLens(GATEWAY_URI);
});

/** The lens on the `- name: <listener>` line. */
function lensOf(listener: string): CodeLens {
  const line = lineOf(GATEWAY, `- name: ${listener}`);
  const found = lenses.filter((l) => l.range.start.line === line);
  assert.equal(found.length, 1, `one lens on listener ${listener}: ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
  return found[0]!;
}

describe('listener code lenses', () => {
  test('valid: the hostname, the Secret and its expiry date; clicking opens the Secret', () => {
    const lens = lensOf('valid');
    assert.equal(lens.command?.title, `foo.example.com → foo-cert, expires ${isoDate(valid.cert.notAfter)}`);
    assert.equal(lens.command?.command, 'gatewayTls.showReferences');
    const [uri, position, locations] = lens.command!.arguments as [string, unknown, Location[]];
    assert.equal(uri, GATEWAY_URI);
    assert.deepEqual(position, lens.range.start);
    assert.equal(locations.length, 1);
    assert.equal(locations[0]!.uri, 'file:///workspace/secrets.yaml');
    assert.equal(locations[0]!.range.start.line, lineOf(secrets, 'name: foo-cert'));
    // On the `name:` line, starting at the key.
    assert.equal(lens.range.start.character, GATEWAY.split('\n')[lens.range.start.line]!.indexOf('name:'));
  });

  test('missing: not found, title only', () => {
    const lens = lensOf('missing');
    assert.equal(lens.command?.title, 'gone.example.com → edge/gone-cert (not found)');
    assert.equal(lens.command?.command, '');
  });

  test('expired', () => {
    assert.equal(lensOf('expired').command?.title, `old.example.com → old-cert, EXPIRED ${isoDate(expired.cert.notAfter)}`);
  });

  test('passthrough: no certificate', () => {
    const lens = lensOf('passthrough');
    assert.equal(lens.command?.title, 'db.example.com → passthrough (no certificate)');
    assert.equal(lens.command?.command, '');
  });

  test('produced by cert-manager: clicking opens the Certificate', () => {
    const lens = lensOf('managed');
    assert.equal(lens.command?.title, 'shop.example.com → shop-cert (cert-manager)');
    const locations = (lens.command!.arguments as [string, unknown, Location[]])[2];
    assert.deepEqual(locations.map((l) => [l.uri, l.range.start.line]), [['file:///workspace/certificate.yaml', lineOf(CERTIFICATE, 'secretName')]]);
  });

  test('no hostname: "*", and several refs are joined', () => {
    const lens = lensOf('fallback');
    assert.equal(lens.command?.title, `* → foo-cert, expires ${isoDate(valid.cert.notAfter)}; old-cert, EXPIRED ${isoDate(expired.cert.notAfter)}`);
    assert.equal((lens.command!.arguments as [string, unknown, Location[]])[2].length, 2);
  });

  test('HTTP listeners get no lens', () => {
    assert.equal(lenses.filter((l) => l.range.start.line === lineOf(GATEWAY, '- name: plain')).length, 0);
    assert.equal(lenses.length, 6);
  });
});
