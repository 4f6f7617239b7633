// The header scan (parser/header.ts) either declines or reads exactly the identity the parser reads; and the
// Services and ConfigMaps it lets through are parsed only when something looks them up.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { readHeader } from '../../server/src/parser/header';
import { DeferredDocument } from '../../server/src/parser/parseSegment';
import { backendTlsPolicyYaml, configMapYaml, serviceYaml } from '../helpers/manifests';
import { serviceWith } from '../helpers/service';

/** The identity the parser reads, as toK8sObject would (strings only). */
function parsedIdentity(text: string): unknown {
  const docs = parseAllDocuments(text, { uniqueKeys: true, strict: true });
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0]!.errors.length > 0) return 'unreadable';
  let value: Record<string, unknown> | null;
  try {
    value = docs[0]!.toJS() as Record<string, unknown> | null;
  } catch {
    return 'unreadable';
  }
  if (typeof value !== 'object' || value === null) return 'unreadable';
  const metadata = (typeof value.metadata === 'object' && value.metadata !== null ? value.metadata : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { apiVersion: str(value.apiVersion), kind: str(value.kind), name: str(metadata.name), namespace: str(metadata.namespace) };
}

const scalarArb = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
  fc.constantFrom('v1', 'Service', 'ConfigMap', 'null', '~', 'true', '0x1F', '1e3', '12', '.inf', '"quoted"', "'single'", '&a x', '*a', '!!str x', '|', '"a\\x41"', 'x # c', 'a b', 'x#y', ''),
);
const lineArb = fc.oneof(
  scalarArb.map((v) => `apiVersion: ${v}`),
  scalarArb.map((v) => `kind: ${v}`),
  fc.constant('metadata:'),
  scalarArb.map((v) => `  name: ${v}`),
  scalarArb.map((v) => `  namespace: ${v}`),
  scalarArb.map((v) => `    continued ${v}`),
  fc.constantFrom('  labels:', '    app: web', 'spec:', '  ports:', '  - name: https', '    port: 443', '# comment', '', '---', '...', '%YAML 1.2', 'metadata: {name: x}', '"kind": Service', '<<: *base', '\tname: tab', 'data: |', '  x: 1'),
);

describe('header scan', () => {
  // A syntax error deeper in the document (outside the header) is left to the lookup that parses it (see below).
  test('reads what the parser reads, or declines (generated documents)', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (lines, crlf) => {
        const text = lines.join(crlf ? '\r\n' : '\n') + '\n';
        const header = readHeader(text);
        const parsed = parsedIdentity(text);
        if (header && parsed !== 'unreadable') assert.deepEqual(header, parsed, JSON.stringify(text));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  test('reads the ordinary layout of a Service and a ConfigMap', () => {
    assert.deepEqual(readHeader(serviceYaml('api', 'shop', [{ name: 'https', port: 443 }])), { apiVersion: 'v1', kind: 'Service', name: 'api', namespace: 'shop' });
    assert.deepEqual(readHeader(`---\n${configMapYaml('ca', 'shop', { 'ca.crt': 'x' })}`), { apiVersion: 'v1', kind: 'ConfigMap', name: 'ca', namespace: 'shop' });
  });
});

describe('Services and ConfigMaps are parsed when something looks them up', () => {
  const documentsOf = (service: ReturnType<typeof serviceWith>, file: string) => service.index.getFile(`file:///workspace/${file}`)!.objects.map((o) => o.source.document as DeferredDocument);

  test('an unreferenced Service is never parsed; the one a policy targets is', () => {
    const service = serviceWith({
      'services.yaml': `${serviceYaml('other', 'backend', [{ name: 'http', port: 80 }])}---\n${serviceYaml('auth-service', 'backend', [{ name: 'https', port: 443 }])}`,
      'policy.yaml': backendTlsPolicyYaml({ section: 'https' }),
    });
    const [other, target] = documentsOf(service, 'services.yaml');
    assert.ok(other instanceof DeferredDocument && target instanceof DeferredDocument);
    assert.equal(target.materialized, false);
    assert.deepEqual(service.doValidation('file:///workspace/policy.yaml').map((d) => d.code), []);
    assert.equal(target.materialized, true, 'the target was read');
    assert.equal(other.materialized, false, 'the other Service never was');
    service.doValidation('file:///workspace/services.yaml');
    assert.equal(other.materialized, false, 'not even when its own file is checked');
  });

  test('a looked-up ConfigMap that is not valid YAML is reported where it is used, with the reason', () => {
    const service = serviceWith({
      'ca.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: auth-ca\n  namespace: backend\ndata:\n  ca.crt: [unclosed\n',
      'policy.yaml': backendTlsPolicyYaml({ ca: 'auth-ca' }),
    });
    const [invalid] = service.doValidation('file:///workspace/policy.yaml').filter((d) => d.code === 'backend-tls-ca-invalid');
    assert.match(String(invalid?.message), /not valid YAML/);
  });
});
