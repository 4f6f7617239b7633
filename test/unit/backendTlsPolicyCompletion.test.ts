// BackendTLSPolicy value completion from the workspace: Services for target refs (every version's field names),
// a Service's port names for sectionName, ConfigMaps with ca.crt for CA refs, and System from the schema.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { configMapYaml, documents, serviceYaml } from '../helpers/manifests';
import { completeAt, itemLabeled, sortedLabels } from '../helpers/service';

const BACKEND = documents(
  serviceYaml('auth-service', 'backend', [{ name: 'https', port: 443 }, { name: 'metrics', port: 9090 }, { port: 8080 }]),
  serviceYaml('billing', 'backend', [{ port: 443 }]),
  serviceYaml('elsewhere', 'other'),
  configMapYaml('auth-ca', 'backend', { 'ca.crt': 'x' }),
  configMapYaml('app-settings', 'backend', { level: 'debug' }),
  configMapYaml('other-ca', 'other', { 'ca.crt': 'x' }),
);

const V1_HEAD = `apiVersion: gateway.networking.k8s.io/v1
kind: BackendTLSPolicy
metadata:
  name: auth-tls
  namespace: backend
spec:
`;

const V1ALPHA2_HEAD = V1_HEAD.replace('/v1\n', '/v1alpha2\n');

/** Completion at the `|` of `marked` (written to policy.yaml) beside the backend Services and ConfigMaps. */
function complete(marked: string, extra: Record<string, string> = {}): CompletionItem[] {
  return completeAt(marked, 'policy.yaml', { 'backend/objects.yaml': BACKEND, ...extra });
}

describe('target refs', () => {
  test('targetRefs[].name: the Services of the policy\'s namespace, with their port names', () => {
    const items = complete(`${V1_HEAD}  targetRefs:\n  - group: ""\n    kind: Service\n    name: |\n`);
    assert.deepEqual(sortedLabels(items), ['auth-service', 'billing']);
    const auth = itemLabeled(items, 'auth-service');
    assert.equal(auth.detail, 'Service in backend/objects.yaml · ports https, metrics');
    assert.equal((auth.textEdit as TextEdit).newText, 'auth-service');
    assert.equal(itemLabeled(items, 'billing').detail, 'Service in backend/objects.yaml · no named ports');
  });

  test('the name before group and kind are written, and a partial word replaced whole', () => {
    const items = complete(`${V1_HEAD}  targetRefs:\n  - name: au|\n`);
    const edit = itemLabeled(items, 'auth-service').textEdit as TextEdit;
    assert.equal(edit.range.end.character - edit.range.start.character, 2);
  });

  test('v1alpha2 targetRef.name, in the policy\'s namespace or the one targetRef names', () => {
    assert.deepEqual(sortedLabels(complete(`${V1ALPHA2_HEAD}  targetRef:\n    group: ""\n    kind: Service\n    name: |\n`)), ['auth-service', 'billing']);
    assert.deepEqual(sortedLabels(complete(`${V1ALPHA2_HEAD}  targetRef:\n    group: ""\n    kind: Service\n    namespace: other\n    name: |\n`)), ['elsewhere']);
  });

  test('another target kind gets no Services', () => {
    assert.deepEqual(complete(`${V1_HEAD}  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: HTTPRoute\n    name: |\n`), []);
  });

  test('sectionName: the named ports of that Service, with their numbers', () => {
    const items = complete(`${V1_HEAD}  targetRefs:\n  - group: ""\n    kind: Service\n    name: auth-service\n    sectionName: |\n`);
    assert.deepEqual(sortedLabels(items), ['https', 'metrics']);
    assert.equal(itemLabeled(items, 'https').detail, 'port 443 of Service backend/auth-service');
    const old = complete(`${V1ALPHA2_HEAD}  targetRef:\n    group: ""\n    kind: Service\n    name: auth-service\n    sectionName: |\n`);
    assert.deepEqual(sortedLabels(old), ['https', 'metrics']);
    assert.deepEqual(complete(`${V1_HEAD}  targetRefs:\n  - group: ""\n    kind: Service\n    name: nothing\n    sectionName: |\n`), []);
  });
});

describe('CA refs', () => {
  test('caCertificateRefs[].name: ConfigMaps with ca.crt first, others after and marked; trust-manager Bundles count', () => {
    const bundle = 'apiVersion: trust.cert-manager.io/v1alpha1\nkind: Bundle\nmetadata:\n  name: platform-roots\nspec:\n  target:\n    configMap:\n      key: ca.crt\n';
    const items = complete(`${V1_HEAD}  validation:\n    caCertificateRefs:\n    - group: ""\n      kind: ConfigMap\n      name: |\n`, { 'bundle.yaml': bundle });
    assert.deepEqual(sortedLabels(items), ['auth-ca', 'platform-roots', 'app-settings']);
    assert.equal(itemLabeled(items, 'auth-ca').detail, 'ConfigMap with ca.crt · backend/objects.yaml');
    assert.equal(itemLabeled(items, 'app-settings').detail, 'ConfigMap without ca.crt: not a CA bundle · backend/objects.yaml');
    assert.equal(itemLabeled(items, 'platform-roots').detail, 'ConfigMap written by trust-manager Bundle platform-roots');
  });

  test('v1alpha2 caCertRefs, even with the old guide\'s ConfigMapReference kind; a Secret kind gets nothing', () => {
    const items = complete(`${V1ALPHA2_HEAD}  tls:\n    caCertRefs:\n    - kind: ConfigMapReference\n      name: |\n`);
    assert.deepEqual(sortedLabels(items), ['auth-ca', 'app-settings']);
    assert.deepEqual(complete(`${V1_HEAD}  validation:\n    caCertificateRefs:\n    - group: ""\n      kind: Secret\n      name: |\n`), []);
  });

  test('wellKnownCACertificates and wellKnownCACerts offer System (from the schema)', () => {
    assert.deepEqual(complete(`${V1_HEAD}  validation:\n    wellKnownCACertificates: |\n`).map((i) => i.label), ['System']);
    assert.deepEqual(complete(`${V1ALPHA2_HEAD}  tls:\n    wellKnownCACerts: |\n`).map((i) => i.label), ['System']);
  });

  test('CA ref kind and target kind still come from the schema', () => {
    assert.ok(complete(`${V1_HEAD}  validation:\n    caCertificateRefs:\n    - kind: |\n`).some((i) => i.label === 'ConfigMap'));
    assert.ok(complete(`${V1_HEAD}  targetRefs:\n  - kind: |\n`).some((i) => i.label === 'Service'));
  });
});
