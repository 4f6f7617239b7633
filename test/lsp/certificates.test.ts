// Certificate content over LSP: hovers on a certificateRef and on the TLS Secret, the listener code lenses, and
// the key-mismatch diagnostics, from a real server over stdio. Then the whole stream the server wrote (stdout and
// stderr) is scanned: no line of a private key's PEM body and no 20-character chunk of its base64 may appear.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeLensRequest, type CodeLens, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { keyFragments, makeCertificate, tlsSecretYaml } from '../helpers/certs';
import { documents, gatewayYaml } from '../helpers/manifests';
import { hoverMarkdown } from '../helpers/service';
import { fileUri, LspClient, positionOf } from './client';
import { cleanUpAfterTests, tempWorkspace } from './workspace';

const GATEWAY = gatewayYaml({
  name: 'shop',
  namespace: 'edge',
  listeners: [
    { name: 'foo-https', hostname: 'foo.example.com', refs: ['foo-cert'] },
    { name: 'bad-https', hostname: 'bad.example.com', refs: ['bad-cert'] },
  ],
});

cleanUpAfterTests();

describe('certificates over LSP', { timeout: 60_000 }, () => {
  test('hovers, lenses and key-mismatch diagnostics; no key material anywhere in the stream', async () => {
    const good = await makeCertificate({ cn: 'foo.example.com', dnsNames: ['foo.example.com'], notAfterDays: 200 });
    const other = await makeCertificate({ cn: 'bad.example.com', dnsNames: ['bad.example.com'], algorithm: 'RSA' });
    const intruder = await makeCertificate({ cn: 'intruder', dnsNames: ['bad.example.com'] });
    assert.match(good.keyPem, /^-----BEGIN PRIVATE KEY-----\n/); // PKCS#8
    const secrets = documents(tlsSecretYaml('foo-cert', 'edge', good.certPem, good.keyPem), tlsSecretYaml('bad-cert', 'edge', other.certPem, intruder.keyPem));

    // The scan below looks for exactly what the workspace holds: the base64 of the key is in the Secret's data.
    assert.ok(keyFragments([good.keyPem], 1).filter((f) => !good.keyPem.includes(f)).every((f) => secrets.includes(f)));
    const ws = tempWorkspace({ 'edge/gateway.yaml': GATEWAY, 'edge/secrets.yaml': secrets }, 'gateway-tls-certs-');
    const gatewayUri = fileUri(path.join(ws, 'edge', 'gateway.yaml'));
    const secretsUri = fileUri(path.join(ws, 'edge', 'secrets.yaml'));

    const client = await LspClient.start({ workspaceFolder: ws });
    try {
      await client.waitForProgressEnd('Gateway TLS');
      await client.open(gatewayUri, GATEWAY);
      await client.open(secretsUri, secrets);

      // Diagnostics: the mismatched key, on the ref that uses the Secret and on the Secret's tls.key.
      const mismatch = (ds: Diagnostic[]) => ds.some((d) => d.code === 'certificate-key-mismatch');
      const onGateway = (await client.waitForDiagnostics(gatewayUri, mismatch)).diagnostics.filter((d) => d.code === 'certificate-key-mismatch');
      assert.equal(onGateway.length, 1);
      assert.equal(onGateway[0]!.range.start.line, positionOf(GATEWAY, 'name: bad-cert').line);
      const onSecret = (await client.waitForDiagnostics(secretsUri, mismatch)).diagnostics.filter((d) => d.code === 'certificate-key-mismatch');
      assert.equal(onSecret.length, 1);
      assert.equal(onSecret[0]!.range.start.line, positionOf(secrets, 'tls.key', 0, 1).line);

      // Hover on the ref: resolution, then the certificate summary.
      const refHover = await client.hover(gatewayUri, positionOf(GATEWAY, 'foo-cert', 2));
      const ref = hoverMarkdown(refHover);
      assert.match(ref, /Resolves to Secret `edge\/foo-cert`/);
      assert.match(ref, /- Subject: `CN=foo\.example\.com`/);
      assert.match(ref, /- DNS names: `foo\.example\.com`/);
      assert.match(ref, /- Valid: .*\(expires in (199|200) days\)/);
      assert.match(ref, /- Key: EC P-256 \(PKCS#8\)/);
      assert.match(ref, /- SHA-256: `([0-9A-F]{2}:){31}[0-9A-F]{2}`/);
      assert.match(ref, /- Chain: 1 certificate/);
      assert.match(ref, /- Covers the listener hostname `foo\.example\.com`/);

      // Hover on the mismatched ref names the problem, without the key.
      const bad = hoverMarkdown(await client.hover(gatewayUri, positionOf(GATEWAY, 'bad-cert', 2)));
      assert.match(bad, /- Key: EC P-256 \(PKCS#8\)/);
      assert.match(bad, /\*\*Problem\*\*: tls\.key .* does not belong to the certificate/);

      // Hover on the Secret (its name, its tls.key key and the base64 value of tls.key).
      const secretHover = hoverMarkdown(await client.hover(secretsUri, positionOf(secrets, 'foo-cert', 2)));
      assert.match(secretHover, /^\*\*TLS Secret\*\* `edge\/foo-cert`/);
      assert.match(secretHover, /- listener `foo-https` \(hostname `foo\.example\.com`\) of Gateway `shop`/);
      for (const at of [positionOf(secrets, 'tls.key', 2), positionOf(secrets, 'tls.key: ', 20)]) {
        assert.match(hoverMarkdown(await client.hover(secretsUri, at)), /- Subject: `CN=foo\.example\.com`/);
      }

      // Code lenses over both listeners.
      const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: gatewayUri } })) as CodeLens[];
      assert.deepEqual(
        lenses.map((l) => l.command?.title),
        [`foo.example.com → foo-cert, expires ${good.cert.notAfter.toISOString().slice(0, 10)}`, `bad.example.com → bad-cert, expires ${other.cert.notAfter.toISOString().slice(0, 10)}, key does not match`],
      );
      assert.equal(lenses[0]!.command?.command, 'gatewayTls.showReferences');

      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }

    // The whole stream: every byte the server wrote, as text and as raw bytes.
    const output = client.allOutput();
    const bytes = client.allBytes();
    assert.ok(output.length > 1000, 'the server said something');
    assert.doesNotMatch(output, /PRIVATE KEY/);
    for (const keyPem of [good.keyPem, intruder.keyPem, other.keyPem]) {
      for (const fragment of keyFragments([keyPem], 1)) {
        assert.ok(!output.includes(fragment), `key material in the server output: ${fragment.slice(0, 6)}…`);
        assert.equal(bytes.indexOf(fragment), -1);
      }
    }
  });
});
