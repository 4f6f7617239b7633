// Issues 8 and 9 in a real VS Code: an unsaved edit of a Service re-checks the BackendTLSPolicy that targets it
// (and only what depends on it), a Deployment gets nothing from us even when broken, and a private key pasted into
// a Gateway never comes back in a diagnostic or a hover.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { activateExtension, codeOf, describeDiagnostics, fixture, hoverText, openInEditor, ours, positionOf, sleep, waitForDiagnostic, waitForNoDiagnostic } from './helpers';

describe('Edits re-check what depends on them; nothing leaks a key (issues 8 and 9)', function () {
  before(async function () {
    await activateExtension();
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('renaming the Service port in the editor reports the policy target, and undoing clears it', async function () {
    const policy = await openInEditor(fixture('scale', 'policy.yaml'));
    await sleep(500);
    assert.equal(ours(policy.document.uri).filter((d) => codeOf(d) === 'backend-tls-target-not-found').length, 0, describeDiagnostics(ours(policy.document.uri)));
    const service = await openInEditor(fixture('scale', 'service.yaml'));
    const at = positionOf(service.document, 'https');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(service.document.uri, new vscode.Range(at, at.translate(0, 'https'.length)), 'tls');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const d = await waitForDiagnostic(policy.document.uri, 'backend-tls-target-not-found');
    assert.match(d.message, /no port named "https"/);
    await vscode.commands.executeCommand('undo');
    await waitForNoDiagnostic(policy.document.uri, 'backend-tls-target-not-found');
  });

  it('a broken Deployment gets no diagnostic of ours (it is never parsed)', async function () {
    const deployment = await openInEditor(fixture('scale', 'deployment.yaml'));
    // The policy in the same folder shows the server has looked at this workspace.
    await sleep(1500);
    assert.deepEqual(ours(deployment.document.uri), []);
  });

  it('a private key pasted into a hostname appears in no diagnostic and no hover', async function () {
    const body = randomBytes(600).toString('base64').replace(/(.{64})/g, '$1\n      ');
    const key = `-----BEGIN PRIVATE KEY-----\n      ${body}\n      -----END PRIVATE KEY-----`;
    const gateway = await openInEditor(fixture('scale', 'gateway.yaml'));
    const at = positionOf(gateway.document, 'edge.example.com');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(gateway.document.uri, new vscode.Range(at, at.translate(0, 'edge.example.com'.length)), `|\n      ${key}`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostic(gateway.document.uri, 'schema');
    const fragments = body.replace(/\s/g, '').match(/.{16}/g) ?? [];
    const shown = [
      ...ours(gateway.document.uri).flatMap((d) => [d.message, ...(d.relatedInformation ?? []).map((r) => r.message)]),
      hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', gateway.document.uri, positionOf(gateway.document, 'hostname'))) ?? []),
      hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', gateway.document.uri, positionOf(gateway.document, 'PRIVATE', 2))) ?? []),
    ].join('\n');
    for (const fragment of fragments) assert.ok(!shown.includes(fragment), `a key fragment was shown: ${fragment}`);
    await vscode.commands.executeCommand('undo');
  });
});
