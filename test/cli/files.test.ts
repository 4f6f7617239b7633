// The CLI on hard file systems: an open-file limit far below the number of files, files that cannot be read (and
// what that must never become: a "missing Secret"), and GitHub Actions workflows (not Helm templates).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeCertificate, tlsSecretYaml } from '../helpers/certs';
import { configMapYaml, gatewayYaml } from '../helpers/manifests';
import { cleanUpAfterTests, tempWorkspace, writeWorkspaceFile } from '../lsp/workspace';

cleanUpAfterTests();

const CLI = join(process.cwd(), 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Gateway web/shop whose listener refers to Secret web/shop-cert; `extra` listeners are appended. */
function shopGateway(extra: Parameters<typeof gatewayYaml>[0]['listeners'] = []): string {
  return gatewayYaml({ name: 'shop', namespace: 'web', listeners: [{ name: 'https', hostname: 'shop.example.com', refs: ['shop-cert'] }, ...extra] });
}

async function shopSecret(): Promise<string> {
  const cert = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'] });
  return tlsSecretYaml('shop-cert', 'web', cert.certPem, cert.keyPem);
}

interface JsonReport {
  version: number;
  diagnostics: { file: string; code: string; severity: string }[];
  skipped: { file: string; reason: string; detail: string }[];
}

describe('gateway-tls check: file access', { timeout: 60_000 }, () => {
  test('under `ulimit -n 64`, 400 files in nested directories are all read: no false missing Secret, exit 0', async () => {
    const dir = tempWorkspace({ 'a/gateway.yaml': shopGateway(), 'zz/secret.yaml': await shopSecret() }, 'gtls-ulimit-');
    for (let i = 0; i < 400; i++) writeWorkspaceFile(dir, `filler/d${i % 10}/e${i % 7}/f${i}.yaml`, configMapYaml(`filler-${i}`, 'web', { key: `"${i}"` }));
    const result = spawnSync('bash', ['-c', `ulimit -n 64 && exec "${process.execPath}" "${CLI}" check --format json .`], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0, `exit ${result.status}\n${result.stderr}\n${result.stdout.slice(0, 2000)}`);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(report.skipped, [], 'every file was read');
    assert.deepEqual(report.diagnostics, []);
    const text = spawnSync('bash', ['-c', `ulimit -n 64 && exec "${process.execPath}" "${CLI}" check .`], { cwd: dir, encoding: 'utf8' });
    assert.match(text.stdout, /checked 402 files/);
  });

  // The unreadable file is a FIFO named zz/secret.yaml. Permissions cannot make a read fail when the tests run as
  // root (CI), but a FIFO is never a readable file for anyone: reading it would block until a writer appears, so the
  // reader must say so without opening it. A dangling symbolic link named on the command line is the second case.
  test('an unreadable file is listed in every format, exits 2 even with errors, and is never a missing Secret', async () => {
    const dir = tempWorkspace(
      {
        // One listener whose Secret would be in the unreadable file, and one with a mistake that needs no other file.
        'a/gateway.yaml': shopGateway([{ name: 'broken', hostname: 'b.example.com', mode: 'Passthrough', refs: ['b-cert'] }]),
      },
      'gtls-unreadable-',
    );
    mkdirSync(join(dir, 'zz'));
    assert.equal(spawnSync('mkfifo', [join(dir, 'zz', 'secret.yaml')]).status, 0, 'mkfifo');

    const json = run(['check', '.', '--format', 'json'], dir);
    assert.equal(json.status, 2, `an incomplete check exits 2 (even with errors): ${json.stderr}`);
    const report = JSON.parse(json.stdout) as JsonReport;
    assert.equal(report.version, 1);
    assert.deepEqual(report.skipped.map(({ file, reason }) => ({ file, reason })), [{ file: 'zz/secret.yaml', reason: 'unreadable' }]);
    assert.match(report.skipped[0]!.detail, /FIFO/);
    const codes = report.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('listener-tls-mode-invalid'), `findings of the files that were read are still reported: ${codes}`);
    assert.ok(!codes.includes('certificate-secret-not-found'), `a Secret in an unread file is never reported missing: ${codes}`);

    const text = run(['check', '.'], dir);
    assert.equal(text.status, 2);
    assert.match(text.stdout, /could not read 1 file: zz\/secret\.yaml \(not a regular file: a FIFO\)/);
    assert.match(text.stdout, /incomplete/);
    assert.match(text.stdout, /1 finding that something is missing .* withheld/);

    const sarif = run(['check', '.', '--format', 'sarif'], dir);
    assert.equal(sarif.status, 2);
    const invocation = JSON.parse(sarif.stdout).runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    const unreadable = invocation.toolExecutionNotifications.filter((n: { descriptor: { id: string } }) => n.descriptor.id === 'unreadable');
    assert.equal(unreadable.length, 1);
    assert.equal(unreadable[0].locations[0].physicalLocation.artifactLocation.uri, 'zz/secret.yaml');
    assert.match(unreadable[0].message.text, /Could not read zz\/secret\.yaml/);

    // A dangling link named on the command line: unreadable (ENOENT), not "no such path" (bad usage).
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'link.yaml'));
    const linked = run(['check', 'a/gateway.yaml', 'link.yaml', '--format', 'json'], dir);
    assert.equal(linked.status, 2);
    assert.deepEqual((JSON.parse(linked.stdout) as JsonReport).skipped.map((s) => [s.file, s.reason]), [['link.yaml', 'unreadable']]);
  });

  // Root reads every directory whatever its mode, so this one runs only as another user (it is skipped in CI as root).
  test('an unreadable directory is listed (ending in /) and exits 2', { skip: process.getuid?.() === 0 ? 'runs as root: chmod cannot stop a read' : false }, () => {
    const dir = tempWorkspace({ 'ok/gw.yaml': gatewayYaml({ name: 'g', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] }), 'locked/x.yaml': 'a: 1\n' }, 'gtls-locked-');
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      const json = run(['check', '.', '--format', 'json'], dir);
      assert.equal(json.status, 2);
      const skipped = (JSON.parse(json.stdout) as JsonReport).skipped;
      assert.deepEqual(skipped.map((s) => [s.file, s.reason]), [['locked/', 'unreadable']]);
      assert.match(skipped[0]!.detail, /EACCES/);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  test('a complete check has executionSuccessful: true and an empty skipped list', () => {
    const dir = tempWorkspace({ 'gw.yaml': gatewayYaml({ name: 'g', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] }) }, 'gtls-ok-');
    const sarif = run(['check', '.', '--format', 'sarif'], dir);
    assert.equal(sarif.status, 0);
    const invocation = JSON.parse(sarif.stdout).runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, true);
    assert.equal(invocation.toolExecutionNotifications, undefined);
    assert.deepEqual((JSON.parse(run(['check', '.', '--format', 'json'], dir).stdout) as JsonReport).skipped, []);
  });

  test('GitHub Actions workflows (`${{ }}` expressions) are plain YAML, not skipped Helm templates', () => {
    const workflow = [
      'name: ci',
      'on: [push]',
      'jobs:',
      '  build:',
      '    runs-on: ${{ matrix.os }}',
      '    steps:',
      '    - run: echo "${{ github.ref }}"',
      '',
    ].join('\n');
    const dir = tempWorkspace(
      {
        '.github/workflows/ci.yaml': workflow,
        // Under .github, even a Go template in a shell step does not make a Helm template.
        '.github/workflows/inspect.yml': workflow + "    - run: docker inspect --format '{{ .State.Status }}' app\n",
        // Elsewhere, `${{ }}` alone is not a template action either.
        'deploy/action.yaml': 'name: deploy\nruns:\n  using: composite\n  steps:\n  - run: echo ${{ inputs.env }}\n    shell: bash\n',
        'chart/values-template.yaml': 'name: {{ .Values.name }}\n',
      },
      'gtls-gha-',
    );
    const json = run(['check', '.', '--format', 'json'], dir);
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout) as JsonReport;
    assert.deepEqual(report.skipped.map((s) => [s.file, s.reason]), [['chart/values-template.yaml', 'helm-template']]);
    assert.deepEqual(report.diagnostics, []);
    const text = run(['check', '.'], dir).stdout;
    assert.match(text, /checked 3 files, skipped 1 Helm template$/m);
  });
});
