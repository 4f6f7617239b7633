// Edits cost what they touch: an edit re-checks only the documents whose cross-file lookups it changed (per kind
// of reference: the Secret, the grant, the Service, the Namespace), and an edit of a document no rule reads (a
// Deployment) or that no other document reads (a hostname) re-checks nothing else. Each case also checks that
// the dependant's diagnostics did change, so a cache that never invalidates fails here too.
import { strict as assert } from 'node:assert';
import { beforeEach, describe, test } from 'node:test';
import { getLanguageService, type LanguageService } from '../../server/src/languageService';
import { RULE_FAMILIES } from '../../server/src/rules';
import type { K8sObject } from '../../server/src/model/object';
import type { RuleFamily, WorkspaceContext } from '../../server/src/rules/types';
import { validateFile } from '../../server/src/services/validation';
import { backendTlsPolicyYaml, gatewayYaml, referenceGrantYaml, secretYaml, serviceYaml } from '../helpers/manifests';

const uri = (file: string) => `file:///workspace/${file}`;

const FILES: Record<string, string> = {
  'gw-a.yaml': gatewayYaml({ name: 'a', namespace: 'web', listeners: [{ name: 'https', hostname: 'a.example.com', refs: ['cert-a'] }] }),
  'gw-b.yaml': gatewayYaml({ name: 'b', namespace: 'team-a', listeners: [{ name: 'https', hostname: 'b.example.com', refs: [{ name: 'cert-b', namespace: 'certs' }] }] }),
  'secret-a.yaml': secretYaml('cert-a', 'web'),
  'secret-b.yaml': secretYaml('cert-b', 'certs'),
  'grant.yaml': referenceGrantYaml(),
  'policy.yaml': backendTlsPolicyYaml({ target: 'auth-service', section: 'https' }),
  'service.yaml': serviceYaml('auth-service', 'backend', [{ name: 'https', port: 443 }]),
  'namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n',
  'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  replicas: 3\n',
};
const DEPENDANTS = ['gw-a.yaml', 'gw-b.yaml', 'policy.yaml', 'grant.yaml'];

/** Workspace rules wrapped to count, per document name, how often they really ran (cache misses). */
const runs = new Map<string, number>();
const COUNTING: readonly RuleFamily<any>[] = RULE_FAMILIES.map((family) => ({
  ...family,
  workspaceRules: family.workspaceRules?.map((rule) => ({
    ...rule,
    check: (view: unknown, object: K8sObject, context: WorkspaceContext) => {
      const file = object.source.uri.split('/').pop()!;
      runs.set(file, (runs.get(file) ?? 0) + 1);
      return rule.check(view, object, context);
    },
  })),
}));

let service: LanguageService;
const codes = (file: string) =>
  validateFile(service.index.getFile(uri(file))!, {
    settings: service.settings,
    families: COUNTING,
    log: () => undefined,
    context: () => ({ queries: service.index.queries, namespacesOf: (o) => service.index.namespacesOf(o), settings: service.settings }),
    index: service.index,
    crossFile: true,
  })
    .map((d) => String(d.code))
    .filter((c) => c !== 'certificate-invalid')
    .sort();

/** Validates every dependant and returns which of them were re-checked (rules ran). */
function recheck(): string[] {
  runs.clear();
  for (const file of DEPENDANTS) codes(file);
  return DEPENDANTS.filter((f) => (runs.get(f) ?? 0) > 0);
}

const edit = (file: string, from: string, to: string) => {
  const before = FILES[file]!;
  assert.ok(before.includes(from), `${file} holds ${from}`);
  service.setDocument(uri(file), before.replace(from, to));
};

describe('edits re-check only what depends on them', () => {
  beforeEach(() => {
    service = getLanguageService({ roots: ['/workspace'], log: () => undefined });
    for (const [file, text] of Object.entries(FILES)) service.setDocument(uri(file), text);
    assert.deepEqual(recheck(), DEPENDANTS, 'first check: everything runs');
    assert.deepEqual(recheck(), [], 'second check: everything cached');
  });

  test('the Secret: only the Gateway that refers to it', () => {
    edit('secret-a.yaml', 'name: cert-a', 'name: cert-a-old');
    assert.deepEqual(recheck(), ['gw-a.yaml']);
    assert.deepEqual(codes('gw-a.yaml'), ['certificate-secret-not-found']);
    assert.deepEqual(codes('gw-b.yaml'), []);
  });

  test('the grant: the Gateway it admits and the grant itself', () => {
    edit('grant.yaml', 'namespace: team-a', 'namespace: team-z');
    assert.deepEqual(recheck(), ['gw-b.yaml', 'grant.yaml']);
    assert.deepEqual(codes('gw-b.yaml'), ['ref-not-permitted']);
    assert.deepEqual(codes('grant.yaml'), ['reference-grant-unused']);
  });

  test('the Service: only the BackendTLSPolicy that targets it', () => {
    edit('service.yaml', 'name: https', 'name: tls');
    assert.deepEqual(recheck(), ['policy.yaml']);
    assert.deepEqual(codes('policy.yaml'), ['backend-tls-target-not-found']);
  });

  test('the Namespace: no rule reads it, completion sees it', () => {
    edit('namespace.yaml', 'name: team-a', 'name: team-q');
    assert.deepEqual(recheck(), []);
    assert.ok(service.index.queries.namespaces().has('team-q'));
  });

  test('a Deployment: nothing at all changes', () => {
    const facts = service.index.factsVersion;
    edit('deploy.yaml', 'replicas: 3', 'replicas: 4');
    assert.equal(service.index.factsVersion, facts);
    assert.deepEqual(recheck(), []);
  });

  test('a listener hostname: only the Gateway itself', () => {
    const facts = service.index.factsVersion;
    edit('gw-a.yaml', 'hostname: a.example.com', 'hostname: ab.example.com');
    assert.equal(service.index.factsVersion, facts, 'no other document can see a hostname');
    assert.deepEqual(recheck(), ['gw-a.yaml']);
  });
});

describe('routes re-check only when their own parents change', () => {
  const route = (name: string, gateway: string, namespace: string, hostname: string) =>
    `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  parentRefs:\n  - name: ${gateway}\n  hostnames:\n  - ${hostname}\n  rules:\n  - backendRefs:\n    - name: svc\n      port: 80\n`;
  const ROUTES: Record<string, string> = { 'route-a.yaml': route('ra', 'a', 'web', 'a.example.com'), 'route-b.yaml': route('rb', 'b', 'team-a', 'b.example.com') };

  test('a listener hostname edit re-checks the routes of that Gateway, not the others', () => {
    service = getLanguageService({ roots: ['/workspace'], log: () => undefined });
    for (const [file, text] of Object.entries({ ...FILES, ...ROUTES })) service.setDocument(uri(file), text);
    const check = () => {
      runs.clear();
      for (const file of Object.keys(ROUTES)) codes(file);
      return Object.keys(ROUTES).filter((f) => (runs.get(f) ?? 0) > 0);
    };
    assert.deepEqual(check(), ['route-a.yaml', 'route-b.yaml'], 'first check: everything runs');
    assert.deepEqual(check(), [], 'second check: cached');
    edit('gw-a.yaml', 'hostname: a.example.com', 'hostname: ab.example.com');
    assert.deepEqual(check(), ['route-a.yaml']);
  });
});
