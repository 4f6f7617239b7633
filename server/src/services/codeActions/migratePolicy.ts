// "Migrate BackendTLSPolicy to v1" on `api-version-deprecated`: one edit that rewrites the policy's document (its
// leading comments and `---` included, as the `yaml` library writes them back) with the AST migration of
// policyMigration.ts. The indentation of the original is measured so the rewrite does not restyle the file.
import { isMap, isPair, isSeq, type Document } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { rangeOf } from '../../parser/locate';
import type { IndexedFile } from '../../workspace/index';
import { policyAt } from './policyAt';
import { migratePolicyDocument, type Layout } from './policyMigration';
import { editFile, eolOf } from './workspaceEdits';

export function migrationFixes(file: IndexedFile, diagnostic: Diagnostic): CodeAction[] {
  const yaml = file.yaml;
  const at = policyAt(file, diagnostic.range.start);
  if (!yaml || !at || at.view.version === 'v1') return [];
  const object = at.view.object;
  const segment = yaml.segments.find((s) => s.offset === object.source.segmentOffset);
  const doc = object.source.document.doc;
  if (!segment || doc.errors.length > 0) return [];
  const text = segment.parse.text;
  const migrated = migratePolicyDocument(doc, at.view.version, layoutOf(doc, text));
  if (migrated === undefined) return [];
  // The document's own range when a segment holds several (`...`); else the whole segment. Trailing blank lines
  // and the line break before the next `---` stay as they are.
  const single = segment.parse.documents.length === 1;
  const start = single ? 0 : (doc.range[0] ?? 0);
  let end = single ? text.length : doc.range[2];
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const eol = eolOf(yaml.text);
  const newText = migrated.trimEnd().replace(/\n/g, eol);
  // v1 has no target namespace: say so when the migration changes which Service the policy selects.
  const foreign = at.view.targets.find((t) => t.namespace !== undefined && t.namespace !== (object.namespace ?? 'default'))?.namespace;
  return [{
    title: foreign ? `Migrate BackendTLSPolicy to v1 (drops targetRef.namespace ${foreign}: v1 targets live in the policy's namespace)` : 'Migrate BackendTLSPolicy to v1',
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: editFile(file.uri, [{ range: yaml.lines.range(segment.offset + start, segment.offset + end), newText }]),
  }];
}

/** The indentation of the first nested block map, and whether block sequences sit indented under their key. */
function layoutOf(doc: Document.Parsed, text: string): Layout {
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0 && (indent === undefined || indentSeq === undefined)) {
    const node = stack.shift();
    if (!isMap(node) || node.flow) continue;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyStart = rangeOf(pair.key)?.start;
      const value = pair.value;
      const first = isMap(value) || isSeq(value) ? value.items[0] : undefined;
      const firstStart = rangeOf(isPair(first) ? first.key : first)?.start;
      if (keyStart === undefined || firstStart === undefined || (isMap(value) || isSeq(value) ? value.flow : true)) {
        if (isMap(value)) stack.push(value);
        continue;
      }
      if (isMap(value)) {
        indent ??= column(text, firstStart) - column(text, keyStart);
        stack.push(value);
      } else if (isSeq(value)) {
        // The item starts after its dash: find the dash on the item's line.
        const dash = text.lastIndexOf('-', firstStart);
        indentSeq ??= column(text, dash) > column(text, keyStart);
        for (const item of value.items) stack.push(item);
      }
    }
  }
  return { indent: indent !== undefined && indent > 0 ? indent : 2, indentSeq: indentSeq ?? true };
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
