// Issue 12 in a real VS Code: the "Gateway TLS: TLS Map" view in the Explorer (fixtures/tls-map/: a Gateway with a
// wildcard and three exact listeners, HTTPRoutes, a cert-manager Certificate, and Secrets written here with fresh
// certificates, one expiring in 10 days). The view is opened, the Gateway revealed and expanded, screenshotted as
// docs/screenshot-tls-map.png, and a listener's item opens the Gateway on that listener's line.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GatewayTlsApi } from '../../../client/src/extension';
import type { MapNode, TlsMapProvider } from '../../../client/src/tlsMapView';
import { makeCertificate, tlsSecretYaml } from '../../helpers/certs';
import { EXTENSION_ID, DIAGNOSTICS_TIMEOUT_MS, fixture, openInEditor, positionOf, screenshot, sleep, waitFor } from './helpers';

const NAMESPACE = 'tls-map';
/** The Explorer's built-in views that can be hidden, hidden for the screenshot. */
const OTHER_VIEWS = ['outline', 'timeline', 'workbench.explorer.openEditorsView'];

async function gatewayNode(provider: TlsMapProvider): Promise<MapNode | undefined> {
  const roots = await provider.getChildren();
  return roots.find((n) => n.kind === 'gateway' && n.gateway.namespace === NAMESPACE && n.gateway.name === 'edge');
}

function children(provider: TlsMapProvider, node: MapNode): MapNode[] {
  return provider.getChildren(node) as MapNode[];
}

describe('The TLS map (issue 12)', function () {
  let api: GatewayTlsApi;
  let gatewayFile: string;

  before(async function () {
    const ext = vscode.extensions.getExtension<GatewayTlsApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    api = await ext.activate();
    assert.ok(api?.tlsMap, 'activate() returns the TLS map provider');
    gatewayFile = fixture('tls-map', 'gateway.yaml');
    const wildcard = await makeCertificate({ cn: 'wildcard.example.com', dnsNames: ['*.example.com'], notAfterDays: 200 });
    const shop = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'], notAfterDays: 10 });
    const secrets = [tlsSecretYaml('wildcard-cert', NAMESPACE, wildcard.certPem, wildcard.keyPem), tlsSecretYaml('shop-cert', NAMESPACE, shop.certPem, shop.keyPem)].join('---\n');
    fs.writeFileSync(path.join(fixture('tls-map'), 'secrets.yaml'), secrets);
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.resetViewLocations').then(undefined, () => undefined);
    for (const other of OTHER_VIEWS) await vscode.commands.executeCommand(`${other}.focus`).then(undefined, () => undefined);
  });

  it('opens in the Explorer and shows Gateway → listener → certificate and routes, with problems and expiry', async function () {
    await vscode.commands.executeCommand('gatewayTls.tlsMap.focus');
    const provider = api.tlsMap;
    // The Secrets written above reach the server through the file watcher; the map shows them once indexed.
    const gateway = await waitFor('the tls-map Gateway with its Secrets in the TLS map', DIAGNOSTICS_TIMEOUT_MS, async () => {
      provider.refresh();
      const node = await gatewayNode(provider);
      if (!node) return undefined;
      const listener = (name: string) => children(provider, node).find((n): n is Extract<MapNode, { kind: 'listener' }> => n.kind === 'listener' && n.listener.name === name);
      // Until the server's scan ends, nothing is called missing (legacy-cert): wait for the whole picture.
      const ready = listener('shop')?.listener.certificates[0]?.status === 'expiring' && listener('legacy')?.listener.problems.length;
      return ready ? node : undefined;
    });
    const listeners = children(provider, gateway).filter((n) => n.kind === 'listener');
    assert.deepEqual(listeners.map((n) => (n.kind === 'listener' ? n.listener.name : '')), ['wildcard', 'shop', 'api', 'legacy']);
    const legacy = listeners[3]!;
    assert.ok(legacy.kind === 'listener' && legacy.listener.problems.some((p) => p.code === 'certificate-secret-not-found'));
    const legacyItem = provider.getTreeItem(legacy);
    assert.equal((legacyItem.iconPath as vscode.ThemeIcon).id, 'warning', 'a listener with a warning is marked');
    const shopCert = children(provider, listeners[1]!).find((n) => n.kind === 'certificate')!;
    const shopItem = provider.getTreeItem(shopCert);
    assert.match(String(shopItem.description), /^Secret · expires \d{4}-\d\d-\d\d \(in (9|10) days\)$/);
    assert.equal(((shopItem.iconPath as vscode.ThemeIcon).color as unknown as { id: string }).id, 'list.warningForeground');
    const routes = children(provider, listeners[0]!).filter((n) => n.kind === 'route');
    assert.deepEqual(routes.map((r) => `${provider.getTreeItem(r).label} ${provider.getTreeItem(r).description}`), ['HTTPRoute tls-map/shop blog.example.com']);
  });

  it('screenshot of the expanded map (docs/screenshot-tls-map.png)', async function () {
    const provider = api.tlsMap;
    await openInEditor(gatewayFile);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll');
    // The picture is of the map: the Explorer's other views out of the way (the folders moved to the panel, which
    // is closed; every view is put back after), and a wider sidebar (the editor, focused, made narrower).
    for (const other of OTHER_VIEWS) await vscode.commands.executeCommand(`${other}.removeView`).then(undefined, () => undefined);
    await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['workbench.explorer.fileView'], destinationId: 'workbench.panel.markers' }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth').then(undefined, () => undefined);
    await vscode.commands.executeCommand('gatewayTls.tlsMap.focus');
    // Let diagnostics (and the refresh they trigger) settle, so the items revealed are the ones shown.
    await sleep(1500);
    const view = api.tlsMapView as vscode.TreeView<MapNode>;
    for (let attempt = 0; ; attempt++) {
      try {
        const gateway = (await gatewayNode(provider))!;
        await view.reveal(gateway, { select: false, focus: true, expand: 2 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await sleep(700);
      }
    }
    await sleep(800);
    await screenshot('screenshot-tls-map.png');
  });

  it("a listener's item opens the Gateway on that listener's line", async function () {
    const provider = api.tlsMap;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const gateway = (await gatewayNode(provider))!;
    const shop = children(provider, gateway).find((n) => n.kind === 'listener' && n.listener.name === 'shop')!;
    const command = provider.getTreeItem(shop).command;
    assert.ok(command, 'the listener item has a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitFor('the Gateway in the active editor', 10_000, () => {
      const active = vscode.window.activeTextEditor;
      return active && active.document.uri.fsPath === vscode.Uri.file(gatewayFile).fsPath ? active : undefined;
    });
    assert.equal(editor.selection.start.line, positionOf(editor.document, '- name: shop').line);
    assert.equal(editor.document.getText(editor.selection), 'shop');
  });

  it('"Gateway TLS: Show Certificate Expiry" lists the certificates by expiry date', async function () {
    // The QuickPick itself is VS Code's; the command's data is the server's answer, checked here through the API.
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('gatewayTls.showCertificateExpiry'));
  });
});
