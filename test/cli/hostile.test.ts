// Hostile input (issue 9) through the CLI: what a manifest or a file name holds must not reach the terminal raw,
// and a file with lone carriage returns reads as YAML does.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { cleanUpAfterTests, tempWorkspace, writeWorkspaceFile } from '../lsp/workspace';

cleanUpAfterTests();

const CLI = join(process.cwd(), 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const gateway = (protocol: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  gatewayClassName: x\n  listeners:\n  - name: web\n    port: 443\n    protocol: ${protocol}\n`;

// A control character other than tab anywhere in the text output.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

test('D13: terminal escapes in a YAML value and a line break in a file name are escaped in text output', () => {
  const dir = tempWorkspace({
    'title.yaml': gateway('"\\e]0;pwned\\a\\e[2J"'),
    'evil\nok.yaml: 1:1  error  all good\n.yaml': gateway('"X\\nfake.yaml:1:1  error  injected  schema"'),
  }, 'gtls-hostile-');
  const { stdout } = run(['check', '.'], dir);
  for (const line of stdout.split('\n')) assert.doesNotMatch(line, CONTROL, JSON.stringify(line));
  assert.match(stdout, /\\x1b\]0;pwned\\x07\\x1b\[2J/);
  assert.match(stdout, /evil\\nok\.yaml: 1:1  error  all good\\n\.yaml:/);
  // No line of the output starts with what the manifest tried to inject.
  assert.ok(!stdout.split('\n').some((l) => l.startsWith('fake.yaml') || l.startsWith('ok.yaml')), stdout);
  // JSON keeps the exact text (JSON escapes it itself).
  const json = JSON.parse(run(['check', '.', '--format', 'json'], dir).stdout);
  assert.ok(json.diagnostics.some((d: { file: string }) => d.file === 'evil\nok.yaml: 1:1  error  all good\n.yaml'));
});

test('D12: a file with lone carriage returns gets no false yaml-syntax errors', () => {
  const dir = tempWorkspace({ 'cr.yaml': gateway('HTTPS').replace(/\n/g, '\r') }, 'gtls-cr-');
  const { stdout } = run(['check', '.', '--format', 'json'], dir);
  const diagnostics = JSON.parse(stdout).diagnostics as { code: string; line: number }[];
  assert.deepEqual(diagnostics.filter((d) => d.code === 'yaml-syntax'), []);
  const missing = diagnostics.find((d) => d.code === 'listener-tls-missing');
  assert.ok(missing, JSON.stringify(diagnostics));
  assert.ok(missing.line >= 8 && missing.line <= 10, JSON.stringify(missing));
});

test('a UTF-16 file is skipped with a detail that says to save it as UTF-8', () => {
  const dir = tempWorkspace({ 'ok.yaml': gateway('HTTP') }, 'gtls-utf16-');
  writeWorkspaceFile(dir, 'utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(gateway('HTTPS'), 'utf16le')]));
  const report = JSON.parse(run(['check', '.', '--format', 'json'], dir).stdout);
  assert.deepEqual(report.skipped, [{ file: 'utf16.yaml', reason: 'binary', detail: 'UTF-16 text; save it as UTF-8' }]);
});

test('a directory deeper than PATH_MAX is reported as unread (exit 2), never silently unchecked', () => {
  const dir = tempWorkspace({ 'top.yaml': gateway('HTTP') }, 'gtls-deep-');
  // 22 levels of 200-character names: over Linux's 4,096-byte PATH_MAX, made with relative steps as a shell can.
  const name = 'd'.repeat(200);
  const made = spawnSync('bash', ['-c', `cd "$1" && for i in $(seq 22); do mkdir ${name} && cd ${name} || exit 1; done && printf 'apiVersion: v1\\nkind: Secret\\nmetadata:\\n  name: deep\\n' > deep.yaml`, 'make', dir]);
  try {
    assert.equal(made.status, 0, String(made.stderr));
    const { status, stdout } = run(['check', '.', '--format', 'json'], dir);
    assert.equal(status, 2, stdout);
    const skipped = JSON.parse(stdout).skipped as { file: string; reason: string; detail: string }[];
    assert.ok(skipped.some((s) => s.reason === 'unreadable' && /ENAMETOOLONG/.test(s.detail)), JSON.stringify(skipped).slice(0, 500));
  } finally {
    // Node's rmSync cannot remove what it cannot name; rm walks the tree relative to each directory.
    spawnSync('rm', ['-rf', join(dir, name)]);
  }
});
