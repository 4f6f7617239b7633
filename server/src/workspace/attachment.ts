// Which listener serves which hostname for which route: the one model of route attachment that every rule, hover
// and the TLS map read. A route's parentRef names a Gateway (or a ListenerSet); its listeners are narrowed by
// sectionName and port, filtered by allowedRoutes (namespaces: Same, All, Selector over the workspace's Namespace
// labels; kinds: as written, else those the protocol takes) and by hostname intersection; of the names a listener
// would serve, those a more specific listener on the same port takes (exact before wildcard, Gateway listeners
// before ListenerSet listeners, then ListenerSets by creation time and name) go there instead.
import { GATEWAY_GROUP, gatewayView, readLabelSelector, type LabelSelector, type Listener } from '../model/gateway';
import { selectorMatches } from '../model/labelSelector';
import { listenerHostnameMatches, specificity } from '../model/listenerPrecedence';
import { EXPERIMENTAL_GROUP, listenerSetView } from '../model/listenerSet';
import { isRecord, type K8sObject } from '../model/object';
import { ROUTE_KINDS, routeView, type ParentRef, type RouteView } from '../model/route';
import type { WorkspaceContext } from '../rules/types';
import { kindTopic, type PlacedObject, type WorkspaceQueries } from './queries';

/** A listener of a Gateway, its own or from an admitted ListenerSet, with where it lives. */
export interface ServedListener {
  readonly listener: Listener;
  /** The Gateway or ListenerSet the listener is written in. */
  readonly owner: K8sObject;
  readonly ownerNamespace: string;
  readonly gateway: K8sObject;
  readonly gatewayNamespace: string;
  readonly fromListenerSet: boolean;
  /** Position in the Gateway's listener precedence among equally specific hostnames (lower first). */
  readonly rank: number;
}

export type Admission = 'admitted' | 'not-admitted' | 'unknown';

export interface ListenerSetAttachment {
  readonly listenerSet: PlacedObject;
  readonly gateway: PlacedObject | undefined;
  /** Whether the parent Gateway's `allowedListeners` admits it ('unknown': its namespace's labels are not known). */
  readonly admission: Admission;
}

export interface AttachedListener {
  readonly served: ServedListener;
  /** The names this listener serves for the route: the intersection, less names more specific listeners take. */
  readonly hostnames: readonly { readonly hostname: string; readonly routeIndex: number | undefined }[];
}

export type AttachmentResult =
  | { readonly kind: 'attached'; readonly listeners: readonly AttachedListener[] }
  /** The parent is not in the workspace: nothing to say. */
  | { readonly kind: 'parent-unknown' }
  /** sectionName or port match no listener (`NoMatchingParent`). */
  | { readonly kind: 'no-matching-parent' }
  /** Listeners match, but none admits the route: by kind (`NotAllowedByListeners`) or namespace. */
  | { readonly kind: 'not-allowed'; readonly listeners: readonly { readonly served: ServedListener; readonly reason: 'kind' | 'namespace' }[] }
  /** Listeners admit the route, but no hostname intersects (`NoMatchingListenerHostname`). */
  | { readonly kind: 'no-matching-hostname'; readonly listeners: readonly ServedListener[] };

export interface RouteAttachment {
  readonly route: RouteView;
  readonly namespace: string;
  readonly parentRef: ParentRef;
  readonly result: AttachmentResult;
}

export interface Attachments {
  readonly byRoute: ReadonlyMap<K8sObject, readonly RouteAttachment[]>;
  /** Per listener (by its owner object and index): the routes attached and the names served for each. */
  readonly byListener: ReadonlyMap<K8sObject, ReadonlyMap<number, readonly { readonly attachment: RouteAttachment; readonly hostnames: AttachedListener['hostnames'] }[]>>;
  readonly listenerSets: readonly ListenerSetAttachment[];
  /** Every Gateway's listeners in precedence order (its own first, then admitted ListenerSets'). */
  readonly listenersOf: (gateway: K8sObject) => readonly ServedListener[];
}

const memo = new WeakMap<WorkspaceQueries, { revision: number; stamp: string; value: Attachments }>();

/**
 * The attachments of the whole workspace, computed again only when what they depend on changed: a route, a Gateway,
 * a ListenerSet or a Namespace came, went or changed, or a Gateway's listeners did (the `listeners` topic) — not when
 * a Secret or a Service did. The coarse lookups are repeated on a hit, so that a cached finding built on them records
 * what it depends on; the fine ones the computation makes (each parent Gateway by name) change only with them.
 */
export function attachments(context: WorkspaceContext): Attachments {
  const queries = context.queries;
  // The lookups, without copying what they return: every route rule asks, once per route.
  const routeLists = ROUTE_LOOKUPS.map(([group, kind]) => queries.ofKind(group, kind));
  const gateways = queries.ofKind(GATEWAY_GROUP, 'Gateway');
  queries.ofKind(GATEWAY_GROUP, 'ListenerSet');
  queries.ofKind(EXPERIMENTAL_GROUP, 'XListenerSet');
  queries.ofKind('', 'Namespace');
  queries.readListeners();
  const cached = memo.get(queries);
  if (cached && cached.revision === queries.topics.revision) return cached.value;
  const stamp = queries.topics.stamp(COARSE_TOPICS);
  if (cached && cached.stamp === stamp) {
    memo.set(queries, { ...cached, revision: queries.topics.revision });
    return cached.value;
  }
  const value = compute(queries, routeLists.flat(), gateways);
  memo.set(queries, { revision: queries.topics.revision, stamp, value });
  return value;
}

const ROUTE_LOOKUPS: readonly (readonly [string, string])[] = [...ROUTE_KINDS].flatMap((kind) => [[GATEWAY_GROUP, kind] as const, [EXPERIMENTAL_GROUP, kind] as const]);

/** The topics of the lookups above. */
const COARSE_TOPICS: readonly string[] = [
  ...ROUTE_LOOKUPS.map(([group, kind]) => kindTopic(group, kind)),
  kindTopic(GATEWAY_GROUP, 'Gateway'),
  kindTopic(GATEWAY_GROUP, 'ListenerSet'),
  kindTopic(EXPERIMENTAL_GROUP, 'XListenerSet'),
  kindTopic('', 'Namespace'),
  'listeners',
];

function compute(queries: WorkspaceQueries, routes: readonly PlacedObject[], gateways: readonly PlacedObject[]): Attachments {
  const resolver = new Resolver(queries);
  const byRoute = new Map<K8sObject, RouteAttachment[]>();
  const byListener = new Map<K8sObject, Map<number, { attachment: RouteAttachment; hostnames: AttachedListener['hostnames'] }[]>>();
  for (const placed of routes) {
    const list = resolver.attachRoute(placed.object, placed.namespace.namespace);
    for (const attachment of list) {
      if (attachment.result.kind !== 'attached') continue;
      for (const attached of attachment.result.listeners) {
        const perOwner = byListener.get(attached.served.owner) ?? new Map();
        byListener.set(attached.served.owner, perOwner);
        const entries = perOwner.get(attached.served.listener.index) ?? [];
        entries.push({ attachment, hostnames: attached.hostnames });
        perOwner.set(attached.served.listener.index, entries);
      }
    }
    byRoute.set(placed.object, [...(byRoute.get(placed.object) ?? []), ...list]);
  }
  const listenersByGateway = new Map(gateways.map((g) => [g.object, resolver.listenersOf(g)] as const));
  return { byRoute, byListener, listenerSets: resolver.listenerSets(), listenersOf: (gateway) => listenersByGateway.get(gateway) ?? [] };
}

/**
 * One route's attachments, for the rules: computed from its parents alone, reading the topics of exactly what it
 * looked at (each parent by name, that parent's listeners), so an edit of another Gateway's hostname does not
 * re-check this route. The same code as the whole workspace's model (`attachments`), one route at a time.
 */
export function routeAttachments(object: K8sObject, context: WorkspaceContext): RouteAttachment[] {
  const resolver = new Resolver(context.queries);
  return context.namespacesOf(object).flatMap((candidate) => resolver.attachRoute(object, candidate.namespace));
}

type Labels = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** Lookups shared by the attachments of one computation; each is read (and its topic recorded) on first use only. */
class Resolver {
  private labels: Labels | undefined;
  private sets: readonly ListenerSetAttachment[] | undefined;
  private readonly listeners = new Map<K8sObject, readonly ServedListener[]>();

  constructor(private readonly queries: WorkspaceQueries) {}

  namespaceLabels(): Labels {
    this.labels ??= namespaceLabels(this.queries.ofKind('', 'Namespace'));
    return this.labels;
  }

  listenerSets(): readonly ListenerSetAttachment[] {
    this.sets ??= [...this.queries.ofKind(GATEWAY_GROUP, 'ListenerSet'), ...this.queries.ofKind(EXPERIMENTAL_GROUP, 'XListenerSet')].map((ls) =>
      attachListenerSet(ls, this.queries, () => this.namespaceLabels()),
    );
    return this.sets;
  }

  /** A Gateway's listeners in precedence order: its own, then those of the ListenerSets it admits. */
  listenersOf(g: PlacedObject): readonly ServedListener[] {
    const known = this.listeners.get(g.object);
    if (known) return known;
    this.queries.readListenersOf(g.object);
    const view = gatewayView(g.object);
    const own = (view?.listeners ?? []).map((listener, i): ServedListener => ({ listener, owner: g.object, ownerNamespace: g.namespace.namespace, gateway: g.object, gatewayNamespace: g.namespace.namespace, fromListenerSet: false, rank: i }));
    const admitted = this.listenerSets()
      .filter((a) => a.gateway?.object === g.object && a.admission !== 'not-admitted')
      .sort((a, b) => creationOrder(a.listenerSet) - creationOrder(b.listenerSet) || compareNames(a.listenerSet, b.listenerSet));
    let rank = own.length;
    const fromSets = admitted.flatMap((a) =>
      (listenerSetView(a.listenerSet.object)?.listeners ?? []).map((listener): ServedListener => ({ listener, owner: a.listenerSet.object, ownerNamespace: a.listenerSet.namespace.namespace, gateway: g.object, gatewayNamespace: g.namespace.namespace, fromListenerSet: true, rank: rank++ })),
    );
    const all = [...own, ...fromSets];
    this.listeners.set(g.object, all);
    return all;
  }

  attachRoute(object: K8sObject, namespace: string): RouteAttachment[] {
    const route = routeView(object);
    if (!route) return [];
    return route.parentRefs.map((parentRef) => ({ route, namespace, parentRef, result: attach(route, namespace, parentRef, this) }));
  }

  /** The listeners a parentRef names: a Gateway's (with its ListenerSets'), or one ListenerSet's; undefined: not in the workspace. */
  parentListeners(parentRef: ParentRef, namespace: string, name: string): readonly ServedListener[] | undefined {
    if (parentRef.kind === 'Gateway' && parentRef.group === GATEWAY_GROUP) {
      const gateway = this.queries.find(GATEWAY_GROUP, 'Gateway', namespace, name)[0];
      return gateway ? this.listenersOf(gateway) : undefined;
    }
    if ((parentRef.kind === 'ListenerSet' && parentRef.group === GATEWAY_GROUP) || (parentRef.kind === 'XListenerSet' && parentRef.group === EXPERIMENTAL_GROUP)) {
      const ls = this.queries.find(parentRef.group, parentRef.kind, namespace, name)[0];
      const parent = ls && this.listenerSets().find((a) => a.listenerSet.object === ls.object)?.gateway;
      const listeners = parent ? this.listenersOf(parent).filter((s) => s.owner === ls.object) : [];
      return listeners.length > 0 ? listeners : undefined;
    }
    return undefined;
  }
}

function attachListenerSet(ls: PlacedObject, queries: WorkspaceQueries, labels: () => Labels): ListenerSetAttachment {
  const view = listenerSetView(ls.object);
  const ref = view?.parentRef;
  if (!ref?.name || ref.kind !== 'Gateway' || ref.group !== GATEWAY_GROUP) return { listenerSet: ls, gateway: undefined, admission: 'unknown' };
  const gateway = queries.find(GATEWAY_GROUP, 'Gateway', ref.namespace ?? ls.namespace.namespace, ref.name)[0];
  if (!gateway) return { listenerSet: ls, gateway: undefined, admission: 'unknown' };
  const spec = isRecord(gateway.object.value.spec) ? gateway.object.value.spec : {};
  const allowed = isRecord(spec.allowedListeners) && isRecord(spec.allowedListeners.namespaces) ? spec.allowedListeners.namespaces : {};
  const from = typeof allowed.from === 'string' ? allowed.from : 'None';
  return { listenerSet: ls, gateway, admission: namespaceAdmits(from, readLabelSelector(allowed.selector), ls.namespace.namespace, gateway.namespace.namespace, labels) };
}

function attach(route: RouteView, routeNamespace: string, parentRef: ParentRef, resolver: Resolver): AttachmentResult {
  if (!parentRef.name) return { kind: 'parent-unknown' };
  const candidates = resolver.parentListeners(parentRef, parentRef.namespace ?? routeNamespace, parentRef.name);
  if (!candidates) return { kind: 'parent-unknown' };
  const matching = candidates.filter((s) => (parentRef.sectionName === undefined || s.listener.name === parentRef.sectionName) && (parentRef.port === undefined || s.listener.port === parentRef.port));
  if (matching.length === 0) return { kind: 'no-matching-parent' };
  const notAllowed: { served: ServedListener; reason: 'kind' | 'namespace' }[] = [];
  const allowed = matching.filter((s) => {
    if (!kindAllowed(s.listener, route.object)) return notAllowed.push({ served: s, reason: 'kind' }) && false;
    const a = s.listener.allowedRoutes;
    if (namespaceAdmits(a.from, a.selector, routeNamespace, s.ownerNamespace, () => resolver.namespaceLabels()) === 'not-admitted') return notAllowed.push({ served: s, reason: 'namespace' }) && false;
    return true;
  });
  if (allowed.length === 0) return { kind: 'not-allowed', listeners: notAllowed };
  const attached: AttachedListener[] = [];
  for (const served of allowed) {
    const hostnames = servedNames(route, served, candidates);
    if (hostnames !== undefined) attached.push({ served, hostnames });
  }
  if (attached.length === 0) return { kind: 'no-matching-hostname', listeners: allowed };
  // A listener whose names more specific listeners all take serves the route nothing: requests go elsewhere.
  const serving = attached.filter((a) => a.hostnames.length > 0);
  return { kind: 'attached', listeners: serving.length > 0 ? serving : attached };
}

/** The route kinds a listener takes: `allowedRoutes.kinds`, else those of its protocol. */
const PROTOCOL_KINDS: Readonly<Record<string, readonly string[]>> = { HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute'], TCP: ['TCPRoute'], UDP: ['UDPRoute'] };

/** The route kinds a listener takes, as messages name them; undefined for a protocol its implementation defines. */
export function allowedKinds(listener: Listener): readonly string[] | undefined {
  return listener.allowedRoutes.kinds?.map((k) => k.kind) ?? PROTOCOL_KINDS[listener.protocol ?? ''];
}

export function kindAllowed(listener: Listener, route: K8sObject): boolean {
  const kinds = listener.allowedRoutes.kinds;
  const protocolKinds = PROTOCOL_KINDS[listener.protocol ?? ''];
  // A domain-prefixed protocol takes what its implementation says: no finding.
  if (!kinds && !protocolKinds) return true;
  const written = kinds ?? protocolKinds!.map((kind) => ({ group: GATEWAY_GROUP, kind }));
  return written.some((k) => k.kind === route.kind && (k.group === route.group || (k.group === GATEWAY_GROUP && route.group === EXPERIMENTAL_GROUP)));
}

/**
 * The names a listener serves for a route, with the index of the route hostname each came from; undefined when
 * no route hostname intersects. A route without hostnames gets the listener's hostname (or `*`: every name).
 */
function servedNames(route: RouteView, served: ServedListener, all: readonly ServedListener[]): AttachedListener['hostnames'] | undefined {
  const spec = isRecord(route.object.value.spec) ? route.object.value.spec : {};
  const written = Array.isArray(spec.hostnames) ? spec.hostnames : [];
  const own = served.listener.hostname || undefined;
  const names: { hostname: string; routeIndex: number | undefined }[] = [];
  if (written.length === 0) names.push({ hostname: own ?? '*', routeIndex: undefined });
  written.forEach((h, i) => {
    if (typeof h !== 'string' || h === '') return;
    const name = intersect(own, h);
    if (name !== undefined) names.push({ hostname: name, routeIndex: i });
  });
  if (names.length === 0) return undefined;
  // An exact name a more specific listener on the same port also matches is served there, not here.
  return names.filter(({ hostname }) => hostname.startsWith('*') || !all.some((other) => other !== served && takesFrom(other, served, hostname)));
}

/** Whether `other` (same Gateway, same port and protocol family) wins `hostname` over `served`. */
function takesFrom(other: ServedListener, served: ServedListener, hostname: string): boolean {
  if (other.listener.port !== served.listener.port || other.listener.protocol !== served.listener.protocol) return false;
  if (!listenerHostnameMatches(other.listener.hostname || undefined, hostname)) return false;
  const a = specificity(other.listener.hostname || undefined);
  const b = specificity(served.listener.hostname || undefined);
  return a > b || (a === b && other.rank < served.rank);
}

/** The intersection of a listener hostname (undefined: any) and a route hostname, as the narrower of the two. */
export function intersect(listenerHostname: string | undefined, routeHostname: string): string | undefined {
  const l = listenerHostname?.toLowerCase();
  const r = routeHostname.toLowerCase();
  if (l === undefined || l === r) return r;
  const asName = (h: string) => (h.startsWith('*.') ? `x${h.slice(1)}` : h);
  if (listenerHostnameMatches(l, asName(r))) return r;
  if (listenerHostnameMatches(r, asName(l))) return l;
  return undefined;
}

function namespaceAdmits(from: string, selector: LabelSelector | undefined, namespace: string, ownerNamespace: string, labelsOf: () => Labels): Admission {
  switch (from) {
    case 'All':
      return 'admitted';
    case 'Same':
      return namespace === ownerNamespace ? 'admitted' : 'not-admitted';
    case 'None':
      return 'not-admitted';
    case 'Selector': {
      const known = labelsOf().get(namespace);
      // Every namespace carries kubernetes.io/metadata.name; other labels are known only from a Namespace object.
      const effective = { ...(known ?? {}), 'kubernetes.io/metadata.name': namespace };
      if (selectorMatches(selector, effective)) return 'admitted';
      return known ? 'not-admitted' : 'unknown';
    }
    default:
      return 'unknown';
  }
}

function namespaceLabels(namespaces: readonly PlacedObject[]): Map<string, Readonly<Record<string, string>>> {
  const map = new Map<string, Readonly<Record<string, string>>>();
  for (const { object } of namespaces) {
    if (object.kind !== 'Namespace' || !object.name) continue;
    const metadata = isRecord(object.value.metadata) ? object.value.metadata : {};
    const labels = isRecord(metadata.labels) ? metadata.labels : {};
    map.set(object.name, Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string')));
  }
  return map;
}

function creationOrder(placed: PlacedObject): number {
  const metadata = isRecord(placed.object.value.metadata) ? placed.object.value.metadata : {};
  const time = typeof metadata.creationTimestamp === 'string' ? Date.parse(metadata.creationTimestamp) : NaN;
  return Number.isNaN(time) ? Number.MAX_SAFE_INTEGER : time;
}

function compareNames(a: PlacedObject, b: PlacedObject): number {
  const ka = `${a.namespace.namespace}/${a.object.name ?? ''}`;
  const kb = `${b.namespace.namespace}/${b.object.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
