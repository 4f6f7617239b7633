// Which references each ReferenceGrant admits: every cross-namespace reference of every Gateway (listener
// certificates, its client certificate, frontend CA bundles) and ListenerSet (listener certificates), matched against the grants of its target namespace. Computed once per index revision; used by the unused-grant rule,
// the code lens on grants and hovers.
import { GATEWAY_GROUP, gatewayView, servedCertificateRefs, type GatewayView } from '../model/gateway';
import { gatewayTls } from '../model/gatewayTls';
import { EXPERIMENTAL_GROUP, listenerSetView } from '../model/listenerSet';
import type { NodePath } from '../parser/types';
import type { K8sObject } from '../model/object';
import type { ReferenceGrantView } from '../model/referenceGrant';
import { TrackedCache } from './dependencies';
import type { WorkspaceQueries } from './queries';
import { admittingGrants, type ReferenceSpec } from './references';

export interface AdmittedReference {
  /** The referring object: a Gateway or a ListenerSet. */
  readonly gateway: K8sObject;
  /** Where the reference is written in the Gateway (a listener certificateRef, the client certificate, a CA ref). */
  readonly ref: { readonly path: NodePath };
  readonly spec: ReferenceSpec;
}

/** The (from, to) kinds whose references the workspace can see; grants for anything else are not judged. */
const MODELED_FROM = new Set([`${GATEWAY_GROUP}/Gateway`, `${GATEWAY_GROUP}/ListenerSet`, `${EXPERIMENTAL_GROUP}/XListenerSet`]);
const MODELED_TO = new Set(['/Secret', '/ConfigMap']);

const cache = new TrackedCache<WorkspaceQueries, Map<K8sObject, AdmittedReference[]>>();

/** Every cross-namespace reference a Gateway makes: listener certificates, its client certificate, CA bundles. */
function referencesOf(view: GatewayView): { ref: { path: NodePath }; group: string; kind: string; name: string | undefined; namespace: string | undefined }[] {
  const tls = gatewayTls(view);
  return [
    ...view.listeners.flatMap((listener) => servedCertificateRefs(listener)),
    ...(tls?.clientCertificateRef ? [tls.clientCertificateRef] : []),
    ...(tls?.frontend ?? []).flatMap((scope) => scope.caRefs.map((r) => ({ ...r, group: r.group ?? '', kind: r.kind ?? '' }))),
  ].map((r) => ({ ref: { path: r.path }, group: r.group, kind: r.kind, name: r.name, namespace: r.namespace }));
}

/** Recomputed when a Gateway or a grant changes (what it read), not on every edit. */
export function grantUsage(queries: WorkspaceQueries): Map<K8sObject, AdmittedReference[]> {
  return cache.get(queries.topics, queries, undefined, () => computeUsage(queries));
}

function computeUsage(queries: WorkspaceQueries): Map<K8sObject, AdmittedReference[]> {
  const usage = new Map<K8sObject, AdmittedReference[]>();
  const owners = [...queries.ofKind(GATEWAY_GROUP, 'Gateway'), ...queries.ofKind(GATEWAY_GROUP, 'ListenerSet'), ...queries.ofKind(EXPERIMENTAL_GROUP, 'XListenerSet')];
  for (const { object: gateway, namespace: candidate } of owners) {
    const view = gatewayView(gateway);
    // A ListenerSet's references are its own (a grant must name its kind): only its listener certificates.
    const refs = view ? referencesOf(view) : (listenerSetView(gateway)?.listeners ?? []).flatMap((l) => servedCertificateRefs(l)).map((r) => ({ ref: { path: r.path }, group: r.group, kind: r.kind, name: r.name, namespace: r.namespace }));
    for (const ref of refs) {
      if (!ref.name || !ref.namespace || ref.namespace === candidate.namespace) continue;
      const spec: ReferenceSpec = {
        from: { group: gateway.group, kind: gateway.kind, namespace: candidate.namespace },
        to: { group: ref.group, kind: ref.kind, name: ref.name, namespace: ref.namespace },
      };
      for (const grant of admittingGrants(queries, spec)) {
        const list = usage.get(grant.view.object) ?? [];
        list.push({ gateway, ref: ref.ref, spec });
        usage.set(grant.view.object, list);
      }
    }
  }
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
