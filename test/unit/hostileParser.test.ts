// Hostile input (issue 9): inputs crafted or generated to make the parser slow, hungry or wrong must cost time
// and memory in proportion to their size and end in a clear `yaml-syntax` diagnostic, never a hang.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseSegment } from '../../server/src/parser/parseSegment';
import { locate } from '../../server/src/parser/locate';
import { LineIndex } from '../../server/src/parser/lineIndex';
import { splitDocuments } from '../../server/src/parser/splitDocuments';
import { parseYamlFile } from '../../server/src/parser/yamlFile';
import { readHeader } from '../../server/src/parser/header';
import { getLanguageService } from '../../server/src/languageService';
import { DEFAULT_PARSE_LIMITS } from '../../server/src/parser/limits';
import { serviceWith } from '../helpers/service';
import { readSettings } from '../../server/src/settings';
import { classifyFile } from '../../server/src/workspace/fileKind';

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

test('D12: a lone CR breaks a line in LineIndex, as LSP counts lines', () => {
  const text = 'a: 1\rb: 2\r\nc: 3\nd: 4';
  const lines = new LineIndex(text);
  assert.equal(lines.lineCount, 4);
  assert.deepEqual(lines.positionAt(text.indexOf('b')), { line: 1, character: 0 });
  assert.deepEqual(lines.positionAt(text.indexOf('c')), { line: 2, character: 0 });
  assert.deepEqual(lines.positionAt(text.indexOf('d')), { line: 3, character: 0 });
  assert.equal(lines.offsetAt({ line: 1, character: 3 }), text.indexOf('2'));
  assert.deepEqual([0, 1, 2, 3].map((l) => lines.lineText(l)), ['a: 1', 'b: 2', 'c: 3', 'd: 4']);
});

test('D12: a CR-only file splits at --- and parses without false syntax errors', () => {
  const gateway = 'apiVersion: gateway.networking.k8s.io/v1\rkind: Gateway\rmetadata:\r  name: g\rspec:\r  gatewayClassName: x\r  listeners: []\r';
  const text = `${gateway}---\r${gateway.replace('name: g', 'name: h')}`;
  const file = parseYamlFile(text);
  assert.equal(file.segments.length, 2);
  assert.equal(file.segments[1]!.offset, gateway.length);
  for (const segment of file.segments) {
    const document = segment.parse.documents[0]!;
    assert.deepEqual(document.problems, []);
    assert.equal((document.value as { kind: string }).kind, 'Gateway');
  }
  assert.deepEqual(splitDocuments('a: 1\r\n---\r\nb: 2\r---\rc: 3').map((s) => s.text), ['a: 1\r\n', '---\r\nb: 2\r', '---\rc: 3']);
  assert.deepEqual(readHeader('apiVersion: v1\rkind: Service\rmetadata:\r  name: s\r'), { apiVersion: 'v1', kind: 'Service', name: 's', namespace: undefined });
  // A located range still points at the original text.
  const doc = file.segments[1]!.parse.documents[0]!.doc;
  const at = locate(doc, ['metadata', 'name'])!.range;
  assert.equal(text.slice(file.segments[1]!.offset + at.start, file.segments[1]!.offset + at.end), 'h');
});

test('D12: the service reports a CR-only Gateway at the right lines', () => {
  const service = getLanguageService({ roots: ['/workspace'] });
  const uri = 'file:///workspace/cr.yaml';
  const text = 'apiVersion: gateway.networking.k8s.io/v1\rkind: Gateway\rmetadata:\r  name: g\rspec:\r  gatewayClassName: x\r  listeners:\r  - name: https\r    port: 443\r    protocol: HTTPS\r';
  service.setDocument(uri, text);
  const diagnostics = service.doValidation(uri);
  assert.deepEqual(diagnostics.filter((d) => d.code === 'yaml-syntax'), []);
  const missing = diagnostics.find((d) => d.code === 'listener-tls-missing');
  assert.ok(missing, JSON.stringify(diagnostics.map((d) => d.code)));
  assert.ok(missing.range.start.line >= 7 && missing.range.start.line <= 9, JSON.stringify(missing.range));
});

test('D12: a file with a single CR at its end splits in linear time', () => {
  const text = 'a: 1\n'.repeat(400_000) + '\r';
  const [segments, ms] = elapsed(() => splitDocuments(text));
  assert.equal(segments.length, 1);
  assert.ok(ms < 1000, `${ms} ms`);
  const crOnly = 'a: 1\r'.repeat(400_000);
  const [crSegments, crMs] = elapsed(() => splitDocuments(crOnly));
  assert.equal(crSegments.length, 1);
  assert.ok(crMs < 1000, `${crMs} ms`);
});

test('D3: 500,000 `---` lines: only the first 10,000 documents are read, one problem says so, in bounded time', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\n' + '---\n'.repeat(500_000);
  const [file, ms] = elapsed(() => parseYamlFile(text));
  assert.ok(ms < 3000, `${ms} ms`);
  assert.equal(file.segments.length, DEFAULT_PARSE_LIMITS.maxDocumentsPerFile + 1);
  const last = file.segments.at(-1)!;
  assert.deepEqual(last.parse.documents, []);
  assert.deepEqual(last.parse.problems.map((p) => p.message), ['The file has more than 10000 documents; only the first 10000 are read (gatewayTls.limits.maxDocumentsPerFile).']);
  assert.equal(text.slice(last.offset + last.parse.problems[0]!.start, last.offset + last.parse.problems[0]!.end), '---');
  // The bound is an option (settings gatewayTls.limits.maxDocumentsPerFile), and a re-parse keeps it.
  const small = parseYamlFile('a: 1\n---\nb: 2\n---\nc: 3\n---\nd: 4\n', undefined, { limits: { maxDocumentsPerFile: 2 } });
  assert.deepEqual(small.segments.map((s) => s.parse.documents.length), [1, 1, 0]);
  assert.equal(small.segments[2]!.parse.text, '---\nc: 3\n---\nd: 4\n');
  const again = parseYamlFile('a: 1\n---\nb: 2\n---\nc: 3\n---\nd: 4\n', small, { limits: { maxDocumentsPerFile: 2 } });
  assert.equal(again.segments[0]!.parse, small.segments[0]!.parse);
  assert.equal(again.segments[2]!.parse.problems.length, 1);
});

test('D3: a flow sequence of 1,000,000 items is not parsed: one problem, in bounded time', () => {
  const text = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nspec:\n  x: [' + Array(1_000_000).fill('1').join(',') + ']\n';
  const [parsed, ms] = elapsed(() => parseSegment(text));
  assert.ok(ms < 2000, `${ms} ms`);
  assert.deepEqual(parsed.documents, []);
  assert.deepEqual(parsed.problems.map((p) => p.message), ['The document has more than 200000 nodes (keys, values and items); it is not read (gatewayTls.limits.maxNodesPerDocument).']);
  // Under the bound, a long document is parsed as before.
  const long = 'k: [' + Array(150_000).fill('1').join(',') + ']\n';
  assert.equal((parseSegment(long).documents[0]!.value as { k: number[] }).k.length, 150_000);
  assert.equal(parseSegment(long, 1000).documents.length, 0);
});

test('D3: the limits are settings (gatewayTls.limits.*)', () => {
  const service = getLanguageService({ roots: ['/workspace'], settings: { limits: { maxDocumentsPerFile: 3, maxNodesPerDocument: 50 } } });
  assert.deepEqual(service.settings.limits, { maxDocumentsPerFile: 3, maxNodesPerDocument: 50 });
  assert.deepEqual(readSettings({}).limits, DEFAULT_PARSE_LIMITS);
  assert.deepEqual(readSettings({ limits: { maxDocumentsPerFile: -1, maxNodesPerDocument: 'x' } }).limits, DEFAULT_PARSE_LIMITS);
});

test('D3: the service reports both bounds as yaml-syntax diagnostics, in bounded time', () => {
  const service = getLanguageService({ roots: ['/workspace'] });
  const uri = 'file:///workspace/many.yaml';
  const text = 'apiVersion: v1\nkind: Gateway\n' + '---\n'.repeat(200_000);
  const [diagnostics, ms] = elapsed(() => {
    service.setDocument(uri, text);
    return service.doValidation(uri);
  });
  assert.ok(ms < 3000, `${ms} ms`);
  const syntax = diagnostics.filter((d) => d.code === 'yaml-syntax');
  assert.equal(syntax.length, 1, JSON.stringify(syntax));
  assert.match(String(syntax[0]!.message), /more than 10000 documents/);
  assert.equal(syntax[0]!.range.start.line, 10_001);

  const flow = 'file:///workspace/flow.yaml';
  const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  x: [' + Array(1_000_000).fill('1').join(',') + ']\n';
  const [flowDiagnostics, flowMs] = elapsed(() => {
    service.setDocument(flow, gateway);
    return service.doValidation(flow);
  });
  assert.ok(flowMs < 3000, `${flowMs} ms`);
  assert.deepEqual(flowDiagnostics.map((d) => [d.code, d.range.start.line]), [['yaml-syntax', 0]]);
  assert.match(String(flowDiagnostics[0]!.message), /more than 200000 nodes/);
});

test('nesting that exhausts the stack is reported in words, once', () => {
  for (const text of ['a: ' + '['.repeat(20_000) + ']'.repeat(20_000), '- '.repeat(20_000) + 'x', 'a: ' + '{a: '.repeat(20_000) + '1' + '}'.repeat(20_000)]) {
    const problems = parseSegment(text).documents.flatMap((d) => d.problems);
    assert.ok(problems.length >= 1);
    assert.ok(problems.every((p) => !/call stack/i.test(p.message)), JSON.stringify(problems.slice(0, 3)));
    assert.equal(problems.filter((p) => p.message === 'The document nests deeper than 200 levels; it is not read as a Kubernetes manifest.').length, 1);
  }
});

const MERGED_GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: g
spec:
  gatewayClassName: x
  listeners:
  - &https
    name: a
    port: 443
    protocol: HTTPS
    hostname: a.example.com
    tls:
      certificateRefs:
      - name: cert
  - <<: *https
    name: b
    hostname: b.example.com
  - <<: [{port: 8080}, *https]
    name: c
    protocol: HTTP
`;

test('D6: merge keys (`<<: *base`) are resolved as kubectl does: no schema errors, inherited fields read', () => {
  const document = parseSegment(MERGED_GATEWAY).documents[0]!;
  assert.deepEqual(document.problems, []);
  const listeners = (document.value as { spec: { listeners: Record<string, unknown>[] } }).spec.listeners;
  assert.deepEqual(listeners.map((l) => [l.name, l.port, l.protocol, l.hostname]), [
    ['a', 443, 'HTTPS', 'a.example.com'],
    ['b', 443, 'HTTPS', 'b.example.com'],
    ['c', 8080, 'HTTP', 'a.example.com'],
  ]);
  const service = getLanguageService({ roots: ['/workspace'] });
  service.setDocument('file:///workspace/g.yaml', MERGED_GATEWAY);
  const diagnostics = service.doValidation('file:///workspace/g.yaml');
  assert.deepEqual(diagnostics.filter((d) => d.code === 'schema' || d.code === 'yaml-syntax'), []);
  assert.ok(!diagnostics.some((d) => /<<|missing port|port and protocol/.test(String(d.message))), JSON.stringify(diagnostics.map((d) => d.message)));
});

test('D6: a finding about an inherited key lands on the `<<` entry that brings it in', () => {
  const document = parseSegment(MERGED_GATEWAY).documents[0]!;
  const text = MERGED_GATEWAY;
  const slice = (r: { start: number; end: number } | undefined) => (r ? text.slice(r.start, r.end) : undefined);
  const secondMerge = text.indexOf('<<: *https');
  // Inherited: the `<<` key, or its value (the alias), exact since the path resolves through the merge.
  const inherited = locate(document.doc, ['spec', 'listeners', 1, 'tls', 'certificateRefs', 0, 'name'])!;
  assert.equal(inherited.exact, true);
  assert.equal(inherited.range.start, secondMerge + 4);
  assert.equal(slice(inherited.range), '*https');
  const key = locate(document.doc, ['spec', 'listeners', 1, 'port'], 'key')!;
  assert.equal(key.range.start, secondMerge);
  assert.equal(slice(key.range), '<<');
  // Own keys stay where they are written; keys of the anchored listener itself too.
  assert.equal(slice(locate(document.doc, ['spec', 'listeners', 1, 'name'])!.range), 'b');
  assert.equal(locate(document.doc, ['spec', 'listeners', 0, 'port'])!.range.start, text.indexOf('443'));
  // Through a sequence of sources: the `<<` of listener c.
  const third = locate(document.doc, ['spec', 'listeners', 2, 'tls'], 'key')!;
  assert.equal(third.range.start, text.indexOf('<<: [{port'));
  // A key nothing defines is not found through the merge.
  assert.equal(locate(document.doc, ['spec', 'listeners', 1, 'nope'])!.exact, false);
  // The service's finding about listener c's inherited tls block is on c's `<<`.
  const service = getLanguageService({ roots: ['/workspace'] });
  service.setDocument('file:///workspace/g.yaml', text);
  const tlsNotAllowed = service.doValidation('file:///workspace/g.yaml').find((d) => d.code === 'listener-tls-not-allowed')!;
  assert.deepEqual(tlsNotAllowed.range.start, { line: 18, character: 4 });
});

test('D6: a merge cycle or a merge of a scalar does not hang or throw', () => {
  const cyclic = parseSegment('a: &a\n  x: 1\n  <<: *a\n');
  assert.ok(cyclic.documents.length === 1);
  locate(cyclic.documents[0]!.doc, ['a', 'y']);
  const scalar = parseSegment('a: 1\nb:\n  <<: *x\n');
  assert.ok(scalar.documents[0]!.problems.length > 0);
  const notMap = parseSegment('a: &s 1\nb:\n  <<: *s\n');
  assert.ok(notMap.documents[0]!.problems.length > 0);
  assert.equal(locate(notMap.documents[0]!.doc, ['b', 'y'])!.exact, false);
});

test('UTF-16 files are skipped with a detail that says so (files arrive decoded as UTF-8)', () => {
  const options = { maxFileSize: 1 << 20, exclude: [], isChartDirectory: () => false, roots: ['/w'] };
  const utf16 = (text: string, bom: boolean, bigEndian = false) => {
    const body = Buffer.from(text, 'utf16le');
    if (bigEndian) body.swap16();
    return Buffer.concat([bom ? Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : Buffer.alloc(0), body]).toString('utf8');
  };
  const manifest = 'apiVersion: v1\nkind: Secret\n';
  for (const text of [utf16(manifest, true), utf16(manifest, true, true), utf16(manifest, false), utf16(manifest, false, true)]) {
    assert.deepEqual(classifyFile('file:///w/a.yaml', text, options), { kind: 'skipped', reason: 'binary', detail: 'UTF-16 text; save it as UTF-8' });
  }
  assert.deepEqual(classifyFile('file:///w/b.yaml', 'PK\u0003\u0004\u0000\u0000xyzzy-binary-content-here', options), { kind: 'skipped', reason: 'binary', detail: 'the file holds NUL bytes' });
});

test('gatewayTls.limits.maxDocumentsPerFile reaches the parser through the language service', () => {
  const service = serviceWith({}, { limits: { maxDocumentsPerFile: 2 } });
  const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\n';
  service.setDocument('file:///workspace/many.yaml', `${gateway}---\n${gateway}---\n${gateway}`);
  const messages = service.doValidation('file:///workspace/many.yaml').map((d) => String(d.message));
  assert.ok(messages.some((m) => m.includes('more than 2 documents')), messages.join('\n'));
});
