// Values inside a ReferenceGrant that only the workspace knows: the namespaces `from` may trust, and the names of
// the objects `to` may open up (objects of `to.kind` in the grant's own namespace, Secrets that will be produced
// included). Groups and kinds are the schema's suggestions and need nothing from here.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { K8sObject } from '../../model/object';
import { ANY_INDEX, matchPathPrefix } from '../../parser/locate';
import type { ServiceContext } from '../context';
import { displayPath, producerLabel, tlsTypeNote } from '../hover/wording';
import { PLACEHOLDER, valueAt, type ValueContext } from './context';
import { namespaceItems } from './namespaces';

const FROM_NAMESPACE = ['spec', 'from', ANY_INDEX, 'namespace'] as const;
const TO_NAME = ['spec', 'to', ANY_INDEX, 'name'] as const;
/** Kinds of the core group: a `to` entry naming one of them without `group` still means the core group. */
const CORE_KINDS = new Set(['Secret', 'Service', 'ConfigMap']);

export function referenceGrantItems(ctx: ValueContext, object: K8sObject, context: ServiceContext): CompletionItem[] | undefined {
  const workspace = context.workspace();
  const own = workspace.namespacesOf(object).map((c) => c.namespace);
  const fromNamespace = matchPathPrefix(ctx.path, FROM_NAMESPACE);
  if (fromNamespace && fromNamespace.rest.length === 0) {
    return namespaceItems(ctx, workspace.queries, new Set(own), "this grant's namespace: references from it need no grant");
  }
  const toName = matchPathPrefix(ctx.path, TO_NAME);
  if (!toName || toName.rest.length !== 0) return undefined;

  const entry = valueAt(object.value, ctx.path.slice(0, -1));
  const kind = written(valueAt(entry, ['kind']));
  if (kind === undefined) return [];
  const group = written(valueAt(entry, ['group'])) ?? (CORE_KINDS.has(kind) ? '' : undefined);
  if (group === undefined) return [];
  const details = new Map<string, string>();
  for (const namespace of own) {
    if (group === '' && kind === 'Secret') {
      // Secrets that cert-manager or a generator will make count: the grant is often written before they exist.
      for (const record of workspace.queries.producedIn(namespace)) {
        if (!details.has(record.name)) details.set(record.name, [producerLabel(context.index, record), tlsTypeNote(record)].filter(Boolean).join(' · '));
      }
    } else {
      for (const { object: target } of workspace.queries.objectsIn(group, kind, namespace)) {
        if (target.name && !details.has(target.name)) details.set(target.name, `${kind} in ${displayPath(context.index, target.source.uri)}`);
      }
    }
  }
  return [...details.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, detail]): CompletionItem => ({ label: name, kind: CompletionItemKind.Reference, detail, sortText: name, textEdit: { range: ctx.replace, newText: name } }));
}

function written(value: unknown): string | undefined {
  return typeof value === 'string' && value !== PLACEHOLDER ? value : undefined;
}
