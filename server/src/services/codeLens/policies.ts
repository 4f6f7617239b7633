// Code lenses on each BackendTLSPolicy, on its `kind:` line: what it applies to ("applies to Service auth port
// https"), which policy beats it on a target it shares ("overridden by ns/winner", the winner that
// backend-tls-policy-conflict names), or that the target is missing. Clicking opens the Service or the winner
// through the client command `gatewayTls.showReferences`. Winners come from policyTargets, the rules' own index.
import type { CodeLens, Location } from 'vscode-languageserver-types';
import { backendTlsPolicyView, serviceSections, type BackendTlsPolicyView, type PolicyTarget } from '../../model/backendTlsPolicy';
import type { IndexedFile } from '../../workspace/index';
import { policyTargets, targetKey, targetNamespaces } from '../../workspace/policyTargets';
import type { ServiceContext } from '../context';
import { locationOf } from '../navigation/locations';
import { lensRange, toCodeLens } from './command';

export function policyLenses(file: IndexedFile, context: ServiceContext): CodeLens[] {
  const views = file.objects.map(backendTlsPolicyView).filter((v) => v !== undefined);
  if (views.length === 0) return [];
  return views.flatMap((view): CodeLens[] => {
    const range = lensRange(context.index, view.object, [[['kind'], 'pair'], [['metadata', 'name'], 'pair']]);
    if (!range) return [];
    return lensesFor(view, context).map((lens) => toCodeLens(file.uri, range, lens.title, lens.locations));
  });
}

interface Lens {
  readonly title: string;
  readonly locations: (Location | undefined)[];
}

/** One lens for everything the policy applies to, one per policy that overrides it, one for missing targets. */
function lensesFor(view: BackendTlsPolicyView, context: ServiceContext): Lens[] {
  const workspace = context.workspace();
  const index = policyTargets(workspace.queries);
  const applies = new Map<string, (Location | undefined)[]>();
  const overridden = new Map<string, (Location | undefined)[]>();
  const missing = new Set<string>();
  for (const target of view.targets) {
    if (target.name === undefined) continue;
    for (const namespace of targetNamespaces(target, workspace.namespacesOf(view.object))) {
      const winner = index.byTarget.get(targetKey(namespace, target.group ?? '', target.kind ?? '', target.name, target.sectionName))?.[0];
      if (winner && winner.view.object !== view.object) {
        const name = `${winner.namespace}/${winner.view.object.name ?? '?'}`;
        const list = overridden.get(name) ?? [];
        list.push(locationOf(context.index, winner.view.object.source.uri, winner.view.object, [...winner.target.path, 'name']));
        overridden.set(name, list);
        continue;
      }
      const found = workspace.queries.find(target.group ?? '', target.kind ?? '', namespace, target.name);
      const sections = found.map(({ object }) => serviceSections(object).find((s) => s.name === target.sectionName));
      if (found.length === 0 || (target.sectionName !== undefined && !sections.some((s) => s !== undefined))) {
        missing.add(describe(target, false));
        continue;
      }
      const list = applies.get(describe(target, true)) ?? [];
      found.forEach(({ object }, i) => {
        const section = sections[i];
        list.push(locationOf(context.index, object.source.uri, object, section ? [...section.path, 'name'] : ['metadata', 'name']));
      });
      applies.set(describe(target, true), list);
    }
  }
  const lenses: Lens[] = [];
  if (applies.size > 0) lenses.push({ title: `applies to ${[...applies.keys()].join(', ')}`, locations: [...applies.values()].flat() });
  for (const [name, locations] of overridden) lenses.push({ title: `overridden by ${name}`, locations });
  if (missing.size > 0) lenses.push({ title: `target ${[...missing].join(', ')} not found`, locations: [] });
  return lenses;
}

/** `Service auth port https`, `Service auth all ports` (`Service auth` for a missing one), or another kind. */
function describe(target: PolicyTarget, allPorts: boolean): string {
  const what = `${target.group ? `${target.group}/` : ''}${target.kind ?? '?'} ${target.name ?? '?'}`;
  if (target.kind !== 'Service' || target.group !== '') return what;
  if (target.sectionName !== undefined) return `${what} port ${target.sectionName}`;
  return allPorts ? `${what} all ports` : what;
}
