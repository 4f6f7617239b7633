// Values inside a Gateway's (or a ListenerSet's) listener certificateRef, from the workspace: the Secrets that exist or will be
// produced where the reference points (with what makes them, whether they are TLS Secrets, and whether a
// ReferenceGrant is still missing), the workspace's namespaces, and the only supported kind and group.
// Permission and resolution come from the one resolver (workspace/references.ts).
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { readSecretRef, type SecretObjectReference } from '../../model/gateway';
import type { K8sObject } from '../../model/object';
import { matchPathPrefix } from '../../parser/locate';
import type { NodePath } from '../../parser/types';
import type { ProducerRecord } from '../../workspace/queries';
import { resolveSecretRef } from '../../workspace/references';
import type { ServiceContext } from '../context';
import { samePath } from '../cursor';
import { CERTIFICATE_REF } from '../navigation/certificateRefs';
import { grantName, producerLabel, tlsTypeNote } from '../hover/wording';
import { PLACEHOLDER, valueAt, type ValueContext } from './context';
import { namespaceItems } from './namespaces';


/** Items for a certificateRef field, or undefined when the cursor is not in one (schema values then apply). */
export function certificateRefItems(ctx: ValueContext, object: K8sObject, context: ServiceContext): CompletionItem[] | undefined {
  const match = matchPathPrefix(ctx.path, CERTIFICATE_REF);
  if (!match || match.rest.length !== 1) return undefined;
  const refPath = ctx.path.slice(0, -1);
  const written = readSecretRef(valueAt(object.value, refPath), refPath);
  // The field being typed holds the placeholder; it is not a value the user wrote.
  const ref = { ...written, namespace: written.namespace === PLACEHOLDER ? undefined : written.namespace };
  switch (match.rest[0]) {
    case 'name':
      return nameItems(ctx, object, ref, context);
    case 'namespace': {
      const own = new Set(context.workspace().namespacesOf(object).map((c) => c.namespace));
      return namespaceItems(ctx, context.workspace().queries, own, `the ${object.kind}'s namespace: no grant needed`);
    }
    case 'kind':
      return [fixed(ctx, 'Secret', 'core Secret, the default and the only kind every controller supports')];
    case 'group':
      return [fixed(ctx, '""', 'the core API group (Secrets), the default')];
    default:
      return undefined;
  }
}

function fixed(ctx: ValueContext, value: string, detail: string): CompletionItem {
  return { label: value, kind: CompletionItemKind.Value, detail, sortText: '0', textEdit: { range: ctx.replace, newText: value } };
}

function nameItems(ctx: ValueContext, object: K8sObject, ref: SecretObjectReference, context: ServiceContext): CompletionItem[] {
  // Only Secrets are listed; a reference to another kind is implementation-specific and we know nothing of it.
  if (ref.group !== '' || ref.kind !== 'Secret') return [];
  const workspace = context.workspace();
  const namespaces = workspace.namespacesOf(object);
  // A ListenerSet's refs are its own: a grant must name its kind (GEP-1713).
  const from = { group: object.group, kind: object.kind, namespaces };
  // cert-manager's annotation "produces" whatever this very ref names, half-typed word included: not a suggestion.
  const selfPath: NodePath = [...ref.path, 'name'];
  const notSelf = (p: ProducerRecord) =>
    !(p.object?.source.uri === object.source.uri && p.object.source.segmentOffset === ctx.segmentOffset && samePath(p.path, selfPath));
  const targets = new Set(ref.namespace ? [ref.namespace] : namespaces.map((c) => c.namespace));
  const names = new Set([...targets].flatMap((ns) => workspace.queries.producedIn(ns)).filter(notSelf).map((p) => p.name));

  return [...names].sort().map((name): CompletionItem => {
    const resolutions = resolveSecretRef(workspace.queries, context.settings.externalSecrets, from, { ...ref, name });
    const found = resolutions.filter((r) => r.producers.some(notSelf));
    const producers = found[0]?.producers.filter(notSelf) ?? [];
    const parts: string[] = [];
    const first = producers[0];
    if (first) {
      parts.push(`${producerLabel(context.index, first)}${producers.length > 1 ? ` (+${producers.length - 1} more)` : ''}`);
      const tls = tlsTypeNote(first);
      if (tls) parts.push(tls);
    }
    const denied = resolutions.filter((r) => r.permission.kind === 'not-permitted');
    if (denied.length > 0) {
      parts.push(`needs a ReferenceGrant in ${[...new Set(denied.map((r) => r.spec.to.namespace))].join(', ')}`);
    } else {
      const granted = resolutions.map((r) => r.permission).find((p) => p.kind === 'granted');
      if (granted?.kind === 'granted') parts.push(`allowed by ReferenceGrant ${grantName(granted.grant.namespace.namespace, granted.grant.view.object)}`);
    }
    if (resolutions.length > 1 && found.length < resolutions.length) parts.push(`only for namespace ${found.map((r) => r.from.namespace).join(', ')}`);
    return {
      label: name,
      kind: CompletionItemKind.Reference,
      detail: parts.join(' · '),
      // Names that work as written first; those that would need a grant after them.
      sortText: `${denied.length > 0 ? 1 : 0}${name}`,
      textEdit: { range: ctx.replace, newText: name },
    };
  });
}

