// Issue 3 in a real VS Code: a Gateway in storefront refers to a Secret in shared-certs with no ReferenceGrant
// (fixtures/references/). The lightbulb's "Create ReferenceGrant in shared-certs for Secret …" writes the grant into
// the Secret's file and the squiggle goes away; completion in the certificateRef lists the Secrets of shared-certs;
// go to definition lands on the Secret. Screenshot docs/screenshot-quickfix.png: the quick-fix menu on the squiggle.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeOf,
  describeDiagnostics,
  fixture,
  openInEditor,
  ours,
  positionOf,
  screenshotQuickFixMenu,
  sleep,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
} from './helpers';

const SECRET = 'shop-example-com-cert';
const TO_NAMESPACE = 'shared-certs';
const FIX_TITLE = `Create ReferenceGrant in ${TO_NAMESPACE} for Secret ${SECRET}`;

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('Certificate references and ReferenceGrants (issue 3)', function () {
  let gatewayFile: string;
  let secretsFile: string;
  let editor: vscode.TextEditor;
  let uri: vscode.Uri;

  before(async function () {
    await activateExtension();
    gatewayFile = fixture('references', 'gateway.yaml');
    secretsFile = fixture('references', 'secrets.yaml');
    // Open the Secret file first (the quick fix edits it), then the Gateway, which stays in front.
    await vscode.workspace.openTextDocument(vscode.Uri.file(secretsFile));
    editor = await openInEditor(gatewayFile);
    uri = editor.document.uri;
  });

  const refLine = () => positionOf(editor.document, `name: ${SECRET}`).line;


  // The next test file finds a clean editor area (its screenshot shows only its own file).
  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports ref-not-permitted on the cross-namespace certificateRef', async function () {
    const d = await waitForDiagnostic(uri, 'ref-not-permitted');
    // On the ref item: its name or its namespace line.
    assert.ok(
      d.range.start.line >= refLine() && d.range.start.line <= refLine() + 1,
      `ref-not-permitted is on line ${d.range.start.line + 1}, expected the certificateRef on lines ${refLine() + 1}-${refLine() + 2}`,
    );
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, new RegExp(TO_NAMESPACE));
  });

  it('completes certificateRef names with the Secrets of the ref namespace', async function () {
    // The cursor right after `name: ` of the ref to shared-certs.
    const at = positionOf(editor.document, `name: ${SECRET}`, 'name: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
    const labels = list.items.map(label);
    for (const expected of ['shop-example-com-cert', 'foo-example-com-cert']) {
      assert.ok(labels.includes(expected), `completion at ${at.line + 1}:${at.character + 1} does not offer ${expected}; it offers: ${labels.join(', ') || '(nothing)'}`);
    }
    // The Secret beside the Gateway lives in storefront, not in the namespace the ref names.
    assert.ok(!labels.includes('bar-example-com-cert'), `completion offers bar-example-com-cert of namespace storefront for a ref to ${TO_NAMESPACE}: ${labels.join(', ')}`);
    const shop = list.items.find((i) => label(i) === SECRET)!;
    console.log(`completion at the certificateRef name: ${list.items.map((i) => `${label(i)} (${i.detail ?? ''})`).join('; ')}`);
    assert.match(String(shop.detail ?? ''), /ReferenceGrant/, `the item of ${SECRET} should say it needs a ReferenceGrant; detail: ${shop.detail}`);
  });

  it('goes to the Secret from the certificateRef', async function () {
    const at = positionOf(editor.document, `name: ${SECRET}`, 'name: '.length + 3);
    const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, at);
    const targets = (result ?? []).map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : l));
    assert.ok(targets.length >= 1, `no definition for the certificateRef at line ${at.line + 1}`);
    const target = targets[0]!;
    assert.equal(path.basename(target.uri.fsPath), 'secrets.yaml', `definition went to ${target.uri.fsPath}`);
    const doc = await vscode.workspace.openTextDocument(target.uri);
    assert.equal(doc.lineAt(target.range.start.line).text.trim(), `name: ${SECRET}`, `definition lands on line ${target.range.start.line + 1}: ${doc.lineAt(target.range.start.line).text}`);
  });

  it('screenshot of the quick-fix menu on the squiggle (docs/screenshot-quickfix.png)', async function () {
    if (!process.env.GATEWAY_TLS_SCREENSHOT_DIR) this.skip();
    const d = await waitForDiagnostic(uri, 'ref-not-permitted');
    editor = await screenshotQuickFixMenu(editor, d, 'screenshot-quickfix.png');
  });

  it('the lightbulb quick fix writes the ReferenceGrant and the squiggle disappears', async function () {
    const d = await waitForDiagnostic(uri, 'ref-not-permitted');
    const actions = await waitFor(
      `the "${FIX_TITLE}" code action`,
      15_000,
      async () => {
        const all = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
        return all.some((a) => a.title === FIX_TITLE) && all;
      },
    ).catch(async (err: Error) => {
      const all = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
      throw new Error(`${err.message}\ncode actions at ${d.range.start.line + 1}:${d.range.start.character + 1}: ${JSON.stringify(all.map((a) => a.title))}`);
    });
    console.log(`code actions on ref-not-permitted: ${actions.map((a) => a.title).join(' | ')}`);
    const fix = actions.find((a): a is vscode.CodeAction => a.title === FIX_TITLE && 'edit' in a)!;
    assert.ok(fix?.edit, `"${FIX_TITLE}" carries no edit`);
    assert.ok(actions.some((a) => a.title === `Create ReferenceGrant in ${TO_NAMESPACE} for all Secrets`), 'the broad variant is offered too');
    assert.equal(fix.isPreferred, true, 'the narrow grant is the preferred fix');

    const touched = fix.edit.entries().map(([u]) => u);
    assert.deepEqual(
      touched.map((u) => path.basename(u.fsPath)),
      ['secrets.yaml'],
      `the grant should be appended to the file of Secret ${SECRET}; the edit touches ${touched.map((u) => u.fsPath).join(', ')}`,
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit refused the edit');
    for (const u of touched) {
      const doc = vscode.workspace.textDocuments.find((t) => t.uri.toString() === u.toString()) ?? (await vscode.workspace.openTextDocument(u));
      assert.ok(await doc.save(), `could not save ${u.fsPath}`);
    }

    const secrets = await vscode.workspace.openTextDocument(vscode.Uri.file(secretsFile));
    const text = secrets.getText();
    console.log(`secrets.yaml after the quick fix, from the grant on:\n${text.slice(text.indexOf('kind: ReferenceGrant') - 60)}`);
    assert.match(text, /kind: ReferenceGrant/, `no ReferenceGrant was written to ${secretsFile}:\n${text}`);
    // Only the new grant's text counts: the Secret above it names the same namespace and name.
    const grant = text.slice(text.indexOf('kind: ReferenceGrant'));
    assert.match(grant, new RegExp(`\\n  namespace: ${TO_NAMESPACE}\\n`), grant);
    assert.match(grant, new RegExp(`\\n {4}name: ${SECRET}\\n`), grant);

    await waitForNoDiagnostic(uri, 'ref-not-permitted');
    // The grant is used, valid and not reported anywhere.
    await sleep(500);
    const left = ours(uri).filter((x) => codeOf(x) === 'ref-not-permitted' || codeOf(x) === 'schema');
    assert.deepEqual(left, [], `after the fix, ${path.basename(gatewayFile)} still has:\n${describeDiagnostics(left)}`);
    const onSecrets = ours(secrets.uri).filter((x) => ['schema', 'reference-grant-unused', 'yaml-syntax'].includes(codeOf(x) ?? ''));
    assert.deepEqual(onSecrets, [], `the written grant is reported:\n${describeDiagnostics(onSecrets)}\n${text}`);
  });
});
