// A typed view of a ListenerSet (`gateway.networking.k8s.io/v1`, standard since Gateway API v1.5; the experimental
// `gateway.networking.x-k8s.io/v1alpha1` XListenerSet before it): listeners added to a parent Gateway, possibly
// from another namespace, with their own certificateRefs. Its listeners read exactly like a Gateway's.
import type { NodePath, ParsedYamlDocument } from '../parser/types';
import { GATEWAY_GROUP, gatewayView, readAnnotations, readListener, type GatewayView, type Listener } from './gateway';
import { isRecord, type K8sObject } from './object';

export const EXPERIMENTAL_GROUP = 'gateway.networking.x-k8s.io';

export interface ListenerSetView {
  readonly object: K8sObject;
  readonly listeners: readonly Listener[];
  /** `spec.parentRef`: the Gateway the listeners join (namespace as written; undefined: the ListenerSet's own). */
  readonly parentRef: { readonly group: string; readonly kind: string; readonly name: string | undefined; readonly namespace: string | undefined; readonly path: NodePath } | undefined;
}

export function isListenerSet(object: K8sObject): boolean {
  return (object.kind === 'ListenerSet' && object.group === GATEWAY_GROUP) || (object.kind === 'XListenerSet' && object.group === EXPERIMENTAL_GROUP);
}

export function listenerSetView(object: K8sObject): ListenerSetView | undefined {
  if (!isListenerSet(object)) return undefined;
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  const listeners = Array.isArray(spec.listeners) ? spec.listeners : [];
  const parent = isRecord(spec.parentRef) ? spec.parentRef : undefined;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    object,
    listeners: listeners.map((raw, index) => readListener(raw, index)),
    parentRef: parent
      ? { group: str(parent.group) ?? GATEWAY_GROUP, kind: str(parent.kind) ?? 'Gateway', name: str(parent.name), namespace: str(parent.namespace), path: ['spec', 'parentRef'] }
      : undefined,
  };
}

/**
 * What the listener rules, the certificate reference rules and the listener features read: an object with listeners,
 * a Gateway or a ListenerSet, and the group and kind a ReferenceGrant's `from` must name for its references (a grant
 * for the Gateway does not cover its ListenerSets, nor one for a ListenerSet the Gateway: GEP-1713).
 */
export interface ListenerOwnerView extends GatewayView {
  /** `Gateway`, `ListenerSet` or `XListenerSet`: the object's kind, as messages and grants name it. */
  readonly kind: string;
  readonly group: string;
}

const ownerViews = new WeakMap<ParsedYamlDocument, ListenerOwnerView>();

/** The listener owner view of a Gateway or a ListenerSet (built once per document), else undefined. */
export function listenerOwnerView(object: K8sObject): ListenerOwnerView | undefined {
  const cached = ownerViews.get(object.source.document);
  if (cached && cached.object === object) return cached;
  const gateway = gatewayView(object);
  const listenerSet = gateway ? undefined : listenerSetView(object);
  if (!gateway && !listenerSet) return undefined;
  const view: ListenerOwnerView = {
    object,
    listeners: (gateway ?? listenerSet)!.listeners,
    annotations: gateway ? gateway.annotations : readAnnotations(object),
    kind: object.kind,
    group: object.group,
  };
  ownerViews.set(object.source.document, view);
  return view;
}
