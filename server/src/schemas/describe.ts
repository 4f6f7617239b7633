// Shared wording for schema constraints, so diagnostics and hovers say the same thing the same way.
import type { JsonSchema } from './types';

/** `Terminate or Passthrough`, `All, Selector or Same`. */
export function orList(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/** `between 1 and 65535`, `at least 1`, `at most 16`; undefined when unbounded. */
export function bounds(min: number | undefined, max: number | undefined): string | undefined {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return undefined;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A short type name for docs: `string`, `integer`, `array of object`. */
export function typeName(schema: JsonSchema, itemSchema?: JsonSchema): string {
  if (schema.type === 'array') return itemSchema?.type ? `array of ${itemSchema.type}` : 'array';
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object' && !schema.properties) {
    return `map of ${schema.additionalProperties.type ?? 'any'}`;
  }
  const base = schema.type ?? 'any';
  return schema.format ? `${base} (${schema.format})` : base;
}

/** The constraints of a field as short lines, for hovers. */
export function constraintLines(schema: JsonSchema): string[] {
  const lines: string[] = [];
  const range = bounds(schema.minimum, schema.maximum);
  if (range) lines.push(`Value: ${range}`);
  const length = bounds(schema.minLength, schema.maxLength);
  if (length) lines.push(`Length: ${length} characters`);
  const items = bounds(schema.minItems, schema.maxItems);
  if (items) lines.push(`Items: ${items}`);
  const entries = bounds(schema.minProperties, schema.maxProperties);
  if (entries) lines.push(`Entries: ${entries}`);
  if (schema.pattern) lines.push(`Format: ${schema['x-pattern-hint'] ?? `matches \`${schema.pattern}\``}`);
  return lines;
}

