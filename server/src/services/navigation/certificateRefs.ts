// Listener certificateRefs for navigation: the one under the cursor, and every one in the workspace, each with
// what it resolves to. Resolution is the resolver's (workspace/references.ts); this only finds the refs.
import type { Position } from 'vscode-languageserver-types';
import type { Listener, SecretObjectReference } from '../../model/gateway';
import { listenerOwnerView } from '../../model/listenerSet';
import type { K8sObject } from '../../model/object';
import { ANY_INDEX, matchPathPrefix } from '../../parser/locate';
import type { NodePath } from '../../parser/types';
import type { IndexedFile } from '../../workspace/index';
import { resolveSecretRef, type SecretRefResolution } from '../../workspace/references';
import type { ServiceContext } from '../context';
import { cursorAt } from '../cursor';

/** Where a listener certificateRef item sits in a Gateway or a ListenerSet. */
export const CERTIFICATE_REF = ['spec', 'listeners', ANY_INDEX, 'tls', 'certificateRefs', ANY_INDEX] as const;

export interface CertificateRefSite {
  /** The Gateway or ListenerSet the listener is written in. */
  readonly gateway: K8sObject;
  readonly listener: Listener;
  readonly ref: SecretObjectReference;
  /** One per candidate namespace of the Gateway. */
  readonly resolutions: readonly SecretRefResolution[];
}

/** The certificateRef item the cursor is in (on any of its keys or values), resolved. */
export function certificateRefAt(file: IndexedFile, position: Position, context: ServiceContext): CertificateRefSite | undefined {
  const at = cursorAt(file, position);
  return at?.object && certificateRefSiteAt(at.object, at.path, context);
}

/** The certificateRef item `path` is in (any key or value of it) in a Gateway or a ListenerSet, resolved. */
export function certificateRefSiteAt(object: K8sObject, path: NodePath, context: ServiceContext): CertificateRefSite | undefined {
  const match = matchPathPrefix(path, CERTIFICATE_REF);
  if (!match || match.rest.length === 0) return undefined;
  const [listenerIndex, refIndex] = match.indexes;
  const listener = listenerOwnerView(object)?.listeners[listenerIndex!];
  const ref = listener?.tls?.certificateRefs[refIndex!];
  return listener && ref ? site(object, listener, ref, context) : undefined;
}

/**
 * Every listener certificateRef of every Gateway and ListenerSet naming one of `names`, including those the controller ignores
 * (Passthrough): they still name the Secret, and a rename must find them. Only refs with a wanted name are
 * resolved: hovers and find-references ask about one Secret, in workspaces with thousands of refs.
 */
export function certificateRefsNaming(names: ReadonlySet<string>, context: ServiceContext): CertificateRefSite[] {
  const sites: CertificateRefSite[] = [];
  for (const gateway of context.index.allObjects()) {
    const view = listenerOwnerView(gateway);
    if (!view) continue;
    for (const listener of view.listeners) {
      for (const ref of listener.tls?.certificateRefs ?? []) if (ref.name !== undefined && names.has(ref.name)) sites.push(site(gateway, listener, ref, context));
    }
  }
  return sites;
}

function site(gateway: K8sObject, listener: Listener, ref: SecretObjectReference, context: ServiceContext): CertificateRefSite {
  const workspace = context.workspace();
  // A ListenerSet's refs are its own: a grant must name its kind (GEP-1713).
  const from = { group: gateway.group, kind: gateway.kind, namespaces: workspace.namespacesOf(gateway) };
  return { gateway, listener, ref, resolutions: resolveSecretRef(workspace.queries, context.settings.externalSecrets, from, ref) };
}
