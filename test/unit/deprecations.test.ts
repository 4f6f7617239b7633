// api-version-deprecated for TLSRoute and XListenerSet, and the quick fix that rewrites apiVersion (and kind).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { plain, serviceWith, underlined, withCode } from '../helpers/service';

const TLS_ROUTE = 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TLSRoute\nmetadata:\n  name: r\nspec:\n  hostnames: [abc.example.com]\n  rules:\n  - backendRefs:\n    - name: backend\n      port: 443\n';
const X_LISTENER_SET = 'apiVersion: gateway.networking.x-k8s.io/v1alpha1\nkind: XListenerSet\nmetadata:\n  name: ls\nspec:\n  parentRef:\n    name: gw\n  listeners: []\n';

function migrate(text: string): { before: string; after: string; title: string } {
  const uri = 'file:///workspace/r.yaml';
  const service = serviceWith({ 'r.yaml': text });
  const [diagnostic] = withCode(plain(service.doValidation(uri)), 'api-version-deprecated');
  assert.ok(diagnostic, 'deprecation reported');
  assert.equal(diagnostic.severity, 3);
  const [action, ...rest] = service.doCodeActions(uri, diagnostic.range, [diagnostic]);
  assert.equal(rest.length, 0);
  const edits = action!.edit!.changes![uri] as TextEdit[];
  const after = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), edits);
  service.setDocument(uri, after);
  assert.deepEqual(withCode(service.doValidation(uri), 'api-version-deprecated'), [], 'the fix clears it');
  return { before: underlined(text, diagnostic), after, title: action!.title };
}

test('TLSRoute v1alpha2: reported on apiVersion, migrated to v1', () => {
  const { before, after, title } = migrate(TLS_ROUTE);
  assert.equal(before, 'gateway.networking.k8s.io/v1alpha2');
  assert.equal(title, 'Migrate to TLSRoute gateway.networking.k8s.io/v1');
  assert.equal(after, TLS_ROUTE.replace('v1alpha2', 'v1'));
});

test('XListenerSet: migrated to ListenerSet in the standard group', () => {
  const { after } = migrate(X_LISTENER_SET);
  assert.match(after, /^apiVersion: gateway\.networking\.k8s\.io\/v1\nkind: ListenerSet\n/);
});

test('current versions are not reported', () => {
  const current = TLS_ROUTE.replace('v1alpha2', 'v1');
  assert.deepEqual(withCode(serviceWith({ 'r.yaml': current }).doValidation('file:///workspace/r.yaml'), 'api-version-deprecated'), []);
});
