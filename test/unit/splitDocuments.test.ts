import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { splitDocuments } from '../../server/src/parser/splitDocuments';
import { parseYamlFile } from '../../server/src/parser/yamlFile';

test('splits at --- lines and keeps offsets', () => {
  const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n';
  const segments = splitDocuments(text);
  assert.deepEqual(segments.map((s) => s.text), ['a: 1\n', '---\nb: 2\n', '--- # c\nc: 3\n']);
  for (const s of segments) assert.equal(text.slice(s.offset, s.offset + s.text.length), s.text);
});

test('does not split at ---- or indented ---', () => {
  assert.equal(splitDocuments('a: |\n  ---\n----\n').length, 1);
});

test('re-parsing reuses unchanged documents', () => {
  const first = parseYamlFile('a: 1\n---\nb: 2\n---\nc: 3\n');
  const second = parseYamlFile('a: 1\n---\nb: 22\n---\nc: 3\n', first);
  assert.equal(second.segments[0]!.parse, first.segments[0]!.parse);
  assert.notEqual(second.segments[1]!.parse, first.segments[1]!.parse);
  assert.equal(second.segments[2]!.parse, first.segments[2]!.parse);
  assert.equal(second.segments[2]!.offset, first.segments[2]!.offset + 1);
});

test('two identical documents stay two documents after an edit elsewhere', () => {
  const doc = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n';
  const first = parseYamlFile(`x: 1\n---\n${doc}---\n${doc}`);
  const second = parseYamlFile(`x: 2\n---\n${doc}---\n${doc}`, first);
  assert.equal(second.segments[1]!.parse, first.segments[1]!.parse);
  assert.equal(second.segments[2]!.parse, first.segments[2]!.parse);
  assert.notEqual(second.segments[1]!.parse, second.segments[2]!.parse);
});
