// Extending a grant that almost admits the reference (checkPermission's near misses). Only by appending: a new
// `from` entry for the Gateway's namespace, a new `to` entry for the Secret. Existing entries stay as they are,
// so everything the grant admitted before it still admits. Skipped: grants in another namespace (they would
// have to move, not grow), lists in flow style (`from: [{…}]`), lists that are empty or already hold the 16
// entries the schema allows, and items whose layout we cannot reproduce.
import type { Document } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { sequenceAt } from '../../parser/locate';
import type { YamlFile } from '../../parser/yamlFile';
import { checkPermission, type NearMiss, type ReferenceSpec } from '../../workspace/references';
import type { ServiceContext } from '../context';
import { entryYaml, fromEntry, secretToEntry } from './grantText';
import { editFile, eolOf } from './workspaceEdits';

/** ReferenceGrant spec.from / spec.to: maxItems 16. */
const MAX_ENTRIES = 16;

export function extendGrantActions(diagnostic: Diagnostic, spec: ReferenceSpec, context: ServiceContext): CodeAction[] {
  const permission = checkPermission(context.workspace().queries, spec);
  if (permission.kind !== 'not-permitted') return [];
  const seen = new Set<unknown>();
  return permission.nearMisses.flatMap((miss) => {
    // One grant object can be placed in several namespaces (Kustomize overlays): one fix per object.
    if (seen.has(miss.grant.view.object)) return [];
    seen.add(miss.grant.view.object);
    const action = extendAction(diagnostic, spec, miss, context);
    return action ? [action] : [];
  });
}

function extendAction(diagnostic: Diagnostic, spec: ReferenceSpec, miss: NearMiss, context: ServiceContext): CodeAction | undefined {
  const fields = miss.differences.map((d) => d.field);
  if (fields.includes('namespace')) return undefined;
  const addFrom = fields.some((f) => f.startsWith('from.'));
  const addTo = fields.some((f) => f.startsWith('to.'));
  const object = miss.grant.view.object;
  const file = context.index.getFile(object.source.uri);
  if (!file?.yaml) return undefined;

  const edits: TextEdit[] = [];
  for (const [list, entry] of [
    ['from', addFrom ? fromEntry(spec.from.namespace, spec.from) : undefined],
    ['to', addTo ? secretToEntry(spec.to.name) : undefined],
  ] as const) {
    if (!entry) continue;
    const edit = appendEntry(file.yaml, object.source.segmentOffset, object.source.document.doc, list, entry);
    if (!edit) return undefined;
    edits.push(edit);
  }
  if (edits.length === 0) return undefined;

  const grant = `ReferenceGrant ${miss.grant.namespace.namespace}/${object.name ?? '?'}`;
  // Only a wrong from.namespace is fixed by "adding a namespace"; a wrong group or kind needs an entry for the
  // referring kind (Gateway, or ListenerSet: a grant for the parent Gateway does not cover a ListenerSet).
  const fromWords = fields.every((f) => !f.startsWith('from.') || f === 'from.namespace')
    ? `Add namespace ${spec.from.namespace}`
    : `Add ${spec.from.kind}s from namespace ${spec.from.namespace}`;
  const title = addFrom && addTo
    ? `${fromWords} and allow Secret ${spec.to.name} in ${grant}`
    : addFrom
      ? `${fromWords} to ${grant}`
      : `Allow Secret ${spec.to.name} in ${grant}`;
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false, edit: editFile(file.uri, edits) };
}

/** An insertion of `entry` after the last item of `spec.<list>`, indented like that item. */
function appendEntry(yaml: YamlFile, segmentOffset: number, doc: Document.Parsed, list: 'from' | 'to', entry: Record<string, string>): TextEdit | undefined {
  const layout = sequenceAt(doc, ['spec', list]);
  if (!layout || layout.flow || layout.items.length === 0 || layout.items.length >= MAX_ENTRIES) return undefined;
  const last = layout.items[layout.items.length - 1]!;
  const text = yaml.text;
  const start = yaml.lines.positionAt(segmentOffset + last.start);
  // The text before the item on its line must be just the dash: `  - group: …`.
  const dash = /^( *)-( +)$/.exec(yaml.lines.lineText(start.line).slice(0, start.character));
  if (!dash) return undefined;
  // After the item's last character (its range may run on over trailing newlines), at the start of the next line.
  let end = segmentOffset + last.end;
  while (end > segmentOffset + last.start && /\s/.test(text[end - 1]!)) end--;
  const endLine = yaml.lines.positionAt(end).line;
  const eol = eolOf(text);
  const item = entryYaml(entry, dash[1]!.length, start.character, eol);
  if (endLine + 1 < yaml.lines.lineCount) {
    const position = { line: endLine + 1, character: 0 };
    return { range: { start: position, end: position }, newText: item };
  }
  // The item ends the file without a final newline.
  const position = yaml.lines.positionAt(text.length);
  return { range: { start: position, end: position }, newText: eol + item };
}
