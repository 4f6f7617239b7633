// Where a rendered object came from: kustomize's `config.kubernetes.io/origin` annotation names the file (or the
// kustomization whose generator made it), and this module finds the document and node a person edits there. The
// one mapping from a build's output back to source lines; every finding, related place and location of a
// rendered object goes through `sourcePlace`.
import * as path from 'node:path';
import { parse } from 'yaml';
import { isRecord, type K8sObject } from '../model/object';
import { locate, type OffsetRange } from '../parser/locate';
import type { NodePart, NodePath } from '../parser/types';
import type { IndexedFile, WorkspaceIndex } from './index';
import type { GeneratorField } from './kustomize';
import { normalizeUri, pathToUri } from './uris';

const ORIGIN = 'config.kubernetes.io/origin';

export type Origin =
  | { readonly kind: 'resource'; readonly uri: string }
  | { readonly kind: 'generator'; readonly uri: string; readonly field: GeneratorField }
  /** A remote base, or an annotation that could not be read: reported on the root kustomization. */
  | { readonly kind: 'elsewhere'; readonly description: string };

const GENERATOR_FIELDS: Readonly<Record<string, GeneratorField>> = { SecretGenerator: 'secretGenerator', ConfigMapGenerator: 'configMapGenerator' };

const originCache = new WeakMap<K8sObject, Origin>();

export function originOf(object: K8sObject): Origin | undefined {
  const rendered = object.rendered;
  if (!rendered) return undefined;
  const cached = originCache.get(object);
  if (cached) return cached;
  const origin = readOrigin(object.value, rendered.originBase);
  originCache.set(object, origin);
  return origin;
}

function readOrigin(value: Readonly<Record<string, unknown>>, base: string): Origin {
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  const text = annotations[ORIGIN];
  let origin: unknown;
  try {
    origin = typeof text === 'string' ? parse(text) : undefined;
  } catch {
    origin = undefined;
  }
  if (!isRecord(origin)) return { kind: 'elsewhere', description: 'no origin annotation' };
  if (typeof origin.repo === 'string') return { kind: 'elsewhere', description: `remote base ${origin.repo}` };
  if (typeof origin.path === 'string') return { kind: 'resource', uri: normalizeUri(pathToUri(path.resolve(base, origin.path))) };
  const by = isRecord(origin.configuredBy) ? origin.configuredBy : {};
  const field = typeof by.kind === 'string' ? GENERATOR_FIELDS[by.kind] : undefined;
  if (typeof origin.configuredIn === 'string' && field) return { kind: 'generator', uri: normalizeUri(pathToUri(path.resolve(base, origin.configuredIn))), field };
  return { kind: 'elsewhere', description: typeof by.kind === 'string' ? `${by.kind} in ${String(origin.configuredIn ?? '?')}` : 'an unknown origin' };
}

/** The file a rendered object's findings belong to (the root kustomization when its origin is not in the workspace). */
export function sourceUriOf(object: K8sObject): string | undefined {
  const origin = originOf(object);
  if (!origin) return undefined;
  return origin.kind === 'elsewhere' ? normalizeUri(object.rendered!.root) : origin.uri;
}

/** What a rendered object was made from, in the workspace as it is now. */
export type SourceTarget =
  | { readonly kind: 'object'; readonly file: IndexedFile; readonly object: K8sObject }
  | { readonly kind: 'generator'; readonly file: IndexedFile; readonly path: NodePath; readonly name: string }
  | { readonly kind: 'file'; readonly file: IndexedFile };

export function sourceOf(index: WorkspaceIndex, object: K8sObject): SourceTarget | undefined {
  const origin = originOf(object);
  if (!origin) return undefined;
  const file = index.getFile(origin.kind === 'elsewhere' ? object.rendered!.root : origin.uri);
  if (!file) return undefined;
  if (origin.kind === 'resource') {
    const source = sourceObject(file, object);
    return source ? { kind: 'object', file, object: source } : { kind: 'file', file };
  }
  if (origin.kind === 'generator') {
    const generator = generatorEntry(file, origin.field, object.name);
    return generator ? { kind: 'generator', file, ...generator } : { kind: 'file', file };
  }
  return { kind: 'file', file };
}

/**
 * The source document of a rendered object: same kind, and the name the build started from (the rendered name
 * with a prefix, a suffix or both; the longest match wins), else the only one of its kind.
 */
function sourceObject(file: IndexedFile, rendered: K8sObject): K8sObject | undefined {
  const sameKind = file.objects.filter((o) => o.kind === rendered.kind && o.group === rendered.group);
  const name = rendered.name ?? '';
  let best: K8sObject | undefined;
  for (const candidate of sameKind) {
    if (candidate.name === name) return candidate;
    if (candidate.name && name.includes(candidate.name) && (!best || candidate.name.length > (best.name ?? '').length)) best = candidate;
  }
  return best ?? (sameKind.length === 1 ? sameKind[0] : undefined);
}

/** The generator entry that made a rendered Secret or ConfigMap: its name is inside the rendered name. */
function generatorEntry(file: IndexedFile, field: GeneratorField, renderedName: string | undefined): { path: NodePath; name: string } | undefined {
  const value = file.yaml?.segments[0]?.parse.documents[0]?.value;
  const list = isRecord(value) && Array.isArray(value[field]) ? (value[field] as unknown[]) : [];
  let best: { path: NodePath; name: string } | undefined;
  list.forEach((entry, index) => {
    const name = isRecord(entry) && typeof entry.name === 'string' ? entry.name : undefined;
    if (name && (renderedName ?? '').includes(name) && (!best || name.length > best.name.length)) best = { path: [field, index], name };
  });
  return best;
}

/** The name a rendered object had before the build renamed it (prefix, suffix, generator hash). */
export function originalName(index: WorkspaceIndex, object: K8sObject): string | undefined {
  const source = sourceOf(index, object);
  if (source?.kind === 'object') return source.object.name;
  if (source?.kind === 'generator') return source.name;
  return undefined;
}

/** A place in a file of the workspace: offsets into its text. */
export interface FilePlace {
  readonly file: IndexedFile;
  readonly range: OffsetRange;
}

/**
 * Where a node of an object is, in a file a person edits. For an object of the workspace: the node itself. For a
 * rendered object: the same field of its source document (list items matched by `name`, since patches may add or
 * reorder them), or its deepest ancestor there when a patch added the field; a generated object's generator entry.
 */
export function sourcePlace(index: WorkspaceIndex, object: K8sObject, nodePath: NodePath, part: NodePart = 'value'): FilePlace | undefined {
  if (!object.rendered) {
    const file = index.getFile(object.source.uri);
    const at = file?.yaml ? locate(object.source.document.doc, nodePath, part) : undefined;
    return file && at ? { file, range: shift(at.range, object.source.segmentOffset) } : undefined;
  }
  const source = sourceOf(index, object);
  if (!source?.file.yaml) return undefined;
  if (source.kind === 'object') {
    const translated = translatePath(object.value, source.object.value, nodePath);
    const at = locate(source.object.source.document.doc, translated, translated.length === nodePath.length ? part : 'key');
    return at ? { file: source.file, range: shift(at.range, source.object.source.segmentOffset) } : undefined;
  }
  const first = source.file.yaml.segments[0];
  const doc = first?.parse.documents[0]?.doc;
  if (!first || !doc) return undefined;
  const at = locate(doc, source.kind === 'generator' ? [...source.path, 'name'] : [], source.kind === 'generator' ? 'value' : 'key');
  return at ? { file: source.file, range: shift(at.range, first.offset) } : undefined;
}

/** A path in a rendered value, as the same field in the source value: list items follow their `name`. */
function translatePath(rendered: unknown, source: unknown, nodePath: NodePath): NodePath {
  const result: (string | number)[] = [];
  let r = rendered;
  let s = source;
  for (const step of nodePath) {
    if (typeof step === 'number' && Array.isArray(r) && Array.isArray(s)) {
      const item = r[step];
      const name = isRecord(item) ? item.name : undefined;
      const at = name !== undefined ? s.findIndex((c) => isRecord(c) && c.name === name) : step < s.length ? step : -1;
      if (at === -1) break;
      result.push(at);
      r = item;
      s = s[at];
    } else if (typeof step === 'string' && isRecord(r) && isRecord(s) && Object.prototype.hasOwnProperty.call(s, step)) {
      result.push(step);
      r = r[step];
      s = s[step];
    } else break;
  }
  return result;
}

function shift(range: OffsetRange, by: number): OffsetRange {
  return { start: range.start + by, end: range.end + by };
}
