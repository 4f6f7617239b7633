// BackendTLSPolicy fixes beyond the migration: drop the wildcard from `hostname`, keep one CA source when both are
// set, and write the core CA ref kind or group. Field names come from the rule's data (they differ by version).
import { isScalar, parse, Scalar, stringify } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { IndexedFile } from '../../workspace/index';
import { readData } from './data';
import { deleteKeyEdit } from './deleteKey';
import { samePath } from '../cursor';
import { policyAt } from './policyAt';
import { replacementHolds } from './verifyEdit';
import { editFile } from './workspaceEdits';

/** `*.example.com` → `example.com`, in the quote style the value was written in. */
export function hostnameFixes(file: IndexedFile, diagnostic: Diagnostic): CodeAction[] {
  const at = policyAt(file, diagnostic.range.start);
  const blockPath = at?.view.blockPath;
  if (!at || !blockPath || !samePath(at.path, [...blockPath, 'hostname']) || at.part !== 'value' || !isScalar(at.node)) return [];
  const hostname = at.view.hostname;
  if (hostname === undefined || !/^\*\.[^*]+$/.test(hostname)) return [];
  const newText = sameStyle(hostname.slice(2), at.node);
  if (!replacementHolds(file, diagnostic.range, newText, hostname.slice(2))) return [];
  return [quickFix('Remove the wildcard', diagnostic, true, file.uri, [{ range: diagnostic.range, newText }])];
}

/** Both CA sources set: one fix per source to keep; the other key goes with all its lines. */
export function caConflictFixes(file: IndexedFile, diagnostic: Diagnostic): CodeAction[] {
  const keep = readData(diagnostic, { keep: 'string[]' })?.keep;
  const at = policyAt(file, diagnostic.range.start);
  const blockPath = at?.view.blockPath;
  if (!keep || keep.length !== 2 || !at || !blockPath || !file.yaml) return [];
  const [caRefs, wellKnown] = keep as [string, string];
  return [[caRefs, wellKnown], [wellKnown, caRefs]].flatMap(([kept, removed]) => {
    const edit = deleteKeyEdit(file.yaml!, at.view.object, [...blockPath, removed!]);
    // Neither is preferred: which CA to trust is the user's decision, never an automatic one.
    return edit ? [quickFix(`Keep ${kept} (remove ${removed})`, diagnostic, false, file.uri, [edit])] : [];
  });
}

/** A CA ref that is not a core ConfigMap: "Change kind to ConfigMap" or "Change group to """. */
export function caRefKindFixes(file: IndexedFile, diagnostic: Diagnostic): CodeAction[] {
  const replacement = readData(diagnostic, { replacement: 'string' })?.replacement;
  const at = policyAt(file, diagnostic.range.start);
  const field = at?.path?.[at.path.length - 1];
  if (replacement === undefined || !at || at.part !== 'value' || !isScalar(at.node) || (field !== 'kind' && field !== 'group')) return [];
  if (!at.view.caRefs.some((ref) => samePath(at.path, [...ref.path, field]))) return [];
  // The rule writes the replacement as YAML (`""` for the core group): read it, then write it back properly.
  const value = String(parse(replacement) ?? '');
  const newText = sameStyle(value, at.node);
  if (!replacementHolds(file, diagnostic.range, newText, value)) return [];
  return [quickFix(`Change ${field} to ${newText}`, diagnostic, true, file.uri, [{ range: diagnostic.range, newText }])];
}

function quickFix(title: string, diagnostic: Diagnostic, isPreferred: boolean, uri: string, edits: Parameters<typeof editFile>[1]): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: editFile(uri, edits) };
}

/** A value as a YAML scalar in the original's quote style (plain stays plain unless the value needs quotes). */
function sameStyle(value: string, original: Scalar): string {
  const type = original.type === Scalar.QUOTE_DOUBLE || original.type === Scalar.QUOTE_SINGLE ? original.type : Scalar.PLAIN;
  return stringify(value, { defaultStringType: type, lineWidth: 0 }).trimEnd();
}
