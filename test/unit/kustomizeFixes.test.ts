// Quick fixes for kustomize-ref-not-renamed. The diagnostics are made by hand with the data the rule promises, so
// these tests stand on the fixer alone; the end-to-end tests apply the fixes to real files and let `kubectl
// kustomize` say whether the reference now follows the rename.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/languageService';
import { doCodeActions } from '../../server/src/services/codeActions';
import type { ServiceContext } from '../../server/src/services/context';
import { queriesFor } from '../../server/src/workspace/queries';
import { GATEWAY_API_NAME_REFERENCES, nameReferenceConfiguration } from '../../server/src/model/kustomizeNameReferences';
import { DIAGNOSTIC_SOURCE } from '../../server/src/services/validation';

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
spec:
  gatewayClassName: example
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    hostname: shop.example.com
    tls:
      certificateRefs:
      - name: foo-cert
`;

const POLICY = `apiVersion: gateway.networking.k8s.io/v1
kind: BackendTLSPolicy
metadata:
  name: policy
spec:
  targetRefs:
  - group: ""
    kind: Service
    name: backend
  validation:
    hostname: backend.example.com
    caCertificateRefs:
    - group: ""
      kind: ConfigMap
      name: ca
`;

const BASE = `resources:
- gateway.yaml
secretGenerator:
- name: foo-cert
  type: kubernetes.io/tls
  files:
  - tls.crt
  - tls.key
`;

const OVERLAY = `namePrefix: prod-
resources:
- ../base
`;

interface Data {
  root: string;
  referenceKind: string;
  writtenName: string;
  renamedTo: string;
  generatorUri?: string;
  generatorField?: string;
  generatorName?: string;
}

/** A workspace of texts in memory (or on disk under `dir`), with the service holding them. */
class Workspace {
  readonly service;
  readonly texts = new Map<string, string>();

  constructor(readonly dir: string, files: Record<string, string>, private readonly disk = false) {
    this.service = getLanguageService({ roots: [dir], log: () => undefined });
    for (const [file, text] of Object.entries(files)) this.write(this.uri(file), text);
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.dir, file)).href;
  }

  text(file: string): string {
    return this.texts.get(this.uri(file))!;
  }

  /**
   * Code actions for a diagnostic on `name:` of the reference in `file`, carrying `data`: the fixer table and its
   * workspace-folder filter, not the service's redaction (see the todo test at the end); `viaService` for all of it.
   */
  actions(file: string, data: unknown, needle = 'name: foo-cert', viaService = false): CodeAction[] {
    const lines = this.text(file).split('\n');
    const line = lines.findIndex((l) => l.includes(needle));
    assert.ok(line >= 0, `${needle} in ${file}`);
    const character = lines[line]!.indexOf(needle) + 'name: '.length;
    const range = { start: { line, character }, end: { line, character: lines[line]!.length } };
    const diagnostic: Diagnostic = { range, message: 'renamed', code: 'kustomize-ref-not-renamed', source: DIAGNOSTIC_SOURCE, data };
    if (viaService) return this.service.doCodeActions(this.uri(file), range, [diagnostic]);
    const index = this.service.index;
    const context: ServiceContext = { index, settings: this.service.settings, workspace: () => ({ queries: queriesFor(index), namespacesOf: (o) => index.namespacesOf(o), settings: this.service.settings }) };
    return doCodeActions(index.getFile(this.uri(file))!, range, [diagnostic], context);
  }

  /** Applies a WorkspaceEdit as a client would: creations (never over a file), then edits by LSP positions. */
  apply(edit: WorkspaceEdit | undefined): void {
    assert.ok(edit?.documentChanges, 'the action carries documentChanges');
    for (const change of edit.documentChanges) {
      if ('kind' in change) {
        const create = change as CreateFile;
        assert.equal(create.kind, 'create');
        assert.equal(create.options?.ignoreIfExists, true);
        assert.ok(!this.texts.has(create.uri), `${create.uri} is new`);
        this.write(create.uri, '');
      } else {
        const { textDocument, edits } = change as TextDocumentEdit;
        const before = this.texts.get(textDocument.uri);
        assert.ok(before !== undefined, `${textDocument.uri} exists`);
        const document = TextDocument.create(textDocument.uri, 'yaml', 1, before);
        this.write(textDocument.uri, TextDocument.applyEdits(document, edits.filter((e): e is TextEdit => 'newText' in e)));
      }
    }
  }

  private write(uri: string, text: string): void {
    this.texts.set(uri, text);
    if (this.disk) {
      const file = new URL(uri).pathname;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    this.service.setDocument(uri, text);
  }
}

const DIR = '/workspace';
const ROOT_URI = pathToFileURL(`${DIR}/overlay/kustomization.yaml`).href;
const prefixData = (extra: Partial<Data> = {}): Data => ({ root: ROOT_URI, referenceKind: 'Secret', writtenName: 'foo-cert', renamedTo: 'prod-foo-cert-7b5c9m2g8h', ...extra });

function overlayWorkspace(overlay: string, extra: Record<string, string> = {}): Workspace {
  return new Workspace(DIR, { 'base/gateway.yaml': GATEWAY, 'base/kustomization.yaml': BASE, 'overlay/kustomization.yaml': overlay, ...extra });
}

function only(actions: CodeAction[], title: RegExp): CodeAction {
  const found = actions.filter((a) => title.test(a.title));
  assert.equal(found.length, 1, `one action like ${title}: ${actions.map((a) => a.title).join(' | ')}`);
  return found[0]!;
}

const TEACH = /^Teach kustomize the Gateway API reference fields \(configurations: in overlay\/kustomization\.yaml\)$/;

describe('kustomize-ref-not-renamed: teach kustomize the reference fields', () => {
  test('the configuration written holds every field of the table, for both kinds', () => {
    const config = parse(nameReferenceConfiguration()) as { nameReference: { kind: string; version: string; fieldSpecs: { kind: string; group: string; path: string }[] }[] };
    assert.deepEqual(config.nameReference.map((r) => [r.kind, r.version]), [['Secret', 'v1'], ['ConfigMap', 'v1']]);
    const written = config.nameReference.flatMap((r) => r.fieldSpecs.map((s) => `${r.kind} ${s.kind} ${s.group} ${s.path}`));
    assert.deepEqual(written, GATEWAY_API_NAME_REFERENCES.map((f) => `${f.referenceKind} ${f.kind} ${f.group} ${f.path}`));
    assert.ok(written.includes('ConfigMap BackendTLSPolicy gateway.networking.k8s.io spec/tls/caCertRefs/name'));
  });

  test('no configurations: the file is created next to the root and listed at the end', () => {
    const ws = overlayWorkspace(OVERLAY);
    const action = only(ws.actions('base/gateway.yaml', prefixData()), TEACH);
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.equal(action.diagnostics?.length, 1);
    ws.apply(action.edit);
    assert.equal(ws.text('overlay/kustomization.yaml'), `${OVERLAY}configurations:\n- gateway-tls-namereference.yaml\n`);
    assert.equal(ws.text('overlay/gateway-tls-namereference.yaml'), nameReferenceConfiguration());
    // The new files draw no diagnostics of their own.
    assert.deepEqual(ws.service.doValidation(ws.uri('overlay/gateway-tls-namereference.yaml')), []);
    assert.deepEqual(ws.service.doValidation(ws.uri('overlay/kustomization.yaml')), []);
  });

  test('no final newline, CRLF and indented sequences are kept', () => {
    const overlay = 'namePrefix: prod-\r\nresources:\r\n  - ../base';
    const ws = overlayWorkspace(overlay);
    ws.apply(only(ws.actions('base/gateway.yaml', prefixData()), TEACH).edit);
    assert.equal(ws.text('overlay/kustomization.yaml'), `${overlay}\r\nconfigurations:\r\n  - gateway-tls-namereference.yaml\r\n`);
    assert.ok(ws.text('overlay/gateway-tls-namereference.yaml').includes('\r\nnameReference:\r\n'));
  });

  test('a block configurations list gets an item in its own indentation', () => {
    const overlay = `${OVERLAY}configurations:\n  - other.yaml # images\nnamespace: prod\n`;
    const ws = overlayWorkspace(overlay);
    ws.apply(only(ws.actions('base/gateway.yaml', prefixData()), TEACH).edit);
    assert.equal(ws.text('overlay/kustomization.yaml'), `${OVERLAY}configurations:\n  - other.yaml # images\n  - gateway-tls-namereference.yaml\nnamespace: prod\n`);
  });

  test('a flow configurations list gets an item before its bracket', () => {
    for (const [list, after] of [['[other.yaml]', '[other.yaml, gateway-tls-namereference.yaml]'], ['[]', '[gateway-tls-namereference.yaml]']]) {
      const ws = overlayWorkspace(`${OVERLAY}configurations: ${list}\n`);
      ws.apply(only(ws.actions('base/gateway.yaml', prefixData()), TEACH).edit);
      assert.equal(ws.text('overlay/kustomization.yaml'), `${OVERLAY}configurations: ${after}\n`);
    }
  });

  test('an empty configurations key gets its first item', () => {
    const ws = overlayWorkspace(`configurations:\n${OVERLAY}`);
    ws.apply(only(ws.actions('base/gateway.yaml', prefixData()), TEACH).edit);
    assert.equal(ws.text('overlay/kustomization.yaml'), `configurations:\n- gateway-tls-namereference.yaml\n${OVERLAY}`);
  });

  test('a file of that name already there: the next free name', () => {
    const ws = overlayWorkspace(OVERLAY, { 'overlay/gateway-tls-namereference.yaml': 'apiVersion: v1\nkind: Gateway\n' });
    const action = only(ws.actions('base/gateway.yaml', prefixData()), TEACH);
    const create = action.edit!.documentChanges!.find((c) => 'kind' in c) as CreateFile;
    assert.equal(create.uri, pathToFileURL(`${DIR}/overlay/gateway-tls-namereference-2.yaml`).href);
    ws.apply(action.edit);
    assert.ok(ws.text('overlay/kustomization.yaml').endsWith('- gateway-tls-namereference-2.yaml\n'));
  });

  test('nothing when a listed configuration already teaches the field', () => {
    const ws = overlayWorkspace(`${OVERLAY}configurations:\n- mine.yaml\n`, { 'overlay/mine.yaml': nameReferenceConfiguration() });
    assert.deepEqual(ws.actions('base/gateway.yaml', prefixData()), []);
    // A configuration that teaches another field only does not count.
    const partial = `nameReference:\n- kind: Secret\n  fieldSpecs:\n  - kind: Gateway\n    path: spec/tls/backend/clientCertificateRef/name\n`;
    const other = overlayWorkspace(`${OVERLAY}configurations:\n- mine.yaml\n`, { 'overlay/mine.yaml': partial });
    only(other.actions('base/gateway.yaml', prefixData()), TEACH);
    // One that teaches the field under the diagnostic (a listener's certificateRefs) is enough.
    const listeners = partial.replace('spec/tls/backend/clientCertificateRef/name', 'spec/listeners/tls/certificateRefs/name');
    assert.deepEqual(overlayWorkspace(`${OVERLAY}configurations:\n- mine.yaml\n`, { 'overlay/mine.yaml': listeners }).actions('base/gateway.yaml', prefixData()), []);
  });

  test('the result parses: every offered edit leaves a kustomization that reads back', () => {
    for (const overlay of [OVERLAY, `${OVERLAY}configurations: [a.yaml]`, `${OVERLAY}configurations:\n- a.yaml`, `# only a comment\n${OVERLAY}`]) {
      const ws = overlayWorkspace(overlay);
      ws.apply(only(ws.actions('base/gateway.yaml', prefixData()), TEACH).edit);
      const docs = parseAllDocuments(ws.text('overlay/kustomization.yaml'));
      assert.equal(docs.length, 1);
      assert.deepEqual(docs[0]!.errors, []);
      assert.ok((docs[0]!.toJS() as { configurations: string[] }).configurations.includes('gateway-tls-namereference.yaml'), overlay);
    }
  });
});

const HASH = /^Turn off the name hash of secretGenerator foo-cert$/;
const BASE_URI = pathToFileURL(`${DIR}/base/kustomization.yaml`).href;
const hashData = (extra: Partial<Data> = {}): Data => ({
  root: BASE_URI,
  referenceKind: 'Secret',
  writtenName: 'foo-cert',
  renamedTo: 'foo-cert-7b5c9m2g8h',
  generatorUri: BASE_URI,
  generatorField: 'secretGenerator',
  generatorName: 'foo-cert',
  ...extra,
});

function baseWorkspace(base: string): Workspace {
  return new Workspace(DIR, { 'base/gateway.yaml': GATEWAY, 'base/kustomization.yaml': base });
}

describe('kustomize-ref-not-renamed: turn off a generator hash', () => {
  test('options are added to the right entry', () => {
    const base = `resources:\n- gateway.yaml\nsecretGenerator:\n- name: other\n  literals:\n  - a=b\n- name: foo-cert\n  type: kubernetes.io/tls\n  files:\n  - tls.crt\n  - tls.key\n- name: last\n  literals: [a=b]\n`;
    const ws = baseWorkspace(base);
    const actions = ws.actions('base/gateway.yaml', hashData());
    const action = only(actions, HASH);
    assert.equal(action.kind, 'quickfix');
    assert.notEqual(action.isPreferred, true);
    ws.apply(action.edit);
    assert.equal(ws.text('base/kustomization.yaml'), base.replace('  - tls.key\n', '  - tls.key\n  options:\n    disableNameSuffixHash: true\n'));
  });

  test('existing options get the key; a false one becomes true', () => {
    const cases: [string, string][] = [
      ['  options:\n    labels:\n      a: b\n', '  options:\n    labels:\n      a: b\n    disableNameSuffixHash: true\n'],
      ['  options:\n    disableNameSuffixHash: false\n', '  options:\n    disableNameSuffixHash: true\n'],
      ['  options: {labels: {a: b}}\n', '  options: {labels: {a: b}, disableNameSuffixHash: true}\n'],
      ['  options:\n', '  options:\n    disableNameSuffixHash: true\n'],
    ];
    for (const [options, after] of cases) {
      const base = `secretGenerator:\n- name: foo-cert\n  files:\n  - tls.crt\n${options}resources:\n- gateway.yaml\n`;
      const ws = baseWorkspace(base);
      ws.apply(only(ws.actions('base/gateway.yaml', hashData()), HASH).edit);
      assert.equal(ws.text('base/kustomization.yaml'), base.replace(options, after), options);
    }
  });

  test('a flow entry and a file without a final newline', () => {
    const flow = 'secretGenerator:\n- {name: foo-cert, files: [tls.crt]}\n';
    const ws = baseWorkspace(flow);
    ws.apply(only(ws.actions('base/gateway.yaml', hashData()), HASH).edit);
    assert.equal(ws.text('base/kustomization.yaml'), 'secretGenerator:\n- {name: foo-cert, files: [tls.crt], options: {disableNameSuffixHash: true}}\n');
    const bare = 'secretGenerator:\n- name: foo-cert\n  files:\n  - tls.crt';
    const ws2 = baseWorkspace(bare);
    ws2.apply(only(ws2.actions('base/gateway.yaml', hashData()), HASH).edit);
    assert.equal(ws2.text('base/kustomization.yaml'), `${bare}\n  options:\n    disableNameSuffixHash: true\n`);
  });

  test('not offered when the hash alone does not explain the rename', () => {
    const ws = baseWorkspace(BASE);
    assert.equal(ws.actions('base/gateway.yaml', hashData({ renamedTo: 'prod-foo-cert-7b5c9m2g8h' })).filter((a) => HASH.test(a.title)).length, 0);
    assert.equal(ws.actions('base/gateway.yaml', hashData({ renamedTo: 'foo-cert-short' })).filter((a) => HASH.test(a.title)).length, 0);
  });
});

describe('kustomize-ref-not-renamed: bad data', () => {
  test('missing or malformed data gives no actions', () => {
    const ws = overlayWorkspace(OVERLAY);
    const bad: unknown[] = [
      undefined,
      null,
      'text',
      {},
      prefixData({ referenceKind: 'Service' }),
      prefixData({ root: '' }),
      { ...prefixData(), writtenName: 42 },
      prefixData({ root: pathToFileURL(`${DIR}/nowhere/kustomization.yaml`).href }),
      // The root must be a kustomization.
      prefixData({ root: pathToFileURL(`${DIR}/base/gateway.yaml`).href }),
    ];
    for (const data of bad) assert.deepEqual(ws.actions('base/gateway.yaml', data), [], JSON.stringify(data));
  });

  test('a generator of the wrong field, or not found, gives no hash fix', () => {
    const ws = baseWorkspace(BASE);
    for (const extra of [{ generatorField: 'configMapGenerator' }, { generatorName: 'missing' }, { generatorField: 'patches' }, { generatorUri: 'file:///elsewhere/kustomization.yaml' }]) {
      assert.equal(ws.actions('base/gateway.yaml', hashData(extra)).filter((a) => a.title.startsWith('Turn off')).length, 0, JSON.stringify(extra));
    }
  });

  test('a broken root kustomization gives no configurations fix', () => {
    const ws = overlayWorkspace(`${OVERLAY}configurations: [a.yaml\n`);
    assert.deepEqual(ws.actions('base/gateway.yaml', prefixData()), []);
  });

  test('a root outside the workspace folders gives no fix', () => {
    const ws = new Workspace(DIR, { 'base/gateway.yaml': GATEWAY });
    ws.service.setDocument('file:///elsewhere/kustomization.yaml', OVERLAY);
    assert.deepEqual(ws.actions('base/gateway.yaml', prefixData({ root: 'file:///elsewhere/kustomization.yaml' })), []);
  });
});

// The service drops a fix whose edit looks like it writes key material (util/redact.ts), and its heuristic takes
// the slash paths with a long camelCase segment (`spec/tls/backend/clientCertificateRef/name`) for base64.
test('fix (a) survives the key-material guard of the service', () => {
  const ws = overlayWorkspace(OVERLAY);
  only(ws.actions('base/gateway.yaml', prefixData(), 'name: foo-cert', true), TEACH);
});

// ---- end to end, with kubectl's kustomize ----

function kustomizeAvailable(t: TestContext): boolean {
  try {
    const version = execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    if (/Kustomize Version: v[45]/.test(version)) return true;
  } catch {
    // no kubectl
  }
  console.warn('\n!!! kubectl with kustomize v4+ not found: the kustomize end-to-end tests of the quick fixes are SKIPPED !!!\n');
  t.skip('kubectl with kustomize v4+ not available');
  return false;
}

function build(dir: string): Record<string, unknown>[] {
  const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return parseAllDocuments(out).map((d) => d.toJS() as Record<string, unknown>);
}

function named(objects: Record<string, unknown>[], kind: string): Record<string, unknown> {
  const found = objects.filter((o) => o.kind === kind);
  assert.equal(found.length, 1, `one ${kind}`);
  return found[0]!;
}

const nameOf = (o: Record<string, unknown>): string => (o.metadata as { name: string }).name;
const certRef = (gateway: Record<string, unknown>): string => (gateway as { spec: { listeners: { tls: { certificateRefs: { name: string }[] } }[] } }).spec.listeners[0]!.tls.certificateRefs[0]!.name;

function tempWorkspace(files: Record<string, string>): Workspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-tls-kustomize-'));
  return new Workspace(dir, files, true);
}

describe('kustomize-ref-not-renamed: the fixes, built by kustomize', () => {
  const tlsFiles = { 'base/tls.crt': 'certificate\n', 'base/tls.key': 'not a key\n' };

  test('teaching kustomize the fields makes a prefixed, hashed Secret reference follow', (t) => {
    if (!kustomizeAvailable(t)) return;
    const ws = tempWorkspace({ ...tlsFiles, 'base/gateway.yaml': GATEWAY, 'base/kustomization.yaml': BASE, 'overlay/kustomization.yaml': OVERLAY });
    try {
      const before = build(path.join(ws.dir, 'overlay'));
      const secret = nameOf(named(before, 'Secret'));
      assert.match(secret, /^prod-foo-cert-[a-z0-9]{10}$/);
      assert.equal(certRef(named(before, 'Gateway')), 'foo-cert', 'the diagnostic is right: kustomize leaves the reference');
      const data = { root: ws.uri('overlay/kustomization.yaml'), referenceKind: 'Secret', writtenName: 'foo-cert', renamedTo: secret, generatorUri: ws.uri('base/kustomization.yaml'), generatorField: 'secretGenerator', generatorName: 'foo-cert' };
      const actions = ws.actions('base/gateway.yaml', data);
      // The prefix is still there without the hash: no hash fix.
      assert.deepEqual(actions.map((a) => a.title), ['Teach kustomize the Gateway API reference fields (configurations: in overlay/kustomization.yaml)']);
      ws.apply(actions[0]!.edit);
      const after = build(path.join(ws.dir, 'overlay'));
      assert.equal(certRef(named(after, 'Gateway')), nameOf(named(after, 'Secret')));
      assert.equal(certRef(named(after, 'Gateway')), secret);
    } finally {
      fs.rmSync(ws.dir, { recursive: true, force: true });
    }
  });

  test('turning off the hash makes the generated name the written one', (t) => {
    if (!kustomizeAvailable(t)) return;
    const ws = tempWorkspace({ ...tlsFiles, 'base/gateway.yaml': GATEWAY, 'base/kustomization.yaml': BASE });
    try {
      const secret = nameOf(named(build(path.join(ws.dir, 'base')), 'Secret'));
      const root = ws.uri('base/kustomization.yaml');
      const data = { root, referenceKind: 'Secret', writtenName: 'foo-cert', renamedTo: secret, generatorUri: root, generatorField: 'secretGenerator', generatorName: 'foo-cert' };
      ws.apply(only(ws.actions('base/gateway.yaml', data), HASH).edit);
      const after = build(path.join(ws.dir, 'base'));
      assert.equal(nameOf(named(after, 'Secret')), 'foo-cert');
      assert.equal(certRef(named(after, 'Gateway')), 'foo-cert');
    } finally {
      fs.rmSync(ws.dir, { recursive: true, force: true });
    }
  });

  test('a BackendTLSPolicy CA ConfigMap from a generator follows its hash once kustomize is taught', (t) => {
    if (!kustomizeAvailable(t)) return;
    const kustomization = 'resources:\n- policy.yaml\nconfigMapGenerator:\n- name: ca\n  files:\n  - ca.crt\n';
    const ws = tempWorkspace({ 'app/ca.crt': 'ca\n', 'app/policy.yaml': POLICY, 'app/kustomization.yaml': kustomization });
    try {
      const configMap = nameOf(named(build(path.join(ws.dir, 'app')), 'ConfigMap'));
      assert.match(configMap, /^ca-[a-z0-9]{10}$/);
      const root = ws.uri('app/kustomization.yaml');
      const data = { root, referenceKind: 'ConfigMap', writtenName: 'ca', renamedTo: configMap, generatorUri: root, generatorField: 'configMapGenerator', generatorName: 'ca' };
      const actions = ws.actions('app/policy.yaml', data, 'name: ca');
      assert.deepEqual(actions.map((a) => a.title), ['Teach kustomize the Gateway API reference fields (configurations: in app/kustomization.yaml)', 'Turn off the name hash of configMapGenerator ca']);
      ws.apply(actions[0]!.edit);
      const policy = named(build(path.join(ws.dir, 'app')), 'BackendTLSPolicy') as { spec: { validation: { caCertificateRefs: { name: string }[] } } };
      assert.equal(policy.spec.validation.caCertificateRefs[0]!.name, configMap);
    } finally {
      fs.rmSync(ws.dir, { recursive: true, force: true });
    }
  });
});
