// The pre-scan never drops a document that matters: pre-scan + parse finds every object of a relevant kind that
// parsing every segment finds, however the kind is spelled (flow style, quotes, escapes, anchors, block scalars,
// tags), with `---` inside block scalars, BOM and CRLF — on generated streams and on every fixture of the repo.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { RELEVANT_GROUPS, RELEVANT_KINDS } from '../../server/src/model/relevantKinds';
import { toK8sObject } from '../../server/src/model/object';
import { mayMatter } from '../../server/src/parser/prescan';
import { parseYamlFile, UNREAD_SEGMENT } from '../../server/src/parser/yamlFile';

/** Every relevant object of a stream (kind, name and value), with or without the pre-scan. */
function relevantObjects(text: string, prescan: boolean): string[] {
  const yaml = parseYamlFile(text, undefined, prescan ? { mayMatter } : {});
  return yaml.segments.flatMap((segment) =>
    segment.parse.documents.flatMap((document) => {
      const object = toK8sObject(document, 'file:///x.yaml', segment.offset);
      if (!object || !(object.kind in RELEVANT_KINDS || RELEVANT_GROUPS.includes(object.group))) return [];
      return [JSON.stringify([segment.offset, object.apiVersion, object.kind, object.name, object.value])];
    }),
  );
}

function assertNothingDropped(text: string): void {
  assert.deepEqual(relevantObjects(text, true), relevantObjects(text, false), JSON.stringify(text));
}

const RELEVANT = ['Gateway', 'Secret', 'ConfigMap', 'Service', 'ReferenceGrant', 'BackendTLSPolicy', 'Certificate', 'Namespace', 'HTTPRoute'];
const IRRELEVANT = ['Deployment', 'ServiceAccount', 'Role', 'SecretStore', 'ConfigMapList', 'HorizontalPodAutoscaler'];

/** The ways a person (or a generator) can write `kind: <k>` that a byte scan must still see through. */
const SPELLINGS: readonly ((kind: string) => string)[] = [
  (k) => `kind: ${k}`,
  (k) => `kind: "${k}"`,
  (k) => `kind: '${k}'`,
  (k) => `"kind": "${k}"`,
  (k) => `kind: !!str ${k}`,
  (k) => `kind: |-\n  ${k}`,
  (k) => `kind: >-\n  ${k}`,
  (k) => `x-kind: &k ${k}\nkind: *k`,
  (k) => `kind: "\\x${k.charCodeAt(0).toString(16)}${k.slice(1)}"`,
  (k) => `kind: "\\u00${k.charCodeAt(0).toString(16)}${k.slice(1)}"`,
  (k) => `kind: "${k.slice(0, 2)}\\\n  ${k.slice(2)}"`,
  (k) => `kind:   ${k}   # the kind`,
];

const apiVersionOf = (kind: string) =>
  ['Gateway', 'ReferenceGrant', 'BackendTLSPolicy', 'HTTPRoute'].includes(kind) ? 'gateway.networking.k8s.io/v1' : kind === 'Certificate' ? 'cert-manager.io/v1' : 'v1';

const documentArb = fc
  .record({
    kind: fc.constantFrom(...RELEVANT, ...IRRELEVANT),
    spelling: fc.nat({ max: SPELLINGS.length - 1 }),
    flow: fc.boolean(),
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
    blockWithMarker: fc.boolean(),
  })
  .map(({ kind, spelling, flow, name, blockWithMarker }) => {
    if (flow) return `{apiVersion: ${apiVersionOf(kind)}, kind: ${kind}, metadata: {name: ${name}}}\n`;
    const note = blockWithMarker ? 'data:\n  note: |\n    ---\n    not a document start, indented\n' : '';
    return `apiVersion: ${apiVersionOf(kind)}\n${SPELLINGS[spelling]!(kind)}\nmetadata:\n  name: ${name}\n${note}`;
  });

const streamArb = fc
  .record({
    documents: fc.array(documentArb, { minLength: 1, maxLength: 5 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    separator: fc.constantFrom('---\n', '--- # next\n', '...\n---\n'),
    leadingMarker: fc.boolean(),
  })
  .map(({ documents, crlf, bom, separator, leadingMarker }) => {
    const text = (leadingMarker ? '---\n' : '') + documents.join(separator);
    return (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
  });

describe('pre-scan', () => {
  test('never drops a relevant document of a generated stream', () => {
    fc.assert(fc.property(streamArb, assertNothingDropped), { numRuns: 400, seed: 8 });
  });

  test('never drops a relevant document of any fixture or example of the repository', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.ya?ml$/.test(entry.name)) files.push(full);
      }
    };
    walk('examples');
    walk('test');
    assert.ok(files.length >= 20, `found ${files.length} fixture files`);
    for (const file of files) assertNothingDropped(readFileSync(file, 'utf8'));
  });

  test('every spelling of a relevant kind is seen, and it is parsed', () => {
    for (const spell of SPELLINGS) {
      const text = `apiVersion: v1\n${spell('Secret')}\nmetadata:\n  name: s\n`;
      assert.equal(mayMatter(text), true, text);
      assert.equal(relevantObjects(text, true).length, 1, text);
    }
  });

  test('documents of other kinds are not parsed at all, and the rest of the stream still is', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  template:\n    spec:\n      serviceAccountName: web\n';
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: cert\n';
    const yaml = parseYamlFile(`${deployment}---\n${secret}`, undefined, { mayMatter });
    assert.equal(yaml.segments[0]!.parse, UNREAD_SEGMENT, 'the Deployment is never parsed');
    assert.notEqual(yaml.segments[1]!.parse, UNREAD_SEGMENT);
    assert.equal(mayMatter('on:\n  push:\njobs:\n  build:\n    steps:\n      - run: echo ${{ github.sha }}\n'), false, 'a CI workflow is not read');
  });
});
