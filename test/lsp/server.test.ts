// The language server end to end: `node dist/server.js --stdio` driven by a real LSP client over its pipes.
// Listener rules, hover and completion are asserted against the contract (shared/spec/diagnostics.md): ranges on
// the smallest wrong node, source `gateway-tls`, stable codes.
import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { keyFragments } from '../helpers/certs';
import { gatewayYaml } from '../helpers/manifests';
import { hoverMarkdown, underlined } from '../helpers/service';
import { edit, fileUri, positionOf, serverPath, type LspClient } from './client';
import { cleanUpAfterTests, startClient, tempWorkspace, writeWorkspaceFile } from './workspace';

const SOURCE = 'gateway-tls';
const GATEWAY_TLS_SETTINGS_WORKSPACE = { gatewayTls: { diagnostics: { scope: 'workspace' } } };

// ---- fixtures ------------------------------------------------------------------------------------------------

/** Two listener mistakes; fixing both leaves a Gateway with no finding of any rule (the certificate is issued by
 * cert-manager, so a missing Secret is expected). */
const BROKEN_GATEWAY = gatewayYaml({
  name: 'shop',
  namespace: 'web',
  annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
  listeners: [
    { name: 'https', hostname: 'shop.example.com', mode: 'Passthrough', refs: ['shop-example-com-tls'] }, // Passthrough on HTTPS
    { name: 'http', protocol: 'HTTP', port: 80, hostname: 'shop.example.com', refs: ['shop-example-com-tls'] }, // tls on HTTP
  ],
});

/** Valid but for one YAML syntax error (a duplicate key): exercises publishing independently of any rule. */
const SYNTAX_ERROR = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: syntax
  name: syntax-again
spec:
  gatewayClassName: acme-lb
  listeners:
  - name: http
    protocol: HTTP
    port: 80
`;

const HELM_TEMPLATE = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: {{ .Values.name }}
  {{- with .Values.annotations }}
  annotations: {{ toYaml . | nindent 4 }}
  {{- end }}
spec:
  gatewayClassName: {{ .Values.className | quote }}
  listeners: []
`;

/** The billion laughs: ten levels of ten aliases each. */
function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: lol}', 'data:', '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`  a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]`);
  return lines.join('\n') + '\n';
}

cleanUpAfterTests();

// ---- assertions ----------------------------------------------------------------------------------------------

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}
function hasCodes(...wanted: string[]): (diagnostics: Diagnostic[]) => boolean {
  return (diagnostics) => wanted.every((code) => diagnostics.some((d) => d.code === code));
}
/** Any request: once its answer arrives, everything the server sent before it has arrived too. */
async function barrier(client: LspClient, uri: string): Promise<void> {
  await client.hover(uri, { line: 0, character: 0 });
}

// ---- tests ---------------------------------------------------------------------------------------------------

describe('language server over stdio', { timeout: 60_000 }, () => {
  test('the server bundle exists', () => {
    assert.ok(existsSync(serverPath()), `${serverPath()} is missing: run node scripts/build.mjs`);
  });

  test('initialize → initialized: capabilities, watcher registration, configuration, scan progress begin/end', async () => {
    const ws = tempWorkspace({
      'apps/gateway.yaml': BROKEN_GATEWAY,
      'apps/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: web\nresources:\n- gateway.yaml\n',
      'apps/syntax.yml': SYNTAX_ERROR,
      'notes/values.yaml': 'replicas: 3\n',
      'README.md': '# not yaml\n',
    });
    const client = await startClient({ workspaceFolder: ws, settings: { gatewayTls: {} } });
    const caps = client.initializeResult?.capabilities;
    assert.ok(caps, 'initialize result');
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.completionProvider, 'completionProvider');
    const sync = caps.textDocumentSync;
    assert.equal(typeof sync === 'object' ? sync.change : sync, 2, 'incremental sync');

    const events = await client.waitForProgressEnd('Gateway TLS');
    assert.equal(events[0]!.value.kind, 'begin');
    assert.equal(events.at(-1)!.value.kind, 'end');
    assert.ok(client.progressTokensCreated.includes(events[0]!.token), 'the progress token was created with window/workDoneProgress/create');
    for (const e of events) {
      if (e.value.kind !== 'end' && e.value.percentage !== undefined) assert.ok(e.value.percentage >= 0 && e.value.percentage <= 100);
    }
    assert.ok(
      client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'),
      `expected a dynamic registration of workspace/didChangeWatchedFiles, got ${JSON.stringify(client.registrations)}`,
    );
    assert.ok(client.configurationRequests.length > 0, 'the server asked for workspace/configuration');
    await client.waitFor('the scan log line', () => client.logMessages.some((m) => /indexed 4 YAML files/.test(m)));

    // Default scope is open files only: nothing was published for files nobody opened.
    const open = fileUri(path.join(ws, 'apps', 'other.yaml'));
    await client.open(open, 'a: 1\n');
    await client.waitForDiagnostics(open);
    await barrier(client, open);
    assert.deepEqual(
      client.diagnostics.filter((d) => d.uri !== open).map((d) => d.uri),
      [],
      'no diagnostics for unopened files in the default (openFiles) scope',
    );
    assert.equal(await client.shutdown(), 0);
  });

  test('publishes yaml-syntax diagnostics for an opened file and clears them after an incremental fix', async () => {
    const ws = tempWorkspace();
    const client = await startClient({ workspaceFolder: ws });
    const uri = fileUri(path.join(ws, 'syntax.yaml'));
    await client.open(uri, SYNTAX_ERROR);
    const first = await client.waitForDiagnostics(uri, hasCodes('yaml-syntax'));
    const d = first.diagnostics.find((x) => x.code === 'yaml-syntax')!;
    assert.equal(d.source, SOURCE);
    assert.equal(d.range.start.line, 4, `on the duplicate key, got ${JSON.stringify(d.range)}`);

    const before = client.diagnostics.length;
    const line = positionOf(SYNTAX_ERROR, '  name: syntax-again').line;
    await client.change(uri, [edit({ line, character: 0 }, { line: line + 1, character: 0 }, '')]);
    const fixed = await client.waitForDiagnostics(uri, (ds) => !ds.some((x) => x.code === 'yaml-syntax'), { after: before });
    assert.deepEqual(codes(fixed.diagnostics), []);
    assert.equal(await client.shutdown(), 0);
  });

  test('a broken Gateway gets listener diagnostics (codes, ranges, source) that an incremental fix clears', async () => {
    const ws = tempWorkspace();
    const client = await startClient({ workspaceFolder: ws });
    const uri = fileUri(path.join(ws, 'gateway.yaml'));
    await client.open(uri, BROKEN_GATEWAY);
    const first = await client.waitForDiagnostics(uri, hasCodes('listener-tls-mode-invalid', 'listener-tls-not-allowed'));
    for (const d of first.diagnostics) assert.equal(d.source, SOURCE, `source of ${String(d.code)}`);

    const modeInvalid = first.diagnostics.filter((d) => d.code === 'listener-tls-mode-invalid');
    assert.equal(modeInvalid.length, 1);
    assert.equal(modeInvalid[0]!.severity, 1, 'error');
    assert.equal(underlined(BROKEN_GATEWAY, modeInvalid[0]!), 'Passthrough', 'on the mode value');
    assert.equal(modeInvalid[0]!.range.start.line, positionOf(BROKEN_GATEWAY, 'mode: Passthrough').line);

    const notAllowed = first.diagnostics.filter((d) => d.code === 'listener-tls-not-allowed');
    assert.equal(notAllowed.length, 1);
    assert.equal(notAllowed[0]!.severity, 1, 'error');
    const tlsKey = positionOf(BROKEN_GATEWAY, 'tls:', 0, 1); // the HTTP listener's tls
    assert.equal(notAllowed[0]!.range.start.line, tlsKey.line, `on the HTTP listener's tls key, got ${JSON.stringify(notAllowed[0]!.range)}`);
    assert.ok(underlined(BROKEN_GATEWAY, notAllowed[0]!).startsWith('tls'), 'underlines the offending key');

    // Fix 1: Passthrough → Terminate (one incremental edit on the value).
    let text = BROKEN_GATEWAY;
    const at = positionOf(text, 'Passthrough');
    let before = client.diagnostics.length;
    await client.change(uri, [edit(at, { line: at.line, character: at.character + 'Passthrough'.length }, 'Terminate')]);
    text = text.replace('Passthrough', 'Terminate');
    const afterFirst = await client.waitForDiagnostics(uri, (ds) => !ds.some((d) => d.code === 'listener-tls-mode-invalid'), { after: before });
    assert.deepEqual(codes(afterFirst.diagnostics), ['listener-tls-not-allowed']);

    // Fix 2: delete the HTTP listener's tls block (three lines).
    const tlsBlock = positionOf(text, '    tls:', 0, 1);
    before = client.diagnostics.length;
    await client.change(uri, [edit({ line: tlsBlock.line, character: 0 }, { line: tlsBlock.line + 3, character: 0 }, '')]);
    const clean = await client.waitForDiagnostics(uri, (ds) => ds.length === 0, { after: before });
    assert.deepEqual(clean.diagnostics, []);
    assert.equal(await client.shutdown(), 0);
  });

  test('hover on a field returns Markdown documentation', async () => {
    const ws = tempWorkspace();
    const client = await startClient({ workspaceFolder: ws });
    const uri = fileUri(path.join(ws, 'gateway.yaml'));
    await client.open(uri, BROKEN_GATEWAY);
    await client.waitForDiagnostics(uri);
    const hover = await client.hover(uri, positionOf(BROKEN_GATEWAY, 'protocol: HTTPS', 2));
    const markdown = hoverMarkdown(hover);
    assert.ok(markdown.trim().length > 20, `documentation expected, got ${JSON.stringify(markdown)}`);
    assert.match(markdown, /protocol/i);
    assert.ok(hover!.range, 'the hover names the range it documents');
    assert.equal(hover!.range.start.line, positionOf(BROKEN_GATEWAY, 'protocol: HTTPS').line);
    assert.equal(await client.shutdown(), 0);
  });

  test('completion of a tls mode value offers Terminate and Passthrough', async () => {
    const ws = tempWorkspace();
    const client = await startClient({ workspaceFolder: ws });
    const uri = fileUri(path.join(ws, 'gateway.yaml'));
    const text = BROKEN_GATEWAY.replace('mode: Passthrough', 'mode: ');
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    const items = await client.completion(uri, positionOf(text, 'mode: ', 'mode: '.length));
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('Terminate') && labels.includes('Passthrough'), `got ${JSON.stringify(labels)}`);
    assert.equal(await client.shutdown(), 0);
  });

  test('hostile files (not YAML, binary, an alias bomb, deep nesting, a Helm template) do not take the server down', async () => {
    const ws = tempWorkspace();
    const client = await startClient({ workspaceFolder: ws });
    const hostile: Record<string, string> = {
      'not-yaml.yaml': '}{ ][ :: - : - ?\n\t\t"unterminated\n%YAML 9.9\n',
      'binary.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01]).toString('latin1'),
      'bomb.yaml': aliasBomb(),
      'deep.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n',
      'deep-block.yaml': 'apiVersion: v1\nkind: ConfigMap\n' + Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n',
      'chart/templates/gateway.yaml': HELM_TEMPLATE,
      'helm-anywhere.yaml': HELM_TEMPLATE,
      'empty.yaml': '',
      'bom.yaml': '\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata: {name: bom}\n',
      'crlf.yaml': BROKEN_GATEWAY.replace(/\n/g, '\r\n'),
    };
    const uris: string[] = [];
    for (const [name, text] of Object.entries(hostile)) {
      const uri = fileUri(path.join(ws, name));
      uris.push(uri);
      await client.open(uri, text);
    }
    for (const uri of uris) await client.waitForDiagnostics(uri);
    // Edit the hostile documents too (the incremental path re-parses them).
    for (const uri of uris) await client.change(uri, [edit({ line: 0, character: 0 }, { line: 0, character: 0 }, '# edited\n')]);
    const gateway = fileUri(path.join(ws, 'gateway.yaml'));
    await client.open(gateway, BROKEN_GATEWAY);
    await client.waitForDiagnostics(gateway);
    const hover = await client.hover(gateway, positionOf(BROKEN_GATEWAY, 'protocol: HTTPS', 2));
    assert.match(hoverMarkdown(hover), /protocol/i, 'the server still answers correctly after the hostile files');
    for (const uri of uris) await client.hover(uri, { line: 1, character: 2 });
    for (const uri of uris) await client.completion(uri, { line: 1, character: 2 });
    assert.ok(client.isRunning, 'the server is still running');
    const helm = client.latest.get(fileUri(path.join(ws, 'helm-anywhere.yaml')));
    assert.deepEqual(helm?.diagnostics.map((d) => d.code), [], 'a Helm template gets no diagnostics');
    const errors = client.logMessages.filter((m) => m.includes('[error]'));
    assert.deepEqual(errors, [], 'no handler failed');
    assert.equal(await client.shutdown(), 0);
  });

  test('workspace scope: scanned and watched files that were never opened get diagnostics', async () => {
    const ws = tempWorkspace({ 'scanned/broken.yaml': SYNTAX_ERROR, 'scanned/fine.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n' });
    const client = await startClient({ workspaceFolder: ws, settings: GATEWAY_TLS_SETTINGS_WORKSPACE });
    const scanned = fileUri(path.join(ws, 'scanned', 'broken.yaml'));
    await client.waitForDiagnostics(scanned, hasCodes('yaml-syntax'));
    await client.waitForProgressEnd('Gateway TLS');
    // A clean file is not sent an empty list it never needed: nothing, or nothing but empty lists, arrives for it.
    const fine = fileUri(path.join(ws, 'scanned', 'fine.yaml'));
    assert.ok(client.diagnostics.filter((d) => d.uri === fine).every((d) => d.diagnostics.length === 0));

    // A file created on disk after the scan, announced by the file watcher.
    const created = writeWorkspaceFile(ws, 'later/new.yaml', SYNTAX_ERROR);
    const createdUri = fileUri(created);
    let before = client.diagnostics.length;
    await client.watchedFilesChanged([{ uri: createdUri, type: FileChangeType.Created }]);
    await client.waitForDiagnostics(createdUri, hasCodes('yaml-syntax'), { after: before });

    // Changed on disk: fixed.
    writeFileSync(created, SYNTAX_ERROR.replace('  name: syntax-again\n', ''));
    before = client.diagnostics.length;
    await client.watchedFilesChanged([{ uri: createdUri, type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(createdUri, (ds) => ds.length === 0, { after: before });

    // Broken again, then deleted: its diagnostics are cleared.
    writeFileSync(created, SYNTAX_ERROR);
    before = client.diagnostics.length;
    await client.watchedFilesChanged([{ uri: createdUri, type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(createdUri, hasCodes('yaml-syntax'), { after: before });
    unlinkSync(created);
    before = client.diagnostics.length;
    await client.watchedFilesChanged([{ uri: createdUri, type: FileChangeType.Deleted }]);
    await client.waitForDiagnostics(createdUri, (ds) => ds.length === 0, { after: before });

    // Back to open-files scope through didChangeConfiguration: the unopened file's diagnostics are withdrawn.
    before = client.diagnostics.length;
    await client.changeSettings({ gatewayTls: {} });
    await client.waitForDiagnostics(scanned, (ds) => ds.length === 0, { after: before });
    assert.equal(await client.shutdown(), 0);
  });

  test('listener rules also run on files the watcher reports (workspace scope)', async () => {
    const ws = tempWorkspace();
    const client = await startClient({ workspaceFolder: ws, settings: GATEWAY_TLS_SETTINGS_WORKSPACE });
    await client.waitForProgressEnd('Gateway TLS');
    const file = writeWorkspaceFile(ws, 'gateway.yaml', BROKEN_GATEWAY);
    await client.watchedFilesChanged([{ uri: fileUri(file), type: FileChangeType.Created }]);
    await client.waitForDiagnostics(fileUri(file), hasCodes('listener-tls-mode-invalid', 'listener-tls-not-allowed'));
    assert.equal(await client.shutdown(), 0);
  });

  test('an edit in one file re-checks the files that depend on it (an open Gateway; a closed one in workspace scope)', async () => {
    const gateway = gatewayYaml({ name: 'shop', namespace: 'web', listeners: [{ name: 'https', hostname: 'shop.example.com', refs: ['shop-cert'] }] });
    const secrets = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop-crt\n  namespace: web\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: x\n  tls.key: x\n';
    for (const scope of ['openFiles', 'workspace'] as const) {
      const ws = tempWorkspace({ 'gateway.yaml': gateway, 'secrets.yaml': secrets });
      const client = await startClient({ workspaceFolder: ws, settings: { gatewayTls: { diagnostics: { scope } } } });
      await client.waitForProgressEnd('Gateway TLS');
      const gatewayUri = fileUri(path.join(ws, 'gateway.yaml'));
      const secretsUri = fileUri(path.join(ws, 'secrets.yaml'));
      if (scope === 'openFiles') await client.open(gatewayUri, gateway);
      await client.waitForDiagnostics(gatewayUri, hasCodes('certificate-secret-not-found'));
      await client.open(secretsUri, secrets);
      const before = client.diagnostics.length;
      // Fix the typo in the Secret's name: the Gateway's warning goes away without touching the Gateway.
      await client.change(secretsUri, [edit(positionOf(secrets, 'shop-crt'), positionOf(secrets, 'shop-crt', 'shop-crt'.length), 'shop-cert')]);
      await client.waitForDiagnostics(gatewayUri, (ds) => !ds.some((d) => d.code === 'certificate-secret-not-found'), { after: before });
      assert.equal(await client.shutdown(), 0, scope);
    }
  });

  test('private key material never leaves the server (hover, completion, syntax errors, logs)', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const b64 = Buffer.from(pem).toString('base64');
    const secret = `apiVersion: v1
kind: Secret
metadata:
  name: shop-example-com-tls
  namespace: web
type: kubernetes.io/tls
data:
  tls.crt: ${Buffer.from('not a certificate').toString('base64')}
  tls.key: ${b64}
stringData:
  tls.key: |
${pem.trimEnd().split('\n').map((l) => `    ${l}`).join('\n')}
  tls.key: duplicate ${b64}
`;
    const ws = tempWorkspace({ 'secret-on-disk.yaml': secret });
    const client = await startClient({ workspaceFolder: ws, settings: GATEWAY_TLS_SETTINGS_WORKSPACE });
    await client.waitForProgressEnd('Gateway TLS');
    const uri = fileUri(path.join(ws, 'secret.yaml'));
    await client.open(uri, secret);
    await client.waitForDiagnostics(uri);
    for (const needle of ['tls.key: ', '    MI', '-----BEGIN']) {
      const at = positionOf(secret, needle, needle.length - 1);
      await client.hover(uri, at);
      await client.completion(uri, at);
    }
    // Break the PEM block so a syntax error sits inside the key.
    const inside = positionOf(secret, pem.split('\n')[1]!.slice(0, 8));
    await client.change(uri, [edit(inside, inside, ': [')]);
    await client.waitForDiagnostics(uri);
    await barrier(client, uri);
    assert.equal(await client.shutdown(), 0);
    const output = client.allOutput();
    assert.ok(output.length > 0);
    // Every line of the key and every 20-character piece of its base64, at every offset: the header lines every
    // key shares would prove nothing on their own.
    for (const needle of [...keyFragments([pem], 1), 'PRIVATE KEY']) {
      assert.ok(!output.includes(needle), `the server wrote key material (${needle})`);
    }
  });

  test('shutdown → exit ends the process with status 0', async () => {
    const client = await startClient({ workspaceFolder: tempWorkspace() });
    assert.equal(await client.shutdown(), 0);
    assert.equal(client.isRunning, false);
  });
});
