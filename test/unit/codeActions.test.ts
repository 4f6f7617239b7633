// Quick fixes: every fix is applied to the workspace text and the service re-checks it, so each test proves the
// fix removes its diagnostic and introduces nothing new (no schema error on a written grant, no unused grant).
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { LanguageService } from '../../server/src/languageService';
import { grantYaml, indentsSequences } from '../../server/src/services/codeActions/grantText';
import { grantUsage } from '../../server/src/workspace/grantUsage';
import { queriesFor } from '../../server/src/workspace/queries';
import { certificateYaml, documents, referenceGrantYaml, secretYaml, shopGatewayYaml, type ReferenceGrantSpec } from '../helpers/manifests';
import { serviceWith, withCode } from '../helpers/service';

const ROOT = 'file:///workspace/';
const GATEWAY_FILE = 'apps/gateway.yaml';

/** Gateway gw in team-a whose listener refers to Secret shop-cert in certs (`secretNs: ''`: in its own namespace). */
function gateway(opts: { ns?: string; secret?: string; secretNs?: string; protocol?: string } = {}): string {
  return shopGatewayYaml({ namespace: opts.ns ?? 'team-a', secret: opts.secret, secretNamespace: opts.secretNs === '' ? undefined : (opts.secretNs ?? 'certs'), protocol: opts.protocol });
}

/** A grant in the layout of the conformance manifests (`- ` indented under `from:`). */
function grant(spec: ReferenceGrantSpec = {}): string {
  return referenceGrantYaml({ ...spec, indentLists: true });
}

/** A workspace whose texts we keep, so edits can be applied to them and re-set in the service. */
class Workspace {
  readonly service: LanguageService;
  readonly texts = new Map<string, string>();

  constructor(files: Record<string, string>, settings?: unknown) {
    this.service = serviceWith(files, settings);
    for (const [file, text] of Object.entries(files)) this.texts.set(ROOT + file, text);
  }

  diagnostics(file = GATEWAY_FILE): Diagnostic[] {
    return this.service.doValidation(ROOT + file);
  }

  /** Every diagnostic in the workspace as `file: code`, sorted. */
  allCodes(): string[] {
    return [...this.texts.keys()].flatMap((uri) => this.service.doValidation(uri).map((d) => `${uri.slice(ROOT.length)}: ${String(d.code)}`)).sort();
  }

  actions(code: string, file = GATEWAY_FILE): CodeAction[] {
    const diagnostics = withCode(this.diagnostics(file), code);
    assert.equal(diagnostics.length, 1, `one ${code} in ${file}`);
    const d = diagnostics[0]!;
    return this.service.doCodeActions(ROOT + file, d.range, [d]);
  }

  /** Applies a WorkspaceEdit the way a client would, then hands the new texts to the service. */
  apply(edit: WorkspaceEdit | undefined): void {
    assert.ok(edit, 'the action carries an edit');
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) this.set(uri, TextDocument.applyEdits(this.doc(uri), edits));
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        assert.equal(change.kind, 'create');
        const create = change as CreateFile;
        assert.ok(!this.texts.has(create.uri), `${create.uri} does not exist yet`);
        this.set(create.uri, '');
      } else {
        const textEdit = change as TextDocumentEdit;
        assert.equal(textEdit.textDocument.version, null);
        assert.ok(this.texts.has(textEdit.textDocument.uri), `${textEdit.textDocument.uri} exists`);
        this.set(textEdit.textDocument.uri, TextDocument.applyEdits(this.doc(textEdit.textDocument.uri), textEdit.edits.filter((e): e is TextEdit => 'newText' in e)));
      }
    }
  }

  text(file: string): string {
    return this.texts.get(ROOT + file)!;
  }

  private doc(uri: string): TextDocument {
    return TextDocument.create(uri, 'yaml', 1, this.texts.get(uri)!);
  }

  private set(uri: string, text: string): void {
    this.texts.set(uri, text);
    this.service.setDocument(uri, text);
  }
}

function byTitle(actions: readonly CodeAction[], title: string): CodeAction {
  const found = actions.find((a) => a.title === title);
  assert.ok(found, `no action "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  return found;
}

/** The edited (or created) files of an edit. */
function touched(edit: WorkspaceEdit | undefined): string[] {
  return [...Object.keys(edit?.changes ?? {}), ...(edit?.documentChanges ?? []).flatMap((c) => ('kind' in c ? [] : [(c as TextDocumentEdit).textDocument.uri]))];
}

/**
 * Applies the action and checks the diagnostic is gone and nothing else changed anywhere, except `alsoFixed`
 * (`file: code`): an almost-matching grant that was unused is used once it admits the reference.
 */
function assertFixes(ws: Workspace, action: CodeAction, code: string, alsoFixed: readonly string[] = []): void {
  const before = ws.allCodes();
  ws.apply(action.edit);
  const expected = [...before];
  for (const removed of [`${GATEWAY_FILE}: ${code}`, ...alsoFixed]) {
    assert.ok(expected.includes(removed), `${removed} before the fix`);
    expected.splice(expected.indexOf(removed), 1);
  }
  assert.deepEqual(ws.allCodes(), expected);
}

const CREATE_NARROW = 'Create ReferenceGrant in certs for Secret shop-cert';
const CREATE_BROAD = 'Create ReferenceGrant in certs for all Secrets';

describe('ref-not-permitted: create a ReferenceGrant', () => {
  test('offers a narrow (preferred) and a broad grant, both quick fixes tied to the diagnostic', () => {
    const ws = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretYaml('shop-cert', 'certs') });
    const actions = ws.actions('ref-not-permitted');
    assert.deepEqual(actions.map((a) => a.title), [CREATE_NARROW, CREATE_BROAD]);
    for (const a of actions) {
      assert.equal(a.kind, 'quickfix');
      assert.equal(a.diagnostics?.[0]?.code, 'ref-not-permitted');
    }
    assert.deepEqual(actions.map((a) => a.isPreferred === true), [true, false]);
  });

  test("the narrow grant is appended to the Secret's file and admits exactly that Secret", () => {
    const ws = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretYaml('shop-cert', 'certs') });
    const action = byTitle(ws.actions('ref-not-permitted'), CREATE_NARROW);
    assert.deepEqual(touched(action.edit), [`${ROOT}certs/secret.yaml`]);
    assertFixes(ws, action, 'ref-not-permitted');
    const text = ws.text('certs/secret.yaml');
    assert.ok(text.startsWith(secretYaml('shop-cert', 'certs')), 'the Secret is untouched');
    assert.equal(
      text.slice(secretYaml('shop-cert', 'certs').length),
      [
        '---',
        'apiVersion: gateway.networking.k8s.io/v1beta1',
        'kind: ReferenceGrant',
        'metadata:',
        '  name: allow-team-a-gateways-to-shop-cert',
        '  namespace: certs',
        'spec:',
        '  from:',
        '  - group: gateway.networking.k8s.io',
        '    kind: Gateway',
        '    namespace: team-a',
        '  to:',
        '  - group: ""',
        '    kind: Secret',
        '    name: shop-cert',
        '',
      ].join('\n'),
    );
  });

  test('the broad grant has no to.name and a name saying whom it lets in', () => {
    const ws = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretYaml('shop-cert', 'certs') });
    assertFixes(ws, byTitle(ws.actions('ref-not-permitted'), CREATE_BROAD), 'ref-not-permitted');
    const grantDoc = parseAllDocuments(ws.text('certs/secret.yaml'))[1]!.toJS() as { metadata: { name: string }; spec: { to: unknown[] } };
    assert.equal(grantDoc.metadata.name, 'allow-gateways-from-team-a');
    assert.deepEqual(grantDoc.spec.to, [{ group: '', kind: 'Secret' }]);
  });

  test('a file without a final newline, or ending in ---, gets a well-formed separator', () => {
    for (const [tail, sep] of [['', '\n---\n'], ['---\n', '']] as const) {
      const secretText = secretYaml('shop-cert', 'certs').trimEnd() + (tail === '' ? '' : `\n${tail}`);
      const ws = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretText });
      assertFixes(ws, byTitle(ws.actions('ref-not-permitted'), CREATE_NARROW), 'ref-not-permitted');
      assert.ok(ws.text('certs/secret.yaml').startsWith(`${secretText}${sep}apiVersion: gateway.networking.k8s.io/v1beta1\n`));
    }
  });

  test('without the Secret, the grant goes to a file of other objects of the target namespace (one with grants first)', () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: certs\ndata: {}\n';
    const otherGrant = grant({ name: 'for-routes', from: { kind: 'HTTPRoute' }, to: { kind: 'Service' } });
    const ws = new Workspace({
      [GATEWAY_FILE]: gateway(),
      'certs/a-config.yaml': configMap,
      'certs/grants.yaml': otherGrant,
      'other/config.yaml': configMap.replace('namespace: certs', 'namespace: other'),
    });
    const action = byTitle(ws.actions('ref-not-permitted'), CREATE_NARROW);
    assert.deepEqual(touched(action.edit), [`${ROOT}certs/grants.yaml`]);
    assertFixes(ws, action, 'ref-not-permitted');

    const noGrants = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/config.yaml': configMap, 'other/config.yaml': configMap.replace('namespace: certs', 'namespace: other') });
    const a = byTitle(noGrants.actions('ref-not-permitted'), CREATE_BROAD);
    assert.deepEqual(touched(a.edit), [`${ROOT}certs/config.yaml`]);
    assertFixes(noGrants, a, 'ref-not-permitted');
  });

  test('SOPS-encrypted Secrets and Kustomize bases shared by several namespaces are never edited', () => {
    const sops = `${secretYaml('shop-cert', 'certs')}sops:\n  version: 3.8.1\n`;
    const ws = new Workspace({
      [GATEWAY_FILE]: gateway(),
      'certs/secret.enc.yaml': sops,
      'base/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata: {}\n',
      'base/kustomization.yaml': 'resources:\n- config.yaml\n',
      'overlays/certs/kustomization.yaml': 'namespace: certs\nresources:\n- ../../base\n',
      'overlays/other/kustomization.yaml': 'namespace: other\nresources:\n- ../../base\n',
    });
    const action = byTitle(ws.actions('ref-not-permitted'), CREATE_NARROW);
    const create = action.edit?.documentChanges?.[0] as CreateFile;
    assert.equal(create.kind, 'create');
    assert.equal(create.uri, `${ROOT}apps/referencegrant-team-a-to-certs.yaml`);
  });

  test('with nothing of the namespace in the workspace, a new file is created next to the Gateway', () => {
    const ws = new Workspace({ [GATEWAY_FILE]: gateway(), 'apps/referencegrant-team-a-to-certs.yaml': '# taken\n' });
    const action = byTitle(ws.actions('ref-not-permitted'), CREATE_NARROW);
    const [create, edit] = action.edit?.documentChanges ?? [];
    assert.deepEqual(create, { kind: 'create', uri: `${ROOT}apps/referencegrant-team-a-to-certs-2.yaml`, options: { ignoreIfExists: true } });
    assert.equal((edit as TextDocumentEdit).textDocument.uri, `${ROOT}apps/referencegrant-team-a-to-certs-2.yaml`);
    assertFixes(ws, action, 'ref-not-permitted');
    assert.match(ws.text('apps/referencegrant-team-a-to-certs-2.yaml'), /^apiVersion: gateway\.networking\.k8s\.io\/v1beta1\nkind: ReferenceGrant\n/);
  });

  test('v1 when the workspace already writes v1 grants, else v1beta1', () => {
    const v1Elsewhere = grant({ apiVersion: 'v1', namespace: 'other', name: 'x', from: { kind: 'HTTPRoute' }, to: { kind: 'Service' } });
    const ws = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretYaml('shop-cert', 'certs'), 'other/grant.yaml': v1Elsewhere });
    assertFixes(ws, byTitle(ws.actions('ref-not-permitted'), CREATE_NARROW), 'ref-not-permitted');
    assert.match(ws.text('certs/secret.yaml'), /---\napiVersion: gateway\.networking\.k8s\.io\/v1\nkind: ReferenceGrant/);
  });

  test('names are de-duplicated against the grants of that namespace', () => {
    const taken = [
      grant({ name: 'allow-team-a-gateways-to-shop-cert', from: { kind: 'HTTPRoute' }, to: { kind: 'Service' } }),
      grant({ name: 'allow-team-a-gateways-to-shop-cert-2', from: { kind: 'HTTPRoute' }, to: { kind: 'Service' } }),
      grant({ name: 'allow-gateways-from-team-a', from: { kind: 'HTTPRoute' }, to: { kind: 'Service' } }),
    ].join('---\n');
    for (const [title, name] of [[CREATE_NARROW, 'allow-team-a-gateways-to-shop-cert-3'], [CREATE_BROAD, 'allow-gateways-from-team-a-2']] as const) {
      const ws = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretYaml('shop-cert', 'certs'), 'certs/grants.yaml': taken });
      assertFixes(ws, byTitle(ws.actions('ref-not-permitted'), title), 'ref-not-permitted');
      assert.match(ws.text('certs/secret.yaml'), new RegExp(`\\n  name: ${name}\\n`));
    }
  });

  test('a Secret named after a host gets a readable DNS-1123 grant name', () => {
    const ws = new Workspace({ [GATEWAY_FILE]: gateway({ secret: 'shop.example.com' }), 'certs/secret.yaml': secretYaml('shop.example.com', 'certs') });
    const action = byTitle(ws.actions('ref-not-permitted'), 'Create ReferenceGrant in certs for Secret shop.example.com');
    assertFixes(ws, action, 'ref-not-permitted');
    assert.match(ws.text('certs/secret.yaml'), /\n  name: allow-team-a-gateways-to-shop-example-com\n[\s\S]*\n    name: shop\.example\.com\n/);
  });
});

describe('ref-not-permitted: extend an almost-matching grant (the seven variants of GatewaySecretInvalidReferenceGrant)', () => {
  const ADD_NS = 'Add namespace team-a to ReferenceGrant certs/allow';
  const ADD_GATEWAYS = 'Add Gateways from namespace team-a to ReferenceGrant certs/allow';
  const ALLOW_SECRET = 'Allow Secret shop-cert in ReferenceGrant certs/allow';
  const FROM_ENTRY = ['    - group: gateway.networking.k8s.io', '      kind: Gateway', '      namespace: team-a'].join('\n');
  const TO_ENTRY = ['    - group: ""', '      kind: Secret', '      name: shop-cert'].join('\n');
  const variants: [string, ReferenceGrantSpec, string | undefined, string | undefined][] = [
    ['wrong namespace', { namespace: 'elsewhere' }, undefined, undefined],
    ['wrong from.group', { from: { group: 'wrong.example.com' } }, ADD_GATEWAYS, FROM_ENTRY],
    ['wrong from.kind', { from: { kind: 'HTTPRoute' } }, ADD_GATEWAYS, FROM_ENTRY],
    ['wrong from.namespace', { from: { namespace: 'team-b' } }, ADD_NS, FROM_ENTRY],
    ['wrong to.group', { to: { group: 'wrong.example.com', name: 'other-cert' } }, ALLOW_SECRET, TO_ENTRY],
    ['wrong to.kind', { to: { kind: 'Service' } }, ALLOW_SECRET, TO_ENTRY],
    ['wrong to.name', { to: { name: 'other-cert' } }, ALLOW_SECRET, TO_ENTRY],
  ];
  for (const [label, opts, title, entry] of variants) {
    test(`${label}: ${title ?? 'no edit (a grant must move, not grow)'}`, () => {
      const original = grant(opts);
      const ws = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretYaml('shop-cert', 'certs'), 'grants/grant.yaml': original });
      const actions = ws.actions('ref-not-permitted');
      const extend = actions.filter((a) => !a.title.startsWith('Create '));
      if (!title) {
        assert.deepEqual(extend, []);
        return;
      }
      assert.deepEqual(extend.map((a) => a.title), [title]);
      const action = extend[0]!;
      assert.equal(action.isPreferred, false);
      assert.deepEqual(touched(action.edit), [`${ROOT}grants/grant.yaml`]);
      // Grants about Gateways and Secrets only are judged; the from.kind/to.kind variants are about other kinds.
      const wasUnused = withCode(ws.diagnostics('grants/grant.yaml'), 'reference-grant-unused').length > 0;
      assertFixes(ws, action, 'ref-not-permitted', wasUnused ? ['grants/grant.yaml: reference-grant-unused'] : []);
      const after = ws.text('grants/grant.yaml');
      // Appended after the existing entry, with its indentation; every original line is kept.
      if (entry === FROM_ENTRY) assert.ok(after.includes(`${FROM_ENTRY}\n  to:\n`), after);
      else assert.ok(after.endsWith(`${TO_ENTRY}\n`), after);
      assert.deepEqual(original.split('\n').filter((l) => !after.split('\n').includes(l)), []);
      // The edited grant is the one that now admits the reference.
      const service = ws.service;
      const usage = grantUsage(queriesFor(service.index));
      const grantObject = service.index.getFile(`${ROOT}grants/grant.yaml`)!.objects[0]!;
      assert.equal(usage.get(grantObject)?.length, 1);
    });
  }

  test('a grant that misses in from.namespace and to.name gets both entries in one fix', () => {
    const ws = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretYaml('shop-cert', 'certs'), 'grants/grant.yaml': grant({ from: { namespace: 'team-b' }, to: { name: 'other-cert' } }) });
    const action = byTitle(ws.actions('ref-not-permitted'), 'Add namespace team-a and allow Secret shop-cert in ReferenceGrant certs/allow');
    assertFixes(ws, action, 'ref-not-permitted', ['grants/grant.yaml: reference-grant-unused']);
    const after = ws.text('grants/grant.yaml');
    assert.ok(after.includes(`      namespace: team-b\n${FROM_ENTRY}\n  to:\n`), after);
    assert.ok(after.endsWith(`      name: other-cert\n${TO_ENTRY}\n`), after);
  });

  test('entries line up with unindented lists, and a file without a final newline', () => {
    const flat = referenceGrantYaml({ from: { namespace: 'team-b' } }).trimEnd();
    const ws = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretYaml('shop-cert', 'certs'), 'grants/grant.yaml': flat });
    assertFixes(ws, byTitle(ws.actions('ref-not-permitted'), ADD_NS), 'ref-not-permitted', ['grants/grant.yaml: reference-grant-unused']);
    assert.ok(ws.text('grants/grant.yaml').includes('    namespace: team-b\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    namespace: team-a\n  to:\n'));

    const toName = grant({ to: { name: 'other-cert' } }).trimEnd();
    const ws2 = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretYaml('shop-cert', 'certs'), 'grants/grant.yaml': toName });
    assertFixes(ws2, byTitle(ws2.actions('ref-not-permitted'), ALLOW_SECRET), 'ref-not-permitted', ['grants/grant.yaml: reference-grant-unused']);
    assert.equal(ws2.text('grants/grant.yaml'), `${toName}\n${TO_ENTRY}\n`);
  });

  test('grants written in flow style are not edited', () => {
    const flow = grant({ from: { namespace: 'team-b' } }).replace(/  from:\n[\s\S]*?  to:/, '  from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: team-b}]\n  to:');
    const ws = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretYaml('shop-cert', 'certs'), 'grants/grant.yaml': flow });
    const titles = ws.actions('ref-not-permitted').map((a) => a.title);
    assert.deepEqual(titles, [CREATE_NARROW, CREATE_BROAD]);
  });
});

describe('certificate-secret-not-found and listener-protocol-unsupported', () => {
  test('"Change to <near name>" for each suggestion, the best one preferred', () => {
    // cert-manager makes the Secrets: renaming the ref then resolves it without reading certificate content.
    const ws = new Workspace({ [GATEWAY_FILE]: gateway({ ns: 'web', secretNs: '', secret: 'shop-crt' }), 'web/certificates.yaml': documents(certificateYaml('shop-cert', 'web', 'shop-cert'), certificateYaml('shop-cart', 'web', 'shop-cart')) });
    const actions = ws.actions('certificate-secret-not-found');
    assert.deepEqual(actions.map((a) => a.title), ['Change to shop-cart', 'Change to shop-cert']);
    assert.deepEqual(actions.map((a) => a.isPreferred === true), [true, false]);
    assertFixes(ws, byTitle(actions, 'Change to shop-cert'), 'certificate-secret-not-found');
    assert.match(ws.text(GATEWAY_FILE), /\n {6}- name: shop-cert\n/);
  });

  test('"Change protocol to HTTPS" for a wrongly cased protocol', () => {
    const ws = new Workspace({ [GATEWAY_FILE]: gateway({ ns: 'web', secretNs: '', protocol: 'https' }), 'web/secret.yaml': secretYaml('shop-cert', 'web') });
    const [action, ...rest] = ws.actions('listener-protocol-unsupported');
    assert.equal(rest.length, 0);
    assert.equal(action?.title, 'Change protocol to HTTPS');
    assert.equal(action?.isPreferred, true);
    assertFixes(ws, action!, 'listener-protocol-unsupported');
    assert.match(ws.text(GATEWAY_FILE), /\n {4}protocol: HTTPS\n/);
  });

  test('a protocol without a known replacement, other tools\' diagnostics and data-less diagnostics get no fix', () => {
    const ws = new Workspace({ [GATEWAY_FILE]: gateway({ ns: 'web', secretNs: '', protocol: 'GRPC' }), 'web/secret.yaml': secretYaml('shop-cert', 'web') });
    assert.deepEqual(ws.actions('listener-protocol-unsupported'), []);
    const crossNs = new Workspace({ [GATEWAY_FILE]: gateway(), 'certs/secret.yaml': secretYaml('shop-cert', 'certs') });
    const [d] = withCode(crossNs.diagnostics(), 'ref-not-permitted');
    assert.deepEqual(crossNs.service.doCodeActions(ROOT + GATEWAY_FILE, d!.range, [{ ...d!, source: 'yaml-language-server' }]), []);
    assert.deepEqual(crossNs.service.doCodeActions(ROOT + GATEWAY_FILE, d!.range, [{ ...d!, data: undefined }]), []);
  });
});

describe('new grants follow the list style of the file they join', () => {
  test('flush lists by default, indented lists where the file indents them', () => {
    assert.equal(indentsSequences('spec:\n  from:\n  - a\n'), false);
    assert.equal(indentsSequences('spec:\n  from:\n    - a\n'), true);
    assert.equal(indentsSequences(undefined), false);
    const grant = { apiVersion: 'v1beta1', name: 'g', namespace: 'certs', fromNamespace: 'team-a', secretName: undefined };
    assert.match(grantYaml(grant), /\n {2}from:\n {2}- group: gateway\.networking\.k8s\.io\n/);
    assert.match(grantYaml(grant, '\n', true), /\n {2}from:\n {4}- group: gateway\.networking\.k8s\.io\n/);
  });
});
