// Where the cursor is, in schema terms. The text being typed is rarely valid YAML (`por`, `- `, `mode: Pas`),
// so instead of guessing from indentation we re-parse the cursor's segment with a placeholder where the partial
// word is (`__gtls__:` for a key, `__gtls__` for a value) and ask the shared mapper (nodeAtOffset) for its path.
import { isMap, isScalar, type Document } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { keyText, nodeAtOffset, segmentAtOffset, topLevelScalar } from '../../parser/locate';
import { parseSegment } from '../../parser/parseSegment';
import type { NodePath, ParsedYamlDocument } from '../../parser/types';
import { schemaForEditing } from '../../schemas/registry';
import type { JsonSchema } from '../../schemas/types';
import type { IndexedFile } from '../../workspace/index';

export const PLACEHOLDER = '__gtls__';

interface Base {
  readonly root: JsonSchema;
  /** The partial word the completion replaces. */
  readonly replace: Range;
}

export interface KeyContext extends Base {
  readonly kind: 'key';
  /** The map the new key goes into. */
  readonly parentPath: NodePath;
  /** Keys already written in that map. */
  readonly present: ReadonlySet<string>;
  /** The line already has `: value` after the word, so only the key itself is inserted. */
  readonly colonFollows: boolean;
}

export interface ValueContext extends Base {
  readonly kind: 'value';
  /** The field whose value is being typed. */
  readonly path: NodePath;
  /** The document as re-parsed with the placeholder: what the rest of the object says (a ref's `namespace:`). */
  readonly document: ParsedYamlDocument;
  /** Where the cursor's segment starts in the file. */
  readonly segmentOffset: number;
}

export type CompletionContext = KeyContext | ValueContext;

// The characters of a key or a plain value being typed. A key cannot start with `-` (that is a sequence dash).
const KEY_WORD = /^(?:[A-Za-z0-9_./][-A-Za-z0-9_./]*)?$/;
const WORD_TAIL = /^[-A-Za-z0-9_./]*/;
const VALUE_AFTER_KEY = /^[^:#'"{}[\]]+:\s+([-A-Za-z0-9_./]*)$/;

export function completionContext(file: IndexedFile, position: { line: number; character: number }): CompletionContext | undefined {
  const yaml = file.yaml;
  if (!yaml) return undefined;
  const offset = yaml.lines.offsetAt(position);
  const segment = segmentAtOffset(yaml.segments, offset);
  if (!segment) return undefined;
  const text = segment.parse.text;
  const cursor = offset - segment.offset;
  const lineStart = text.lastIndexOf('\n', cursor - 1) + 1;
  const before = text.slice(lineStart, cursor);
  if (/(^|\s)#/.test(before)) return undefined;
  // Indentation and any `- ` dashes, then what is being typed.
  const typed = before.replace(/^\s*(?:-\s+)*/, '');
  const wordEnd = cursor + (WORD_TAIL.exec(text.slice(cursor))?.[0].length ?? 0);

  const value = VALUE_AFTER_KEY.exec(typed);
  if (value) {
    const start = cursor - value[1]!.length;
    const found = reparse(text, start, wordEnd, PLACEHOLDER);
    if (!found || found.hit.part !== 'value' || !isScalar(found.hit.node) || found.hit.node.value !== PLACEHOLDER) return undefined;
    const root = schemaOf(found.doc);
    if (!root) return undefined;
    return { kind: 'value', root, path: found.hit.path, replace: range(segment.offset, start, wordEnd), document: found.document, segmentOffset: segment.offset };
  }

  if (!KEY_WORD.test(typed)) return undefined;
  const start = cursor - typed.length;
  const colonFollows = text[wordEnd] === ':';
  const found = reparse(text, start, wordEnd, colonFollows ? PLACEHOLDER : `${PLACEHOLDER}: `);
  if (!found || found.hit.part !== 'key' || found.hit.path[found.hit.path.length - 1] !== PLACEHOLDER) return undefined;
  const root = schemaOf(found.doc);
  if (!root) return undefined;
  const parentPath = found.hit.path.slice(0, -1);
  return { kind: 'key', root, parentPath, present: keysOf(found.doc, parentPath), colonFollows, replace: range(segment.offset, start, wordEnd) };

  function range(base: number, from: number, to: number): Range {
    return yaml!.lines.range(base + from, base + to);
  }
}

function reparse(text: string, start: number, end: number, insert: string) {
  const edited = text.slice(0, start) + insert + text.slice(end);
  for (const document of parseSegment(edited).documents) {
    // One character into the placeholder: at its first character, a block map ending on the line before
    // (its range includes the newline) would also contain the offset.
    const hit = nodeAtOffset(document.doc, start + 1);
    if (hit) return { doc: document.doc, document, hit };
  }
  return undefined;
}

/** Only documents of a kind we model get completions: beside Red Hat YAML we add nothing generic. */
function schemaOf(doc: Document.Parsed): JsonSchema | undefined {
  // While `apiVersion: |` is being typed, the placeholder stands where it will be.
  const apiVersion = topLevelScalar(doc, 'apiVersion');
  return schemaForEditing(apiVersion === PLACEHOLDER ? undefined : apiVersion, topLevelScalar(doc, 'kind'));
}

function keysOf(doc: Document.Parsed, path: NodePath): ReadonlySet<string> {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  const keys = new Set<string>();
  if (isMap(node)) for (const item of node.items) {
    const key = keyText(item.key);
    if (key !== undefined && key !== PLACEHOLDER) keys.add(key);
  }
  return keys;
}

/** The plain value at `path` in a document's data (a ref's map, a grant entry's `kind`); undefined when absent. */
export function valueAt(value: unknown, path: NodePath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
