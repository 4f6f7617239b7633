// Certificate references across the workspace: grants (incl. the seven wrong-grant variants of the conformance
// suite), Secret producers, Kustomize overlays, invalid Secrets, unused grants.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { referenceGrantYaml, secretYaml, shopGatewayYaml, type ReferenceGrantSpec } from '../helpers/manifests';
import { plain, serviceWith, underlined, withCode, type PlainDiagnostic } from '../helpers/service';

const GATEWAY_FILE = 'gateway.yaml';

function check(files: Record<string, string>, file = GATEWAY_FILE, settings?: unknown): { diagnostics: PlainDiagnostic[]; text: string } {
  const service = serviceWith(files, settings);
  return { diagnostics: plain(service.doValidation(`file:///workspace/${file}`)), text: files[file]! };
}

const crossNs = () => shopGatewayYaml({ namespace: 'team-a', secret: 'shop-cert', secretNamespace: 'certs' });

describe('ref-not-permitted', () => {
  test('a cross-namespace ref without any grant is an error on the namespace value', () => {
    const { diagnostics, text } = check({ [GATEWAY_FILE]: crossNs(), 'certs.yaml': secretYaml('shop-cert', 'certs') });
    const [d, ...rest] = withCode(diagnostics, 'ref-not-permitted');
    assert.ok(d);
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 1);
    assert.equal(underlined(text, d), 'certs');
    assert.match(d.message, /no ReferenceGrant in namespace certs lets Gateways from namespace team-a/);
    assert.match(d.message, /RefNotPermitted/);
    assert.deepEqual(d.data, { fromNamespace: 'team-a', toNamespace: 'certs', secretName: 'shop-cert' });
  });

  test('a grant for all Secrets, or for this Secret by name, permits it', () => {
    for (const g of [referenceGrantYaml(), referenceGrantYaml({ to: { name: 'shop-cert' } })]) {
      const { diagnostics } = check({ [GATEWAY_FILE]: crossNs(), 'certs.yaml': secretYaml('shop-cert', 'certs'), 'grant.yaml': g });
      assert.deepEqual(withCode(diagnostics, 'ref-not-permitted'), []);
    }
  });

  test('same namespace needs no grant', () => {
    const { diagnostics } = check({ [GATEWAY_FILE]: shopGatewayYaml({ namespace: 'certs', secretNamespace: 'certs' }), 'certs.yaml': secretYaml('shop-cert', 'certs') });
    assert.deepEqual(withCode(diagnostics, 'ref-not-permitted'), []);
  });

  // The seven grants of GatewaySecretInvalidReferenceGrant, each wrong in one field.
  const variants: [string, ReferenceGrantSpec, RegExp][] = [
    ['wrong namespace', { namespace: 'elsewhere' }, /lives in namespace elsewhere, but a grant must live in the Secret's namespace certs/],
    ['wrong from.group', { from: { group: 'wrong.example.com' } }, /from\.group is "wrong\.example\.com", not "gateway\.networking\.k8s\.io"/],
    ['wrong from.kind', { from: { kind: 'HTTPRoute' } }, /admits HTTPRoutes, not Gateways/],
    ['wrong from.namespace', { from: { namespace: 'team-b' } }, /admits Gateways from team-b, not team-a/],
    ['wrong to.group', { to: { group: 'wrong.example.com' } }, /to\.group is "wrong\.example\.com", not "" \(core\)/],
    ['wrong to.kind', { to: { kind: 'Service' } }, /grants access to Services, not Secrets/],
    ['wrong to.name', { to: { name: 'other-cert' } }, /admits only the Secret other-cert, not shop-cert/],
  ];
  for (const [label, opts, explanation] of variants) {
    test(`near miss: ${label}`, () => {
      const files = { [GATEWAY_FILE]: crossNs(), 'certs.yaml': secretYaml('shop-cert', 'certs'), 'grant.yaml': referenceGrantYaml(opts) };
      const service = serviceWith(files);
      const [d] = withCode(plain(service.doValidation('file:///workspace/gateway.yaml')), 'ref-not-permitted');
      assert.ok(d, 'still not permitted');
      assert.match(d.message, /almost matches/);
      assert.match(d.message, explanation);
      const related = d.relatedInformation?.[0];
      assert.ok(related, 'points at the almost-matching grant');
      assert.equal(related.location.uri, 'file:///workspace/grant.yaml');
    });
  }

  test('each Kustomize overlay is checked on its own and named', () => {
    const files = {
      'base/gateway.yaml': shopGatewayYaml({ secretNamespace: 'certs' }),
      'base/kustomization.yaml': 'resources:\n- gateway.yaml\n',
      'overlays/a/kustomization.yaml': 'namespace: team-a\nresources:\n- ../../base\n',
      'overlays/b/kustomization.yaml': 'namespace: team-b\nresources:\n- ../../base\n',
      'certs.yaml': secretYaml('shop-cert', 'certs'),
      'grant.yaml': referenceGrantYaml({ from: { namespace: 'team-a' } }),
    };
    const { diagnostics } = check(files, 'base/gateway.yaml');
    const denied = withCode(diagnostics, 'ref-not-permitted');
    assert.equal(denied.length, 1);
    assert.match(denied[0]!.message, /overlay overlays\/b, namespace team-b/);
  });
});

describe('certificate-secret-not-found', () => {
  test('a missing Secret is a warning on the name, with near names', () => {
    const { diagnostics, text } = check({ [GATEWAY_FILE]: shopGatewayYaml({ namespace: 'web', secret: 'shop-crt' }), 'web.yaml': secretYaml('shop-cert', 'web') });
    const [d] = withCode(diagnostics, 'certificate-secret-not-found');
    assert.ok(d);
    assert.equal(d.severity, 2);
    assert.equal(underlined(text, d), 'shop-crt');
    assert.match(d.message, /Did you mean shop-cert\?/);
    assert.deepEqual((d.data as { suggestions: string[] }).suggestions, ['shop-cert']);
  });

  const producers: [string, string][] = [
    ['a SOPS-encrypted Secret', `${secretYaml('shop-cert', 'web')}sops:\n  version: 3.8.1\n`],
    ['a SealedSecret', 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: shop-cert\n  namespace: web\nspec:\n  encryptedData: {}\n'],
    ['an ExternalSecret by name', 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: shop-cert\n  namespace: web\nspec: {}\n'],
    ['an ExternalSecret by target name', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: es\n  namespace: web\nspec:\n  target:\n    name: shop-cert\n'],
    ['a cert-manager Certificate', 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: c\n  namespace: web\nspec:\n  secretName: shop-cert\n'],
  ];
  for (const [label, producer] of producers) {
    test(`produced by ${label}: not reported`, () => {
      const { diagnostics } = check({ [GATEWAY_FILE]: shopGatewayYaml({ namespace: 'web' }), 'producer.yaml': producer });
      assert.deepEqual(withCode(diagnostics, 'certificate-secret-not-found'), []);
    });
  }

  test('produced by a kustomize secretGenerator in the namespace the kustomization sets', () => {
    const files = {
      'app/gateway.yaml': shopGatewayYaml(),
      'app/kustomization.yaml': 'namespace: web\nresources:\n- gateway.yaml\nsecretGenerator:\n- name: shop-cert\n  type: kubernetes.io/tls\n  files:\n  - tls.crt\n  - tls.key\n',
    };
    assert.deepEqual(withCode(check(files, 'app/gateway.yaml').diagnostics, 'certificate-secret-not-found'), []);
  });

  test('a cert-manager annotated Gateway produces its same-namespace Secrets, not cross-namespace ones', () => {
    const annotated = shopGatewayYaml({ namespace: 'web', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } });
    assert.deepEqual(withCode(check({ [GATEWAY_FILE]: annotated }).diagnostics, 'certificate-secret-not-found'), []);
    const cross = shopGatewayYaml({ namespace: 'web', secretNamespace: 'certs', annotations: { 'cert-manager.io/issuer': 'ca' } });
    const [d] = withCode(check({ [GATEWAY_FILE]: cross }).diagnostics, 'certificate-secret-not-found');
    assert.ok(d);
    assert.match(d.message, /cert-manager does not create Secrets for cross-namespace certificateRefs/);
  });

  test('the externally-managed setting silences it, by name or namespace/name glob', () => {
    for (const pattern of ['shop-cert', 'web/shop-*', '*/shop-cert']) {
      const { diagnostics } = check({ [GATEWAY_FILE]: shopGatewayYaml({ namespace: 'web' }) }, GATEWAY_FILE, { secrets: { externallyManaged: [pattern] } });
      assert.deepEqual(withCode(diagnostics, 'certificate-secret-not-found'), [], pattern);
    }
    const { diagnostics } = check({ [GATEWAY_FILE]: shopGatewayYaml({ namespace: 'web' }) }, GATEWAY_FILE, { secrets: { externallyManaged: ['other/*'] } });
    assert.equal(withCode(diagnostics, 'certificate-secret-not-found').length, 1);
  });

  test('a Secret in another namespace does not count', () => {
    const { diagnostics } = check({ [GATEWAY_FILE]: shopGatewayYaml({ namespace: 'web' }), 'other.yaml': secretYaml('shop-cert', 'other') });
    assert.equal(withCode(diagnostics, 'certificate-secret-not-found').length, 1);
  });
});

describe('certificate-secret-invalid and certificate-ref-unsupported', () => {
  test('an Opaque Secret or one without tls.key is invalid; a proper TLS Secret is fine', () => {
    const cases: [string, boolean, RegExp?][] = [
      [secretYaml('shop-cert', 'web', { type: 'Opaque' }), true, /its type is Opaque, not kubernetes\.io\/tls/],
      [secretYaml('shop-cert', 'web', { data: { 'tls.crt': 'AAAA' } }), true, /it has no tls\.key/],
      [secretYaml('shop-cert', 'web'), false],
    ];
    for (const [s, invalid, message] of cases) {
      const { diagnostics, text } = check({ [GATEWAY_FILE]: shopGatewayYaml({ namespace: 'web' }), 's.yaml': s });
      const found = withCode(diagnostics, 'certificate-secret-invalid');
      assert.equal(found.length, invalid ? 1 : 0);
      if (invalid) {
        assert.equal(found[0]!.severity, 1);
        assert.equal(underlined(text, found[0]!), 'shop-cert');
        assert.match(found[0]!.message, message!);
        assert.equal(found[0]!.relatedInformation?.[0]?.location.uri, 'file:///workspace/s.yaml');
      }
    }
  });

  test('a ConfigMap or a non-core group is unsupported; Secret with explicit defaults is fine', () => {
    const refs: [string, boolean][] = [
      ['      - kind: ConfigMap\n        name: c', true],
      ['      - group: wrong.group.company.io\n        name: c', true],
      ['      - kind: Secret\n        group: ""\n        name: shop-cert', false],
    ];
    for (const [ref, unsupported] of refs) {
      const yaml = shopGatewayYaml({ namespace: 'web' }).replace('      - name: shop-cert\n', `${ref}\n`);
      const { diagnostics } = check({ [GATEWAY_FILE]: yaml, 's.yaml': secretYaml('shop-cert', 'web') });
      assert.equal(withCode(diagnostics, 'certificate-ref-unsupported').length, unsupported ? 1 : 0, ref);
      if (unsupported) assert.deepEqual(withCode(diagnostics, 'certificate-secret-not-found'), [], 'no pile-on');
    }
  });

  test('Passthrough listeners and HTTP listeners do not resolve refs', () => {
    const passthrough = shopGatewayYaml({ namespace: 'web' }).replace('protocol: HTTPS', 'protocol: TLS').replace('    tls:\n', '    tls:\n      mode: Passthrough\n');
    assert.deepEqual(withCode(check({ [GATEWAY_FILE]: passthrough }).diagnostics, 'certificate-secret-not-found'), []);
  });
});

describe('reference-grant-unused', () => {
  test('a grant nobody uses is a hint on its name; a used grant is not', () => {
    const unused = check({ 'grant.yaml': referenceGrantYaml() }, 'grant.yaml');
    const [d] = withCode(unused.diagnostics, 'reference-grant-unused');
    assert.ok(d);
    assert.equal(d.severity, 4);
    assert.equal(underlined(unused.text, d), 'allow');
    const used = check({ 'grant.yaml': referenceGrantYaml(), [GATEWAY_FILE]: crossNs(), 'certs.yaml': secretYaml('shop-cert', 'certs') }, 'grant.yaml');
    assert.deepEqual(withCode(used.diagnostics, 'reference-grant-unused'), []);
  });

  test('grants for kinds the workspace does not index (routes to Services) are not judged', () => {
    const routeGrant = referenceGrantYaml({ from: { kind: 'HTTPRoute' }, to: { kind: 'Service' } });
    assert.deepEqual(withCode(check({ 'grant.yaml': routeGrant }, 'grant.yaml').diagnostics, 'reference-grant-unused'), []);
  });
});
