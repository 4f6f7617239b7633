// Without kustomize (not installed, or builds turned off): files are checked as written, with the namespaces
// kustomize would give them — an overlay's `namespace:` overrides `metadata.namespace`. Runs everywhere.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { documents, referenceGrantYaml, secretYaml, shopGatewayYaml } from '../helpers/manifests';
import { plain, serviceWith } from '../helpers/service';

const GATEWAY = shopGatewayYaml({ namespace: 'web', secretNamespace: 'certs' });

const CERTS = documents(
  secretYaml('shop-cert', 'certs', { stringData: { 'tls.crt': 'placeholder', 'tls.key': 'placeholder' } }),
  referenceGrantYaml({ name: 'web-to-certs', from: { namespace: 'web' } }),
);

test('files mode: the overlay namespace overrides metadata.namespace, so the grant for web does not admit prod', () => {
  const service = serviceWith(
    {
      'base/kustomization.yaml': 'resources:\n- gateway.yaml\n',
      'base/gateway.yaml': GATEWAY,
      'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../../base\n',
      'certs/certs.yaml': CERTS,
    },
    { severity: { 'certificate-invalid': 'off', 'certificate-placeholder': 'off' } },
  );
  assert.equal(service.index.kustomizeMode, 'files');
  const notPermitted = plain(service.doValidation('file:///workspace/base/gateway.yaml')).filter((d) => d.code === 'ref-not-permitted');
  assert.equal(notPermitted.length, 1);
  assert.match(notPermitted[0]!.message, /Gateway prod\/gw/);
});

test('files mode: without an including overlay namespace, the grant for web admits the Gateway', () => {
  const service = serviceWith({
    'base/kustomization.yaml': 'resources:\n- gateway.yaml\n',
    'base/gateway.yaml': GATEWAY,
    'certs/certs.yaml': CERTS,
  });
  assert.deepEqual(plain(service.doValidation('file:///workspace/base/gateway.yaml')).filter((d) => d.code === 'ref-not-permitted'), []);
});

test('builds mode with a root not built yet: only syntax is reported for its files; files mode again checks them', () => {
  const service = serviceWith({
    'base/kustomization.yaml': 'resources:\n- gateway.yaml\n',
    'base/gateway.yaml': shopGatewayYaml({ namespace: 'web', tls: false }),
    'loose.yaml': shopGatewayYaml({ namespace: 'web', tls: false }),
  });
  service.setKustomizeMode('builds');
  assert.deepEqual(service.kustomizeRoots().map((r) => r.uri), ['file:///workspace/base/kustomization.yaml']);
  assert.equal(service.buildOf('file:///workspace/base/kustomization.yaml').state, 'pending');
  assert.deepEqual(service.doValidation('file:///workspace/base/gateway.yaml'), []);
  assert.deepEqual(plain(service.doValidation('file:///workspace/loose.yaml')).map((d) => d.code), ['listener-tls-missing']);
  service.setKustomizeMode('files');
  assert.deepEqual(plain(service.doValidation('file:///workspace/base/gateway.yaml')).map((d) => d.code), ['listener-tls-missing']);
});

test('a root\'s inputs name every local path its kustomizations read, not remote bases', () => {
  const service = serviceWith({
    'base/kustomization.yaml': 'resources:\n- gateway.yaml\n- https://github.com/example/repo//base?ref=v1\nsecretGenerator:\n- name: c\n  files:\n  - tls.crt=certs/tls.crt\n',
    'overlays/prod/kustomization.yaml': 'resources:\n- ../../base\npatches:\n- path: patch.yaml\n',
  });
  const [root] = service.kustomizeRoots();
  // Every string may be a path (the shells fingerprint those that exist): a superset, never a URL.
  for (const expected of [
    '/workspace/base/certs/tls.crt',
    '/workspace/base/gateway.yaml',
    '/workspace/base/kustomization.yaml',
    '/workspace/overlays/prod/kustomization.yaml',
    '/workspace/overlays/prod/patch.yaml',
  ]) assert.ok(root!.inputs.includes(expected), expected);
  assert.ok(root!.inputs.every((p) => !p.includes('github')), root!.inputs.join(' '));
});

test('only roots whose builds apply Gateway API objects or Secrets are built: an app overlay of Deployments and Services is not', () => {
  const service = serviceWith({
    'apps/shop/kustomization.yaml': 'namespace: shop\nresources:\n- deployment.yaml\n- service.yaml\n',
    'apps/shop/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\nspec:\n  ports:\n  - port: 80\n',
    'apps/shop/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n',
    'edge/kustomization.yaml': 'namespace: edge\nresources:\n- gateway.yaml\n',
    'edge/gateway.yaml': GATEWAY,
    'certs/kustomization.yaml': 'secretGenerator:\n- name: c\n  type: kubernetes.io/tls\n  files:\n  - tls.crt\n  - tls.key\n',
  });
  service.setKustomizeMode('builds');
  assert.deepEqual(service.kustomizeRoots().map((r) => r.uri).sort(), ['file:///workspace/certs/kustomization.yaml', 'file:///workspace/edge/kustomization.yaml']);
  // The app's Service is read as written, in the namespace its kustomization gives it.
  const svc = service.index.getFile('file:///workspace/apps/shop/service.yaml')!.objects[0]!;
  assert.deepEqual(service.index.namespacesOf(svc).map((c) => c.namespace), ['shop']);
  // A Gateway added to the app makes its overlay worth building.
  service.setDocument('file:///workspace/apps/shop/gateway.yaml', GATEWAY);
  service.setDocument('file:///workspace/apps/shop/kustomization.yaml', 'namespace: shop\nresources:\n- deployment.yaml\n- service.yaml\n- gateway.yaml\n');
  assert.ok(service.kustomizeRoots().some((r) => r.uri === 'file:///workspace/apps/shop/kustomization.yaml'));
});

test('a file an overlay lists that starts holding a Gateway makes the overlay worth building; a loose one does not', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n';
  const service = serviceWith({
    'apps/shop/kustomization.yaml': 'resources:\n- extra.yaml\n',
    'apps/shop/extra.yaml': deployment,
    'loose/extra.yaml': deployment,
  });
  service.setKustomizeMode('builds');
  assert.deepEqual(service.kustomizeRoots(), []);
  service.setDocument('file:///workspace/loose/extra.yaml', `${deployment}---\n${GATEWAY}`);
  assert.deepEqual(service.kustomizeRoots(), []);
  service.setDocument('file:///workspace/apps/shop/extra.yaml', `${deployment}---\n${GATEWAY}`);
  assert.deepEqual(service.kustomizeRoots().map((r) => r.uri), ['file:///workspace/apps/shop/kustomization.yaml']);
  service.setDocument('file:///workspace/apps/shop/extra.yaml', deployment);
  assert.deepEqual(service.kustomizeRoots(), []);
});
