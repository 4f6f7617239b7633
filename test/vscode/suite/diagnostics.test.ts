// In-editor tests: a real VS Code (code-server + Chromium, or Electron) with the Gateway TLS extension loaded opens the
// deliberately broken example and must show one 'gateway-tls' diagnostic per `# BROKEN <code>` comment. The example is
// the runner's copy of examples/broken in the test workspace (broken/, see shared.mjs prepareWorkspace).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'gateway-tls.gateway-tls';
const SOURCE = 'gateway-tls';
/** The copy of examples/broken/gateway-listeners.yaml in the opened workspace (the same in both modes). */
let BROKEN_FILE = '';
const DIAGNOSTICS_TIMEOUT_MS = 30_000;

interface Expectation {
  code: string;
  /** 0-based line of the `# BROKEN` comment. */
  commentLine: number;
  /** 0-based lines of the listener block that follows the comment: [first, last]. */
  first: number;
  last: number;
}

/**
 * Every `# BROKEN <code>: why` comment announces that the list item right after it breaks rule <code>. The item's block
 * runs from its `- ` line to the last line indented deeper than that dash.
 */
export function expectationsFrom(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const indent = (line: string) => line.length - line.trimStart().length;
  const out: Expectation[] = [];
  lines.forEach((line, commentLine) => {
    const m = /^\s*#\s*BROKEN\s+([A-Za-z0-9_.-]+)\s*:/.exec(line);
    if (!m) return;
    let first = commentLine + 1;
    while (first < lines.length && (lines[first].trim() === '' || lines[first].trim().startsWith('#'))) first++;
    assert.ok(first < lines.length, `no YAML after the comment on line ${commentLine + 1}`);
    const dash = indent(lines[first]);
    let last = first;
    for (let i = first + 1; i < lines.length; i++) {
      if (lines[i].trim() === '') continue;
      if (indent(lines[i]) <= dash) break;
      last = i;
    }
    out.push({ code: m[1], commentLine, first, last });
  });
  return out;
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '  (none)';
  return ds.map((d) => `  line ${d.range.start.line + 1}: ${d.source ?? '-'} [${codeOf(d)}] ${d.message}`).join('\n');
}

/** The expectations no diagnostic satisfies yet (empty when all are met). */
function unmet(expected: Expectation[], ds: readonly vscode.Diagnostic[]): Expectation[] {
  return expected.filter(
    (e) => !ds.some((d) => codeOf(d) === e.code && d.range.start.line >= e.first && d.range.start.line <= e.last),
  );
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined | false): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitForAllExpected(uri: vscode.Uri, expected: Expectation[]): Promise<vscode.Diagnostic[]> {
  try {
    return await waitFor('every BROKEN diagnostic', DIAGNOSTICS_TIMEOUT_MS, () => {
      const ds = ours(uri);
      return unmet(expected, ds).length === 0 && ds;
    });
  } catch {
    const ds = ours(uri);
    const missing = unmet(expected, ds)
      .map((e) => `  ${e.code} on lines ${e.first + 1}-${e.last + 1} (announced on line ${e.commentLine + 1})`)
      .join('\n');
    assert.fail(
      `After ${DIAGNOSTICS_TIMEOUT_MS / 1000} s, ${path.basename(uri.fsPath)} is missing these diagnostics:\n${missing}\n` +
        `It has these '${SOURCE}' diagnostics:\n${describeDiagnostics(ds)}\n` +
        `All diagnostics VS Code has for it (any source):\n${describeDiagnostics(vscode.languages.getDiagnostics(uri))}\n` +
        `Files with diagnostics: ${vscode.languages.getDiagnostics().map(([u, d]) => `${u.toString()} (${d.length})`).join(', ') || 'none'}`,
    );
  }
}

describe('Gateway TLS in VS Code', function () {
  let uri: vscode.Uri;
  let expected: Expectation[];
  let editor: vscode.TextEditor;
  /** The first wait for the diagnostics, shared: when it failed, the tests that need diagnostics fail at once. */
  let firstDiagnostics: Promise<vscode.Diagnostic[]> | undefined;
  let reported = false;
  const initialDiagnostics = () => (firstDiagnostics ??= waitForAllExpected(uri, expected));
  /** For the tests that build on the diagnostics: fail short when the test that reports them already failed. */
  const needDiagnostics = async () => {
    try {
      return await initialDiagnostics();
    } catch (err) {
      if (reported) assert.fail(`no diagnostics to work with (see "reports every '# BROKEN <code>' on its listener")`);
      throw err;
    }
  };

  before(async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'VS Code opened no workspace folder (the runner opens a temp copy of test/vscode/fixtures + examples/broken)');
    BROKEN_FILE = path.join(folder.uri.fsPath, 'broken', 'gateway-listeners.yaml');
    assert.ok(fs.existsSync(BROKEN_FILE), `${BROKEN_FILE} is missing: the runner copies examples/broken into the workspace as broken/`);
    uri = vscode.Uri.file(BROKEN_FILE);
    expected = expectationsFrom(fs.readFileSync(BROKEN_FILE, 'utf8'));
    const doc = await vscode.workspace.openTextDocument(uri);
    editor = await vscode.window.showTextDocument(doc, { preview: false });
  });

  it('the example announces broken listeners', function () {
    assert.ok(expected.length >= 5, `expected several '# BROKEN <code>' comments in ${BROKEN_FILE}, found ${expected.length}`);
  });

  it('activates the extension on a YAML file', async function () {
    assert.equal(editor.document.languageId, 'yaml');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed; installed: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
    // isActive is also true after a failed activate(); activate() resolves once it succeeded and rethrows its error.
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ext.activate(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${EXTENSION_ID} did not activate within ${DIAGNOSTICS_TIMEOUT_MS / 1000} s`)), DIAGNOSTICS_TIMEOUT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    assert.ok(ext.isActive);
    // The .vsix run must exercise the installed package, not the repo checkout.
    const installedIn = process.env.GATEWAY_TLS_EXPECT_EXTENSION_IN;
    if (installedIn) {
      const extPath = fs.realpathSync(ext.extensionPath);
      const root = fs.realpathSync(installedIn);
      assert.ok(extPath.startsWith(root + path.sep), `extension loaded from ${extPath}, expected the installed .vsix under ${root}`);
      assert.ok(!fs.existsSync(path.join(extPath, 'node_modules')), 'the installed .vsix contains node_modules');
    }
  });

  it('registers gatewayTls.restartServer', async function () {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('gatewayTls.restartServer'), 'command gatewayTls.restartServer is not registered');
  });

  it("reports every '# BROKEN <code>' on its listener", async function () {
    reported = true;
    const ds = await initialDiagnostics();
    console.log(`${ds.length} '${SOURCE}' diagnostics on ${path.basename(BROKEN_FILE)}:\n${describeDiagnostics(ds)}`);
  });

  it('diagnostics come back after gatewayTls.restartServer', async function () {
    await needDiagnostics();
    let changes = 0;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) changes++;
    });
    try {
      await vscode.commands.executeCommand('gatewayTls.restartServer');
      // Restarting clears the old server's diagnostics; the new server must publish them again.
      await waitFor('the restarted server to touch the diagnostics', DIAGNOSTICS_TIMEOUT_MS, () => changes > 0);
      await waitForAllExpected(uri, expected);
    } finally {
      sub.dispose();
    }
  });

  it('screenshot of the squiggles (docs/screenshot-diagnostics.png)', async function () {
    const signalDir = process.env.GATEWAY_TLS_SCREENSHOT_DIR;
    if (!signalDir) this.skip();
    await needDiagnostics();
    const ds = await waitForAllExpected(uri, expected);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('notifications.clearAll');
    editor = await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
    // Hover one squiggle (listener-tls-mode-invalid, else the first) so a message shows in the picture.
    const target = ds.find((d) => codeOf(d) === 'listener-tls-mode-invalid') ?? ds[0];
    const top = expected[0] ? Math.max(0, expected[0].commentLine - 2) : 0;
    editor.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
    const at = target.range.start.translate(0, Math.max(0, Math.floor((target.range.end.character - target.range.start.character) / 2)));
    editor.selection = new vscode.Selection(at, at);
    await new Promise((r) => setTimeout(r, 1000));
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((r) => setTimeout(r, 1500));

    const done = path.join(signalDir, 'done.json');
    fs.rmSync(done, { force: true });
    fs.writeFileSync(path.join(signalDir, 'request.json'), JSON.stringify({ name: 'screenshot-diagnostics.png' }));
    await waitFor('the runner to take the screenshot', 60_000, () => fs.existsSync(done));
    const result = JSON.parse(fs.readFileSync(done, 'utf8')) as { ok: boolean; error?: string };
    assert.ok(result.ok, `screenshot failed: ${result.error}`);
  });
});
