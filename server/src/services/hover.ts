// Hover: the documentation of the field under the cursor (its key or its value), from the JSON Schema of the
// object's kind and version. Objects without a schema get no hover, so we stay out of other YAML tools' way;
// the one exception is a TLS Secret, whose certificate we describe (hover/certificates.ts).
// Inside a reference (a listener certificateRef) the workspace's answer comes first: what it resolves to, whether
// it is permitted and what certificate it holds (hover/references.ts); on a listener's hostname, which names it
// really serves next to the other listeners (hover/listeners.ts); on a Gateway's gatewayClassName, the implementation
// the checks assume, and on a TLS listener's name, that implementation's TLS features (hover/implementation.ts);
// then the field's documentation.
import { isScalar } from 'yaml';
import type { Hover, Position } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import { isCoreSecret } from '../model/secret';
import { rangeOf, topLevelScalar } from '../parser/locate';
import type { NodePath } from '../parser/types';
import { constraintLines, typeName } from '../schemas/describe';
import { schemaFor } from '../schemas/registry';
import type { JsonSchema } from '../schemas/types';
import { fieldPath, isRequired, resolve, schemaAt } from '../schemas/walk';
import type { IndexedFile } from '../workspace/index';
import type { ServiceContext } from './context';
import { cursorAt } from './cursor';
import { secretHover } from './hover/certificates';
import { kustomizationHover } from './hover/kustomization';
import { gatewayClassNameHover, listenerFeaturesHover } from './hover/implementation';
import { listenerHostnameHover } from './hover/listeners';
import { certificateRefHover } from './hover/references';

export function doHover(file: IndexedFile, position: Position, context: ServiceContext): Hover | null {
  const at = cursorAt(file, position);
  if (!at) return null;
  if (file.kind.kind === 'kustomization') return kustomizationKeyHover(file, at, context);
  const doc = at.document.doc;
  const root = schemaFor(topLevelScalar(doc, 'apiVersion'), topLevelScalar(doc, 'kind'));
  const object = at.object;
  // Secrets have no schema of ours, but a TLS Secret's certificate is what this tool is about: they are routed
  // explicitly. Every other object without a schema gets no hover, so we stay out of other YAML tools' way.
  if (!root && !(object && isCoreSecret(object))) return null;
  const hit = at.hit;
  // Only keys and scalar values: hovering the blank space inside a map should not document the whole map.
  if (!hit || (hit.part === 'value' && !isScalar(hit.node))) return null;
  let parts: (string | undefined)[];
  if (!root) {
    parts = [secretHover(object!, hit.path, context)];
  } else {
    const schema = schemaAt(root, hit.path);
    parts = [
      object && certificateRefHover(object, hit.path, context),
      object && listenerHostnameHover(object, hit.path),
      object && gatewayClassNameHover(object, hit.path, context),
      object && listenerFeaturesHover(object, hit.path, context),
      schema && fieldDoc(root, hit.path, schema),
    ];
  }
  const texts = parts.filter((p): p is string => p !== undefined);
  if (texts.length === 0) return null;
  const range = rangeOf(hit.part === 'key' ? hit.pair?.key : hit.node);
  if (!range) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: texts.join('\n\n---\n\n') },
    range: file.yaml!.lines.range(at.segmentOffset + range.start, at.segmentOffset + range.end),
  };
}

/** On a kustomization's top-level key: the status of its Kustomize build. */
function kustomizationKeyHover(file: IndexedFile, at: NonNullable<ReturnType<typeof cursorAt>>, context: ServiceContext): Hover | null {
  const hit = at.hit;
  if (!hit || hit.part !== 'key' || hit.path.length !== 1) return null;
  const text = kustomizationHover(file, context);
  const range = rangeOf(hit.pair?.key);
  if (!text || !range) return null;
  return { contents: { kind: MarkupKind.Markdown, value: text }, range: file.yaml!.lines.range(at.segmentOffset + range.start, at.segmentOffset + range.end) };
}

/** The Markdown for one field: path, type, description, allowed values, default and constraints. */
function fieldDoc(root: JsonSchema, path: NodePath, schema: JsonSchema): string {
  const items = schema.items ? resolve(root, schema.items) : undefined;
  const last = path[path.length - 1];
  const parent = schemaAt(root, path.slice(0, -1));
  const required = typeof last === 'string' && parent !== undefined && isRequired(root, parent, last);
  const lines = [`**${fieldPath(path) || '(document)'}** · \`${typeName(schema, items)}\`${required ? ' · required' : ''}`];
  if (schema.description) lines.push('', schema.description);
  const facts: string[] = [];
  if (schema.enum) facts.push(`Allowed values: ${schema.enum.map(code).join(', ')}`);
  else if (schema['x-suggestions']) facts.push(`Common values: ${schema['x-suggestions'].map(code).join(', ')}`);
  if (schema.default !== undefined) facts.push(`Default: ${code(schema.default)}`);
  facts.push(...constraintLines(schema));
  if (facts.length > 0) lines.push('', ...facts.map((f) => `- ${f}`));
  return lines.join('\n');
}

function code(value: unknown): string {
  const text = typeof value === 'string' ? (value === '' ? '""' : value) : JSON.stringify(value);
  return `\`${text}\``;
}
