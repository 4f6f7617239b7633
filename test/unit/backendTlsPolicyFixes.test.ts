// BackendTLSPolicy quick fixes: every fix is applied to the text and the service re-checks it. The migration to v1
// must round-trip the old guide's two v1alpha2 examples and a v1alpha3 policy into policies that validate as v1.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import type { LanguageService } from '../../server/src/languageService';
import { makeCertificate, type TestCertificate } from '../helpers/certs';
import { serviceYaml } from '../helpers/manifests';
import { serviceWith, withCode } from '../helpers/service';
import { repoRoot } from '../lsp/client';

const ROOT = 'file:///workspace/';
const POLICY_FILE = 'policy.yaml';

const SERVICE = serviceYaml('auth', 'backend', [{ name: 'https', port: 443 }]);

/** A workspace whose texts we keep, so fixes can be applied and the result re-validated. */
class Workspace {
  readonly service: LanguageService;
  readonly texts = new Map<string, string>();

  constructor(files: Record<string, string>) {
    this.service = serviceWith(files);
    for (const [file, text] of Object.entries(files)) this.texts.set(ROOT + file, text);
  }

  diagnostics(file = POLICY_FILE): Diagnostic[] {
    return this.service.doValidation(ROOT + file);
  }

  codes(file = POLICY_FILE): string[] {
    return this.diagnostics(file).map((d) => String(d.code)).sort();
  }

  /** The actions for the `occurrence`-th diagnostic with this code. */
  actions(code: string, occurrence = 0, file = POLICY_FILE): CodeAction[] {
    const d = withCode(this.diagnostics(file), code)[occurrence];
    assert.ok(d, `a ${code} (#${occurrence}) in ${file}`);
    return this.service.doCodeActions(ROOT + file, d.range, [d]);
  }

  /** Applies the action's edit as a client would (`changes` or `documentChanges`) and hands the new text to the service. */
  apply(action: CodeAction | undefined): void {
    const edit = action?.edit;
    assert.ok(edit, 'the action carries an edit');
    const perFile: [string, TextEdit[]][] = [
      ...Object.entries(edit.changes ?? {}),
      ...(edit.documentChanges ?? []).map((change): [string, TextEdit[]] => {
        const { textDocument, edits } = change as TextDocumentEdit;
        assert.equal(textDocument.version, null);
        return [textDocument.uri, edits as TextEdit[]];
      }),
    ];
    for (const [uri, edits] of perFile) {
      const before = this.texts.get(uri);
      assert.ok(before !== undefined, `${uri} exists`);
      const after = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, before), edits);
      this.texts.set(uri, after);
      this.service.setDocument(uri, after);
    }
  }

  text(file = POLICY_FILE): string {
    return this.texts.get(ROOT + file)!;
  }
}

function byTitle(actions: readonly CodeAction[], title: string): CodeAction {
  const found = actions.find((a) => a.title === title);
  assert.ok(found, `no action "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  return found;
}

const MIGRATE = 'Migrate BackendTLSPolicy to v1';
const SEED = readFileSync(path.join(repoRoot(), 'examples', 'broken', 'backendtlspolicy-v1alpha2-guide.yaml'), 'utf8');

describe('Migrate BackendTLSPolicy to v1', () => {
  test('the seed file: both v1alpha2 examples migrate, keep their comments, and validate as v1', () => {
    const ws = new Workspace({ [POLICY_FILE]: SEED });
    assert.equal(withCode(ws.diagnostics(), 'api-version-deprecated').length, 2);
    const [action, ...rest] = ws.actions('api-version-deprecated', 0);
    assert.equal(rest.length, 0);
    assert.equal(action!.title, MIGRATE);
    assert.equal(action!.kind, 'quickfix');
    assert.equal(action!.isPreferred, true);
    const edits = (action!.edit!.documentChanges![0] as TextDocumentEdit).edits;
    assert.equal(edits.length, 1, 'one edit over the document');
    ws.apply(action);
    // The second policy is now the only deprecated one.
    assert.equal(withCode(ws.diagnostics(), 'api-version-deprecated').length, 1);
    ws.apply(ws.actions('api-version-deprecated', 0)[0]);

    const text = ws.text();
    assert.deepEqual(withCode(ws.diagnostics(), 'schema'), []);
    assert.deepEqual(withCode(ws.diagnostics(), 'api-version-deprecated'), []);
    // ConfigMapReference became ConfigMap; what is left is that the guide's ConfigMap is not in the workspace.
    assert.deepEqual(ws.codes(), ['backend-tls-ca-not-found']);
    const [dev, auth, ...services] = text.split(/^---\n/m);
    assert.equal(
      dev,
      [
        '# The two BackendTLSPolicy examples of the old Gateway API TLS guide (v1alpha2), as published.',
        '# BROKEN api-version-deprecated: v1alpha2 is no longer served; the quick fix migrates the policy to v1.',
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: BackendTLSPolicy',
        'metadata:',
        '  name: tls-upstream-dev',
        'spec:',
        '  targetRefs:',
        '    - kind: Service',
        '      name: dev-service',
        '      group: ""',
        '  validation:',
        '    wellKnownCACertificates: "System"',
        '    hostname: dev.example.com',
        '',
      ].join('\n'),
    );
    assert.equal(
      auth,
      [
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: BackendTLSPolicy',
        'metadata:',
        '  name: tls-upstream-auth',
        'spec:',
        '  targetRefs:',
        '    - kind: Service',
        '      name: auth-service',
        '      group: ""',
        '  validation:',
        '    caCertificateRefs:',
        '      # BROKEN backend-tls-ca-ref-unsupported: ConfigMapReference is not a kind; the CA ref kind is ConfigMap.',
        '      - kind: ConfigMap',
        '        name: auth-cert',
        '        group: ""',
        '    hostname: auth.example.com',
        '',
      ].join('\n'),
    );
    // The Services after them are untouched.
    assert.equal(services.join('---\n'), SEED.split(/^---\n/m).slice(2).join('---\n'));
  });

  test('a v1alpha3 policy: only the apiVersion changes', () => {
    const v1alpha3 = [
      '# upstream TLS for auth',
      'apiVersion: gateway.networking.k8s.io/v1alpha3',
      'kind: BackendTLSPolicy',
      'metadata:',
      '  name: auth-tls',
      '  namespace: backend',
      'spec:',
      '  targetRefs:',
      '  - group: ""',
      '    kind: Service',
      '    name: auth',
      '    sectionName: https',
      '  validation:',
      '    wellKnownCACertificates: System',
      '    hostname: auth.example.com # the SNI',
      '    subjectAltNames:',
      '    - type: Hostname',
      '      hostname: auth.internal',
      '',
    ].join('\n');
    const ws = new Workspace({ [POLICY_FILE]: v1alpha3, 'service.yaml': SERVICE });
    assert.deepEqual(ws.codes(), ['api-version-deprecated']);
    ws.apply(byTitle(ws.actions('api-version-deprecated'), MIGRATE));
    assert.equal(ws.text(), v1alpha3.replace('/v1alpha3', '/v1'));
    assert.deepEqual(ws.codes(), []);
  });

  test('v1alpha2: a flow-style targetRef becomes a one-item list without namespace; block lists keep their indentation', () => {
    const policy = [
      'apiVersion: gateway.networking.k8s.io/v1alpha2',
      'kind: BackendTLSPolicy',
      'metadata:',
      '  name: auth-tls',
      '  namespace: backend',
      'spec:',
      '  targetRef: {group: "", kind: Service, name: auth, namespace: backend}',
      '  tls:',
      '    caCertRefs:',
      '    - group: ""',
      '      kind: ConfigMap',
      '      name: auth-ca',
      '    hostname: auth.example.com',
      '',
    ].join('\n');
    const ws = new Workspace({ [POLICY_FILE]: policy, 'service.yaml': SERVICE, 'ca.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: auth-ca\n  namespace: backend\ndata:\n  ca.crt: x\n' });
    ws.apply(byTitle(ws.actions('api-version-deprecated'), MIGRATE));
    assert.equal(
      ws.text(),
      [
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: BackendTLSPolicy',
        'metadata:',
        '  name: auth-tls',
        '  namespace: backend',
        'spec:',
        '  targetRefs: [ { group: "", kind: Service, name: auth } ]',
        '  validation:',
        '    caCertificateRefs:',
        '    - group: ""',
        '      kind: ConfigMap',
        '      name: auth-ca',
        '    hostname: auth.example.com',
        '',
      ].join('\n'),
    );
    assert.deepEqual(withCode(ws.diagnostics(), 'schema'), []);
    assert.deepEqual(withCode(ws.diagnostics(), 'api-version-deprecated'), []);
  });

  test('CRLF line endings are kept; a v1 policy or another kind gets no migration', () => {
    const crlf = SEED.split('---\n')[0]!.replace(/\n/g, '\r\n');
    const ws = new Workspace({ [POLICY_FILE]: crlf });
    ws.apply(byTitle(ws.actions('api-version-deprecated'), MIGRATE));
    assert.ok(!/[^\r]\n/.test(ws.text()), 'only CRLF line breaks');
    assert.deepEqual(withCode(ws.diagnostics(), 'api-version-deprecated'), []);
    assert.deepEqual(withCode(ws.diagnostics(), 'schema'), []);

    const v1 = new Workspace({ [POLICY_FILE]: SEED.split('---\n')[0]!.replace('/v1alpha2', '/v1') });
    const [d] = withCode(new Workspace({ [POLICY_FILE]: SEED }).diagnostics(), 'api-version-deprecated');
    assert.deepEqual(v1.service.doCodeActions(ROOT + POLICY_FILE, d!.range, [d!]), []);
  });
});

function v1Policy(validation: string, target = '  - group: ""\n    kind: Service\n    name: auth'): string {
  return `apiVersion: gateway.networking.k8s.io/v1\nkind: BackendTLSPolicy\nmetadata:\n  name: auth-tls\n  namespace: backend\nspec:\n  targetRefs:\n${target}\n  validation:\n${validation}\n`;
}

let ca: TestCertificate;
before(async () => {
  ca = await makeCertificate({ cn: 'Backend CA', isCA: true });
});
const caConfigMap = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: backend\ndata:\n  ca.crt: |\n${ca.certPem.trimEnd().split('\n').map((l) => `    ${l}`).join('\n')}\n`;

describe('backend-tls-hostname-invalid: Remove the wildcard', () => {
  for (const [written, fixed] of [['"*.example.com"', '"example.com"'], ["'*.example.com'", "'example.com'"]] as const) {
    test(`${written} → ${fixed}`, () => {
      const ws = new Workspace({ [POLICY_FILE]: v1Policy(`    wellKnownCACertificates: System\n    hostname: ${written}`), 'service.yaml': SERVICE });
      assert.deepEqual(ws.codes(), ['backend-tls-hostname-invalid']);
      const [action, ...rest] = ws.actions('backend-tls-hostname-invalid');
      assert.equal(rest.length, 0);
      assert.equal(action!.title, 'Remove the wildcard');
      ws.apply(action);
      assert.ok(ws.text().includes(`\n    hostname: ${fixed}\n`));
      assert.deepEqual(ws.codes(), []);
    });
  }

  test('an IP or a bad name gets no wildcard fix', () => {
    const ws = new Workspace({ [POLICY_FILE]: v1Policy('    wellKnownCACertificates: System\n    hostname: 10.0.0.1'), 'service.yaml': SERVICE });
    assert.deepEqual(ws.actions('backend-tls-hostname-invalid'), []);
  });
});

describe('backend-tls-ca-conflict: keep one CA source', () => {
  const both = '    caCertificateRefs:\n    - group: ""\n      kind: ConfigMap\n      name: auth-ca\n    wellKnownCACertificates: System # the platform roots\n    hostname: auth.example.com';
  const KEEP_REFS = 'Keep caCertificateRefs (remove wellKnownCACertificates)';
  const KEEP_WELL_KNOWN = 'Keep wellKnownCACertificates (remove caCertificateRefs)';

  test('keep caCertificateRefs: the wellKnownCACertificates line goes, comment and all', () => {
    const ws = new Workspace({ [POLICY_FILE]: v1Policy(both), 'service.yaml': SERVICE, 'ca.yaml': caConfigMap('auth-ca') });
    assert.deepEqual(ws.codes(), ['backend-tls-ca-conflict']);
    const actions = ws.actions('backend-tls-ca-conflict');
    assert.deepEqual(actions.map((a) => a.title), [KEEP_REFS, KEEP_WELL_KNOWN]);
    assert.ok(actions.every((a) => a.isPreferred === false));
    ws.apply(byTitle(actions, KEEP_REFS));
    assert.equal(ws.text(), v1Policy('    caCertificateRefs:\n    - group: ""\n      kind: ConfigMap\n      name: auth-ca\n    hostname: auth.example.com'));
    assert.deepEqual(ws.codes(), []);
  });

  test('keep wellKnownCACertificates: the refs go with all their items', () => {
    const ws = new Workspace({ [POLICY_FILE]: v1Policy(both), 'service.yaml': SERVICE, 'ca.yaml': caConfigMap('auth-ca') });
    ws.apply(byTitle(ws.actions('backend-tls-ca-conflict'), KEEP_WELL_KNOWN));
    assert.equal(ws.text(), v1Policy('    wellKnownCACertificates: System # the platform roots\n    hostname: auth.example.com'));
    assert.deepEqual(ws.codes(), []);
  });

  test('v1alpha2 uses its own field names', () => {
    const policy = 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: BackendTLSPolicy\nmetadata:\n  name: p\n  namespace: backend\nspec:\n  targetRef: {group: "", kind: Service, name: auth}\n  tls:\n    wellKnownCACerts: System\n    caCertRefs:\n    - {group: "", kind: ConfigMap, name: auth-ca}\n    hostname: auth.example.com\n';
    const ws = new Workspace({ [POLICY_FILE]: policy, 'service.yaml': SERVICE, 'ca.yaml': caConfigMap('auth-ca') });
    const actions = ws.actions('backend-tls-ca-conflict');
    assert.deepEqual(actions.map((a) => a.title), ['Keep caCertRefs (remove wellKnownCACerts)', 'Keep wellKnownCACerts (remove caCertRefs)']);
    ws.apply(actions[1]);
    assert.ok(ws.text().includes('  tls:\n    wellKnownCACerts: System\n    hostname: auth.example.com\n'));
    assert.deepEqual(ws.codes(), ['api-version-deprecated']);
  });

  test('neither CA source: no keep fix', () => {
    const ws = new Workspace({ [POLICY_FILE]: v1Policy('    hostname: auth.example.com'), 'service.yaml': SERVICE });
    assert.deepEqual(ws.actions('backend-tls-ca-conflict'), []);
  });
});

describe('backend-tls-ca-ref-unsupported: the core kind and group', () => {
  test('Change kind to ConfigMap', () => {
    const ws = new Workspace({ [POLICY_FILE]: v1Policy('    caCertificateRefs:\n    - group: ""\n      kind: ConfigMapReference\n      name: auth-ca\n    hostname: auth.example.com'), 'service.yaml': SERVICE, 'ca.yaml': caConfigMap('auth-ca') });
    assert.deepEqual(ws.codes(), ['backend-tls-ca-ref-unsupported']);
    const [action] = ws.actions('backend-tls-ca-ref-unsupported');
    assert.equal(action!.title, 'Change kind to ConfigMap');
    ws.apply(action);
    assert.ok(ws.text().includes('\n      kind: ConfigMap\n'));
    assert.deepEqual(ws.codes(), []);
  });

  test('Change group to ""', () => {
    const ws = new Workspace({ [POLICY_FILE]: v1Policy('    caCertificateRefs:\n    - group: core\n      kind: ConfigMap\n      name: auth-ca\n    hostname: auth.example.com'), 'service.yaml': SERVICE, 'ca.yaml': caConfigMap('auth-ca') });
    const [action] = ws.actions('backend-tls-ca-ref-unsupported');
    assert.equal(action!.title, 'Change group to ""');
    ws.apply(action);
    assert.ok(ws.text().includes('\n    - group: ""\n'));
    assert.deepEqual(ws.codes(), []);
  });

  test('a missing kind is the schema error only; a cross-namespace ref gets no rewrite', () => {
    const noKind = new Workspace({ [POLICY_FILE]: v1Policy('    caCertificateRefs:\n    - group: ""\n      name: auth-ca\n    hostname: auth.example.com'), 'service.yaml': SERVICE });
    assert.deepEqual(noKind.codes(), ['schema']);
    const crossNs = new Workspace({ [POLICY_FILE]: v1Policy('    caCertificateRefs:\n    - group: ""\n      kind: ConfigMap\n      name: auth-ca\n      namespace: shared\n    hostname: auth.example.com'), 'service.yaml': SERVICE });
    assert.deepEqual(crossNs.actions('backend-tls-ca-ref-unsupported'), []);
  });
});

describe('near names: Change to <name>', () => {
  test('a misspelt Service and port name', () => {
    const ws = new Workspace({ [POLICY_FILE]: v1Policy('    wellKnownCACertificates: System\n    hostname: auth.example.com', '  - group: ""\n    kind: Service\n    name: auht'), 'service.yaml': SERVICE });
    ws.apply(byTitle(ws.actions('backend-tls-target-not-found'), 'Change to auth'));
    assert.deepEqual(ws.codes(), []);

    const port = new Workspace({ [POLICY_FILE]: v1Policy('    wellKnownCACertificates: System\n    hostname: auth.example.com', '  - group: ""\n    kind: Service\n    name: auth\n    sectionName: htps'), 'service.yaml': SERVICE });
    port.apply(byTitle(port.actions('backend-tls-target-not-found'), 'Change to https'));
    assert.ok(port.text().includes('    sectionName: https\n'));
    assert.deepEqual(port.codes(), []);
  });

  test('a misspelt CA ConfigMap', () => {
    const ws = new Workspace({ [POLICY_FILE]: v1Policy('    caCertificateRefs:\n    - group: ""\n      kind: ConfigMap\n      name: auth-cs\n    hostname: auth.example.com'), 'service.yaml': SERVICE, 'ca.yaml': caConfigMap('auth-ca') });
    const [action] = ws.actions('backend-tls-ca-not-found');
    assert.equal(action!.title, 'Change to auth-ca');
    assert.equal(action!.isPreferred, true);
    ws.apply(action);
    assert.deepEqual(ws.codes(), []);
  });
});

test('v1alpha2: a target in another namespace is named in the migration title, since v1 cannot express it', () => {
  const policy = 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: BackendTLSPolicy\nmetadata:\n  name: auth-tls\n  namespace: backend\nspec:\n  targetRef: {group: "", kind: Service, name: auth, namespace: shared}\n  tls:\n    wellKnownCACerts: System\n    hostname: auth.example.com\n';
  const ws = new Workspace({ [POLICY_FILE]: policy, 'service.yaml': SERVICE });
  const titles = ws.actions('api-version-deprecated').map((a) => a.title);
  assert.deepEqual(titles, ["Migrate BackendTLSPolicy to v1 (drops targetRef.namespace shared: v1 targets live in the policy's namespace)"]);
});
