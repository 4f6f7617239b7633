// Issue 4 in a real VS Code: a Gateway in edge serves foo.example.com with a Secret in edge-certs, admitted by a
// ReferenceGrant (fixtures/certificates/). The test generates a real certificate chain and writes the TLS Secret
// (certificates/secret.yaml) into the workspace before opening anything. The hover on the certificateRef shows the
// certificate (subject, SANs, expiry) and never key material; code lenses show what the listener serves and what the
// grant admits. Screenshot docs/screenshot-hover.png: that hover.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { keyFragments, makeCertificate, tlsSecretYaml, traditionalKey, type TestCertificate } from '../../helpers/certs';
import {
  activateExtension,
  fixture,
  hoverText,
  openInEditor,
  positionOf,
  screenshot,
  sleep,
  tidyWorkbench,
  waitFor,
  DIAGNOSTICS_TIMEOUT_MS,
} from './helpers';

const SECRET = 'foo-example-com-tls';
const NAMESPACE = 'edge-certs';
const HOSTNAME = 'foo.example.com';
const SANS = ['foo.example.com', 'www.foo.example.com'];
const VALID_DAYS = 90;
/** editor.action.scrollDownHover steps before the hover screenshot (see there). */
const HOVER_SCROLL_STEPS = Number(process.env.GATEWAY_TLS_HOVER_SCROLL ?? 3);

function assertNoKeyMaterial(text: string, where: string, fragments: readonly string[]): void {
  assert.doesNotMatch(text, /PRIVATE KEY/, `${where} mentions a PEM private key:\n${text}`);
  const leaked = fragments.find((f) => text.includes(f));
  assert.equal(leaked, undefined, `${where} contains private key bytes (${leaked}):\n${text}`);
}

async function lensesOf(uri: vscode.Uri, what: string, match: (title: string) => boolean): Promise<vscode.CodeLens[]> {
  let last: vscode.CodeLens[] = [];
  try {
    return await waitFor(what, DIAGNOSTICS_TIMEOUT_MS, async () => {
      last = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
      return last.some((l) => match(l.command?.title ?? '')) && last;
    });
  } catch (err) {
    const titles = last.map((l) => `line ${l.range.start.line + 1}: ${JSON.stringify(l.command?.title)}`).join('\n  ');
    throw new Error(`${(err as Error).message}\ncode lenses of ${path.basename(uri.fsPath)}:\n  ${titles || '(none)'}`);
  }
}

describe('Certificate content: hover and code lenses (issue 4)', function () {
  let leaf: TestCertificate;
  let ca: TestCertificate;
  let editor: vscode.TextEditor;
  let uri: vscode.Uri;
  let fragments: string[];
  let expiry: string;

  before(async function () {
    await activateExtension();
    ca = await makeCertificate({ cn: 'Gateway TLS Test CA', isCA: true, notAfterDays: 3650 });
    leaf = await makeCertificate({ cn: HOSTNAME, dnsNames: SANS, notAfterDays: VALID_DAYS, issuer: ca });
    fragments = keyFragments([leaf.keyPem, traditionalKey(leaf.keyPem), ca.keyPem]);
    expiry = leaf.cert.notAfter.toISOString().slice(0, 10);
    // Written before anything of the folder is opened; the server also learns of it through the file watcher.
    const secretFile = path.join(fixture('certificates'), 'secret.yaml');
    fs.writeFileSync(
      secretFile,
      `# Written by test/vscode/suite/certificates.test.ts: a fresh certificate for ${HOSTNAME}, signed by a test CA.\n---\n` +
        tlsSecretYaml(SECRET, NAMESPACE, leaf.certPem + ca.certPem, leaf.keyPem),
    );
    await vscode.workspace.openTextDocument(vscode.Uri.file(secretFile));
    editor = await openInEditor(fixture('certificates', 'gateway.yaml'));
    uri = editor.document.uri;
  });

  const refName = () => positionOf(editor.document, `name: ${SECRET}`, 'name: '.length + 4);


  // The next test file finds a clean editor area (its screenshot shows only its own file).
  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hover on the certificateRef shows subject, SANs and expiry, and no private key bytes', async function () {
    let text = '';
    await waitFor(
      'a hover with the certificate details on the certificateRef',
      DIAGNOSTICS_TIMEOUT_MS,
      async () => {
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, refName())) ?? [];
        text = hoverText(hovers);
        return text.includes(`CN=${HOSTNAME}`);
      },
      () => `the hover at line ${refName().line + 1} is:\n${text || '(none)'}`,
    );
    console.log(`hover on the certificateRef:\n${text}`);
    assert.match(text, new RegExp(`Subject: \`CN=${HOSTNAME.replace(/\./g, '\\.')}\``), text);
    // The listener hostname appears elsewhere in the hover too: check the DNS names line itself.
    const dnsNames = `DNS names: ${SANS.map((san) => `\`${san}\``).join(', ')}`;
    assert.ok(text.includes(dnsNames), `the hover does not list the SANs (${dnsNames}):\n${text}`);
    assert.ok(text.includes(expiry), `the hover does not show the expiry date ${expiry}:\n${text}`);
    assert.match(text, new RegExp(`expires in (${VALID_DAYS - 1}|${VALID_DAYS}) days`), text);
    assert.match(text, /Issuer: `CN=Gateway TLS Test CA`/, text);
    assert.match(text, /Chain: 2 certificates/, text);
    assertNoKeyMaterial(text, 'the hover on the certificateRef', fragments);
  });

  it('hover on the Secret shows the certificate and no private key bytes either', async function () {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(fixture('certificates'), 'secret.yaml')));
    for (const needle of [`name: ${SECRET}`, 'tls.crt', 'tls.key']) {
      const at = positionOf(doc, needle, needle.startsWith('name') ? 8 : 2);
      const text = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at)) ?? []);
      assert.ok(text.includes(`CN=${HOSTNAME}`), `no certificate in the hover on ${needle} of secret.yaml:\n${text || '(none)'}`);
      assertNoKeyMaterial(text, `the hover on ${needle} of secret.yaml`, fragments);
    }
  });

  it('code lens on the listener: "hostname → secret, expires …"', async function () {
    const expected = `${HOSTNAME} → ${NAMESPACE}/${SECRET}, expires ${expiry}`;
    const lenses = await lensesOf(uri, `the listener lens "${expected}"`, (t) => t.startsWith(`${HOSTNAME} → `) && t.includes('expires'));
    const lens = lenses.find((l) => l.command?.title.startsWith(`${HOSTNAME} → `))!;
    assert.equal(lens.command!.title, expected);
    const listenerLine = positionOf(editor.document, '- name: foo-https').line;
    assert.equal(lens.range.start.line, listenerLine, `the lens is on line ${lens.range.start.line + 1}, expected the listener's "- name:" line ${listenerLine + 1}`);
    assertNoKeyMaterial(lens.command!.title, 'the listener lens', fragments);
  });

  it('code lens on the ReferenceGrant: "admits 1 reference"', async function () {
    const grant = await vscode.workspace.openTextDocument(vscode.Uri.file(fixture('certificates', 'grant.yaml')));
    // Polled until it says exactly that (the lens is recomputed from the index, which learns of the Secret's file late).
    const lenses = await lensesOf(grant.uri, 'the grant lens "admits 1 reference"', (t) => t === 'admits 1 reference');
    const lens = lenses.find((l) => l.command?.title === 'admits 1 reference')!;
    assert.equal(grant.lineAt(lens.range.start.line).text, 'kind: ReferenceGrant', `the lens is on line ${lens.range.start.line + 1}`);
    assert.equal(lens.command!.command, 'gatewayTls.showReferences', 'clicking the lens peeks at the admitted certificateRef');
  });

  it('screenshot of the certificate hover (docs/screenshot-hover.png)', async function () {
    if (!process.env.GATEWAY_TLS_SCREENSHOT_DIR) this.skip();
    await tidyWorkbench();
    editor = await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    const at = refName();
    editor.selection = new vscode.Selection(at, at);
    // Below the line there is room for the whole hover (above it, it would be cut to the few lines above the ref).
    const editorConfig = vscode.workspace.getConfiguration('editor');
    await editorConfig.update('hover.above', false, vscode.ConfigurationTarget.Global);
    try {
      // Let the code lenses and the colouring settle, then open the hover and let it render.
      await sleep(1000);
      await vscode.commands.executeCommand('editor.action.showHover', { focus: 'autoFocusImmediately' });
      await sleep(1500);
      // VS Code caps a hover at a quarter of the editor's height (at least 250 px): scroll past the resolution lines so
      // the certificate block (subject … chain, hostname coverage) is whole in the picture.
      for (let i = 0; i < HOVER_SCROLL_STEPS; i++) await vscode.commands.executeCommand('editor.action.scrollDownHover');
      await sleep(500);
      await screenshot('screenshot-hover.png');
    } finally {
      await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
      await editorConfig.update('hover.above', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
