// Namespace values for reference fields: every namespace the workspace knows (written or from Kustomize), in
// alphabetical order, with a word on the ones where a reference stays inside its own namespace.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { WorkspaceQueries } from '../../workspace/queries';
import type { ValueContext } from './context';

export function namespaceItems(ctx: ValueContext, queries: WorkspaceQueries, own: ReadonlySet<string>, ownNote: string): CompletionItem[] {
  return [...queries.namespaces()].sort().map((namespace): CompletionItem => {
    const secrets = new Set(queries.producedIn(namespace).map((p) => p.name)).size;
    const parts = [own.has(namespace) ? ownNote : undefined, secrets > 0 ? `${secrets} Secret${secrets === 1 ? '' : 's'}` : undefined];
    const detail = parts.filter((p) => p !== undefined).join(' · ');
    return {
      label: namespace,
      kind: CompletionItemKind.Module,
      // Own namespaces last: writing them is legal but never what a cross-namespace field is for.
      sortText: `${own.has(namespace) ? 1 : 0}${namespace}`,
      textEdit: { range: ctx.replace, newText: namespace },
      ...(detail ? { detail } : {}),
    };
  });
}
