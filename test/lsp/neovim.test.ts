// Proof that any LSP client works: Neovim's built-in client (headless) starts `node dist/server.js --stdio`,
// attaches it to a buffer and gets our diagnostics (test/nvim/check.lua does the Neovim side). Skipped, with a
// message, when `nvim` (Debian package `neovim`, 0.7 or later) is not installed.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test, type TestContext } from 'node:test';
import { repoRoot, serverPath } from './client';

interface NvimDiagnostic {
  code?: string;
  message: string;
  source?: string;
  severity: number;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
}
interface NvimStep {
  step: string;
  ok: boolean;
  diagnostics: NvimDiagnostic[] | Record<string, never>;
}
interface NvimResult {
  ok: boolean;
  nvim: string;
  error?: string;
  initialized?: boolean;
  started_with?: 'start_client' | 'start';
  stopped?: boolean;
  api?: { start_client: boolean; buf_attach_client: boolean; diagnostic_get: boolean };
  server_capabilities?: { hover: boolean; completion: boolean };
  steps: NvimStep[];
}

/** Why Neovim cannot run this test, or undefined when it can. */
function nvimUnavailable(): string | undefined {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error || probe.status !== 0) return 'nvim is not installed (Debian/Ubuntu: apt-get install neovim); skipping the Neovim client test';
  const match = /NVIM v(\d+)\.(\d+)/.exec(probe.stdout);
  if (!match) return `cannot read the nvim version from: ${probe.stdout.split('\n')[0]}`;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major === 0 && minor < 7) return `nvim ${major}.${minor} is older than 0.7 (vim.diagnostic / vim.lsp.start_client); skipping`;
  return undefined;
}

const dirs: string[] = [];
after(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs check.lua in a headless Neovim; resolves with the JSON it wrote and the exit status. */
function runNvim(env: Record<string, string>, work: string): Promise<{ status: number | null; result: NvimResult | undefined; output: string }> {
  const resultFile = path.join(work, 'result.json');
  const script = path.join(repoRoot(), 'test', 'nvim', 'check.lua');
  assert.ok(existsSync(script), `${script} is missing`);
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script.replace(/ /g, '\\ ')}`], {
      cwd: work,
      env: {
        ...process.env,
        // Keep Neovim's state (lsp.log, shada) out of the user's home.
        XDG_CACHE_HOME: path.join(work, 'cache'),
        XDG_STATE_HOME: path.join(work, 'state'),
        XDG_DATA_HOME: path.join(work, 'data'),
        XDG_CONFIG_HOME: path.join(work, 'config'),
        GATEWAY_TLS_SERVER: serverPath(),
        GATEWAY_TLS_NODE: process.execPath,
        GATEWAY_TLS_RESULT: resultFile,
        GATEWAY_TLS_TIMEOUT: '10000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('exit', (status) => {
      clearTimeout(killer);
      const result = existsSync(resultFile) ? (JSON.parse(readFileSync(resultFile, 'utf8')) as NvimResult) : undefined;
      resolve({ status, result, output });
    });
  });
}

function workDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-tls-nvim-'));
  dirs.push(dir);
  for (const sub of ['cache', 'state', 'data', 'config', 'ws']) mkdirSync(path.join(dir, sub), { recursive: true });
  return dir;
}

function codesOf(step: NvimStep | undefined): string[] {
  const list = Array.isArray(step?.diagnostics) ? step.diagnostics : [];
  return list.map((d) => d.code ?? '?').sort();
}

function skipUnlessNvim(t: TestContext): boolean {
  const why = nvimUnavailable();
  if (why) {
    t.skip(why);
    return true;
  }
  assert.ok(existsSync(serverPath()), `${serverPath()} is missing: run node scripts/build.mjs`);
  return false;
}

describe('Neovim (built-in LSP client)', { timeout: 120_000 }, () => {
  test('gets yaml-syntax diagnostics and sees them go after an edit', async (t) => {
    if (skipUnlessNvim(t)) return;
    const work = workDir();
    const file = path.join(work, 'ws', 'gateway.yaml');
    writeFileSync(
      file,
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: a\n  name: b\nspec:\n  gatewayClassName: acme-lb\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 80\n',
    );
    const { status, result, output } = await runNvim(
      { GATEWAY_TLS_ROOT: path.join(work, 'ws'), GATEWAY_TLS_FILE: file, GATEWAY_TLS_EXPECT: 'yaml-syntax', GATEWAY_TLS_FIX_LINE: '5', GATEWAY_TLS_FIXED: 'yaml-syntax' },
      work,
    );
    assert.ok(result, `nvim wrote no result (status ${status}); output:\n${output}`);
    assert.equal(result.error, undefined, `check.lua failed: ${result.error}`);
    assert.equal(result.api?.diagnostic_get, true, 'vim.diagnostic.get exists');
    if (/^0\.(7|8|9|10)\./.test(result.nvim)) assert.equal(result.started_with, 'start_client', 'nvim 0.7–0.10 use vim.lsp.start_client + buf_attach_client');
    assert.equal(result.initialized, true, 'the client initialized');
    assert.deepEqual(result.server_capabilities, { hover: true, completion: true });
    const open = result.steps.find((s) => s.step === 'open');
    assert.ok(open?.ok, `yaml-syntax expected, got ${JSON.stringify(open?.diagnostics)}`);
    const syntax = (open.diagnostics as NvimDiagnostic[]).find((d) => d.code === 'yaml-syntax')!;
    assert.equal(syntax.source, 'gateway-tls');
    assert.equal(syntax.lnum, 4, 'on the duplicate key (0-based line 4)');
    const fix = result.steps.find((s) => s.step === 'fix');
    assert.ok(fix?.ok, `yaml-syntax should be gone after the edit, got ${JSON.stringify(fix?.diagnostics)}`);
    assert.equal(result.ok, true);
    assert.equal(status, 0, output);
    assert.equal(result.stopped, true, 'the server stopped when the client stopped it');
  });

  test('gets the listener diagnostics of examples/broken', async (t) => {
    if (skipUnlessNvim(t)) return;
    const work = workDir();
    const source = path.join(repoRoot(), 'examples', 'broken', 'gateway-listeners.yaml');
    const file = path.join(work, 'ws', 'gateway-listeners.yaml');
    copyFileSync(source, file);
    const expected = ['listener-tls-mode-invalid', 'listener-tls-not-allowed', 'listener-name-duplicate'];
    const passthroughLine = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('mode: Passthrough')) + 1;
    const { status, result, output } = await runNvim(
      {
        GATEWAY_TLS_ROOT: path.join(work, 'ws'),
        GATEWAY_TLS_FILE: file,
        GATEWAY_TLS_EXPECT: expected.join(','),
        GATEWAY_TLS_FIX_LINE: String(passthroughLine),
        GATEWAY_TLS_FIXED: 'listener-tls-mode-invalid',
      },
      work,
    );
    assert.ok(result, `nvim wrote no result (status ${status}); output:\n${output}`);
    assert.equal(result.error, undefined, `check.lua failed: ${result.error}`);
    const open = result.steps.find((s) => s.step === 'open');
    const got = codesOf(open);
    for (const code of expected) assert.ok(got.includes(code), `${code} expected from Neovim, got ${JSON.stringify(got)}`);
    for (const d of open!.diagnostics as NvimDiagnostic[]) assert.equal(d.source, 'gateway-tls');
    const fix = result.steps.find((s) => s.step === 'fix');
    assert.ok(fix?.ok, `listener-tls-mode-invalid should be gone after deleting the mode line, got ${JSON.stringify(codesOf(fix))}`);
    assert.equal(status, 0, output);
  });
});
