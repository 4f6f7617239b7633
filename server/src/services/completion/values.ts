// Value completion: the enum values of the field being typed, or our suggestions for pattern-typed fields
// (protocol offers HTTP, HTTPS, TLS, TCP and UDP although any domain-prefixed name is valid too).
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { schemaAt, suggestedValues } from '../../schemas/walk';
import type { ValueContext } from './context';
import { yamlScalar } from './scalars';

export function valueItems(ctx: ValueContext): CompletionItem[] {
  const schema = schemaAt(ctx.root, ctx.path);
  if (!schema) return [];
  const isEnum = schema.enum !== undefined;
  return suggestedValues(schema).map((value, index): CompletionItem => {
    const item: CompletionItem = {
      label: yamlScalar(value),
      kind: isEnum ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
      sortText: String(index).padStart(3, '0'),
      textEdit: { range: ctx.replace, newText: yamlScalar(value) },
    };
    if (schema.default === value) item.detail = 'default';
    if (schema.description) item.documentation = { kind: MarkupKind.Markdown, value: schema.description };
    return item;
  });
}
