// Hovers with certificate details: on a listener's certificateRef (after what it resolves to) and on the TLS
// Secret itself (with the listeners that use it). Never any private key material, anywhere in any hover.
import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import { keyFragments, makeCertificate, tlsSecretYaml, traditionalKey, type TestCertificate } from '../helpers/certs';
import { documents, gatewayYaml, secretYaml } from '../helpers/manifests';
import { hoverMarkdown, lineOf, serviceWith } from '../helpers/service';

/** Two listeners on one Secret: the certificate covers foo.example.com, not bar.example.com. */
const GATEWAY = gatewayYaml({
  name: 'shop',
  namespace: 'edge',
  listeners: [
    { name: 'foo-https', hostname: 'foo.example.com', refs: ['foo-cert'] },
    { name: 'bar-https', hostname: 'bar.example.com', refs: ['foo-cert'] },
  ],
});

const GATEWAY_URI = 'file:///workspace/gateway.yaml';
const SECRET_URI = 'file:///workspace/secrets.yaml';

let leaf: TestCertificate;
let ca: TestCertificate;
let secrets: string;

before(async () => {
  ca = await makeCertificate({ cn: 'Test CA', isCA: true, algorithm: 'RSA' });
  leaf = await makeCertificate({ cn: 'foo.example.com', dnsNames: ['foo.example.com', 'www.foo.example.com'], notAfterDays: 90, issuer: ca });
  // The leaf with its CA (chain of 2) as base64 data; a second Secret in stringData with the key as SEC1.
  secrets = documents(
    tlsSecretYaml('foo-cert', 'edge', leaf.certPem + ca.certPem, leaf.keyPem),
    tlsSecretYaml('plain-cert', 'edge', leaf.certPem, traditionalKey(leaf.keyPem), 'stringData'),
    secretYaml('other', 'edge', { type: 'Opaque', stringData: { password: 'hunter2' } }),
  );
});

function service() {
  return serviceWith({ 'gateway.yaml': GATEWAY, 'secrets.yaml': secrets });
}

function hoverIn(uri: string, text: string, needle: string, shift = 1, occurrence = 0): Hover | null {
  const line = lineOf(text, needle, occurrence);
  return service().doHover(uri, { line, character: text.split('\n')[line]!.indexOf(needle) + shift });
}

describe('hover on a certificateRef', () => {
  test('after the resolution: subject, SANs, issuer, validity, key, fingerprint, chain, hostname coverage', () => {
    const md = hoverMarkdown(hoverIn(GATEWAY_URI, GATEWAY, 'name: foo-cert', 8));
    assert.match(md, /^\*\*Certificate reference\*\* → Secret `edge\/foo-cert`/);
    assert.match(md, /- Resolves to Secret `edge\/foo-cert` in `secrets\.yaml` line 4/);
    assert.ok(md.indexOf('Resolves to') < md.indexOf('**Certificate in `edge/foo-cert`**'), md);
    assert.match(md, /- Subject: `CN=foo\.example\.com`/);
    assert.match(md, /- DNS names: `foo\.example\.com`, `www\.foo\.example\.com`/);
    assert.match(md, /- Issuer: `CN=Test CA`\n/);
    assert.match(md, /- Valid: \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d \(expires in (89|90) days\)/);
    assert.match(md, /- Key: EC P-256 \(PKCS#8\)/);
    assert.match(md, /- SHA-256: `([0-9A-F]{2}:){31}[0-9A-F]{2}`/);
    assert.match(md, /- Chain: 2 certificates/);
    assert.match(md, /- Covers the listener hostname `foo\.example\.com`/);
    // The field documentation still follows.
    assert.match(md, /\n---\n\n\*\*spec\.listeners\[\]\.tls\.certificateRefs\[\]\.name\*\*/);
  });

  test('the fingerprint is the SHA-256 of the leaf DER', async () => {
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update(Buffer.from(leaf.cert.rawData)).digest('hex').toUpperCase().match(/../g)!.join(':');
    assert.ok(hoverMarkdown(hoverIn(GATEWAY_URI, GATEWAY, 'name: foo-cert', 8)).includes(`- SHA-256: \`${expected}\``));
  });

  test('a listener hostname the certificate does not cover is called out', () => {
    const md = hoverMarkdown(hoverIn(GATEWAY_URI, GATEWAY, 'name: foo-cert', 8, 1));
    assert.match(md, /\*\*Does not cover\*\* the listener hostname `bar\.example\.com`/);
  });
});

describe('hover on a TLS Secret', () => {
  test('on metadata.name: the summary and every listener that uses it', () => {
    const md = hoverMarkdown(hoverIn(SECRET_URI, secrets, 'name: foo-cert', 8));
    assert.match(md, /^\*\*TLS Secret\*\* `edge\/foo-cert`/);
    assert.match(md, /- Subject: `CN=foo\.example\.com`/);
    assert.match(md, /- Key: EC P-256 \(PKCS#8\)/);
    assert.match(md, /- Chain: 2 certificates/);
    assert.match(md, /\*\*Used by\*\*/);
    assert.ok(md.includes(`- listener \`foo-https\` (hostname \`foo.example.com\`) of Gateway \`shop\` in \`gateway.yaml\` line ${lineOf(GATEWAY, 'name: foo-cert') + 1}\n`), md);
    assert.ok(md.includes(`- listener \`bar-https\` (hostname \`bar.example.com\`) of Gateway \`shop\` in \`gateway.yaml\` line ${lineOf(GATEWAY, 'name: foo-cert', 1) + 1} — **the certificate does not cover this hostname**`), md);
  });

  test('on type and on the tls.crt / tls.key keys; stringData and SEC1 keys too', () => {
    for (const [needle, shift] of [['type: kubernetes.io/tls', 1], ['tls.crt', 2], ['tls.key', 2]] as const) {
      assert.match(hoverMarkdown(hoverIn(SECRET_URI, secrets, needle, shift)), /- Subject: `CN=foo\.example\.com`/, needle);
    }
    const md = hoverMarkdown(hoverIn(SECRET_URI, secrets, 'tls.key: |', 2));
    assert.match(md, /^\*\*TLS Secret\*\* `edge\/plain-cert`/);
    assert.match(md, /- Key: EC P-256 \(SEC1\)/);
    assert.match(md, /- Chain: 1 certificate\n/);
    assert.match(md, /No listener in the workspace uses it\./);
  });

  test('other places of a Secret, and non-TLS Secrets, get no hover', () => {
    assert.equal(hoverIn(SECRET_URI, secrets, 'apiVersion: v1', 1), null);
    assert.equal(hoverIn(SECRET_URI, secrets, 'name: other', 8), null);
    assert.equal(hoverIn(SECRET_URI, secrets, 'password', 2), null);
  });

  test('no private key bytes in any hover of either document, on any line', () => {
    const fragments = keyFragments([leaf.keyPem, traditionalKey(leaf.keyPem)]);
    const svc = service();
    let hovers = 0;
    for (const [uri, text] of [[SECRET_URI, secrets], [GATEWAY_URI, GATEWAY]] as const) {
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line++) {
        for (let character = 0; character <= lines[line]!.length; character += 3) {
          const hover = svc.doHover(uri, { line, character });
          if (!hover) continue;
          hovers++;
          const md = hoverMarkdown(hover);
          assert.doesNotMatch(md, /PRIVATE KEY/);
          for (const fragment of fragments) assert.ok(!md.includes(fragment), `key material in the hover at ${uri}:${line}:${character}`);
        }
      }
    }
    assert.ok(hovers > 20, `hovered ${hovers} places`);
  });
});
