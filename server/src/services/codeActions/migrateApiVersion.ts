// "Migrate to <kind> <apiVersion>" for the deprecations whose fields did not change (TLSRoute, XListenerSet):
// rewrite apiVersion, and kind when it was renamed. The rule put the target in the diagnostic's `data`.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { documentAtOffset, locate } from '../../parser/locate';
import type { IndexedFile } from '../../workspace/index';
import { readData } from './data';
import { scalarText } from './replaceValue';

export function apiVersionFixes(file: IndexedFile, diagnostic: Diagnostic): CodeAction[] {
  const target = readData(diagnostic, { apiVersion: 'string', kind: 'string' });
  const yaml = file.yaml;
  if (!target || !yaml) return [];
  const at = documentAtOffset(yaml.segments, yaml.lines.offsetAt(diagnostic.range.start));
  if (!at) return [];
  const edits: TextEdit[] = [];
  for (const [key, value] of [['apiVersion', target.apiVersion], ['kind', target.kind]] as const) {
    const found = locate(at.document.doc, [key], 'value');
    if (!found?.exact) return [];
    const current = yaml.text.slice(at.segmentOffset + found.range.start, at.segmentOffset + found.range.end);
    if (current === value) continue;
    edits.push({ range: yaml.lines.range(at.segmentOffset + found.range.start, at.segmentOffset + found.range.end), newText: scalarText(value) });
  }
  if (edits.length === 0) return [];
  return [{ title: `Migrate to ${target.kind} ${target.apiVersion}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [file.uri]: edits } } }];
}
