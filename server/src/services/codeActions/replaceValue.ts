// Fixes that rewrite the one value a diagnostic underlines: a Secret name to a near name that exists, a protocol
// to its core spelling. The diagnostic's range is exactly that value (the rules put it there). A fix is offered only
// when the replacement is a valid value for the field and the edited document still parses (verifyEdit.ts).
import { stringify } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { IndexedFile } from '../../workspace/index';
import { readData } from './data';
import { replacementHolds } from './verifyEdit';

/**
 * An object name as Kubernetes accepts it for Secrets, ConfigMaps and Services: an RFC 1123 subdomain (lower-case
 * alphanumerics, `-` and `.`, starting and ending alphanumeric, at most 253 characters). Anything else in the
 * workspace (a multi-line value, a pasted key, a name with spaces) is no name to suggest.
 */
const RFC1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isObjectName(name: string): boolean {
  return name.length <= 253 && RFC1123_SUBDOMAIN.test(name);
}

export function secretNameFixes(file: IndexedFile, diagnostic: Diagnostic): CodeAction[] {
  const suggestions = (readData(diagnostic, { suggestions: 'string[]' })?.suggestions ?? []).filter(isObjectName);
  // Suggestions come best first: the first is the preferred fix.
  const actions = suggestions.flatMap((name) => replaceAction(file, diagnostic, `Change to ${name}`, name, false));
  return actions.map((action, i) => ({ ...action, isPreferred: i === 0 }));
}

export function protocolFixes(file: IndexedFile, diagnostic: Diagnostic): CodeAction[] {
  const replacement = readData(diagnostic, { replacement: 'string' })?.replacement;
  return replacement ? replaceAction(file, diagnostic, `Change protocol to ${replacement}`, replacement, true) : [];
}

function replaceAction(file: IndexedFile, diagnostic: Diagnostic, title: string, value: string, isPreferred: boolean): CodeAction[] {
  const newText = scalarText(value);
  if (!replacementHolds(file, diagnostic.range, newText, value)) return [];
  return [{
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred,
    edit: { changes: { [file.uri]: [{ range: diagnostic.range, newText }] } },
  }];
}

/** A string as a YAML scalar, quoted only when plain text would read as something else (`123`, `true`). */
export function scalarText(value: string): string {
  return stringify(value).trimEnd();
}
