import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { TextEdit } from 'vscode-languageserver-types';
import { completeAt, itemLabeled } from '../helpers/service';

const HEAD = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
spec:
  gatewayClassName: acme-lb
`;

const items = (marked: string) => completeAt(marked, 'test.yaml');
const labels = (marked: string) => items(marked).map((i) => i.label);
const item = (marked: string, label: string) => itemLabeled(items(marked), label);

test('keys on a blank line in a listener: the fields not written yet, required first', () => {
  const got = labels(`${HEAD}  listeners:\n  - name: https\n    port: 443\n    |\n`);
  assert.deepEqual([...got].sort(), ['allowedRoutes', 'hostname', 'protocol', 'tls']);
  const sorted = [...items(`${HEAD}  listeners:\n  - name: https\n    port: 443\n    |\n`)].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
  assert.equal(sorted[0]!.label, 'protocol');
  assert.match(sorted[0]!.detail!, /required/);
});

test('keys after "- " under listeners start a new listener', () => {
  const got = labels(`${HEAD}  listeners:\n  - name: https\n    port: 443\n    protocol: HTTPS\n  - |\n`);
  assert.deepEqual([...got].sort(), ['allowedRoutes', 'hostname', 'name', 'port', 'protocol', 'tls']);
});

test('a partially typed key is replaced by the completion', () => {
  const marked = `${HEAD}  listeners:\n  - name: https\n    por|\n`;
  const port = item(marked, 'port');
  const edit = port.textEdit as TextEdit;
  assert.equal(edit.newText, 'port: ');
  const line = marked.split('\n').findIndex((l) => l.includes('por|'));
  assert.deepEqual(edit.range, { start: { line, character: 4 }, end: { line, character: 7 } });
  assert.equal(port.kind, 10 /* Property */);
  assert.match(String((port.documentation as { value: string }).value), /network port/);
});

test('objects, lists and enum fields insert a useful shape', () => {
  const marked = `${HEAD}  listeners:\n  - name: https\n    |\n`;
  assert.equal((item(marked, 'tls').textEdit as TextEdit).newText, 'tls:\n  $0');
  assert.equal(item(marked, 'tls').insertTextFormat, 2 /* Snippet */);
  const tls = `${HEAD}  listeners:\n  - name: https\n    tls:\n      |\n`;
  assert.equal((item(tls, 'certificateRefs').textEdit as TextEdit).newText, 'certificateRefs:\n- $0');
  assert.equal((item(tls, 'mode').textEdit as TextEdit).newText, 'mode: ${1|Terminate,Passthrough|}');
});

test('only the key is inserted when the line already has its value', () => {
  const marked = `${HEAD}  listeners:\n  - name: https\n    hos|tname: a.example.com\n`;
  const edit = item(marked, 'hostname').textEdit as TextEdit;
  assert.equal(edit.newText, 'hostname');
  assert.equal(edit.range.end.character - edit.range.start.character, 'hostname'.length);
});

test('protocol values: the core protocols although protocol is a pattern', () => {
  assert.deepEqual(labels(`${HEAD}  listeners:\n  - name: https\n    protocol: |\n`), ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP']);
  const partial = item(`${HEAD}  listeners:\n  - name: https\n    protocol: HT|\n`, 'HTTPS');
  const edit = partial.textEdit as TextEdit;
  assert.equal(edit.newText, 'HTTPS');
  assert.equal(edit.range.end.character - edit.range.start.character, 2);
});

test('tls.mode values, with the default marked', () => {
  const modes = items(`${HEAD}  listeners:\n  - name: https\n    tls:\n      mode: Pa|\n`);
  assert.deepEqual(modes.map((i) => i.label), ['Terminate', 'Passthrough']);
  assert.equal(modes[0]!.detail, 'default');
  assert.equal(modes[0]!.kind, 20 /* EnumMember */);
});

test('other enums: allowedRoutes.namespaces.from and frontend validation mode', () => {
  assert.deepEqual(labels(`${HEAD}  listeners:\n  - name: a\n    allowedRoutes:\n      namespaces:\n        from: |\n`), ['All', 'Selector', 'Same']);
  assert.deepEqual(labels(`${HEAD}  tls:\n    frontend:\n      default:\n        validation:\n          mode: |\n  listeners: []\n`), ['AllowValidOnly', 'AllowInsecureFallback']);
});

test('top-level keys on an empty line of a Gateway document', () => {
  const got = labels(`apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n|\n`);
  assert.deepEqual(got, ['metadata', 'spec']);
  assert.deepEqual(labels(`apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: web\nsp|`), ['spec']);
  assert.deepEqual(labels(`${HEAD}|\n`), []);
});

test('a new Gateway document without apiVersion yet', () => {
  assert.deepEqual(labels(`kind: Gateway\napiVersion: |\n`), ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1']);
  assert.ok(labels(`kind: Gateway\n|\n`).includes('spec'));
});

test('spec keys, Gateway-level tls keys', () => {
  assert.deepEqual(labels(`${HEAD}  |\n  listeners: []\n`), ['addresses', 'infrastructure', 'allowedListeners', 'tls', 'defaultScope']);
  assert.deepEqual(labels(`${HEAD}  tls:\n    |\n  listeners: []\n`), ['backend', 'frontend']);
});

test('the right document of a multi-document file', () => {
  const marked = `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\n${HEAD}  listeners:\n  - name: a\n    |\n`;
  assert.ok(labels(marked).includes('protocol'));
});

test('no completions outside Gateway documents, in comments, or in free-form maps', () => {
  assert.deepEqual(labels('apiVersion: v1\nkind: Service\nspec:\n  |\n'), []);
  assert.deepEqual(labels('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nspec:\n  |\n'), []);
  assert.deepEqual(labels('apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: Gateway\nspec:\n  |\n'), []);
  assert.deepEqual(labels('foo: bar\n|\n'), []);
  assert.deepEqual(labels(`${HEAD}  # |\n`), []);
  assert.deepEqual(labels(`${HEAD}  listeners:\n  - name: a\n    tls:\n      options:\n        |\n`), []);
});
