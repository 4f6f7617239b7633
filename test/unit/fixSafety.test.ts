// Quick fixes never damage the workspace: a new file never overwrites one (CreateFile with ignoreIfExists, and a
// fresh name when the index knows the path), no edit lands outside the workspace folders whatever a namespace
// says, and a "Change to <name>" fix only offers valid object names and only edits that leave the YAML parseable.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageService } from '../../server/src/languageService';
import { fileNamePart } from '../../server/src/services/codeActions/grantPlacement';
import { editTargets, mayEdit } from '../../server/src/services/codeActions/workspaceEdits';
import { secretYaml, shopGatewayYaml } from '../helpers/manifests';
import { serviceWith, withCode } from '../helpers/service';

const ROOT = 'file:///workspace/';

function actionsFor(service: LanguageService, uri: string, code: string): CodeAction[] {
  const diagnostics = withCode(service.doValidation(uri), code);
  return diagnostics.flatMap((d) => service.doCodeActions(uri, d.range, [d]));
}

function creates(edit: WorkspaceEdit | undefined): CreateFile[] {
  return (edit?.documentChanges ?? []).filter((c): c is CreateFile => 'kind' in c && c.kind === 'create');
}

/** A Gateway in `namespace` whose listener refers to Secret shop-cert in `secretNamespace` (a grant is needed). */
function gatewayIn(namespace: string, secretNamespace = 'certs'): string {
  return shopGatewayYaml({ namespace: JSON.stringify(namespace), secretNamespace: JSON.stringify(secretNamespace) });
}

describe('D4: a grant fix never overwrites a file', () => {
  test('the new file is created with ignoreIfExists, never overwrite, then filled by an edit of the same URI', () => {
    const service = serviceWith({ 'apps/gateway.yaml': gatewayIn('team-a') });
    const actions = actionsFor(service, `${ROOT}apps/gateway.yaml`, 'ref-not-permitted');
    const withCreate = actions.filter((a) => creates(a.edit).length > 0);
    assert.equal(withCreate.length, 2, actions.map((a) => a.title).join(', '));
    for (const action of withCreate) {
      const [create, fill, ...rest] = action.edit!.documentChanges!;
      assert.deepEqual(create, { kind: 'create', uri: `${ROOT}apps/referencegrant-team-a-to-certs.yaml`, options: { ignoreIfExists: true } });
      assert.equal((create as CreateFile).options?.overwrite, undefined);
      assert.equal((fill as TextDocumentEdit).textDocument.uri, (create as CreateFile).uri);
      assert.deepEqual((fill as TextDocumentEdit).edits.map((e) => (e as TextEdit).range), [{ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]);
      assert.deepEqual(rest, []);
    }
  });

  test('a path the index knows (even a file it keeps nothing of) gets a fresh name', () => {
    const service = serviceWith({
      'apps/gateway.yaml': gatewayIn('team-a'),
      // A file with nothing the product reads: the index keeps only its name.
      'apps/referencegrant-team-a-to-certs.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n',
      'apps/referencegrant-team-a-to-certs-2.yaml': '',
    });
    for (const action of actionsFor(service, `${ROOT}apps/gateway.yaml`, 'ref-not-permitted')) {
      for (const create of creates(action.edit)) {
        assert.equal(create.uri, `${ROOT}apps/referencegrant-team-a-to-certs-3.yaml`);
        assert.deepEqual(create.options, { ignoreIfExists: true });
      }
    }
  });
});

describe('D5: no fix writes outside the workspace', () => {
  const HOSTILE = [
    '../../../../x/app',
    '..',
    '%2e%2e%2f%2e%2e%2fetc',
    '..%2f..%2fetc',
    'a#b?c=d',
    'a\u0000b',
    'line\nbreak',
    'C:\\Windows\\System32',
    '/etc/passwd',
    'Team A/..',
    '.hidden',
    '-',
    'x'.repeat(300),
  ];

  /** Every target of every fix: inside /workspace, a plain decoded path, a file name of [a-z0-9.-] only. */
  function assertContained(actions: readonly CodeAction[], what: string): void {
    for (const action of actions) {
      for (const uri of editTargets(action.edit ?? {})) {
        assert.ok(uri.startsWith(ROOT), `${what}: ${uri}`);
        assert.ok(!/[#?\s\u0000]/.test(uri), `${what}: unencoded character in ${JSON.stringify(uri)}`);
        const file = fileURLToPath(uri);
        assert.equal(path.posix.relative('/workspace', file).startsWith('..'), false, `${what}: ${file} is outside /workspace`);
        assert.ok(!file.split('/').includes('..'), `${what}: ${file}`);
      }
      for (const create of creates(action.edit)) {
        const name = path.posix.basename(fileURLToPath(create.uri));
        assert.match(name, /^[a-z0-9][a-z0-9.-]*\.yaml$/, `${what}: ${name}`);
        assert.ok(!name.includes('..'), `${what}: ${name}`);
        assert.equal(path.posix.dirname(fileURLToPath(create.uri)), '/workspace/apps', `${what}: next to the Gateway`);
      }
    }
  }

  test('hostile Gateway and Secret namespaces give file names of [a-z0-9.-] next to the Gateway', () => {
    let checked = 0;
    for (const hostile of HOSTILE) {
      for (const [from, to] of [[hostile, 'certs'], ['team-a', hostile], [hostile, hostile.toUpperCase() + 'x']] as const) {
        const service = serviceWith({ 'apps/gateway.yaml': gatewayIn(from, to) });
        const actions = actionsFor(service, `${ROOT}apps/gateway.yaml`, 'ref-not-permitted');
        assertContained(actions, `${JSON.stringify(from)} → ${JSON.stringify(to)}`);
        checked += actions.length;
      }
    }
    assert.ok(checked >= HOSTILE.length, `only ${checked} fixes checked`);
    // The example of the issue still gets its fix, under a clean name.
    const service = serviceWith({ 'apps/gateway.yaml': gatewayIn('../../../../x/app') });
    const uris = actionsFor(service, `${ROOT}apps/gateway.yaml`, 'ref-not-permitted').flatMap((a) => creates(a.edit).map((c) => c.uri));
    assert.deepEqual([...new Set(uris)], [`${ROOT}apps/referencegrant-x-app-to-certs.yaml`]);
  });

  test('a Gateway outside the workspace folders gets no new-file fix', () => {
    const service = getLanguageService({ roots: ['/workspace'], log: () => undefined });
    service.setDocument('file:///elsewhere/gateway.yaml', gatewayIn('team-a'));
    assert.equal(withCode(service.doValidation('file:///elsewhere/gateway.yaml'), 'ref-not-permitted').length, 1);
    const actions = actionsFor(service, 'file:///elsewhere/gateway.yaml', 'ref-not-permitted');
    assert.deepEqual(actions.filter((a) => creates(a.edit).length > 0), []);
  });

  test('a file of the namespace outside the workspace folders is not appended to: a new file in the workspace instead', () => {
    const service = getLanguageService({ roots: ['/workspace'], log: () => undefined });
    service.setDocument('file:///elsewhere/secret.yaml', secretYaml('shop-cert', 'certs'));
    service.setDocument(`${ROOT}apps/gateway.yaml`, gatewayIn('team-a'));
    const actions = actionsFor(service, `${ROOT}apps/gateway.yaml`, 'ref-not-permitted').filter((a) => a.title.startsWith('Create ReferenceGrant'));
    assert.equal(actions.length, 2);
    for (const action of actions) assert.deepEqual(editTargets(action.edit!), [`${ROOT}apps/referencegrant-team-a-to-certs.yaml`, `${ROOT}apps/referencegrant-team-a-to-certs.yaml`]);
  });

  test('without workspace folders, a new file may only go next to the file the fix is for', () => {
    const service = getLanguageService({ log: () => undefined });
    service.setDocument('file:///somewhere/apps/gateway.yaml', gatewayIn('../../x'));
    const uris = actionsFor(service, 'file:///somewhere/apps/gateway.yaml', 'ref-not-permitted').flatMap((a) => creates(a.edit).map((c) => c.uri));
    assert.ok(uris.length > 0);
    for (const uri of uris) assert.equal(path.posix.dirname(fileURLToPath(uri)), '/somewhere/apps');
  });

  test('fileNamePart keeps [a-z0-9.-], never `..`, never a leading dot or dash', () => {
    for (const hostile of HOSTILE) {
      const part = fileNamePart(hostile);
      assert.match(part, /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, JSON.stringify(hostile));
      assert.ok(!part.includes('..'));
      assert.ok(part.length <= 63);
    }
    assert.equal(fileNamePart('team-a'), 'team-a');
    assert.equal(fileNamePart('prod.eu-1'), 'prod.eu-1');
  });

  test('mayEdit: the file itself anywhere; other files only inside a root, compared as resolved paths', () => {
    const roots = ['/workspace'];
    assert.equal(mayEdit('file:///elsewhere/a.yaml', 'file:///elsewhere/a.yaml', roots), true);
    assert.equal(mayEdit('file:///workspace/apps/b.yaml', 'file:///elsewhere/a.yaml', roots), true);
    assert.equal(mayEdit('file:///workspace/../etc/b.yaml', ROOT + 'a.yaml', roots), false);
    assert.equal(mayEdit('file:///workspace/apps/%2e%2e/%2e%2e/etc/b.yaml', ROOT + 'a.yaml', roots), false);
    assert.equal(mayEdit('file:///workspace-other/b.yaml', ROOT + 'a.yaml', roots), false);
    assert.equal(mayEdit('file:///workspace/a%2Fb.yaml', ROOT + 'a.yaml', roots), false);
    assert.equal(mayEdit('untitled:b.yaml', ROOT + 'a.yaml', roots), false);
    assert.equal(mayEdit('file:///workspace', ROOT + 'a.yaml', roots), false);
  });
});

describe('D15: "Change to <name>" offers valid names and edits that parse', () => {
  const GATEWAY = 'file:///workspace/gateway.yaml';

  /** Applies a fix's edits to the file's text. */
  function applied(text: string, action: CodeAction): string {
    const edits = Object.values(action.edit?.changes ?? {}).flat();
    return TextDocument.applyEdits(TextDocument.create(GATEWAY, 'yaml', 1, text), edits);
  }

  test('a multi-line or otherwise invalid near name is never suggested; valid ones still are, and parse', () => {
    const gateway = shopGatewayYaml({ namespace: 'certs', secret: 'shop-cert' });
    const secrets = [
      // `name: |` makes "shop-certs\n": one edit away, but no name (the old fix wrote a block scalar mid-map).
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: |\n    shop-certs\n  namespace: certs\ntype: kubernetes.io/tls\ndata:\n  tls.crt: AAAA\n  tls.key: AAAA\n',
      secretYaml('"Shop-Cert"', 'certs'),
      secretYaml('"shop cert"', 'certs'),
      secretYaml('shop-cert2', 'certs'),
    ].join('---\n');
    const service = serviceWith({ 'gateway.yaml': gateway, 'secrets.yaml': secrets });
    const actions = actionsFor(service, GATEWAY, 'certificate-secret-not-found');
    assert.deepEqual(actions.map((a) => a.title), ['Change to shop-cert2']);
    assert.equal(actions[0]!.isPreferred, true);
    for (const action of actions) {
      const text = applied(gateway, action);
      const docs = parseAllDocuments(text);
      assert.ok(Array.isArray(docs) && docs.every((d) => d.errors.length === 0), text);
      assert.match(text, /- name: shop-cert2\n/);
    }
  });

  test('suggestions a client hands back are checked again: invalid names and edits that would not parse are dropped', () => {
    const gateway = shopGatewayYaml({ namespace: 'certs', secret: 'shop-cert' });
    const service = serviceWith({ 'gateway.yaml': gateway });
    const [diagnostic] = withCode(service.doValidation(GATEWAY), 'certificate-secret-not-found');
    assert.ok(diagnostic);
    const forged = (suggestions: string[], range = diagnostic.range): Diagnostic => ({ ...diagnostic, range, data: { ...(diagnostic.data as object), suggestions } });
    const titles = (d: Diagnostic) => service.doCodeActions(GATEWAY, d.range, [d]).map((a) => a.title);
    assert.deepEqual(titles(forged(['a\nb', 'x: y', '[redacted]', 'UPPER', '-lead', `${'a'.repeat(254)}`, 'good-name'])), ['Change to good-name']);
    // A range that is not the value (here: the key and the value of the line): the edit would break the map.
    const line = diagnostic.range.start.line;
    const wrong = forged(['good-name'], { start: { line, character: 0 }, end: diagnostic.range.end });
    assert.deepEqual(titles(wrong), []);
  });
});
