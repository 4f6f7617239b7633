// Every certificateRef of a Gateway's (or a ListenerSet's) listeners, resolved once per candidate namespace: the
// input all certificate-reference rules share. The references are the owner's own: a ReferenceGrant must admit its
// kind (`from.kind: ListenerSet` for a ListenerSet; a grant for the parent Gateway does not cover it, GEP-1713).
import { servedCertificateRefs, type GatewayView, type Listener, type SecretObjectReference } from '../../model/gateway';
import type { K8sObject } from '../../model/object';
import { resolveSecretRef, type SecretRefResolution } from '../../workspace/references';
import { listenerLabel as lowerLabel } from '../listeners/common';
import { memoizePerDocument } from '../memo';
import type { WorkspaceContext } from '../types';

export interface ResolvedCertificateRef {
  readonly listener: Listener;
  readonly ref: SecretObjectReference;
  readonly resolutions: readonly SecretRefResolution[];
  /** Several candidate namespaces (Kustomize overlays): messages name the overlay. */
  readonly manyCandidates: boolean;
}

/** Resolved once per document and workspace context, for all the rules (and hovers) that ask. */
export const resolveListenerRefs = memoizePerDocument((view: GatewayView, object: K8sObject, context: WorkspaceContext): ResolvedCertificateRef[] => {
  const namespaces = context.namespacesOf(object);
  const from = { group: view.object.group, kind: view.object.kind, namespaces };
  return view.listeners.flatMap((listener) =>
    servedCertificateRefs(listener).map((ref) => ({
      listener,
      ref,
      resolutions: resolveSecretRef(context.queries, context.settings.externalSecrets, from, ref),
      manyCandidates: namespaces.length > 1,
    })),
  );
});

/** " (in overlay overlays/prod, namespace prod)" when the namespace comes from one of several overlays. */
export function overlayNote(resolution: SecretRefResolution, many: boolean): string {
  if (!many) return '';
  const via = resolution.from.via ? resolution.from.via.split('/').slice(-3, -1).join('/') : undefined;
  return via ? ` (in overlay ${via}, namespace ${resolution.from.namespace})` : ` (in namespace ${resolution.from.namespace})`;
}

/** `Listener "web"` at the start of a sentence (the listener rules' label, capitalised). */
export function listenerLabel(listener: Listener): string {
  const label = lowerLabel(listener);
  return label[0]!.toUpperCase() + label.slice(1);
}
