// Find references: from a Secret, or from anything that produces one (cert-manager Certificate, ExternalSecret,
// SealedSecret, a kustomize secretGenerator), to every listener certificateRef in the workspace that resolves to
// it. From a certificateRef itself: every ref to the same Secret. Matching goes through the resolver, so a ref
// counts exactly when the controller would look for that namespace/name. From a Service (or a BackendTLSPolicy
// target ref): the target refs of every policy on that Service (navigation/policyRefs.ts).
import type { Location, Position } from 'vscode-languageserver-types';
import { gatewayView } from '../model/gateway';
import type { IndexedFile } from '../workspace/index';
import type { ServiceContext } from './context';
import { cursorAt } from './cursor';
import { certificateRefAt, certificateRefsNaming } from './navigation/certificateRefs';
import { locationOf, uniqueLocations } from './navigation/locations';
import { policyReferences } from './navigation/policyRefs';

export function doReferences(file: IndexedFile, position: Position, context: ServiceContext): Location[] {
  return uniqueLocations([...certificateReferences(file, position, context), ...policyReferences(file, position, context)]);
}

function certificateReferences(file: IndexedFile, position: Position, context: ServiceContext): (Location | undefined)[] {
  const targets = targetsAt(file, position, context);
  if (targets.size === 0) return [];
  const names = new Set([...targets].map((t) => t.slice(t.indexOf('/') + 1)));
  return certificateRefsNaming(names, context).flatMap((site) =>
    site.resolutions.some((r) => r.supported && targets.has(key(r.spec.to.namespace, r.spec.to.name)))
      ? [locationOf(context.index, site.gateway.source.uri, site.gateway, [...site.ref.path, 'name'])]
      : [],
  );
}

/** The Secrets (namespace/name) the cursor stands for. */
function targetsAt(file: IndexedFile, position: Position, context: ServiceContext): Set<string> {
  const targets = new Set<string>();
  const ref = certificateRefAt(file, position, context);
  if (ref) {
    for (const r of ref.resolutions) if (r.supported) targets.add(key(r.spec.to.namespace, r.spec.to.name));
    return targets;
  }
  const at = cursorAt(file, position);
  if (!at) return targets;
  const produced = context.workspace().queries.producedByFile(file.uri);
  if (file.kind.kind === 'kustomization') {
    // A secretGenerator entry: the cursor anywhere in `secretGenerator[i]`.
    for (const record of produced) {
      if (record.producer === 'secretGenerator' && at.path[0] === record.path[0] && at.path[1] === record.path[1]) targets.add(key(record.namespace, record.name));
    }
    return targets;
  }
  // A Gateway "produces" Secrets only through a cert-manager annotation; elsewhere in a Gateway the cursor is about
  // the Gateway itself, and only its certificateRefs (above) stand for a Secret.
  if (!at.object || gatewayView(at.object)) return targets;
  for (const record of produced) if (record.object === at.object) targets.add(key(record.namespace, record.name));
  return targets;
}

function key(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
