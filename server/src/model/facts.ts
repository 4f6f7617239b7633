// What other documents can see of a document: the part of an object that cross-file tables (queries, grant
// usage, policy targets) and other objects' rules read. An edit that leaves these facts alone cannot change any
// other document's diagnostics, so the index keeps its cross-file tables and the engine its cached findings.
import { DeferredDocument } from '../parser/parseSegment';
import type { ParsedYamlDocument } from '../parser/types';
import { gatewayView } from './gateway';
import { hasCertManagerAnnotation } from './secretProducers';
import type { K8sObject } from './object';

const cache = new WeakMap<ParsedYamlDocument, string>();

export function crossFileFacts(object: K8sObject): string {
  // A document known by its header is what its text says (read back if it was let go); not cached, so the cache
  // never holds on to a text that was let go.
  if (object.source.document instanceof DeferredDocument) return `text:${object.source.document.text}`;
  let facts = cache.get(object.source.document);
  if (facts === undefined) {
    facts = compute(object);
    cache.set(object.source.document, facts);
  }
  return facts;
}

function compute(object: K8sObject): string {
  const view = gatewayView(object);
  if (!view) return JSON.stringify(object.value);
  // Other documents see a Gateway only through its references (listener certificates and spec.tls: grant usage,
  // references), its class (which implementation serves what reaches it) and the listeners cert-manager would
  // issue for (producers); ports, route settings, comments and —
  // unless cert-manager issues for them — hostnames stay private, so typing a hostname re-checks one document.
  const spec = object.value.spec as { tls?: unknown; gatewayClassName?: unknown } | undefined;
  const issued = hasCertManagerAnnotation(object);
  return JSON.stringify({
    identity: [object.apiVersion, object.kind, object.name, object.namespace],
    annotations: view.annotations,
    tls: spec?.tls,
    // The serving implementation of policies that reach this Gateway through routes.
    className: spec?.gatewayClassName,
    listeners: view.listeners.map((l) => [l.name, l.protocol, issued ? l.hostname : l.hostname !== undefined, l.tls?.mode, l.tls?.certificateRefs.map((r) => [r.group, r.kind, r.name, r.namespace])]),
  });
}

const listenerCache = new WeakMap<ParsedYamlDocument, string>();

/**
 * What routes see of a Gateway beyond its cross-file facts: each listener's name, protocol, port, hostname and
 * allowedRoutes, and which ListenerSets it admits. An edit that changes only these keeps the object (and every table
 * entry), and the index tells the route attachment to look again (queries.listenersChanged).
 */
export function listenerFacts(object: K8sObject): string {
  const view = gatewayView(object);
  if (!view) return '';
  let facts = listenerCache.get(object.source.document);
  if (facts === undefined) {
    const spec = object.value.spec as { allowedListeners?: unknown } | undefined;
    facts = JSON.stringify({ listeners: view.listeners.map((l) => [l.name, l.protocol, l.port, l.hostname, l.allowedRoutes]), allowedListeners: spec?.allowedListeners });
    listenerCache.set(object.source.document, facts);
  }
  return facts;
}
