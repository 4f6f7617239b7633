// Hostile input (issue 9): inputs crafted or generated to make the parser slow, hungry or wrong must cost time
// and memory in proportion to their size and end in a clear `yaml-syntax` diagnostic, never a hang.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseSegment } from '../../server/src/parser/parseSegment';
import { locate } from '../../server/src/parser/locate';

const elapsed = <T>(f: () => T): [T, number] => {
  const start = performance.now();
  const result = f();
  return [result, performance.now() - start];
};

test('D2: a 40,000-key map parses in linear time (under 2 s)', () => {
  const text = 'apiVersion: v1\nkind: Gateway\nspec:\n' + Array.from({ length: 40_000 }, (_, i) => `  k${i}: ${i}\n`).join('');
  const [parsed, ms] = elapsed(() => parseSegment(text));
  assert.ok(ms < 2000, `${ms} ms`);
  const document = parsed.documents[0]!;
  assert.deepEqual(document.problems, []);
  assert.equal((document.value as { spec: Record<string, number> }).spec.k39999, 39999);
  // Every key located (a finding per key): indexed, not a scan of the map each time.
  const [, lookups] = elapsed(() => {
    for (let i = 0; i < 40_000; i++) assert.ok(locate(document.doc, ['spec', `k${i}`], 'key')?.exact);
  });
  assert.ok(lookups < 2000, `${lookups} ms`);
  const at = locate(document.doc, ['spec', 'k123'], 'key')!.range;
  assert.equal(text.slice(at.start, at.end), 'k123');
});

test('D2: a 40,000-key map with a repeated key: one problem at the repeat, still fast', () => {
  const text = 'spec:\n' + Array.from({ length: 40_000 }, (_, i) => `  k${i}: ${i}\n`).join('') + '  k7: again\n';
  const [parsed, ms] = elapsed(() => parseSegment(text));
  assert.ok(ms < 2000, `${ms} ms`);
  const document = parsed.documents[0]!;
  assert.equal(document.problems.length, 1);
  const problem = document.problems[0]!;
  assert.equal(problem.message, 'Map keys must be unique');
  assert.equal(text.slice(problem.start, problem.end + 1), 'k7');
  assert.equal(problem.start, text.lastIndexOf('k7: again'));
  assert.equal(document.value, undefined);
});

test('D2: duplicate keys are found as the library found them (same message and offsets)', () => {
  const cases: [string, number[]][] = [
    ['a: 1\nb: 2\na: 3\n', [10]],
    ['a: 1\n? a\n: 2\n', [7]],
    ['{a: 1, a: 2}\n', [7]],
    ['1: x\n"1": y\n', []],
    ['? [a]\n: 1\n? [a]\n: 2\n', []],
    ['~: 1\nnull: 2\n', [5]],
    ['a: 1\na: 2\na: 3\n', [5, 10]],
    ['outer:\n  - x: 1\n    x: 2\n', [20]],
    ['.nan: 1\n.nan: 2\n', []],
    ['a: [1\nb: 1\nb: 2\n', [11]],
  ];
  for (const [text, starts] of cases) {
    const problems = parseSegment(text).documents[0]!.problems.filter((p) => p.message === 'Map keys must be unique');
    assert.deepEqual(problems.map((p) => [p.start, p.end]), starts.map((s) => [s, s + 1]), JSON.stringify(text));
  }
});
