import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { certificateYaml, configMapYaml, documents, gatewayYaml, referenceGrantYaml, secretYaml, serviceYaml } from '../helpers/manifests';
import { completeAt, itemLabeled, sortedLabels } from '../helpers/service';

// A workspace: Secrets and a cert-manager Certificate in `certs`, a Secret and a Certificate beside the Gateway in
// `team-a`, a Service and a ConfigMap in `certs` for ReferenceGrant `to` names.
const CERTS = documents(
  secretYaml('shop-tls', 'certs', { data: { 'tls.crt': 'Q0VSVA==', 'tls.key': 'S0VZ' } }),
  secretYaml('opaque-thing', 'certs', { type: 'Opaque', stringData: { password: 'x' } }),
  certificateYaml('shop', 'certs', 'api-tls', { dnsNames: ['api.example.com'], clusterIssuer: 'le' }),
  serviceYaml('backend', 'certs'),
  configMapYaml('ca-bundle', 'certs'),
);

const TEAM_A = secretYaml('local-tls', 'team-a', { data: { 'tls.crt': 'Q0VSVA==', 'tls.key': 'S0VZ' } });

/** Admits Gateways from team-a to the one Secret shop-tls in certs. */
const GRANT_SHOP_ONLY = referenceGrantYaml({ name: 'allow-team-a', to: { name: 'shop-tls' } });

/** Gateway web in team-a whose listener's `certificateRefs:` is the last line: tests append the refs. */
const GATEWAY_HEAD = gatewayYaml({ name: 'web', namespace: 'team-a', listeners: [{ name: 'https', portFirst: true, refs: [] }] });

/** Completion at the `|` of `marked` (written to team-a/gateway.yaml) in a workspace with `extra` files. */
function complete(marked: string, extra: Record<string, string> = {}, settings?: unknown): CompletionItem[] {
  return completeAt(marked, 'team-a/gateway.yaml', { 'certs/secrets.yaml': CERTS, 'team-a/secrets.yaml': TEAM_A, ...extra }, settings);
}

describe('certificateRef completion', () => {
  test('name in the Gateway\'s own namespace: its Secrets, with producer, type, and no grant needed', () => {
    const items = complete(`${GATEWAY_HEAD}      - name: |\n`);
    assert.deepEqual(sortedLabels(items), ['local-tls']);
    const local = itemLabeled(items, 'local-tls');
    assert.equal(local.detail, 'Secret in team-a/secrets.yaml · kubernetes.io/tls');
    assert.equal(local.kind, 18 /* Reference */);
    assert.equal((local.textEdit as TextEdit).newText, 'local-tls');
  });

  test('a partially typed name is replaced whole', () => {
    const items = complete(`${GATEWAY_HEAD}      - name: loc|\n`);
    const edit = itemLabeled(items, 'local-tls').textEdit as TextEdit;
    assert.equal(edit.range.end.character - edit.range.start.character, 3);
    assert.equal(edit.range.start.character, '      - name: '.length);
  });

  test('name in another namespace: everything produced there, each marked as needing a grant when there is none', () => {
    const items = complete(`${GATEWAY_HEAD}      - namespace: certs\n        name: |\n`);
    assert.deepEqual(sortedLabels(items), ['api-tls', 'opaque-thing', 'shop-tls']);
    assert.equal(itemLabeled(items, 'api-tls').detail, 'cert-manager Certificate shop in certs/secrets.yaml · kubernetes.io/tls · needs a ReferenceGrant in certs');
    assert.equal(itemLabeled(items, 'opaque-thing').detail, 'Secret in certs/secrets.yaml · Opaque, not kubernetes.io/tls · needs a ReferenceGrant in certs');
    assert.equal(itemLabeled(items, 'shop-tls').detail, 'Secret in certs/secrets.yaml · kubernetes.io/tls · needs a ReferenceGrant in certs');
  });

  test('a grant for one Secret: that one is not marked and sorts first; the others still need a grant', () => {
    const items = complete(`${GATEWAY_HEAD}      - namespace: certs\n        name: |\n`, { 'certs/grant.yaml': GRANT_SHOP_ONLY });
    assert.deepEqual(sortedLabels(items), ['shop-tls', 'api-tls', 'opaque-thing']);
    assert.equal(itemLabeled(items, 'shop-tls').detail, 'Secret in certs/secrets.yaml · kubernetes.io/tls · allowed by ReferenceGrant certs/allow-team-a');
    assert.match(itemLabeled(items, 'api-tls').detail!, / · needs a ReferenceGrant in certs$/);
  });

  test('a grant for every Secret in certs: nothing is marked', () => {
    const all = GRANT_SHOP_ONLY.replace('    name: shop-tls\n', '');
    const items = complete(`${GATEWAY_HEAD}      - namespace: certs\n        name: |\n`, { 'certs/grant.yaml': all });
    assert.deepEqual(sortedLabels(items), ['api-tls', 'opaque-thing', 'shop-tls']);
    for (const item of items) assert.doesNotMatch(item.detail!, /needs a ReferenceGrant/);
  });

  test('a grant for Gateways of another namespace does not count', () => {
    const other = GRANT_SHOP_ONLY.replace('namespace: team-a', 'namespace: team-b');
    const items = complete(`${GATEWAY_HEAD}      - namespace: certs\n        name: |\n`, { 'certs/grant.yaml': other });
    assert.match(itemLabeled(items, 'shop-tls').detail!, /needs a ReferenceGrant in certs$/);
  });

  test('Secrets that only cert-manager\'s Gateway annotation produces are offered to other refs, not the half-typed word itself', () => {
      const annotated = gatewayYaml({
      name: 'web',
      namespace: 'team-a',
      annotations: { 'cert-manager.io/cluster-issuer': 'le' },
      listeners: [
        { name: 'https', portFirst: true, hostname: 'shop.example.com', refs: ['from-shim'] },
        { name: 'other', portFirst: true, port: 8443, hostname: 'b.example.com', refs: ['fro|'] },
      ],
    });
    const items = complete(annotated);
    assert.deepEqual(sortedLabels(items), ['from-shim', 'local-tls']);
    assert.match(itemLabeled(items, 'from-shim').detail!, /^cert-manager \(annotation cert-manager\.io\/cluster-issuer=le on Gateway web\) · kubernetes\.io\/tls$/);
  });

  test('no Secret names for a ref to another kind', () => {
    assert.deepEqual(complete(`${GATEWAY_HEAD}      - kind: ConfigMap\n        name: |\n`), []);
  });

  test('namespace: every namespace of the workspace, the Gateway\'s own last and marked', () => {
    const items = complete(`${GATEWAY_HEAD}      - name: shop-tls\n        namespace: |\n`, { 'certs/grant.yaml': GRANT_SHOP_ONLY });
    assert.deepEqual(sortedLabels(items), ['certs', 'team-a']);
    assert.equal(itemLabeled(items, 'certs').detail, '3 Secrets');
    assert.equal(itemLabeled(items, 'team-a').detail, "the Gateway's namespace: no grant needed · 1 Secret");
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
    return completeAt(marked, 'certs/grant.yaml', { 'certs/secrets.yaml': CERTS, 'team-a/secrets.yaml': TEAM_A, 'team-a/gateway.yaml': GATEWAY });
  }

  test('from[].namespace: the workspace namespaces, the grant\'s own last', () => {
    const items = inGrant(`${GRANT_HEAD}  from:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    namespace: |\n  to:\n  - {group: "", kind: Secret}\n`);
    assert.deepEqual(sortedLabels(items), ['team-a', 'certs']);
    assert.match(itemLabeled(items, 'certs').detail!, /^this grant's namespace: references from it need no grant/);
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
    assert.equal((itemLabeled(items, 'group').textEdit as TextEdit).newText, 'group: ${1|gateway.networking.k8s.io,""|}');
    assert.ok(items.every((i) => /required/.test(i.detail!)));
  });

  test('to[].name: the Secrets of the grant\'s namespace (produced ones included), not those of other namespaces', () => {
    const items = inGrant(`${GRANT_HEAD}  to:\n  - group: ""\n    kind: Secret\n    name: |\n`);
    assert.deepEqual(sortedLabels(items), ['api-tls', 'opaque-thing', 'shop-tls']);
    assert.equal(itemLabeled(items, 'api-tls').detail, 'cert-manager Certificate shop in certs/secrets.yaml · kubernetes.io/tls');
  });

  test('to[].name follows to.kind: Services, ConfigMaps', () => {
    assert.deepEqual(inGrant(`${GRANT_HEAD}  to:\n  - group: ""\n    kind: Service\n    name: |\n`).map((i) => i.label), ['backend']);
    const cm = inGrant(`${GRANT_HEAD}  to:\n  - name: |\n    kind: ConfigMap\n`);
    assert.deepEqual(cm.map((i) => i.label), ['ca-bundle']);
    assert.equal(cm[0]!.detail, 'ConfigMap in certs/secrets.yaml');
    assert.deepEqual(inGrant(`${GRANT_HEAD}  to:\n  - group: ""\n    name: |\n`), []);
  });
});
