// Helpers shared by the in-editor tests (bundled into each *.test.js by scripts/build.mjs; not a test file itself).
// The workbench opens a fresh copy of test/vscode/fixtures (and examples/broken as broken/), made by the runners
// (test/vscode/shared.mjs prepareWorkspace); each test file works on its own subfolder and namespaces.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'gateway-tls.gateway-tls';
export const SOURCE = 'gateway-tls';
/** Diagnostics arrive asynchronously, after the server has indexed the workspace: wait generously. */
export const DIAGNOSTICS_TIMEOUT_MS = 30_000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The folder the workbench opened (a temp copy of the fixtures), as a file path. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code opened no workspace folder (the runner passes a temp copy of test/vscode/fixtures)');
  return folder.uri.fsPath;
}

/** A file of the opened workspace, e.g. fixture('references', 'gateway.yaml'). */
export function fixture(...parts: string[]): string {
  const file = path.join(workspaceRoot(), ...parts);
  assert.ok(
    fs.existsSync(file) || parts.length === 0,
    `${file} is not in the test workspace: the runner copies test/vscode/fixtures/* into it (shared.mjs prepareWorkspace)`,
  );
  return file;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '  (none)';
  return ds.map((d) => `  line ${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.source ?? '-'} [${codeOf(d)}] ${d.message}`).join('\n');
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined | false | Promise<T | undefined | false>, explain?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${explain ? `\n${explain()}` : ''}`);
    await sleep(200);
  }
}

/** Waits until the file has a diagnostic of ours with this code (and, optionally, on this line); returns it. */
export async function waitForDiagnostic(uri: vscode.Uri, code: string, line?: number): Promise<vscode.Diagnostic> {
  return waitFor(
    `a '${code}' diagnostic${line !== undefined ? ` on line ${line + 1}` : ''} in ${path.basename(uri.fsPath)}`,
    DIAGNOSTICS_TIMEOUT_MS,
    () => ours(uri).find((d) => codeOf(d) === code && (line === undefined || d.range.start.line === line)),
    () => diagnosticsReport(uri),
  );
}

/** Waits until the file has no diagnostic of ours with this code. */
export async function waitForNoDiagnostic(uri: vscode.Uri, code: string): Promise<void> {
  await waitFor(
    `the '${code}' diagnostic to disappear from ${path.basename(uri.fsPath)}`,
    DIAGNOSTICS_TIMEOUT_MS,
    () => !ours(uri).some((d) => codeOf(d) === code),
    () => diagnosticsReport(uri),
  );
}

export function diagnosticsReport(uri: vscode.Uri): string {
  return (
    `'${SOURCE}' diagnostics of ${path.basename(uri.fsPath)} now:\n${describeDiagnostics(ours(uri))}\n` +
    `Files with diagnostics: ${vscode.languages.getDiagnostics().map(([u, d]) => `${path.basename(u.fsPath)} (${d.length})`).join(', ') || 'none'}`
  );
}

export async function openInEditor(file: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
}

/** The position of the `occurrence`-th `needle` in the document, plus `delta` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, occurrence = 0): vscode.Position {
  const text = doc.getText();
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `"${needle}" (#${occurrence}) not found in ${path.basename(doc.uri.fsPath)}`);
  }
  return doc.positionAt(index + delta);
}

/** The plain text of hover contents (MarkdownString or MarkedString). */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n---\n');
}

export function titleOf(action: vscode.Command | vscode.CodeAction): string {
  return action.title;
}

/**
 * Asks the runner (GATEWAY_TLS_SCREENSHOT_DIR is only set by runCodeServer.mjs, in its first mode) to take a picture of
 * the workbench as it is now, written to docs/<name>. Returns false when no runner takes pictures (the caller skips).
 */
export async function screenshot(name: string): Promise<boolean> {
  const signalDir = process.env.GATEWAY_TLS_SCREENSHOT_DIR;
  if (!signalDir) return false;
  const done = path.join(signalDir, 'done.json');
  fs.rmSync(done, { force: true });
  fs.writeFileSync(path.join(signalDir, 'request.json'), JSON.stringify({ name }));
  await waitFor(`the runner to take ${name}`, 60_000, () => fs.existsSync(done));
  const result = JSON.parse(fs.readFileSync(done, 'utf8')) as { ok: boolean; error?: string };
  fs.rmSync(done, { force: true });
  assert.ok(result.ok, `screenshot ${name} failed: ${result.error}`);
  return true;
}

/** A clean editor area for a picture: no sidebar, no panel, no notifications. */
export async function tidyWorkbench(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('notifications.clearAll');
}

/** Makes sure the extension runs (the tests may run alone, in any order). */
export async function activateExtension(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  await ext.activate();
}

/**
 * Opens the quick-fix menu on a diagnostic, alone in the editor area at the top of its file, and screenshots it
 * into docs/<name> (only when the runner asks for screenshots).
 */
export async function screenshotQuickFixMenu(editor: vscode.TextEditor, diagnostic: vscode.Diagnostic, name: string): Promise<vscode.TextEditor> {
  await tidyWorkbench();
  const shown = await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
  await vscode.commands.executeCommand('workbench.action.closeOtherEditors');
  shown.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
  shown.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
  await sleep(800);
  await vscode.commands.executeCommand('editor.action.quickFix');
  // The menu asks the server for the actions and renders asynchronously.
  await sleep(1500);
  try {
    await screenshot(name);
  } finally {
    await vscode.commands.executeCommand('hideCodeActionWidget');
  }
  return shown;
}
