// Fixes that rewrite the one value a diagnostic underlines: a Secret name to a near name that exists, a protocol
// to its core spelling. The diagnostic's range is exactly that value (the rules put it there).
import { stringify } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { IndexedFile } from '../../workspace/index';
import { readData } from './data';

export function secretNameFixes(file: IndexedFile, diagnostic: Diagnostic): CodeAction[] {
  const suggestions = readData(diagnostic, { suggestions: 'string[]' })?.suggestions ?? [];
  // Suggestions come best first: the first is the preferred fix.
  return suggestions.map((name, i) => replaceAction(file, diagnostic, `Change to ${name}`, name, i === 0));
}

export function protocolFixes(file: IndexedFile, diagnostic: Diagnostic): CodeAction[] {
  const replacement = readData(diagnostic, { replacement: 'string' })?.replacement;
  return replacement ? [replaceAction(file, diagnostic, `Change protocol to ${replacement}`, replacement, true)] : [];
}

function replaceAction(file: IndexedFile, diagnostic: Diagnostic, title: string, value: string, isPreferred: boolean): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred,
    edit: { changes: { [file.uri]: [{ range: diagnostic.range, newText: scalarText(value) }] } },
  };
}

/** A string as a YAML scalar, quoted only when plain text would read as something else (`123`, `true`). */
export function scalarText(value: string): string {
  return stringify(value).trimEnd();
}
