// BackendTLSPolicy rules in every version: the seed's two v1alpha2 examples, CEL rules, targets, CA refs and
// bundles, conflicts and their ordering.
import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import { plain, serviceWith, underlined, withCode, type PlainDiagnostic } from '../helpers/service';
import { makeCertificate, type TestCertificate } from '../helpers/certs';
import { backendTlsPolicyYaml, configMapYaml, literalBlock, serviceYaml, type BackendTlsPolicySpec } from '../helpers/manifests';

const SERVICE = serviceYaml('auth', 'backend', [{ name: 'https', port: 443 }, { name: 'metrics', port: 9090 }]);

/** A v1 (or `version`) policy on Service auth. */
function v1Policy(opts: BackendTlsPolicySpec = {}): string {
  return backendTlsPolicyYaml({ target: 'auth', ...opts });
}

function check(files: Record<string, string>, file = 'policy.yaml'): { diagnostics: PlainDiagnostic[]; text: string } {
  return { diagnostics: plain(serviceWith({ 'service.yaml': SERVICE, ...files }).doValidation(`file:///workspace/${file}`)), text: files[file]! };
}

const codesOf = (ds: PlainDiagnostic[]) => ds.map((d) => d.code).sort();

let ca: TestCertificate;
let leaf: TestCertificate;
before(async () => {
  ca = await makeCertificate({ cn: 'Backend CA', isCA: true });
  leaf = await makeCertificate({ cn: 'leaf', dnsNames: ['leaf'] });
});

const configMap = (name: string, pem?: string) => configMapYaml(name, 'backend', pem === undefined ? { other: 'x' } : { 'ca.crt': literalBlock(pem) });

describe('the seed (old TLS guide) v1alpha2 examples', () => {
  const devPolicy = 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: BackendTLSPolicy\nmetadata:\n  name: tls-upstream-dev\n  namespace: backend\nspec:\n  targetRef:\n    kind: Service\n    name: auth\n    group: ""\n  tls:\n    wellKnownCACerts: "System"\n    hostname: dev.example.com\n';
  const authPolicy = 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: BackendTLSPolicy\nmetadata:\n  name: tls-upstream-auth\n  namespace: backend\nspec:\n  targetRef:\n    kind: Service\n    name: auth\n    group: ""\n    sectionName: https\n  tls:\n    caCertRefs:\n      - kind: ConfigMapReference\n        name: auth-cert\n        group: ""\n    hostname: auth.example.com\n';

  test('System example: only the deprecation (info, on apiVersion)', () => {
    const { diagnostics, text } = check({ 'policy.yaml': devPolicy });
    assert.deepEqual(codesOf(diagnostics), ['api-version-deprecated']);
    assert.equal(diagnostics[0]!.severity, 3);
    assert.equal(underlined(text, diagnostics[0]!), 'gateway.networking.k8s.io/v1alpha2');
  });

  test('explicit CA example: the ConfigMapReference kind is reported', () => {
    const { diagnostics, text } = check({ 'policy.yaml': authPolicy });
    const [d] = withCode(diagnostics, 'backend-tls-ca-ref-unsupported');
    assert.ok(d);
    assert.equal(underlined(text, d), 'ConfigMapReference');
    assert.match(d.message, /ConfigMapReference, which is not a kind/);
    assert.deepEqual(withCode(diagnostics, 'schema'), []);
  });
});

describe('policy shape', () => {
  test('a valid v1 and v1alpha3 policy is clean (v1alpha3 only deprecated)', () => {
    assert.deepEqual(codesOf(check({ 'policy.yaml': v1Policy() }).diagnostics), []);
    assert.deepEqual(codesOf(check({ 'policy.yaml': v1Policy({ version: 'v1alpha3' }) }).diagnostics), ['api-version-deprecated']);
  });

  test('hostname: wildcard, IP and bad names are errors on the value; the schema stays quiet', () => {
    for (const [hostname, reason] of [['"*.example.com"', /wildcard/], ['10.0.0.1', /IP address/], ['Auth_Service', /not a valid lower-case DNS name/]] as const) {
      const { diagnostics, text } = check({ 'policy.yaml': v1Policy({ validation: `    wellKnownCACertificates: System\n    hostname: ${hostname}` }) });
      assert.deepEqual(codesOf(diagnostics), ['backend-tls-hostname-invalid'], hostname);
      assert.equal(underlined(text, diagnostics[0]!), hostname);
      assert.match(diagnostics[0]!.message, reason);
    }
  });

  test('both or neither CA source is the CEL error, with the version\'s field names', () => {
    const both = check({ 'policy.yaml': v1Policy({ validation: '    caCertificateRefs:\n    - {group: "", kind: ConfigMap, name: ca}\n    wellKnownCACertificates: System\n    hostname: auth.example.com' }), 'ca.yaml': configMap('ca', 'x') });
    const [d] = withCode(both.diagnostics, 'backend-tls-ca-conflict');
    assert.ok(d);
    assert.equal(underlined(both.text, d), 'wellKnownCACertificates');
    assert.match(d.message, /must not contain both CACertificateRefs and WellKnownCACertificates/);
    const neither = check({ 'policy.yaml': v1Policy({ validation: '    hostname: auth.example.com' }) });
    assert.match(withCode(neither.diagnostics, 'backend-tls-ca-conflict')[0]!.message, /must specify either CACertificateRefs or WellKnownCACertificates/);
    const old = check({ 'policy.yaml': 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: BackendTLSPolicy\nmetadata:\n  name: p\n  namespace: backend\nspec:\n  targetRef: {group: "", kind: Service, name: auth}\n  tls:\n    hostname: auth.example.com\n' });
    assert.match(withCode(old.diagnostics, 'backend-tls-ca-conflict')[0]!.message, /caCertRefs \(a ConfigMap with ca\.crt\) or wellKnownCACerts: System/);
  });

  test('subjectAltNames: type and value must agree', () => {
    const sans = '    wellKnownCACertificates: System\n    hostname: auth.example.com\n    subjectAltNames:\n    - type: Hostname\n      hostname: auth.example.com\n    - type: URI\n      hostname: auth.example.com\n    - type: Hostname\n      uri: spiffe://x/y\n';
    const { diagnostics } = check({ 'policy.yaml': v1Policy({ validation: sans }) });
    const sanFindings = withCode(diagnostics, 'backend-tls-san-invalid');
    assert.equal(sanFindings.length, 2);
    assert.match(sanFindings[0]!.message, /must contain URI, if Type is set to URI/);
    assert.match(sanFindings[1]!.message, /must contain Hostname, if Type is set to Hostname/);
  });

  test('a target that is not a core Service is unsupported (warning)', () => {
    const policy = v1Policy().replace('  - group: ""\n    kind: Service', '  - group: gateway.networking.k8s.io\n    kind: HTTPRoute');
    const [d] = withCode(check({ 'policy.yaml': policy }).diagnostics, 'backend-tls-target-unsupported');
    assert.equal(d?.severity, 2);
  });
});

describe('targets and CA bundles across the workspace', () => {
  test('a missing Service and a missing port name, with near names', () => {
    const missing = check({ 'policy.yaml': v1Policy({ target: 'auht' }) });
    const [d] = withCode(missing.diagnostics, 'backend-tls-target-not-found');
    assert.equal(underlined(missing.text, d!), 'auht');
    assert.match(d!.message, /Service backend\/auht is not in the workspace\. Did you mean auth\?.*TargetNotFound/);
    const port = check({ 'policy.yaml': v1Policy({ section: 'htps' }) });
    const [p] = withCode(port.diagnostics, 'backend-tls-target-not-found');
    assert.equal(underlined(port.text, p!), 'htps');
    assert.match(p!.message, /has no port named "htps" \(its named ports: https, metrics\)\. Did you mean https\?/);
    assert.deepEqual(withCode(check({ 'policy.yaml': v1Policy({ section: 'https' }) }).diagnostics, 'backend-tls-target-not-found'), []);
  });

  test('CA ConfigMap: missing (warning), no ca.crt, a leaf or garbage (errors), a CA (fine), a trust-manager Bundle (fine)', () => {
    const withCa = (extra: Record<string, string>) =>
      check({ 'policy.yaml': v1Policy({ validation: '    caCertificateRefs:\n    - group: ""\n      kind: ConfigMap\n      name: auth-ca\n    hostname: auth.example.com' }), ...extra }).diagnostics;
    assert.deepEqual(codesOf(withCa({})), ['backend-tls-ca-not-found']);
    assert.deepEqual(codesOf(withCa({ 'ca.yaml': configMap('auth-ca') })), ['backend-tls-ca-invalid']);
    assert.match(withCa({ 'ca.yaml': configMap('auth-ca') })[0]!.message, /it has no ca\.crt key.*NoValidCACertificate/);
    assert.match(withCa({ 'ca.yaml': configMap('auth-ca', leaf.certPem) })[0]!.message, /is not a CA certificate/);
    assert.deepEqual(codesOf(withCa({ 'ca.yaml': configMap('auth-ca', 'not pem') })), ['backend-tls-ca-invalid']);
    assert.deepEqual(codesOf(withCa({ 'ca.yaml': configMap('auth-ca', ca.certPem) })), []);
    assert.deepEqual(codesOf(withCa({ 'bundle.yaml': 'apiVersion: trust.cert-manager.io/v1alpha1\nkind: Bundle\nmetadata:\n  name: auth-ca\nspec:\n  target:\n    configMap:\n      key: ca.crt\n' })), []);
  });

  test('a CA ref into another namespace is unsupported', () => {
    const policy = v1Policy({ validation: '    caCertificateRefs:\n    - group: ""\n      kind: ConfigMap\n      name: auth-ca\n      namespace: shared\n    hostname: auth.example.com' });
    const { diagnostics, text } = check({ 'policy.yaml': policy });
    const [d] = withCode(diagnostics, 'backend-tls-ca-ref-unsupported');
    assert.equal(underlined(text, d!), 'namespace');
  });
});

describe('conflicts', () => {
  const pair = (a: Parameters<typeof v1Policy>[0], b: Parameters<typeof v1Policy>[0]) => {
    const service = serviceWith({ 'service.yaml': SERVICE, 'a.yaml': v1Policy(a), 'b.yaml': v1Policy(b) });
    return { a: withCode(plain(service.doValidation('file:///workspace/a.yaml')), 'backend-tls-policy-conflict'), b: withCode(plain(service.doValidation('file:///workspace/b.yaml')), 'backend-tls-policy-conflict') };
  };

  test('same Service, no sectionName: the first by namespace/name wins, the loser names the winner', () => {
    const { a, b } = pair({ name: 'alpha' }, { name: 'beta' });
    assert.equal(a.length, 0);
    assert.equal(b.length, 1);
    assert.match(b[0]!.message, /BackendTLSPolicy backend\/alpha also targets Service auth and wins because it comes first in namespace\/name order.*Conflicted/);
    assert.equal(b[0]!.relatedInformation?.[0]?.location.uri, 'file:///workspace/a.yaml');
  });

  test('the older creationTimestamp wins over name order', () => {
    const { a, b } = pair({ name: 'alpha', created: '2026-02-01T00:00:00Z' }, { name: 'beta', created: '2026-01-01T00:00:00Z' });
    assert.equal(b.length, 0);
    assert.equal(a.length, 1);
    assert.match(a[0]!.message, /backend\/beta .* wins because it is older/);
  });

  test('same sectionName conflicts; with and without sectionName do not', () => {
    assert.equal(pair({ name: 'alpha', section: 'https' }, { name: 'beta', section: 'https' }).b.length, 1);
    const mixed = pair({ name: 'alpha', section: 'https' }, { name: 'beta' });
    assert.equal(mixed.a.length + mixed.b.length, 0);
    const other = pair({ name: 'alpha', section: 'https' }, { name: 'beta', section: 'metrics' });
    assert.equal(other.a.length + other.b.length, 0);
  });
});
