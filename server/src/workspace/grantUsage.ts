// Which references each ReferenceGrant admits: every cross-namespace certificateRef of every Gateway, matched
// against the grants of its target namespace. Computed once per index revision; used by the unused-grant rule,
// the code lens on grants and hovers.
import { GATEWAY_GROUP, gatewayView, servedCertificateRefs, type Listener, type SecretObjectReference } from '../model/gateway';
import type { K8sObject } from '../model/object';
import type { ReferenceGrantView } from '../model/referenceGrant';
import type { WorkspaceQueries } from './queries';
import { admittingGrants, type ReferenceSpec } from './references';

export interface AdmittedReference {
  readonly gateway: K8sObject;
  readonly listener: Listener;
  readonly ref: SecretObjectReference;
  readonly spec: ReferenceSpec;
}

/** The (from, to) kinds whose references the workspace can see; grants for anything else are not judged. */
const MODELED_FROM = new Set([`${GATEWAY_GROUP}/Gateway`]);
const MODELED_TO = new Set(['/Secret']);

const cache = new WeakMap<WorkspaceQueries, Map<K8sObject, AdmittedReference[]>>();

export function grantUsage(queries: WorkspaceQueries): Map<K8sObject, AdmittedReference[]> {
  let usage = cache.get(queries);
  if (usage) return usage;
  usage = new Map();
  for (const gateway of queries.index.allObjects()) {
    const view = gatewayView(gateway);
    if (!view) continue;
    for (const candidate of queries.index.namespacesOf(gateway)) {
      for (const listener of view.listeners) {
        for (const ref of servedCertificateRefs(listener)) {
          if (!ref.name || !ref.namespace || ref.namespace === candidate.namespace) continue;
          const spec: ReferenceSpec = {
            from: { group: GATEWAY_GROUP, kind: 'Gateway', namespace: candidate.namespace },
            to: { group: ref.group, kind: ref.kind, name: ref.name, namespace: ref.namespace },
          };
          for (const grant of admittingGrants(queries, spec)) {
            const list = usage.get(grant.view.object) ?? [];
            list.push({ gateway, listener, ref, spec });
            usage.set(grant.view.object, list);
          }
        }
      }
    }
  }
  cache.set(queries, usage);
  return usage;
}

/** Whether every from/to entry of the grant is about references this tool indexes. */
export function isJudgeable(grant: ReferenceGrantView): boolean {
  return (
    grant.from.length > 0 &&
    grant.to.length > 0 &&
    grant.from.every((f) => MODELED_FROM.has(`${f.group ?? ''}/${f.kind ?? ''}`)) &&
    grant.to.every((t) => MODELED_TO.has(`${t.group ?? ''}/${t.kind ?? ''}`))
  );
}
