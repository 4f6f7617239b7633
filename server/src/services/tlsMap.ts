// The TLS map: Gateway → listener → certificate and routes, as one plain JSON-able tree for the editor's tree view
// and the CLI's `map`. Nothing is decided here: attachment is workspace/attachment.ts's, a certificateRef's
// resolution is workspace/references.ts's, certificate facts are x509/'s, and a listener's problems are the very
// diagnostics the engine publishes, picked by range (so the map and the rules cannot disagree).
import { DiagnosticSeverity, type Diagnostic, type Location, type Range } from 'vscode-languageserver-types';
import { GATEWAY_GROUP, gatewayView, servedCertificateRefs, type SecretObjectReference } from '../model/gateway';
import { isRecord, type K8sObject } from '../model/object';
import { isCoreSecret, secretView } from '../model/secret';
import type { NodePath } from '../parser/types';
import { attachments, type ServedListener } from '../workspace/attachment';
import type { ProducerRecord } from '../workspace/queries';
import { resolveSecretRef } from '../workspace/references';
import { certificateOfResolution } from '../workspace/servedCertificate';
import { normalizeUri } from '../workspace/uris';
import type { CertificateInfo } from '../x509/certificate';
import { daysUntil, validityStatus, type ValidityStatus } from '../x509/validity';
import { secretCertificates } from '../x509/tlsSecret';
import type { ServiceContext } from './context';
import { locationOf } from './navigation/locations';

export type ProblemSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface MapProblem {
  readonly code: string;
  readonly severity: ProblemSeverity;
  readonly message: string;
  /** Where the diagnostic is published. */
  readonly location: Location;
}

export type CertificateStatus = ValidityStatus | 'unknown';

export interface MapCertificate {
  /** The certificateRef as resolved: the Secret's namespace and name. */
  readonly namespace: string;
  readonly name: string;
  /** `Secret`, `cert-manager Certificate x`, `a SealedSecret`, …; null when nothing in the workspace makes it. */
  readonly producer: string | null;
  /** The ref is not a core Secret (kind/group as written), or names an externally managed Secret. */
  readonly note?: string;
  readonly subject?: string;
  readonly sans?: readonly string[];
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly daysLeft?: number;
  readonly status: CertificateStatus;
  /** The Secret (or producer) in the workspace; else the certificateRef. */
  readonly location: Location | undefined;
  /** The certificateRef in the listener. */
  readonly refLocation: Location | undefined;
  readonly problems: readonly MapProblem[];
}

export interface MapRoute {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The names this listener serves for the route. */
  readonly hostnames: readonly string[];
  readonly location: Location | undefined;
  /** Diagnostics on the parentRef that attaches the route. */
  readonly problems: readonly MapProblem[];
}

export interface MapListener {
  readonly name: string | undefined;
  readonly port: number | undefined;
  readonly protocol: string | undefined;
  readonly hostname: string | undefined;
  /** `tls.mode` after defaulting; undefined without `tls`. */
  readonly mode: string | undefined;
  /** Set for a listener an admitted ListenerSet adds. */
  readonly listenerSet?: { readonly namespace: string; readonly name: string };
  readonly location: Location | undefined;
  readonly problems: readonly MapProblem[];
  readonly certificates: readonly MapCertificate[];
  readonly routes: readonly MapRoute[];
}

export interface MapGateway {
  readonly namespace: string;
  readonly name: string;
  readonly className: string | undefined;
  readonly location: Location | undefined;
  /** Diagnostics on the Gateway outside of every listener. */
  readonly problems: readonly MapProblem[];
  readonly listeners: readonly MapListener[];
}

export interface TlsMap {
  readonly gateways: readonly MapGateway[];
}

export interface ExpiryEntry {
  readonly namespace: string;
  readonly name: string;
  readonly subject: string;
  readonly sans: readonly string[];
  readonly notBefore: string;
  readonly notAfter: string;
  readonly daysLeft: number;
  readonly status: CertificateStatus;
  readonly location: Location | undefined;
}

/** The published diagnostics of a file (the engine's, with severities and settings applied). */
export type Validate = (uri: string) => readonly Diagnostic[];

const SEVERITY: Record<DiagnosticSeverity, ProblemSeverity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function doTlsMap(context: ServiceContext, validate: Validate, now: Date = new Date()): TlsMap {
  const workspace = context.workspace();
  const queries = workspace.queries;
  const model = attachments(workspace);
  const problems = problemFinder(validate);
  const place = (object: K8sObject, path: NodePath, part: 'key' | 'value' = 'value') => locationOf(context.index, object.source.uri, object, path, part);

  const certificate = (served: ServedListener, ref: SecretObjectReference): MapCertificate | undefined => {
    const owner = served.owner;
    const from = { group: owner.group, kind: owner.kind, namespaces: workspace.namespacesOf(owner).slice(0, 1) };
    const resolution = resolveSecretRef(queries, context.settings.externalSecrets, from, ref)[0];
    if (!resolution || ref.name === undefined) return undefined;
    const refLocation = place(owner, [...ref.path, 'name']);
    const refItem = place(owner, ref.path);
    const refProblems = refItem ? problems.within(refItem) : [];
    const base = { namespace: resolution.spec.to.namespace, name: ref.name, refLocation };
    const note = !resolution.supported ? `${ref.kind}${ref.group ? ` (${ref.group})` : ''}: implementation-specific` : resolution.external ? 'externally managed' : undefined;
    const secret = resolution.secrets.find((s) => s.object);
    const producer = secret ?? resolution.producers[0];
    if (!producer) {
      return { ...base, producer: null, ...(note ? { note } : {}), status: 'unknown', location: refLocation, problems: refProblems };
    }
    const location = producerLocation(producer, context);
    const facts = secret?.object ? leafFacts(secret.object, now, context.settings.expiryWarningDays) : undefined;
    // What a cert-manager Certificate (or gateway-shim) will request, as the hostname rules read it; the rest is
    // known once it has issued.
    const issued = facts ? undefined : certificateOfResolution(resolution);
    const requested = issued && (issued.kind === 'cert-manager' || issued.kind === 'gateway-shim') ? [...issued.names] : undefined;
    const own = location && producer.object ? objectLocation(producer.object, context) : undefined;
    return {
      ...base,
      producer: producerName(producer),
      ...(note ? { note } : {}),
      ...(facts ?? { ...(requested ? { sans: requested } : {}), status: 'unknown' as const }),
      location,
      problems: [...(own ? problems.within(own) : []), ...refProblems],
    };
  };

  const listener = (served: ServedListener): MapListener => {
    const l = served.listener;
    const full = place(served.owner, l.path);
    const routes = (model.byListener.get(served.owner)?.get(l.index) ?? [])
      .map(({ attachment, hostnames }): MapRoute => {
        const route = attachment.route.object;
        const parent = place(route, attachment.parentRef.path);
        return {
          kind: route.kind,
          namespace: attachment.namespace,
          name: route.name ?? '',
          hostnames: [...new Set(hostnames.map((h) => h.hostname))],
          location: place(route, ['metadata', 'name']),
          problems: parent ? problems.within(parent) : [],
        };
      })
      .sort((a, b) => compare(`${a.namespace}/${a.name}/${a.kind}`, `${b.namespace}/${b.name}/${b.kind}`));
    const refs = l.tls?.certificateRefs ?? [];
    const servedRefs = new Set(servedCertificateRefs(l));
    return {
      name: l.name,
      port: l.port,
      protocol: l.protocol,
      hostname: l.hostname,
      mode: l.tls?.mode,
      ...(served.fromListenerSet ? { listenerSet: { namespace: served.ownerNamespace, name: served.owner.name ?? '' } } : {}),
      location: l.name !== undefined ? place(served.owner, [...l.path, 'name']) : full,
      problems: full ? problems.within(full) : [],
      certificates: refs.filter((r) => servedRefs.has(r)).flatMap((r) => certificate(served, r) ?? []),
      routes,
    };
  };

  const gateways: MapGateway[] = [];
  const seen = new Set<string>();
  for (const placed of queries.ofKind(GATEWAY_GROUP, 'Gateway')) {
    const view = gatewayView(placed.object);
    if (!view) continue;
    const key = `${placed.namespace.namespace}/${placed.object.name ?? ''}@${placed.object.source.uri}#${placed.object.source.segmentOffset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const spec = isRecord(placed.object.value.spec) ? placed.object.value.spec : {};
    const listeners = model.listenersOf(placed.object).map(listener);
    const whole = objectLocation(placed.object, context);
    const inListeners = new Set(listeners.flatMap((l) => l.problems));
    gateways.push({
      namespace: placed.namespace.namespace,
      name: placed.object.name ?? '',
      className: typeof spec.gatewayClassName === 'string' ? spec.gatewayClassName : undefined,
      location: place(placed.object, ['metadata', 'name']),
      problems: whole ? problems.within(whole).filter((p) => ![...inListeners].some((q) => sameProblem(p, q))) : [],
      listeners,
    });
  }
  gateways.sort((a, b) => compare(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  return { gateways };
}

/** Every TLS Secret in the workspace whose leaf certificate parses, soonest expiry first. */
export function doCertificateExpiry(context: ServiceContext, now: Date = new Date()): ExpiryEntry[] {
  const queries = context.workspace().queries;
  const entries: ExpiryEntry[] = [];
  const seen = new Set<string>();
  for (const placed of queries.ofKind('', 'Secret')) {
    const object = placed.object;
    if (!isCoreSecret(object) || !secretView(object)?.keys.has('tls.crt')) continue;
    const facts = leafFacts(object, now, context.settings.expiryWarningDays);
    if (!facts) continue;
    const location = locationOf(context.index, object.source.uri, object, ['metadata', 'name']);
    const key = `${placed.namespace.namespace}/${object.name ?? ''}@${location ? `${normalizeUri(location.uri)}:${location.range.start.line}` : object.source.uri}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ namespace: placed.namespace.namespace, name: object.name ?? '', ...facts, location });
  }
  return entries.sort((a, b) => compare(a.notAfter, b.notAfter) || compare(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
}

/** The leaf's public facts and status at `now`; undefined without a parseable leaf. */
function leafFacts(secret: K8sObject, now: Date, warningDays: number) {
  const certificates = secretCertificates(secret);
  if (!certificates || certificates.material.crt?.problem) return undefined;
  const leaf: CertificateInfo | undefined = certificates.analysis.chain[0];
  if (!leaf) return undefined;
  return {
    subject: leaf.subject,
    sans: [...leaf.dnsNames],
    notBefore: leaf.notBefore.toISOString(),
    notAfter: leaf.notAfter.toISOString(),
    daysLeft: daysUntil(leaf.notAfter, now),
    status: validityStatus(leaf, now, warningDays),
  };
}

function producerName(record: ProducerRecord): string {
  if (record.producer === 'Secret') return 'Secret';
  return record.description;
}

function producerLocation(record: ProducerRecord, context: ServiceContext): Location | undefined {
  return locationOf(context.index, record.uri, record.object, record.path);
}

function objectLocation(object: K8sObject, context: ServiceContext): Location | undefined {
  return locationOf(context.index, object.source.uri, object, []);
}

/** Diagnostics of a file whose range lies inside `location`, each file validated once per map. */
function problemFinder(validate: Validate) {
  const byFile = new Map<string, readonly Diagnostic[]>();
  const diagnostics = (uri: string) => {
    const key = normalizeUri(uri);
    let found = byFile.get(key);
    if (!found) {
      found = validate(uri);
      byFile.set(key, found);
    }
    return found;
  };
  return {
    within(location: Location): MapProblem[] {
      return diagnostics(location.uri)
        .filter((d) => inside(d.range, location.range))
        .map((d) => ({
          code: String(d.code ?? ''),
          severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error],
          message: typeof d.message === 'string' ? d.message : d.message.value,
          location: { uri: location.uri, range: d.range },
        }));
    },
  };
}

function sameProblem(a: MapProblem, b: MapProblem): boolean {
  return a.code === b.code && a.message === b.message && a.location.range.start.line === b.location.range.start.line && a.location.range.start.character === b.location.range.start.character;
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function inside(inner: Range, outer: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
