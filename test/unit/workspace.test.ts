// The workspace index: effective namespaces through Kustomize, Helm and other skips, incremental re-parse.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { serviceWith } from '../helpers/service';

const GATEWAY = (ns?: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  gatewayClassName: x\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 80\n`;

function namespacesOf(files: Record<string, string>, file: string): string[] {
  const service = serviceWith(files);
  const object = service.index.getFile(`file:///workspace/${file}`)!.objects[0]!;
  return service.index.namespacesOf(object).map((c) => c.namespace).sort();
}

describe('effective namespace', () => {
  test('an including kustomization\'s namespace overrides metadata.namespace (kustomize\'s namespace transformer)', () => {
    assert.deepEqual(namespacesOf({ 'gw.yaml': GATEWAY('team-a'), 'kustomization.yaml': 'namespace: other\nresources:\n- gw.yaml\n' }, 'gw.yaml'), ['other']);
  });

  test('metadata.namespace stands where no kustomization of the chain sets one, per overlay', () => {
    const files = {
      'base/gw.yaml': GATEWAY('web'),
      'base/kustomization.yaml': 'resources:\n- gw.yaml\n',
      'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../../base\n',
      'overlays/plain/kustomization.yaml': 'resources:\n- ../../base\n',
    };
    assert.deepEqual(namespacesOf(files, 'base/gw.yaml'), ['prod', 'web']);
  });

  test('metadata.namespace wins where no kustomization includes the file', () => {
    assert.deepEqual(namespacesOf({ 'gw.yaml': GATEWAY('team-a'), 'kustomization.yaml': 'namespace: other\nresources:\n- other.yaml\n' }, 'gw.yaml'), ['team-a']);
  });

  test('default when nothing says otherwise', () => {
    assert.deepEqual(namespacesOf({ 'gw.yaml': GATEWAY() }, 'gw.yaml'), ['default']);
  });

  test('a kustomization that lists the file sets it', () => {
    assert.deepEqual(namespacesOf({ 'app/gw.yaml': GATEWAY(), 'app/kustomization.yaml': 'namespace: shop\nresources:\n- gw.yaml\n' }, 'app/gw.yaml'), ['shop']);
  });

  test('overlays through a listed directory: the outermost namespace wins, one candidate per overlay', () => {
    const files = {
      'base/gw.yaml': GATEWAY(),
      'base/kustomization.yaml': 'namespace: base-ns\nresources:\n- gw.yaml\n',
      'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../../base\n',
      'overlays/staging/kustomization.yml': 'namespace: staging\nresources:\n- ../../base\n',
      'overlays/plain/kustomization.yaml': 'resources:\n- ../../base\n',
    };
    assert.deepEqual(namespacesOf(files, 'base/gw.yaml'), ['base-ns', 'prod', 'staging']);
  });

  test('a kustomization without namespace leaves default; cycles do not hang', () => {
    const files = {
      'a/gw.yaml': GATEWAY(),
      'a/kustomization.yaml': 'resources:\n- gw.yaml\n- ../b\n',
      'b/kustomization.yaml': 'resources:\n- ../a\n',
    };
    assert.deepEqual(namespacesOf(files, 'a/gw.yaml'), ['default']);
  });

  test('changing a kustomization updates namespaces', () => {
    const service = serviceWith({ 'gw.yaml': GATEWAY(), 'kustomization.yaml': 'namespace: one\nresources:\n- gw.yaml\n' });
    const object = () => service.index.getFile('file:///workspace/gw.yaml')!.objects[0]!;
    assert.equal(service.index.namespacesOf(object())[0]!.namespace, 'one');
    service.setDocument('file:///workspace/kustomization.yaml', 'namespace: two\nresources:\n- gw.yaml\n');
    assert.equal(service.index.namespacesOf(object())[0]!.namespace, 'two');
    service.removeDocument('file:///workspace/kustomization.yaml');
    assert.equal(service.index.namespacesOf(object())[0]!.namespace, 'default');
  });
});

describe('skipped files', () => {
  test('Helm templates are skipped silently, by {{ }} or by chart layout', () => {
    const service = serviceWith({
      'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'chart/templates/gw.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n',
      'other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
    });
    for (const f of ['chart/templates/gw.yaml', 'other.yaml']) {
      // What setDocument says of the file (the CLI counts it); the index keeps only its name.
      const file = service.setDocument(`file:///workspace/${f}`, f === 'other.yaml' ? 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n' : 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n');
      assert.deepEqual(file.kind, { kind: 'skipped', reason: 'helm-template', detail: file.kind.kind === 'skipped' ? file.kind.detail : '' });
      assert.deepEqual(service.doValidation(`file:///workspace/${f}`), []);
      assert.equal(service.index.getFile(`file:///workspace/${f}`), undefined);
      assert.equal(service.index.hasFile(`file:///workspace/${f}`), true);
    }
  });

  test('too large, binary and excluded files are skipped', () => {
    const service = serviceWith(
      { 'big.yaml': 'a: 1\n'.repeat(100), 'bin.yaml': 'a\u0000b', 'vendor/x.yaml': 'apiVersion: v1\nkind: [\n' },
      { maxFileSize: 100, exclude: ['vendor/**'] },
    );
    const texts: Record<string, string> = { 'big.yaml': 'a: 1\n'.repeat(100), 'bin.yaml': 'a\u0000b', 'vendor/x.yaml': 'apiVersion: v1\nkind: [\n' };
    const reasons = Object.entries(texts).map(([f, text]) => {
      const kind = service.setDocument(`file:///workspace/${f}`, text).kind;
      return kind.kind === 'skipped' ? kind.reason : kind.kind;
    });
    assert.deepEqual(reasons, ['too-large', 'binary', 'excluded']);
  });

  test('syntax errors only in manifests of the kinds the product reads (generic YAML is the YAML extension\'s job)', () => {
    const service = serviceWith({
      'ci.yaml': 'jobs: [unclosed\n',
      'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec: [unclosed\n',
      'k8s.yaml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: [unclosed\n',
    });
    assert.equal(service.doValidation('file:///workspace/ci.yaml').length, 0);
    assert.equal(service.doValidation('file:///workspace/deploy.yaml').length, 0, 'a Deployment is never parsed');
    const diagnostics = service.doValidation('file:///workspace/k8s.yaml');
    assert.ok(diagnostics.length > 0);
    assert.ok(diagnostics.every((d) => d.code === 'yaml-syntax' && d.severity === 1));
  });
});

describe('multi-document files', () => {
  test('diagnostics land in the right document after earlier documents change length', () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
    const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata: [\n';
    const service = serviceWith({ 'm.yaml': `${doc}---\n${broken}` });
    const first = service.doValidation('file:///workspace/m.yaml');
    assert.ok(first.length > 0 && first[0]!.range.start.line >= 5);
    service.setDocument('file:///workspace/m.yaml', `${doc}  # three\n  # more\n  # lines\n---\n${broken}`);
    const second = service.doValidation('file:///workspace/m.yaml');
    assert.equal(second[0]!.range.start.line, first[0]!.range.start.line + 3);
  });
});

describe('released syntax trees', () => {
  test('a released document re-parses on demand with the same ranges', () => {
    const text = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  gatewayClassName: x\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 70000\n';
    const service = serviceWith({ 'g.yaml': text });
    const uri = 'file:///workspace/g.yaml';
    const before = service.doValidation(uri);
    const document = service.index.getFile(uri)!.objects[0]!.source.document;
    const tree = document.doc;
    service.releaseDocument(uri);
    assert.notEqual(document.doc, tree, 'the tree was dropped and rebuilt');
    service.setDocument(uri, text.replace('port: 70000', 'port: 70001'));
    const after = service.doValidation(uri);
    assert.equal(after.length, before.length);
    assert.deepEqual(after.map((d) => d.range), before.map((d) => d.range));
    assert.ok(service.doHover(uri, { line: 8, character: 6 }), 'hover still works');
  });
});
