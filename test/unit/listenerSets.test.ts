// ListenerSet (and XListenerSet) as a first-class kind: its schema, every listener rule on its lines, admission by
// the parent Gateway's allowedListeners, certificateRefs resolved with `from.kind: ListenerSet` grants, conflicts
// with the parent's listeners, the grant quick fix and hover.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { diagnose, hoverMarkdown, lineOf, plain, serviceWith, withCode } from '../helpers/service';

const ROOT = 'file:///workspace/';

function listenerSet(listeners: string, opts: { name?: string; namespace?: string; parent?: string; parentNamespace?: string; kind?: 'ListenerSet' | 'XListenerSet' } = {}): string {
  const kind = opts.kind ?? 'ListenerSet';
  const apiVersion = kind === 'ListenerSet' ? 'gateway.networking.k8s.io/v1' : 'gateway.networking.x-k8s.io/v1alpha1';
  return [
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${opts.name ?? 'extra'}`,
    `  namespace: ${opts.namespace ?? 'infra'}`,
    'spec:',
    '  parentRef:',
    `    name: ${opts.parent ?? 'gw'}`,
    ...(opts.parentNamespace ? [`    namespace: ${opts.parentNamespace}`] : []),
    '  listeners:',
    listeners.replace(/\n$/, ''),
    '',
  ].join('\n');
}

function gateway(opts: { allowed?: string; listeners?: string; namespace?: string } = {}): string {
  return [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: Gateway',
    'metadata:',
    '  name: gw',
    `  namespace: ${opts.namespace ?? 'infra'}`,
    'spec:',
    '  gatewayClassName: example',
    ...(opts.allowed ? ['  allowedListeners:', ...opts.allowed.split('\n').map((l) => `    ${l}`)] : []),
    '  listeners:',
    (opts.listeners ?? '  - name: http\n    port: 80\n    protocol: HTTP\n').replace(/\n$/, ''),
    '',
  ].join('\n');
}

const HTTPS_OK = `  - name: web
    port: 443
    protocol: HTTPS
    hostname: web.example.com
    tls:
      certificateRefs:
      - name: web-cert
`;

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

describe('ListenerSet: every listener rule, on its lines', () => {
  const cases: [string, string, string, string][] = [
    ['listener-tls-missing', '  - name: a\n    port: 443\n    protocol: HTTPS\n', 'protocol: HTTPS', 'HTTPS listener "a" has no tls block'],
    ['listener-tls-mode-invalid', '  - name: a\n    port: 443\n    protocol: HTTPS\n    tls:\n      mode: Passthrough\n', 'mode: Passthrough', 'tls mode Passthrough'],
    ['listener-hostname-not-allowed', '  - name: a\n    port: 9000\n    protocol: TCP\n    hostname: db.example.com\n', 'hostname: db', 'hostname "db.example.com"'],
    ['listener-tls-not-allowed', '  - name: a\n    port: 80\n    protocol: HTTP\n    tls:\n      certificateRefs:\n      - name: x\n', 'tls:', 'must not have a tls block'],
    ['listener-certificate-refs-missing', '  - name: a\n    port: 8443\n    protocol: TLS\n    tls: {}\n', 'tls: {}', 'certificateRefs or options must be specified'],
    ['listener-protocol-unsupported', '  - name: a\n    port: 8080\n    protocol: https\n', 'protocol: https', 'not a core protocol'],
    ['listener-name-duplicate', '  - name: a\n    port: 80\n    protocol: HTTP\n  - name: a\n    port: 81\n    protocol: HTTP\n', '- name: a', 'already used'],
    ['listener-conflict', '  - name: a\n    port: 80\n    protocol: HTTP\n  - name: b\n    port: 80\n    protocol: HTTP\n', '- name: b', 'repeats port 80'],
    ['listener-tls-options-invalid', '  - name: a\n    port: 443\n    protocol: HTTPS\n    tls:\n      options:\n        minVersion: "1.2"\n', 'minVersion', 'no domain prefix'],
  ];
  for (const [code, listeners, needle, words] of cases) {
    for (const kind of ['ListenerSet', 'XListenerSet'] as const) {
      test(`${code} on a ${kind}`, () => {
        const text = listenerSet(listeners, { kind });
        const found = withCode(diagnose(text), code);
        assert.equal(found.length, 1, JSON.stringify(diagnose(text).map((d) => d.message)));
        const occurrence = code === 'listener-name-duplicate' ? 1 : 0;
        assert.equal(found[0]!.range.start.line, lineOf(text, needle, occurrence), found[0]!.message);
        assert.match(found[0]!.message, new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        assert.doesNotMatch(found[0]!.message, /\bof Gateway\b/);
      });
    }
  }

  test('a correct ListenerSet gets no listener finding', () => {
    const text = listenerSet(`${HTTPS_OK}  - name: tls
    port: 8443
    protocol: TLS
    tls:
      mode: Passthrough
  - name: db
    port: 5432
    protocol: TCP
`);
    const found = diagnose(text).filter((d) => String(d.code).startsWith('listener') || d.code === 'schema');
    assert.deepEqual(found.map((d) => d.message), []);
  });
});

describe('ListenerSet schema', () => {
  test('parentRef and listeners are required', () => {
    const text = 'apiVersion: gateway.networking.k8s.io/v1\nkind: ListenerSet\nmetadata:\n  name: ls\nspec: {}\n';
    const found = withCode(diagnose(text), 'schema');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /listeners/);
    assert.match(found[0]!.message, /parentRef/);
    assert.match(found[0]!.message, /ListenerSet/);
  });

  test('parentRef needs a name; a listener needs a port in v1, not in XListenerSet v1alpha1', () => {
    const v1 = 'apiVersion: gateway.networking.k8s.io/v1\nkind: ListenerSet\nmetadata:\n  name: ls\nspec:\n  parentRef:\n    kind: Gateway\n  listeners:\n  - name: a\n    protocol: HTTP\n';
    const found = withCode(diagnose(v1), 'schema');
    assert.deepEqual(found.map((d) => d.range.start.line).sort(), [lineOf(v1, 'parentRef:'), lineOf(v1, '- name: a')].sort(), JSON.stringify(found.map((d) => d.message)));
    assert.ok(found.some((d) => /port/.test(d.message)));
    const x = v1.replace('gateway.networking.k8s.io/v1', 'gateway.networking.x-k8s.io/v1alpha1').replace('kind: ListenerSet', 'kind: XListenerSet');
    const xFound = withCode(diagnose(x), 'schema');
    assert.equal(xFound.length, 1, JSON.stringify(xFound.map((d) => d.message)));
    assert.equal(xFound[0]!.range.start.line, lineOf(x, 'parentRef:'));
  });

  test('port range and unknown fields', () => {
    const text = listenerSet('  - name: a\n    port: 70000\n    protocol: HTTP\n    colour: red\n');
    const found = withCode(diagnose(text), 'schema');
    assert.deepEqual(found.map((d) => d.range.start.line).sort(), [lineOf(text, 'port: 70000'), lineOf(text, 'colour')].sort());
  });

  test('XListenerSet is also reported as deprecated', () => {
    const text = listenerSet(HTTPS_OK, { kind: 'XListenerSet' });
    assert.equal(withCode(diagnose(text), 'api-version-deprecated').length, 1);
  });
});

describe('admission by the parent Gateway (listenerset-not-allowed)', () => {
  const ls = (namespace: string) => listenerSet('  - name: a\n    port: 8080\n    protocol: HTTP\n', { namespace, parentNamespace: 'infra' });
  function notAllowed(allowed: string | undefined, namespace: string, extra: Record<string, string> = {}) {
    const service = serviceWith({ 'gw.yaml': gateway({ allowed }), 'ls.yaml': ls(namespace), ...extra });
    return withCode(plain(service.doValidation(`${ROOT}ls.yaml`)), 'listenerset-not-allowed');
  }

  test('no allowedListeners: None by default, a warning naming the Gateway and the setting', () => {
    const found = notAllowed(undefined, 'infra');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 2);
    assert.equal(found[0]!.range.start.line, lineOf(ls('infra'), 'name: gw'));
    assert.match(found[0]!.message, /Gateway infra\/gw does not admit this ListenerSet: its spec\.allowedListeners is not set \(namespaces\.from defaults to None\)/);
    assert.match(found[0]!.message, /Accepted=False, reason NotAllowed/);
    assert.equal(found[0]!.relatedInformation?.[0]?.location.uri, `${ROOT}gw.yaml`);
  });

  test('None written', () => {
    const found = notAllowed('namespaces:\n  from: None', 'infra');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /namespaces\.from is None, which admits no ListenerSets/);
  });

  test('Same: same namespace admitted, another namespace not', () => {
    assert.deepEqual(notAllowed('namespaces:\n  from: Same', 'infra'), []);
    const found = notAllowed('namespaces:\n  from: Same', 'team-a');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /from is Same.*in namespace team-a, not infra/);
  });

  test('All admits every namespace', () => {
    assert.deepEqual(notAllowed('namespaces:\n  from: All', 'team-a'), []);
  });

  test('Selector: matching labels admitted, others not, unknown labels no finding', () => {
    const selector = 'namespaces:\n  from: Selector\n  selector:\n    matchLabels:\n      listeners: allowed';
    const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n    ${labels}\n`;
    assert.deepEqual(notAllowed(selector, 'team-a', { 'ns.yaml': ns('listeners: allowed') }), []);
    const found = notAllowed(selector, 'team-a', { 'ns.yaml': ns('listeners: denied') });
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /from is Selector.*namespace team-a does not match it/);
    assert.deepEqual(notAllowed(selector, 'team-a'), []);
  });

  test('a parent Gateway not in the workspace: nothing to say', () => {
    const service = serviceWith({ 'ls.yaml': ls('infra') });
    assert.deepEqual(withCode(service.doValidation(`${ROOT}ls.yaml`), 'listenerset-not-allowed'), []);
  });
});

describe('certificateRefs of a ListenerSet: grants name from.kind ListenerSet', () => {
  const LS = listenerSet(`  - name: web
    port: 443
    protocol: HTTPS
    hostname: web.example.com
    tls:
      certificateRefs:
      - name: web-cert
        namespace: certs
`);
  const grant = (kind: string) => `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: allow
  namespace: certs
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: ${kind}
    namespace: infra
  to:
  - group: ""
    kind: Secret
`;
  const files = (kind?: string) => ({ 'gw.yaml': gateway({ allowed: 'namespaces:\n  from: Same' }), 'ls.yaml': LS, ...(kind ? { 'grant.yaml': grant(kind) } : {}) });

  test('admitted by a grant from.kind ListenerSet', () => {
    const service = serviceWith(files('ListenerSet'));
    assert.deepEqual(withCode(service.doValidation(`${ROOT}ls.yaml`), 'ref-not-permitted'), []);
    assert.deepEqual(withCode(service.doValidation(`${ROOT}grant.yaml`), 'reference-grant-unused'), []);
  });

  test('not admitted by a grant from.kind Gateway: the near miss names the kind', () => {
    const service = serviceWith(files('Gateway'));
    const found = withCode(plain(service.doValidation(`${ROOT}ls.yaml`)), 'ref-not-permitted');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /Listener "web" of ListenerSet infra\/extra refers to Secret certs\/web-cert/);
    assert.match(found[0]!.message, /lets ListenerSets from namespace infra reach it/);
    assert.match(found[0]!.message, /almost matches: it admits Gateways, not ListenerSets/);
    assert.equal(found[0]!.range.start.line, lineOf(LS, 'namespace: certs'));
  });

  test('no grant at all: ref-not-permitted', () => {
    const service = serviceWith(files());
    assert.equal(withCode(service.doValidation(`${ROOT}ls.yaml`), 'ref-not-permitted').length, 1);
  });

  test('the quick fix writes a grant with kind ListenerSet', () => {
    const service = serviceWith(files());
    const d = withCode(service.doValidation(`${ROOT}ls.yaml`), 'ref-not-permitted')[0]!;
    const actions = service.doCodeActions(`${ROOT}ls.yaml`, d.range, [d]);
    const create = actions.find((a) => a.title === 'Create ReferenceGrant in certs for Secret web-cert');
    assert.ok(create, actions.map((a) => a.title).join(', '));
    const text = editText(create);
    assert.match(text, /kind: ListenerSet\n\s*namespace: infra/);
    assert.match(text, /group: gateway\.networking\.k8s\.io\n\s*kind: ListenerSet/);
    assert.doesNotMatch(text, /kind: Gateway\b/);
    assert.match(text, /name: allow-infra-listenersets-to-web-cert/);
  });

  test('the extend fix adds a ListenerSet entry to a Gateway grant', () => {
    const service = serviceWith(files('Gateway'));
    const d = withCode(service.doValidation(`${ROOT}ls.yaml`), 'ref-not-permitted')[0]!;
    const actions = service.doCodeActions(`${ROOT}ls.yaml`, d.range, [d]);
    const extend = actions.find((a) => a.title.startsWith('Add ListenerSets from namespace infra'));
    assert.ok(extend, actions.map((a) => a.title).join(', '));
    assert.match(editText(extend), /kind: ListenerSet/);
  });

  test('the conformance scenario listenerset-reference-grant', () => {
    const text = readFileSync(path.resolve('test/unit/conformance/listenerset-reference-grant.yaml'), 'utf8');
    const service = serviceWith({ 'scenario.yaml': text });
    const found = withCode(plain(service.doValidation(`${ROOT}scenario.yaml`)), 'ref-not-permitted');
    // Only the ListenerSet without a grant: the Gateway and the ListenerSet in infra each have their own.
    assert.equal(found.length, 1, JSON.stringify(found.map((d) => d.message)));
    assert.ok(found[0]!.range.start.line > lineOf(text, 'name: listenerset-without-reference-grant'));
    assert.match(found[0]!.message, /of ListenerSet gateway-api-listener-sets-test-reference-grant-ns\/listenerset-without-reference-grant/);
    assert.deepEqual(withCode(service.doValidation(`${ROOT}scenario.yaml`), 'listenerset-not-allowed'), []);
    assert.deepEqual(withCode(service.doValidation(`${ROOT}scenario.yaml`), 'reference-grant-unused'), []);
  });
});

describe('conflicts with the parent Gateway (listener-conflict, a warning)', () => {
  const GW = gateway({
    allowed: 'namespaces:\n  from: Same',
    listeners: '  - name: gateway-listener\n    port: 80\n    protocol: HTTP\n    hostname: conflict.example.com\n',
  });

  test('same port, protocol and hostname: HostnameConflict; the Gateway wins', () => {
    const ls = listenerSet('  - name: ok\n    port: 80\n    protocol: HTTP\n    hostname: other.example.com\n  - name: dup\n    port: 80\n    protocol: HTTP\n    hostname: conflict.example.com\n');
    const service = serviceWith({ 'gw.yaml': GW, 'ls.yaml': ls });
    const found = withCode(plain(service.doValidation(`${ROOT}ls.yaml`)), 'listener-conflict');
    assert.equal(found.length, 1, JSON.stringify(found.map((d) => d.message)));
    assert.equal(found[0]!.severity, 2);
    assert.equal(found[0]!.range.start.line, lineOf(ls, '- name: dup'));
    assert.match(found[0]!.message, /Listener "dup" repeats port 80, protocol HTTP and hostname "conflict\.example\.com" of listener "gateway-listener" of Gateway infra\/gw/);
    assert.match(found[0]!.message, /Conflicted=True, reason HostnameConflict/);
    assert.equal(found[0]!.relatedInformation?.[0]?.location.uri, `${ROOT}gw.yaml`);
    assert.deepEqual(withCode(service.doValidation(`${ROOT}gw.yaml`), 'listener-conflict'), []);
  });

  test('same port, HTTP vs TCP: ProtocolConflict', () => {
    const ls = listenerSet('  - name: tcp\n    port: 80\n    protocol: TCP\n');
    const found = withCode(plain(serviceWith({ 'gw.yaml': GW, 'ls.yaml': ls }).doValidation(`${ROOT}ls.yaml`)), 'listener-conflict');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /reason ProtocolConflict/);
  });

  test('an older ListenerSet wins over a newer one', () => {
    const older = listenerSet('  - name: first\n    port: 8080\n    protocol: HTTP\n', { name: 'a-older' }).replace('  name: a-older', '  name: a-older\n  creationTimestamp: "2024-01-01T00:00:00Z"');
    const newer = listenerSet('  - name: second\n    port: 8080\n    protocol: HTTP\n', { name: 'b-newer' }).replace('  name: b-newer', '  name: b-newer\n  creationTimestamp: "2025-01-01T00:00:00Z"');
    const service = serviceWith({ 'gw.yaml': GW, 'older.yaml': older, 'newer.yaml': newer });
    assert.deepEqual(withCode(service.doValidation(`${ROOT}older.yaml`), 'listener-conflict'), []);
    const found = withCode(plain(service.doValidation(`${ROOT}newer.yaml`)), 'listener-conflict');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /of ListenerSet infra\/a-older.*is older, so its listener wins/);
  });

  test('distinct listeners and not-admitted ListenerSets: no conflict', () => {
    const distinct = listenerSet('  - name: other\n    port: 80\n    protocol: HTTP\n    hostname: other.example.com\n  - name: tls\n    port: 443\n    protocol: TLS\n    tls:\n      mode: Passthrough\n');
    assert.deepEqual(withCode(serviceWith({ 'gw.yaml': GW, 'ls.yaml': distinct }).doValidation(`${ROOT}ls.yaml`), 'listener-conflict'), []);
    const dup = listenerSet('  - name: dup\n    port: 80\n    protocol: HTTP\n    hostname: conflict.example.com\n', { namespace: 'team-a', parentNamespace: 'infra' });
    const found = plain(serviceWith({ 'gw.yaml': GW, 'ls.yaml': dup }).doValidation(`${ROOT}ls.yaml`));
    assert.deepEqual(codes(found.filter((d) => d.code === 'listener-conflict' || d.code === 'listenerset-not-allowed')), ['listenerset-not-allowed']);
  });
});

describe('editor features on ListenerSet listeners', () => {
  const LS = listenerSet(HTTPS_OK);
  const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-cert\n  namespace: infra\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ""\n  tls.key: ""\n';

  test('hover on a certificateRef resolves it for the ListenerSet', () => {
    const service = serviceWith({ 'ls.yaml': LS, 'secret.yaml': SECRET });
    const line = lineOf(LS, '- name: web-cert');
    const md = hoverMarkdown(service.doHover(`${ROOT}ls.yaml`, { line, character: LS.split('\n')[line]!.indexOf('web-cert') + 2 }));
    assert.match(md, /Certificate reference/);
    assert.match(md, /infra\/web-cert/);
  });

  test('hover on a listener field shows its schema docs', () => {
    const service = serviceWith({ 'ls.yaml': LS });
    const line = lineOf(LS, 'protocol: HTTPS');
    const md = hoverMarkdown(service.doHover(`${ROOT}ls.yaml`, { line, character: 6 }));
    assert.match(md, /protocol/i);
  });

  test('a code lens on the TLS listener', () => {
    const service = serviceWith({ 'ls.yaml': LS, 'secret.yaml': SECRET });
    const lenses = service.doCodeLens(`${ROOT}ls.yaml`);
    assert.equal(lenses.length, 1);
    assert.match(lenses[0]!.command!.title, /^web\.example\.com → web-cert/);
  });

  test('certificateRef name completion lists Secrets', () => {
    const marked = LS.replace('- name: web-cert', '- name: |');
    const at = marked.indexOf('|');
    const before = marked.slice(0, at).split('\n');
    const service = serviceWith({ 'ls.yaml': marked.replace('|', ''), 'secret.yaml': SECRET });
    const items = service.doComplete(`${ROOT}ls.yaml`, { line: before.length - 1, character: before[before.length - 1]!.length }).items;
    assert.ok(items.some((i) => i.label === 'web-cert'), items.map((i) => i.label).join(', '));
  });

  test('find references from the Secret reaches the ListenerSet ref', () => {
    const service = serviceWith({ 'ls.yaml': LS, 'secret.yaml': SECRET });
    const locations = service.doReferences(`${ROOT}secret.yaml`, { line: 3, character: 9 });
    assert.ok(locations.some((l) => l.uri === `${ROOT}ls.yaml` && l.range.start.line === lineOf(LS, '- name: web-cert')), JSON.stringify(locations));
  });
});

function editText(action: CodeAction): string {
  const edit = action.edit!;
  const parts: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('edits' in change) for (const e of change.edits) parts.push('newText' in e ? e.newText : '');
  }
  for (const edits of Object.values(edit.changes ?? {})) for (const e of edits) parts.push(e.newText);
  return parts.join('\n');
}
