// Which BackendTLSPolicies target which Service sections, and which of several policies on the same target wins
// (the oldest creationTimestamp, then `namespace/name`; a policy with sectionName and one without do not
// conflict). Computed once per index revision for rules, lenses and references.
import { GATEWAY_GROUP } from '../model/gateway';
import { backendTlsPolicyView, type BackendTlsPolicyView, type PolicyTarget } from '../model/backendTlsPolicy';
import type { K8sObject } from '../model/object';
import type { NamespaceCandidate } from './kustomize';
import { TrackedCache } from './dependencies';
import type { WorkspaceQueries } from './queries';

export interface PlacedPolicyTarget {
  readonly view: BackendTlsPolicyView;
  readonly target: PolicyTarget;
  /** The policy's namespace (one candidate); targets are always in the policy's namespace from v1alpha3 on. */
  readonly namespace: string;
}

export interface PolicyTargetIndex {
  /** Policies on one target, winner first. */
  readonly byTarget: ReadonlyMap<string, readonly PlacedPolicyTarget[]>;
}

export function targetKey(namespace: string, group: string, kind: string, name: string, sectionName: string | undefined): string {
  return `${namespace}|${group}|${kind}|${name}|${sectionName ?? ''}`;
}

const cache = new TrackedCache<WorkspaceQueries, PolicyTargetIndex>();

/** Recomputed when a BackendTLSPolicy changes (the one kind it reads). */
export function policyTargets(queries: WorkspaceQueries): PolicyTargetIndex {
  return cache.get(queries.topics, queries, undefined, () => computeTargets(queries));
}

function computeTargets(queries: WorkspaceQueries): PolicyTargetIndex {
  const byTarget = new Map<string, PlacedPolicyTarget[]>();
  for (const { object, namespace } of queries.ofKind(GATEWAY_GROUP, 'BackendTLSPolicy')) {
    const view = backendTlsPolicyView(object);
    if (!view) continue;
    for (const target of view.targets) {
      if (target.name === undefined) continue;
      const ns = target.namespace ?? namespace.namespace;
      const key = targetKey(ns, target.group ?? '', target.kind ?? '', target.name, target.sectionName);
      const list = byTarget.get(key) ?? [];
      if (!list.some((p) => p.view.object === object)) list.push({ view, target, namespace: namespace.namespace });
      byTarget.set(key, list);
    }
  }
  for (const list of byTarget.values()) list.sort(precedence);
  return { byTarget };
}

/** Older creationTimestamp first (a policy without one, as in Git, counts as newest), then namespace/name. */
function precedence(a: PlacedPolicyTarget, b: PlacedPolicyTarget): number {
  const ta = a.view.creationTimestamp ?? '\uffff';
  const tb = b.view.creationTimestamp ?? '\uffff';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = `${a.namespace}/${a.view.object.name ?? ''}`;
  const nb = `${b.namespace}/${b.view.object.name ?? ''}`;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** The policies (with their target entry) that target a given Service, for references and lenses. */
export function policiesOnService(queries: WorkspaceQueries, service: K8sObject, namespace: string): PlacedPolicyTarget[] {
  // `ns||Service|name|` then the sectionName (empty for the whole Service); a further `|` would be another name.
  const prefix = targetKey(namespace, '', 'Service', service.name ?? '', undefined);
  return [...policyTargets(queries).byTarget.entries()].filter(([key]) => key.startsWith(prefix) && !key.slice(prefix.length).includes('|')).flatMap(([, list]) => list);
}

/**
 * The namespaces a policy's target is looked up in: v1alpha2's own `targetRef.namespace` when written, else each
 * candidate namespace of the policy (targets are local from v1alpha3 on). The same rule byTarget keys follow.
 */
export function targetNamespaces(target: PolicyTarget, policyNamespaces: readonly NamespaceCandidate[]): string[] {
  return target.namespace ? [target.namespace] : [...new Set(policyNamespaces.map((c) => c.namespace))];
}
