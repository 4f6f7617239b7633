// kustomize-ref-not-renamed: a build renamed the Secret or ConfigMap a reference names (namePrefix, nameSuffix, a
// generator's hash) and left the reference as written — kustomize's nameReference table has no Gateway API field.
// One problem, one diagnostic: the reference rules report this instead of "not found".
import type { K8sObject } from '../model/object';
import type { NodePath } from '../parser/types';
import { sourceOf } from '../workspace/origins';
import type { Finding, WorkspaceContext } from './types';

export type RenamedKind = 'Secret' | 'ConfigMap';

/** The finding for a reference of a rendered object that its own build renamed away, if that is what happened. */
export function renamedReference(
  object: K8sObject,
  context: WorkspaceContext,
  ref: { readonly kind: RenamedKind; readonly namespace: string; readonly name: string; readonly path: NodePath; readonly field: string },
): Finding | undefined {
  const root = object.rendered?.root;
  if (!root) return undefined;
  const renamed = context.queries.renamedInBuild(root, ref.kind, ref.namespace, ref.name)[0];
  if (!renamed?.name) return undefined;
  const source = sourceOf(context.queries.index, renamed);
  const generator = source?.kind === 'generator' ? { generatorUri: source.file.uri, generatorField: source.path[0], generatorName: source.name } : {};
  return {
    code: 'kustomize-ref-not-renamed',
    path: [...ref.path, 'name'],
    message:
      `the build renames ${ref.kind} ${ref.namespace}/${ref.name} to ${renamed.name}, but leaves this ${ref.field} as written: kustomize does not ` +
      `rewrite Gateway API reference fields, so the applied ${object.kind} refers to a ${ref.kind} that does not exist (ResolvedRefs=False). ` +
      `Teach kustomize the field with a configurations: nameReference entry (quick fix)${source?.kind === 'generator' ? ', or turn off the generator\'s name hash' : ''}.`,
    data: { root, referenceKind: ref.kind, writtenName: ref.name, renamedTo: renamed.name, ...generator },
  };
}
