// BackendTLSPolicy navigation: definition from target refs to the Service (and from sectionName to the port
// entry) and from CA refs to the ConfigMap (its ca.crt key); references from a Service to the policies on it;
// and the code lens on each policy (what it applies to, who overrides it, a missing target).
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { CodeLens, Location, Position } from 'vscode-languageserver-types';
import { backendTlsPolicyYaml as policy, configMapYaml, documents, serviceYaml } from '../helpers/manifests';
import { covered, serviceWith } from '../helpers/service';
import { positionOf } from '../lsp/client';

const ROOT = 'file:///workspace/';

const SERVICES = documents(serviceYaml('auth-service', 'backend', [{ name: 'https', port: 443 }, { name: 'metrics', port: 9090 }]), serviceYaml('billing', 'backend', [{ port: 443 }]));

const CONFIG_MAPS = documents(configMapYaml('auth-ca', 'backend', { 'ca.crt': 'x' }), configMapYaml('empty-ca', 'backend', { other: 'x' }));

function definition(files: Record<string, string>, file: string, at: Position): string[] {
  return covered(files, serviceWith(files).doDefinition(ROOT + file, at));
}

describe('go to definition from a BackendTLSPolicy', () => {
  test('from a target ref to the Service, from sectionName to its port entry', () => {
    const files = { 'services.yaml': SERVICES, 'policy.yaml': policy({ section: 'metrics' }) };
    const text = files['policy.yaml'];
    assert.deepEqual(definition(files, 'policy.yaml', positionOf(text, 'auth-service', 2)), ['services.yaml:4:auth-service']);
    assert.deepEqual(definition(files, 'policy.yaml', positionOf(text, 'kind: Service', 2)), ['services.yaml:4:auth-service']);
    assert.deepEqual(definition(files, 'policy.yaml', positionOf(text, 'metrics', 1)), ['services.yaml:10:metrics']);
    // Elsewhere in the policy: nothing.
    assert.deepEqual(definition(files, 'policy.yaml', positionOf(text, 'hostname')), []);
  });

  test('v1alpha2 targetRef, also into another namespace', () => {
    const old = 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: BackendTLSPolicy\nmetadata:\n  name: p\n  namespace: web\nspec:\n  targetRef:\n    group: ""\n    kind: Service\n    name: billing\n    namespace: backend\n  tls:\n    wellKnownCACerts: System\n    hostname: billing.example.com\n';
    const files = { 'services.yaml': SERVICES, 'policy.yaml': old };
    assert.deepEqual(definition(files, 'policy.yaml', positionOf(old, 'billing')), ['services.yaml:16:billing']);
  });

  test('from a CA ref to the ConfigMap\'s ca.crt key, or to its name when it has none', () => {
    const files = { 'services.yaml': SERVICES, 'cms.yaml': CONFIG_MAPS, 'policy.yaml': policy({ ca: 'auth-ca' }), 'empty.yaml': policy({ name: 'e', ca: 'empty-ca' }) };
    assert.deepEqual(definition(files, 'policy.yaml', positionOf(files['policy.yaml'], 'auth-ca')), ['cms.yaml:7:ca.crt']);
    assert.deepEqual(definition(files, 'empty.yaml', positionOf(files['empty.yaml'], 'empty-ca')), ['cms.yaml:12:empty-ca']);
    // A missing target or ConfigMap: nothing to go to.
    const missing = { 'policy.yaml': policy({ target: 'nope', ca: 'nope-ca' }) };
    assert.deepEqual(definition(missing, 'policy.yaml', positionOf(missing['policy.yaml'], 'nope')), []);
    assert.deepEqual(definition(missing, 'policy.yaml', positionOf(missing['policy.yaml'], 'nope-ca')), []);
  });
});

describe('find references from a Service', () => {
  test('every policy targeting it, whole-Service and per-port; none for another Service', () => {
    const files = {
      'services.yaml': SERVICES,
      'a.yaml': policy({ name: 'a' }),
      'b.yaml': policy({ name: 'b', section: 'https' }),
      'c.yaml': policy({ name: 'c', target: 'billing' }),
    };
    const service = serviceWith(files);
    const refs = covered(files, service.doReferences(`${ROOT}services.yaml`, positionOf(SERVICES, 'auth-service')));
    assert.deepEqual(refs.sort(), ['a.yaml:10:auth-service', 'b.yaml:10:auth-service']);
    // From anywhere in the Service document, e.g. a port.
    assert.equal(service.doReferences(`${ROOT}services.yaml`, positionOf(SERVICES, 'metrics')).length, 2);
    assert.deepEqual(covered(files, service.doReferences(`${ROOT}services.yaml`, positionOf(SERVICES, 'billing'))), ['c.yaml:10:billing']);
    // From a policy's target ref: every policy on the same Service.
    assert.deepEqual(covered(files, service.doReferences(`${ROOT}a.yaml`, positionOf(files['a.yaml'], 'auth-service'))).sort(), ['a.yaml:10:auth-service', 'b.yaml:10:auth-service']);
  });
});

describe('code lens on BackendTLSPolicies', () => {
  function lenses(files: Record<string, string>, file: string): CodeLens[] {
    return serviceWith(files).doCodeLens(ROOT + file);
  }

  test('applies to a Service port, or all ports; clicking opens the Service', () => {
    const files = { 'services.yaml': SERVICES, 'a.yaml': policy({ section: 'https' }), 'b.yaml': policy({ name: 'b', target: 'billing' }) };
    const [lens, ...rest] = lenses(files, 'a.yaml');
    assert.equal(rest.length, 0);
    assert.equal(lens!.command?.title, 'applies to Service auth-service port https');
    assert.equal(lens!.command?.command, 'gatewayTls.showReferences');
    assert.equal(lens!.range.start.line, 1, 'on the kind: line');
    const [uri, position, locations] = lens!.command!.arguments as [string, Position, Location[]];
    assert.equal(uri, `${ROOT}a.yaml`);
    assert.deepEqual(position, lens!.range.start);
    assert.deepEqual(covered(files, locations), ['services.yaml:8:https']);
    const [all] = lenses(files, 'b.yaml');
    assert.equal(all!.command?.title, 'applies to Service billing all ports');
    assert.deepEqual(covered(files, all!.command!.arguments![2] as Location[]), ['services.yaml:16:billing']);
  });

  test('several targets are joined', () => {
    const targets = ['  - group: ""', '    kind: Service', '    name: auth-service', '    sectionName: https', '  - group: ""', '    kind: Service', '    name: billing'].join('\n');
    const files = { 'services.yaml': SERVICES, 'a.yaml': policy({ targets }) };
    const [lens] = lenses(files, 'a.yaml');
    assert.equal(lens!.command?.title, 'applies to Service auth-service port https, Service billing all ports');
    assert.equal((lens!.command!.arguments![2] as Location[]).length, 2);
  });

  test('the loser of a conflict is overridden by the winner (older creationTimestamp); clicking goes to it', () => {
    const files = {
      'services.yaml': SERVICES,
      'old.yaml': policy({ name: 'zz-old', created: '2024-01-01T00:00:00Z' }),
      'new.yaml': policy({ name: 'aa-new', created: '2025-01-01T00:00:00Z' }),
    };
    const [loser] = lenses(files, 'new.yaml');
    assert.equal(loser!.command?.title, 'overridden by backend/zz-old');
    assert.deepEqual(covered(files, loser!.command!.arguments![2] as Location[]), ['old.yaml:11:auth-service']);
    assert.equal(lenses(files, 'old.yaml')[0]!.command?.title, 'applies to Service auth-service all ports');
  });

  test('a missing Service or port: a title-only lens', () => {
    const files = { 'services.yaml': SERVICES, 'a.yaml': policy({ target: 'nope' }), 'b.yaml': policy({ name: 'b', section: 'grpc' }) };
    const [missing] = lenses(files, 'a.yaml');
    assert.deepEqual(missing!.command, { title: 'target Service nope not found', command: '' });
    assert.equal(lenses(files, 'b.yaml')[0]!.command?.title, 'target Service auth-service port grpc not found');
  });
});
