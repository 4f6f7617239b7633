// `npm run bench`: performance figures for the README (a benchmark, not a test: it never fails on a missed target,
// it reports it). Needs a build (`npm run bench` builds first).
//
//   node bench/run.mjs [--runs 5] [--edits 30] [--gateways 1200] [--routes-per-gateway 4] [--rss-files 5000] [--profile]
//                      [--only a,b,c,d]
//   node bench/run.mjs --monorepo 1000,10000,50000 [--runs N] [--edits 30] [--timeout-ms 600000]
//   node bench/run.mjs --kustomize [--runs N]
//   (any form also takes --dist DIR: the server.js/cli.js bundles to measure, default dist/)
//
// The workspace (bench/generate.mjs) holds --gateways Gateway files with their Secrets, --routes-per-gateway routes
// for each of them (HTTPRoutes, some GRPCRoutes and TLSRoutes, a few not covered by the certificate or of the wrong
// kind), a file of 2,000 documents (Gateways and Secrets) and a routes file attached to every 10th of its Gateways.
// (a) CLI wall time over that workspace vs. a bare read + `yaml` parseAllDocuments of the same files
// (b) didChange → publishDiagnostics latency for one-character edits (a port) in the 2,000-document file, over stdio;
//     (b2) the same for a one-character edit of the listener hostname routes attach to (re-attaches them), and how
//     long until the routes' own file is re-published
// (c) the server's peak RSS (VmHWM) after indexing a workspace of --rss-files Gateway files (and their routes)
// (d) `map --format json` wall time beside `check --format json`'s over the workspace of (a), and the map's size
// --profile also records CPU profiles (node --cpu-prof) of one CLI run and of the server during (b), and prints
// where the time goes, by source module and function.
// --monorepo runs only the generated-monorepo benchmark (bench/monorepo.mjs) instead, per size: the read-only floor,
// a bare parse, the CLI (wall, peak RSS, findings by code), and the server over stdio (first and first correct
// diagnostics of an opened Gateway during indexing, index time, RSS, edit and completion latency), each figure
// beside its floor from the same run. --runs defaults to 3 there (1 above 10,000 files).
// --kustomize runs only the Kustomize benchmark (bench/kustomize.mjs) instead: 200 overlays over 20 bases next to the
// 1,000-Gateway mix, built with the real kustomize: kustomize alone (the floor), the CLI with and without builds (beside
// kustomize alone and the read floor), the server's time to the end of its builds and to the next diagnostics of an
// opened base Gateway, and whether every root was built exactly once. --runs defaults to 3 there.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BIG_FILE, generate, middleGatewayHostname, middleGatewayPort, WORK } from './generate.mjs';
import { mainKustomize } from './kustomize.mjs';
import { deploymentReplicasPosition, edgeGatewayPositions, generateMonorepo, MONOREPO_DEPLOYMENT, MONOREPO_GATEWAY, monorepoDir } from './monorepo.mjs';

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
const ROUTES_PER_GATEWAY = Number(flag('routes-per-gateway', 4));
const RSS_FILES = Number(flag('rss-files', 5000));
const PROFILE = args.includes('--profile');
const ONLY = new Set(flag('only', 'a,b,c,d').split(','));
// latency: the README's target for (b); latencyRoutes: issue 12's, for the same edit with routes in the workspace.
const TARGETS = { ratio: 1.5, latency: 20, latencyRoutes: 50, rss: 250 };
const MONOREPO = flag('monorepo', undefined)?.split(',').map((n) => Number(n.replace(/[_k]/g, (c) => (c === 'k' ? '000' : ''))));
const MONO_TIMEOUT = Number(flag('timeout-ms', 600_000));
const KUSTOMIZE = args.includes('--kustomize');
if (MONOREPO?.some((n) => !Number.isInteger(n) || n < 200)) {
  console.error(`--monorepo takes sizes of at least 200 files, comma-separated (e.g. 1000,10000,50000), not "${flag('monorepo')}"`);
  process.exit(2);
}

// --dist DIR benchmarks the bundles of another build (e.g. an older commit's), default this repository's dist/.
const DIST = path.resolve(flag('dist', path.join(root, 'dist')));
for (const bundle of ['server.js', 'cli.js']) {
  if (!existsSync(path.join(DIST, bundle))) {
    console.error(`${path.relative(root, DIST) || '.'}/${bundle} is missing: run \`npm run build\` (or \`npm run bench\`, which builds first)`);
    process.exit(2);
  }
}
// Benchmark a snapshot of the bundles, so a rebuild during the run cannot mix versions (or break profile mapping).
const snapshot = path.join(WORK, 'dist');
rmSync(snapshot, { recursive: true, force: true });
mkdirSync(snapshot, { recursive: true });
for (const bundle of ['server.js', 'server.js.map', 'cli.js', 'cli.js.map']) {
  if (existsSync(path.join(DIST, bundle))) copyFileSync(path.join(DIST, bundle), path.join(snapshot, bundle));
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
    const b2 = await hostnameEdits(client, ws, uri, text);
    const stats = readStatus(client.process.pid);
    await client.shutdown(30_000);
    const result = {
      b2,
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
      result.b2.profile = prof ? summarizeProfile(prof, server, 20, result.b2.window) : 'no server profile was written';
    }
    return result;
  } finally {
    client.kill();
  }
}

/**
 * (b2): one-character edits of the https listener hostname of the middle Gateway in the big file (gw-… ↔ hw-…),
 * which routes in big/routes.yaml attach to; that file is opened first, so that its re-publish can be timed. After
 * each edit's publish for the big file, waits (up to 1 s) for the routes file's, then goes on.
 */
async function hostnameEdits(client, ws, uri, text) {
  log(`(b2) ${EDITS} one-character edits of a listener hostname that routes attach to`);
  const routesFile = path.join(ws, 'big', 'routes.yaml');
  const routesUri = fileUri(routesFile);
  const openBefore = client.diagnostics.length;
  await client.open(routesUri, readFileSync(routesFile, 'utf8'));
  await client.waitForDiagnostics(routesUri, () => true, { after: openBefore, timeout: 30_000 }).catch(() => undefined);
  await sleep(500);
  const at = middleGatewayHostname(text);
  const attached = readFileSync(routesFile, 'utf8').split(`name: ${at.name}\n`).length - 1;
  const latencies = [];
  const routesLatencies = [];
  let routesMissed = 0;
  const counts = new Set();
  const started = now();
  for (let i = 0; i < EDITS; i++) {
    const letter = text[at.index] === 'g' ? 'h' : 'g';
    const before = client.diagnostics.length;
    const sent = now();
    await client.change(uri, [{ range: { start: { line: at.line, character: at.character }, end: { line: at.line, character: at.character + 1 } }, text: letter }]);
    const got = await client.waitForDiagnostics(uri, () => true, { after: before, timeout: 30_000 });
    latencies.push(got.receivedAt - sent);
    counts.add(got.diagnostics.length);
    text = text.slice(0, at.index) + letter + text.slice(at.index + 1);
    try {
      const r = await client.waitForDiagnostics(routesUri, () => true, { after: before, timeout: 1_000 });
      routesLatencies.push(r.receivedAt - sent);
    } catch {
      routesMissed++;
    }
  }
  const ended = now();
  return {
    gateway: at.name,
    attached,
    median: median(latencies),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
    latencies,
    routesMedian: routesLatencies.length ? median(routesLatencies) : NaN,
    routesP95: routesLatencies.length ? percentile(routesLatencies, 95) : NaN,
    routesPublished: routesLatencies.length,
    routesMissed,
    diagnosticsInBigFile: [...counts].join('/'),
    window: [started, ended],
  };
}

/** (d): `map --format json` and `check --format json` over the same workspace, RUNS times each, interleaved. */
async function benchMap(ws) {
  log(`(d) map vs. check, ${RUNS} runs each, interleaved`);
  const rel = path.relative(root, ws);
  const mapOut = path.join(WORK, 'map.json');
  const checkOut = path.join(WORK, 'check.json');
  const map = [];
  const check = [];
  await runNode([cli, 'map', rel, '--format', 'json'], { stdoutFile: mapOut }); // warm-up, and the map to measure
  await runNode([cli, 'check', rel, '--format', 'json'], { stdoutFile: checkOut });
  for (let i = 0; i < RUNS; i++) {
    map.push(await runNode([cli, 'map', rel, '--format', 'json']));
    check.push(await runNode([cli, 'check', rel, '--format', 'json']));
  }
  log(`    map ${map.map((t) => `${fmt(t.wall)} (cpu ${fmt(t.cpu)}, exit ${t.code})`).join(', ')}`);
  log(`    check ${check.map((t) => `${fmt(t.wall)} (cpu ${fmt(t.cpu)}, exit ${t.code})`).join(', ')}`);
  const m = JSON.parse(readFileSync(mapOut, 'utf8'));
  const listeners = m.gateways.flatMap((g) => g.listeners);
  const routeEntries = listeners.flatMap((l) => l.routes);
  const distinct = new Set(routeEntries.map((r) => `${r.kind}/${r.namespace}/${r.name}`));
  const problems = m.gateways.reduce((n, g) => n + g.problems.length + g.listeners.reduce((k, l) => k + l.problems.length + l.routes.reduce((j, r) => j + r.problems.length, 0) + l.certificates.reduce((j, c) => j + c.problems.length, 0), 0), 0);
  const report = JSON.parse(readFileSync(checkOut, 'utf8'));
  const byCode = {};
  for (const d of report.diagnostics) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
  return {
    mapMs: median(map.map((t) => t.wall)),
    mapCpu: median(map.map((t) => t.cpu)),
    mapHwmMB: Math.max(...map.map((t) => t.hwmMB)),
    checkMs: median(check.map((t) => t.wall)),
    checkCpu: median(check.map((t) => t.cpu)),
    checkHwmMB: Math.max(...check.map((t) => t.hwmMB)),
    bytes: statSync(mapOut).size,
    gateways: m.gateways.length,
    listeners: listeners.length,
    routeEntries: routeEntries.length,
    routes: distinct.size,
    routesByKind: [...distinct].reduce((acc, k) => ((acc[k.split('/')[0]] = (acc[k.split('/')[0]] ?? 0) + 1), acc), {}),
    problems,
    diagnostics: report.diagnostics.length,
    byCode,
  };
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
      // revalidateAll publishes every file after the scan, yielding to requests between slices: wait until every
      // indexed file has been published (only files with findings are sent) or nothing new came for 20 s (with
      // routes, files without findings take seconds between publishes), then a request round trip; ready = the
      // last publish.
      const indexed = Number(/^indexed (\d+)/.exec(indexLine ?? '')?.[1] ?? NaN);
      const publishedUris = () => new Set(client.diagnostics.map((d) => d.uri)).size;
      for (let seen = -1, quietSince = now(); now() - started < 600_000; await sleep(250)) {
        const n = publishedUris();
        if (n >= indexed) break;
        if (n !== seen) [seen, quietSince] = [n, now()];
        else if (now() - quietSince > 20_000) break;
      }
      await client.hover(fileUri(path.join(ws, 'shared', 'grants.yaml')), { line: 0, character: 0 });
    }
    const lastPublish = Math.max(0, ...client.diagnostics.map((d) => d.receivedAt));
    const readyMs = (scope === 'workspace' && lastPublish > started ? lastPublish : now()) - started;
    const stats = readStatus(client.process.pid);
    const published = new Set(client.diagnostics.map((d) => d.uri)).size;
    await client.shutdown(30_000);
    return { ...stats, indexLine, readyMs, published };
  } finally {
    client.kill();
  }
}

// ---- the generated monorepo (--monorepo 1000,10000,50000) ------------------------------------------------------

const MONO_TARGETS = { cliRatio: 3, cliRssMB: 250, indexRatio: 3, serverRssMB: 300, firstCorrectMs: 1000, editMs: 20, completionMs: 20 };
const FALSE_CODES = ['certificate-secret-not-found', 'ref-not-permitted'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a node process (with the CPU/RSS preload), stdout to a file; never rejects on the exit code. Resolves with
 * wall and CPU time, peak RSS (MB), exit code, stderr, and whether it was killed after `timeout` ms.
 */
function runNode(nodeArgs, { stdoutFile = '/dev/null', timeout = MONO_TIMEOUT } = {}) {
  return new Promise((resolve, reject) => {
    const out = openSync(stdoutFile, 'w');
    const started = now();
    const child = spawn(process.execPath, ['-r', CPU_PRELOAD, ...nodeArgs], { cwd: root, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeout);
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', (e) => {
      clearTimeout(timer);
      closeSync(out);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      const wall = now() - started;
      clearTimeout(timer);
      closeSync(out);
      const cpu = Number(/@@bench-cpu ([\d.]+)/.exec(stderr)?.[1] ?? NaN);
      const hwmMB = Number(/@@bench-hwm (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
      resolve({ wall, cpu, hwmMB, code, signal, timedOut, stderr: stderr.replace(/\n?@@bench-\w+ [\d.]+/g, '').trim() });
    });
  });
}

/** Read floor, bare parse and the CLI over one tree, `runs` times each, interleaved (after one warm-up read). */
async function benchMonorepoCli(tree, runs) {
  const result = { floor: [], syncFloor: [], parse: [], cli: [], errors: [] };
  const jsonOut = path.join(WORK, 'monorepo-cli.json');
  await runNode([path.join(here, 'read-floor.mjs'), tree]); // warm the page cache
  for (let i = 0; i < runs; i++) {
    const floor = await runNode([path.join(here, 'read-floor.mjs'), tree]);
    if (floor.code === 0) result.floor.push(floor);
    else result.errors.push(`read floor exited ${floor.code ?? floor.signal}${floor.timedOut ? ' (timed out)' : ''}: ${floor.stderr.slice(-300)}`);
    const syncFloor = await runNode([path.join(here, 'read-floor.mjs'), tree, '--sync']);
    if (syncFloor.code === 0) result.syncFloor.push(syncFloor);
    else result.errors.push(`synchronous read floor exited ${syncFloor.code ?? syncFloor.signal}: ${syncFloor.stderr.slice(-300)}`);
    const parse = await runNode([path.join(here, 'parse-baseline.mjs'), tree]);
    if (parse.code === 0) result.parse.push(parse);
    else result.errors.push(`bare parse exited ${parse.code ?? parse.signal}${parse.timedOut ? ' (timed out)' : ''}: ${parse.stderr.slice(-300)}`);
    log(`    read floor ${fmt(floor.wall)}, bare parse ${fmt(parse.wall)}; CLI …`);
    const cliRun = await runNode([cli, 'check', '--format', 'json', tree], { stdoutFile: jsonOut });
    log(`    CLI ${fmt(cliRun.wall)} (cpu ${fmt(cliRun.cpu)}), peak RSS ${cliRun.hwmMB.toFixed(0)} MB, exit ${cliRun.code ?? cliRun.signal}${cliRun.timedOut ? ' (timed out)' : ''}`);
    if (cliRun.timedOut || (cliRun.code !== 0 && cliRun.code !== 1)) {
      result.errors.push(`CLI exited ${cliRun.code ?? cliRun.signal}${cliRun.timedOut ? ` (killed after ${fmt(MONO_TIMEOUT)})` : ''}: ${cliRun.stderr.slice(-300)}`);
      result.cliFailed = cliRun;
      break;
    }
    result.cli.push(cliRun);
    if (i === 0) {
      try {
        const report = JSON.parse(readFileSync(jsonOut, 'utf8'));
        const byCode = {};
        for (const d of report.diagnostics) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
        result.byCode = byCode;
        result.diagnostics = report.diagnostics.length;
        result.sample = report.diagnostics.slice(0, 5).map((d) => `${d.file}:${d.line} ${d.code}`);
      } catch (error) {
        result.errors.push(`CLI output is not JSON: ${error.message}`);
      }
    }
  }
  const med = (xs, key) => (xs.length ? median(xs.map((x) => x[key])) : NaN);
  result.floorMs = med(result.floor, 'wall');
  result.floorHwmMB = med(result.floor, 'hwmMB');
  result.syncFloorMs = med(result.syncFloor, 'wall');
  result.parseMs = med(result.parse, 'wall');
  result.cliMs = med(result.cli, 'wall');
  result.cliCpu = med(result.cli, 'cpu');
  result.cliHwmMB = result.cli.length ? Math.max(...result.cli.map((x) => x.hwmMB)) : NaN;
  result.cliCode = result.cli[0]?.code;
  return result;
}

const diagnosticsKey = (ds) =>
  JSON.stringify(ds.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message]).sort());

/** didChange → publishDiagnostics of `uri`, `count` times, toggling one character at `at` between `a` and `b`. */
async function editLatencies(client, uri, text, at, [a, b], count, errors, what) {
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const next = text[at.index] === a ? b : a;
    const before = client.diagnostics.length;
    const sent = now();
    await client.change(uri, [{ range: { start: { line: at.line, character: at.character }, end: { line: at.line, character: at.character + 1 } }, text: next }]);
    try {
      const got = await client.waitForDiagnostics(uri, () => true, { after: before, timeout: 30_000 });
      latencies.push(got.receivedAt - sent);
    } catch {
      errors.push(`${what}: edit ${i + 1} got no publishDiagnostics within 30 s`);
      break;
    }
    text = text.slice(0, at.index) + next + text.slice(at.index + 1);
  }
  return { latencies, text };
}

/** The server over stdio on one tree: first (correct) diagnostics of the edge Gateway, indexing, RSS, edits, completion. */
async function benchMonorepoServer(tree) {
  const r = { errors: [] };
  const gwFile = path.join(tree, MONOREPO_GATEWAY);
  const gwUri = fileUri(gwFile);
  let gwText = readFileSync(gwFile, 'utf8');
  const spawnAt = now();
  let client;
  try {
    client = await LspClient.start({ server, workspaceFolder: tree, settings: { gatewayTls: {} }, timeout: MONO_TIMEOUT });
    await client.open(gwUri, gwText);
    r.openedMs = now() - spawnAt;
    // Indexing ends at the `end` of the server's work-done progress (or, failing that, its "indexed N YAML files" log).
    const indexedLine = () => client.logMessages.find((m) => /^indexed \d+ YAML files/.test(m));
    const progressEnded = () => {
      const begin = client.progress.find((p) => p.value.kind === 'begin' && p.value.title.includes('Gateway TLS'));
      return begin !== undefined && client.progress.some((p) => p.token === begin.token && p.value.kind === 'end');
    };
    // Both are waited for (the end of the progress is the figure; the log line, when it comes first, only a fallback).
    let logAt;
    let endAt;
    let cancelled = false;
    const logSeen = client.waitFor('the "indexed" log line', () => cancelled || indexedLine() !== undefined, MONO_TIMEOUT).then(() => void (indexedLine() !== undefined && (logAt ??= now())), () => undefined);
    const endSeen = client.waitFor('the indexing progress to end', () => cancelled || progressEnded(), MONO_TIMEOUT).then(() => void (progressEnded() && (endAt ??= now())), () => undefined);
    await Promise.race([logSeen, endSeen]);
    if (endAt === undefined && indexedLine() !== undefined) await Promise.race([endSeen, sleep(10_000)]);
    cancelled = true; // ends the other wait (its poll sees the flag)
    if (!progressEnded() && indexedLine() === undefined) {
      r.errors.push(`server: indexing did not end within ${fmt(MONO_TIMEOUT)}`);
      r.rssAtTimeout = readStatus(client.process.pid);
      return r;
    }
    r.indexMs = (progressEnded() ? endAt : logAt) - spawnAt;
    r.indexedBy = progressEnded() ? 'progress end' : 'log line, no progress end';
    if (logAt !== undefined && endAt !== undefined) r.logToEndMs = endAt - logAt;
    await client.waitFor('the "indexed" log line', () => indexedLine() !== undefined, 10_000).catch(() => undefined);
    r.indexLine = indexedLine();
    // The publishes the end of indexing causes: one request round trip, then quiet for the Gateway for 500 ms.
    await client.hover(gwUri, { line: 0, character: 0 });
    await client.waitForDiagnostics(gwUri, () => true, { timeout: 60_000 }).catch(() => r.errors.push('server: no diagnostics at all for the Gateway'));
    for (let seen = client.diagnostics.length; ; seen = client.diagnostics.length) {
      await sleep(500);
      if (!client.diagnostics.slice(seen).some((d) => d.uri === gwUri)) break;
    }
    r.settledMs = now() - spawnAt;
    r.status = readStatus(client.process.pid);
    const pubs = client.diagnostics.filter((d) => d.uri === gwUri);
    if (pubs.length) {
      const final = pubs[pubs.length - 1];
      const finalKey = diagnosticsKey(final.diagnostics);
      const firstCorrect = pubs.find((p) => diagnosticsKey(p.diagnostics) === finalKey);
      const wrong = pubs.slice(0, pubs.indexOf(firstCorrect)).filter((p) => p.diagnostics.some((d) => FALSE_CODES.includes(d.code)));
      r.firstPublishMs = pubs[0].receivedAt - spawnAt;
      r.firstCorrectMs = firstCorrect.receivedAt - spawnAt;
      r.publishesBeforeCorrect = pubs.indexOf(firstCorrect);
      r.falseDuringIndexing = wrong.length;
      r.falseCodesSeen = [...new Set(wrong.flatMap((p) => p.diagnostics.map((d) => d.code)).filter((c) => FALSE_CODES.includes(c)))];
      r.finalCodes = final.diagnostics.map((d) => d.code);
      r.finalHasFalseCodes = final.diagnostics.some((d) => FALSE_CODES.includes(d.code));
    }

    // Edits of the Gateway's listener hostname (api-0 ↔ api-1).
    const pos = edgeGatewayPositions(gwText);
    const gw = await editLatencies(client, gwUri, gwText, pos.hostnameChar, ['0', '1'], EDITS, r.errors, 'Gateway hostname');
    r.gatewayEdits = gw.latencies;
    gwText = gw.text;
    await sleep(600); // the cross-file re-check an edit may schedule

    // The Deployment: open it, then edits of `replicas`, counting publishes for other URIs meanwhile (+500 ms).
    const depFile = path.join(tree, MONOREPO_DEPLOYMENT);
    const depUri = fileUri(depFile);
    const depText = readFileSync(depFile, 'utf8');
    const openBefore = client.diagnostics.length;
    const depOpened = now();
    await client.open(depUri, depText);
    try {
      const first = await client.waitForDiagnostics(depUri, () => true, { after: openBefore, timeout: 30_000 });
      r.deploymentOpenMs = first.receivedAt - depOpened;
    } catch {
      r.errors.push('Deployment: no publishDiagnostics within 30 s of didOpen');
    }
    await sleep(600);
    const at = deploymentReplicasPosition(depText);
    const digit = depText[at.index];
    const seqBefore = client.diagnostics.length;
    const dep = await editLatencies(client, depUri, depText, at, [digit, digit === '9' ? '8' : String(Number(digit) + 1)], EDITS, r.errors, 'Deployment replicas');
    await sleep(500);
    r.deploymentEdits = dep.latencies;
    const others = client.diagnostics.slice(seqBefore).filter((d) => d.uri !== depUri);
    r.otherPublishes = others.length;
    r.otherUris = [...new Set(others.map((d) => path.relative(tree, new URL(d.uri).pathname)))].slice(0, 5);

    // Completion inside the certificateRef's name value.
    const cpos = edgeGatewayPositions(gwText).certificateRefName;
    r.completions = [];
    for (let i = 0; i < EDITS; i++) {
      const sent = now();
      const items = await client.completion(gwUri, { line: cpos.line, character: cpos.character });
      r.completions.push(now() - sent);
      r.completionItems = items.length;
      r.completionHasEdgeTls = items.some((it) => it.label === 'edge-tls' || it.insertText === 'edge-tls');
    }
    r.statusAfter = readStatus(client.process.pid);
    await client.shutdown(30_000).catch((e) => r.errors.push(`shutdown: ${e.message.split('\n')[0]}`));
  } catch (error) {
    r.errors.push(`server: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    client?.kill();
  }
  return r;
}

async function mainMonorepo(sizes) {
  const mach = machine();
  log(`machine: ${mach.cores} cores (${mach.cpu}), ${mach.memory}, node ${mach.node}, ${mach.os}, load ${mach.load}`);
  const out = [
    `### Generated monorepo (\`node bench/run.mjs --monorepo ${sizes.join(',')}\`)`,
    '',
    `Machine: ${mach.cores} cores (${mach.cpu}), ${mach.memory} RAM, Node ${mach.node}, ${mach.os}; load average at start ${mach.load}.`,
  ];
  for (const size of sizes) {
    const tree = monorepoDir(size);
    const started = now();
    const gen = generateMonorepo({ out: tree, files: size });
    log(`monorepo-${size}: ${gen.files} files, ${gen.documents} documents, ${(gen.bytes / 2 ** 20).toFixed(1)} MiB, ${gen.gatewayApiFiles} Gateway API files ` +
      `(${gen.cached ? 'cached' : `generated in ${fmt(now() - started)}`}) in ${path.relative(root, tree)}`);
    const runs = Number(flag('runs', size > 10_000 ? 1 : 3));
    log(`(m) ${size} files: read floor, bare parse, CLI — ${runs} run(s) each`);
    const c = await benchMonorepoCli(tree, runs);
    log(`(m) ${size} files: server over stdio`);
    const s = await benchMonorepoServer(tree);
    const ok = (cond) => (cond === undefined ? '' : cond ? ' ✅' : ' ❌');
    const ms = (x) => (x === undefined || Number.isNaN(x) ? 'n/a' : fmt(x));
    const mb = (x) => (x === undefined || Number.isNaN(x) ? 'n/a' : `${x.toFixed(0)} MB`);
    const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? a / b : NaN);
    const cliRatio = ratio(c.cliMs, c.floorMs);
    const indexRatio = ratio(s.indexMs, c.floorMs);
    const stats = (xs) => (xs?.length ? { median: median(xs), p95: percentile(xs, 95), n: xs.length } : undefined);
    const ge = stats(s.gatewayEdits);
    const de = stats(s.deploymentEdits);
    const co = stats(s.completions);
    const falseCodes = c.byCode ? FALSE_CODES.map((code) => `${code}: ${c.byCode[code] ?? 0}`).join(', ') : 'n/a';
    const falseTotal = c.byCode ? FALSE_CODES.reduce((n, code) => n + (c.byCode[code] ?? 0), 0) : undefined;
    const allCodes = c.byCode ? Object.entries(c.byCode).map(([k, v]) => `${k} ${v}`).join(', ') || 'none' : 'n/a';
    const floorCell = `read floor ${ms(c.floorMs)}`;
    out.push(
      '',
      `#### ${size.toLocaleString('en-US')} files (${(gen.bytes / 2 ** 20).toFixed(0)} MiB, ${gen.documents} documents, ${gen.gatewayApiFiles} Gateway API files; median of ${c.cli.length} CLI run(s))`,
      '',
      '| measurement | result | floor | target |',
      '|---|---|---|---|',
      `| read-only floor: walk + read every file, 64 at a time (\`fs.promises\`, as the issue measured it), fresh process | ${ms(c.floorMs)} (peak RSS ${mb(c.floorHwmMB)}) | — | |`,
      `| stricter floor: the same with synchronous reads, one file open at a time (how the CLI reads) | ${ms(c.syncFloorMs)} | — | |`,
      `| bare parse: read + \`yaml\` \`parseAllDocuments\`, fresh process | ${ms(c.parseMs)} | ${floorCell} | |`,
      `| CLI \`check --format json\` wall (CPU) | **${ms(c.cliMs)}** (${ms(c.cliCpu)} CPU; ${ratio(c.cliMs, c.parseMs).toFixed(2)}× bare parse; ${ratio(c.cliMs, c.syncFloorMs).toFixed(1)}× the synchronous floor) | ${floorCell} | ≤ ${MONO_TARGETS.cliRatio}× floor: **${cliRatio.toFixed(2)}×**${ok(Number.isFinite(cliRatio) ? cliRatio <= MONO_TARGETS.cliRatio : undefined)} |`,
      `| CLI peak RSS (VmHWM) | **${mb(c.cliHwmMB)}** | read floor ${mb(c.floorHwmMB)} | < ${MONO_TARGETS.cliRssMB} MB${ok(Number.isFinite(c.cliHwmMB) ? c.cliHwmMB < MONO_TARGETS.cliRssMB : undefined)} |`,
      `| CLI exit code; diagnostics by code | ${c.cliCode ?? c.cliFailed?.code ?? 'n/a'}; ${c.diagnostics ?? 'n/a'} diagnostics: ${allCodes} | — | |`,
      `| CLI false findings on the generated tree | ${falseCodes} | — | 0${ok(falseTotal === undefined ? undefined : falseTotal === 0)} |`,
      `| server: spawn → indexed (${s.indexedBy ?? 'n/a'}; ${s.indexLine ?? 'no "indexed" log line'}${s.logToEndMs !== undefined ? `; log line ${fmt(s.logToEndMs)} before the progress end` : ''}) | **${ms(s.indexMs)}** (${ratio(s.indexMs, c.syncFloorMs).toFixed(1)}× the synchronous floor) | ${floorCell} | ≤ ${MONO_TARGETS.indexRatio}× floor: **${indexRatio.toFixed(2)}×**${ok(Number.isFinite(indexRatio) ? indexRatio <= MONO_TARGETS.indexRatio : undefined)} |`,
      `| server RSS after indexing: VmRSS / VmHWM | **${mb(s.status?.rssMB)}** / ${mb(s.status?.hwmMB)} | read floor ${mb(c.floorHwmMB)} | < ${MONO_TARGETS.serverRssMB} MB${ok(s.status ? s.status.rssMB < MONO_TARGETS.serverRssMB : undefined)} |`,
      `| server: spawn → first publishDiagnostics of ${MONOREPO_GATEWAY} (opened ${ms(s.openedMs)} after spawn) | ${ms(s.firstPublishMs)} | — | |`,
      `| server: spawn → first *correct* diagnostics of it (= final: ${s.finalCodes ? (s.finalCodes.length ? s.finalCodes.join(', ') : 'none') : 'n/a'}; ${s.publishesBeforeCorrect ?? 'n/a'} publish(es) before) | **${ms(s.firstCorrectMs)}** | — | < 1 s${size === 10_000 ? ' at 10,000 files' : ' (the target is set at 10,000 files)'}${ok(s.firstCorrectMs === undefined ? undefined : s.firstCorrectMs < MONO_TARGETS.firstCorrectMs)} |`,
      `| false diagnostics during indexing (${FALSE_CODES.join(' / ')} before the correct ones) | **${s.falseDuringIndexing === undefined ? 'n/a' : s.falseDuringIndexing > 0 ? `yes (${s.falseDuringIndexing} publish(es): ${s.falseCodesSeen.join(', ')})` : 'no'}**${s.finalHasFalseCodes ? ' (and in the final ones!)' : ''} | — | no${ok(s.falseDuringIndexing === undefined ? undefined : s.falseDuringIndexing === 0 && !s.finalHasFalseCodes)} |`,
      `| 1-char edit of the Gateway's listener hostname: didChange → publish, median / p95 of ${ge?.n ?? 0} | **${ms(ge?.median)}** / ${ms(ge?.p95)} | — | < ${MONO_TARGETS.editMs} ms${ok(ge ? ge.median < MONO_TARGETS.editMs : undefined)} |`,
      `| 1-char edit of the Deployment's replicas (${MONOREPO_DEPLOYMENT}): median / p95 of ${de?.n ?? 0} (didOpen → first publish: ${ms(s.deploymentOpenMs)}) | **${ms(de?.median)}** / ${ms(de?.p95)} | — | < ${MONO_TARGETS.editMs} ms${ok(de ? de.median < MONO_TARGETS.editMs : undefined)} |`,
      `| publishDiagnostics for other URIs during the Deployment edits (+500 ms) | ${s.otherPublishes ?? 'n/a'}${s.otherUris?.length ? ` (${s.otherUris.join(', ')})` : ''} | — | 0${ok(s.otherPublishes === undefined ? undefined : s.otherPublishes === 0)} |`,
      `| completion in the certificateRef name, median / p95 of ${co?.n ?? 0} (${s.completionItems ?? 'n/a'} items${s.completionHasEdgeTls ? ', edge-tls among them' : ''}) | **${ms(co?.median)}** / ${ms(co?.p95)} | — | < ${MONO_TARGETS.completionMs} ms${ok(co ? co.median < MONO_TARGETS.completionMs : undefined)} |`,
    );
    if (s.statusAfter) out.push(`| server RSS at the end (after edits and completion): VmRSS / VmHWM | ${mb(s.statusAfter.rssMB)} / ${mb(s.statusAfter.hwmMB)} | | |`);
    const errors = [...c.errors, ...s.errors];
    if (errors.length) out.push('', `Partial results at ${size} files: ${errors.join('; ')}`);
    if (s.rssAtTimeout) out.push(`Server RSS when indexing timed out: VmRSS ${mb(s.rssAtTimeout.rssMB)}, VmHWM ${mb(s.rssAtTimeout.hwmMB)}.`);
    log(`    ${size} files done: CLI ${cliRatio.toFixed(2)}× floor, index ${indexRatio.toFixed(2)}× floor, first correct ${ms(s.firstCorrectMs)}`);
    console.log(out.splice(0).join('\n'));
  }
}

// ---- main --------------------------------------------------------------------------------------------------

if (KUSTOMIZE) {
  await mainKustomize({ runs: Number(flag('runs', 3)), cli, server, LspClient, fileUri, machine, timeout: MONO_TIMEOUT });
} else if (MONOREPO) {
  await mainMonorepo(MONOREPO);
} else {

  const m = machine();
  log(`machine: ${m.cores} cores (${m.cpu}), ${m.memory}, node ${m.node}, ${m.os}, load ${m.load}`);
  const ws = path.join(WORK, 'ws');
  const wsBig = path.join(WORK, `ws-${RSS_FILES}`);
  const genA = generate({ out: ws, gateways: GATEWAYS, bigDocs: 2000, routesPerGateway: ROUTES_PER_GATEWAY });
  log(`generated ${genA.files} files, ${genA.documents} documents (${genA.routes} routes), ${(genA.bytes / 2 ** 20).toFixed(1)} MiB in ${path.relative(root, ws)} (real certificate: ${genA.realCertificate})`);
  let genC;
  if (ONLY.has('c')) {
    genC = generate({ out: wsBig, gateways: RSS_FILES, bigDocs: 0, routesPerGateway: ROUTES_PER_GATEWAY });
    log(`generated ${genC.files} files, ${genC.documents} documents (${genC.routes} routes), ${(genC.bytes / 2 ** 20).toFixed(1)} MiB in ${path.relative(root, wsBig)}`);
  }

  const a = ONLY.has('a') ? await benchCli(ws) : undefined;
  const b = ONLY.has('b') ? await benchLatency(ws) : undefined;
  const c = ONLY.has('c') ? await benchRss(wsBig, 'openFiles') : undefined;
  const cw = ONLY.has('c') ? await benchRss(wsBig, 'workspace') : undefined;
  const d = ONLY.has('d') ? await benchMap(ws) : undefined;

  const verdict = (ok) => (ok ? '✅' : '❌');
  const lines = [
    `### Performance (\`npm run bench\`)`,
    '',
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memory} RAM, Node ${m.node}, ${m.os}; load average at start ${m.load}.`,
    `Workspace: ${genA.files} files / ${genA.documents} documents / ${(genA.bytes / 2 ** 20).toFixed(1)} MiB (${GATEWAYS} Gateway files with their Secrets, ` +
      `two kustomizations, ReferenceGrants, one file of 2,000 documents; ${genA.broken} Gateways deliberately broken), ` +
      `${genA.routes} routes (${Object.entries(genA.routesByKind).map(([k, v]) => `${v} ${k}s`).join(', ')}: ${ROUTES_PER_GATEWAY} per Gateway file, in one file per Gateway, ` +
      `and ${genA.routes - GATEWAYS * ROUTES_PER_GATEWAY} on every 10th Gateway of the 2,000-document file).`,
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
    lines.push(`| (b) didChange → publishDiagnostics, 1-char edit (a port) in the 2,000-document file, median of ${EDITS}, with ${genA.routes} routes in the workspace | **${fmt(b.median)}** | < ${TARGETS.latencyRoutes} ms with routes (issue 12) ${verdict(b.median < TARGETS.latencyRoutes)}; < ${TARGETS.latency} ms (README) ${verdict(b.median < TARGETS.latency)} |`);
    lines.push(`| (b) same, p95 / max | ${fmt(b.p95)} / ${fmt(b.max)} | |`);
    lines.push(`| (b) didOpen of that file → first diagnostics | ${fmt(b.openMs)} | |`);
    const h = b.b2;
    lines.push(`| (b2) 1-char edit of the listener hostname of ${h.gateway} in that file (${h.attached} routes attach to it: re-attachment), median / p95 of ${EDITS} | **${fmt(h.median)}** / ${fmt(h.p95)} (max ${fmt(h.max)}) | < ${TARGETS.latencyRoutes} ms with routes (issue 12) ${verdict(h.median < TARGETS.latencyRoutes)}; < ${TARGETS.latency} ms (README) ${verdict(h.median < TARGETS.latency)} |`);
    lines.push(`| (b2) same edit → re-publish of the routes' file (big/routes.yaml, open), median / p95 | ${h.routesPublished ? `${fmt(h.routesMedian)} / ${fmt(h.routesP95)}` : 'n/a'} (re-published after ${h.routesPublished} of ${EDITS} edits${h.routesMissed ? `; none within 1 s after ${h.routesMissed}` : ''}) | |`);
  }
  if (c) {
    lines.push(`| (c) server peak RSS (VmHWM) after indexing ${genC.files} files / ${genC.documents} documents (${(genC.bytes / 2 ** 20).toFixed(0)} MiB) | **${c.hwmMB.toFixed(0)} MB** (VmRSS when idle after indexing: ${c.rssMB.toFixed(0)} MB) | < ${TARGETS.rss} MB ${verdict(c.hwmMB < TARGETS.rss)} |`);
    lines.push(`| (c) same workspace: time from spawn to indexed (${c.indexLine}) | ${fmt(c.readyMs)} | |`);
  }
  if (cw) {
    lines.push(`| (c) same, with \`diagnostics.scope: workspace\` until the last file with findings is published (${cw.published} files) | ${cw.hwmMB.toFixed(0)} MB, ready in ${fmt(cw.readyMs)} | |`);
  }
  if (d) {
    lines.push(`| (d) CLI \`map --format json\`, same workspace as (a) (median of ${RUNS}) | **${fmt(d.mapMs)}** wall, ${fmt(d.mapCpu)} CPU, peak RSS ${d.mapHwmMB.toFixed(0)} MB | |`);
    lines.push(`| (d) CLI \`check --format json\` beside it (median of ${RUNS}, interleaved) | ${fmt(d.checkMs)} wall, ${fmt(d.checkCpu)} CPU, peak RSS ${d.checkHwmMB.toFixed(0)} MB (map / check: ${(d.mapMs / d.checkMs).toFixed(2)}×) | |`);
    lines.push(`| (d) the map: ${(d.bytes / 2 ** 20).toFixed(1)} MiB of JSON | ${d.gateways} Gateways, ${d.listeners} listeners, ${d.routes} routes attached (${Object.entries(d.routesByKind).map(([k, v]) => `${v} ${k}s`).join(', ')}; ${d.routeEntries} route × listener entries), ${d.problems} problems | |`);
  }
  console.log(lines.join('\n'));
  if (d) console.log(`\n(d) check's ${d.diagnostics} diagnostics by code: ${Object.entries(d.byCode).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (b) console.log(`\n(b) all latencies (ms): ${b.latencies.map((x) => x.toFixed(1)).join(' ')}; diagnostics in the file: ${b.diagnosticsInBigFile}`);
  if (b) console.log(`(b2) all latencies (ms): ${b.b2.latencies.map((x) => x.toFixed(1)).join(' ')}; diagnostics in the file: ${b.b2.diagnosticsInBigFile}`);
  if (a?.profile) console.log(`\n(a) ${a.profile}`);
  if (b?.profile) console.log(`\n(b) ${b.profile}`);
  if (b?.b2?.profile) console.log(`\n(b2) ${b.b2.profile}`);
}
