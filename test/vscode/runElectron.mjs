#!/usr/bin/env node
// `npm run test:electron`: the SAME in-editor tests as `npm run test:vscode` (dist/test/vscode/suite), in desktop VS Code
// downloaded by @vscode/test-electron. It needs a machine that can download VS Code and has a display: on a headless
// Linux box run it as `xvfb-run -a npm run test:electron`. (The Gateway TLS dev machines and CI cannot download VS Code;
// they use test/vscode/runCodeServer.mjs.)
//
// Two modes, like the code-server runner:
//   dev   extensionDevelopmentPath = the repo
//   vsix  `vsce package`, `code --install-extension` into a fresh extensions dir, files checked, then the tests run
//         against the installed copy (extensionDevelopmentPath = an empty stub extension)
// No screenshots here (the screenshot tests skip themselves); docs/screenshot-*.png come from test:vscode. Both runners
// open a fresh copy of test/vscode/fixtures + examples/broken (shared.mjs prepareWorkspace).
//
// Environment knobs:
//   GATEWAY_TLS_VSCODE_VERSION=1.139.1     VS Code version to download ('stable' for the latest)
//   GATEWAY_TLS_VSCODE_EXECUTABLE=path     use this VS Code (Electron) executable instead of downloading one
//   GATEWAY_TLS_VSCODE_MODES=dev,vsix      which modes to run
//   GATEWAY_TLS_VSCODE_TIMEOUT_MS=900000   hard limit for the whole run, download included
//   GATEWAY_TLS_VSCODE_CACHE=dir           download cache (default ~/.cache/gateway-tls/vscode-test)
//   GATEWAY_TLS_TEST_GREP=regex            only run matching tests
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import {
  MODES,
  ROOT,
  TESTS_ENTRY,
  checkBuilt,
  checkInstalledExtension,
  makeLog,
  makeStubExtension,
  packageVsix,
  prepareWorkspace,
  printSummary,
  readResults,
} from './shared.mjs';

const NAME = 'test:electron';
const VERSION = process.env.GATEWAY_TLS_VSCODE_VERSION || '1.139.1';
const HARD_TIMEOUT_MS = Number(process.env.GATEWAY_TLS_VSCODE_TIMEOUT_MS || 15 * 60_000);
const CACHE = process.env.GATEWAY_TLS_VSCODE_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gateway-tls', 'vscode-test');
const log = makeLog(NAME);
const outcomes = [];
let workDir;

function cleanWorkDir() {
  if (workDir && process.env.GATEWAY_TLS_KEEP_WORK !== '1') rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
  workDir = undefined;
}

// runTests starts VS Code in its own process tree and kills it when it exits; the hard limit covers a hung download or
// a VS Code that never exits. process.exit ends the children @vscode/test-electron tracks.
setTimeout(() => {
  log(`HARD TIMEOUT after ${HARD_TIMEOUT_MS / 1000}s`);
  cleanWorkDir();
  printSummary(NAME, outcomes, `hard timeout after ${HARD_TIMEOUT_MS / 1000}s (GATEWAY_TLS_VSCODE_TIMEOUT_MS)`);
  process.exit(1);
}, HARD_TIMEOUT_MS).unref();

async function runMode(mode, vscodeExecutablePath) {
  const modeDir = join(workDir, mode);
  const userDataDir = join(modeDir, 'user-data');
  const extensionsDir = join(modeDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const resultsFile = join(modeDir, 'results.json');
  const env = { GATEWAY_TLS_TEST_RESULTS: resultsFile, GATEWAY_TLS_TEST_MODE: mode, GATEWAY_TLS_TEST_GREP: process.env.GATEWAY_TLS_TEST_GREP };

  let extensionDevelopmentPath = ROOT;
  if (mode === 'vsix') {
    const vsix = join(workDir, 'gateway-tls.vsix');
    packageVsix(vsix, log);
    // reuseMachineInstall: only the CLI path, without test-electron's default --user-data-dir/--extensions-dir.
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, { reuseMachineInstall: true });
    const args = [...cliArgs, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'];
    log(`code --install-extension ${vsix}`);
    const r = spawnSync(cli, args, { stdio: 'inherit', timeout: 120_000, shell: process.platform === 'win32' });
    if (r.status !== 0) throw new Error(`code --install-extension failed (status ${r.status}, signal ${r.signal})`);
    checkInstalledExtension(extensionsDir, log);
    env.GATEWAY_TLS_EXPECT_EXTENSION_IN = extensionsDir;
    extensionDevelopmentPath = join(modeDir, 'stub-extension');
    makeStubExtension(extensionDevelopmentPath);
  }

  // runTests adds --no-sandbox, --disable-updates, --skip-welcome, --skip-release-notes, --disable-workspace-trust.
  const workspace = prepareWorkspace(join(modeDir, 'workspace'));
  const launchArgs = [workspace, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-gpu'];

  log(`[${mode}] ${vscodeExecutablePath}: extensionDevelopmentPath=${extensionDevelopmentPath}`);
  let exitCode;
  try {
    exitCode = await runTests({ vscodeExecutablePath, extensionDevelopmentPath, extensionTestsPath: TESTS_ENTRY, extensionTestsEnv: env, launchArgs });
  } catch (err) {
    exitCode = `error: ${err?.message ?? err}`;
  }
  const results = readResults(resultsFile);
  return { mode, ok: exitCode === 0 && results !== null && results.failures === 0 && results.passes > 0, exitCode, results };
}

async function main() {
  checkBuilt();
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    log('warning: no DISPLAY; desktop VS Code needs one (run `xvfb-run -a npm run test:electron`)');
  }
  let vscodeExecutablePath = process.env.GATEWAY_TLS_VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    log(`downloading VS Code ${VERSION} into ${CACHE} (skipped when cached)`);
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: VERSION, cachePath: CACHE });
  }
  workDir = mkdtempSync(join(tmpdir(), 'gateway-tls-electron-'));
  try {
    for (const mode of MODES) {
      const started = Date.now();
      let outcome;
      try {
        outcome = await runMode(mode, vscodeExecutablePath);
      } catch (err) {
        log(`[${mode}] ERROR: ${err?.stack ?? err}`);
        outcome = { mode, ok: false, exitCode: `error: ${err?.message ?? err}`, results: null };
      }
      outcome.seconds = ((Date.now() - started) / 1000).toFixed(1);
      outcomes.push(outcome);
    }
  } finally {
    cleanWorkDir();
  }
  printSummary(NAME, outcomes);
  return outcomes.length === MODES.length && outcomes.every((o) => o.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[${NAME}] ${err?.stack ?? err}`);
    cleanWorkDir();
    printSummary(NAME, outcomes, String(err?.message ?? err));
    process.exit(1);
  },
);
