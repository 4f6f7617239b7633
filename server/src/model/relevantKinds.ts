// The kinds the product reads, and why: everything else in a repository (Deployments, RBAC, CRDs, Helm values,
// CI workflows) costs a read and a byte scan, never a YAML parse. Data, not code: a kind that a rule, a producer
// or a resolver starts to read is a new row here, or the pre-scan will never hand it a document.

/** Any object of these API groups (the group string is in its apiVersion, so a byte scan finds it). */
export const RELEVANT_GROUPS: readonly string[] = ['gateway.networking.k8s.io', 'gateway.networking.x-k8s.io'];

/** Kinds outside those groups that Gateway API TLS depends on, with the reason. */
export const RELEVANT_KINDS: Readonly<Record<string, string>> = {
  // Gateway API kinds are also listed by name: a document with a misspelled apiVersion is still a Gateway to report.
  Gateway: 'listeners, certificateRefs, spec.tls',
  GatewayClass: 'the controller that serves a Gateway',
  ListenerSet: 'listeners of another namespace',
  XListenerSet: 'the experimental ListenerSet',
  ReferenceGrant: 'cross-namespace certificate and CA references',
  BackendTLSPolicy: 'upstream TLS',
  HTTPRoute: 'hostnames served by listeners',
  GRPCRoute: 'hostnames served by listeners',
  TLSRoute: 'hostnames served by TLS listeners',
  Secret: 'certificates and keys (certificateRefs, clientCertificateRef)',
  ConfigMap: 'CA bundles (BackendTLSPolicy, frontend validation)',
  Service: 'BackendTLSPolicy targets and their port names',
  Namespace: 'namespaces of the workspace (completion, route selectors)',
  Certificate: 'cert-manager: produces a TLS Secret',
  Issuer: 'cert-manager issuers named by Certificates and annotations',
  ClusterIssuer: 'cert-manager issuers named by Certificates and annotations',
  ExternalSecret: 'produces a Secret',
  SealedSecret: 'produces a Secret',
  Bundle: 'trust-manager: produces a CA ConfigMap',
};

/**
 * Kinds that matter only when a reference looks them up by name (a BackendTLSPolicy's target Service, a CA
 * ConfigMap), and that a repository holds by the thousand: their identity is read by a line scan
 * (parser/header.ts) and their content is parsed on first use. Keyed `apiVersion/kind`.
 */
export const LOOKUP_ONLY_KINDS: ReadonlySet<string> = new Set(['v1/Service', 'v1/ConfigMap']);

/**
 * Kinds whose presence alone does not make a Kustomize build worth running (workspace/index.ts `worthBuilding`):
 * what a monorepo's app overlays hold besides Deployments. A Service or ConfigMap a policy looks up is read as
 * written when its overlay is not built. Keyed `apiVersion/kind`; kustomizations themselves never count.
 */
export const BUILD_NEUTRAL_KINDS: ReadonlySet<string> = new Set([...LOOKUP_ONLY_KINDS, 'v1/Namespace']);
