#!/usr/bin/env node
// `npm run test:vscode`: runs the in-editor tests (dist/test/vscode/suite) in a REAL VS Code 1.139, served by code-server
// 4.139.1 and driven headless by Debian's Chromium through playwright-core. Two modes, both run by default:
//
//   dev   the extension is loaded from the repo (extensionDevelopmentPath = repo root); also writes
//         docs/screenshot-diagnostics.png, docs/screenshot-quickfix.png, docs/screenshot-hover.png and
//         docs/screenshot-kustomize.png (the last only where kustomize v4+ is on PATH; kustomize.test.ts skips otherwise)
//   vsix  `vsce package` builds gateway-tls.vsix, `code-server --install-extension` installs it into a fresh extensions
//         dir, its files are checked, and the tests run against that installed copy (extensionDevelopmentPath = an
//         empty stub extension), so a broken package or .vscodeignore fails here
//
// How one mode runs: code-server is started with `--vscode-option enable-smoke-test-driver`, its own temp user-data,
// extensions and XDG dirs, on a free loopback port. The folder it opens is a fresh copy of test/vscode/fixtures and
// examples/broken (shared.mjs prepareWorkspace), since the tests edit and save files. Chromium opens
//   http://127.0.0.1:PORT/?folder=<workspace>&payload=[["extensionDevelopmentPath","vscode-remote://127.0.0.1:PORT/<dir>"],
//                                                             ["extensionTestsPath","vscode-remote://127.0.0.1:PORT/<index.js>"]]
// so the workbench starts the remote extension host in test mode, which loads index.js (mocha). When the tests end the
// extension host exits and the workbench calls the global `codeAutomationExit(code, logs)`, exposed here with
// Playwright. The tests' output reaches this process as the page's console messages; the counts come from a results
// file the suite writes. The screenshot test writes a request file; this script takes the picture while the squiggles
// are on screen (they disappear with the extension host) and answers with a done file.
//
// Environment knobs:
//   GATEWAY_TLS_VSCODE_MODES=dev,vsix      which modes to run (default both)
//   GATEWAY_TLS_VSCODE_TIMEOUT_MS=300000   hard limit once code-server is installed; everything is killed after it
//   GATEWAY_TLS_VSCODE_MODE_TIMEOUT_MS=120000  limit for one mode's tests; then its logs are printed and it fails
//                                          (a failed mode also leaves test/vscode/.work/failure-<mode>.png)
//   GATEWAY_TLS_SCREENSHOT_OUT=path        where the screenshot goes (default docs/screenshot-diagnostics.png)
//   GATEWAY_TLS_CODE_SERVER_DIR=dir        code-server install dir (default ~/.cache/gateway-tls/code-server-4.139.1)
//   GATEWAY_TLS_KEEP_WORK=1                keep the temp dir (user data, server-side logs) for inspection
//   GATEWAY_TLS_TEST_GREP=regex            only run matching tests
//   CHROMIUM=/usr/bin/chromium             the browser
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import {
  MODES,
  ROOT,
  TESTS_ENTRY,
  checkBuilt,
  checkInstalledExtension,
  listFiles,
  makeLog,
  makeStubExtension,
  packageVsix,
  prepareWorkspace,
  printSummary,
  readResults,
  sleep,
} from './shared.mjs';

const NAME = 'test:vscode';
const HARD_TIMEOUT_MS = Number(process.env.GATEWAY_TLS_VSCODE_TIMEOUT_MS || 5 * 60_000);
/** One mode normally takes ~12 s; a suite whose every wait times out takes ~60 s. */
const MODE_TIMEOUT_MS = Number(process.env.GATEWAY_TLS_VSCODE_MODE_TIMEOUT_MS || 120_000);
const FAILURE_SHOTS = join(ROOT, 'test', 'vscode', '.work');
const INSTALL_TIMEOUT_MS = 20 * 60_000;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const SCREENSHOT_OUT = resolve(ROOT, process.env.GATEWAY_TLS_SCREENSHOT_OUT || 'docs/screenshot-diagnostics.png');
const KEEP_WORK = process.env.GATEWAY_TLS_KEEP_WORK === '1';
/** Chatter that says nothing about the tests: the network is closed, so the extension gallery (open-vsx) lookups fail. */
const NOISE = [/Failed to load resource/, /\[Violation\]/, /marketplace|gallery|open-vsx/i, /net::ERR_/, /ENOTFOUND/, /^\s*ERR \{"name":"Failed"\}$/, /vsda/, /punycode/];
const log = makeLog(NAME);

// ---------------------------------------------------------------------------------------------------------------------
// Process hygiene: every child is started detached (its own process group) and the group is killed on every way out.
const groups = new Set();
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}
function killAll() {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`got ${sig}, stopping`);
    killAll();
    cleanWorkDir();
    process.exit(130);
  });
}

let workDir;
const outcomes = [];
function cleanWorkDir() {
  if (!workDir) return;
  if (KEEP_WORK) log(`kept ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
  workDir = undefined;
}

/** Started once code-server is installed (a cold install has its own, longer limit). */
function startHardTimer() {
  setTimeout(() => {
    log(`HARD TIMEOUT after ${HARD_TIMEOUT_MS / 1000}s: killing code-server and Chromium`);
    killAll();
    cleanWorkDir();
    printSummary(NAME, outcomes, `hard timeout after ${HARD_TIMEOUT_MS / 1000}s (GATEWAY_TLS_VSCODE_TIMEOUT_MS)`);
    process.exit(1);
  }, HARD_TIMEOUT_MS);
}

function forwardLines(stream, label) {
  let buf = '';
  const emit = (line) => line.trim() && !NOISE.some((re) => re.test(line)) && console.log(`[${label}] ${line}`);
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      emit(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  stream.on('end', () => emit(buf));
}

function spawnGroup(cmd, args, opts, label) {
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  groups.add(child.pid);
  forwardLines(child.stdout, label);
  forwardLines(child.stderr, label);
  child.exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  return child;
}

async function stopGroup(child, label) {
  if (!child || !groups.has(child.pid)) return;
  killGroup(child.pid, 'SIGTERM');
  const gone = await Promise.race([child.exited.then(() => true), sleep(5000).then(() => false)]);
  // The group holds more than the leader (code-server's worker, extension host, language server): finish it off.
  killGroup(child.pid, 'SIGKILL');
  groups.delete(child.pid);
  if (!gone) log(`${label} did not stop on SIGTERM within 5s; killed`);
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------------
function installCodeServer() {
  log('making sure code-server is installed (test/vscode/installCodeServer.sh)');
  const r = spawnSync('bash', [join(ROOT, 'test', 'vscode', 'installCodeServer.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (r.status !== 0) throw new Error(`installCodeServer.sh failed (status ${r.status}, signal ${r.signal})`);
  const dir = r.stdout.trim().split('\n').pop();
  const node = join(dir, 'node24', 'node_modules', 'node', 'bin', 'node');
  const entry = join(dir, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  for (const f of [node, entry]) if (!existsSync(f)) throw new Error(`code-server install is missing ${f}`);
  return { node, entry };
}

/** Fresh HOME / XDG / TMPDIR so neither code-server nor Chromium reads or writes the real ones. */
function isolatedEnv(base) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_|^NODE_OPTIONS$|^VSCODE_|^ELECTRON_/i.test(k)) delete env[k];
  const dirs = { HOME: 'home', XDG_CONFIG_HOME: 'config', XDG_DATA_HOME: 'data', XDG_CACHE_HOME: 'cache', XDG_STATE_HOME: 'state', XDG_RUNTIME_DIR: 'runtime', TMPDIR: 'tmp' };
  for (const [k, d] of Object.entries(dirs)) {
    env[k] = join(base, d);
    mkdirSync(env[k], { recursive: true, mode: 0o700 });
  }
  return env;
}

/** User settings of the served VS Code: nothing phones home, nothing pops up over the editor in the screenshot. */
function writeUserSettings(userDataDir) {
  const settings = {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'git.enabled': false,
    'editor.cursorBlinking': 'solid',
    'editor.minimap.enabled': false,
    'editor.hover.delay': 100,
    'window.restoreWindows': 'none',
    'files.hotExit': 'off',
  };
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

function dirArgs(modeDir) {
  return ['--user-data-dir', join(modeDir, 'user-data'), '--extensions-dir', join(modeDir, 'extensions'), '--config', join(modeDir, 'code-server.yaml')];
}

async function installVsix(cs, env, modeDir, vsix) {
  log(`code-server --install-extension ${vsix}`);
  const child = spawnGroup(cs.node, [cs.entry, ...dirArgs(modeDir), '--force', '--install-extension', vsix], { env, cwd: modeDir }, 'code-server install');
  const { code, signal } = await Promise.race([child.exited, sleep(120_000).then(() => ({ code: null, signal: 'timeout after 120s' }))]);
  await stopGroup(child, 'code-server --install-extension');
  if (code !== 0) throw new Error(`code-server --install-extension failed (code ${code}, signal ${signal})`);
  return checkInstalledExtension(join(modeDir, 'extensions'), log);
}

/** Text of a console message, formatted like console.log would (`%s`, `%d`; `%c` CSS styling dropped). */
async function consoleText(msg) {
  try {
    const parts = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => String(a))));
    return parts.length ? format(...parts) : msg.text();
  } catch {
    return msg.text();
  }
}

/** On failure: the logs that tell why (browser-side ones from codeAutomationExit, server-side ones from user-data). */
function printLogs(mode, modeDir, browserLogs) {
  const show = (name, contents) => console.log(`----- ${mode}: ${name} -----\n${contents.trimEnd()}\n----- end ${name} -----`);
  for (const { relativePath, contents } of browserLogs) if (/^window\.log$|exthost/i.test(relativePath)) show(`browser ${relativePath}`, contents);
  const logsDir = join(modeDir, 'user-data', 'logs');
  if (!existsSync(logsDir)) return;
  for (const f of listFiles(logsDir)) {
    if (/remoteexthost\.log$|Gateway TLS\.log$|remoteagent\.log$/.test(f)) show(`server ${f}`, readFileSync(join(logsDir, f), 'utf8'));
  }
}

async function runMode(mode, cs) {
  const modeDir = join(workDir, mode);
  mkdirSync(join(modeDir, 'extensions'), { recursive: true });
  const env = isolatedEnv(join(modeDir, 'env'));
  writeUserSettings(join(modeDir, 'user-data'));
  const resultsFile = join(modeDir, 'results.json');
  const signalDir = join(modeDir, 'signal');
  mkdirSync(signalDir, { recursive: true });
  // code-server passes its environment on to the extension host, where the suite reads these.
  env.GATEWAY_TLS_TEST_RESULTS = resultsFile;
  env.GATEWAY_TLS_TEST_MODE = mode;
  if (process.env.GATEWAY_TLS_TEST_GREP) env.GATEWAY_TLS_TEST_GREP = process.env.GATEWAY_TLS_TEST_GREP;
  if (mode === MODES[0]) env.GATEWAY_TLS_SCREENSHOT_DIR = signalDir;

  let devPath = ROOT;
  if (mode === 'vsix') {
    const vsix = join(workDir, 'gateway-tls.vsix');
    packageVsix(vsix, log);
    await installVsix(cs, env, modeDir, vsix);
    env.GATEWAY_TLS_EXPECT_EXTENSION_IN = join(modeDir, 'extensions');
    devPath = join(modeDir, 'stub-extension');
    makeStubExtension(devPath);
  }

  const workspace = prepareWorkspace(join(modeDir, 'workspace'));
  const port = await freePort();
  log(`[${mode}] starting code-server on 127.0.0.1:${port}`);
  const args = [
    cs.entry,
    ...dirArgs(modeDir),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const server = spawnGroup(cs.node, args, { env, cwd: modeDir }, `code-server ${mode}`);
  let context;
  let browserLogs = [];
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const exited = await Promise.race([server.exited, sleep(0).then(() => null)]);
      if (exited) throw new Error(`code-server exited early (code ${exited.code}, signal ${exited.signal})`);
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error('code-server did not answer /healthz within 60s');
      await sleep(250);
    }

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(devPath)],
      ['extensionTestsPath', remote(TESTS_ENTRY)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    context = await chromium.launchPersistentContext(join(modeDir, 'browser-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      env: isolatedEnv(join(modeDir, 'browser-env')),
      args: CHROMIUM_FLAGS,
      viewport: { width: 1400, height: 1050 },
      deviceScaleFactor: 1,
      timeout: 60_000,
    });
    let resolveExit;
    const exitPromise = new Promise((r) => (resolveExit = r));
    await context.exposeFunction('codeAutomationExit', (code, logs) => resolveExit({ code, logs: Array.isArray(logs) ? logs : [] }));
    await context.exposeFunction('codeAutomationLog', (level, message) => {
      if ((level === 'error' || level === 'warn') && !NOISE.some((re) => re.test(message))) console.log(`[workbench ${level}] ${message}`);
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', async (msg) => {
      const text = await consoleText(msg);
      if (text.trim() && !NOISE.some((re) => re.test(text))) console.log(`[browser ${mode}] ${text}`);
    });
    page.on('pageerror', (err) => console.log(`[browser ${mode} pageerror] ${err.message}`));
    page.on('crash', () => resolveExit({ code: 'the page crashed', logs: [] }));

    log(`[${mode}] opening the workbench (extensionDevelopmentPath=${devPath})`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    // While the tests run, serve the screenshot test's requests (see diagnostics.test.ts).
    let running = true;
    const screenshots = (async () => {
      const request = join(signalDir, 'request.json');
      while (running) {
        if (existsSync(request)) {
          // The request names the picture (docs/<name>); the diagnostics picture may be redirected for local runs.
          const { name } = JSON.parse(readFileSync(request, 'utf8'));
          rmSync(request);
          const out = name === 'screenshot-diagnostics.png' ? SCREENSHOT_OUT : resolve(ROOT, 'docs', basename(name));
          let result = { ok: true };
          try {
            mkdirSync(dirname(out), { recursive: true });
            await page.screenshot({ path: out, timeout: 30_000 });
            log(`[${mode}] wrote ${relative(ROOT, out)}`);
          } catch (err) {
            result = { ok: false, error: String(err) };
          }
          writeFileSync(join(signalDir, 'done.json'), JSON.stringify(result));
        }
        await sleep(200);
      }
    })();

    let modeTimer;
    const outcome = await Promise.race([
      exitPromise,
      server.exited.then((e) => ({ code: `code-server exited (code ${e.code}, signal ${e.signal})`, logs: [] })),
      new Promise((r) => {
        modeTimer = setTimeout(() => r({ code: `no end of the tests after ${MODE_TIMEOUT_MS / 1000}s`, logs: [] }), MODE_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(modeTimer);
    running = false;
    await screenshots;
    browserLogs = outcome.logs;

    const results = readResults(resultsFile);
    const ok = outcome.code === 0 && results !== null && results.failures === 0 && results.passes > 0;
    if (!ok) {
      printLogs(mode, modeDir, browserLogs);
      if (results === null && outcome.code !== 0) {
        log(
          `[${mode}] the tests never finished: VS Code starts extensionTestsPath only after the startup activations ` +
            '(workspaceContains) are done, so an activate() that never returns (e.g. awaiting a language server that ' +
            'never answers initialize) holds them back. See the extension host log above.',
        );
      }
      // What the workbench showed when it failed (notifications, dialogs, an editor without squiggles, ...).
      const shot = join(FAILURE_SHOTS, `failure-${mode}.png`);
      mkdirSync(FAILURE_SHOTS, { recursive: true });
      await page.screenshot({ path: shot, timeout: 10_000 }).then(
        () => log(`[${mode}] screenshot of the failed run: ${relative(ROOT, shot)}`),
        () => {},
      );
    }
    return { mode, ok, exitCode: outcome.code, results };
  } catch (err) {
    printLogs(mode, modeDir, browserLogs);
    throw err;
  } finally {
    if (context) await Promise.race([context.close().catch(() => {}), sleep(10_000)]);
    await stopGroup(server, `code-server ${mode}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
async function main() {
  checkBuilt();
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM)`);
  const cs = installCodeServer();
  startHardTimer();
  workDir = mkdtempSync(join(tmpdir(), 'gateway-tls-vscode-'));
  log(`work dir ${workDir}; modes: ${MODES.join(', ')}`);
  try {
    for (const mode of MODES) {
      const started = Date.now();
      let outcome;
      try {
        outcome = await runMode(mode, cs);
      } catch (err) {
        log(`[${mode}] ERROR: ${err?.stack ?? err}`);
        outcome = { mode, ok: false, exitCode: `error: ${err?.message ?? err}`, results: null };
      }
      outcome.seconds = ((Date.now() - started) / 1000).toFixed(1);
      outcomes.push(outcome);
      log(`[${mode}] finished in ${outcome.seconds}s`);
    }
  } finally {
    killAll();
    cleanWorkDir();
  }
  printSummary(NAME, outcomes);
  return outcomes.length === MODES.length && outcomes.every((o) => o.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[${NAME}] ${err?.stack ?? err}`);
    killAll();
    cleanWorkDir();
    printSummary(NAME, outcomes, String(err?.message ?? err));
    process.exit(1);
  },
);
