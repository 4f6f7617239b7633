// Routes over LSP: a route file opened while the server indexes the workspace gets route-hostname-not-covered only
// once the index is complete (the Gateway and the Secret it needs are in files read later), on the route hostname.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { makeCertificate, tlsSecretYaml } from '../helpers/certs';
import { configMapYaml, gatewayYaml } from '../helpers/manifests';
import { fileUri, positionOf } from './client';
import { cleanUpAfterTests, startClient, tempWorkspace, writeWorkspaceFile } from './workspace';

cleanUpAfterTests();

const FILLERS = 1500;

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: api
  namespace: web
spec:
  parentRefs:
  - name: gw
  hostnames:
  - api.eu.example.com
  - shop.example.com
`;

const GATEWAY = gatewayYaml({ name: 'gw', namespace: 'web', listeners: [{ name: 'wild', hostname: '"*.example.com"', refs: ['wild-cert'] }] });

describe('routes over LSP', { timeout: 120_000 }, () => {
  test('route-hostname-not-covered on the route hostname, after the index completes', async () => {
    const wildcard = await makeCertificate({ cn: 'wild', dnsNames: ['*.example.com'] });
    const ws = tempWorkspace(
      {
        // Sorted first: the route, read before the Gateway and the Secret it depends on.
        'a/route.yaml': ROUTE,
        'zz/gateway.yaml': GATEWAY,
        'zz/secret.yaml': tlsSecretYaml('wild-cert', 'web', wildcard.certPem, wildcard.keyPem),
      },
      'gtls-routes-',
    );
    for (let i = 0; i < FILLERS; i++) writeWorkspaceFile(ws, `m/d${i % 20}/f${i}.yaml`, configMapYaml(`filler-${i}`, 'web', { key: `"${i}"` }));
    const uri = fileUri(path.join(ws, 'a', 'route.yaml'));

    const client = await startClient({ workspaceFolder: ws, settings: { gatewayTls: {} }, timeout: 60_000 });
    await client.open(uri, ROUTE);
    const events = await client.waitForProgressEnd('Gateway TLS');
    const end = events.at(-1)!;
    const final = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'route-hostname-not-covered'));

    // Whatever was published before the index was complete holds no route finding.
    for (const published of client.diagnostics.filter((p) => p.uri === uri && p.sequence <= end.diagnosticsBefore!)) {
      assert.deepEqual(published.diagnostics.filter((d) => String(d.code).startsWith('route-')), []);
    }
    assert.ok(final.sequence > end.diagnosticsBefore!, 'route findings come after the scan');
    const found = final.diagnostics.filter((d) => d.code === 'route-hostname-not-covered');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.range.start, positionOf(ROUTE, 'api.eu.example.com'));
    assert.match(String(found[0]!.message), /serves api\.eu\.example\.com for this route/);
    assert.equal(found[0]!.relatedInformation?.length, 2);
  });
});
