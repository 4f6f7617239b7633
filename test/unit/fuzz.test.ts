// Fuzzing the language service (fast-check, fixed seeds, bounded runs): the example manifests mutated by random
// byte-level edits, inserted YAML-ish lines and a private key pasted at random places. Properties:
// - no exception escapes any do* method, and nothing is logged (a rule that throws is logged and skipped);
// - no fragment of the private key appears in anything the service returns;
// - diagnostics after a sequence of edits (incremental re-parse, reused segments, cached findings, released
//   trees) equal those of a fresh service that opens the final texts.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Position } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageService } from '../../server/src/languageService';
import { makeCertificate, traditionalKey } from '../helpers/certs';

const ROOT = 'file:///workspace/';
const FUZZ_URI = `${ROOT}apps/fuzz.yaml`;

/** The seeds: example manifests, each the text of the fuzzed file. */
const SEEDS = [
  'examples/broken/gateway-listeners.yaml',
  'examples/broken/certificate-refs.yaml',
  'examples/broken/gateway-tls.yaml',
  'examples/broken/backend-tls.yaml',
  'examples/broken/backendtlspolicy-v1alpha2-guide.yaml',
  'examples/broken/deprecated-versions.yaml',
  'examples/cross-namespace/gateway.yaml',
  'examples/wildcard/gateway.yaml',
].map((f) => readFileSync(f, 'utf8'));

/** The rest of the workspace, unchanged: Secrets, a grant, a CA ConfigMap and Services the seeds refer to. */
const OTHERS: Record<string, string> = {
  'apps/secrets.yaml': readFileSync('examples/wildcard/secrets.yaml', 'utf8'),
  'apps/grant.yaml': readFileSync('examples/cross-namespace/referencegrant.yaml', 'utf8'),
  'apps/cross-secret.yaml': readFileSync('examples/cross-namespace/secret.yaml', 'utf8'),
  'apps/ca.yaml': readFileSync('examples/backend-tls/ca.yaml', 'utf8'),
  'apps/broken-secrets.yaml': readFileSync('examples/broken/secrets.yaml', 'utf8'),
};

const NOISE = [
  '---', '...', '  - ', ': :', '{', '[', '*a', '&a x', '? x', '\t', '"', "'", '|', '>-', '#', '!!binary AA==', '%YAML 1.2',
  'kind: Gateway', 'kind: Secret', 'kind: ReferenceGrant', 'apiVersion: gateway.networking.k8s.io/v1', 'metadata:', '  namespace: other',
  '  name: shop-cert', '  - name: https', '    protocol: HTTPS', '    port: 443', '    hostname: "*.example.com"', '    tls:',
  '      mode: Passthrough', '      certificateRefs:', '      - name: foo-example-com-cert', '        namespace: certs', '  tls: {}',
  '    mode: 42', '    certificateRefs: nope', '  - name: [1,2]', 'spec:', '  listeners:', 'data:', '  tls.crt: AAAA', '  targetRefs:',
  '  validation:', '    caCertificateRefs:', '    hostname: ""', 'type: kubernetes.io/tls', '\u0000', '\ufeff', '\r',
];
const BYTES = fc.constantFrom(...'abcz-_.:/ \n\t"\'#&*!|>{}[],?%@`\\09AZ\r\u0000é'.split(''));

type Mutation =
  | { readonly kind: 'bytes'; readonly at: number; readonly remove: number; readonly insert: string }
  | { readonly kind: 'line'; readonly at: number; readonly line: string; readonly indent: number }
  | { readonly kind: 'key'; readonly at: number; readonly form: KeyForm; readonly indent: number };
type KeyForm = 'raw' | 'block' | 'folded' | 'quoted' | 'value' | 'key' | 'base64';

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), remove: fc.nat({ max: 6 }), insert: fc.string({ unit: BYTES, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('line' as const), at: fc.nat(), line: fc.constantFrom(...NOISE), indent: fc.nat({ max: 6 }) }),
);
const keyPaste: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constant('key' as const),
  at: fc.nat(),
  form: fc.constantFrom<KeyForm>('raw', 'block', 'folded', 'quoted', 'value', 'key', 'base64'),
  indent: fc.nat({ max: 8 }),
});

let keyPems: string[] = [];
before(async () => {
  const { keyPem } = await makeCertificate({ cn: 'fuzz.example.com' });
  keyPems = [keyPem, traditionalKey(keyPem)];
});

/** The key pasted in one of the ways people do it: raw text, a block scalar, a quoted or plain value, a map key. */
function pasted(form: KeyForm, indent: number, pem: string): string {
  const pad = ' '.repeat(indent);
  const lines = pem.trimEnd().split('\n');
  switch (form) {
    case 'raw':
      return pem;
    case 'block':
      return `${pad}hostname: |\n${lines.map((l) => `${pad}  ${l}`).join('\n')}\n`;
    case 'folded':
      return `${pad}namespace: >\n${lines.map((l) => `${pad}  ${l}`).join('\n')}\n`;
    case 'quoted':
      return `${pad}name: ${JSON.stringify(pem)}\n`;
    case 'value':
      return `${pad}hostname: ${lines.join(' ')}\n`;
    case 'key':
      return `${pad}${JSON.stringify(lines.join(' '))}: x\n`;
    case 'base64':
      return `${pad}tls.key: ${Buffer.from(pem).toString('base64')}\n`;
  }
}

function apply(text: string, m: Mutation, pem: string): string {
  const at = m.at % (text.length + 1);
  if (m.kind === 'bytes') return text.slice(0, at) + m.insert + text.slice(at + m.remove);
  if (m.kind === 'key' && m.form === 'raw') return text.slice(0, at) + pem + text.slice(at);
  // Whole lines go in at a line start.
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const insert = m.kind === 'line' ? `${' '.repeat(m.indent)}${m.line}\n` : pasted(m.form, m.indent, pem);
  return text.slice(0, lineStart) + insert + text.slice(lineStart);
}

function newService(logged: string[]): LanguageService {
  const service = getLanguageService({ roots: ['/workspace'], log: (message) => logged.push(message) });
  for (const [file, text] of Object.entries(OTHERS)) service.setDocument(ROOT + file, text);
  return service;
}

/** A handful of positions over the text: its first, middle and last lines, and lines holding the key. */
function positions(text: string): Position[] {
  const lines = text.split('\n');
  const picked = new Set([0, 1, Math.floor(lines.length / 3), Math.floor(lines.length / 2), lines.length - 2, lines.length - 1]);
  lines.forEach((l, i) => {
    if (/PRIVATE KEY|hostname|namespace|name:/.test(l) && picked.size < 24) picked.add(i);
  });
  return [...picked].filter((l) => l >= 0).flatMap((line) => [0, 4, 8, 14, Math.max(0, (lines[line]?.length ?? 1) - 1)].map((character) => ({ line, character })));
}

/** Every do* method over the file; returns everything they returned. */
function exercise(service: LanguageService, uri: string, text: string): unknown[] {
  const out: unknown[] = [];
  const diagnostics = service.doValidation(uri);
  out.push(diagnostics, service.doValidation(uri, { crossFile: false }));
  for (const position of positions(text)) {
    out.push(service.doHover(uri, position), service.doComplete(uri, position), service.doDefinition(uri, position), service.doReferences(uri, position));
  }
  const end = { line: text.split('\n').length, character: 0 };
  out.push(service.doCodeActions(uri, { start: { line: 0, character: 0 }, end }, diagnostics));
  for (const d of diagnostics.slice(0, 12)) out.push(service.doCodeActions(uri, d.range, [d]));
  out.push(service.doCodeLens(uri));
  for (const query of ['', 'https', 'MII', 'gw']) out.push(service.doWorkspaceSymbols(query));
  for (const file of Object.keys(OTHERS)) out.push(service.doValidation(ROOT + file), service.doCodeLens(ROOT + file));
  return out;
}

function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, into);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) strings(v, into);
  return into;
}

/** Every 16-character slice of each key's base64 body and of the base64 of each whole PEM. */
function keySlices(): string[] {
  const out = new Set<string>();
  for (const pem of keyPems) {
    const body = pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----')).join('');
    for (const text of [body, Buffer.from(pem).toString('base64')]) for (let i = 0; i + 16 <= text.length; i++) out.add(text.slice(i, i + 16));
  }
  return [...out];
}

describe('fuzz: the language service over mutated manifests', { timeout: 120_000 }, () => {
  test('no exception escapes a do* method, nothing is logged, and no fragment of a pasted key comes back', () => {
    const slices = keySlices();
    fc.assert(
      fc.property(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(mutation, { maxLength: 4 }),
        fc.array(keyPaste, { minLength: 1, maxLength: 2 }),
        fc.nat({ max: 1 }),
        (seed, mutations, pastes, which) => {
          const pem = keyPems[which]!;
          // The key goes in last, whole: a byte edit inside it would make it no longer a key.
          const text = [...mutations, ...pastes].reduce((t, m) => apply(t, m, pem), SEEDS[seed]!);
          const logged: string[] = [];
          const service = newService(logged);
          service.setDocument(FUZZ_URI, text);
          const output = strings(exercise(service, FUZZ_URI, text)).join('\u0000');
          for (const slice of slices) assert.ok(!output.includes(slice), `key fragment ${slice} in the output`);
          assert.ok(!/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/.test(output), 'a PEM private key header in the output');
          assert.deepEqual(logged, []);
        },
      ),
      { numRuns: 40, seed: 20261202, endOnFailure: true },
    );
  });

  test('diagnostics after a sequence of edits equal those of a fresh service opening the final text', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(fc.oneof({ weight: 4, arbitrary: mutation }, { weight: 1, arbitrary: keyPaste }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (seed, mutations, release) => {
          const logged: string[] = [];
          const edited = newService(logged);
          let text = SEEDS[seed]!;
          edited.setDocument(FUZZ_URI, text);
          edited.doValidation(FUZZ_URI);
          mutations.forEach((m, i) => {
            text = apply(text, m, keyPems[0]!);
            edited.setDocument(FUZZ_URI, text);
            // Validating (or not) between edits, and released trees, must not change where it ends up.
            if (i % 2 === 0) edited.doValidation(FUZZ_URI, { crossFile: i % 4 === 0 });
            if (release[i]) edited.releaseDocument(FUZZ_URI);
            if (i % 3 === 1) edited.doHover(FUZZ_URI, { line: i, character: 4 });
          });
          const fresh = newService(logged);
          fresh.setDocument(FUZZ_URI, text);
          for (const uri of [FUZZ_URI, ...Object.keys(OTHERS).map((f) => ROOT + f)]) {
            assert.deepEqual(edited.doValidation(uri), fresh.doValidation(uri), `diagnostics of ${uri} after ${JSON.stringify(mutations).slice(0, 300)}`);
          }
          assert.deepEqual(logged, []);
        },
      ),
      { numRuns: 60, seed: 4242, endOnFailure: true },
    );
  });
});
