// The CLI with Kustomize builds, end to end: root kustomizations under the checked paths are built with the real
// kustomize (findings on the source lines, naming the overlay; failed builds as warnings), or, without kustomize or
// with --kustomize=off, the files are checked as written and the output says so once (text line, JSON, SARIF).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeCertificate, tlsSecretYaml } from '../helpers/certs';
import { kustomizeOrSkip } from '../helpers/kustomize';
import { shopGatewayYaml } from '../helpers/manifests';
import { lineOf } from '../helpers/service';
import { cleanUpAfterTests, tempWorkspace, writeWorkspaceFile } from '../lsp/workspace';

cleanUpAfterTests();

const CLI = join(process.cwd(), 'dist', 'cli.js');

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - start };
}

interface JsonDiagnostic {
  file: string;
  line: number;
  severity: string;
  code: string;
  message: string;
}

interface JsonReport {
  version: number;
  diagnostics: JsonDiagnostic[];
  skipped: unknown[];
  kustomize: { mode: string; tool?: string; roots: number; rootsBuilt: number; rootsFailed: number; reason?: string };
}

function json(args: string[], cwd: string, env?: NodeJS.ProcessEnv): { status: number | null; report: JsonReport; stderr: string; ms: number } {
  const { status, stdout, stderr, ms } = run([...args, '--format', 'json'], cwd, env);
  assert.ok(stdout, `no output (exit ${status}): ${stderr}`);
  return { status, report: JSON.parse(stdout) as JsonReport, stderr, ms };
}

const GATEWAY = shopGatewayYaml({ namespace: 'web' });
/** 1-based line of `- name: shop-cert` in GATEWAY. */
const REF_LINE = lineOf(GATEWAY, '- name: shop-cert') + 1;
/** GATEWAY without `tls:`: nothing to look up. */
const BARE_GATEWAY = shopGatewayYaml({ namespace: 'web', tls: false });

/** A base Gateway and Secret, and an overlay whose namePrefix renames the Secret but not the Gateway's reference. */
async function prefixWorkspace(): Promise<string> {
  const pem = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'] });
  return tempWorkspace(
    {
      'base/kustomization.yaml': 'resources:\n- gateway.yaml\n- secret.yaml\n',
      'base/gateway.yaml': GATEWAY,
      'base/secret.yaml': tlsSecretYaml('shop-cert', 'web', pem.certPem, pem.keyPem),
      'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources:\n- ../../base\n',
    },
    'gtls-kz-cli-',
  );
}

/** A directory whose only program is node (for a PATH with neither kustomize nor kubectl). */
function pathWithOnlyNode(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gtls-kz-path-'));
  symlinkSync(process.execPath, join(dir, 'node'));
  return dir;
}

describe('gateway-tls check: Kustomize builds', { timeout: 120_000 }, () => {
  test('an overlay namePrefix renames the base Secret: kustomize-ref-not-renamed on the base line, naming the overlay; exit 1', async (t) => {
    const tool = await kustomizeOrSkip(t);
    if (!tool) return;
    const dir = await prefixWorkspace();
    const { status, report, stderr } = json(['check', '.'], dir);
    assert.equal(status, 1, stderr);
    assert.equal(report.version, 1);
    const renamed = report.diagnostics.filter((d) => d.code === 'kustomize-ref-not-renamed');
    assert.equal(renamed.length, 1, JSON.stringify(report.diagnostics));
    assert.equal(renamed[0]!.file, 'base/gateway.yaml');
    assert.equal(renamed[0]!.line, REF_LINE);
    assert.equal(renamed[0]!.severity, 'error');
    assert.match(renamed[0]!.message, /^in overlay overlays\/prod:/);
    assert.deepEqual({ ...report.kustomize, tool: undefined }, { mode: 'builds', tool: undefined, roots: 1, rootsBuilt: 1, rootsFailed: 0 });
    assert.match(report.kustomize.tool!, /kustomize v\d+\.\d+\.\d+/);

    const text = run(['check', '.'], dir).stdout;
    assert.match(text, /^kustomize: 1 root built, 0 failed \(.*kustomize v\d+\.\d+\.\d+\)\)?$/m);
    assert.doesNotMatch(text, /Kustomize builds not checked/);
  });

  test('a build that fails (a missing resource): one kustomize-build-failed warning on its kustomization, line 1; exit 0', async (t) => {
    const tool = await kustomizeOrSkip(t);
    if (!tool) return;
    const dir = tempWorkspace({ 'overlays/x/kustomization.yaml': 'resources:\n- missing.yaml\n', 'apps/gateway.yaml': BARE_GATEWAY }, 'gtls-kz-cli-');
    const { status, report } = json(['check', '.'], dir);
    const failed = report.diagnostics.filter((d) => d.code === 'kustomize-build-failed');
    assert.equal(failed.length, 1, JSON.stringify(report.diagnostics));
    assert.deepEqual({ file: failed[0]!.file, line: failed[0]!.line, severity: failed[0]!.severity }, { file: 'overlays/x/kustomization.yaml', line: 1, severity: 'warning' });
    assert.match(failed[0]!.message, /missing\.yaml/);
    assert.deepEqual([report.kustomize.mode, report.kustomize.rootsBuilt, report.kustomize.rootsFailed], ['builds', 0, 1]);
    assert.equal(status, 0, 'a failed build is a warning, not a failure of the run');

    const text = run(['check', '.'], dir);
    assert.match(text.stdout, /^kustomize: 0 roots built, 1 failed \(/m);
    assert.equal(text.stdout.match(/kustomize-build-failed/g)?.length, 1, 'the failure is reported once, as a diagnostic');
    assert.equal(run(['check', '.', '--max-warnings', '0'], dir).status, 1);
  });

  test('--kustomize=off: files as written (no kustomize-ref-not-renamed), said once in text, JSON and SARIF', async () => {
    const dir = await prefixWorkspace();
    const { status, report } = json(['check', '.', '--kustomize=off'], dir);
    assert.ok(!report.diagnostics.some((d) => d.code.startsWith('kustomize-')), JSON.stringify(report.diagnostics));
    assert.deepEqual(report.kustomize, { mode: 'files', roots: 1, rootsBuilt: 0, rootsFailed: 0, reason: '--kustomize=off' });
    assert.equal(status, 0);

    const text = run(['check', '.', '--kustomize', 'off'], dir);
    assert.equal(text.status, 0);
    assert.equal(text.stdout.match(/Kustomize builds not checked/g)?.length, 1, text.stdout);
    assert.match(text.stdout, /^Kustomize builds not checked: --kustomize=off$/m);

    const sarif = JSON.parse(run(['check', '.', '--kustomize=off', '--format', 'sarif'], dir).stdout);
    assert.deepEqual(sarif.runs[0].properties.kustomize, report.kustomize);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
    assert.deepEqual(
      notes.map((n: { level: string; descriptor: { id: string } }) => [n.level, n.descriptor.id]),
      [['note', 'kustomize-not-built']],
    );
    assert.match(notes[0].message.text, /--kustomize=off/);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
  });

  test('no kustomize on PATH: files mode with a reason naming --kustomize-command, same result as --kustomize=off', async () => {
    const dir = await prefixWorkspace();
    const bin = pathWithOnlyNode();
    try {
      const env = { ...process.env, PATH: bin };
      const { status, report } = json(['check', '.'], dir, env);
      assert.equal(report.kustomize.mode, 'files');
      assert.equal(report.kustomize.roots, 1);
      assert.match(report.kustomize.reason!, /--kustomize-command/);
      assert.match(report.kustomize.reason!, /kustomize.*not found/);
      const off = json(['check', '.', '--kustomize=off'], dir);
      assert.equal(status, off.status);
      assert.deepEqual(report.diagnostics, off.report.diagnostics);
      const text = run(['check', '.'], dir, env).stdout;
      assert.equal(text.match(/Kustomize builds not checked/g)?.length, 1, text);
      assert.match(text, /--kustomize-command/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  test('--kustomize-command /nonexistent/kustomize: files mode with the reason', async () => {
    const dir = await prefixWorkspace();
    const { status, report } = json(['check', '.', '--kustomize-command', '/nonexistent/kustomize'], dir);
    assert.equal(report.kustomize.mode, 'files');
    assert.match(report.kustomize.reason!, /\/nonexistent\/kustomize` was not found/);
    assert.ok(!report.diagnostics.some((d) => d.code.startsWith('kustomize-')));
    assert.equal(status, 0);
    const text = run(['check', '.', '--kustomize-command', '/nonexistent/kustomize'], dir).stdout;
    assert.match(text, /^Kustomize builds not checked: `\/nonexistent\/kustomize` was not found/m);
  });

  test('no kustomizations: nothing said, and kustomize detection never runs', () => {
    const dir = tempWorkspace({ 'gw.yaml': BARE_GATEWAY }, 'gtls-kz-cli-');
    // A "kustomize" that leaves a mark when anyone runs it.
    const marker = join(dir, 'ran');
    const fake = writeWorkspaceFile(dir, 'bin/kustomize', `#!/bin/sh\ntouch '${marker}'\necho v5.0.0\n`);
    spawnSync('chmod', ['+x', fake]);
    const { report } = json(['check', 'gw.yaml', '--kustomize-command', fake], dir);
    assert.deepEqual(report.kustomize, { mode: 'files', roots: 0, rootsBuilt: 0, rootsFailed: 0 });
    const text = run(['check', 'gw.yaml', '--kustomize-command', fake], dir).stdout;
    assert.doesNotMatch(text, /kustomize/i);
    const sarif = JSON.parse(run(['check', 'gw.yaml', '--format', 'sarif'], dir).stdout);
    assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications, undefined);
    assert.ok(!existsSync(marker), 'detection spawned the kustomize command');
  });

  test('bad --kustomize values are usage errors (exit 2)', () => {
    const dir = tempWorkspace({}, 'gtls-kz-cli-');
    for (const args of [['--kustomize', 'on'], ['--kustomize=builds'], ['--kustomize-command', ' ']]) {
      const { status, stderr } = run(['check', '.', ...args], dir);
      assert.equal(status, 2, args.join(' '));
      assert.match(stderr, /gateway-tls: --kustomize/);
    }
    assert.match(run(['--help'], dir).stdout, /--kustomize auto\|off[^]*--kustomize-command CMD/);
  });

  test('a remote base without network: kustomize-build-failed within the timeout', async (t) => {
    const tool = await kustomizeOrSkip(t);
    if (!tool) return;
    const dir = tempWorkspace(
      { 'remote/kustomization.yaml': 'resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v1.0.6\n' },
      'gtls-kz-cli-',
    );
    const { status, report, ms } = json(['check', '.'], dir, { ...process.env, GIT_TERMINAL_PROMPT: '0' });
    assert.ok(ms < 25_000, `took ${Math.round(ms)} ms`);
    assert.equal(status, 0);
    // With network the build may succeed; without (here) it must fail, once, as a warning.
    if (report.kustomize.rootsBuilt === 1) return;
    assert.deepEqual(
      report.diagnostics.map((d) => [d.file, d.line, d.code]),
      [['remote/kustomization.yaml', 1, 'kustomize-build-failed']],
    );
  });

  test('SARIF carries the builds status in runs[0].properties.kustomize and the findings as results', async (t) => {
    const tool = await kustomizeOrSkip(t);
    if (!tool) return;
    const dir = await prefixWorkspace();
    const { status, stdout } = run(['check', '.', '--format', 'sarif'], dir);
    assert.equal(status, 1);
    const run0 = JSON.parse(stdout).runs[0];
    assert.equal(run0.properties.kustomize.mode, 'builds');
    assert.equal(run0.properties.kustomize.rootsBuilt, 1);
    assert.equal(run0.properties.kustomize.rootsFailed, 0);
    assert.match(run0.properties.kustomize.tool, /kustomize v\d/);
    assert.equal(run0.invocations[0].toolExecutionNotifications, undefined);
    const result = run0.results.find((r: { ruleId: string }) => r.ruleId === 'kustomize-ref-not-renamed');
    assert.ok(result, JSON.stringify(run0.results));
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'base/gateway.yaml');
    assert.equal(result.locations[0].physicalLocation.region.startLine, REF_LINE);
  });
});
