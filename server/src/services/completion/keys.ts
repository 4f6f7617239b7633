// Key completion: the fields the schema allows in the map at the cursor that are not written yet. Objects and
// lists insert their first line break too, and enum fields offer their values as a snippet choice.
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { typeName } from '../../schemas/describe';
import type { JsonSchema } from '../../schemas/types';
import { propertiesOf, resolve, schemaAt, suggestedValues } from '../../schemas/walk';
import type { KeyContext } from './context';
import { yamlScalar } from './scalars';

export function keyItems(ctx: KeyContext): CompletionItem[] {
  const parent = schemaAt(ctx.root, ctx.parentPath);
  if (!parent || parent.type !== 'object') return [];
  const required = new Set(parent.required ?? []);
  return propertiesOf(ctx.root, parent)
    .filter(([name, schema]) => !ctx.present.has(name) && !schema.readOnly)
    .map(([name, schema], index): CompletionItem => {
      const items = schema.items ? resolve(ctx.root, schema.items) : undefined;
      const newText = ctx.colonFollows ? name : insertion(name, schema);
      const item: CompletionItem = {
        label: name,
        kind: CompletionItemKind.Property,
        detail: `${typeName(schema, items)}${required.has(name) ? ' · required' : ''}`,
        // Required fields first, then schema order (which follows the API reference).
        sortText: `${required.has(name) ? 0 : 1}${String(index).padStart(3, '0')}`,
        filterText: name,
        textEdit: { range: ctx.replace, newText },
      };
      if (schema.description) item.documentation = { kind: MarkupKind.Markdown, value: schema.description };
      if (newText.includes('$')) item.insertTextFormat = InsertTextFormat.Snippet;
      if (newText.includes('\n')) item.insertTextMode = InsertTextMode.adjustIndentation;
      return item;
    });
}

/** What to insert for a key: `port: `, `tls:\n  `, `listeners:\n- `, or `mode: ${1|Terminate,Passthrough|}`. */
function insertion(name: string, schema: JsonSchema): string {
  if (schema.type === 'object') return `${name}:\n  $0`;
  if (schema.type === 'array') return `${name}:\n- $0`;
  const values = suggestedValues(schema);
  if (values.length > 0) return `${name}: \${1|${values.map((v) => escapeChoice(yamlScalar(v))).join(',')}|}`;
  return `${name}: `;
}

function escapeChoice(value: string): string {
  return value.replace(/[\\,|$}]/g, (c) => `\\${c}`);
}
