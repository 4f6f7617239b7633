// A typed view of a Gateway's listeners with the API server's defaults applied (tls.mode → Terminate,
// certificateRef kind → Secret, group → ""), so rules see what the controller will see. Fields of the wrong
// type read as absent here: the schema check reports them.
import type { NodePath, ParsedYamlDocument } from '../parser/types';
import { isRecord, type K8sObject } from './object';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
export const GATEWAY_VERSIONS = new Set(['v1', 'v1beta1']);

export type TlsMode = 'Terminate' | 'Passthrough';

export interface SecretObjectReference {
  readonly group: string;
  readonly kind: string;
  readonly name: string | undefined;
  /** As written; undefined means the referring object's own namespace. */
  readonly namespace: string | undefined;
  readonly path: NodePath;
}

export interface ListenerTls {
  /** After defaulting; an unknown written value is kept as written so rules can report it. */
  readonly mode: string;
  readonly modeWritten: boolean;
  readonly certificateRefs: readonly SecretObjectReference[];
  readonly options: Readonly<Record<string, unknown>> | undefined;
  readonly path: NodePath;
}

export interface Listener {
  readonly index: number;
  readonly path: NodePath;
  readonly name: string | undefined;
  readonly protocol: string | undefined;
  readonly port: number | undefined;
  /** undefined when absent or not a string; "" is kept (the schema rejects it). */
  readonly hostname: string | undefined;
  /** `hostname` is set to a non-null value of any type (CEL's `has(l.hostname)`). */
  readonly hasHostname: boolean;
  /** Only when `tls` is a map; see `hasTls` for whether the key is there at all. */
  readonly tls: ListenerTls | undefined;
  /**
   * `tls` is set to a non-null value of any type (CEL's `has(l.tls)`). A null `tls:` counts as absent: the API
   * server prunes null fields before validation.
   */
  readonly hasTls: boolean;
  /** `allowedRoutes`, defaulted: routes of the listener's own namespace, of the kinds its protocol takes. */
  readonly allowedRoutes: AllowedRoutes;
}

export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly { readonly key: string; readonly operator: string; readonly values: readonly string[] }[];
}

export interface AllowedRoutes {
  /** `Same` (default), `All`, `Selector`, or a value as written. */
  readonly from: string;
  readonly selector: LabelSelector | undefined;
  /** As written; undefined: the kinds the protocol takes. */
  readonly kinds: readonly { readonly group: string; readonly kind: string }[] | undefined;
  readonly path: NodePath;
}

export interface GatewayView {
  readonly object: K8sObject;
  readonly listeners: readonly Listener[];
  readonly annotations: Readonly<Record<string, string>>;
}

export function isGateway(object: K8sObject): boolean {
  return object.kind === 'Gateway' && object.group === GATEWAY_GROUP && GATEWAY_VERSIONS.has(object.version);
}

// Views are pure functions of the parsed document, and rules, producers, facts and grant usage all ask for the
// same Gateway's view: build it once per document.
const views = new WeakMap<ParsedYamlDocument, GatewayView>();

export function gatewayView(object: K8sObject): GatewayView | undefined {
  if (!isGateway(object)) return undefined;
  const cached = views.get(object.source.document);
  if (cached && cached.object === object) return cached;
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  const listeners = Array.isArray(spec.listeners) ? spec.listeners : [];
  const view = {
    object,
    listeners: listeners.map((raw, index) => readListener(raw, index)),
    annotations: readAnnotations(object),
  };
  views.set(object.source.document, view);
  return view;
}

/** A listener item of a Gateway's or a ListenerSet's `spec.listeners`. */
export function readListener(raw: unknown, index: number): Listener {
  const path: NodePath = ['spec', 'listeners', index];
  const l = isRecord(raw) ? raw : {};
  return {
    index,
    path,
    name: stringOr(l.name),
    protocol: stringOr(l.protocol),
    port: typeof l.port === 'number' ? l.port : undefined,
    hostname: stringOr(l.hostname),
    hasHostname: isSet(l, 'hostname'),
    tls: isRecord(l.tls) ? readTls(l.tls, [...path, 'tls']) : undefined,
    hasTls: isSet(l, 'tls'),
    allowedRoutes: readAllowedRoutes(l.allowedRoutes, [...path, 'allowedRoutes']),
  };
}

function readAllowedRoutes(raw: unknown, path: NodePath): AllowedRoutes {
  const a = isRecord(raw) ? raw : {};
  const namespaces = isRecord(a.namespaces) ? a.namespaces : {};
  const kinds = Array.isArray(a.kinds)
    ? a.kinds.flatMap((k) => (isRecord(k) && typeof k.kind === 'string' ? [{ group: typeof k.group === 'string' ? k.group : GATEWAY_GROUP, kind: k.kind }] : []))
    : undefined;
  return { from: stringOr(namespaces.from) ?? 'Same', selector: readLabelSelector(namespaces.selector), kinds, path };
}

export function readLabelSelector(raw: unknown): LabelSelector | undefined {
  if (!isRecord(raw)) return undefined;
  const labels = isRecord(raw.matchLabels) ? raw.matchLabels : {};
  const expressions = Array.isArray(raw.matchExpressions) ? raw.matchExpressions : [];
  return {
    matchLabels: Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string')),
    matchExpressions: expressions.flatMap((e) =>
      isRecord(e) && typeof e.key === 'string' && typeof e.operator === 'string'
        ? [{ key: e.key, operator: e.operator, values: Array.isArray(e.values) ? e.values.filter((v): v is string => typeof v === 'string') : [] }]
        : [],
    ),
  };
}

function readTls(t: Record<string, unknown>, path: NodePath): ListenerTls {
  const written = stringOr(t.mode);
  const refs = Array.isArray(t.certificateRefs) ? t.certificateRefs : [];
  return {
    mode: written === undefined || written === '' ? 'Terminate' : written,
    modeWritten: written !== undefined && written !== '',
    certificateRefs: refs.map((r, i) => readSecretRef(r, [...path, 'certificateRefs', i])),
    options: isRecord(t.options) ? t.options : undefined,
    path,
  };
}

export function readSecretRef(raw: unknown, path: NodePath): SecretObjectReference {
  const r = isRecord(raw) ? raw : {};
  return {
    group: stringOr(r.group) ?? '',
    kind: stringOr(r.kind) ?? 'Secret',
    name: stringOr(r.name),
    namespace: stringOr(r.namespace) || undefined,
    path,
  };
}

export function readAnnotations(object: K8sObject): Record<string, string> {
  const metadata = isRecord(object.value.metadata) ? object.value.metadata : {};
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  return Object.fromEntries(Object.entries(annotations).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function isSet(record: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key) && record[key] !== null && record[key] !== undefined;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The certificateRefs a controller will actually load: those of a Terminate listener on a protocol that may
 * carry tls at all (Passthrough ignores them; HTTP/TCP/UDP may not have tls).
 */
export function servedCertificateRefs(listener: Listener): readonly SecretObjectReference[] {
  if (!listener.tls || listener.tls.mode !== 'Terminate') return [];
  return ['HTTP', 'TCP', 'UDP'].includes(listener.protocol ?? '') ? [] : listener.tls.certificateRefs;
}
