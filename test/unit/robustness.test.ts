// Bad input never crashes anything: every feature of the service answers for arbitrary text, for valid manifests
// cut at random places, and for manifests with random lines swapped in (property tests with fast-check).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { getLanguageService } from '../../server/src/languageService';

const SEEDS = ['examples/broken/gateway-listeners.yaml', 'examples/broken/certificate-refs.yaml', 'examples/broken/backend-tls.yaml', 'examples/broken/backendtlspolicy-v1alpha2-guide.yaml'].map((f) => readFileSync(f, 'utf8'));

/** Runs every feature at a few positions; any exception fails the property. */
function exercise(text: string): void {
  // A rule or feature that throws is caught and logged by the engine: a log line fails the property too.
  const logged: string[] = [];
  const service = getLanguageService({ roots: ['/workspace'], log: (m) => logged.push(m) });
  const uri = 'file:///workspace/fuzz.yaml';
  service.setDocument(uri, text);
  service.setDocument('file:///workspace/other.yaml', SEEDS[1]!);
  const diagnostics = service.doValidation(uri);
  const lines = text.split('\n').length;
  for (const line of [0, Math.floor(lines / 2), lines - 1]) {
    for (const character of [0, 3, 12]) {
      const position = { line, character };
      service.doHover(uri, position);
      service.doComplete(uri, position);
      service.doDefinition(uri, position);
      service.doReferences(uri, position);
    }
  }
  service.doCodeActions(uri, { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } }, diagnostics);
  service.doCodeLens(uri);
  service.doWorkspaceSymbols('a');
  service.releaseDocument(uri);
  service.doValidation(uri);
  assert.deepEqual(logged, []);
}

test('arbitrary text', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => exercise(text)), { numRuns: 150, seed: 42 });
});

test('valid manifests cut at any point (what an editor sees while typing)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SEEDS), fc.nat(), (seed, cut) => exercise(seed.slice(0, cut % (seed.length + 1)))),
    { numRuns: 150, seed: 7 },
  );
});

test('manifests with lines replaced by YAML-ish noise', () => {
  const noise = fc.constantFrom('  - ', ': :', '{', '[', '*a', '&a x', '---', '...', '  tls: {}', '    mode: 42', '    certificateRefs: nope', 'kind: Gateway', '\t', '"', '? x', '!!binary AA==', '  - name: [1,2]');
  fc.assert(
    fc.property(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), noise), { maxLength: 6 }), (seed, edits) => {
      const lines = seed.split('\n');
      for (const [at, replacement] of edits) lines[at % lines.length] = replacement;
      exercise(lines.join('\n'));
    }),
    { numRuns: 150, seed: 11 },
  );
});
