// feature-unsupported: a TLS feature the serving implementation's conformance report lists as unsupported, one row
// per feature. Each row is checked on an implementation that lists it unsupported (finding, message), one that
// supports it (none), an unknown implementation (none), the setting `none` (none) and the setting naming the
// implementation (finding). Plus: own API groups are no portability warning on their implementation.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { profileById, type TlsFeature } from '../../server/src/model/implementations';
import { backendTlsPolicyYaml, documents, serviceYaml } from '../helpers/manifests';
import { plain, serviceWith, underlined, withCode, type PlainDiagnostic } from '../helpers/service';

function gatewayClassYaml(name: string, controllerName: string): string {
  return `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: ${name}\nspec:\n  controllerName: ${controllerName}\n`;
}

/** Classes the tests use: well-known class names, and GatewayClass manifests for implementations that have none. */
const KONG_CLASS = gatewayClassYaml('kong', 'konghq.com/gateway-operator');
const EG_CLASS = gatewayClassYaml('eg', 'gateway.envoyproxy.io/gatewayclass-controller');

const HTTPS_LISTENER = '  listeners:\n  - name: https\n    protocol: HTTPS\n    port: 443\n    hostname: shop.example.com\n    tls:\n      certificateRefs:\n      - name: shop-cert\n';

function gatewayDoc(className: string, spec: string, listeners = HTTPS_LISTENER): string {
  return `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: web\nspec:\n  gatewayClassName: ${className}\n${spec}${listeners}`;
}

const FRONTEND = '  tls:\n    frontend:\n      default:\n        validation:\n          caCertificateRefs:\n          - group: ""\n            kind: ConfigMap\n            name: client-ca\n';
const FALLBACK = `${FRONTEND}          mode: AllowInsecureFallback\n`;
const BACKEND_CLIENT = '  tls:\n    backend:\n      clientCertificateRef:\n        name: client-cert\n';
const TLS_TERMINATE = '  listeners:\n  - name: db\n    protocol: TLS\n    port: 8443\n    hostname: db.example.com\n    tls:\n      mode: Terminate\n      certificateRefs:\n      - name: db-cert\n';
const TLS_MIXED =
  '  listeners:\n  - name: pass\n    protocol: TLS\n    port: 8443\n    hostname: pass.example.com\n    tls:\n      mode: Passthrough\n' +
  '  - name: term\n    protocol: TLS\n    port: 8443\n    hostname: term.example.com\n    tls:\n      mode: Terminate\n      certificateRefs:\n      - name: term-cert\n';

const LISTENER_SET =
  'apiVersion: gateway.networking.k8s.io/v1\nkind: ListenerSet\nmetadata:\n  name: extra\n  namespace: web\nspec:\n  parentRef:\n    name: gw\n  listeners:\n' +
  '  - name: extra\n    protocol: HTTPS\n    port: 443\n    hostname: extra.example.com\n    tls:\n      certificateRefs:\n      - name: extra-cert\n';

function routeYaml(name = 'auth', parent = 'gw', backend = { kind: 'Service', group: '""', name: 'auth-service' }): string {
  return (
    `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: ${name}\n  namespace: backend\nspec:\n  parentRefs:\n  - name: ${parent}\n    namespace: web\n` +
    `  rules:\n  - backendRefs:\n    - group: ${backend.group}\n      kind: ${backend.kind}\n      name: ${backend.name}\n      port: 443\n`
  );
}

const SAN_VALIDATION = '    wellKnownCACertificates: System\n    hostname: auth.example.com\n    subjectAltNames:\n    - type: Hostname\n      hostname: auth.internal\n';

interface Case {
  readonly feature: TlsFeature;
  /** The files for a Gateway (or the parent Gateway) of class `className`; the checked file is `checked`. */
  readonly files: (className: string) => Record<string, string>;
  readonly checked: string;
  /** What the finding underlines. */
  readonly underlined: string;
  /** A class whose implementation lists the feature unsupported, with its profile id (and a GatewayClass manifest when it has no well-known name). */
  readonly unsupported: { readonly className: string; readonly id: string; readonly classYaml?: string };
  readonly supported: { readonly className: string; readonly classYaml?: string };
}

const CASES: readonly Case[] = [
  {
    feature: 'BackendTLSPolicy',
    files: (cls) => ({ 'gw.yaml': gatewayDoc(cls, ''), 'route.yaml': routeYaml(), 'svc.yaml': serviceYaml('auth-service', 'backend', [{ port: 443 }]), 'policy.yaml': backendTlsPolicyYaml() }),
    checked: 'policy.yaml',
    underlined: 'BackendTLSPolicy',
    unsupported: { className: 'kong', id: 'Kong/kong-operator', classYaml: KONG_CLASS },
    supported: { className: 'eg' },
  },
  {
    feature: 'BackendTLSPolicySANValidation',
    files: (cls) => ({ 'gw.yaml': gatewayDoc(cls, ''), 'route.yaml': routeYaml(), 'svc.yaml': serviceYaml('auth-service', 'backend', [{ port: 443 }]), 'policy.yaml': backendTlsPolicyYaml({ validation: SAN_VALIDATION.trimEnd() }) }),
    checked: 'policy.yaml',
    underlined: 'subjectAltNames',
    unsupported: { className: 'traefik', id: 'traefik/traefik' },
    supported: { className: 'eg' },
  },
  {
    feature: 'GatewayFrontendClientCertificateValidation',
    files: (cls) => ({ 'gw.yaml': gatewayDoc(cls, FRONTEND) }),
    checked: 'gw.yaml',
    underlined: 'frontend',
    unsupported: { className: 'istio', id: 'istio/istio' },
    supported: { className: 'eg' },
  },
  {
    feature: 'GatewayFrontendClientCertificateValidationInsecureFallback',
    files: (cls) => ({ 'gw.yaml': gatewayDoc(cls, FALLBACK) }),
    checked: 'gw.yaml',
    underlined: 'AllowInsecureFallback',
    unsupported: { className: 'gke-l7-gxlb', id: 'GKE/gke-gateway' },
    supported: { className: 'eg' },
  },
  {
    feature: 'GatewayBackendClientCertificate',
    files: (cls) => ({ 'gw.yaml': gatewayDoc(cls, BACKEND_CLIENT) }),
    checked: 'gw.yaml',
    underlined: 'clientCertificateRef',
    unsupported: { className: 'istio', id: 'istio/istio' },
    supported: { className: 'eg' },
  },
  {
    feature: 'ListenerSet',
    files: (cls) => ({ 'gw.yaml': gatewayDoc(cls, ''), 'ls.yaml': LISTENER_SET }),
    checked: 'ls.yaml',
    underlined: 'ListenerSet',
    unsupported: { className: 'istio', id: 'istio/istio' },
    supported: { className: 'eg' },
  },
  {
    feature: 'TLSRouteModeTerminate',
    files: (cls) => ({ 'gw.yaml': gatewayDoc(cls, '', TLS_TERMINATE) }),
    checked: 'gw.yaml',
    underlined: 'Terminate',
    unsupported: { className: 'cilium', id: 'cilium/cilium' },
    supported: { className: 'eg' },
  },
  {
    feature: 'TLSRouteModeMixed',
    files: (cls) => ({ 'gw.yaml': gatewayDoc(cls, '', TLS_MIXED) }),
    checked: 'gw.yaml',
    underlined: 'Terminate',
    unsupported: { className: 'kong', id: 'Kong/kong-operator', classYaml: KONG_CLASS },
    supported: { className: 'eg' },
  },
];

function featureFindings(files: Record<string, string>, checked: string, settings?: unknown): PlainDiagnostic[] {
  return withCode(plain(serviceWith(files, settings).doValidation(`file:///workspace/${checked}`)), 'feature-unsupported');
}

function withClass(files: Record<string, string>, classYaml: string | undefined): Record<string, string> {
  return classYaml ? { ...files, 'class.yaml': classYaml } : files;
}

describe('feature-unsupported, one row per feature', () => {
  for (const c of CASES) {
    describe(c.feature, () => {
      test('known implementation that lists it unsupported: a warning naming the implementation, its version, the feature and the report', () => {
        const files = withClass(c.files(c.unsupported.className), c.unsupported.classYaml);
        const found = featureFindings(files, c.checked);
        assert.equal(found.length, 1, JSON.stringify(found.map((d) => d.message), null, 1));
        const d = found[0]!;
        const profile = profileById(c.unsupported.id)!;
        assert.equal(d.severity, 2);
        assert.equal(underlined(files[c.checked]!, d), c.underlined);
        assert.ok(d.message.startsWith(`${profile.name} ${profile.version.replace(/^v/, '')} does not support `), d.message);
        assert.ok(d.message.includes(`its Gateway API ${profile.gatewayApiVersion} conformance report (${profile.reportDate}) lists ${c.feature} as unsupported (`), d.message);
        assert.match(d.message, c.unsupported.classYaml ? /GatewayClass kong has controllerName/ : new RegExp(`gatewayClassName ${c.unsupported.className} is the class`));
        assert.match(d.message, /set gatewayTls\.implementation \(or --implementation\); "none" turns implementation checks off\.$/);
        assert.deepEqual(d.data, { implementation: profile.id, feature: c.feature });
      });

      test('known implementation that supports it: nothing', () => {
        assert.deepEqual(featureFindings(withClass(c.files(c.supported.className), c.supported.classYaml), c.checked), []);
      });

      test('unknown implementation (no GatewayClass, an unknown class name): nothing', () => {
        assert.deepEqual(featureFindings(c.files('my-company-gateways'), c.checked), []);
      });

      test('setting none: nothing', () => {
        assert.deepEqual(featureFindings(withClass(c.files(c.unsupported.className), c.unsupported.classYaml), c.checked, { implementation: 'none' }), []);
      });

      test('setting naming the implementation: the finding, whatever the class', () => {
        const found = featureFindings(c.files('my-company-gateways'), c.checked, { implementation: c.unsupported.id });
        assert.equal(found.length, 1);
        assert.match(found[0]!.message, new RegExp(`\\(gatewayTls\\.implementation is ${c.unsupported.id.replace('/', '\\/')}`));
      });
    });
  }
});

describe('feature-unsupported details', () => {
  test('a GatewayClass manifest names the implementation by controllerName (Envoy Gateway supports everything: nothing)', () => {
    const files = { 'class.yaml': EG_CLASS, 'gw.yaml': gatewayDoc('eg', FRONTEND + '    backend:\n      clientCertificateRef:\n        name: c\n') };
    assert.deepEqual(featureFindings(files, 'gw.yaml'), []);
  });

  test('a GatewayClass with an unknown controller is unknown, even under a well-known class name', () => {
    const files = { 'class.yaml': gatewayClassYaml('istio', 'example.com/gateway-controller'), 'gw.yaml': gatewayDoc('istio', FRONTEND) };
    assert.deepEqual(featureFindings(files, 'gw.yaml'), []);
  });

  test('BackendTLSPolicy: served through a route from a Gateway of the class, the how names the route', () => {
    const c = CASES[1]!;
    const found = featureFindings(c.files('traefik'), 'policy.yaml');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /HTTPRoute auth sends to the policy's target through Gateway gw/);
  });

  test('BackendTLSPolicy: without a route, the only implementation of the workspace serves it', () => {
    const files = { 'gw.yaml': gatewayDoc('traefik', ''), 'policy.yaml': backendTlsPolicyYaml({ validation: SAN_VALIDATION.trimEnd() }) };
    const found = featureFindings(files, 'policy.yaml');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /^Traefik .* does not support BackendTLSPolicy subjectAltNames/);
    assert.match(found[0]!.message, /it serves every Gateway of the workspace/);
  });

  test('BackendTLSPolicy: without a route and with two implementations in the workspace, nothing', () => {
    const files = { 'gw.yaml': documents(gatewayDoc('traefik', ''), gatewayDoc('eg', '').replace('name: gw', 'name: gw2')), 'policy.yaml': backendTlsPolicyYaml({ validation: SAN_VALIDATION.trimEnd() }) };
    assert.deepEqual(featureFindings(files, 'policy.yaml'), []);
  });

  test('BackendTLSPolicy: one finding per serving implementation that lists it unsupported', () => {
    const files = {
      'gw.yaml': documents(gatewayDoc('traefik', ''), gatewayDoc('nginx', '').replace('name: gw', 'name: gw2'), gatewayDoc('eg', '').replace('name: gw', 'name: gw3')),
      'route.yaml': documents(routeYaml('a', 'gw'), routeYaml('b', 'gw2'), routeYaml('c', 'gw3')),
      'policy.yaml': backendTlsPolicyYaml({ validation: SAN_VALIDATION.trimEnd() }),
    };
    const found = featureFindings(files, 'policy.yaml');
    assert.deepEqual(found.map((d) => (d.data as { implementation: string }).implementation).sort(), ['nginx/nginx-gateway-fabric', 'traefik/traefik']);
  });

  test('a part of an unsupported feature is not reported again (Kong: BackendTLSPolicy and subjectAltNames both unsupported)', () => {
    const c = CASES[1]!;
    const found = featureFindings({ ...c.files('kong'), 'class.yaml': KONG_CLASS }, 'policy.yaml');
    assert.deepEqual(found.map((d) => (d.data as { feature: string }).feature), ['BackendTLSPolicy']);
  });

  test('Istio: frontend validation and its insecure fallback both unsupported: one finding, on frontend', () => {
    const found = featureFindings({ 'gw.yaml': gatewayDoc('istio', FALLBACK) }, 'gw.yaml');
    assert.deepEqual(found.map((d) => (d.data as { feature: string }).feature), ['GatewayFrontendClientCertificateValidation']);
  });

  test('Cilium: Terminate and mixed modes both unsupported: the Terminate listener only', () => {
    const found = featureFindings({ 'gw.yaml': gatewayDoc('cilium', '', TLS_MIXED) }, 'gw.yaml');
    assert.deepEqual(found.map((d) => (d.data as { feature: string }).feature), ['TLSRouteModeTerminate']);
  });

  test('mixed modes on different ports are not mixed', () => {
    const files = { 'gw.yaml': gatewayDoc('kong', '', TLS_MIXED.replace(/port: 8443\n {4}hostname: term/, 'port: 9443\n    hostname: term')), 'class.yaml': KONG_CLASS };
    assert.deepEqual(featureFindings(files, 'gw.yaml'), []);
  });

  test('XListenerSet (gateway.networking.x-k8s.io) is a ListenerSet too; a parent Gateway in another namespace is found', () => {
    const ls = LISTENER_SET.replace('gateway.networking.k8s.io/v1\nkind: ListenerSet', 'gateway.networking.x-k8s.io/v1alpha1\nkind: XListenerSet').replace('namespace: web\nspec', 'namespace: team\nspec').replace('    name: gw\n', '    name: gw\n    namespace: web\n');
    const found = featureFindings({ 'gw.yaml': gatewayDoc('istio', ''), 'ls.yaml': ls }, 'ls.yaml');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /parent Gateway web\/gw/);
    assert.match(found[0]!.message, /If another implementation serves its parent Gateway/);
  });

  test('a ListenerSet whose parent Gateway is not in the workspace: nothing', () => {
    assert.deepEqual(featureFindings({ 'ls.yaml': LISTENER_SET }, 'ls.yaml'), []);
  });

  test('a Gateway that uses no listed feature: nothing, even on an implementation that supports little', () => {
    assert.deepEqual(featureFindings({ 'gw.yaml': gatewayDoc('istio', '') }, 'gw.yaml'), []);
  });
});

describe('own API groups are no portability warning on their implementation', () => {
  const backendTarget = '  - group: gateway.envoyproxy.io\n    kind: Backend\n    name: auth-backend';
  const backendFiles = (cls: string) => ({
    'gw.yaml': gatewayDoc(cls, ''),
    'route.yaml': routeYaml('auth', 'gw', { kind: 'Backend', group: 'gateway.envoyproxy.io', name: 'auth-backend' }),
    'policy.yaml': backendTlsPolicyYaml({ targets: backendTarget }),
  });
  const targetFindings = (files: Record<string, string>, settings?: unknown) => withCode(plain(serviceWith(files, settings).doValidation('file:///workspace/policy.yaml')), 'backend-tls-target-unsupported');

  test('an Envoy Gateway Backend target on Envoy Gateway: nothing', () => {
    assert.deepEqual(targetFindings(backendFiles('eg')), []);
    assert.deepEqual(targetFindings({ ...backendFiles('eg'), 'class.yaml': EG_CLASS }), []);
  });

  test('the same target on Istio, on an unknown implementation or with the setting none: the warning', () => {
    assert.equal(targetFindings(backendFiles('istio')).length, 1);
    assert.equal(targetFindings(backendFiles('my-company-gateways')).length, 1);
    assert.equal(targetFindings(backendFiles('eg'), { implementation: 'none' }).length, 1);
  });

  test('the setting naming Envoy Gateway silences it whatever the class', () => {
    assert.deepEqual(targetFindings(backendFiles('my-company-gateways'), { implementation: 'envoyproxy/envoy-gateway' }), []);
  });

  test('a listener certificateRef of the implementation\'s own group: nothing there, an error elsewhere', () => {
    const listeners = '  listeners:\n  - name: https\n    protocol: HTTPS\n    port: 443\n    hostname: shop.example.com\n    tls:\n      certificateRefs:\n      - group: networking.istio.io\n        kind: Certificate\n        name: shop\n';
    const onGateway = (cls: string) => withCode(plain(serviceWith({ 'gw.yaml': gatewayDoc(cls, '', listeners) }).doValidation('file:///workspace/gw.yaml')), 'certificate-ref-unsupported');
    assert.deepEqual(onGateway('istio'), []);
    assert.equal(onGateway('eg').length, 1);
    assert.equal(onGateway('my-company-gateways').length, 1);
  });

  test('a CA ref of the implementation\'s own group (BackendTLSPolicy and frontend validation): nothing there, the finding elsewhere', () => {
    const validation = '    caCertificateRefs:\n    - group: gateway.envoyproxy.io\n      kind: CABundle\n      name: ca\n    hostname: auth.example.com';
    const policyFiles = (cls: string) => ({ 'gw.yaml': gatewayDoc(cls, ''), 'route.yaml': routeYaml(), 'svc.yaml': serviceYaml('auth-service', 'backend', [{ port: 443 }]), 'policy.yaml': backendTlsPolicyYaml({ validation }) });
    const onPolicy = (cls: string) => withCode(plain(serviceWith(policyFiles(cls)).doValidation('file:///workspace/policy.yaml')), 'backend-tls-ca-ref-unsupported');
    assert.deepEqual(onPolicy('eg'), []);
    assert.equal(onPolicy('istio').length, 1);

    const frontend = FRONTEND.replace('group: ""\n            kind: ConfigMap', 'group: gateway.envoyproxy.io\n            kind: CABundle');
    const onFrontend = (cls: string) => withCode(plain(serviceWith({ 'gw.yaml': gatewayDoc(cls, frontend) }).doValidation('file:///workspace/gw.yaml')), 'frontend-ca-ref-unsupported');
    assert.deepEqual(onFrontend('eg'), []);
    assert.equal(onFrontend('istio').length, 1);
  });

  test('implementation-specific kinds the spec allows stay warnings (a Secret CA ref on Envoy Gateway)', () => {
    const validation = '    caCertificateRefs:\n    - group: ""\n      kind: Secret\n      name: ca\n    hostname: auth.example.com';
    const files = { 'gw.yaml': gatewayDoc('eg', ''), 'route.yaml': routeYaml(), 'svc.yaml': serviceYaml('auth-service', 'backend', [{ port: 443 }]), 'policy.yaml': backendTlsPolicyYaml({ validation }) };
    const found = withCode(plain(serviceWith(files).doValidation('file:///workspace/policy.yaml')), 'backend-tls-ca-ref-unsupported');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 2);
  });
});
