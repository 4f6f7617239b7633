// Quick fixes for kustomize-ref-not-renamed. (a) Teach kustomize the Gateway API reference fields: a transformer
// configuration next to the built (root) kustomization and a `configurations:` entry naming it; the configuration
// holds every field of the table, so one fix covers every reference of the build. (b) When a generator's hash alone
// explains the rename: turn the hash off on that generator entry. Edits are insertions placed by the parsed YAML
// nodes' ranges, and each is applied and parsed again before it is offered.
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, type Pair, type YAMLMap } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { GATEWAY_API_NAME_REFERENCES, nameReferenceConfiguration, type NameReferenceField, type ReferencedKind } from '../../model/kustomizeNameReferences';
import { isRecord } from '../../model/object';
import { loneCrAsLf } from '../../parser/lineIndex';
import { documentAtOffset, keyText, nodeAtOffset, rangeOf } from '../../parser/locate';
import { PARSE_OPTIONS } from '../../parser/parseSegment';
import type { IndexedFile } from '../../workspace/index';
import { dirnameUri, pathToUri, uriToPath } from '../../workspace/uris';
import type { ServiceContext } from '../context';
import { readData } from './data';
import { indentsSequences } from './grantText';
import { createFile, editFile, eolOf } from './workspaceEdits';

export const CONFIGURATION_STEM = 'gateway-tls-namereference';

type GeneratorField = 'secretGenerator' | 'configMapGenerator';

export interface KustomizeFixData {
  readonly root: string;
  readonly referenceKind: ReferencedKind;
  readonly writtenName: string;
  readonly renamedTo: string;
  readonly generator?: { readonly uri: string; readonly field: GeneratorField; readonly name: string };
}

/** The diagnostic's data; the generator fields count only when all three are there and agree with the kind. */
export function readKustomizeData(diagnostic: Diagnostic): KustomizeFixData | undefined {
  const base = readData(diagnostic, { root: 'string', referenceKind: 'string', writtenName: 'string', renamedTo: 'string' });
  if (!base || (base.referenceKind !== 'Secret' && base.referenceKind !== 'ConfigMap')) return undefined;
  const referenceKind: ReferencedKind = base.referenceKind;
  const generator = readData(diagnostic, { generatorUri: 'string', generatorField: 'string', generatorName: 'string' });
  const field = referenceKind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
  return {
    ...base,
    referenceKind,
    generator: generator?.generatorField === field ? { uri: generator.generatorUri, field, name: generator.generatorName } : undefined,
  };
}

export function kustomizeFixes(file: IndexedFile, diagnostic: Diagnostic, context: ServiceContext): CodeAction[] {
  const data = readKustomizeData(diagnostic);
  if (!data) return [];
  return [...configurationActions(file, diagnostic, data, context), ...hashActions(diagnostic, data, context)];
}

// ---- (a) configurations: ----

function configurationActions(file: IndexedFile, diagnostic: Diagnostic, data: KustomizeFixData, context: ServiceContext): CodeAction[] {
  const root = kustomizationAt(data.root, context);
  if (!root) return [];
  const listed = root.value.configurations;
  const entries = Array.isArray(listed) ? listed.filter((e): e is string => typeof e === 'string') : [];
  if (alreadyTaught(root.file.uri, entries, neededFields(file, diagnostic, data.referenceKind), context)) return [];

  const dir = dirnameUri(root.file.uri).replace(/\/?$/, '/');
  let name = `${CONFIGURATION_STEM}.yaml`;
  for (let n = 2; context.index.hasFile(dir + name) || entries.includes(name); n++) name = `${CONFIGURATION_STEM}-${n}.yaml`;

  const edit = addConfiguration(root, name);
  if (!edit || !holds(root, edit, (value) => Array.isArray(value.configurations) && value.configurations.includes(name))) return [];
  const created = createFile(dir + name, nameReferenceConfiguration(eolOf(root.file.yaml!.text)));
  return [
    {
      title: `Teach kustomize the Gateway API reference fields (configurations: in ${workspaceRelative(root.file.uri, context.index.roots)})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { documentChanges: [...created.documentChanges!, ...editFile(root.file.uri, [edit]).documentChanges!] },
    },
  ];
}

/**
 * The fields the reference needs: the table's field under the diagnostic (its object's kind, its path), or every
 * field of the referenced kind when the diagnostic's place cannot be read.
 */
function neededFields(file: IndexedFile, diagnostic: Diagnostic, kind: ReferencedKind): NameReferenceField[] {
  const all = GATEWAY_API_NAME_REFERENCES.filter((f) => f.referenceKind === kind);
  const yaml = file.yaml;
  if (!yaml) return all;
  const offset = yaml.lines.offsetAt(diagnostic.range.start);
  const at = documentAtOffset(yaml.segments, offset);
  const object = at?.document.value;
  const hit = at ? nodeAtOffset(at.document.doc, offset - at.segmentOffset) : undefined;
  if (!isRecord(object) || !hit) return all;
  const keys = `${hit.path.filter((s) => typeof s === 'string').join('/')}/`;
  const found = all.filter((f) => f.kind === object.kind && keys.startsWith(f.path.replace(/name$/, '')));
  return found.length > 0 ? found : all;
}

/** Whether the configurations the kustomization already names (those the index holds) teach every needed field. */
function alreadyTaught(rootUri: string, entries: readonly string[], needed: readonly NameReferenceField[], context: ServiceContext): boolean {
  const dir = path.dirname(uriToPath(rootUri));
  const values = entries.flatMap((entry) => {
    const yaml = context.index.getFile(pathToUri(path.resolve(dir, entry)))?.yaml;
    return yaml ? yaml.segments.flatMap((s) => s.parse.documents.map((d) => d.value)) : [];
  });
  return needed.every((field) => values.some((value) => teaches(value, field)));
}

function teaches(configuration: unknown, field: NameReferenceField): boolean {
  if (!isRecord(configuration) || !Array.isArray(configuration.nameReference)) return false;
  return configuration.nameReference.some(
    (ref) =>
      isRecord(ref) &&
      ref.kind === field.referenceKind &&
      Array.isArray(ref.fieldSpecs) &&
      ref.fieldSpecs.some((spec) => isRecord(spec) && spec.kind === field.kind && spec.path === field.path && (spec.group === undefined || spec.group === field.group)),
  );
}

/** The insertion that lists `name` under `configurations:` (a new key at the end when there is none). */
function addConfiguration(root: Kustomization, name: string): TextEdit | undefined {
  const { text } = root.file.yaml!;
  const eol = eolOf(text);
  const dash = indentsSequences(text) ? '  - ' : '- ';
  const pair = pairOf(root.map, 'configurations');
  if (!pair) {
    const keyIndent = ' '.repeat(root.column(root.offset + rangeOf(root.map)!.start));
    const prefix = text.length > 0 && !/[\r\n]$/.test(text) ? eol : '';
    return insert(root, text.length, `${prefix}${keyIndent}configurations:${eol}${keyIndent}${dash}${name}${eol}`);
  }
  const value = pair.value;
  if (isSeq(value) && value.flow) {
    // `[a, b]`: before the closing bracket, in the flow style already there.
    const end = root.offset + rangeOf(value)!.end;
    const close = text.lastIndexOf(']', end - 1);
    if (close < root.offset + rangeOf(value)!.start) return undefined;
    return insert(root, close, `${value.items.length > 0 ? ', ' : ''}${name}`);
  }
  if (isSeq(value)) {
    const last = rangeOf(value.items[value.items.length - 1]);
    const indent = last && root.itemIndent(root.offset + last.start);
    if (!last || indent === undefined) return undefined;
    const at = root.lineAfter(root.offset + last.end);
    return insert(root, at.offset, `${at.prefix}${indent}- ${name}${eol}`);
  }
  // `configurations:` with nothing after it.
  if (isScalar(value) && value.value === null) {
    const key = rangeOf(pair.key)!;
    const at = root.lineAfter(root.offset + key.end);
    return insert(root, at.offset, `${at.prefix}${' '.repeat(root.column(root.offset + key.start))}${dash}${name}${eol}`);
  }
  return undefined;
}

// ---- (b) generator hash ----

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function hashActions(diagnostic: Diagnostic, data: KustomizeFixData, context: ServiceContext): CodeAction[] {
  const generator = data.generator;
  // Only when the hash alone explains the rename: a prefix or suffix would still leave the reference behind.
  if (!generator || !new RegExp(`^${escapeRegExp(data.writtenName)}-[a-z0-9]{10}$`).test(data.renamedTo)) return [];
  const kustomization = kustomizationAt(generator.uri, context);
  const list = kustomization && pairOf(kustomization.map, generator.field)?.value;
  if (!kustomization || !isSeq(list)) return [];
  const entries = list.items.filter((item): item is YAMLMap => isMap(item) && scalarValue(pairOf(item, 'name')?.value) === generator.name);
  if (entries.length !== 1) return [];
  const edit = disableHash(kustomization, entries[0]!);
  const disabled = (value: Record<string, unknown>): boolean => {
    const listed = value[generator.field];
    const entry = Array.isArray(listed) ? listed.find((e) => isRecord(e) && e.name === generator.name) : undefined;
    return isRecord(entry) && isRecord(entry.options) && entry.options.disableNameSuffixHash === true;
  };
  if (!edit || !holds(kustomization, edit, disabled)) return [];
  return [
    {
      title: `Turn off the name hash of ${generator.field} ${generator.name}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: false,
      edit: editFile(kustomization.file.uri, [edit]),
    },
  ];
}

/** The edit that sets `options.disableNameSuffixHash: true` on a generator entry. */
function disableHash(k: Kustomization, entry: YAMLMap): TextEdit | undefined {
  const options = pairOf(entry, 'options');
  if (!options) {
    if (entry.flow) return beforeClosing(k, entry, 'options: {disableNameSuffixHash: true}');
    return addBlockKeys(k, entry, ['options:', '  disableNameSuffixHash: true']);
  }
  const value = options.value;
  if (isMap(value)) {
    const existing = pairOf(value, 'disableNameSuffixHash');
    if (existing) {
      // `disableNameSuffixHash: false` (or anything not true): the value becomes `true`.
      const range = rangeOf(existing.value);
      if (!isScalar(existing.value) || !range || range.end <= range.start) return undefined;
      return { range: { start: k.position(k.offset + range.start), end: k.position(k.offset + range.end) }, newText: 'true' };
    }
    return value.flow ? beforeClosing(k, value, 'disableNameSuffixHash: true') : addBlockKeys(k, value, ['disableNameSuffixHash: true']);
  }
  if (isScalar(value) && value.value === null) {
    const key = rangeOf(options.key)!;
    const at = k.lineAfter(k.offset + key.end);
    const indent = ' '.repeat(k.column(k.offset + key.start) + 2);
    return insert(k, at.offset, `${at.prefix}${indent}disableNameSuffixHash: true${eolOf(k.file.yaml!.text)}`);
  }
  return undefined;
}

/** New keys after a block map's last line, at the indentation of its keys. */
function addBlockKeys(k: Kustomization, map: YAMLMap, lines: readonly string[]): TextEdit | undefined {
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  const start = first && rangeOf(first.key);
  const end = last && (rangeOf(last.value) ?? rangeOf(last.key));
  if (!start || !end) return undefined;
  const indent = ' '.repeat(k.column(k.offset + start.start));
  const eol = eolOf(k.file.yaml!.text);
  const at = k.lineAfter(k.offset + end.end);
  return insert(k, at.offset, at.prefix + lines.map((line) => indent + line + eol).join(''));
}

/** `item` before the `}` of a flow map, after a comma when the map has items. */
function beforeClosing(k: Kustomization, map: YAMLMap, item: string): TextEdit | undefined {
  const range = rangeOf(map)!;
  const close = k.file.yaml!.text.lastIndexOf('}', k.offset + range.end - 1);
  if (close < k.offset + range.start) return undefined;
  return insert(k, close, `${map.items.length > 0 ? ', ' : ''}${item}`);
}

// ---- the kustomization file ----

interface Kustomization {
  readonly file: IndexedFile;
  readonly map: YAMLMap;
  readonly value: Record<string, unknown>;
  /** The segment's offset in the file: node ranges are relative to it. */
  readonly offset: number;
  column(offset: number): number;
  position(offset: number): { line: number; character: number };
  /** The indentation before a block sequence item's `- `, or undefined when its line is laid out otherwise. */
  itemIndent(offset: number): string | undefined;
  /** Where a line after the one holding `offset` starts (and the line break it needs when the file ends there). */
  lineAfter(offset: number): { offset: number; prefix: string };
}

/** A kustomization the index holds, of one clean document whose top level is a map; the fixes edit nothing else. */
function kustomizationAt(uri: string, context: ServiceContext): Kustomization | undefined {
  const file = context.index.getFile(uri);
  const yaml = file?.yaml;
  if (!file || !yaml || file.kind.kind !== 'kustomization') return undefined;
  const documents = yaml.segments.flatMap((segment) => segment.parse.documents.map((document) => ({ document, offset: segment.offset })));
  if (documents.length !== 1) return undefined;
  const { document, offset } = documents[0]!;
  const map = document.doc.contents;
  if (document.problems.length > 0 || document.doc.errors.length > 0 || !isMap(map) || !isRecord(document.value)) return undefined;
  const { text, lines } = yaml;
  return {
    file,
    map,
    value: document.value,
    offset,
    column: (at) => lines.positionAt(at).character,
    position: (at) => lines.positionAt(at),
    itemIndent: (at) => {
      const lineStart = lines.offsetAt({ line: lines.positionAt(at).line, character: 0 });
      return /^( *)- +$/.exec(text.slice(lineStart, at))?.[1];
    },
    lineAfter: (at) => {
      const position = lines.positionAt(at);
      // A node that ends at a line start (a block scalar keeps its line break) is followed right there.
      if (position.character === 0 && at > 0) return { offset: at, prefix: '' };
      if (position.line + 1 >= lines.lineCount) return { offset: text.length, prefix: eolOf(text) };
      return { offset: lines.offsetAt({ line: position.line + 1, character: 0 }), prefix: '' };
    },
  };
}

function insert(k: Kustomization, offset: number, newText: string): TextEdit {
  const position = k.position(offset);
  return { range: { start: position, end: position }, newText };
}

/** Applies the edit to the kustomization's text and keeps it only when the result parses cleanly and `check` holds. */
function holds(k: Kustomization, edit: TextEdit, check: (value: Record<string, unknown>) => boolean): boolean {
  const { text, lines } = k.file.yaml!;
  const edited = text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
  try {
    const documents = parseAllDocuments(loneCrAsLf(edited), PARSE_OPTIONS);
    if (!Array.isArray(documents) || documents.length !== 1 || documents[0]!.errors.length > 0) return false;
    const value: unknown = documents[0]!.toJS({ maxAliasCount: 100 });
    return isRecord(value) && check(value);
  } catch {
    return false;
  }
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item) => keyText(item.key) === key);
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** The path shown in a title: relative to the workspace folder holding it, else the file name. */
function workspaceRelative(uri: string, roots: readonly string[]): string {
  const filePath = uriToPath(uri);
  for (const root of roots) {
    const relative = path.relative(path.resolve(root), filePath);
    if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  }
  return path.basename(filePath);
}
