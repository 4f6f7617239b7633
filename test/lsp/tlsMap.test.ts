// The TLS map and the certificate expiry list over LSP: the custom requests the VS Code tree view and the "Show
// Certificate Expiry" command send (`gatewayTls/tlsMap`, `gatewayTls/certificateExpiry`) answer with the service's
// model once the workspace scan is done, and follow an edit.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { ExpiryEntry, TlsMap } from '../../server/src/services/tlsMap';
import { lineOf } from '../helpers/service';
import { GATEWAY, GATEWAY_FILE, tlsMapFixture } from '../helpers/tlsMapFixture';
import { fileUri } from './client';
import { cleanUpAfterTests, startClient, tempWorkspace } from './workspace';

cleanUpAfterTests();

describe('gatewayTls/tlsMap and gatewayTls/certificateExpiry over LSP', () => {
  test('the map of the scanned workspace, with listener problems; the expiry list soonest first; an edit shows', async () => {
    const ws = tempWorkspace(await tlsMapFixture(), 'gateway-tls-map-lsp-');
    const client = await startClient({ workspaceFolder: ws });
    await client.waitForProgressEnd('Gateway TLS');

    const map = await client.connection.sendRequest<TlsMap>('gatewayTls/tlsMap');
    assert.deepEqual(map.gateways.map((g) => `${g.namespace}/${g.name}`), ['infra/edge']);
    const listeners = map.gateways[0]!.listeners;
    assert.deepEqual(listeners.map((l) => l.name), ['wildcard', 'shop', 'api', 'legacy']);
    const gatewayUri = fileUri(path.join(ws, GATEWAY_FILE));
    assert.equal(listeners[0]!.location?.uri, gatewayUri);
    assert.equal(listeners[0]!.location?.range.start.line, lineOf(GATEWAY, '- name: wildcard'));
    assert.deepEqual(listeners[3]!.problems.map((p) => p.code), ['certificate-secret-not-found']);
    assert.deepEqual(listeners[1]!.certificates.map((c) => c.status), ['expiring']);

    const expiry = await client.connection.sendRequest<ExpiryEntry[]>('gatewayTls/certificateExpiry');
    assert.deepEqual(expiry.map((e) => `${e.namespace}/${e.name}`), ['infra/shop-cert', 'infra/wildcard-cert']);
    assert.equal(expiry[0]!.location?.uri, fileUri(path.join(ws, 'secrets.yaml')));

    // An open document's unsaved text is what the map shows.
    await client.open(gatewayUri, GATEWAY.replace('name: legacy\n', 'name: old\n'));
    const edited = await client.connection.sendRequest<TlsMap>('gatewayTls/tlsMap');
    assert.deepEqual(edited.gateways[0]!.listeners.map((l) => l.name), ['wildcard', 'shop', 'api', 'old']);
  });
});
