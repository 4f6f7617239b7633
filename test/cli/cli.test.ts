// The CLI end to end on the bundled examples: every format, the exit codes, the JSON contract and SARIF's shape.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cleanUpAfterTests, tempWorkspace, writeWorkspaceFile } from '../lsp/workspace';

cleanUpAfterTests();

const CLI = join(process.cwd(), 'dist', 'cli.js');

function run(args: string[], cwd = process.cwd()) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every `# BROKEN <code>` comment in the examples, with the 1-based line range of the block it describes. */
function expectedFromComments(): { file: string; code: string; from: number; to: number }[] {
  // Top-level files; a folder (broken/kustomize/) is a workspace of its own, checked by test/cli/kustomize.test.ts.
  return readdirSync('examples/broken', { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).flatMap((name) => {
    const file = `examples/broken/${name}`;
    const lines = readFileSync(file, 'utf8').split('\n');
    const marks = lines.flatMap((l, i) => {
      const m = /# BROKEN ([a-z-]+)/.exec(l);
      return m ? [{ code: m[1]!, line: i + 1 }] : [];
    });
    // A mark covers the lines up to the next mark or the next document.
    return marks.map((m) => {
      let to = m.line + 1;
      while (to < lines.length && !lines[to]!.startsWith('---') && !/# BROKEN /.test(lines[to]!)) to++;
      return { file, code: m.code, from: m.line + 1, to };
    });
  });
}

describe('gateway-tls check examples', () => {
  test('--format json follows the contract and reports each broken listener where the comment says', () => {
    const { status, stdout } = run(['check', 'examples', '--format', 'json']);
    assert.equal(status, 1, 'errors found → exit 1');
    const report = JSON.parse(stdout);
    assert.equal(report.version, 1);
    assert.ok(Array.isArray(report.diagnostics));
    for (const d of report.diagnostics) {
      assert.deepEqual(Object.keys(d).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity));
      assert.ok(d.line >= 1 && d.column >= 1 && d.endLine >= d.line);
      assert.ok(!d.file.startsWith('/'), 'file is relative to the working directory');
      assert.ok(d.message.length > 20, `message too terse: ${d.message}`);
    }
    const expectations = expectedFromComments();
    assert.ok(expectations.length >= 14, 'the broken examples carry their BROKEN comments');
    for (const expected of expectations) {
      const hit = report.diagnostics.find(
        (d: { file: string; code: string; line: number }) => d.file === expected.file && d.code === expected.code && d.line >= expected.from && d.line <= expected.to,
      );
      assert.ok(hit, `expected ${expected.code} in ${expected.file} lines ${expected.from}-${expected.to}`);
    }
    assert.ok(report.diagnostics.some((d: { code: string }) => d.code === 'yaml-syntax'));
    // The wildcard example is the layout HTTP/2 connection coalescing is about (*.example.com and foo.example.com
    // with different certificates on one port); its class names no known implementation, so it is only info.
    const coalescing = (d: { file: string; code: string; severity: string }) => d.file === 'examples/wildcard/gateway.yaml' && d.code === 'listener-connection-coalescing' && d.severity === 'info';
    assert.equal(report.diagnostics.filter(coalescing).length, 1, 'the wildcard example gets the coalescing info');
    const valid = report.diagnostics.filter((d: { file: string; code: string; severity: string }) => !d.file.startsWith('examples/broken/') && !coalescing(d));
    assert.deepEqual(valid, [], 'the valid examples are clean');
  });

  test('--format text prints file:line:col  severity  message  code and a summary with skipped Helm templates', () => {
    const { status, stdout } = run(['check', 'examples']);
    assert.equal(status, 1);
    assert.match(stdout, /^examples\/broken\/gateway-listeners\.yaml:\d+:\d+ {2}error {2}.+ {2}listener-tls-not-allowed$/m);
    assert.match(stdout, /✖ \d+ problems \(\d+ errors, \d+ warnings/);
    assert.match(stdout, /skipped 1 Helm template/);
  });

  test('--format sarif is SARIF 2.1.0 with one rule per code and results pointing into the files', () => {
    const { status, stdout } = run(['check', 'examples', '--format', 'sarif']);
    assert.equal(status, 1);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'gateway-tls');
    const ruleIds = run0.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.equal(new Set(ruleIds).size, ruleIds.length, 'one rule per code');
    for (const rule of run0.tool.driver.rules) assert.ok(rule.shortDescription.text);
    assert.ok(run0.results.length > 0);
    for (const r of run0.results) {
      assert.ok(ruleIds.includes(r.ruleId));
      assert.equal(run0.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      assert.ok(['error', 'warning', 'note', 'none'].includes(r.level));
      assert.ok(r.message.text);
      const loc = r.locations[0].physicalLocation;
      assert.match(loc.artifactLocation.uri, /^examples\//);
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
  });

  test('a clean tree exits 0; --max-warnings turns warnings into failure', () => {
    assert.equal(run(['check', 'examples/tls-basic']).status, 0);
    const dir = tempWorkspace({}, 'gtls-cli-');
    writeWorkspaceFile(
      dir,
      'gw.yaml',
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  gatewayClassName: x\n  listeners:\n  - name: https\n    protocol: HTTPS\n    port: 443\n',
    );
    const lenient = run(['check', '.', '--format', 'json'], dir);
    assert.equal(lenient.status, 0);
    assert.ok(JSON.parse(lenient.stdout).diagnostics.some((d: { severity: string }) => d.severity === 'warning'));
    assert.equal(run(['check', '.', '--max-warnings', '0'], dir).status, 1);
    assert.equal(run(['check', '.', '--severity', 'listener-tls-missing=off', '--max-warnings', '0'], dir).status, 0);
  });

  test('bad usage and missing paths exit 2 with a message', () => {
    for (const args of [['lint'], ['check', '--format', 'xml'], ['check', 'no/such/dir'], ['check', '--severity', 'nope=error'], ['check', '--bogus']]) {
      const { status, stderr } = run(args);
      assert.equal(status, 2, args.join(' '));
      assert.match(stderr, /gateway-tls: /);
    }
  });

  test('hostile files never crash the CLI', () => {
    const dir = tempWorkspace({}, 'gtls-bad-');
    writeWorkspaceFile(dir, 'binary.yaml', Buffer.from([0, 1, 2, 3, 255, 254]));
    writeWorkspaceFile(dir, 'bomb.yaml', 'apiVersion: v1\nkind: Secret\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n');
    writeWorkspaceFile(dir, 'deep.yaml', 'apiVersion: v1\nkind: Secret\ndata: ' + '['.repeat(10000) + ']'.repeat(10000) + '\n');
    writeWorkspaceFile(dir, 'sub/huge.yaml', 'apiVersion: v1\nkind: ConfigMap\n' + '# padding\n'.repeat(300000));
    writeWorkspaceFile(dir, 'text.yaml', 'this is: [not: {yaml\n\u0007 at all: "');
    const { status, stdout, stderr } = run(['check', '.', '--format', 'json'], dir);
    assert.ok(status === 0 || status === 1, `exit ${status}: ${stderr}`);
    const report = JSON.parse(stdout);
    const codes = report.diagnostics.map((d: { file: string; code: string }) => `${d.file}:${d.code}`);
    assert.ok(codes.includes('bomb.yaml:yaml-syntax'), 'alias bomb reported');
    assert.ok(codes.includes('deep.yaml:yaml-syntax'), 'deep nesting reported');
    assert.ok(!codes.some((c: string) => c.startsWith('binary.yaml') || c.startsWith('sub/huge.yaml')));
    const text = run(['check', '.'], dir).stdout;
    assert.match(text, /too large/);
    assert.match(text, /binary/);
  });
});
