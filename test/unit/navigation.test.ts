// Go to definition (certificateRef → Secret or what produces it) and find references (Secret or producer → every
// listener certificateRef that resolves to it), over multi-file workspaces.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { gatewayYaml, secretYaml } from '../helpers/manifests';
import { covered, serviceWith } from '../helpers/service';
import { positionOf } from '../lsp/client';

const ROOT = 'file:///workspace/';

/** Gateway `name` (in web, or `ns`; '' for none) whose one listener refers to `refs` with an explicit `kind: Secret`. */
function gateway(name: string, refs: { name: string; namespace?: string }[], opts: { ns?: string; protocol?: string; mode?: string } = {}): string {
  const namespace = opts.ns === '' ? undefined : (opts.ns ?? 'web');
  return gatewayYaml({ name, namespace, gatewayClassName: 'acme', listeners: [{ name: 'https', protocol: opts.protocol, mode: opts.mode, refs: refs.map((r) => ({ kind: 'Secret', ...r })) }] });
}

const SECRET = secretYaml('shop-cert', 'web');
const CERTIFICATE = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: shop\n  namespace: web\nspec:\n  secretName: shop-cert\n  dnsNames:\n  - shop.example.com\n';

describe('go to definition', () => {
  test('from anywhere in a certificateRef item to the Secret\'s metadata.name', () => {
    const files = { 'gw.yaml': gateway('gw', [{ name: 'shop-cert' }]), 'certs/secrets.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: web\n---\n${SECRET}` };
    const service = serviceWith(files);
    const text = files['gw.yaml'];
    for (const at of [positionOf(text, 'shop-cert', 3), positionOf(text, 'name: shop-cert', 1), positionOf(text, 'kind: Secret', 7)]) {
      assert.deepEqual(covered(files, service.doDefinition(`${ROOT}gw.yaml`, at)), ['certs/secrets.yaml:10:shop-cert'], JSON.stringify(at));
    }
    // Elsewhere in the Gateway: nothing.
    assert.deepEqual(service.doDefinition(`${ROOT}gw.yaml`, positionOf(text, 'gatewayClassName')), []);
  });

  test('to a cert-manager Certificate\'s spec.secretName, and to both when a Secret is there too', () => {
    const files = { 'gw.yaml': gateway('gw', [{ name: 'shop-cert' }]), 'certs/certificate.yaml': CERTIFICATE };
    const service = serviceWith(files);
    const at = positionOf(files['gw.yaml'], 'shop-cert');
    assert.deepEqual(covered(files, service.doDefinition(`${ROOT}gw.yaml`, at)), ['certs/certificate.yaml:7:shop-cert']);

    const both = { ...files, 'certs/secret.yaml': SECRET };
    assert.deepEqual(covered(both, serviceWith(both).doDefinition(`${ROOT}gw.yaml`, at)), ['certs/secret.yaml:4:shop-cert', 'certs/certificate.yaml:7:shop-cert']);
  });

  test('across namespaces, and to a kustomize secretGenerator', () => {
    const cross = { 'gw.yaml': gateway('gw', [{ name: 'shop-cert', namespace: 'certs' }]), 's.yaml': SECRET.replace('namespace: web', 'namespace: certs') };
    assert.deepEqual(covered(cross, serviceWith(cross).doDefinition(`${ROOT}gw.yaml`, positionOf(cross['gw.yaml'], 'certs'))), ['s.yaml:4:shop-cert']);

    const kustomized = {
      'app/gw.yaml': gateway('gw', [{ name: 'shop-cert' }], { ns: '' }),
      'app/kustomization.yaml': 'namespace: web\nresources:\n- gw.yaml\nsecretGenerator:\n- name: shop-cert\n  type: kubernetes.io/tls\n  files:\n  - tls.crt\n  - tls.key\n',
    };
    const service = serviceWith(kustomized);
    assert.deepEqual(covered(kustomized, service.doDefinition(`${ROOT}app/gw.yaml`, positionOf(kustomized['app/gw.yaml'], 'shop-cert'))), ['app/kustomization.yaml:5:shop-cert']);
  });

  test('a Secret in another namespace, or none at all, is no definition', () => {
    const files = { 'gw.yaml': gateway('gw', [{ name: 'shop-cert' }]), 'other.yaml': SECRET.replace('namespace: web', 'namespace: other') };
    assert.deepEqual(serviceWith(files).doDefinition(`${ROOT}gw.yaml`, positionOf(files['gw.yaml'], 'shop-cert')), []);
  });
});

describe('find references', () => {
  const files = {
    'a/gateway.yaml': gateway('a', [{ name: 'shop-cert' }]),
    'b/gateway.yaml': gateway('b', [{ name: 'other-cert' }, { name: 'shop-cert', namespace: 'web' }], { ns: 'team-b' }),
    'c/gateway.yaml': gateway('c', [{ name: 'shop-cert' }], { ns: 'team-c' }),
    'certs/secret.yaml': SECRET,
  };
  const expected = ['a/gateway.yaml:15:shop-cert', 'b/gateway.yaml:17:shop-cert'];

  test('from anywhere in a Secret\'s document to the listeners in two files that use it (and not a same-named ref elsewhere)', () => {
    const service = serviceWith(files);
    for (const at of [positionOf(SECRET, 'shop-cert', 2), positionOf(SECRET, 'kind'), positionOf(SECRET, 'tls.key')]) {
      assert.deepEqual(covered(files, service.doReferences(`${ROOT}certs/secret.yaml`, at)), expected, JSON.stringify(at));
    }
  });

  test('from a cert-manager Certificate, and from a certificateRef (every ref to the same Secret)', () => {
    const withCertificate = { ...files, 'certs/secret.yaml': CERTIFICATE };
    const service = serviceWith(withCertificate);
    assert.deepEqual(covered(withCertificate, service.doReferences(`${ROOT}certs/secret.yaml`, positionOf(CERTIFICATE, 'dnsNames'))), expected);
    const fromRef = service.doReferences(`${ROOT}a/gateway.yaml`, positionOf(files['a/gateway.yaml'], 'shop-cert'));
    assert.deepEqual(covered(withCertificate, fromRef), expected);
    // Elsewhere in a Gateway the cursor is about the Gateway, not a Secret.
    assert.deepEqual(service.doReferences(`${ROOT}a/gateway.yaml`, positionOf(files['a/gateway.yaml'], 'gatewayClassName')), []);
  });

  test('from a kustomize secretGenerator entry, and refs of a Passthrough listener still count', () => {
    const kustomized = {
      'app/gw.yaml': gateway('gw', [{ name: 'shop-cert' }], { ns: '' }),
      'app/tls.yaml': gateway('pass', [{ name: 'shop-cert' }], { ns: '', protocol: 'TLS', mode: 'Passthrough' }),
      'app/kustomization.yaml': 'namespace: web\nresources:\n- gw.yaml\n- tls.yaml\nsecretGenerator:\n- name: other\n  literals: [a=b]\n- name: shop-cert\n  type: kubernetes.io/tls\n  files:\n  - tls.crt\n',
    };
    const service = serviceWith(kustomized);
    const k = kustomized['app/kustomization.yaml'];
    assert.deepEqual(covered(kustomized, service.doReferences(`${ROOT}app/kustomization.yaml`, positionOf(k, 'tls.crt'))), ['app/gw.yaml:14:shop-cert', 'app/tls.yaml:15:shop-cert']);
    assert.deepEqual(service.doReferences(`${ROOT}app/kustomization.yaml`, positionOf(k, 'a=b')), []);
  });
});
