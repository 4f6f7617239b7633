// Every diagnostic code the product emits, as data. This table drives the engine's default severities, the
// README's code table, the settings enum in package.json and SARIF's rule list (tests keep them in sync).
// Codes are a contract (see the spec): never rename one; a new check gets a new code.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface CodeInfo {
  readonly severity: Severity;
  /** When the default depends on the case, how the README says so. */
  readonly severityNote?: string;
  /** One line, for the README table, SARIF's shortDescription and settings. */
  readonly summary: string;
  /** What the cluster does with this mistake: the API server's rejection or the controller's status. */
  readonly status: string;
}

export const CATALOG = {
  'yaml-syntax': { severity: 'error', summary: 'The file is not valid YAML (reported only for files that hold or look like Kubernetes manifests).', status: 'kubectl/Flux/Argo CD cannot apply the file' },
  schema: { severity: 'error', summary: 'A Gateway API object violates its OpenAPI schema: unknown field, wrong type, range, pattern, enum, item counts, required field.', status: 'the API server rejects the object' },
  'listener-tls-missing': { severity: 'warning', severityNote: 'warning (error for TLS)', summary: 'An HTTPS or TLS listener has no `tls` block (an error for TLS).', status: 'nothing is served: Accepted=False (TLS: the API server rejects it)' },
  'listener-tls-not-allowed': { severity: 'error', summary: '`tls` on an HTTP, TCP or UDP listener.', status: 'the API server rejects the Gateway (CEL)' },
  'listener-tls-mode-invalid': { severity: 'error', summary: '`mode: Passthrough` on an HTTPS listener (Passthrough is for TLS).', status: 'the API server rejects the Gateway (CEL)' },
  'listener-certificate-refs-missing': { severity: 'error', summary: 'Mode Terminate (explicit or defaulted) with neither `certificateRefs` nor `options`.', status: 'the API server rejects the Gateway (CEL)' },
  'listener-hostname-not-allowed': { severity: 'error', summary: '`hostname` on a TCP or UDP listener, or an IP address as hostname.', status: 'the API server rejects the Gateway (CEL); IPs are invalid by spec' },
  'listener-name-duplicate': { severity: 'error', summary: 'Two listeners of one Gateway share a name.', status: 'the API server rejects the Gateway (CEL)' },
  'listener-conflict': { severity: 'error', severityNote: 'error (warning between a ListenerSet and its Gateway)', summary: 'Two listeners share port, protocol and hostname (an absent hostname counts as a value); a ListenerSet listener that repeats one of its parent Gateway (or of an older ListenerSet), or uses its port with an incompatible protocol, is a warning.', status: 'the API server rejects the Gateway (CEL); across objects Conflicted=True (HostnameConflict, ProtocolConflict)' },
  'listener-protocol-unsupported': { severity: 'warning', summary: 'A protocol that is not HTTP, HTTPS, TLS, TCP or UDP and not domain-prefixed.', status: 'Accepted=False, reason UnsupportedProtocol' },
  'listener-tls-options-invalid': { severity: 'warning', summary: '`tls.options`: an un-prefixed (reserved) key, more than 16 entries, or a value over 4096 characters.', status: 'over the limits the API server rejects it; reserved keys are ignored or rejected by controllers' },
  'certificate-ref-unsupported': { severity: 'error', severityNote: 'error (warning for `group: core`)', summary: 'A `certificateRefs` item whose group/kind is not core `Secret`; `group: core` (the portable core group is `""`) is a warning.', status: 'ResolvedRefs=False, reason InvalidCertificateRef' },
  'ref-not-permitted': { severity: 'error', summary: 'A reference to another namespace with no ReferenceGrant in that namespace that admits it.', status: 'ResolvedRefs=False, reason RefNotPermitted' },
  'certificate-secret-not-found': { severity: 'warning', summary: 'No Secret of that name in that namespace, and nothing in the workspace produces one (cert-manager, ExternalSecret, SealedSecret, SOPS, secretGenerator, setting).', status: 'ResolvedRefs=False, reason InvalidCertificateRef' },
  'certificate-secret-invalid': { severity: 'error', summary: 'The referenced Secret is not `type: kubernetes.io/tls` or lacks `tls.crt` / `tls.key`.', status: 'ResolvedRefs=False, reason InvalidCertificateRef' },
  'reference-grant-unused': { severity: 'hint', summary: 'A ReferenceGrant that admits no reference found in the workspace.', status: 'none (it grants nothing anyone uses)' },
  'certificate-invalid': { severity: 'error', severityNote: 'error (warning for a placeholder)', summary: '`tls.crt` is not a PEM X.509 certificate chain (leaf first, each signed by the next), or `tls.key` is not an unencrypted PEM private key (or not a string at all). A placeholder from docs (`<base64-cert>`, `REPLACE_ME`, base64 cut short with `...`) is one warning on the Secret.', status: 'ResolvedRefs=False, reason InvalidCertificateRef' },
  'certificate-key-mismatch': { severity: 'error', summary: '`tls.key` does not belong to the leaf certificate of `tls.crt`.', status: 'ResolvedRefs=False, reason InvalidCertificateRef (or the listener fails every handshake)' },
  'certificate-expired': { severity: 'error', summary: 'The leaf (or a chain member) is past its notAfter date.', status: 'clients reject the handshake' },
  'certificate-not-yet-valid': { severity: 'warning', summary: 'The certificate (or a chain member) is not valid yet (before notBefore).', status: 'clients reject the handshake' },
  'certificate-expiring': { severity: 'warning', summary: 'The leaf certificate expires within `gatewayTls.certificates.expiryWarningDays` (default 30).', status: 'clients will reject it after notAfter' },
  'certificate-hostname-mismatch': { severity: 'warning', summary: "The listener hostname is not covered by the certificate's DNS SANs (a SAN wildcard covers exactly one label; CN is not used).", status: 'clients report a name mismatch' },
  'backend-tls-target-not-found': { severity: 'warning', summary: 'The target Service (or its `sectionName` port name) is not in the workspace.', status: 'Accepted=False, reason TargetNotFound' },
  'backend-tls-target-unsupported': { severity: 'warning', summary: 'A BackendTLSPolicy target that is not a core Service.', status: 'implementation-specific; usually ignored' },
  'backend-tls-hostname-invalid': { severity: 'error', summary: '`hostname` is a wildcard, an IP address, or not a valid DNS name.', status: 'the API server rejects the policy (or the SNI is wrong)' },
  'backend-tls-ca-conflict': { severity: 'error', summary: 'Both or neither of `caCertificateRefs` and `wellKnownCACertificates` (v1alpha2: `caCertRefs` / `wellKnownCACerts`).', status: 'the API server rejects the policy (CEL)' },
  'backend-tls-ca-not-found': { severity: 'warning', summary: 'A CA ConfigMap is not in the workspace (in the policy\'s namespace).', status: 'ResolvedRefs=False, reason InvalidCACertificateRef' },
  'backend-tls-ca-ref-unsupported': { severity: 'error', severityNote: 'error (warning for `group: core`, `Secret`, `ClusterTrustBundle`)', summary: 'A CA ref of an unknown kind (e.g. the old guide\'s `ConfigMapReference`), or that names another namespace. A warning for `group: core` or another real kind (`Secret`, `ClusterTrustBundle`): implementation-specific.', status: 'ResolvedRefs=False, reason InvalidKind' },
  'backend-tls-ca-invalid': { severity: 'error', summary: 'The CA ConfigMap lacks `ca.crt`, or it holds no valid, unexpired CA certificate.', status: 'Accepted=False, reason NoValidCACertificate' },
  'backend-tls-policy-conflict': { severity: 'warning', summary: 'Another policy targets the same Service and section and wins (older creationTimestamp, then namespace/name).', status: 'Accepted=False, reason Conflicted' },
  'backend-tls-san-invalid': { severity: 'error', summary: '`subjectAltNames` entries whose type and value disagree.', status: 'the API server rejects the policy (CEL)' },
  'api-version-deprecated': { severity: 'info', summary: 'A deprecated API version, not served in the Standard channel (BackendTLSPolicy v1alpha2/v1alpha3, TLSRoute v1alpha2/v1alpha3, XListenerSet); carries a migration quick fix.', status: 'the API server may not serve this version' },
  'frontend-ca-not-found': { severity: 'warning', summary: 'A `spec.tls.frontend` `caCertificateRefs` ConfigMap is not in the workspace.', status: 'ResolvedRefs=False, reason InvalidCACertificateRef' },
  'frontend-ca-ref-unsupported': { severity: 'error', severityNote: 'error (warning for `group: core`, `Secret`, `ClusterTrustBundle`)', summary: 'A frontend CA ref of an unknown kind or group. A warning for `group: core` or another real kind (`Secret`, `ClusterTrustBundle`): implementation-specific.', status: 'ResolvedRefs=False, reason InvalidCACertificateKind' },
  'frontend-ca-invalid': { severity: 'error', summary: 'The frontend CA ConfigMap has no `ca.crt`, or it holds no valid, unexpired CA certificate.', status: 'ResolvedRefs=False, reason InvalidCACertificateRef (all invalid: Accepted=False, NoValidCACertificate)' },
  'frontend-per-port-unknown': { severity: 'warning', summary: 'A `spec.tls.frontend.perPort` entry for a port no HTTPS or TLS listener uses.', status: 'the setting has no effect' },
  'backend-client-certificate-invalid': { severity: 'error', severityNote: 'error (warning when the Secret is only absent from the workspace)', summary: '`spec.tls.backend.clientCertificateRef` points at a wrong-kind or non-TLS Secret, or (a warning) at a Secret not in the workspace that nothing here produces.', status: 'Gateway ResolvedRefs=False, reason InvalidClientCertificateRef' },
  'kustomize-ref-not-renamed': { severity: 'error', summary: 'A Kustomize build renames a Secret or CA ConfigMap (`namePrefix`, `nameSuffix`, a generator\'s hash suffix) that a Gateway, ListenerSet or BackendTLSPolicy references, and leaves the reference as written: kustomize does not know Gateway API reference fields. Quick fixes teach it the field (`configurations:` nameReference) or turn off the generator\'s hash.', status: 'ResolvedRefs=False: the applied object names a Secret or ConfigMap that does not exist' },
  'kustomize-build-failed': { severity: 'warning', summary: 'Kustomize cannot build an overlay: one diagnostic on its kustomization with kustomize\'s own reason; nothing else is reported for that build.', status: 'the overlay cannot be applied (`kubectl apply -k` fails)' },
  'feature-unsupported': { severity: 'warning', summary: 'A TLS feature (BackendTLSPolicy, its `subjectAltNames`, `spec.tls.frontend` client-certificate validation and its insecure fallback, `spec.tls.backend.clientCertificateRef`, ListenerSet, TLSRoute Terminate or mixed modes) that the serving implementation\'s upstream conformance report lists as unsupported. The message names the implementation, its version and the report; `gatewayTls.implementation` names or silences the implementation.', status: 'the controller ignores or rejects the feature (what exactly is the implementation\'s choice)' },
  'listener-connection-coalescing': { severity: 'warning', severityNote: 'warning (info when the implementation is unknown; silent when it answers 421)', summary: 'HTTPS listeners on one port with different certificates, where one listener\'s certificate also covers another\'s hostname: an HTTP/2 client may reuse a connection for the other hostname and reach the wrong listener, unless the implementation answers 421 Misdirected Request (`GatewayHTTPSListenerDetectMisdirectedRequests`).', status: 'requests reach the wrong listener (no Gateway condition shows it)' },
  'route-kind-not-allowed': { severity: 'warning', summary: 'A route attaches (parentRef, sectionName or port) to listeners that do not take its kind: HTTPRoute or GRPCRoute on a TLS listener, TLSRoute on HTTP or HTTPS, or a kind outside `allowedRoutes.kinds`.', status: 'the route gets Accepted=False, reason NotAllowedByListeners' },
  'route-hostname-not-covered': { severity: 'warning', summary: 'A hostname an HTTPS listener serves for a route (after hostname intersection and listener precedence) is not covered by the certificate that listener presents, e.g. `api.eu.example.com` under a `*.example.com` listener whose certificate covers one label only.', status: 'clients get a certificate name mismatch for that hostname' },
  'listenerset-not-allowed': { severity: 'warning', summary: "A ListenerSet (or XListenerSet) whose parent Gateway's `spec.allowedListeners` does not admit it: `namespaces.from` None (the default), Same from another namespace, or a Selector its namespace does not match.", status: 'the ListenerSet gets Accepted=False, reason NotAllowed; none of its listeners is served' },
  'certificate-issuer-not-found': { severity: 'hint', summary: "A cert-manager Issuer or ClusterIssuer named by a Certificate's `issuerRef` (kind default Issuer, in the Certificate's namespace) or by a Gateway's `cert-manager.io/issuer` / `cluster-issuer` annotation is not in the workspace (issuers are often installed separately, hence a hint).", status: 'cert-manager issues nothing until it exists (Certificate Ready=False); the Secret is never written' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CATALOG;

export const CODES = Object.keys(CATALOG) as Code[];

export function isCode(value: string): value is Code {
  return Object.prototype.hasOwnProperty.call(CATALOG, value);
}
