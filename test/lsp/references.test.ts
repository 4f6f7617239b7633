// Certificate references over LSP: a cross-namespace ref without a grant is reported, the quick fix's
// WorkspaceEdit is applied the way an editor would (a file written on disk and announced with
// didChangeWatchedFiles, a file created, an open document changed with didChange), and the diagnostic clears.
// Definition, references and the grant's code lens answer over the wire.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  FileChangeType,
  ReferencesRequest,
  type CodeAction,
  type CodeLens,
  type CreateFile,
  type Diagnostic,
  type FileEvent,
  type Location,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { documents, gatewayYaml, referenceGrantYaml, secretYaml } from '../helpers/manifests';
import { fileUri, type LspClient, positionOf } from './client';
import { cleanUpAfterTests, startClient, tempWorkspace } from './workspace';

const GATEWAY = gatewayYaml({ name: 'shop', namespace: 'team-a', listeners: [{ name: 'https', hostname: 'shop.example.com', refs: [{ name: 'shop-cert', namespace: 'certs' }] }] });

const SECRET = secretYaml('shop-cert', 'certs');

/** A grant that admits Gateways from team-b only: the near miss the extend fix grows. */
const NEAR_MISS_GRANT = referenceGrantYaml({ name: 'allow-team-b', from: { namespace: 'team-b' } });

cleanUpAfterTests();

/** Starts a server on the workspace, waits for the scan, opens the Gateway and waits for ref-not-permitted. */
async function openGateway(ws: string): Promise<{ client: LspClient; uri: string; diagnostic: Diagnostic }> {
  const client = await startClient({ workspaceFolder: ws });
  await client.waitForProgressEnd('Gateway TLS');
  const uri = fileUri(path.join(ws, 'apps', 'gateway.yaml'));
  await client.open(uri, GATEWAY);
  const published = await client.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'ref-not-permitted'));
  const diagnostic = published.diagnostics.find((d) => d.code === 'ref-not-permitted')!;
  assert.deepEqual(diagnostic.data, { fromNamespace: 'team-a', toNamespace: 'certs', secretName: 'shop-cert' });
  return { client, uri, diagnostic };
}

async function codeActions(client: LspClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  return (result ?? []).filter((a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/**
 * Applies a WorkspaceEdit like an editor: edits to open documents become didChange notifications, other files are
 * written on disk (created first when asked) and announced with didChangeWatchedFiles.
 */
async function applyEdit(client: LspClient, edit: WorkspaceEdit | undefined, open: Map<string, string>): Promise<void> {
  assert.ok(edit?.documentChanges, 'a documentChanges edit');
  const events: FileEvent[] = [];
  for (const change of edit.documentChanges) {
    if ('kind' in change) {
      const create = change as CreateFile;
      assert.equal(create.kind, 'create');
      const file = fileURLToPath(create.uri);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, '', { flag: 'wx' });
      events.push({ uri: create.uri, type: FileChangeType.Created });
      continue;
    }
    const { textDocument } = change as TextDocumentEdit;
    const edits = (change as TextDocumentEdit).edits.filter((e): e is TextEdit => 'newText' in e);
    const openText = open.get(textDocument.uri);
    if (openText !== undefined) {
      // Incremental changes, last edit first, so earlier ranges stay valid.
      const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
      await client.change(textDocument.uri, ordered.map((e) => ({ range: e.range, text: e.newText })));
      open.set(textDocument.uri, TextDocument.applyEdits(TextDocument.create(textDocument.uri, 'yaml', 0, openText), edits));
    } else {
      const file = fileURLToPath(textDocument.uri);
      const before = readFileSync(file, 'utf8');
      writeFileSync(file, TextDocument.applyEdits(TextDocument.create(textDocument.uri, 'yaml', 0, before), edits));
      if (!events.some((e) => e.uri === textDocument.uri)) events.push({ uri: textDocument.uri, type: FileChangeType.Changed });
    }
  }
  if (events.length > 0) await client.watchedFilesChanged(events);
}

const notPermitted = (ds: Diagnostic[]) => ds.some((d) => d.code === 'ref-not-permitted');

describe('certificate references over LSP', { timeout: 60_000 }, () => {
  test("the preferred fix writes a grant into the Secret's file on disk; definition, references and the lens answer", async () => {
    const ws = tempWorkspace({ 'certs/secret.yaml': SECRET });
    const { client, uri, diagnostic } = await openGateway(ws);
    const actions = await codeActions(client, uri, diagnostic);
    assert.deepEqual(actions.map((a) => a.title), ['Create ReferenceGrant in certs for Secret shop-cert', 'Create ReferenceGrant in certs for all Secrets']);
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.equal(preferred.kind, 'quickfix');

    const before = client.diagnostics.length;
    await applyEdit(client, preferred.edit, new Map());
    const after = await client.waitForDiagnostics(uri, (ds) => !notPermitted(ds), { after: before });
    assert.deepEqual(after.diagnostics.filter((d) => d.code === 'ref-not-permitted' || d.code === 'schema'), []);
    const secretFile = path.join(ws, 'certs', 'secret.yaml');
    const written = readFileSync(secretFile, 'utf8');
    assert.match(written, /\n---\napiVersion: gateway\.networking\.k8s\.io\/v1beta1\nkind: ReferenceGrant\n/);

    // Definition: from the ref to the Secret's name.
    const secretUri = fileUri(secretFile);
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(GATEWAY, 'shop-cert', 2) })) as Location[];
    assert.deepEqual(definition, [{ uri: secretUri, range: { start: positionOf(SECRET, 'shop-cert'), end: positionOf(SECRET, 'shop-cert', 'shop-cert'.length) } }]);

    // References: from the Secret to the listener's ref.
    const references = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: secretUri }, position: positionOf(SECRET, 'kind'), context: { includeDeclaration: false } });
    assert.deepEqual(references, [{ uri, range: { start: positionOf(GATEWAY, 'shop-cert'), end: positionOf(GATEWAY, 'shop-cert', 'shop-cert'.length) } }]);

    // The new grant's lens counts the one reference it admits.
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: secretUri } })) as CodeLens[];
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0]!.command?.title, 'admits 1 reference');
    assert.equal(lenses[0]!.command?.command, 'gatewayTls.showReferences');
    assert.equal(lenses[0]!.range.start.line, positionOf(written, 'kind: ReferenceGrant').line);
    assert.equal(await client.shutdown(), 0);
  });

  test('completion in the certificateRef offers the workspace Secrets of its namespace, marked as needing a grant', async () => {
    const other = SECRET.replace('name: shop-cert', 'name: shop-cert-2024');
    const ws = tempWorkspace({ 'certs/secret.yaml': documents(SECRET, other) });
    const { client, uri } = await openGateway(ws);
    const position = positionOf(GATEWAY, 'shop-cert', 'shop-cert'.length);
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    const labels = items.map((i) => i.label).sort();
    assert.deepEqual(labels, ['shop-cert', 'shop-cert-2024']);
    for (const item of items) assert.match(item.detail ?? '', /needs a ReferenceGrant in certs/);
    assert.equal(await client.shutdown(), 0);
  });

  test('with nothing of the namespace in the workspace, the fix creates a file next to the Gateway', async () => {
    const ws = tempWorkspace({ 'apps/gateway.yaml': GATEWAY });
    const { client, uri, diagnostic } = await openGateway(ws);
    const broad = (await codeActions(client, uri, diagnostic)).find((a) => a.title === 'Create ReferenceGrant in certs for all Secrets')!;
    const create = broad.edit?.documentChanges?.[0] as CreateFile;
    assert.equal(create.uri, fileUri(path.join(ws, 'apps', 'referencegrant-team-a-to-certs.yaml')));

    const before = client.diagnostics.length;
    await applyEdit(client, broad.edit, new Map());
    await client.waitForDiagnostics(uri, (ds) => !notPermitted(ds), { after: before });
    assert.match(readFileSync(fileURLToPath(create.uri), 'utf8'), /^apiVersion: gateway\.networking\.k8s\.io\/v1beta1\nkind: ReferenceGrant\n[\s\S]*  name: allow-gateways-from-team-a\n  namespace: certs\n/);
    assert.equal(await client.shutdown(), 0);
  });

  test('an open near-miss grant is extended through didChange', async () => {
    const ws = tempWorkspace({ 'certs/secret.yaml': SECRET, 'certs/grant.yaml': NEAR_MISS_GRANT });
    const { client, uri, diagnostic } = await openGateway(ws);
    const grantUri = fileUri(path.join(ws, 'certs', 'grant.yaml'));
    await client.open(grantUri, NEAR_MISS_GRANT);
    const extend = (await codeActions(client, uri, diagnostic)).find((a) => a.title === 'Add namespace team-a to ReferenceGrant certs/allow-team-b');
    assert.ok(extend, 'an extend fix for the near miss');

    const open = new Map([[grantUri, NEAR_MISS_GRANT]]);
    const before = client.diagnostics.length;
    await applyEdit(client, extend.edit, open);
    await client.waitForDiagnostics(uri, (ds) => !notPermitted(ds), { after: before });
    assert.ok(open.get(grantUri)!.includes('    namespace: team-b\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    namespace: team-a\n  to:\n'));
    const grantDiagnostics = await client.waitForDiagnostics(grantUri, (ds) => !ds.some((d) => d.code === 'reference-grant-unused'));
    assert.deepEqual(grantDiagnostics.diagnostics, []);
    assert.equal(await client.shutdown(), 0);
  });
});
