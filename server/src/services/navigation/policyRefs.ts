// BackendTLSPolicy refs for navigation: the target or CA ref under the cursor and what it names (Services and
// their port entries, ConfigMaps and their `ca.crt`), and from a Service back to the policies that target it.
// Lookups are the workspace's (queries.find, policiesOnService): the same answers the rules give.
import type { Location, Position } from 'vscode-languageserver-types';
import { backendTlsPolicyView, serviceSections, type BackendTlsPolicyView, type CaRef, type PolicyTarget } from '../../model/backendTlsPolicy';
import type { K8sObject } from '../../model/object';
import { configMapValue, isCoreKind } from '../../model/service';
import type { NodePath } from '../../parser/types';
import type { IndexedFile } from '../../workspace/index';
import { policiesOnService, targetNamespaces } from '../../workspace/policyTargets';
import type { ServiceContext } from '../context';
import { cursorAt } from '../cursor';
import { locationOf } from './locations';

export type PolicyRefSite =
  | { readonly kind: 'target'; readonly view: BackendTlsPolicyView; readonly target: PolicyTarget; readonly field: string | number | undefined }
  | { readonly kind: 'ca'; readonly view: BackendTlsPolicyView; readonly ref: CaRef };

/** The target ref or CA ref item the cursor is in (on any of its keys or values). */
export function policyRefAt(file: IndexedFile, position: Position): PolicyRefSite | undefined {
  const at = cursorAt(file, position);
  const view = at?.object && backendTlsPolicyView(at.object);
  if (!at || !view) return undefined;
  const target = view.targets.find((t) => isWithin(at.path, t.path));
  if (target) return { kind: 'target', view, target, field: at.path[target.path.length] };
  const ref = view.caRefs.find((r) => isWithin(at.path, r.path));
  return ref ? { kind: 'ca', view, ref } : undefined;
}

/** Service (or its port entry, from `sectionName`) and CA ConfigMap (its `ca.crt` key when there is one). */
export function policyRefDefinitions(site: PolicyRefSite, context: ServiceContext): (Location | undefined)[] {
  const queries = context.workspace().queries;
  if (site.kind === 'target') {
    const { target } = site;
    if (target.name === undefined || target.group !== '' || target.kind !== 'Service') return [];
    return namespacesOf(site.view, target, context).flatMap((namespace) =>
      queries.find('', 'Service', namespace, target.name!).map(({ object: service }) => {
        const section = site.field === 'sectionName' ? serviceSections(service).find((s) => s.name === target.sectionName) : undefined;
        return section
          ? locationOf(context.index, service.source.uri, service, [...section.path, 'name'])
          : locationOf(context.index, service.source.uri, service, ['metadata', 'name']);
      }),
    );
  }
  const { ref } = site;
  if (ref.name === undefined || ref.namespace !== undefined) return [];
  return policyNamespaces(site.view, context).flatMap((namespace) =>
    queries.find('', 'ConfigMap', namespace, ref.name!).map(({ object: map }) =>
      configMapValue(map, 'ca.crt') !== undefined
        ? locationOf(context.index, map.source.uri, map, ['data', 'ca.crt'], 'key')
        : locationOf(context.index, map.source.uri, map, ['metadata', 'name']),
    ),
  );
}

/**
 * The target refs (their `name`) of every policy on the Service the cursor stands for: anywhere in a Service
 * document, or on a policy's target ref (then the Service it resolves to).
 */
export function policyReferences(file: IndexedFile, position: Position, context: ServiceContext): (Location | undefined)[] {
  const queries = context.workspace().queries;
  const services: { service: K8sObject; namespace: string }[] = [];
  const site = policyRefAt(file, position);
  if (site?.kind === 'target') {
    const { target } = site;
    if (target.name === undefined || target.group !== '' || target.kind !== 'Service') return [];
    for (const namespace of namespacesOf(site.view, target, context)) {
      for (const { object } of queries.find('', 'Service', namespace, target.name)) services.push({ service: object, namespace });
    }
  } else if (!site) {
    const object = cursorAt(file, position)?.object;
    if (!object || !isCoreKind(object, 'Service') || !object.name) return [];
    for (const c of context.workspace().namespacesOf(object)) services.push({ service: object, namespace: c.namespace });
  }
  return services.flatMap(({ service, namespace }) =>
    policiesOnService(queries, service, namespace).map((placed) =>
      locationOf(context.index, placed.view.object.source.uri, placed.view.object, [...placed.target.path, 'name']),
    ),
  );
}

/** Where a policy's target is looked up (v1alpha2's targetRef.namespace, else the policy's namespaces). */
export function namespacesOf(view: BackendTlsPolicyView, target: PolicyTarget, context: ServiceContext): string[] {
  return targetNamespaces(target, context.workspace().namespacesOf(view.object));
}

/** The policy's own candidate namespaces (where its CA ConfigMaps live). */
export function policyNamespaces(view: BackendTlsPolicyView, context: ServiceContext): string[] {
  return [...new Set(context.workspace().namespacesOf(view.object).map((c) => c.namespace))];
}

function isWithin(path: NodePath, prefix: NodePath): boolean {
  return path.length > prefix.length && prefix.every((segment, i) => path[i] === segment);
}
