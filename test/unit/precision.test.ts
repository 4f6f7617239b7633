// Issue 9, "Precision and robustness": findings that were errors for what is only a portability or workspace
// question, duplicate or self-contradicting diagnostics, placeholders, odd values and odd keys.
import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import { makeCertificate, tlsSecretYaml, type TestCertificate } from '../helpers/certs';
import { parseCertificate, parseWithNode, subjectAltNames } from '../../server/src/x509/certificate';
import { plain, serviceWith, underlined, withCode } from '../helpers/service';
import { gatewayYaml } from '../helpers/manifests';

const GW = 'file:///workspace/gw.yaml';

function gateway(tls: string, listeners = '  - name: https\n    protocol: HTTPS\n    port: 443\n    tls:\n      certificateRefs:\n      - name: server-cert\n'): string {
  return `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: infra\nspec:\n  gatewayClassName: acme\n${tls}  listeners:\n${listeners}`;
}

let leaf: TestCertificate;
before(async () => {
  leaf = await makeCertificate({ cn: 'leaf', dnsNames: ['x'] });
});

describe('precision: clientCertificateRef to a Secret not in the workspace', () => {
  test('is a warning that says it may be created elsewhere', () => {
    const yaml = gateway('  tls:\n    backend:\n      clientCertificateRef:\n        name: made-elsewhere\n');
    const diagnostics = plain(serviceWith({ 'gw.yaml': yaml, 'server.yaml': tlsSecretYaml('server-cert', 'infra', leaf.certPem, leaf.keyPem) }).doValidation(GW));
    const [d, ...rest] = withCode(diagnostics, 'backend-client-certificate-invalid');
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, 2);
    assert.match(d!.message, /is not in the workspace; it may be created elsewhere/);
    assert.equal(underlined(yaml, d!), 'made-elsewhere');
  });

  test('a user severity setting still wins over the finding-level warning', () => {
    const yaml = gateway('  tls:\n    backend:\n      clientCertificateRef:\n        name: made-elsewhere\n');
    const diagnostics = plain(serviceWith({ 'gw.yaml': yaml }, { severity: { 'backend-client-certificate-invalid': 'error' } }).doValidation(GW));
    assert.equal(withCode(diagnostics, 'backend-client-certificate-invalid')[0]!.severity, 1);
  });
});

const POLICY = 'file:///workspace/policy.yaml';
const SERVICE_YAML = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: auth\n  namespace: infra\nspec:\n  ports:\n  - name: https\n    port: 443\n';
function policy(caRef: string, name = 'auth-tls', target = '  - group: ""\n    kind: Service\n    name: auth\n'): string {
  return `apiVersion: gateway.networking.k8s.io/v1\nkind: BackendTLSPolicy\nmetadata:\n  name: ${name}\n  namespace: infra\nspec:\n  targetRefs:\n${target}  validation:\n    caCertificateRefs:\n${caRef}    hostname: auth.example.com\n`;
}
const CA_CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: auth-ca\n  namespace: infra\ndata:\n  ca.crt: x\n';
function checkPolicy(caRef: string, extra: Record<string, string> = {}) {
  const yaml = policy(caRef);
  return { diagnostics: plain(serviceWith({ 'policy.yaml': yaml, 'service.yaml': SERVICE_YAML, ...extra }).doValidation(POLICY)), text: yaml };
}
function frontendGateway(caRef: string): string {
  return gateway(`  tls:\n    frontend:\n      default:\n        validation:\n          caCertificateRefs:\n${caRef}`);
}
function checkFrontend(caRef: string, extra: Record<string, string> = {}) {
  const yaml = frontendGateway(caRef);
  const files = { 'gw.yaml': yaml, 'server.yaml': tlsSecretYaml('server-cert', 'infra', leaf.certPem, leaf.keyPem), ...extra };
  return { diagnostics: plain(serviceWith(files).doValidation(GW)), text: yaml };
}

describe('precision: group core on certificate and CA refs', () => {
  test('a certificateRef with group: core is a warning naming the portable group ""', () => {
    const yaml = gateway('', '  - name: https\n    protocol: HTTPS\n    port: 443\n    tls:\n      certificateRefs:\n      - group: core\n        kind: Secret\n        name: server-cert\n');
    const diagnostics = plain(serviceWith({ 'gw.yaml': yaml, 'server.yaml': tlsSecretYaml('server-cert', 'infra', leaf.certPem, leaf.keyPem) }).doValidation(GW));
    const [d, ...rest] = withCode(diagnostics, 'certificate-ref-unsupported');
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, 2);
    assert.match(d!.message, /portable name of the core group is "" \(empty\)/);
    assert.equal(underlined(yaml, d!), 'core');
  });

  test('a certificateRef with another group is still an error', () => {
    const yaml = gateway('', '  - name: https\n    protocol: HTTPS\n    port: 443\n    tls:\n      certificateRefs:\n      - group: wrong.io\n        name: server-cert\n');
    const [d] = withCode(plain(serviceWith({ 'gw.yaml': yaml }).doValidation(GW)), 'certificate-ref-unsupported');
    assert.equal(d!.severity, 1);
  });

  test('a BackendTLSPolicy CA ref with group: core is a warning, and its ConfigMap is still checked', () => {
    const { diagnostics, text } = checkPolicy('    - group: core\n      kind: ConfigMap\n      name: auth-ca\n');
    const [d, ...rest] = withCode(diagnostics, 'backend-tls-ca-ref-unsupported');
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, 2);
    assert.match(d!.message, /portable name of the core group is "" \(empty\)/);
    assert.equal(underlined(text, d!), 'core');
    assert.equal(withCode(diagnostics, 'backend-tls-ca-not-found').length, 1);
  });

  test('a frontend CA ref with group: core is a warning', () => {
    const { diagnostics, text } = checkFrontend('          - group: core\n            kind: ConfigMap\n            name: auth-ca\n', { 'ca.yaml': CA_CONFIGMAP });
    const [d, ...rest] = withCode(diagnostics, 'frontend-ca-ref-unsupported');
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, 2);
    assert.match(d!.message, /portable name of the core group is ""/);
    assert.equal(underlined(text, d!), 'core');
  });
});

describe('precision: implementation-specific CA ref kinds', () => {
  for (const [label, ref, underline] of [
    ['a Secret', '    - group: ""\n      kind: Secret\n      name: auth-ca\n', 'Secret'],
    ['a ClusterTrustBundle', '    - group: certificates.k8s.io\n      kind: ClusterTrustBundle\n      name: auth-ca\n', 'ClusterTrustBundle'],
  ] as const) {
    test(`${label} CA ref in a BackendTLSPolicy is a warning (implementation-specific)`, () => {
      const { diagnostics, text } = checkPolicy(ref);
      const [d, ...rest] = withCode(diagnostics, 'backend-tls-ca-ref-unsupported');
      assert.equal(rest.length, 0);
      assert.equal(d!.severity, 2);
      assert.match(d!.message, /implementation-specific/);
      assert.equal(underlined(text, d!), underline);
    });

    test(`${label} frontend CA ref is a warning (implementation-specific)`, () => {
      const { diagnostics, text } = checkFrontend(ref.replace(/^ {4}/gm, '          '));
      const [d, ...rest] = withCode(diagnostics, 'frontend-ca-ref-unsupported');
      assert.equal(rest.length, 0);
      assert.equal(d!.severity, 2);
      assert.match(d!.message, /implementation-specific/);
      assert.equal(underlined(text, d!), underline);
    });
  }

  test('an unknown kind and a cross-namespace CA ref stay errors', () => {
    const unknown = checkPolicy('    - group: ""\n      kind: UnknownKind\n      name: auth-ca\n');
    assert.deepEqual(withCode(unknown.diagnostics, 'backend-tls-ca-ref-unsupported').map((d) => [d.severity, underlined(unknown.text, d)]), [[1, 'UnknownKind']]);
    const crossNs = checkPolicy('    - group: ""\n      kind: ConfigMap\n      name: auth-ca\n      namespace: shared\n');
    assert.deepEqual(withCode(crossNs.diagnostics, 'backend-tls-ca-ref-unsupported').map((d) => d.severity), [1]);
    const frontendUnknown = checkFrontend('          - group: ""\n            kind: UnknownKind\n            name: auth-ca\n');
    assert.deepEqual(withCode(frontendUnknown.diagnostics, 'frontend-ca-ref-unsupported').map((d) => d.severity), [1]);
  });
});

describe('precision: a CA ref without group', () => {
  test('a frontend CA ref without group gets the schema error only', () => {
    const { diagnostics } = checkFrontend('          - kind: ConfigMap\n            name: auth-ca\n', { 'ca.yaml': CA_CONFIGMAP });
    assert.deepEqual(withCode(diagnostics, 'frontend-ca-ref-unsupported'), []);
    const schema = withCode(diagnostics, 'schema');
    assert.equal(schema.length, 1);
    assert.match(schema[0]!.message, /missing the required field group/);
  });

  test('a BackendTLSPolicy CA ref without group gets the schema error only', () => {
    const { diagnostics } = checkPolicy('    - kind: ConfigMap\n      name: auth-ca\n', { 'ca.yaml': CA_CONFIGMAP });
    assert.deepEqual(withCode(diagnostics, 'backend-tls-ca-ref-unsupported'), []);
    assert.equal(withCode(diagnostics, 'schema').length, 1);
  });
});

describe('precision: BackendTLSPolicy conflicts', () => {
  const diagnosticsOf = (files: Record<string, string>, file: string) => withCode(plain(serviceWith({ 'service.yaml': SERVICE_YAML, ...files }).doValidation(`file:///workspace/${file}`)), 'backend-tls-policy-conflict');
  const ca = '    - group: ""\n      kind: ConfigMap\n      name: auth-ca\n';

  test('two definitions of one policy (alternative example folders) never conflict with each other', () => {
    const files = { 'examples/a/policy.yaml': policy(ca), 'examples/b/policy.yaml': policy(ca) };
    assert.deepEqual(diagnosticsOf(files, 'examples/a/policy.yaml'), []);
    assert.deepEqual(diagnosticsOf(files, 'examples/b/policy.yaml'), []);
  });

  test('another policy still conflicts with a policy defined twice', () => {
    const files = { 'examples/a/policy.yaml': policy(ca), 'examples/b/policy.yaml': policy(ca), 'other.yaml': policy(ca, 'zz-other') };
    assert.deepEqual(diagnosticsOf(files, 'examples/b/policy.yaml'), []);
    const [d, ...rest] = diagnosticsOf(files, 'other.yaml');
    assert.equal(rest.length, 0);
    assert.match(d!.message, /BackendTLSPolicy infra\/auth-tls also targets Service auth/);
  });

  test('the conflict message names the target kind as written', () => {
    const target = '  - group: multicluster.x-k8s.io\n    kind: ServiceImport\n    name: auth\n';
    const files = { 'a.yaml': policy(ca, 'alpha', target), 'b.yaml': policy(ca, 'beta', target) };
    const [d] = diagnosticsOf(files, 'b.yaml');
    assert.match(d!.message, /also targets ServiceImport auth/);
    assert.doesNotMatch(d!.message, /targets Service /);
  });
});

describe('precision: prototype keys in schema messages', () => {
  for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    test(`spec: {${key}: 1} is an unknown field, in plain words`, () => {
      const yaml = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: infra\nspec:\n  gatewayClassName: acme\n  ${key}: 1\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 80\n`;
      const schema = withCode(plain(serviceWith({ 'gw.yaml': yaml }).doValidation(GW)), 'schema');
      assert.equal(schema.length, 1, JSON.stringify(schema.map((d) => d.message)));
      assert.match(schema[0]!.message, new RegExp(`^${key} is not a field of spec\\. (Did you mean|Fields allowed here)`));
      assert.doesNotMatch(schema[0]!.message, /native code|\[object Object\]|function/);
      assert.equal(underlined(yaml, schema[0]!), key);
    });
  }

  test('a prototype key under a free-form map and a nested object is reported by its own name', () => {
    const yaml = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: infra\nspec:\n  gatewayClassName: acme\n  listeners:\n  - name: https\n    protocol: HTTPS\n    port: 443\n    tls:\n      constructor: x\n      certificateRefs:\n      - name: server-cert\n`;
    const schema = withCode(plain(serviceWith({ 'gw.yaml': yaml }).doValidation(GW)), 'schema');
    assert.equal(schema.length, 1);
    assert.match(schema[0]!.message, /^constructor is not a field of tls of listener "https"\./);
    assert.doesNotMatch(schema[0]!.message, /native code|\[object Object\]/);
  });
});

describe('precision: a certificate with 10,000 SANs', () => {
  let many: TestCertificate;
  before(async () => {
    many = await makeCertificate({ cn: 'many', dnsNames: Array.from({ length: 10_000 }, (_, i) => `host${i}.example.com`) });
  });

  test('is read (OpenSSL and Node accept it): no certificate-invalid, its SANs cover the listener', () => {
    const listeners = '  - name: https\n    protocol: HTTPS\n    port: 443\n    hostname: host9999.example.com\n    tls:\n      certificateRefs:\n      - name: many-sans\n';
    const files = { 'gw.yaml': gateway('', listeners), 'secret.yaml': tlsSecretYaml('many-sans', 'infra', many.certPem, many.keyPem) };
    const service = serviceWith(files);
    const all = [...plain(service.doValidation(GW)), ...plain(service.doValidation('file:///workspace/secret.yaml'))];
    assert.deepEqual(all.map((d) => `${String(d.code)}: ${d.message}`), []);
  });

  test('parseCertificate reads it; Node\'s reading (the fallback) gives the same facts', () => {
    const der = new Uint8Array(many.cert.rawData);
    const info = parseCertificate(der);
    assert.equal(info.dnsNames.length, 10_000);
    const node = parseWithNode(der)!;
    assert.equal(node.subject, info.subject);
    assert.deepEqual(node.dnsNames, info.dnsNames);
    assert.equal(node.notAfter.getTime(), Math.floor(info.notAfter.getTime() / 1000) * 1000);
    assert.equal(node.isCA, info.isCA);
    assert.deepEqual([...node.spki], [...info.spki]);
    assert.equal(node.key, info.key);
  });

  test('Node\'s subjectAltName text is split into names, quoted values included', () => {
    assert.deepEqual(subjectAltNames('DNS:a.example.com, IP Address:10.0.0.1, DNS:"b,c.example.com", URI:spiffe://x'), [
      { type: 'DNS', value: 'a.example.com' },
      { type: 'IP Address', value: '10.0.0.1' },
      { type: 'DNS', value: 'b,c.example.com' },
      { type: 'URI', value: 'spiffe://x' },
    ]);
  });
});

describe('precision: Secret values that are not strings', () => {
  const SECRET = 'file:///workspace/secret.yaml';
  const secret = (data: string, field = 'data') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: odd\n  namespace: infra\ntype: kubernetes.io/tls\n${field}:\n${data}`;

  for (const [label, data, field, key, what] of [
    ['a list in data', '  tls.crt: [1, 2]\n  tls.key: a2V5\n', 'data', 'tls.crt', 'a list'],
    ['a map in data', '  tls.crt: Y3J0\n  tls.key: {a: 1}\n', 'data', 'tls.key', 'a map'],
    ['a number in stringData', '  tls.crt: 12\n  tls.key: x\n', 'stringData', 'tls.crt', 'the number 12'],
  ] as const) {
    test(`${label} is certificate-invalid (an error) on the Secret: the API server rejects it`, () => {
      const yaml = secret(data, field);
      const diagnostics = plain(serviceWith({ 'secret.yaml': yaml }).doValidation(SECRET));
      const odd = withCode(diagnostics, 'certificate-invalid').filter((d) => d.message.includes('must be a string'));
      assert.equal(odd.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
      assert.equal(odd[0]!.severity, 1);
      assert.match(odd[0]!.message, new RegExp(`^${field}\\.${key.replace('.', '\\.')} must be a string .*but it is ${what}: the API server rejects the Secret`));
      assert.equal(underlined(yaml, odd[0]!), key);
    });
  }

  test('the listener that uses such a Secret is told too', () => {
    const files = { 'gw.yaml': gateway('', '  - name: https\n    protocol: HTTPS\n    port: 443\n    tls:\n      certificateRefs:\n      - name: odd\n'), 'secret.yaml': secret('  tls.crt: [1, 2]\n  tls.key: a2V5\n') };
    const [d] = withCode(plain(serviceWith(files).doValidation(GW)), 'certificate-invalid').filter((x) => x.message.includes('must be a string'));
    assert.ok(d);
    assert.match(d.message, /uses Secret infra\/odd: data\.tls\.crt must be a string/);
  });
});

describe('precision: placeholder certificates from docs', () => {
  const SECRET = 'file:///workspace/secret.yaml';
  const secret = (crt: string, key: string, field = 'data') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: example-cert\n  namespace: infra\ntype: kubernetes.io/tls\n${field}:\n  tls.crt: ${crt}\n  tls.key: ${key}\n`;
  const listeners = '  - name: https\n    protocol: HTTPS\n    port: 443\n    tls:\n      certificateRefs:\n      - name: example-cert\n  - name: https2\n    protocol: HTTPS\n    port: 8443\n    tls:\n      certificateRefs:\n      - name: example-cert\n';

  for (const [label, crt, key, field] of [
    ['truncated base64', 'LS0tLS1CRUdJTi...', 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t...', 'data'],
    ['<base64-cert>', '<base64-cert>', '<base64-key>', 'data'],
    ['REPLACE_ME', 'REPLACE_ME', 'REPLACE_ME', 'data'],
    ['CHANGEME', 'CHANGEME', 'CHANGEME', 'stringData'],
    ['xxx', 'xxx', 'xxx', 'data'],
    ['an elided PEM body', '"-----BEGIN CERTIFICATE-----\\n...\\n-----END CERTIFICATE-----"', '"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----"', 'stringData'],
  ] as const) {
    test(`${label}: one placeholder warning on the Secret, nothing on the certificateRefs`, () => {
      const yaml = secret(crt, key, field);
      const service = serviceWith({ 'secret.yaml': yaml, 'gw.yaml': gateway('', listeners) });
      const onSecret = plain(service.doValidation(SECRET));
      assert.equal(onSecret.length, 1, JSON.stringify(onSecret.map((d) => d.message)));
      const [d] = onSecret;
      assert.equal(d!.code, 'certificate-invalid');
      assert.equal(d!.severity, 2);
      assert.match(d!.message, /hold placeholders, not a certificate and key: replace before applying/);
      assert.equal(underlined(yaml, d!), 'tls.crt');
      const onGateway = plain(service.doValidation(GW));
      assert.deepEqual(onGateway.map((x) => `${String(x.code)}: ${x.message}`), []);
    });
  }

  test('a placeholder key beside a real certificate is named alone', () => {
    const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: example-cert\n  namespace: infra\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${Buffer.from(leaf.certPem).toString('base64')}\n  tls.key: <base64-key>\n`;
    const diagnostics = plain(serviceWith({ 'secret.yaml': yaml }).doValidation(SECRET));
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, underlined(yaml, d)]), [['certificate-invalid', 2, 'tls.key']]);
    assert.match(diagnostics[0]!.message, /^data\.tls\.key holds a placeholder, not a private key: replace before applying/);
  });

  test('garbage that is not a placeholder is still an error', () => {
    const yaml = secret('bm90IGEgY2VydGlmaWNhdGU=', 'bm90IGEga2V5');
    const diagnostics = withCode(plain(serviceWith({ 'secret.yaml': yaml }).doValidation(SECRET)), 'certificate-invalid');
    assert.equal(diagnostics.length, 2);
    assert.ok(diagnostics.every((d) => d.severity === 1));
  });
});

describe('precision: a certificateRef with group core still has its Secret checked', () => {
  test('a missing Secret behind group core is reported as missing, beside the portability warning', () => {
    const gateway = gatewayYaml({ name: 'g', namespace: 'web', listeners: [{ name: 'https', hostname: 'a.example.com', refs: [{ name: 'nope', group: 'core', kind: 'Secret' }] }] });
    const codes = serviceWith({ 'gw.yaml': gateway }).doValidation('file:///workspace/gw.yaml').map((d) => String(d.code)).sort();
    assert.deepEqual(codes, ['certificate-ref-unsupported', 'certificate-secret-not-found']);
  });
});
