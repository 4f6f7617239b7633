// Which implementation, in a real VS Code (fixtures/implementation/): a Gateway of class edge-envoy, whose
// GatewayClass names Envoy Gateway's controller. The hover on gatewayClassName names Envoy Gateway; the command
// "Gateway TLS: Set Implementation" (what the server's quick actions carry) writes gatewayTls.implementation for the
// workspace, and the hover follows it; the setting is removed again afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, DIAGNOSTICS_TIMEOUT_MS, fixture, hoverText, openInEditor, positionOf, waitFor } from './helpers';

describe('Which implementation (gatewayTls.implementation)', function () {
  let editor: vscode.TextEditor;

  before(async function () {
    await activateExtension();
    await vscode.workspace.openTextDocument(vscode.Uri.file(fixture('implementation', 'gatewayclass.yaml')));
    editor = await openInEditor(fixture('implementation', 'gateway.yaml'));
  });

  after(async function () {
    // Later test files must find the default (auto).
    await vscode.workspace.getConfiguration('gatewayTls').update('implementation', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Waits until the hover on gatewayClassName's value satisfies `accept`; returns its text. */
  async function classNameHover(what: string, accept: (text: string) => boolean): Promise<string> {
    const at = positionOf(editor.document, 'edge-envoy', 3);
    let text = '';
    await waitFor(
      what,
      DIAGNOSTICS_TIMEOUT_MS,
      async () => {
        text = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at)) ?? []);
        return accept(text);
      },
      () => `the hover on gatewayClassName says:\n${text || '(nothing)'}`,
    );
    return text;
  }

  it('the hover on gatewayClassName names Envoy Gateway, its version and its report', async function () {
    const text = await classNameHover('a hover naming Envoy Gateway', (t) => t.includes('Implementation: Envoy Gateway'));
    console.log(`hover on gatewayClassName:\n${text}`);
    assert.match(text, /\*\*Implementation: Envoy Gateway v[\d.]+\*\* \(`envoyproxy\/envoy-gateway`\)/);
    assert.ok(text.includes('GatewayClass edge-envoy has controllerName gateway.envoyproxy.io/gatewayclass-controller'), text);
    assert.match(text, /\[conformance report\]\(https:\/\/github\.com\/kubernetes-sigs\/gateway-api\/[^)]+\) of \d{4}-\d{2}-\d{2}/);
  });

  it('the Set Implementation command writes the workspace setting and the hover follows it', async function () {
    await vscode.commands.executeCommand('gatewayTls.setImplementation', 'none');
    assert.equal(vscode.workspace.getConfiguration('gatewayTls').inspect('implementation')?.workspaceValue, 'none');
    await classNameHover('the hover to say implementation checks are off', (t) => t.includes('Implementation checks are off'));

    await vscode.commands.executeCommand('gatewayTls.setImplementation', 'istio/istio');
    const istio = await classNameHover('the hover to name Istio', (t) => t.includes('Implementation: Istio'));
    assert.ok(istio.includes('gatewayTls.implementation is istio/istio'), istio);
  });
});
