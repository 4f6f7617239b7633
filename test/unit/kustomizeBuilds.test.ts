// Kustomize builds, checked with the real kustomize: what each build applies is what gets checked, and findings
// land on the source lines, naming the overlay.
import { strict as assert } from 'node:assert';
import { test, type TestContext } from 'node:test';
import { backendTlsPolicyYaml, documents, gatewayYaml, referenceGrantYaml, serviceYaml, shopGatewayYaml } from '../helpers/manifests';
import { lineOf, plain, type PlainDiagnostic } from '../helpers/service';
import { kustomizeOrSkip, kustomizeWorkspace, type KustomizeWorkspace } from '../helpers/kustomize';
import { makeCertificate, tlsSecretYaml, type TestCertificate } from '../helpers/certs';

/** Gateway web/gw (shop.example.com on 443) referring to Secret `secret`. */
const GATEWAY = (secret: string) => shopGatewayYaml({ namespace: 'web', secret });

/** A TLS Secret holding `pem`. */
const SECRET = (name: string, namespace: string | undefined, pem: TestCertificate) => tlsSecretYaml(name, namespace, pem.certPem, pem.keyPem);

/** ReferenceGrant gateways-to-certs in `namespace`: Gateways of `fromNamespace` may refer to its Secrets (`secret`: only that one). */
const GRANT = (namespace: string, fromNamespace: string, secret?: string) =>
  referenceGrantYaml({ name: 'gateways-to-certs', namespace, from: { namespace: fromNamespace }, to: { name: secret } });

/** `files` built by kustomize in a temp workspace removed after the test; undefined (the test skipped) without kustomize. */
async function built(t: TestContext, files: Record<string, string>): Promise<KustomizeWorkspace | undefined> {
  const tool = await kustomizeOrSkip(t);
  if (!tool) return undefined;
  const ws = await kustomizeWorkspace(tool, files);
  t.after(() => ws.dispose());
  return ws;
}

function codes(diagnostics: readonly PlainDiagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

test('a secretGenerator renamed by its hash: the Gateway reference is reported as not renamed, on the source line', async (t) => {
  const pem = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'] });
  const ws = await built(t, {
    'base/kustomization.yaml': 'namespace: web\nresources:\n- gateway.yaml\nsecretGenerator:\n- name: shop-cert\n  type: kubernetes.io/tls\n  files:\n  - tls.crt\n  - tls.key\n',
    'base/gateway.yaml': GATEWAY('shop-cert'),
    'base/tls.crt': pem.certPem,
    'base/tls.key': pem.keyPem,
  });
  if (!ws) return;
  assert.deepEqual(ws.result, { built: 1, failed: [] });
  const diagnostics = plain(ws.service.doValidation(ws.uri('base/gateway.yaml')));
  assert.deepEqual(codes(diagnostics), ['kustomize-ref-not-renamed'], JSON.stringify(diagnostics));
  const d = diagnostics[0]!;
  assert.equal(d.range.start.line, lineOf(GATEWAY('shop-cert'), '- name: shop-cert'));
  assert.match(d.message, /^in overlay base: the build renames Secret web\/shop-cert to shop-cert-[a-z0-9]{10}/);
});

test('an overlay namePrefix renames the base Secret: not-renamed in the base, naming the overlay; the base alone is not checked', async (t) => {
  const pem = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'] });
  const ws = await built(t, {
    'base/kustomization.yaml': 'resources:\n- gateway.yaml\n- secret.yaml\n',
    'base/gateway.yaml': GATEWAY('shop-cert'),
    'base/secret.yaml': SECRET('shop-cert', 'web', pem),
    'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources:\n- ../../base\n',
  });
  if (!ws) return;
  assert.deepEqual(ws.result, { built: 1, failed: [] });
  const diagnostics = plain(ws.service.doValidation(ws.uri('base/gateway.yaml')));
  assert.deepEqual(codes(diagnostics), ['kustomize-ref-not-renamed'], JSON.stringify(diagnostics));
  assert.match(diagnostics[0]!.message, /^in overlay overlays\/prod: the build renames Secret web\/shop-cert to prod-shop-cert,/);
  assert.deepEqual(plain(ws.service.doValidation(ws.uri('base/secret.yaml'))), []);
});

test('an overlay namespace overrides metadata.namespace: the grant that admitted the base namespace no longer does', async (t) => {
  const pem = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'] });
  const gateway = shopGatewayYaml({ namespace: 'web', secretNamespace: 'certs' });
  const ws = await built(t, {
    'base/kustomization.yaml': 'resources:\n- gateway.yaml\n',
    'base/gateway.yaml': gateway,
    'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../../base\n',
    'certs/secret.yaml': documents(SECRET('shop-cert', 'certs', pem), GRANT('certs', 'web')),
  });
  if (!ws) return;
  const diagnostics = plain(ws.service.doValidation(ws.uri('base/gateway.yaml')));
  assert.deepEqual(codes(diagnostics), ['ref-not-permitted'], JSON.stringify(diagnostics));
  assert.match(diagnostics[0]!.message, /^in overlay overlays\/prod: .*Gateway prod\/gw/);
  assert.equal(diagnostics[0]!.range.start.line, lineOf(gateway, 'namespace: certs'));
});

test('a listener completed by the only overlay that applies it (JSON 6902 patch) is not reported on the base', async (t) => {
  const pem = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'] });
  const bare = shopGatewayYaml({ namespace: 'web', tls: false });
  const files = {
    'base/kustomization.yaml': 'resources:\n- gateway.yaml\n',
    'base/gateway.yaml': bare,
    'overlays/prod/kustomization.yaml':
      'resources:\n- ../../base\n- secret.yaml\npatches:\n- target:\n    kind: Gateway\n    name: gw\n  patch: |-\n    - op: add\n      path: /spec/listeners/0/tls\n      value:\n        certificateRefs:\n        - name: shop-cert\n',
    'overlays/prod/secret.yaml': SECRET('shop-cert', 'web', pem),
  };
  const ws = await built(t, files);
  if (!ws) return;
  assert.deepEqual(ws.result, { built: 1, failed: [] });
  assert.deepEqual(plain(ws.service.doValidation(ws.uri('base/gateway.yaml'))), []);
  // The same files without builds: the base is read as written and warns.
  ws.service.setKustomizeMode('files');
  assert.deepEqual(codes(plain(ws.service.doValidation(ws.uri('base/gateway.yaml')))), ['listener-tls-missing']);
});

test('a failing build: one kustomize-build-failed on the root with kustomize\'s reason, nothing else for its files', async (t) => {
  const ws = await built(t, {
    'base/kustomization.yaml': 'resources:\n- gateway.yaml\n',
    'base/gateway.yaml': GATEWAY('missing-cert'),
    'overlays/prod/kustomization.yaml': 'resources:\n- ../../base\n- does-not-exist.yaml\n',
  });
  if (!ws) return;
  assert.equal(ws.result.failed.length, 1);
  const root = plain(ws.service.doValidation(ws.uri('overlays/prod/kustomization.yaml')));
  assert.deepEqual(codes(root), ['kustomize-build-failed']);
  assert.match(root[0]!.message, /does-not-exist\.yaml/);
  assert.equal(root[0]!.range.start.line, 0);
  assert.deepEqual(plain(ws.service.doValidation(ws.uri('base/gateway.yaml'))), []);
});

test('a kustomization that includes itself in a loop fails to build and reports so; the service stays usable', async (t) => {
  const ws = await built(t, {
    'a/kustomization.yaml': 'resources:\n- ../b\n- gateway.yaml\n',
    'a/gateway.yaml': GATEWAY('shop-cert'),
    'b/kustomization.yaml': 'resources:\n- ../a\n',
    'root/kustomization.yaml': 'resources:\n- ../a\n',
  });
  if (!ws) return;
  assert.equal(ws.result.failed.length, 1);
  assert.deepEqual(codes(plain(ws.service.doValidation(ws.uri('root/kustomization.yaml')))), ['kustomize-build-failed']);
});

test('a base built by two overlays that agree reports once, naming both; a finding of one overlay names that one', async (t) => {
  const ws = await built(t, {
    'base/kustomization.yaml': 'resources:\n- gateway.yaml\n',
    // Listener https has no tls: (one finding, the same in both builds); plain refers to web/shop-cert (not found in either).
    'base/gateway.yaml': gatewayYaml({
      name: 'gw',
      namespace: 'web',
      listeners: [
        { name: 'https', hostname: 'shop.example.com' },
        { name: 'plain', port: 8443, refs: ['shop-cert'] },
      ],
    }),
    'overlays/a/kustomization.yaml': 'resources:\n- ../../base\n',
    'overlays/b/kustomization.yaml': 'namespace: other\nresources:\n- ../../base\n',
  });
  if (!ws) return;
  const diagnostics = plain(ws.service.doValidation(ws.uri('base/gateway.yaml')));
  const tlsMissing = diagnostics.filter((d) => d.code === 'listener-tls-missing');
  assert.equal(tlsMissing.length, 1, JSON.stringify(diagnostics));
  assert.match(tlsMissing[0]!.message, /^in overlays overlays\/a, overlays\/b: /);
  const notFound = diagnostics.filter((d) => d.code === 'certificate-secret-not-found').map((d) => d.message);
  assert.equal(notFound.length, 2, JSON.stringify(notFound));
  assert.ok(notFound.some((m) => m.startsWith('in overlay overlays/a: ') && m.includes('web/shop-cert')));
  assert.ok(notFound.some((m) => m.startsWith('in overlay overlays/b: ') && m.includes('other/shop-cert')));
});

test('nested overlays and components: findings land in the component and the innermost base', async (t) => {
  const ws = await built(t, {
    'base/kustomization.yaml': 'resources:\n- gateway.yaml\n',
    'base/gateway.yaml': GATEWAY('shop-cert'),
    'mid/kustomization.yaml': 'resources:\n- ../base\ncomponents:\n- ../tls-component\n',
    'tls-component/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- grant.yaml\n',
    'tls-component/grant.yaml': GRANT('web', 'nowhere', '123-Not_A_Name'),
    'overlays/prod/kustomization.yaml': 'nameSuffix: -prod\nresources:\n- ../../mid\n',
  });
  if (!ws) return;
  assert.deepEqual(ws.result, { built: 1, failed: [] });
  assert.deepEqual(ws.service.kustomizeRoots().map((r) => r.uri), [ws.uri('overlays/prod/kustomization.yaml')]);
  const gateway = plain(ws.service.doValidation(ws.uri('base/gateway.yaml')));
  assert.deepEqual(codes(gateway), ['certificate-secret-not-found']);
  assert.match(gateway[0]!.message, /^in overlay overlays\/prod: /);
  const grant = plain(ws.service.doValidation(ws.uri('tls-component/grant.yaml')));
  assert.ok(grant.length > 0 && grant.every((d) => d.message.startsWith('in overlay overlays/prod: ')), JSON.stringify(grant));
});

test('a configMapGenerator CA bundle renamed by its hash: the BackendTLSPolicy CA ref is reported as not renamed', async (t) => {
  const ca = await makeCertificate({ cn: 'Example CA', isCA: true });
  const policy = backendTlsPolicyYaml({ name: 'api-tls', namespace: false, target: 'api', ca: 'api-ca', hostname: 'api.internal.example.com' });
  const service = serviceYaml('api', undefined, [{ port: 443 }]);
  const ws = await built(t, {
    'app/kustomization.yaml': 'namespace: shop\nresources:\n- policy.yaml\n- service.yaml\nconfigMapGenerator:\n- name: api-ca\n  files:\n  - ca.crt\n',
    'app/policy.yaml': policy,
    'app/service.yaml': service,
    'app/ca.crt': ca.certPem,
  });
  if (!ws) return;
  const diagnostics = plain(ws.service.doValidation(ws.uri('app/policy.yaml')));
  assert.deepEqual(codes(diagnostics), ['kustomize-ref-not-renamed'], JSON.stringify(diagnostics));
  assert.match(diagnostics[0]!.message, /renames ConfigMap shop\/api-ca to api-ca-[a-z0-9]{10}/);
  assert.equal(diagnostics[0]!.range.start.line, lineOf(policy, 'name: api-ca'));
  const data = diagnostics[0]!.data as Record<string, string>;
  assert.equal(data.generatorField, 'configMapGenerator');
  assert.equal(data.generatorUri, ws.uri('app/kustomization.yaml'));
});

test('two overlays that apply the same identity are alternatives, not a conflict', async (t) => {
  const policy = (hostname: string) => backendTlsPolicyYaml({ name: 'api-tls', namespace: 'shop', target: 'api', hostname });
  const ws = await built(t, {
    'staging/kustomization.yaml': 'resources:\n- policy.yaml\n- ../svc\n',
    'staging/policy.yaml': policy('api.staging.example.com'),
    'prod/kustomization.yaml': 'resources:\n- policy.yaml\n- ../svc\n',
    'prod/policy.yaml': policy('api.example.com'),
    'svc/kustomization.yaml': 'resources:\n- service.yaml\n',
    'svc/service.yaml': serviceYaml('api', 'shop', [{ port: 443 }]),
  });
  if (!ws) return;
  assert.deepEqual(plain(ws.service.doValidation(ws.uri('staging/policy.yaml'))), []);
  assert.deepEqual(plain(ws.service.doValidation(ws.uri('prod/policy.yaml'))), []);
});

test('a Helm chart folder next to kustomizations is still skipped; a generated Secret\'s problems land on its generator entry', async (t) => {
  const expired = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'], notBeforeDays: -20, notAfterDays: -10 });
  const kustomization = 'namespace: web\nresources:\n- gateway.yaml\nsecretGenerator:\n- name: shop-cert\n  type: kubernetes.io/tls\n  options:\n    disableNameSuffixHash: true\n  files:\n  - tls.crt\n  - tls.key\n';
  const ws = await built(t, {
    'app/kustomization.yaml': kustomization,
    'app/gateway.yaml': GATEWAY('shop-cert'),
    'app/tls.crt': expired.certPem,
    'app/tls.key': expired.keyPem,
    'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
    'chart/templates/gateway.yaml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  listeners: [\n',
  });
  if (!ws) return;
  assert.deepEqual(ws.result, { built: 1, failed: [] });
  assert.deepEqual(ws.service.doValidation(ws.uri('chart/templates/gateway.yaml')), []);
  assert.deepEqual(ws.service.kustomizeRoots().map((r) => r.uri), [ws.uri('app/kustomization.yaml')]);
  const onGenerator = plain(ws.service.doValidation(ws.uri('app/kustomization.yaml')));
  const expiredFinding = onGenerator.find((d) => d.code === 'certificate-expired');
  assert.ok(expiredFinding, JSON.stringify(onGenerator));
  assert.equal(expiredFinding.range.start.line, lineOf(kustomization, '- name: shop-cert'));
  assert.match(expiredFinding.message, /^in overlay app: /);
});

test('go to definition from a base certificateRef lands on the Secret\'s source line through the build', async (t) => {
  const pem = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'] });
  const text = shopGatewayYaml();
  const secret = SECRET('shop-cert', undefined, pem);
  const ws = await built(t, {
    'base/kustomization.yaml': 'resources:\n- gateway.yaml\n- secret.yaml\n',
    'base/gateway.yaml': text,
    'base/secret.yaml': secret,
    'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../../base\n',
  });
  if (!ws) return;
  const line = lineOf(text, '- name: shop-cert');
  const locations = ws.service.doDefinition(ws.uri('base/gateway.yaml'), { line, character: text.split('\n')[line]!.indexOf('shop-cert') + 2 });
  assert.deepEqual(locations.map((l) => [l.uri, l.range.start.line]), [[ws.uri('base/secret.yaml'), lineOf(secret, 'name: shop-cert')]]);
});

test('a root that fails after a good build keeps answering lookups with its last good build; only the failure is reported', async (t) => {
  const pem = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'] });
  const ws = await built(t, {
    'certs/kustomization.yaml': 'namespace: web\nresources:\n- secret.yaml\n',
    'certs/secret.yaml': SECRET('shop-cert', undefined, pem),
    'loose/gateway.yaml': GATEWAY('shop-cert'),
  });
  if (!ws) return;
  assert.deepEqual(plain(ws.service.doValidation(ws.uri('loose/gateway.yaml'))), []);
  ws.service.setBuild(ws.uri('certs/kustomization.yaml'), { ok: false, message: 'accumulating resources: boom', ms: 3 });
  assert.deepEqual(plain(ws.service.doValidation(ws.uri('loose/gateway.yaml'))), []);
  assert.deepEqual(codes(plain(ws.service.doValidation(ws.uri('certs/kustomization.yaml')))), ['kustomize-build-failed']);
  assert.deepEqual(plain(ws.service.doValidation(ws.uri('certs/secret.yaml'))), []);
});
