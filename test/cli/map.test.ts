// `gateway-tls map` end to end on a fixture workspace on disk: the JSON contract (version 1, the tree, files and
// lines), the text tree, the Mermaid flowchart, exit codes; and the promise that the map and the rules share one
// model: every problem `check` reports inside a listener appears on that listener in the map.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { ReportedTlsMap } from '../../server/src/report/mapJson';
import { lineOf } from '../helpers/service';
import { GATEWAY, tlsMapFixture } from '../helpers/tlsMapFixture';
import { cleanUpAfterTests, tempWorkspace } from '../lsp/workspace';

cleanUpAfterTests();

const CLI = join(process.cwd(), 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let ws: string;

before(async () => {
  ws = tempWorkspace(await tlsMapFixture(), 'gateway-tls-map-');
});

describe('gateway-tls map', () => {
  test('--format json: version 1, the Gateway → listener → certificate and routes tree, with files and 1-based lines', () => {
    const { status, stdout } = run(['map', '.', '--format', 'json', '--kustomize', 'off'], ws);
    assert.equal(status, 0, 'the map is informational: exit 0 even with problems');
    const map = JSON.parse(stdout) as ReportedTlsMap;
    assert.equal(map.version, 1);
    const [gateway] = map.gateways;
    assert.deepEqual([gateway!.namespace, gateway!.name, gateway!.className, gateway!.location], ['infra', 'edge', 'acme', { file: 'gateway.yaml', line: lineOf(GATEWAY, 'name: edge') + 1, column: 9 }]);
    const summary = gateway!.listeners.map((l) => ({
      listener: `${l.name} ${l.protocol}/${l.port} ${l.hostname} ${l.mode} @${l.location?.line}`,
      certificates: l.certificates.map((c) => `${c.namespace}/${c.name} ${c.producer} ${c.status} ${c.location?.file}`),
      routes: l.routes.map((r) => `${r.kind} ${r.namespace}/${r.name} [${r.hostnames.join(',')}] ${r.location?.file}:${r.location?.line}`),
    }));
    assert.deepEqual(summary, [
      {
        listener: `wildcard HTTPS/443 *.example.com Terminate @${lineOf(GATEWAY, '- name: wildcard') + 1}`,
        certificates: ['infra/wildcard-cert Secret ok secrets.yaml'],
        routes: ['HTTPRoute infra/shop [blog.example.com] routes.yaml:4'],
      },
      {
        listener: `shop HTTPS/443 shop.example.com Terminate @${lineOf(GATEWAY, '- name: shop') + 1}`,
        certificates: ['infra/shop-cert Secret expiring secrets.yaml'],
        routes: ['HTTPRoute infra/shop [shop.example.com] routes.yaml:4'],
      },
      {
        listener: `api HTTPS/443 api.example.org Terminate @${lineOf(GATEWAY, '- name: api') + 1}`,
        certificates: ['infra/api-cert cert-manager Certificate api unknown certificate.yaml'],
        routes: ['HTTPRoute infra/api [api.example.org] routes.yaml:14'],
      },
      {
        listener: `legacy HTTPS/443 legacy.example.net Terminate @${lineOf(GATEWAY, '- name: legacy') + 1}`,
        certificates: ['infra/legacy-cert null unknown gateway.yaml'],
        routes: [],
      },
    ]);
    const legacy = gateway!.listeners[3]!;
    assert.deepEqual(legacy.problems.map((p) => [p.code, p.severity, p.file, p.line]), [['certificate-secret-not-found', 'warning', 'gateway.yaml', lineOf(GATEWAY, 'name: legacy-cert') + 1]]);
    assert.ok(!stdout.includes('PRIVATE KEY'));
  });

  test('every problem `check` reports inside a listener appears on that listener in the map (one model, no second resolver)', () => {
    const check = run(['check', '.', '--format', 'json', '--kustomize', 'off'], ws);
    const diagnostics = (JSON.parse(check.stdout) as { diagnostics: { file: string; line: number; endLine: number; code: string }[] }).diagnostics;
    const map = JSON.parse(run(['map', '.', '--format', 'json', '--kustomize', 'off'], ws).stdout) as ReportedTlsMap;
    // A listener's extent: from its `- name:` line to the line before the next listener (or the end of the Gateway).
    const listeners = map.gateways.flatMap((g) => g.listeners.map((l, i, all) => ({ l, file: l.location!.file, from: l.location!.line, to: all[i + 1]?.location?.line ?? Infinity })));
    let inside = 0;
    for (const d of diagnostics) {
      const owner = listeners.find((x) => x.file === d.file && d.line >= x.from && d.endLine < x.to);
      if (!owner) continue;
      inside++;
      assert.ok(owner.l.problems.some((p) => p.code === d.code && p.line === d.line), `${d.code} at ${d.file}:${d.line} is on listener ${owner.l.name} in the map`);
    }
    assert.ok(inside >= 2, `the fixture has problems inside listeners (${inside})`);
    // And the other way round: nothing in the map that check does not report.
    for (const { l } of listeners) for (const p of l.problems) assert.ok(diagnostics.some((d) => d.code === p.code && d.file === p.file && d.line === p.line), `${p.code} at ${p.file}:${p.line} is reported by check`);
  });

  test('--format text: an indented tree with ✓/⚠/✖ markers and file:line', () => {
    const { status, stdout } = run(['map', '--format', 'text', '--kustomize', 'off'], ws);
    assert.equal(status, 0);
    const lines = stdout.split('\n');
    assert.match(lines[0]!, /^[✓⚠✖] Gateway infra\/edge \(class acme\)  \(gateway\.yaml:\d+\)$/);
    assert.ok(lines.some((l) => /^ {2}✓ listener wildcard: HTTPS 443 \*\.example\.com Terminate {2}\(gateway\.yaml:\d+\)$/.test(l)), stdout);
    assert.ok(lines.some((l) => /^ {6}⚠ certificate infra\/shop-cert: Secret, CN=shop, SANs shop\.example\.com, expires \d{4}-\d\d-\d\d \(in \d+ days\)/.test(l)), stdout);
    assert.ok(lines.some((l) => /^ {2}⚠ listener legacy: /.test(l)), stdout);
    assert.ok(lines.some((l) => /^ {6}⚠ certificate-secret-not-found: /.test(l)), stdout);
    assert.ok(lines.some((l) => /^ {6}✓ HTTPRoute infra\/shop → blog\.example\.com {2}\(routes\.yaml:4\)$/.test(l)), stdout);
  });

  test('--format mermaid: a flowchart LR of gateway → listener → certificate and listener → route, problem listeners styled', () => {
    const { status, stdout } = run(['map', '.', '--format', 'mermaid', '--kustomize', 'off'], ws);
    assert.equal(status, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'flowchart LR');
    assert.ok(lines.includes('  gw0[["Gateway infra/edge"]]'), stdout);
    const legacy = lines.find((l) => l.includes('("legacy<br/>'))!;
    const legacyId = /^ {2}(\w+)\(/.exec(legacy)![1]!;
    assert.ok(lines.includes(`  gw0 --> ${legacyId}`));
    assert.ok(lines.some((l) => l.startsWith('  classDef warning ')));
    assert.ok(lines.some((l) => /^ {2}class .*\bwarning$/.test(l) && l.includes(legacyId)), stdout);
    assert.ok(lines.some((l) => /-\. "blog\.example\.com" \.-> r\d+$/.test(l)), stdout);
    assert.equal(lines.filter((l) => /^ {2}r\d+\["HTTPRoute infra\/shop"\]$/.test(l)).length, 1, 'a route on two listeners is one node');
  });

  test('usage errors exit 2: an unknown format, a check-only option', () => {
    assert.equal(run(['map', '--format', 'sarif'], ws).status, 2);
    assert.equal(run(['map', '--max-warnings', '3'], ws).status, 2);
    assert.equal(run(['check', '--format', 'mermaid'], ws).status, 2);
  });
});
