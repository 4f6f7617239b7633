// BackendTLSPolicy over LSP: a v1alpha2 policy is reported deprecated, the migration code action's edit is
// applied with didChange the way an editor would, and the deprecation clears without any schema error. Then
// completion of a target ref name and the policy's code lens answer over stdio.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, CodeLensRequest, type CodeAction, type CodeLens, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol/node';
import { documents, serviceYaml } from '../helpers/manifests';
import { fileUri, positionOf } from './client';
import { cleanUpAfterTests, startClient, tempWorkspace } from './workspace';

const SERVICE = documents(serviceYaml('auth-service', 'backend', [{ name: 'https', port: 443 }]), serviceYaml('billing', 'backend'));

const POLICY = `# upstream TLS for the auth backend
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: BackendTLSPolicy
metadata:
  name: tls-upstream-auth
  namespace: backend
spec:
  targetRef:
    kind: Service
    name: auth-service
    group: ""
  tls:
    wellKnownCACerts: "System"
    hostname: auth.example.com
`;

cleanUpAfterTests();

const deprecated = (ds: Diagnostic[]) => ds.some((d) => d.code === 'api-version-deprecated');

describe('BackendTLSPolicy over LSP', { timeout: 60_000 }, () => {
  test('migrate a v1alpha2 policy with the code action; completion and the code lens answer', async () => {
    const ws = tempWorkspace({ 'service.yaml': SERVICE, 'policy.yaml': POLICY }, 'gateway-tls-btp-');
    const client = await startClient({ workspaceFolder: ws });
    await client.waitForProgressEnd('Gateway TLS');
    const uri = fileUri(path.join(ws, 'policy.yaml'));
    await client.open(uri, POLICY);
    const published = await client.waitForDiagnostics(uri, deprecated);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['api-version-deprecated']);
    const diagnostic = published.diagnostics[0]!;

    const result = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const actions = (result ?? []).filter((a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
    const migrate = actions.find((a) => a.title === 'Migrate BackendTLSPolicy to v1');
    assert.ok(migrate, `the migration among ${JSON.stringify(actions.map((a) => a.title))}`);
    const change = migrate.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.equal(change.textDocument.uri, uri);
    const edits = change.edits as TextEdit[];
    assert.equal(edits.length, 1);

    const before = client.diagnostics.length;
    await client.change(uri, edits.map((e) => ({ range: e.range, text: e.newText })));
    const migrated = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, POLICY), edits);
    const afterFix = await client.waitForDiagnostics(uri, (ds) => !deprecated(ds), { after: before });
    assert.deepEqual(afterFix.diagnostics, [], 'no deprecation, no schema error, nothing else');
    assert.ok(migrated.startsWith('# upstream TLS for the auth backend\napiVersion: gateway.networking.k8s.io/v1\n'));
    assert.match(migrated, /\n  targetRefs:\n    - kind: Service\n      name: auth-service\n[\s\S]*\n  validation:\n    wellKnownCACertificates: "System"\n/);

    // Completion of the target ref's name: the Services of the policy's namespace.
    const items = await client.completion(uri, positionOf(migrated, 'auth-service', 'auth-service'.length));
    assert.deepEqual(items.map((i) => i.label).sort(), ['auth-service', 'billing']);
    assert.equal(items.find((i) => i.label === 'auth-service')?.detail, 'Service in service.yaml · ports https');

    // The code lens on the policy says what it applies to and opens the Service.
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
    const policyLens = lenses.find((l) => l.command?.title.startsWith('applies to'));
    assert.ok(policyLens, `a policy lens among ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
    assert.equal(policyLens.command?.title, 'applies to Service auth-service all ports');
    assert.equal(policyLens.command?.command, 'gatewayTls.showReferences');
    assert.equal(policyLens.range.start.line, positionOf(migrated, 'kind: BackendTLSPolicy').line);
    assert.equal(await client.shutdown(), 0);
  });
});
