// Kustomize builds in the language server: the first builds belong to indexing (a progress bar, no cross-file
// finding before them), findings land on the source lines, a save re-builds the overlays that read the saved file,
// a failed build is one warning on the root, and without kustomize the server says so once and checks files.
import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { kustomizeOrSkip } from '../helpers/kustomize';
import { secretYaml, shopGatewayYaml } from '../helpers/manifests';
import { lineOf } from '../helpers/service';
import { fileUri } from './client';
import { cleanUpAfterTests, startClient, tempWorkspace, writeWorkspaceFile } from './workspace';

cleanUpAfterTests();

const GATEWAY = shopGatewayYaml({ namespace: 'web' });
const SECRET = secretYaml('shop-cert', 'web', { stringData: { 'tls.crt': 'x', 'tls.key': 'y' } });
const FILES = {
  'base/kustomization.yaml': 'resources:\n- gateway.yaml\n- secret.yaml\n',
  'base/gateway.yaml': GATEWAY,
  'base/secret.yaml': SECRET,
  'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources:\n- ../../base\n',
};
const SETTINGS = { gatewayTls: { severity: { 'certificate-invalid': 'off', 'certificate-placeholder': 'off' } } };

describe('Kustomize builds in the language server', { timeout: 60_000 }, () => {
  test('the first builds run under a progress bar; the rename is reported on the base; a save re-builds and clears it', async (t) => {
    if (!(await kustomizeOrSkip(t))) return;
    const ws = tempWorkspace(FILES);
    const client = await startClient({ workspaceFolder: ws, settings: SETTINGS, timeout: 30_000 });
    const gatewayUri = fileUri(path.join(ws, 'base/gateway.yaml'));
    await client.open(gatewayUri, GATEWAY);
    await client.waitForProgressEnd('building kustomizations');
    await client.waitFor('the rename finding', () => (client.latest.get(gatewayUri)?.diagnostics ?? []).some((d) => d.code === 'kustomize-ref-not-renamed'));
    const finding = client.latest.get(gatewayUri)!.diagnostics.find((d) => d.code === 'kustomize-ref-not-renamed')!;
    assert.equal(finding.range.start.line, lineOf(GATEWAY, '- name: shop-cert'));
    assert.match(String(finding.message), /^in overlay overlays\/prod: the build renames Secret web\/shop-cert to prod-shop-cert/);
    // No cross-file finding was published for the base before the builds were in.
    const beforeBuilds = client.diagnostics.filter((d) => d.uri === gatewayUri && d.diagnostics.some((x) => x.code === 'certificate-secret-not-found'));
    assert.deepEqual(beforeBuilds, []);

    // The overlay stops renaming: saved on disk, the watcher reports it, the overlay is re-built.
    const kustomizationUri = fileUri(writeWorkspaceFile(ws, 'overlays/prod/kustomization.yaml', 'resources:\n- ../../base\n'));
    await client.watchedFilesChanged([{ uri: kustomizationUri, type: FileChangeType.Changed }]);
    await client.waitFor('the finding cleared', () => (client.latest.get(gatewayUri)?.diagnostics ?? []).every((d) => d.code !== 'kustomize-ref-not-renamed'));
    assert.ok(client.logMessages.some((m) => /kustomize: 1 built, 0 failed/.test(m)), client.logMessages.join('\n'));

    // A hover on the root kustomization says how its build went.
    await client.open(kustomizationUri, 'resources:\n- ../../base\n');
    const hover = await client.hover(kustomizationUri, { line: 0, character: 2 });
    assert.match(JSON.stringify(hover), /Kustomize build\*\*: built at/);
  });

  test('an edit saved in a base re-builds the overlay that includes it', async (t) => {
    if (!(await kustomizeOrSkip(t))) return;
    const ws = tempWorkspace({ ...FILES, 'overlays/prod/kustomization.yaml': 'resources:\n- ../../base\n' });
    const client = await startClient({ workspaceFolder: ws, settings: SETTINGS, timeout: 30_000 });
    const gatewayUri = fileUri(path.join(ws, 'base/gateway.yaml'));
    await client.open(gatewayUri, GATEWAY);
    await client.waitForProgressEnd('building kustomizations');
    await client.waitFor('first diagnostics', () => client.latest.has(gatewayUri));
    assert.deepEqual(client.latest.get(gatewayUri)!.diagnostics, []);
    const edited = GATEWAY.replace('- name: shop-cert', '- name: shop-crt');
    await client.change(gatewayUri, [{ text: edited }]);
    writeWorkspaceFile(ws, 'base/gateway.yaml', edited);
    await client.save(gatewayUri);
    await client.waitFor('not found after the rebuild', () => (client.latest.get(gatewayUri)?.diagnostics ?? []).some((d) => d.code === 'certificate-secret-not-found' && String(d.message).startsWith('in overlay overlays/prod: ')));
  });

  test('a failed build: one kustomize-build-failed warning on the root; the server stays up', async (t) => {
    if (!(await kustomizeOrSkip(t))) return;
    const ws = tempWorkspace({ ...FILES, 'overlays/prod/kustomization.yaml': 'resources:\n- ../../base\n- missing.yaml\n' });
    const client = await startClient({ workspaceFolder: ws, settings: { gatewayTls: { ...SETTINGS.gatewayTls, diagnostics: { scope: 'workspace' } } }, timeout: 30_000 });
    const rootUri = fileUri(path.join(ws, 'overlays/prod/kustomization.yaml'));
    await client.waitFor('the build failure', () => (client.latest.get(rootUri)?.diagnostics ?? []).some((d) => d.code === 'kustomize-build-failed'));
    const failure = client.latest.get(rootUri)!.diagnostics;
    assert.equal(failure.length, 1);
    assert.match(String(failure[0]!.message), /missing\.yaml/);
    assert.equal(client.latest.get(fileUri(path.join(ws, 'base/gateway.yaml')))?.diagnostics.length ?? 0, 0);
    assert.ok(await client.hover(rootUri, { line: 0, character: 2 }));
  });

  test('without kustomize: one notification, files checked as written', async () => {
    const bin = tempWorkspace({}, 'gateway-tls-bin-');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const ws = tempWorkspace(FILES);
    const client = await startClient({ workspaceFolder: ws, settings: SETTINGS, env: { ...process.env, PATH: bin }, timeout: 30_000 });
    const gatewayUri = fileUri(path.join(ws, 'base/gateway.yaml'));
    await client.open(gatewayUri, GATEWAY);
    await client.waitFor('the notification', () => client.shownMessages.some((m) => m.includes('Kustomize builds are off')));
    await client.waitFor('file-based diagnostics', () => client.latest.has(gatewayUri));
    assert.deepEqual(client.latest.get(gatewayUri)!.diagnostics.map((d) => d.code), []);
    assert.equal(client.shownMessages.filter((m) => m.includes('Kustomize builds are off')).length, 1);
    assert.ok(client.shownMessages[0]!.includes('gatewayTls.kustomize.command'));
  });
});
