// Implementation profiles: which Gateway API implementation a GatewayClass names, and what its upstream
// conformance report says about the TLS features the rules check. The data is generated
// (implementations.generated.json, by scripts/sync-implementations.mjs from the upstream report summary plus
// scripts/implementations.extra.json); never edit it by hand.
import data from './implementations.generated.json';

/** The TLS-related conformance features the rules check: name → what it is, in a sentence (hovers, messages). */
export const TLS_FEATURES = {
  BackendTLSPolicy:
    'The Gateway opens TLS to a backend Service as a BackendTLSPolicy says, validating its certificate against the policy\'s CA certificates (or system roots) and hostname.',
  BackendTLSPolicySANValidation:
    'A BackendTLSPolicy\'s `validation.subjectAltNames`: the backend certificate is matched against the listed Subject Alternative Names (hostnames or URIs) instead of the hostname.',
  GatewayFrontendClientCertificateValidation:
    'A Gateway\'s `spec.tls.frontend`: HTTPS and TLS listeners ask clients for a certificate and validate it against the referenced CA certificates (mutual TLS).',
  GatewayFrontendClientCertificateValidationInsecureFallback:
    'Frontend validation `mode: AllowInsecureFallback`: a client without a valid certificate is still let through.',
  GatewayBackendClientCertificate:
    'A Gateway\'s `spec.tls.backend.clientCertificateRef`: the Gateway presents a client certificate when it connects to backends over TLS.',
  ListenerSet:
    'Listeners, with their certificates, attached to a Gateway from separate ListenerSet objects.',
  TLSRouteModeTerminate:
    'TLSRoutes on a listener with `tls.mode: Terminate`: the Gateway terminates TLS and forwards the decrypted TCP stream.',
  TLSRouteModeMixed:
    'TLS listeners in `Passthrough` and in `Terminate` mode on the same port, with TLSRoutes attached to both.',
  GatewayHTTPSListenerDetectMisdirectedRequests:
    'HTTPS listeners answer 421 Misdirected Request when a reused connection carries a request whose Host belongs to another listener than its SNI.',
} as const satisfies Record<string, string>;

export type TlsFeature = keyof typeof TLS_FEATURES;

export interface ImplementationProfile {
  /** The upstream report's implementation id (organization/project), e.g. `envoyproxy/envoy-gateway`. */
  readonly id: string;
  readonly name: string;
  /** The implementation version the report was made with. */
  readonly version: string;
  readonly gatewayApiVersion: string;
  /** YYYY-MM-DD. */
  readonly reportDate: string;
  /** The report's path in kubernetes-sigs/gateway-api. */
  readonly report: string;
  readonly reportUrl: string;
  /** GatewayClass `spec.controllerName` values; each belongs to one profile. */
  readonly controllerNames: readonly string[];
  /** Well-known GatewayClass names its install creates; each belongs to one profile. */
  readonly classNames: readonly string[];
  /** The implementation's own API groups (may repeat across profiles built on the same project). */
  readonly apiGroups: readonly string[];
  /** Extended features the report lists as supported / unsupported (every feature, not only TLS ones). */
  readonly supported: ReadonlySet<string>;
  readonly unsupported: ReadonlySet<string>;
}

export const PROFILES_SOURCE: { readonly source: string; readonly generated: string } = Object.freeze({
  source: data.source,
  generated: data.generated,
});

export const IMPLEMENTATIONS: readonly ImplementationProfile[] = Object.freeze(
  data.implementations.map(
    (impl): ImplementationProfile =>
      Object.freeze({
        id: impl.id,
        name: impl.name,
        version: impl.version,
        gatewayApiVersion: impl.gatewayApiVersion,
        reportDate: impl.reportDate,
        report: impl.report,
        reportUrl: impl.reportUrl,
        controllerNames: Object.freeze([...impl.controllerNames]),
        classNames: Object.freeze([...impl.classNames]),
        apiGroups: Object.freeze([...impl.apiGroups]),
        supported: new Set<string>(impl.supported),
        unsupported: new Set<string>(impl.unsupported),
      }),
  ),
);

const byId = new Map(IMPLEMENTATIONS.map((p) => [p.id, p]));
const byController = new Map(IMPLEMENTATIONS.flatMap((p) => p.controllerNames.map((c) => [c, p] as const)));
const byClassName = new Map(IMPLEMENTATIONS.flatMap((p) => p.classNames.map((c) => [c, p] as const)));

/** Exact id, e.g. `nginx/nginx-gateway-fabric`. */
export function profileById(id: string): ImplementationProfile | undefined {
  return byId.get(id);
}

/** A GatewayClass's `spec.controllerName` (exact). An unknown controller has no profile. */
export function profileByController(controllerName: string): ImplementationProfile | undefined {
  return byController.get(controllerName);
}

/** A well-known GatewayClass name (exact), for Gateways whose GatewayClass is not in the workspace. */
export function profileByClassName(className: string): ImplementationProfile | undefined {
  return byClassName.get(className);
}

/** 'unsupported' only when the report says so explicitly; 'supported' when listed; else 'unreported'. */
export function featureSupport(profile: ImplementationProfile, feature: TlsFeature): 'supported' | 'unsupported' | 'unreported' {
  if (profile.unsupported.has(feature)) return 'unsupported';
  if (profile.supported.has(feature)) return 'supported';
  return 'unreported';
}
