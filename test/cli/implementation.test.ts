// The CLI's --implementation: auto (from the GatewayClass), none, or an id of the profiles; an unknown id is a usage
// error that lists the valid ids. A Gateway with client-certificate validation (spec.tls.frontend) on class `eg`
// (Envoy Gateway supports it) is reported feature-unsupported only when the flag names an implementation whose
// report lists it as unsupported (Cilium).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cleanUpAfterTests, tempWorkspace } from '../lsp/workspace';

cleanUpAfterTests();

const CLI = join(process.cwd(), 'dist', 'cli.js');

function run(args: string[], cwd = process.cwd()) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: shop
  namespace: edge
spec:
  gatewayClassName: eg
  tls:
    frontend:
      default:
        validation:
          caCertificateRefs:
          - kind: ConfigMap
            group: ""
            name: client-ca
  listeners:
  - name: https
    protocol: HTTPS
    port: 443
    hostname: shop.example.com
    tls:
      certificateRefs:
      - name: shop-cert
`;

function codes(dir: string, implementation?: string): string[] {
  const { status, stdout, stderr } = run(['check', '.', '--format', 'json', ...(implementation === undefined ? [] : ['--implementation', implementation])], dir);
  assert.ok(status === 0 || status === 1, `exit ${status}: ${stderr}`);
  return (JSON.parse(stdout) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
}

describe('CLI --implementation', () => {
  test('auto, none and ids are accepted; the id decides what is unsupported', () => {
    const dir = tempWorkspace({ 'gateway.yaml': GATEWAY }, 'gateway-tls-cli-impl-');
    assert.ok(!codes(dir).includes('feature-unsupported'), 'eg is Envoy Gateway, which supports frontend validation');
    assert.ok(!codes(dir, 'auto').includes('feature-unsupported'));
    assert.ok(!codes(dir, 'envoyproxy/envoy-gateway').includes('feature-unsupported'));
    assert.ok(codes(dir, 'cilium/cilium').includes('feature-unsupported'), 'Cilium\'s report lists frontend validation as unsupported');
    assert.ok(!codes(dir, 'none').includes('feature-unsupported'));
  });

  test('an unknown id is a usage error naming the near id and listing the valid ones', () => {
    const { status, stdout, stderr } = run(['check', 'examples/tls-basic', '--implementation', 'envoy-gateway']);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /--implementation takes auto, none or an implementation id, not "envoy-gateway" \(did you mean "envoyproxy\/envoy-gateway"\?\)/);
    assert.match(stderr, /Ids: .*istio\/istio/);
    assert.equal(run(['check', 'examples/tls-basic', '--implementation', '']).status, 2);
  });

  test('--help documents the flag', () => {
    assert.match(run(['--help']).stdout, /--implementation ID\|auto\|none/);
  });
});
