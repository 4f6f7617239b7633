import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { serviceWith } from '../helpers/service';

// A workspace: Secrets and a cert-manager Certificate in `certs`, a Secret and a Certificate beside the Gateway in
// `team-a`, a Service and a ConfigMap in `certs` for ReferenceGrant `to` names.
const CERTS = `apiVersion: v1
kind: Secret
metadata:
  name: shop-tls
  namespace: certs
type: kubernetes.io/tls
data:
  tls.crt: Q0VSVA==
  tls.key: S0VZ
---
apiVersion: v1
kind: Secret
metadata:
  name: opaque-thing
  namespace: certs
type: Opaque
stringData:
  password: x
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: shop
  namespace: certs
spec:
  secretName: api-tls
  dnsNames: [api.example.com]
  issuerRef: {name: le, kind: ClusterIssuer}
---
apiVersion: v1
kind: Service
metadata:
  name: backend
  namespace: certs
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ca-bundle
  namespace: certs
`;

const TEAM_A = `apiVersion: v1
kind: Secret
metadata:
  name: local-tls
  namespace: team-a
type: kubernetes.io/tls
data:
  tls.crt: Q0VSVA==
  tls.key: S0VZ
`;

/** Admits Gateways from team-a to the one Secret shop-tls in certs. */
const GRANT_SHOP_ONLY = `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: allow-team-a
  namespace: certs
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: Gateway
    namespace: team-a
  to:
  - group: ""
    kind: Secret
    name: shop-tls
`;

const GATEWAY_HEAD = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
  namespace: team-a
spec:
  gatewayClassName: acme-lb
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    tls:
      certificateRefs:
`;

/** Completion at the `|` of `marked` (written to team-a/gateway.yaml) in a workspace with `extra` files. */
function complete(marked: string, extra: Record<string, string> = {}, settings?: unknown): CompletionItem[] {
  const at = marked.indexOf('|');
  assert.ok(at >= 0, 'no | cursor marker');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  const service = serviceWith({ 'certs/secrets.yaml': CERTS, 'team-a/secrets.yaml': TEAM_A, ...extra, 'team-a/gateway.yaml': text }, settings);
  const list = service.doComplete('file:///workspace/team-a/gateway.yaml', { line: before.length - 1, character: before[before.length - 1]!.length });
  return list.items;
}

/** Labels in the order an editor shows them (by sortText). */
function sorted(items: readonly CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

function find(items: readonly CompletionItem[], label: string): CompletionItem {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no ${label} completion among ${items.map((i) => i.label).join(', ')}`);
  return found;
}

describe('certificateRef completion', () => {
  test('name in the Gateway\'s own namespace: its Secrets, with producer, type, and no grant needed', () => {
    const items = complete(`${GATEWAY_HEAD}      - name: |\n`);
    assert.deepEqual(sorted(items), ['local-tls']);
    const local = find(items, 'local-tls');
    assert.equal(local.detail, 'Secret in team-a/secrets.yaml · kubernetes.io/tls');
    assert.equal(local.kind, 18 /* Reference */);
    assert.equal((local.textEdit as TextEdit).newText, 'local-tls');
  });

  test('a partially typed name is replaced whole', () => {
    const items = complete(`${GATEWAY_HEAD}      - name: loc|\n`);
    const edit = find(items, 'local-tls').textEdit as TextEdit;
    assert.equal(edit.range.end.character - edit.range.start.character, 3);
    assert.equal(edit.range.start.character, '      - name: '.length);
  });

  test('name in another namespace: everything produced there, each marked as needing a grant when there is none', () => {
    const items = complete(`${GATEWAY_HEAD}      - namespace: certs\n        name: |\n`);
    assert.deepEqual(sorted(items), ['api-tls', 'opaque-thing', 'shop-tls']);
    assert.equal(find(items, 'api-tls').detail, 'cert-manager Certificate shop in certs/secrets.yaml · kubernetes.io/tls · needs a ReferenceGrant in certs');
    assert.equal(find(items, 'opaque-thing').detail, 'Secret in certs/secrets.yaml · Opaque, not kubernetes.io/tls · needs a ReferenceGrant in certs');
    assert.equal(find(items, 'shop-tls').detail, 'Secret in certs/secrets.yaml · kubernetes.io/tls · needs a ReferenceGrant in certs');
  });

  test('a grant for one Secret: that one is not marked and sorts first; the others still need a grant', () => {
    const items = complete(`${GATEWAY_HEAD}      - namespace: certs\n        name: |\n`, { 'certs/grant.yaml': GRANT_SHOP_ONLY });
    assert.deepEqual(sorted(items), ['shop-tls', 'api-tls', 'opaque-thing']);
    assert.equal(find(items, 'shop-tls').detail, 'Secret in certs/secrets.yaml · kubernetes.io/tls · allowed by ReferenceGrant certs/allow-team-a');
    assert.match(find(items, 'api-tls').detail!, / · needs a ReferenceGrant in certs$/);
  });

  test('a grant for every Secret in certs: nothing is marked', () => {
    const all = GRANT_SHOP_ONLY.replace('    name: shop-tls\n', '');
    const items = complete(`${GATEWAY_HEAD}      - namespace: certs\n        name: |\n`, { 'certs/grant.yaml': all });
    assert.deepEqual(sorted(items), ['api-tls', 'opaque-thing', 'shop-tls']);
    for (const item of items) assert.doesNotMatch(item.detail!, /needs a ReferenceGrant/);
  });

  test('a grant for Gateways of another namespace does not count', () => {
    const other = GRANT_SHOP_ONLY.replace('namespace: team-a', 'namespace: team-b');
    const items = complete(`${GATEWAY_HEAD}      - namespace: certs\n        name: |\n`, { 'certs/grant.yaml': other });
    assert.match(find(items, 'shop-tls').detail!, /needs a ReferenceGrant in certs$/);
  });

  test('Secrets that only cert-manager\'s Gateway annotation produces are offered to other refs, not the half-typed word itself', () => {
    const annotated = GATEWAY_HEAD.replace('  namespace: team-a\n', '  namespace: team-a\n  annotations:\n    cert-manager.io/cluster-issuer: le\n').replace(
      '    protocol: HTTPS\n',
      '    protocol: HTTPS\n    hostname: shop.example.com\n',
    );
    const items = complete(`${annotated}      - name: from-shim\n  - name: other\n    port: 8443\n    protocol: HTTPS\n    hostname: b.example.com\n    tls:\n      certificateRefs:\n      - name: fro|\n`);
    assert.deepEqual(sorted(items), ['from-shim', 'local-tls']);
    assert.match(find(items, 'from-shim').detail!, /^cert-manager \(annotation cert-manager\.io\/cluster-issuer=le on Gateway web\) · kubernetes\.io\/tls$/);
  });

  test('no Secret names for a ref to another kind', () => {
    assert.deepEqual(complete(`${GATEWAY_HEAD}      - kind: ConfigMap\n        name: |\n`), []);
  });

  test('namespace: every namespace of the workspace, the Gateway\'s own last and marked', () => {
    const items = complete(`${GATEWAY_HEAD}      - name: shop-tls\n        namespace: |\n`, { 'certs/grant.yaml': GRANT_SHOP_ONLY });
    assert.deepEqual(sorted(items), ['certs', 'team-a']);
    assert.equal(find(items, 'certs').detail, '3 Secrets');
    assert.equal(find(items, 'team-a').detail, "the Gateway's namespace: no grant needed · 1 Secret");
  });

  test('kind offers Secret; group offers "" inserted with its quotes', () => {
    assert.deepEqual(complete(`${GATEWAY_HEAD}      - name: x\n        kind: |\n`).map((i) => i.label), ['Secret']);
    const group = complete(`${GATEWAY_HEAD}      - name: x\n        group: |\n`);
    assert.deepEqual(group.map((i) => i.label), ['""']);
    assert.equal((group[0]!.textEdit as TextEdit).newText, '""');
  });

  test('schema-driven completion keeps working beside references', () => {
    const keys = complete(`${GATEWAY_HEAD}      - name: x\n        |\n`).map((i) => i.label);
    assert.deepEqual([...keys].sort(), ['group', 'kind', 'namespace']);
    assert.deepEqual(complete(`${GATEWAY_HEAD}      - name: x\n      mode: |\n`).map((i) => i.label), ['Terminate', 'Passthrough']);
    assert.deepEqual(complete(GATEWAY_HEAD.replace('protocol: HTTPS', 'protocol: |')).map((i) => i.label), ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP']);
  });
});

describe('ReferenceGrant completion', () => {
  const GRANT_HEAD = `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: g
  namespace: certs
spec:
`;
  const GATEWAY = GATEWAY_HEAD.replace('      certificateRefs:\n', '      certificateRefs:\n      - name: local-tls\n');

  /** Completion in a grant written to certs/grant.yaml. */
  function inGrant(marked: string): CompletionItem[] {
    const at = marked.indexOf('|');
    const text = marked.slice(0, at) + marked.slice(at + 1);
    const before = text.slice(0, at).split('\n');
    const service = serviceWith({ 'certs/secrets.yaml': CERTS, 'team-a/secrets.yaml': TEAM_A, 'team-a/gateway.yaml': GATEWAY, 'certs/grant.yaml': text });
    return service.doComplete('file:///workspace/certs/grant.yaml', { line: before.length - 1, character: before[before.length - 1]!.length }).items;
  }

  test('from[].namespace: the workspace namespaces, the grant\'s own last', () => {
    const items = inGrant(`${GRANT_HEAD}  from:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    namespace: |\n  to:\n  - {group: "", kind: Secret}\n`);
    assert.deepEqual(sorted(items), ['team-a', 'certs']);
    assert.match(find(items, 'certs').detail!, /^this grant's namespace: references from it need no grant/);
  });

  test('from[].kind and from[].group come from the schema suggestions', () => {
    const kinds = inGrant(`${GRANT_HEAD}  from:\n  - group: gateway.networking.k8s.io\n    kind: |\n`);
    assert.deepEqual(kinds.map((i) => i.label), ['Gateway', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'ListenerSet']);
    const groups = inGrant(`${GRANT_HEAD}  from:\n  - group: |\n`);
    assert.deepEqual(groups.map((i) => i.label), ['gateway.networking.k8s.io', '""']);
    assert.equal((groups[1]!.textEdit as TextEdit).newText, '""');
  });

  test('to[].kind and to[].group: Secret, Service, ConfigMap; the core group first', () => {
    assert.deepEqual(inGrant(`${GRANT_HEAD}  to:\n  - group: ""\n    kind: |\n`).map((i) => i.label), ['Secret', 'Service', 'ConfigMap']);
    assert.deepEqual(inGrant(`${GRANT_HEAD}  to:\n  - group: |\n`).map((i) => i.label), ['""', 'gateway.networking.k8s.io']);
  });

  test('a new from entry offers its three required keys, group as a choice with ""', () => {
    const items = inGrant(`${GRANT_HEAD}  from:\n  - |\n`);
    assert.deepEqual(items.map((i) => i.label).sort(), ['group', 'kind', 'namespace']);
    assert.equal((find(items, 'group').textEdit as TextEdit).newText, 'group: ${1|gateway.networking.k8s.io,""|}');
    assert.ok(items.every((i) => /required/.test(i.detail!)));
  });

  test('to[].name: the Secrets of the grant\'s namespace (produced ones included), not those of other namespaces', () => {
    const items = inGrant(`${GRANT_HEAD}  to:\n  - group: ""\n    kind: Secret\n    name: |\n`);
    assert.deepEqual(sorted(items), ['api-tls', 'opaque-thing', 'shop-tls']);
    assert.equal(find(items, 'api-tls').detail, 'cert-manager Certificate shop in certs/secrets.yaml · kubernetes.io/tls');
  });

  test('to[].name follows to.kind: Services, ConfigMaps', () => {
    assert.deepEqual(inGrant(`${GRANT_HEAD}  to:\n  - group: ""\n    kind: Service\n    name: |\n`).map((i) => i.label), ['backend']);
    const cm = inGrant(`${GRANT_HEAD}  to:\n  - name: |\n    kind: ConfigMap\n`);
    assert.deepEqual(cm.map((i) => i.label), ['ca-bundle']);
    assert.equal(cm[0]!.detail, 'ConfigMap in certs/secrets.yaml');
    assert.deepEqual(inGrant(`${GRANT_HEAD}  to:\n  - group: ""\n    name: |\n`), []);
  });
});
