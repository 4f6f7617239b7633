// The `schema` rule: ajv validation of Gateway API objects against our own JSON Schemas (one per kind and
// version, see schemas/registry.ts), with each ajv error mapped to the smallest YAML node and a message in the
// user's terms: what is wrong, how to fix it, and that the API server rejects the object.
import type { ErrorObject, ValidateFunction } from 'ajv';
import precompiled from 'gateway-tls:precompiled-validators';
import type { K8sObject } from '../model/object';
import type { NodePart, NodePath } from '../parser/types';
import { bounds, orList, plural } from '../schemas/describe';
import { closest } from '../util/nearNames';
import { schemaFor, schemaIds } from '../schemas/registry';
import type { JsonSchema } from '../schemas/types';
import { isRequired, propertiesOf, resolve, schemaAt } from '../schemas/walk';
import type { Finding, ObjectRule, RuleFamily } from './types';

/** Precompiled at build time (schemas/standalone.ts); v1 and v1beta1 share one. */
function validatorFor(schema: JsonSchema): ValidateFunction | undefined {
  const id = schemaIds().get(schema);
  return id === undefined ? undefined : precompiled[id];
}

function hasSchema(object: K8sObject): boolean {
  return schemaFor(object.apiVersion, object.kind) !== undefined;
}

export function checkSchema(object: K8sObject): readonly Finding[] {
  const schema = schemaFor(object.apiVersion, object.kind);
  const validate = schema && validatorFor(schema);
  if (!schema || !validate) return [];
  try {
    if (validate(object.value)) return [];
    return toFindings(validate.errors ?? [], object, schema);
  } catch {
    return [];
  }
}

export const SCHEMA_RULE: ObjectRule<K8sObject> = { code: 'schema', check: (object) => checkSchema(object) };

export const schemaFamily: RuleFamily<K8sObject> = {
  name: 'schema',
  view: (object) => (hasSchema(object) ? object : undefined),
  rules: [SCHEMA_RULE],
};

// ---------------------------------------------------------------------------------------------------------------
// ajv errors → findings

interface Mapped {
  readonly path: NodePath;
  readonly part: NodePart;
  readonly message: string;
  /** Lower wins when two errors land on one node (an empty hostname fails both minLength and pattern). */
  readonly rank: number;
}

/** Which error explains a node best, by ajv keyword. Unlisted keywords rank last. */
const RANK: Readonly<Record<string, number>> = {
  required: 0, additionalProperties: 0, type: 1, enum: 2, minLength: 3, maxLength: 3,
  pattern: 4, minimum: 5, maximum: 5, format: 6, minItems: 5, maxItems: 5, maxProperties: 5,
};

interface Context {
  readonly object: K8sObject;
  readonly root: JsonSchema;
  /** "The API server rejects the Gateway.": the consequence every message ends with. */
  readonly rejects: string;
}

function toFindings(errors: readonly ErrorObject[], object: K8sObject, root: JsonSchema): Finding[] {
  const ctx: Context = { object, root, rejects: `The API server rejects the ${object.kind}.` };
  const best = new Map<string, Mapped>();
  const missing = new Map<string, { path: NodePath; fields: string[] }>();
  for (const error of errors) {
    const path = toPath(error.instancePath, object.value);
    if (!path) continue;
    if (error.keyword === 'required') {
      const key = JSON.stringify(path);
      const entry = missing.get(key) ?? { path, fields: [] };
      const field = String((error.params as { missingProperty?: unknown }).missingProperty);
      if (!entry.fields.includes(field)) entry.fields.push(field);
      missing.set(key, entry);
      continue;
    }
    const mapped = mapError(error, path, ctx);
    const key = JSON.stringify([mapped.path, mapped.part]);
    const previous = best.get(key);
    if (!previous || mapped.rank < previous.rank) best.set(key, mapped);
  }
  for (const { path, fields } of missing.values()) {
    const mapped = mapRequired(path, fields, ctx);
    best.set(JSON.stringify([mapped.path, mapped.part, 'required']), mapped);
  }
  return [...best.values()].map((m) => ({ code: 'schema', message: m.message, path: m.path, part: m.part }));
}

/** JSON pointer → path. Segments under arrays become numbers, as the parser's paths have them. */
function toPath(pointer: string, data: unknown): NodePath | undefined {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      if (!Number.isInteger(index)) return undefined;
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node = ownValue(node, segment);
    }
  }
  return path;
}

function valueAt(data: unknown, path: NodePath): unknown {
  let node = data;
  for (const segment of path) node = ownValue(node, segment);
  return node;
}

/**
 * A field of parsed data or of a schema, own properties only: `constructor`, `__proto__` and `toString` are keys a
 * manifest may hold (and get reported as unknown fields), never the prototype's functions.
 */
function ownValue(node: unknown, key: string | number): unknown {
  return node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
}

/**
 * How a field is named in messages: `port`, `listeners[2]`, `labels.version` (an entry of a free-form map), with
 * the named list item it belongs to, so a reader finds it: `port of listener "bad-port"`.
 */
function label(path: NodePath, root: JsonSchema, data?: unknown): string {
  const owner = data === undefined ? '' : namedOwner(path, data);
  return owner ? `${bareLabel(path, root)} of ${owner}` : bareLabel(path, root);
}

/** The innermost list item above the field that has a `name`: `listener "web"`, `certificateRef "foo-cert"`. */
function namedOwner(path: NodePath, data: unknown): string {
  for (let i = path.length - 2; i > 0; i--) {
    const index = path[i];
    const list = path[i - 1];
    if (typeof index !== 'number' || typeof list !== 'string') continue;
    // The item's own name cannot name its owner (it is what is wrong).
    if (path.length === i + 2 && path[i + 1] === 'name') continue;
    const name = ownValue(valueAt(data, path.slice(0, i + 1)), 'name');
    if (typeof name === 'string' && name !== '') return `${list.endsWith('s') ? list.slice(0, -1) : `${list} entry`} "${name}"`;
  }
  return '';
}

function bareLabel(path: NodePath, root: JsonSchema): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the object';
  const parent = path[path.length - 2];
  if (typeof last === 'number') return parent === undefined ? `item ${last}` : `${parent}[${last}]`;
  const parentSchema = schemaAt(root, path.slice(0, -1));
  const isMapEntry = parentSchema && !(parentSchema.properties && Object.prototype.hasOwnProperty.call(parentSchema.properties, last));
  return isMapEntry && typeof parent === 'string' ? `${parent}.${last}` : last;
}

function isRequiredAt(path: NodePath, root: JsonSchema): boolean {
  const last = path[path.length - 1];
  const parent = schemaAt(root, path.slice(0, -1));
  return typeof last === 'string' && parent !== undefined && isRequired(root, parent, last);
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return String(value);
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false', object: 'a map of fields', array: 'a list',
};

function actualType(value: unknown): string {
  if (value === null || value === undefined) return 'it is empty';
  if (Array.isArray(value)) return 'it is a list';
  if (typeof value === 'object') return 'it is a map';
  if (typeof value === 'string') return `it is the string ${shown(value)}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `it is the number ${value}` : `it is ${value}`;
  return `it is ${String(value)}`;
}

function typeFix(expected: string, value: unknown): string {
  if ((expected === 'integer' || expected === 'number') && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return ' Remove the quotes.';
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return ` Quote it: "${String(value)}".`;
  return '';
}

function mapError(error: ErrorObject, path: NodePath, ctx: Context): Mapped {
  const rank = RANK[error.keyword] ?? 9;
  const field = label(path, ctx.root, ctx.object.value);
  const value = valueAt(ctx.object.value, path);
  const schema = schemaAt(ctx.root, path) ?? {};
  const params = error.params as Record<string, unknown>;
  const at = (message: string, part: NodePart = 'value', where: NodePath = path): Mapped => ({ path: where, part, message, rank });
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownField(String(params.additionalProperty), path, ctx);
    case 'type': {
      const expected = String(params.type);
      return at(`${field} must be ${TYPE_WORDS[expected] ?? expected}, but ${actualType(value)}.${typeFix(expected, value)} ${ctx.rejects}`);
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? schema.enum ?? [];
      const guess = typeof value === 'string' ? closest(value, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      return at(`${field} must be ${orList(allowed)}, not ${shown(value)}.${guess ? ` Did you mean ${guess}?` : ''} ${ctx.rejects}`);
    }
    case 'pattern': {
      const hint = schema['x-pattern-hint'] ?? `text matching ${String(params.pattern)}`;
      const lower = typeof value === 'string' && value !== value.toLowerCase() && schema.pattern && new RegExp(schema.pattern, 'u').test(value.toLowerCase());
      return at(`${field} must be ${hint}, not ${shown(value)}.${lower ? ' Use lower case.' : ''} ${ctx.rejects}`);
    }
    case 'minimum':
    case 'maximum':
      return at(`${field} must be ${bounds(schema.minimum, schema.maximum) ?? String(error.message)}, not ${shown(value)}. ${ctx.rejects}`);
    case 'format':
      return at(`${field} must be a ${String(params.format)} number, not ${shown(value)}. ${ctx.rejects}`);
    case 'minLength':
    case 'maxLength': {
      if (error.keyword === 'minLength' && value === '') return at(`${field} must not be empty: ${isRequiredAt(path, ctx.root) ? 'give it a value' : 'give it a value or remove it'}. ${ctx.rejects}`);
      const length = typeof value === 'string' ? value.length : 0;
      return at(`${field} must be ${bounds(schema.minLength, schema.maxLength)} characters long, not ${length}. ${ctx.rejects}`);
    }
    case 'minItems': {
      const count = Array.isArray(value) ? value.length : 0;
      return at(`${field} must have ${bounds(schema.minItems, schema.maxItems)} items, not ${count}. ${ctx.rejects}`);
    }
    case 'maxItems': {
      // The first item over the limit is the smallest node that is wrong; underlining a 70-item list helps nobody.
      const limit = Number(params.limit);
      const count = Array.isArray(value) ? value.length : 0;
      return at(`${field} may have at most ${plural(limit, 'item')}, not ${count}: this is item ${limit + 1}. ${ctx.rejects}`, 'value', [...path, limit]);
    }
    case 'maxProperties': {
      const limit = Number(params.limit);
      const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
      const extra = keys[limit];
      return at(`${field} may have at most ${limit} entries, not ${keys.length}. ${ctx.rejects}`, 'key', extra === undefined ? path : [...path, extra]);
    }
    default:
      return at(`${field} ${error.message ?? 'is invalid'}. ${ctx.rejects}`);
  }
}

function unknownField(name: string, parentPath: NodePath, ctx: Context): Mapped {
  const parent = resolve(ctx.root, schemaAt(ctx.root, parentPath) ?? {});
  const where = parentPath.length === 0 ? `a ${ctx.object.kind}` : label(parentPath, ctx.root, ctx.object.value);
  const removed = ownValue(parent['x-removed'], name);
  const known = propertiesOf(ctx.root, parent).filter(([, s]) => !s.readOnly).map(([n]) => n);
  const guess = closest(name, known);
  const advice = typeof removed === 'string' ? removed : (guess ? `Did you mean ${guess}?` : known.length > 0 ? `Fields allowed here: ${known.join(', ')}.` : '');
  return {
    path: [...parentPath, name],
    part: 'key',
    rank: 0,
    message: `${name} is not a field of ${where}.${advice ? ` ${advice}` : ''} kubectl rejects unknown fields (strict field validation) and other clients silently drop them.`,
  };
}

function mapRequired(path: NodePath, fields: readonly string[], ctx: Context): Mapped {
  const names = fields.length === 1 ? `the required field ${fields[0]}` : `the required fields ${orList(fields).replace(' or ', ' and ')}`;
  const fix = `Add ${fields.length === 1 ? 'it' : 'them'}. ${ctx.rejects}`;
  // The document itself lacks a field: point at `kind:`, never at the whole document.
  if (path.length === 0) return { path: ['kind'], part: 'key', rank: 0, message: `This ${ctx.object.kind} is missing ${names}. ${fix}` };
  return { path, part: 'key', rank: 0, message: `${label(path, ctx.root, ctx.object.value)} is missing ${names}. ${fix}` };
}
