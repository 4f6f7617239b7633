// Which implementation, over stdio: the hover on gatewayClassName names the implementation a GatewayClass of the
// workspace points at and follows gatewayTls.implementation when the client's settings change; on a Gateway whose
// implementation is unknown, the "Set gatewayTls.implementation to …" action carries the client command; completion
// of gatewayClassName lists the workspace's GatewayClass with its implementation.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CodeAction, Command, Hover } from 'vscode-languageserver-protocol/node';
import { fileUri, positionOf } from './client';
import { cleanUpAfterTests, startClient, tempWorkspace } from './workspace';

cleanUpAfterTests();

const CLASS = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: edge-lb
spec:
  controllerName: gateway.envoyproxy.io/gatewayclass-controller
`;

function gateway(name: string, className: string): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: edge
spec:
  gatewayClassName: ${className}
  listeners:
  - name: https
    protocol: HTTPS
    port: 443
    hostname: shop.example.com
    tls:
      certificateRefs:
      - name: shop-cert
`;
}

function markdown(hover: Hover | null): string {
  assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents, `a Markdown hover, got ${JSON.stringify(hover)}`);
  return hover.contents.value;
}

const isAction = (a: CodeAction | Command): a is CodeAction => typeof a.command !== 'string';

describe('implementation over LSP', { timeout: 60_000 }, () => {
  test('hover on gatewayClassName: the GatewayClass\'s implementation, then the setting\'s', async () => {
    const text = gateway('shop', 'edge-lb');
    const ws = tempWorkspace({ 'class.yaml': CLASS, 'gateway.yaml': text }, 'gateway-tls-impl-');
    const client = await startClient({ workspaceFolder: ws });
    await client.waitForProgressEnd('Gateway TLS');
    const uri = fileUri(path.join(ws, 'gateway.yaml'));
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    const at = positionOf(text, 'edge-lb', 2);

    const known = markdown(await client.hover(uri, at));
    assert.match(known, /^\*\*Implementation: Envoy Gateway v[\d.]+\*\* \(`envoyproxy\/envoy-gateway`\)/);
    assert.ok(known.includes('GatewayClass edge-lb has controllerName gateway.envoyproxy.io/gatewayclass-controller'), known);
    assert.match(known, /\[conformance report\]\(https:\/\/github\.com\/kubernetes-sigs\/gateway-api\/[^)]+\) of \d{4}-\d{2}-\d{2}/);

    const items = await client.completion(uri, positionOf(text, 'edge-lb', 7));
    const edge = items.find((i) => i.label === 'edge-lb');
    assert.match(edge?.detail ?? '', /^Envoy Gateway v/, JSON.stringify(items.map((i) => [i.label, i.detail])));

    await client.changeSettings({ gatewayTls: { implementation: 'none' } });
    // The server pulls the settings after the notification: ask again until the hover follows (at most 5 s).
    let off = '';
    for (let i = 0; i < 100 && !off.startsWith('**Implementation checks are off**'); i++) {
      off = markdown(await client.hover(uri, at));
      if (!off.startsWith('**Implementation checks are off**')) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(off.startsWith('**Implementation checks are off**'), off);
  });

  test('an unknown implementation near a well-known class name: the action carries gatewayTls.setImplementation', async () => {
    const text = gateway('shop', 'istio-gw');
    const ws = tempWorkspace({ 'gateway.yaml': text }, 'gateway-tls-impl-');
    const client = await startClient({ workspaceFolder: ws });
    await client.waitForProgressEnd('Gateway TLS');
    const uri = fileUri(path.join(ws, 'gateway.yaml'));
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    const at = positionOf(text, 'istio-gw', 3);

    const unknown = markdown(await client.hover(uri, at));
    assert.ok(unknown.startsWith('**Implementation: unknown** — GatewayClass istio-gw is not in the workspace'), unknown);

    const actions = (await client.codeActions(uri, { start: at, end: at })).filter(isAction);
    const set = actions.find((a) => a.title === 'Set gatewayTls.implementation to Istio');
    assert.ok(set, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(set.command, { title: 'Set gatewayTls.implementation to Istio', command: 'gatewayTls.setImplementation', arguments: ['istio/istio'] });
    assert.equal(set.edit, undefined);
  });
});
