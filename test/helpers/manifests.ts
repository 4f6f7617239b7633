// Builders for the manifests the tests feed the language service: Gateways, Secrets, ReferenceGrants, Services,
// ConfigMaps, cert-manager Certificates and BackendTLSPolicies. Every value is written as the YAML scalar it is
// given (quotes included: `group: '""'`, `hostname: '"*.example.com"'`) and keys always come in the same order, so
// the text is predictable: tests locate lines by text (lineOf, positionOf) and compare exact ranges in it.
// Every document ends with a newline; join several with `documents(...)`.

/** Documents of one file, separated by `---`. */
export function documents(...docs: string[]): string {
  return docs.join('---\n');
}

/** A literal block scalar (`|`) holding `text`, its lines indented by `indent` spaces: for `key: ${literalBlock(pem)}`. */
export function literalBlock(text: string, indent = 4): string {
  return `|\n${text.trimEnd().split('\n').map((l) => `${' '.repeat(indent)}${l}`).join('\n')}`;
}

/** `key: value` lines (values as given, multi-line ones from literalBlock included), indented by `indent` spaces. */
function entries(map: Record<string, string>, indent = 2): string[] {
  return Object.entries(map).map(([key, value]) => `${' '.repeat(indent)}${key}: ${value}`);
}

function metadata(name: string, namespace: string | undefined): string[] {
  return ['metadata:', `  name: ${name}`, ...(namespace === undefined ? [] : [`  namespace: ${namespace}`])];
}

// ---- Gateway -----------------------------------------------------------------------------------------------------

/** A listener certificateRef, written `kind`, `group`, `name`, `namespace` (the keys given). */
export interface CertificateRefSpec {
  kind?: string;
  group?: string;
  name: string;
  namespace?: string;
}

export interface ListenerSpec {
  name: string;
  /** Default HTTPS. */
  protocol?: string;
  /** Default 443. */
  port?: number;
  hostname?: string;
  /** Writes `port:` before `protocol:`, the order some fixtures use. */
  portFirst?: boolean;
  /** `tls.mode`. */
  mode?: string;
  /** `tls.certificateRefs`; a string is `- name: <it>`. `[]` writes the key alone; without refs and mode, no `tls:`. */
  refs?: readonly (string | CertificateRefSpec)[];
}

export interface GatewaySpec {
  name: string;
  namespace?: string;
  /** The version of gateway.networking.k8s.io; default v1. */
  apiVersion?: string;
  annotations?: Record<string, string>;
  /** Default acme-lb. */
  gatewayClassName?: string;
  listeners: readonly ListenerSpec[];
}

function certificateRefLines(ref: string | CertificateRefSpec): string[] {
  const r = typeof ref === 'string' ? { name: ref } : ref;
  const keys = [
    ...(r.kind === undefined ? [] : [`kind: ${r.kind}`]),
    ...(r.group === undefined ? [] : [`group: ${r.group}`]),
    `name: ${r.name}`,
    ...(r.namespace === undefined ? [] : [`namespace: ${r.namespace}`]),
  ];
  return keys.map((key, i) => `${i === 0 ? '      - ' : '        '}${key}`);
}

/** One `- name: …` item of `spec.listeners`, at the indentation of a Gateway's listeners. */
export function listenerYaml(listener: ListenerSpec): string {
  const protocol = `    protocol: ${listener.protocol ?? 'HTTPS'}`;
  const port = `    port: ${listener.port ?? 443}`;
  const tls = listener.mode !== undefined || listener.refs !== undefined;
  return [
    `  - name: ${listener.name}`,
    ...(listener.portFirst ? [port, protocol] : [protocol, port]),
    ...(listener.hostname === undefined ? [] : [`    hostname: ${listener.hostname}`]),
    ...(tls ? ['    tls:'] : []),
    ...(listener.mode === undefined ? [] : [`      mode: ${listener.mode}`]),
    ...(listener.refs === undefined ? [] : ['      certificateRefs:', ...listener.refs.flatMap(certificateRefLines)]),
    '',
  ].join('\n');
}

export function gatewayYaml(gateway: GatewaySpec): string {
  return [
    `apiVersion: gateway.networking.k8s.io/${gateway.apiVersion ?? 'v1'}`,
    'kind: Gateway',
    ...metadata(gateway.name, gateway.namespace),
    ...(gateway.annotations ? ['  annotations:', ...entries(gateway.annotations, 4)] : []),
    'spec:',
    `  gatewayClassName: ${gateway.gatewayClassName ?? 'acme-lb'}`,
    '  listeners:',
    '',
  ].join('\n') + gateway.listeners.map(listenerYaml).join('');
}

/**
 * Gateway `gw` whose one HTTPS listener (shop.example.com on 443) refers to Secret `secret` (default shop-cert);
 * with `tls: false` the listener has no `tls:` at all.
 */
export function shopGatewayYaml(
  opts: { namespace?: string; secret?: string; secretNamespace?: string; protocol?: string; annotations?: Record<string, string>; tls?: false } = {},
): string {
  const refs = opts.tls === false ? undefined : [{ name: opts.secret ?? 'shop-cert', namespace: opts.secretNamespace }];
  return gatewayYaml({
    name: 'gw',
    namespace: opts.namespace,
    annotations: opts.annotations,
    gatewayClassName: 'acme',
    listeners: [{ name: 'https', protocol: opts.protocol, hostname: 'shop.example.com', refs }],
  });
}

/** A listener of the seed's examples: HTTPS on 443 for `hostname`, with an explicit `kind: Secret`, `group: ""` ref. */
export function seedListener(name: string, hostname: string, secret: string): ListenerSpec {
  return { name, hostname, refs: [{ kind: 'Secret', group: '""', name: secret }] };
}

/** The seed's wildcard example (examples/wildcard/gateway.yaml): foo.example.com and *.example.com on 443. */
export const WILDCARD_GATEWAY = gatewayYaml({
  name: 'wildcard-tls-gateway',
  namespace: 'edge',
  apiVersion: 'v1beta1',
  listeners: [seedListener('foo-https', 'foo.example.com', 'foo-example-com-cert'), seedListener('wildcard-https', '"*.example.com"', 'wildcard-example-com-cert')],
});

// ---- core objects ------------------------------------------------------------------------------------------------

/** A Secret (no `namespace:` when it is undefined); by default a `kubernetes.io/tls` one with `tls.crt: AAAA` and `tls.key: AAAA` as data. */
export function secretYaml(name: string, namespace: string | undefined, opts: { type?: string; data?: Record<string, string>; stringData?: Record<string, string> } = {}): string {
  const data = opts.data ?? (opts.stringData ? undefined : { 'tls.crt': 'AAAA', 'tls.key': 'AAAA' });
  return [
    'apiVersion: v1',
    'kind: Secret',
    ...metadata(name, namespace),
    `type: ${opts.type ?? 'kubernetes.io/tls'}`,
    ...(data ? ['data:', ...entries(data)] : []),
    ...(opts.stringData ? ['stringData:', ...entries(opts.stringData)] : []),
    '',
  ].join('\n');
}

/** A Service; `ports` as `- name: …` / `port: …` items (no `spec:` without ports). */
export function serviceYaml(name: string, namespace: string | undefined, ports?: readonly { name?: string; port: number }[]): string {
  const items = (ports ?? []).flatMap((p) => (p.name === undefined ? [`  - port: ${p.port}`] : [`  - name: ${p.name}`, `    port: ${p.port}`]));
  return ['apiVersion: v1', 'kind: Service', ...metadata(name, namespace), ...(ports ? ['spec:', '  ports:', ...items] : []), ''].join('\n');
}

/** A ConfigMap; without `data`, none is written. */
export function configMapYaml(name: string, namespace: string, data?: Record<string, string>): string {
  return ['apiVersion: v1', 'kind: ConfigMap', ...metadata(name, namespace), ...(data ? ['data:', ...entries(data)] : []), ''].join('\n');
}

/** A cert-manager Certificate writing Secret `secretName`; `dnsNames` in flow style, the issuer a ClusterIssuer. */
export function certificateYaml(name: string, namespace: string, secretName: string, opts: { dnsNames?: readonly string[]; clusterIssuer?: string } = {}): string {
  return [
    'apiVersion: cert-manager.io/v1',
    'kind: Certificate',
    ...metadata(name, namespace),
    'spec:',
    `  secretName: ${secretName}`,
    ...(opts.dnsNames ? [`  dnsNames: [${opts.dnsNames.join(', ')}]`] : []),
    ...(opts.clusterIssuer ? [`  issuerRef: {name: ${opts.clusterIssuer}, kind: ClusterIssuer}`] : []),
    '',
  ].join('\n');
}

// ---- ReferenceGrant ----------------------------------------------------------------------------------------------

export interface ReferenceGrantSpec {
  /** Default allow. */
  name?: string;
  /** Default certs. */
  namespace?: string;
  /** The version of gateway.networking.k8s.io; default v1beta1. */
  apiVersion?: string;
  /** The one `from` entry; default Gateways (gateway.networking.k8s.io) from team-a. */
  from?: { group?: string; kind?: string; namespace?: string };
  /** The one `to` entry; default every Secret (`group: ""`). */
  to?: { group?: string; kind?: string; name?: string };
  /** `- ` indented under `from:`/`to:` (the conformance manifests' layout) instead of flush with them. */
  indentLists?: boolean;
}

export function referenceGrantYaml(grant: ReferenceGrantSpec = {}): string {
  const item = grant.indentLists ? '    - ' : '  - ';
  const key = grant.indentLists ? '      ' : '    ';
  return [
    `apiVersion: gateway.networking.k8s.io/${grant.apiVersion ?? 'v1beta1'}`,
    'kind: ReferenceGrant',
    ...metadata(grant.name ?? 'allow', grant.namespace ?? 'certs'),
    'spec:',
    '  from:',
    `${item}group: ${grant.from?.group ?? 'gateway.networking.k8s.io'}`,
    `${key}kind: ${grant.from?.kind ?? 'Gateway'}`,
    `${key}namespace: ${grant.from?.namespace ?? 'team-a'}`,
    '  to:',
    `${item}group: ${grant.to?.group ?? '""'}`,
    `${key}kind: ${grant.to?.kind ?? 'Secret'}`,
    ...(grant.to?.name === undefined ? [] : [`${key}name: ${grant.to.name}`]),
    '',
  ].join('\n');
}

// ---- BackendTLSPolicy --------------------------------------------------------------------------------------------

export interface BackendTlsPolicySpec {
  /** Default auth-tls. */
  name?: string;
  /** Default backend; false writes no `namespace:`. */
  namespace?: string | false;
  /** The version of gateway.networking.k8s.io; default v1. */
  version?: string;
  /** metadata.creationTimestamp. */
  created?: string;
  /** The one target Service (default auth-service) and its port name. */
  target?: string;
  section?: string;
  /** The `targetRefs` items as written, instead of target/section. */
  targets?: string;
  /** A ConfigMap CA ref instead of `wellKnownCACertificates: System`. */
  ca?: string;
  /** `validation.hostname`; default auth.example.com. */
  hostname?: string;
  /** The lines under `validation:` as written, instead of the CA source and the hostname. */
  validation?: string;
}

export function backendTlsPolicyYaml(opts: BackendTlsPolicySpec = {}): string {
  const caSource = opts.ca ? ['    caCertificateRefs:', '    - group: ""', '      kind: ConfigMap', `      name: ${opts.ca}`] : ['    wellKnownCACertificates: System'];
  return [
    `apiVersion: gateway.networking.k8s.io/${opts.version ?? 'v1'}`,
    'kind: BackendTLSPolicy',
    ...metadata(opts.name ?? 'auth-tls', opts.namespace === false ? undefined : (opts.namespace ?? 'backend')),
    ...(opts.created ? [`  creationTimestamp: "${opts.created}"`] : []),
    'spec:',
    '  targetRefs:',
    opts.targets ?? ['  - group: ""', '    kind: Service', `    name: ${opts.target ?? 'auth-service'}`, ...(opts.section ? [`    sectionName: ${opts.section}`] : [])].join('\n'),
    '  validation:',
    opts.validation ?? [...caSource, `    hostname: ${opts.hostname ?? 'auth.example.com'}`].join('\n'),
    '',
  ].join('\n');
}
