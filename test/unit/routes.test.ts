// Routes against the listeners they attach to: route-kind-not-allowed (a kind no matching listener takes) and
// route-hostname-not-covered (a name an HTTPS listener serves for a route, outside the certificate it presents).
import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import { makeCertificate, tlsSecretYaml, type TestCertificate } from '../helpers/certs';
import { certificateYaml, documents, gatewayYaml } from '../helpers/manifests';
import { lineOf, plain, serviceWith, underlined, withCode } from '../helpers/service';

interface RouteSpec {
  kind?: 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute';
  name?: string;
  namespace?: string;
  gateway?: string;
  sectionName?: string;
  hostnames?: readonly string[];
}

function routeYaml(r: RouteSpec = {}): string {
  const kind = r.kind ?? 'HTTPRoute';
  return [
    `apiVersion: gateway.networking.k8s.io/${kind === 'TLSRoute' ? 'v1alpha2' : 'v1'}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${r.name ?? 'app'}`,
    `  namespace: ${r.namespace ?? 'web'}`,
    'spec:',
    '  parentRefs:',
    `  - name: ${r.gateway ?? 'gw'}`,
    ...(r.sectionName ? [`    sectionName: ${r.sectionName}`] : []),
    ...(r.hostnames ? ['  hostnames:', ...r.hostnames.map((h) => `  - ${h.startsWith('*') ? `"${h}"` : h}`)] : []),
    '',
  ].join('\n');
}

const ROUTE_URI = 'file:///workspace/route.yaml';

function routeDiagnostics(files: Record<string, string>, code: string) {
  return withCode(plain(serviceWith(files).doValidation(ROUTE_URI)), code);
}

// ---- route-kind-not-allowed -------------------------------------------------------------------------------------

const KINDS_GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: web
spec:
  gatewayClassName: acme
  listeners:
  - name: https
    protocol: HTTPS
    port: 443
    hostname: "*.example.com"
    tls:
      certificateRefs:
      - name: wild-cert
  - name: tls
    protocol: TLS
    port: 8443
    tls:
      mode: Passthrough
  - name: grpc-only
    protocol: HTTPS
    port: 9443
    tls:
      certificateRefs:
      - name: wild-cert
    allowedRoutes:
      kinds:
      - kind: GRPCRoute
`;

describe('route-kind-not-allowed', () => {
  const kindNotAllowed = (route: string, gateway = KINDS_GATEWAY) => routeDiagnostics({ 'gw.yaml': gateway, 'route.yaml': route }, 'route-kind-not-allowed');

  test('an HTTPRoute on a TLS listener: warning on sectionName, naming the listener, its protocol, kinds and the outcome', () => {
    const route = routeYaml({ sectionName: 'tls' });
    const [d, ...rest] = kindNotAllowed(route);
    assert.ok(d);
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 2);
    assert.equal(underlined(route, d), 'tls');
    assert.match(d.message, /HTTPRoute "app" cannot attach to Gateway web\/gw: listener "tls" \(TLS, takes TLSRoute\) does not take HTTPRoute/);
    assert.match(d.message, /Accepted=False, reason NotAllowedByListeners/);
    const related = d.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0]!.location.uri, 'file:///workspace/gw.yaml');
    assert.equal(related[0]!.location.range.start.line, lineOf(KINDS_GATEWAY, 'protocol: TLS'));
  });

  test('a TLSRoute on an HTTPS listener', () => {
    const route = routeYaml({ kind: 'TLSRoute', sectionName: 'https' });
    const [d] = kindNotAllowed(route);
    assert.ok(d);
    assert.match(d.message, /TLSRoute "app" cannot attach to Gateway web\/gw: listener "https" \(HTTPS, takes HTTPRoute, GRPCRoute\) does not take TLSRoute \(a TLSRoute needs a TLS listener\)/);
  });

  test('a kind outside allowedRoutes.kinds; related information on the kinds', () => {
    const route = routeYaml({ sectionName: 'grpc-only' });
    const [d] = kindNotAllowed(route);
    assert.ok(d);
    assert.match(d.message, /listener "grpc-only" \(allowedRoutes\.kinds: GRPCRoute\) does not take HTTPRoute/);
    assert.equal(d.relatedInformation?.[0]?.location.range.start.line, lineOf(KINDS_GATEWAY, '      kinds:'));
  });

  test('without sectionName, on the parentRef name when no listener of the Gateway takes the kind', () => {
    const gateway = gatewayYaml({ name: 'gw', namespace: 'web', listeners: [{ name: 'tls', protocol: 'TLS', port: 8443, mode: 'Passthrough' }] });
    const route = routeYaml();
    const [d] = kindNotAllowed(route, gateway);
    assert.ok(d);
    assert.equal(underlined(route, d), 'gw');
  });

  test('passing: HTTPRoute on HTTPS, TLSRoute on TLS, GRPCRoute on the GRPCRoute-only listener, no sectionName on a mixed Gateway', () => {
    assert.deepEqual(kindNotAllowed(routeYaml({ sectionName: 'https' })), []);
    assert.deepEqual(kindNotAllowed(routeYaml({ kind: 'TLSRoute', sectionName: 'tls' })), []);
    assert.deepEqual(kindNotAllowed(routeYaml({ kind: 'GRPCRoute', sectionName: 'grpc-only' })), []);
    assert.deepEqual(kindNotAllowed(routeYaml()), []);
  });

  test('a namespace refusal is not a kind refusal', () => {
    assert.deepEqual(kindNotAllowed(routeYaml({ namespace: 'other', sectionName: 'https' }).replace('- name: gw', '- name: gw\n    namespace: web')), []);
  });
});

// ---- route-hostname-not-covered ---------------------------------------------------------------------------------

let wildcard: TestCertificate;
let apiEu: TestCertificate;

before(async () => {
  wildcard = await makeCertificate({ cn: 'wild', dnsNames: ['*.example.com'] });
  apiEu = await makeCertificate({ cn: 'api-eu', dnsNames: ['api.eu.example.com'] });
});

const WILD_GATEWAY = gatewayYaml({ name: 'gw', namespace: 'web', listeners: [{ name: 'wild', hostname: '"*.example.com"', refs: ['wild-cert'] }] });

describe('route-hostname-not-covered', () => {
  const notCovered = (files: Record<string, string>) => routeDiagnostics(files, 'route-hostname-not-covered');

  test('api.eu.example.com under a *.example.com listener whose certificate is *.example.com: not covered (one label)', () => {
    const route = routeYaml({ hostnames: ['api.eu.example.com', 'shop.example.com'] });
    const secrets = tlsSecretYaml('wild-cert', 'web', wildcard.certPem, wildcard.keyPem);
    const found = notCovered({ 'gw.yaml': WILD_GATEWAY, 'secrets.yaml': secrets, 'route.yaml': route });
    assert.equal(found.length, 1);
    const d = found[0]!;
    assert.equal(d.severity, 2);
    assert.equal(underlined(route, d), 'api.eu.example.com');
    assert.match(d.message, /Listener "wild" of Gateway web\/gw serves api\.eu\.example\.com for this route, but the certificate it presents, Secret web\/wild-cert, covers \*\.example\.com \(a SAN wildcard covers exactly one label\)/);
    const related = d.relatedInformation ?? [];
    assert.equal(related.length, 2);
    assert.equal(related[0]!.location.uri, 'file:///workspace/gw.yaml');
    assert.equal(related[0]!.location.range.start.line, lineOf(WILD_GATEWAY, 'hostname:'));
    assert.equal(related[1]!.location.uri, 'file:///workspace/secrets.yaml');
    assert.equal(related[1]!.location.range.start.line, lineOf(secrets, 'tls.crt'));
  });

  test('covered: a name one label under the wildcard; the listener hostname itself is certificate-hostname-mismatch business', () => {
    const secrets = tlsSecretYaml('wild-cert', 'web', apiEu.certPem, apiEu.keyPem);
    // The listener's own name (*.example.com, from a route hostname equal to it) is not this rule's.
    assert.deepEqual(notCovered({ 'gw.yaml': WILD_GATEWAY, 'secrets.yaml': secrets, 'route.yaml': routeYaml({ hostnames: ['*.example.com'] }) }), []);
    assert.deepEqual(notCovered({ 'gw.yaml': WILD_GATEWAY, 'secrets.yaml': secrets, 'route.yaml': routeYaml({ hostnames: ['api.eu.example.com'] }) }), []);
    const wildSecret = tlsSecretYaml('wild-cert', 'web', wildcard.certPem, wildcard.keyPem);
    assert.deepEqual(notCovered({ 'gw.yaml': WILD_GATEWAY, 'secrets.yaml': wildSecret, 'route.yaml': routeYaml({ hostnames: ['shop.example.com'] }) }), []);
    // A route without hostnames gets the listener's own.
    assert.deepEqual(notCovered({ 'gw.yaml': WILD_GATEWAY, 'secrets.yaml': secrets, 'route.yaml': routeYaml() }), []);
  });

  test('a wildcard served name needs the identical wildcard SAN', () => {
    const gateway = gatewayYaml({ name: 'gw', namespace: 'web', listeners: [{ name: 'any', refs: ['wild-cert'] }] });
    const secrets = tlsSecretYaml('wild-cert', 'web', apiEu.certPem, apiEu.keyPem);
    const route = routeYaml({ hostnames: ['*.eu.example.com'] });
    const [d] = notCovered({ 'gw.yaml': gateway, 'secrets.yaml': secrets, 'route.yaml': route });
    assert.ok(d);
    assert.match(d.message, /only by the identical wildcard SAN/);
  });

  test('cert-manager Certificate: its dnsNames cover, or do not', () => {
    const route = routeYaml({ hostnames: ['api.eu.example.com'] });
    const covering = certificateYaml('wild', 'web', 'wild-cert', { dnsNames: ['"*.example.com"', 'api.eu.example.com'] });
    assert.deepEqual(notCovered({ 'gw.yaml': WILD_GATEWAY, 'cert.yaml': covering, 'route.yaml': route }), []);
    const narrow = certificateYaml('wild', 'web', 'wild-cert', { dnsNames: ['"*.example.com"'] });
    const [d, ...rest] = notCovered({ 'gw.yaml': WILD_GATEWAY, 'cert.yaml': narrow, 'route.yaml': route });
    assert.ok(d);
    assert.equal(rest.length, 0);
    assert.match(d.message, /cert-manager Certificate web\/wild \(its dnsNames\), covers \*\.example\.com/);
    assert.equal(d.relatedInformation?.[1]?.location.uri, 'file:///workspace/cert.yaml');
    assert.equal(d.relatedInformation?.[1]?.location.range.start.line, lineOf(narrow, 'dnsNames'));
  });

  test('listener precedence: the exact listener takes the name, so the wildcard listener\'s certificate is not asked', () => {
    const secrets = documents(tlsSecretYaml('wild-cert', 'web', wildcard.certPem, wildcard.keyPem), tlsSecretYaml('api-cert', 'web', apiEu.certPem, apiEu.keyPem));
    const gateway = gatewayYaml({
      name: 'gw',
      namespace: 'web',
      listeners: [
        { name: 'wild', hostname: '"*.example.com"', refs: ['wild-cert'] },
        { name: 'api', hostname: 'api.eu.example.com', refs: ['api-cert'] },
      ],
    });
    const route = routeYaml({ hostnames: ['api.eu.example.com'] });
    assert.deepEqual(notCovered({ 'gw.yaml': gateway, 'secrets.yaml': secrets, 'route.yaml': route }), []);
    // Without the exact listener, the wildcard one serves it, with a certificate that does not cover it.
    assert.equal(notCovered({ 'gw.yaml': WILD_GATEWAY, 'secrets.yaml': secrets, 'route.yaml': route }).length, 1);
  });

  test('HTTP listeners present no certificate; an unknown certificate says nothing', () => {
    const http = gatewayYaml({ name: 'gw', namespace: 'web', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, hostname: '"*.example.com"' }] });
    assert.deepEqual(notCovered({ 'gw.yaml': http, 'route.yaml': routeYaml({ hostnames: ['api.eu.example.com'] }) }), []);
    assert.deepEqual(notCovered({ 'gw.yaml': WILD_GATEWAY, 'route.yaml': routeYaml({ hostnames: ['api.eu.example.com'] }) }), []);
  });

  test('gateway-shim: cert-manager issues for the listener hostnames, so a deeper route name is not covered', () => {
    const gateway = gatewayYaml({ name: 'gw', namespace: 'web', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' }, listeners: [{ name: 'wild', hostname: '"*.example.com"', refs: ['wild-cert'] }] });
    const [d] = notCovered({ 'gw.yaml': gateway, 'route.yaml': routeYaml({ hostnames: ['api.eu.example.com', 'shop.example.com'] }) });
    assert.ok(d);
    assert.match(d.message, /the certificate cert-manager issues for Secret web\/wild-cert from the Gateway's annotation/);
  });
});
