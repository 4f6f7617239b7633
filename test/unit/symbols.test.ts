// Workspace symbols: Gateway API objects, TLS Secrets and listeners, found by a fuzzy query across files.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import { serviceWith } from '../helpers/service';

const FILES = {
  'gw.yaml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: shop\n  namespace: web\nspec:\n  gatewayClassName: x\n  listeners:\n  - name: https\n    protocol: HTTPS\n    port: 443\n    hostname: shop.example.com\n    tls:\n      certificateRefs:\n      - name: shop-cert\n',
  'secrets.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop-cert\n  namespace: web\ntype: kubernetes.io/tls\ndata:\n  tls.crt: AA\n  tls.key: AA\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db-password\n  namespace: web\ntype: Opaque\n',
  'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\n',
};

test('lists Gateway API objects, TLS Secrets and listeners; not other kinds', () => {
  const symbols = serviceWith(FILES).doWorkspaceSymbols('');
  assert.deepEqual(symbols.map((s) => [s.name, s.kind]).sort(), [
    ['Gateway web/shop', SymbolKind.Class],
    ['Secret web/shop-cert', SymbolKind.Key],
    ['https (shop.example.com)', SymbolKind.Field],
  ].sort());
  const listener = symbols.find((s) => s.kind === SymbolKind.Field)!;
  assert.equal(listener.containerName, 'Gateway web/shop');
  assert.equal(listener.location.uri, 'file:///workspace/gw.yaml');
  assert.equal(listener.location.range.start.line, 8);
});

test('the query matches as a subsequence, case-insensitively', () => {
  const service = serviceWith(FILES);
  assert.deepEqual(service.doWorkspaceSymbols('gwshop').map((s) => s.name), ['Gateway web/shop']);
  assert.deepEqual(service.doWorkspaceSymbols('shopgw').map((s) => s.name), []);
  assert.deepEqual(service.doWorkspaceSymbols('GateShop').map((s) => s.name), ['Gateway web/shop']);
  assert.deepEqual(service.doWorkspaceSymbols('shopcert').map((s) => s.name), ['Secret web/shop-cert']);
});
