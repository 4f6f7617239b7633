// Values inside a BackendTLSPolicy that only the workspace knows: the Services its target refs may name (in the
// policy's namespace; v1alpha2 may name another), the port names a `sectionName` selects, and the ConfigMaps a CA
// ref may name (those holding `ca.crt` first). Kinds, groups and `wellKnownCACertificates: System` are the
// schema's suggestions and need nothing from here. The field names per version are the model's.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { backendTlsPolicyView, serviceSections, type BackendTlsPolicyView, type PolicyTarget } from '../../model/backendTlsPolicy';
import type { K8sObject } from '../../model/object';
import { configMapValue, isCoreKind } from '../../model/service';
import { TRUST_MANAGER_GROUP } from '../../workspace/caBundles';
import type { ServiceContext } from '../context';
import { samePath } from '../cursor';
import { namespacesOf, policyNamespaces } from '../navigation/policyRefs';
import { displayPath } from '../hover/wording';
import { PLACEHOLDER, type ValueContext } from './context';


export function backendTlsPolicyItems(ctx: ValueContext, object: K8sObject, context: ServiceContext): CompletionItem[] | undefined {
  const view = backendTlsPolicyView(object);
  if (!view) return undefined;
  const field = ctx.path[ctx.path.length - 1];
  const parent = ctx.path.slice(0, -1);
  const target = view.targets.find((t) => samePath(t.path, parent));
  if (target && field === 'name') return serviceItems(ctx, view, target, context);
  if (target && field === 'sectionName') return sectionItems(ctx, view, target, context);
  const caRef = view.caRefs.find((r) => samePath(r.path, parent));
  if (caRef && field === 'name') {
    // Only ConfigMaps have core support; `ConfigMapReference` is the old guide's misspelling of the same intent.
    const kind = written(caRef.kind);
    const group = written(caRef.group);
    if ((kind !== undefined && kind !== 'ConfigMap' && kind !== 'ConfigMapReference') || (group !== undefined && group !== '')) return [];
    return configMapItems(ctx, view, context);
  }
  return undefined;
}

/** A target naming something other than a core Service is implementation-specific: nothing is offered. */
function isServiceTarget(target: PolicyTarget): boolean {
  const kind = written(target.kind);
  const group = written(target.group);
  return (kind === undefined || kind === 'Service') && (group === undefined || group === '');
}

function serviceItems(ctx: ValueContext, view: BackendTlsPolicyView, target: PolicyTarget, context: ServiceContext): CompletionItem[] {
  if (!isServiceTarget(target)) return [];
  const queries = context.workspace().queries;
  const details = new Map<string, string>();
  for (const namespace of namespacesOf(view, target, context)) {
    for (const { object: service } of queries.objectsIn('', 'Service', namespace)) {
      if (!service.name || details.has(service.name)) continue;
      const ports = serviceSections(service).map((s) => s.name);
      details.set(service.name, [`Service in ${displayPath(context.index, service.source.uri)}`, ports.length ? `ports ${ports.join(', ')}` : 'no named ports'].join(' · '));
    }
  }
  return items(ctx, [...details.entries()].map(([name, detail]) => ({ name, detail, rank: 0 })), CompletionItemKind.Reference);
}

function sectionItems(ctx: ValueContext, view: BackendTlsPolicyView, target: PolicyTarget, context: ServiceContext): CompletionItem[] {
  const name = written(target.name);
  if (!isServiceTarget(target) || name === undefined) return [];
  const queries = context.workspace().queries;
  const details = new Map<string, string>();
  for (const namespace of namespacesOf(view, target, context)) {
    for (const { object: service } of queries.find('', 'Service', namespace, name)) {
      for (const section of serviceSections(service)) {
        if (!details.has(section.name)) details.set(section.name, `port ${section.port ?? '?'} of Service ${namespace}/${name}`);
      }
    }
  }
  return items(ctx, [...details.entries()].map(([label, detail]) => ({ name: label, detail, rank: 0 })), CompletionItemKind.EnumMember);
}

/** ConfigMaps with `ca.crt` first; those without it after, marked (a controller rejects them); trust-manager Bundles count. */
function configMapItems(ctx: ValueContext, view: BackendTlsPolicyView, context: ServiceContext): CompletionItem[] {
  const queries = context.workspace().queries;
  const found = new Map<string, { detail: string; rank: number }>();
  for (const namespace of policyNamespaces(view, context)) {
    for (const { object: map } of queries.objectsIn('', 'ConfigMap', namespace)) {
      if (!map.name || !isCoreKind(map, 'ConfigMap')) continue;
      const where = displayPath(context.index, map.source.uri);
      const entry = configMapValue(map, 'ca.crt') !== undefined
        ? { detail: `ConfigMap with ca.crt · ${where}`, rank: 0 }
        : { detail: `ConfigMap without ca.crt: not a CA bundle · ${where}`, rank: 2 };
      const before = found.get(map.name);
      if (!before || entry.rank < before.rank) found.set(map.name, entry);
    }
  }
  // A trust-manager Bundle (cluster-scoped) writes its ConfigMap into every selected namespace.
  for (const { object: bundle } of queries.ofKind(TRUST_MANAGER_GROUP, 'Bundle')) {
    if (bundle.name && !found.has(bundle.name)) found.set(bundle.name, { detail: `ConfigMap written by trust-manager Bundle ${bundle.name}`, rank: 1 });
  }
  return items(ctx, [...found.entries()].map(([name, e]) => ({ name, ...e })), CompletionItemKind.Reference);
}

function items(ctx: ValueContext, entries: { name: string; detail: string; rank: number }[], kind: CompletionItemKind): CompletionItem[] {
  return entries
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
    .map((e): CompletionItem => ({ label: e.name, kind, detail: e.detail, sortText: `${e.rank}${e.name}`, textEdit: { range: ctx.replace, newText: e.name } }));
}

/** A value the user wrote: the placeholder standing for the word being typed is not one. */
function written(value: string | undefined): string | undefined {
  return value === PLACEHOLDER ? undefined : value;
}

