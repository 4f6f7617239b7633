// Over stdio: an edit re-publishes the open documents that depend on what it changed (a Secret renamed → the
// Gateway that uses it; a Service port renamed → the BackendTLSPolicy that targets it), and an edit of a
// Deployment re-publishes nothing but the Deployment itself.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { backendTlsPolicyYaml, gatewayYaml, secretYaml, serviceYaml } from '../helpers/manifests';
import { fileUri, positionOf } from './client';
import { cleanUpAfterTests, startClient, tempWorkspace } from './workspace';

cleanUpAfterTests();

const FILES = {
  'gw.yaml': gatewayYaml({ name: 'shop', namespace: 'web', listeners: [{ name: 'https', hostname: 'shop.example.com', refs: ['shop-cert'] }] }),
  'secret.yaml': secretYaml('shop-cert', 'web'),
  'policy.yaml': backendTlsPolicyYaml({ target: 'auth-service', section: 'https' }),
  'service.yaml': serviceYaml('auth-service', 'backend', [{ name: 'https', port: 443 }]),
  'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  replicas: 3\n',
};
const has = (code: string) => (ds: Diagnostic[]) => ds.some((d) => d.code === code);
const hasNot = (code: string) => (ds: Diagnostic[]) => !ds.some((d) => d.code === code);

describe('edits re-publish what depends on them', { timeout: 60_000 }, () => {
  test('Secret → its Gateway; Service → its policy; Deployment → nothing else', async () => {
    const ws = tempWorkspace(FILES);
    const uri = (f: keyof typeof FILES) => fileUri(path.join(ws, f));
    const client = await startClient({ workspaceFolder: ws });
    await client.waitForProgressEnd('Gateway TLS');
    for (const f of Object.keys(FILES) as (keyof typeof FILES)[]) await client.open(uri(f), FILES[f]);
    await client.waitForDiagnostics(uri('gw.yaml'), hasNot('certificate-secret-not-found'));
    await client.waitForDiagnostics(uri('policy.yaml'), hasNot('backend-tls-target-not-found'));

    // The Secret renamed in its (open) file: the Gateway is re-published with the missing Secret.
    let before = client.diagnostics.length;
    const at = positionOf(FILES['secret.yaml'], 'shop-cert');
    await client.change(uri('secret.yaml'), [{ range: { start: at, end: { line: at.line, character: at.character + 'shop-cert'.length } }, text: 'shop-cert-old' }]);
    await client.waitForDiagnostics(uri('gw.yaml'), has('certificate-secret-not-found'), { after: before });

    // The Service's port renamed: the policy is re-published with a target that has no such port.
    before = client.diagnostics.length;
    const port = positionOf(FILES['service.yaml'], 'https');
    await client.change(uri('service.yaml'), [{ range: { start: port, end: { line: port.line, character: port.character + 'https'.length } }, text: 'tls' }]);
    await client.waitForDiagnostics(uri('policy.yaml'), has('backend-tls-target-not-found'), { after: before });

    // A Deployment edited: its own (empty) answer, and after the re-check window nothing for anyone else.
    await new Promise((resolve) => setTimeout(resolve, 400));
    before = client.diagnostics.length;
    const replicas = positionOf(FILES['deploy.yaml'], '3');
    await client.change(uri('deploy.yaml'), [{ range: { start: replicas, end: { line: replicas.line, character: replicas.character + 1 } }, text: '4' }]);
    await client.waitForDiagnostics(uri('deploy.yaml'), () => true, { after: before });
    await new Promise((resolve) => setTimeout(resolve, 600));
    const others = client.diagnostics.slice(before).filter((d) => d.uri !== uri('deploy.yaml'));
    assert.deepEqual(others.map((d) => d.uri), [], 'a Deployment edit re-published other files');
    assert.equal(await client.shutdown(), 0);
  });
});
