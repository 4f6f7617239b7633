// The one place that maps between YAML nodes and source offsets: a path to the range a diagnostic should
// underline, and an offset back to the path under the cursor. Offsets are relative to the parsed segment.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { NodePart, NodePath, ParsedYamlDocument, SegmentParse } from './types';

export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

export interface Located {
  readonly range: OffsetRange;
  /** True when the whole path resolved; false when the range is the deepest ancestor that exists. */
  readonly exact: boolean;
}

/**
 * Finds the range of `path` in `doc`. `part` picks the key (`port:`), the value, or the whole pair. A sequence
 * item has no key: its `key` part is the item's first key, which is where a reader's eye goes.
 */
export function locate(doc: Document.Parsed, path: NodePath, part: NodePart = 'value'): Located | undefined {
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  let resolved = 0;
  // A key a map inherits through a merge key (`<<: *base`) is shown on that `<<` entry: the finding is about this
  // map (this listener), and the anchor may serve many.
  let mergedAt: Pair | undefined;
  for (const segment of path) {
    const next = child(node, segment, doc);
    if (!next) break;
    mergedAt ??= next.via;
    node = next.node;
    pair = next.pair;
    resolved++;
  }
  const exact = resolved === path.length;
  if (mergedAt) {
    const range = pick(mergedAt.value, mergedAt, exact ? part : 'key');
    return range ? { range, exact } : undefined;
  }
  if (!exact) return deepest(node, pair);
  const range = pick(node, pair, part);
  return range ? { range, exact } : deepest(node, pair);
}

function deepest(node: unknown, pair: Pair | undefined): Located | undefined {
  const range = pick(node, pair, 'key');
  return range ? { range, exact: false } : undefined;
}

function pick(node: unknown, pair: Pair | undefined, part: NodePart): OffsetRange | undefined {
  const keyRange = pair && rangeOf(pair.key);
  const valueRange = rangeOf(node);
  if (part === 'key') return keyRange ?? firstKeyRange(node) ?? valueRange;
  if (part === 'pair') {
    if (keyRange && valueRange) return { start: keyRange.start, end: valueRange.end };
    return keyRange ?? valueRange;
  }
  // An empty value (`mode:`) has no useful range of its own: underline the key instead.
  if (valueRange && valueRange.end > valueRange.start) return valueRange;
  return keyRange ?? valueRange;
}

function firstKeyRange(node: unknown): OffsetRange | undefined {
  if (!isMap(node)) return undefined;
  const first = node.items[0];
  return first ? rangeOf(first.key) : undefined;
}

export function rangeOf(node: unknown): OffsetRange | undefined {
  const range = (node as Node | null | undefined)?.range;
  if (!range) return undefined;
  return { start: range[0], end: range[1] };
}

function child(node: unknown, segment: string | number, doc: Document.Parsed): { node: unknown; pair?: Pair; via?: Pair } | undefined {
  if (isMap(node)) {
    const key = String(segment);
    const pair = pairOf(node, key);
    if (pair) return { node: pair.value, pair };
    const merged = mergedPair(node, key, doc, 0);
    return merged ? { node: merged.pair.value, pair: merged.pair, via: merged.via } : undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { node: item };
  }
  return undefined;
}

/** How many merge keys deep a lookup follows (an alias can point back at its own map). */
const MAX_MERGE_DEPTH = 16;

/**
 * The pair a map inherits for `key` through its merge keys (`<<: *a` or `<<: [*a, *b]`, earlier sources first, as
 * the `yaml` library and kubectl resolve them), with the map's own `<<` pair it came through.
 */
function mergedPair(map: YAMLMap, key: string, doc: Document.Parsed, depth: number): { pair: Pair; via: Pair } | undefined {
  if (depth > MAX_MERGE_DEPTH) return undefined;
  for (const item of map.items) {
    if (!isPair(item) || !isMergeKey(item.key)) continue;
    const value = resolveAlias(item.value, doc);
    const sources = isSeq(value) ? value.items.map((source) => resolveAlias(source, doc)) : [value];
    for (const source of sources) {
      if (!isMap(source)) continue;
      const found = pairOf(source, key) ?? mergedPair(source, key, doc, depth + 1)?.pair;
      if (found) return { pair: found, via: item };
    }
  }
  return undefined;
}

function resolveAlias(node: unknown, doc: Document.Parsed): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** A `<<` key the parser took as a merge key (its value is then a symbol, not the string "<<"). */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

/** Maps with this many keys or more get an index: a finding per key of a 40,000-key map must not scan it each time. */
const INDEXED_MAP_SIZE = 16;
const keyIndexes = new WeakMap<object, Map<string, Pair>>();

/** The first pair of `map` whose key reads as `key` (a syntax tree is never changed once parsed, so the index stays). */
function pairOf(map: { items: unknown[] }, key: string): Pair | undefined {
  if (map.items.length < INDEXED_MAP_SIZE) {
    for (const item of map.items) if (isPair(item) && keyText(item.key) === key) return item;
    return undefined;
  }
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const text = keyText(item.key);
      if (text !== undefined && !index.has(text)) index.set(text, item);
    }
    keyIndexes.set(map, index);
  }
  return index.get(key);
}

export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : isMergeKey(key) ? '<<' : String(key.value);
  return typeof key === 'string' ? key : undefined;
}

/** What lies under an offset: the path to the innermost node and whether the offset is on a key or a value. */
export interface NodeAtOffset {
  readonly path: NodePath;
  readonly part: 'key' | 'value';
  readonly node: unknown;
  readonly pair?: Pair;
}

export function nodeAtOffset(doc: Document.Parsed, offset: number): NodeAtOffset | undefined {
  let node: unknown = doc.contents;
  const path: (string | number)[] = [];
  let found: NodeAtOffset | undefined;
  // Iterative descent: at each level pick the child whose range contains the offset.
  for (let depth = 0; depth < 500; depth++) {
    if (isMap(node)) {
      let next: NodeAtOffset | undefined;
      for (const item of node.items) {
        const key = keyText(item.key);
        if (key === undefined) continue;
        const kr = rangeOf(item.key);
        if (kr && offset >= kr.start && offset <= kr.end) {
          return { path: [...path, key], part: 'key', node: item.value, pair: item };
        }
        const vr = rangeOf(item.value);
        if (vr && offset >= vr.start && offset <= vr.end) {
          next = { path: [...path, key], part: 'value', node: item.value, pair: item };
          break;
        }
      }
      if (!next) return found;
      found = next;
      path.push(next.path[next.path.length - 1]!);
      node = next.node;
      continue;
    }
    if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const r = rangeOf(item);
        return r !== undefined && offset >= r.start && offset <= r.end;
      });
      if (index === -1) return found;
      path.push(index);
      found = { path: [...path], part: 'value', node: node.items[index] };
      node = node.items[index];
      continue;
    }
    return found;
  }
  return found;
}

/** A segment of a file with where it starts; structurally the `PlacedSegment` of yamlFile.ts. */
interface SegmentLike {
  readonly offset: number;
  readonly parse: SegmentParse;
}

/** The `---` segment holding a file offset (the last one starting at or before it). */
export function segmentAtOffset<S extends SegmentLike>(segments: readonly S[], offset: number): S | undefined {
  let found: S | undefined;
  for (const segment of segments) {
    if (segment.offset > offset) break;
    found = segment;
  }
  return found;
}

/** The parsed document under a file offset, with its segment's offset (add it to the document's own offsets). */
export function documentAtOffset(segments: readonly SegmentLike[], offset: number): { readonly segmentOffset: number; readonly document: ParsedYamlDocument } | undefined {
  const segment = segmentAtOffset(segments, offset);
  if (!segment) return undefined;
  const relative = offset - segment.offset;
  const documents = segment.parse.documents;
  // A segment normally holds one document; a `...` end marker can leave more. Take the last one starting before.
  let document = documents[0];
  for (const candidate of documents) if ((candidate.doc.range?.[0] ?? 0) <= relative) document = candidate;
  return document ? { segmentOffset: segment.offset, document } : undefined;
}

/** A top-level scalar of a document (`apiVersion`, `kind`) read from the AST, so it works while the text is broken. */
export function topLevelScalar(doc: Document.Parsed, key: string): unknown {
  const contents = doc.contents;
  if (!isMap(contents)) return undefined;
  const pair = contents.items.find((item) => keyText(item.key) === key);
  return pair && isScalar(pair.value) ? pair.value.value : undefined;
}

/** Stands for any sequence index in a path pattern (see matchPathPrefix). */
export const ANY_INDEX: unique symbol = Symbol('any index');

export type PathPattern = readonly (string | typeof ANY_INDEX)[];

/**
 * Whether `path` starts with `pattern` (keys literally, ANY_INDEX for any index): the indexes it matched and the
 * rest of the path, so features can ask "is the cursor inside `spec.listeners[].tls.certificateRefs[]`, and which".
 */
export function matchPathPrefix(path: NodePath, pattern: PathPattern): { readonly indexes: readonly number[]; readonly rest: NodePath } | undefined {
  if (path.length < pattern.length) return undefined;
  const indexes: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i];
    const got = path[i];
    if (want === ANY_INDEX) {
      if (typeof got !== 'number') return undefined;
      indexes.push(got);
    } else if (got !== want) {
      return undefined;
    }
  }
  return { indexes, rest: path.slice(pattern.length) };
}

/** How a sequence is written, for edits that append an item in the same style as the ones already there. */
export interface SequenceLayout {
  /** `[a, b]`: appending a block item (`- …`) there would not be valid YAML. */
  readonly flow: boolean;
  /** Each item's range; a block map item starts at its first key (after the `-`). */
  readonly items: readonly OffsetRange[];
}

/** The sequence at `path`, or undefined when the path does not lead to one. */
export function sequenceAt(doc: Document.Parsed, path: NodePath): SequenceLayout | undefined {
  let node: unknown = doc.contents;
  for (const segment of path) {
    const next = child(node, segment, doc);
    if (!next) return undefined;
    node = next.node;
  }
  if (!isSeq(node)) return undefined;
  return { flow: node.flow === true, items: node.items.map((item) => rangeOf(item)).filter((r): r is OffsetRange => r !== undefined) };
}
