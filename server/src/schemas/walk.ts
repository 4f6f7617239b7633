// The one schema walker: a document path (keys and indexes, as the parser and ajv use them) → the sub-schema
// that governs it, through properties, items, additionalProperties and local `$ref`s. Hover, completion and the
// schema rule's messages all read schemas through here.
import type { NodePath } from '../parser/types';
import type { JsonSchema } from './types';

const MAX_REF_DEPTH = 32;

/**
 * Follows `$ref` (only local `#/$defs/…` refs exist in our schemas). Keywords written beside a `$ref` win over
 * the target's: that is how a field gives a shared type (ObjectName, PortNumber) its own description and default.
 */
export function resolve(root: JsonSchema, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let i = 0; i < MAX_REF_DEPTH && current.$ref !== undefined; i++) {
    const { $ref, ...siblings } = current;
    const target = lookup(root, $ref);
    if (!target) return siblings;
    current = { ...target, ...siblings };
  }
  return current;
}

function lookup(root: JsonSchema, ref: string): JsonSchema | undefined {
  const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
  if (!match) return ref === '#' ? root : undefined;
  return Object.prototype.hasOwnProperty.call(root.$defs ?? {}, match[1]!) ? root.$defs![match[1]!] : undefined;
}

/** The schema of one step down: a property (or a map entry via additionalProperties) or an array item. */
export function childSchema(root: JsonSchema, parent: JsonSchema, segment: string | number): JsonSchema | undefined {
  const schema = resolve(root, parent);
  if (typeof segment === 'number' || schema.type === 'array') {
    return schema.items && typeof segment === 'number' ? resolve(root, schema.items) : undefined;
  }
  const props = schema.properties;
  if (props && Object.prototype.hasOwnProperty.call(props, segment)) return resolve(root, props[segment]!);
  if (typeof schema.additionalProperties === 'object') return resolve(root, schema.additionalProperties);
  return undefined;
}

/** The resolved schema at `path`, or undefined where our schema says nothing (unknown fields, free-form maps). */
export function schemaAt(root: JsonSchema, path: NodePath): JsonSchema | undefined {
  let schema: JsonSchema | undefined = resolve(root, root);
  for (const segment of path) {
    if (!schema) return undefined;
    schema = childSchema(root, schema, segment);
  }
  return schema;
}

/** The named properties of an object schema, each resolved, in schema order. */
export function propertiesOf(root: JsonSchema, schema: JsonSchema): readonly (readonly [string, JsonSchema])[] {
  const props = resolve(root, schema).properties ?? {};
  return Object.entries(props).map(([name, sub]) => [name, resolve(root, sub)] as const);
}

export function isRequired(root: JsonSchema, parent: JsonSchema, key: string): boolean {
  return resolve(root, parent).required?.includes(key) ?? false;
}

/** Values a field may take: its enum, or the suggestions we keep for pattern-typed fields such as protocol. */
export function suggestedValues(schema: JsonSchema): readonly string[] {
  if (schema.enum) return schema.enum.filter((v): v is string => typeof v === 'string');
  return schema['x-suggestions'] ?? [];
}

/** A path as people write it in docs: `spec.listeners[].tls.mode` (indexes dropped, they vary by item). */
export function fieldPath(path: NodePath): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? '[]' : out === '' ? segment : `.${segment}`;
  return out;
}
