// Issue 5 in a real VS Code: a BackendTLSPolicy written for v1alpha2 (fixtures/backend-tls/policy.yaml) gets
// api-version-deprecated; "Migrate BackendTLSPolicy to v1", applied through the code action provider and
// workspace.applyEdit, turns it into a v1 policy that validates (no schema diagnostic) and whose code lens says what
// it applies to.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeOf,
  describeDiagnostics,
  DIAGNOSTICS_TIMEOUT_MS,
  fixture,
  openInEditor,
  ours,
  sleep,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
} from './helpers';

const MIGRATE = 'Migrate BackendTLSPolicy to v1';
const APPLIES = 'applies to Service payments-api port https';

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<(vscode.CodeAction | vscode.Command)[]> {
  return (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

describe('BackendTLSPolicy: migration to v1 and code lens (issue 5)', function () {
  let editor: vscode.TextEditor;
  let uri: vscode.Uri;

  before(async function () {
    await activateExtension();
    await vscode.workspace.openTextDocument(vscode.Uri.file(fixture('backend-tls', 'service.yaml')));
    editor = await openInEditor(fixture('backend-tls', 'policy.yaml'));
    uri = editor.document.uri;
  });


  // The next test file finds a clean editor area (its screenshot shows only its own file).
  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports api-version-deprecated on a v1alpha2 policy', async function () {
    const d = await waitForDiagnostic(uri, 'api-version-deprecated');
    assert.equal(editor.document.lineAt(d.range.start.line).text.startsWith('apiVersion: gateway.networking.k8s.io/v1alpha2'), true, `the diagnostic is on line ${d.range.start.line + 1}: ${editor.document.lineAt(d.range.start.line).text}`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    const schema = ours(uri).filter((x) => codeOf(x) === 'schema');
    assert.deepEqual(schema, [], `the v1alpha2 fixture is valid v1alpha2, yet:\n${describeDiagnostics(schema)}`);
  });

  it('"Migrate BackendTLSPolicy to v1" rewrites the policy; the deprecation goes and no schema error comes', async function () {
    const d = await waitForDiagnostic(uri, 'api-version-deprecated');
    let titles: string[] = [];
    const actions = await waitFor(
      `the "${MIGRATE}" code action`,
      15_000,
      async () => {
        const all = await codeActions(uri, d.range);
        titles = all.map((a) => a.title);
        return all.some((a) => a.title === MIGRATE) && all;
      },
      () => `code actions at line ${d.range.start.line + 1}: ${JSON.stringify(titles)}`,
    );
    const migrate = actions.find((a): a is vscode.CodeAction => a.title === MIGRATE && 'edit' in a);
    assert.ok(migrate?.edit, `"${MIGRATE}" carries no edit`);
    assert.deepEqual(migrate.edit.entries().map(([u]) => path.basename(u.fsPath)), ['policy.yaml'], 'the migration edits only the policy file');
    assert.ok(await vscode.workspace.applyEdit(migrate.edit), 'workspace.applyEdit refused the edit');
    assert.ok(await editor.document.save(), 'could not save policy.yaml');

    const text = editor.document.getText();
    console.log(`policy.yaml after the migration:\n${text}`);
    assert.match(text, /^apiVersion: gateway\.networking\.k8s\.io\/v1$/m, text);
    assert.match(text, /^ {2}targetRefs:$/m, text);
    assert.match(text, /^ {2}validation:$/m, text);
    assert.match(text, /wellKnownCACertificates: System/, text);
    assert.doesNotMatch(text, /targetRef:|^ {2}tls:|wellKnownCACerts:/m, text);

    await waitForNoDiagnostic(uri, 'api-version-deprecated');
    // Give the server a moment to publish anything else the new text triggers, then look for schema errors.
    await sleep(1000);
    const bad = ours(uri).filter((x) => ['schema', 'yaml-syntax', 'api-version-deprecated'].includes(codeOf(x) ?? ''));
    assert.deepEqual(bad, [], `after the migration policy.yaml has:\n${describeDiagnostics(bad)}\n${text}`);
  });

  it(`code lens on the policy: "${APPLIES}"`, async function () {
    let titles: string[] = [];
    const lenses = await waitFor(
      `the code lens "${APPLIES}"`,
      DIAGNOSTICS_TIMEOUT_MS,
      async () => {
        const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
        titles = all.map((l) => l.command?.title ?? '(no command)');
        return titles.includes(APPLIES) && all;
      },
      () => `code lenses of policy.yaml: ${JSON.stringify(titles)}`,
    );
    const lens = lenses.find((l) => l.command?.title === APPLIES)!;
    assert.equal(editor.document.lineAt(lens.range.start.line).text, 'kind: BackendTLSPolicy', `the lens is on line ${lens.range.start.line + 1}`);
    assert.equal(lens.command!.command, 'gatewayTls.showReferences', 'clicking the lens opens the Service');
  });
});
