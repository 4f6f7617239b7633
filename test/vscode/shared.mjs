// Helpers shared by the two in-editor test runners: runCodeServer.mjs (code-server + Chromium, runs here) and
// runElectron.mjs (@vscode/test-electron, for machines that can download VS Code and have a display).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXTENSION_ID = 'gateway-tls.gateway-tls';
/** What VS Code loads as extensionTestsPath: dist/test/vscode/suite/index.js, built from test/vscode/suite/index.ts. */
export const TESTS_ENTRY = join(ROOT, 'dist', 'test', 'vscode', 'suite', 'index.js');
/** The fixtures the tests edit: one folder per test file (references/, certificates/, backend-tls/). */
export const FIXTURES = join(ROOT, 'test', 'vscode', 'fixtures');
export const MODES = (process.env.GATEWAY_TLS_VSCODE_MODES || 'dev,vsix').split(',').map((m) => m.trim()).filter(Boolean);
export const KNOWN_MODES = ['dev', 'vsix'];

const t0 = Date.now();
export const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1);
export const makeLog = (name) => (msg) => console.log(`[${name} ${elapsed()}s] ${msg}`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The folder the workbench opens, made fresh for every mode: a copy of test/vscode/fixtures/* (each test file works on
 * its own subfolder and namespaces) plus examples/broken as broken/ (diagnostics.test.ts). The tests edit and save
 * files, so the repo's examples/ and fixtures are never opened directly.
 */
export function prepareWorkspace(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (existsSync(FIXTURES)) cpSync(FIXTURES, dir, { recursive: true });
  cpSync(join(ROOT, 'examples', 'broken'), join(dir, 'broken'), { recursive: true });
  return dir;
}

export function checkBuilt() {
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/test/vscode/suite/index.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  for (const m of MODES) if (!KNOWN_MODES.includes(m)) throw new Error(`unknown mode ${m} in GATEWAY_TLS_VSCODE_MODES (known: ${KNOWN_MODES.join(', ')})`);
}

/**
 * `vsce package`, as `npm run package` does it (--no-dependencies: the bundles carry every runtime dependency), into
 * `out`. --allow-missing-repository and --no-rewrite-relative-links because package.json has no repository URL, and
 * without one vsce refuses the README's relative image link.
 */
export function packageVsix(out, log) {
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out];
  log(`packaging the extension: vsce ${args.join(' ')}`);
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000 });
  for (const line of `${r.stdout || ''}${r.stderr || ''}`.split('\n')) if (line.trim()) console.log(`[vsce] ${line}`);
  if (r.status !== 0 || !existsSync(out)) throw new Error(`vsce package failed (status ${r.status}, signal ${r.signal})`);
}

export function listFiles(dir, base = dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const rel = p.slice(base.length + 1);
    if (statSync(p).isDirectory()) out.push(`${rel}/`, ...listFiles(p, base));
    else out.push(rel);
  }
  return out;
}

/** Paths inside the installed extension folder. vsce renames README.md to readme.md and LICENSE to LICENSE.txt. */
const VSIX_REQUIRED = [/^package\.json$/, /^dist\/client\.js$/, /^dist\/server\.js$/, /^dist\/cli\.js$/, /^readme\.md$/i, /^license(\.txt|\.md)?$/i];
const VSIX_FORBIDDEN = [
  /(^|\/)node_modules(\/|$)/,
  /^dist\/test(\/|$)/,
  /^(client|server|test|scripts|bench|examples|\.ci|\.github|\.vscode)\//,
  /\.ts$/,
  /\.map$/,
  /\.vsix$/,
];

/**
 * Finds the extension `--install-extension` put into `extensionsDir` and checks its files against what the .vsix must
 * ship (see .vscodeignore): the bundles, manifest, README, LICENSE and every file of the repo's syntaxes/; no
 * node_modules, sources, tests, source maps. Returns the extension folder.
 */
export function checkInstalledExtension(extensionsDir, log) {
  const dirs = readdirSync(extensionsDir).filter((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  if (dirs.length !== 1) throw new Error(`expected one ${EXTENSION_ID}-* folder in ${extensionsDir}, found: ${dirs.join(', ') || 'none'}`);
  const installed = join(extensionsDir, dirs[0]);
  const files = listFiles(installed);
  log(`installed .vsix contents (${files.length} entries): ${files.join(' ')}`);
  const problems = [];
  for (const re of VSIX_REQUIRED) if (!files.some((f) => re.test(f))) problems.push(`missing ${re.source.replace(/\\/g, '')}`);
  const grammars = existsSync(join(ROOT, 'syntaxes')) ? listFiles(join(ROOT, 'syntaxes')).filter((f) => !f.endsWith('/')) : [];
  for (const g of grammars) if (!files.includes(`syntaxes/${g}`)) problems.push(`missing syntaxes/${g}`);
  for (const f of files) if (VSIX_FORBIDDEN.some((re) => re.test(f))) problems.push(`must not ship ${f}`);
  if (problems.length) throw new Error(`the packaged .vsix is wrong (see .vscodeignore):\n  ${problems.join('\n  ')}`);
  return installed;
}

/**
 * The extension host only runs extensionTestsPath in extension-development mode, which needs an
 * extensionDevelopmentPath (code-server 4.139.1 loads nothing without one: verified). In the vsix mode it points at this
 * extension with no code, so the Gateway TLS extension that runs is the copy installed from the .vsix.
 */
export function makeStubExtension(dir) {
  mkdirSync(dir, { recursive: true });
  const manifest = { name: 'gateway-tls-test-host', publisher: 'gateway-tls-tests', version: '0.0.0', engines: { vscode: '*' } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
}

/** The counts test/vscode/suite/index.ts wrote, or null when it never got that far. */
export function readResults(file) {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  } catch {
    return null;
  }
}

/**
 * Prints one line per mode, the failures, and a closing `vscode: N passed, N failed` line. A mode that failed without a
 * failing test (crash, timeout, bad package) counts as one failure.
 */
export function printSummary(name, outcomes, error) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const o of outcomes) {
    const r = o.results;
    passed += r?.passes ?? 0;
    failed += r?.failures ?? 0;
    skipped += r?.pending ?? 0;
    if (!o.ok && (r?.failures ?? 0) === 0) failed += 1;
    const counts = r ? `${r.passes} passed, ${r.failures} failed, ${r.pending} skipped` : 'no results';
    console.log(`[${name}] mode ${o.mode}: ${o.ok ? 'ok' : 'FAILED'} in ${o.seconds ?? '?'}s (exit ${o.exitCode}; ${counts})`);
    for (const f of r?.failed ?? []) console.log(`[${name}]   FAILED (${o.mode}) ${f.title}\n${f.error.replace(/^/gm, '      ')}`);
  }
  if (error) {
    failed += 1;
    console.log(`[${name}] ERROR: ${error}`);
  }
  console.log(`[${name}] total ${elapsed()}s`);
  console.log(`vscode: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
