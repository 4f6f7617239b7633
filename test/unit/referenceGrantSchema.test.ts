import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { TEST_URI, diagnose, lineOf, onlySchemaError as only, serviceWith, underlined, withCode } from '../helpers/service';

const GRANT = `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: allow-team-a
  namespace: certs
  labels:
    owner: platform
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: Gateway
    namespace: team-a
  - group: gateway.networking.k8s.io
    kind: ListenerSet
    namespace: team-b
  to:
  - group: ""
    kind: Secret
    name: shop-tls
  - group: ""
    kind: ConfigMap
`;

describe('ReferenceGrant schema', () => {
  test('a valid grant has no schema diagnostics, in v1beta1 and v1', () => {
    assert.deepEqual(withCode(diagnose(GRANT), 'schema'), []);
    assert.deepEqual(withCode(diagnose(GRANT.replace('/v1beta1\n', '/v1\n')), 'schema'), []);
  });

  test('from without group: the first key of that from entry, saying group is required', () => {
    const text = GRANT.replace('  - group: gateway.networking.k8s.io\n    kind: Gateway\n', '  - kind: Gateway\n');
    const d = only(text);
    assert.match(d.message, /from\[0\] is missing the required field group/);
    assert.match(d.message, /The API server rejects the ReferenceGrant\./);
    assert.equal(d.range.start.line, lineOf(text, '- kind: Gateway'));
    assert.equal(underlined(text, d), 'kind');
  });

  test('group: "" written as a bare `group:` (null) is a type error on that value', () => {
    const text = GRANT.replace('  - group: ""\n    kind: Secret', '  - group:\n    kind: Secret');
    const d = only(text);
    assert.match(d.message, /^group of to entry "shop-tls" must be a string, but it is empty/);
    // An empty value has no range of its own: the key is underlined.
    assert.equal(d.range.start.line, text.split('\n').indexOf('  - group:'));
    assert.equal(underlined(text, d), 'group');
  });

  test('to without kind, from without namespace', () => {
    const noKind = GRANT.replace('    kind: ConfigMap\n', '');
    assert.match(only(noKind).message, /to\[1\] is missing the required field kind/);
    const noNamespace = GRANT.replace('    namespace: team-b\n', '');
    assert.match(only(noNamespace).message, /from\[1\] is missing the required field namespace/);
  });

  test('spec, from and to are required; from and to need at least one entry', () => {
    assert.match(only('apiVersion: gateway.networking.k8s.io/v1\nkind: ReferenceGrant\nmetadata:\n  name: g\n').message, /missing the required field spec/);
    const empty = GRANT.replace(/ {2}to:\n[\s\S]*$/, '  to: []\n');
    const d = only(empty);
    assert.match(d.message, /to must have between 1 and 16 items, not 0/);
  });

  test('patterns and lengths: an upper-case namespace, a kind with a dot, a name field in from, an empty to.name', () => {
    assert.match(only(GRANT.replace('namespace: team-a', 'namespace: Team-A')).message, /namespace must be a lower-case DNS label.*Use lower case/);
    assert.match(only(GRANT.replace('kind: Gateway', 'kind: gateway.Gateway')).message, /kind must be a kind name/);
    const named = only(GRANT.replace('    namespace: team-a\n', '    namespace: team-a\n    name: web\n'));
    assert.match(named.message, /^name is not a field of from\[0\]/);
    assert.match(only(GRANT.replace('name: shop-tls', 'name: ""')).message, /name must not be empty/);
  });

  test('more than 16 from entries: the 17th is underlined', () => {
    const entries = Array.from({ length: 17 }, (_, i) => `  - group: gateway.networking.k8s.io\n    kind: Gateway\n    namespace: ns-${i}\n`).join('');
    const text = GRANT.replace(/ {2}from:\n[\s\S]*? {2}to:\n/, `  from:\n${entries}  to:\n`);
    const d = only(text);
    assert.match(d.message, /from may have at most 16 items, not 17: this is item 17/);
    assert.equal(d.range.start.line, lineOf(text, 'namespace: ns-16') - 2);
  });

  test('hover documents grant fields from the schema, with the x-suggestions', () => {
    const service = serviceWith({ 'test.yaml': GRANT });
    const line = lineOf(GRANT, 'kind: ListenerSet');
    const hover = service.doHover(TEST_URI, { line, character: 5 });
    const md = (hover!.contents as MarkupContent).value;
    assert.match(md, /^\*\*spec\.from\[\]\.kind\*\* · `string` · required/);
    assert.match(md, /Common values: `Gateway`, `HTTPRoute`, `GRPCRoute`, `TLSRoute`, `TCPRoute`, `UDPRoute`, `ListenerSet`/);
    const group = service.doHover(TEST_URI, { line: lineOf(GRANT, 'group: ""'), character: 5 });
    assert.match((group!.contents as MarkupContent).value, /Common values: `""`, `gateway\.networking\.k8s\.io`/);
  });

  test('the Gateway schema is untouched: a Gateway is still checked against its own schema', () => {
    const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  gatewayClassName: x\n  listeners: []\n';
    assert.match(only(gateway).message, /listeners must have between 1 and 64 items, not 0/);
  });
});
