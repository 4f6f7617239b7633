// `npm run bench`: performance figures for the README (a benchmark, not a test: it never fails on a missed target,
// it reports it). Needs a build (`npm run bench` builds first).
//
//   node bench/run.mjs [--runs 5] [--edits 30] [--gateways 1200] [--rss-files 5000] [--profile] [--only a,b,c]
//
// (a) CLI wall time over a synthetic workspace vs. a bare read + `yaml` parseAllDocuments of the same files
// (b) didChange → publishDiagnostics latency for one-character edits in a 2,000-document file, over stdio
// (c) the server's peak RSS (VmHWM) after indexing a workspace of --rss-files manifest files
// --profile also records CPU profiles (node --cpu-prof) of one CLI run and of the server during (b), and prints
// where the time goes, by source module and function.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BIG_FILE, generate, middleGatewayPort, WORK } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const RUNS = Number(flag('runs', 5));
const EDITS = Number(flag('edits', 30));
const GATEWAYS = Number(flag('gateways', 1200));
const RSS_FILES = Number(flag('rss-files', 5000));
const PROFILE = args.includes('--profile');
const ONLY = new Set(flag('only', 'a,b,c').split(','));
const TARGETS = { ratio: 1.5, latency: 50, rss: 250 };

for (const bundle of ['server.js', 'cli.js']) {
  if (!existsSync(path.join(root, 'dist', bundle))) {
    console.error(`dist/${bundle} is missing: run \`npm run build\` (or \`npm run bench\`, which builds first)`);
    process.exit(2);
  }
}
// Benchmark a snapshot of the bundles, so a rebuild during the run cannot mix versions (or break profile mapping).
const snapshot = path.join(WORK, 'dist');
rmSync(snapshot, { recursive: true, force: true });
mkdirSync(snapshot, { recursive: true });
for (const bundle of ['server.js', 'server.js.map', 'cli.js', 'cli.js.map']) {
  if (existsSync(path.join(root, 'dist', bundle))) copyFileSync(path.join(root, 'dist', bundle), path.join(snapshot, bundle));
}
const server = path.join(snapshot, 'server.js');
const cli = path.join(snapshot, 'cli.js');

// The LSP client of the tests, bundled for this script.
const clientBundle = path.join(WORK, 'lsp-client.cjs');
mkdirSync(WORK, { recursive: true });
await build({ entryPoints: [path.join(root, 'test', 'lsp', 'client.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: clientBundle, logLevel: 'warning' });
const { LspClient, fileUri } = createRequire(import.meta.url)(clientBundle);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const log = (...m) => console.error('[bench]', ...m);

const CPU_PRELOAD = path.join(here, 'cpu-usage.cjs');

/** Runs a node process with stdout to /dev/null; resolves with its wall time in ms (and `.cpu`, its CPU time). */
async function timeNode(nodeArgs, cwd = root) {
  const { wall, cpu } = await timeNodeDetailed(['-r', CPU_PRELOAD, ...nodeArgs], cwd);
  return Object.assign(new Number(wall), { cpu });
}

function timeNodeDetailed(nodeArgs, cwd) {
  return new Promise((resolve, reject) => {
    const devnull = openSync('/dev/null', 'w');
    const started = now();
    const child = spawn(process.execPath, nodeArgs, { cwd, stdio: ['ignore', devnull, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const elapsed = now() - started;
      closeSync(devnull);
      const cpu = Number(/@@bench-cpu ([\d.]+)/.exec(stderr)?.[1] ?? NaN);
      if (code !== 0 && code !== 1) reject(new Error(`node ${nodeArgs.join(' ')} exited with ${code}: ${stderr}`));
      else resolve({ wall: elapsed, cpu });
    });
  });
}

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    node: process.version,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

function readStatus(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { hwmMB: kb('VmHWM') / 1024, rssMB: kb('VmRSS') / 1024 };
}

// ---- profiles ----------------------------------------------------------------------------------------------

/** Maps a line of an esbuild bundle to the source module it came from (esbuild writes `// path` before each). */
function bundleModules(bundlePath) {
  const marks = [];
  readFileSync(bundlePath, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const m = /^\/\/ ((?:server|client|test|node_modules)\/\S+)$/.exec(line);
      if (m) marks.push([i, m[1]]);
    });
  return (line) => {
    let lo = 0;
    let hi = marks.length - 1;
    let found = '(bundle prelude)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid][0] <= line) {
        found = marks[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** Self time by source module and by function, from a .cpuprofile of a bundle. */
function summarizeProfile(file, bundlePath, top = 15, window = undefined) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const moduleOf = bundleModules(bundlePath);
  const bundleUrl = pathToFileURL(bundlePath).href;
  const self = new Map(profile.nodes.map((n) => [n.id, 0]));
  // Sample timestamps are CLOCK_MONOTONIC µs, like process.hrtime in any process: a window in hrtime ms selects
  // the samples taken during one phase (e.g. only the edits).
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (window && (t / 1000 < window[0] || t / 1000 > window[1])) continue;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta / 1000);
  }
  const byModule = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    total += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url === bundleUrl || url === bundlePath ? moduleOf(lineNumber) : url ? path.basename(url) : `(${functionName || 'native'})`;
    const fn = `${functionName || '(anonymous)'} — ${where}${url === bundleUrl || url === bundlePath ? `:${lineNumber + 1}` : ''}`;
    byModule.set(where, (byModule.get(where) ?? 0) + ms);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const rows = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${v.toFixed(0).padStart(6)} ms  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  const span = window ? `, only the ${(window[1] - window[0]).toFixed(0)} ms window of the edits` : '';
  return `profile ${path.relative(root, file)} (${total.toFixed(0)} ms sampled${span})\n self time by module:\n${rows(byModule)}\n self time by function:\n${rows(byFunction)}`;
}

function newestProfile(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

// ---- the benchmarks ----------------------------------------------------------------------------------------

async function benchCli(ws) {
  log(`(a) CLI vs. parse baseline, ${RUNS} runs each, interleaved`);
  const cliTimes = [];
  const parseTimes = [];
  const toJsTimes = [];
  const rel = path.relative(root, ws);
  await timeNode([cli, 'check', rel, '--format', 'json']); // warm the page cache
  for (let i = 0; i < RUNS; i++) {
    cliTimes.push(await timeNode([cli, 'check', rel, '--format', 'json']));
    parseTimes.push(await timeNode([path.join(here, 'parse-baseline.mjs'), rel]));
    toJsTimes.push(await timeNode([path.join(here, 'parse-baseline.mjs'), rel, '--tojs']));
  }
  const cpu = (xs) => median(xs.map((x) => x.cpu));
  const result = {
    cli: median(cliTimes.map(Number)),
    parse: median(parseTimes.map(Number)),
    parseToJs: median(toJsTimes.map(Number)),
    cliCpu: cpu(cliTimes),
    parseCpu: cpu(parseTimes),
    cliTimes,
    parseTimes,
    minRatio: Math.min(...cliTimes) / Math.min(...parseTimes),
  };
  result.cpuRatio = result.cliCpu / result.parseCpu;
  result.ratio = result.cli / result.parse;
  log(`    CLI ${cliTimes.map((t) => `${fmt(+t)} (cpu ${fmt(t.cpu)})`).join(', ')}`);
  log(`    parse ${parseTimes.map((t) => `${fmt(+t)} (cpu ${fmt(t.cpu)})`).join(', ')}`);
  if (PROFILE) {
    const dir = path.join(WORK, 'profiles', 'cli');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await timeNode(['--cpu-prof', '--cpu-prof-dir', dir, cli, 'check', rel, '--format', 'json']);
    result.profile = summarizeProfile(newestProfile(dir), cli);
  }
  return result;
}

async function benchLatency(ws) {
  log(`(b) didChange → publishDiagnostics, ${EDITS} one-character edits in ${BIG_FILE}`);
  const profileDir = path.join(WORK, 'profiles', 'server');
  if (PROFILE) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const client = await LspClient.start({
    server,
    workspaceFolder: ws,
    settings: { gatewayTls: {} },
    timeout: 60_000,
    nodeArgs: PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
  });
  try {
    await client.waitForProgressEnd('Gateway TLS', 120_000);
    await client.waitFor('the scan to finish', () => client.logMessages.some((m) => /^indexed \d+ YAML files/.test(m)), 120_000);
    const file = path.join(ws, BIG_FILE);
    const uri = fileUri(file);
    let text = readFileSync(file, 'utf8');
    const openedAt = now();
    await client.open(uri, text);
    const first = await client.waitForDiagnostics(uri, () => true, { timeout: 60_000 });
    const openMs = first.receivedAt - openedAt;
    const at = middleGatewayPort(text);
    const latencies = [];
    const counts = new Set();
    const editsStarted = now();
    for (let i = 0; i < EDITS; i++) {
      const digit = text[at.index] === '3' ? '4' : '3'; // port 8443 ↔ 8444: one character, always valid
      const before = client.diagnostics.length;
      const sent = now();
      await client.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: digit }]);
      const got = await client.waitForDiagnostics(uri, () => true, { after: before, timeout: 30_000 });
      latencies.push(got.receivedAt - sent);
      counts.add(got.diagnostics.length);
      text = text.slice(0, at.index) + digit + text.slice(at.index + 1);
    }
    const editsEnded = now();
    const stats = readStatus(client.process.pid);
    await client.shutdown(30_000);
    const result = {
      openMs,
      median: median(latencies),
      p95: percentile(latencies, 95),
      max: Math.max(...latencies),
      latencies,
      diagnosticsInBigFile: [...counts].join('/'),
      firstDiagnostics: first.diagnostics.length,
      hwmMB: stats.hwmMB,
    };
    if (PROFILE) {
      const prof = newestProfile(profileDir);
      result.profile = prof ? summarizeProfile(prof, server, 20, [editsStarted, editsEnded]) : 'no server profile was written';
    }
    return result;
  } finally {
    client.kill();
  }
}

async function benchRss(ws, scope) {
  log(`(c) server peak RSS after indexing ${ws} (diagnostics scope ${scope})`);
  const started = now();
  const client = await LspClient.start({
    server,
    workspaceFolder: ws,
    settings: { gatewayTls: scope === 'workspace' ? { diagnostics: { scope: 'workspace' } } : {} },
    timeout: 300_000,
  });
  try {
    await client.waitForProgressEnd('Gateway TLS', 300_000);
    await client.waitFor('the scan to finish', () => client.logMessages.some((m) => /^indexed \d+ YAML files/.test(m)), 300_000);
    const indexLine = client.logMessages.find((m) => /^indexed \d+ YAML files/.test(m));
    if (scope === 'workspace') {
      // revalidateAll publishes every file after the scan; a request round trip marks the end of that burst.
      await client.hover(fileUri(path.join(ws, 'shared', 'grants.yaml')), { line: 0, character: 0 });
    }
    const readyMs = now() - started;
    const stats = readStatus(client.process.pid);
    const published = new Set(client.diagnostics.map((d) => d.uri)).size;
    await client.shutdown(30_000);
    return { ...stats, indexLine, readyMs, published };
  } finally {
    client.kill();
  }
}

// ---- main --------------------------------------------------------------------------------------------------

const m = machine();
log(`machine: ${m.cores} cores (${m.cpu}), ${m.memory}, node ${m.node}, ${m.os}, load ${m.load}`);
const ws = path.join(WORK, 'ws');
const wsBig = path.join(WORK, `ws-${RSS_FILES}`);
const genA = generate({ out: ws, gateways: GATEWAYS, bigDocs: 2000 });
log(`generated ${genA.files} files, ${genA.documents} documents, ${(genA.bytes / 2 ** 20).toFixed(1)} MiB in ${path.relative(root, ws)} (real certificate: ${genA.realCertificate})`);
let genC;
if (ONLY.has('c')) {
  genC = generate({ out: wsBig, gateways: RSS_FILES, bigDocs: 0 });
  log(`generated ${genC.files} files, ${genC.documents} documents, ${(genC.bytes / 2 ** 20).toFixed(1)} MiB in ${path.relative(root, wsBig)}`);
}

const a = ONLY.has('a') ? await benchCli(ws) : undefined;
const b = ONLY.has('b') ? await benchLatency(ws) : undefined;
const c = ONLY.has('c') ? await benchRss(wsBig, 'openFiles') : undefined;
const cw = ONLY.has('c') ? await benchRss(wsBig, 'workspace') : undefined;

const verdict = (ok) => (ok ? '✅' : '❌');
const lines = [
  `### Performance (\`npm run bench\`)`,
  '',
  `Machine: ${m.cores} cores (${m.cpu}), ${m.memory} RAM, Node ${m.node}, ${m.os}; load average at start ${m.load}.`,
  `Workspace: ${genA.files} files / ${genA.documents} documents / ${(genA.bytes / 2 ** 20).toFixed(1)} MiB (${GATEWAYS} Gateway files with their Secrets, ` +
    `two kustomizations, ReferenceGrants, one file of 2,000 documents; ${genA.broken} Gateways deliberately broken).`,
  '',
  '| measurement | result | target |',
  '|---|---|---|',
];
if (a) {
  lines.push(`| (a) CLI \`check --format json\`, whole workspace (median of ${RUNS}) | ${fmt(a.cli)} wall, ${fmt(a.cliCpu)} CPU | |`);
  lines.push(`| (a) bare read + \`yaml\` \`parseAllDocuments\`, same files, fresh process (median of ${RUNS}) | ${fmt(a.parse)} wall, ${fmt(a.parseCpu)} CPU | |`);
  lines.push(`| (a) CLI / bare parse | **${a.ratio.toFixed(2)}×** (best / best: ${a.minRatio.toFixed(2)}×; CPU time: ${a.cpuRatio.toFixed(2)}×) | ≤ ${TARGETS.ratio}× ${verdict(a.ratio <= TARGETS.ratio)} |`);
  lines.push(`| (a) for reference: read + parse + \`toJS\` | ${fmt(a.parseToJs)} (CLI / that: ${(a.cli / a.parseToJs).toFixed(2)}×) | |`);
}
if (b) {
  lines.push(`| (b) didChange → publishDiagnostics, 1-char edit in the 2,000-document file, median of ${EDITS} | **${fmt(b.median)}** | < ${TARGETS.latency} ms ${verdict(b.median < TARGETS.latency)} |`);
  lines.push(`| (b) same, p95 / max | ${fmt(b.p95)} / ${fmt(b.max)} | |`);
  lines.push(`| (b) didOpen of that file → first diagnostics | ${fmt(b.openMs)} | |`);
}
if (c) {
  lines.push(`| (c) server peak RSS (VmHWM) after indexing ${genC.files} files / ${genC.documents} documents (${(genC.bytes / 2 ** 20).toFixed(0)} MiB) | **${c.hwmMB.toFixed(0)} MB** (VmRSS when idle after indexing: ${c.rssMB.toFixed(0)} MB) | < ${TARGETS.rss} MB ${verdict(c.hwmMB < TARGETS.rss)} |`);
  lines.push(`| (c) same workspace: time from spawn to indexed (${c.indexLine}) | ${fmt(c.readyMs)} | |`);
}
if (cw) {
  lines.push(`| (c) same, with \`diagnostics.scope: workspace\` (every file published: ${cw.published} URIs) | ${cw.hwmMB.toFixed(0)} MB, ready in ${fmt(cw.readyMs)} | |`);
}
console.log(lines.join('\n'));
if (b) console.log(`\n(b) all latencies (ms): ${b.latencies.map((x) => x.toFixed(1)).join(' ')}; diagnostics in the file: ${b.diagnosticsInBigFile}`);
if (a?.profile) console.log(`\n(a) ${a.profile}`);
if (b?.profile) console.log(`\n(b) ${b.profile}`);
