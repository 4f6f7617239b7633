// A typed view of the routes (HTTPRoute, GRPCRoute, TLSRoute; every served version): which Gateways or ListenerSets
// they attach to (`parentRefs`) and which backends they send to (`rules[].backendRefs`). What a BackendTLSPolicy's
// serving implementation is follows from these: the Gateways of the routes that reach its target Service.
import type { NodePath, ParsedYamlDocument } from '../parser/types';
import { GATEWAY_GROUP } from './gateway';
import { isRecord, type K8sObject } from './object';

export const ROUTE_KINDS: ReadonlySet<string> = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

export interface ParentRef {
  readonly group: string;
  /** Defaults to Gateway. */
  readonly kind: string;
  readonly name: string | undefined;
  /** As written; undefined: the route's own namespace. */
  readonly namespace: string | undefined;
  readonly sectionName: string | undefined;
  readonly port: number | undefined;
  readonly path: NodePath;
}

export interface BackendRef {
  readonly group: string;
  /** Defaults to Service. */
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly port: number | undefined;
  readonly path: NodePath;
}

export interface RouteView {
  readonly object: K8sObject;
  readonly parentRefs: readonly ParentRef[];
  readonly backendRefs: readonly BackendRef[];
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

// Every route rule and each computation of the attachment model read the same route: build its view once per document.
const views = new WeakMap<ParsedYamlDocument, RouteView>();

export function routeView(object: K8sObject): RouteView | undefined {
  if (!ROUTE_KINDS.has(object.kind) || (object.group !== GATEWAY_GROUP && object.group !== 'gateway.networking.x-k8s.io')) return undefined;
  const cached = views.get(object.source.document);
  if (cached && cached.object === object) return cached;
  const view = readRoute(object);
  views.set(object.source.document, view);
  return view;
}

function readRoute(object: K8sObject): RouteView {
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  const parents = Array.isArray(spec.parentRefs) ? spec.parentRefs : [];
  const parentRefs = parents.flatMap((raw, i): ParentRef[] =>
    isRecord(raw)
      ? [{ group: str(raw.group) ?? GATEWAY_GROUP, kind: str(raw.kind) ?? 'Gateway', name: str(raw.name), namespace: str(raw.namespace), sectionName: str(raw.sectionName), port: num(raw.port), path: ['spec', 'parentRefs', i] }]
      : [],
  );
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  const backendRefs = rules.flatMap((rule, r) => {
    const refs = isRecord(rule) && Array.isArray(rule.backendRefs) ? rule.backendRefs : [];
    return refs.flatMap((raw, i): BackendRef[] =>
      isRecord(raw)
        ? [{ group: typeof raw.group === 'string' ? raw.group : '', kind: str(raw.kind) ?? 'Service', name: str(raw.name), namespace: str(raw.namespace), port: num(raw.port), path: ['spec', 'rules', r, 'backendRefs', i] }]
        : [],
    );
  });
  return { object, parentRefs, backendRefs };
}
