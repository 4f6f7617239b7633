// A ListenerSet file over LSP: listener rules on its lines, its parent Gateway's allowedListeners (not admitted: a
// warning on parentRef), and its own cross-namespace certificateRef, which a grant for the Gateway does not cover.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { fileUri } from './client';
import { cleanUpAfterTests, startClient, tempWorkspace } from './workspace';

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: infra
spec:
  gatewayClassName: example
  listeners:
  - name: http
    port: 80
    protocol: HTTP
`;

const GRANT = `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: gateways
  namespace: certs
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: Gateway
    namespace: infra
  to:
  - group: ""
    kind: Secret
`;

const LISTENER_SET = `apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata:
  name: team-listeners
  namespace: infra
spec:
  parentRef:
    name: gw
  listeners:
  - name: web
    port: 443
    protocol: HTTPS
    tls:
      certificateRefs:
      - name: web-cert
        namespace: certs
  - name: db
    port: 5432
    protocol: TCP
    hostname: db.example.com
`;

cleanUpAfterTests();

const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}`).sort();

describe('ListenerSet over LSP', { timeout: 60_000 }, () => {
  test('listener rules, admission and grants on a ListenerSet file', async () => {
    const ws = tempWorkspace({ 'gateway.yaml': GATEWAY, 'grant.yaml': GRANT, 'listeners.yaml': LISTENER_SET }, 'gateway-tls-ls-');
    const client = await startClient({ workspaceFolder: ws });
    await client.waitForProgressEnd('Gateway TLS');
    const uri = fileUri(path.join(ws, 'listeners.yaml'));
    await client.open(uri, LISTENER_SET);
    const published = await client.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'listenerset-not-allowed'));
    assert.deepEqual(codes(published.diagnostics), ['certificate-secret-not-found@14', 'listener-hostname-not-allowed@19', 'listenerset-not-allowed@7', 'ref-not-permitted@15'].sort());
    const admission = published.diagnostics.find((d) => d.code === 'listenerset-not-allowed')!;
    assert.equal(admission.severity, 2);
    assert.match(admission.message as string, /Gateway infra\/gw does not admit this ListenerSet/);
    const ref = published.diagnostics.find((d) => d.code === 'ref-not-permitted')!;
    assert.match(ref.message as string, /it admits Gateways, not ListenerSets/);
    assert.equal(await client.shutdown(), 0);
  });
});
