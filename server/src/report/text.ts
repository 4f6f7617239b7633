// ESLint-like text: one line per problem (`file:line:col  severity  message  code`), then a summary, what Kustomize
// builds did (when there are kustomizations), and when some files could not be read, which ones (a few, then a
// count) and that the result is incomplete.
import { unreadableOf, type Report } from './types';

const SKIP_LABELS: Record<string, [string, string]> = {
  'helm-template': ['Helm template', 'Helm templates'],
  'too-large': ['too large', 'too large'],
  binary: ['binary', 'binary'],
  excluded: ['excluded', 'excluded'],
};
/** Unreadable files named in the summary; the rest are counted. */
const NAMED = 3;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Control characters (C0 but tab, DEL, C1) as visible escapes: a YAML value (`"\e]0;…\a"`) or a file name with a
 * line break must not reach a terminal raw, where it could retitle the window, recolour the output or fake a line
 * a CI log parser reads as a finding or a success.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => NAMED_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

export function formatText(report: Report): string {
  const e = escapeControl;
  const lines = report.diagnostics.map((d) => `${e(d.file)}:${d.line}:${d.column}  ${d.severity}  ${e(d.message)}  ${e(d.code)}`);
  const count = (s: string) => report.diagnostics.filter((d) => d.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const others = report.diagnostics.length - errors - warnings;
  const problems = report.diagnostics.length;
  const summary =
    problems === 0
      ? `✔ no problems`
      : `✖ ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}${others ? `, ${others} info/hint` : ''})`;
  const counts = new Map<string, number>();
  for (const s of report.skipped) if (s.reason !== 'unreadable') counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const skipped = [...counts].map(([reason, n]) => {
    const [one, many] = SKIP_LABELS[reason] ?? [escapeControl(reason), escapeControl(reason)];
    return plural(n, one, many);
  });
  const files = `checked ${plural(report.filesChecked, 'file')}${skipped.length ? `, skipped ${skipped.join(', ')}` : ''}`;
  return [...lines, ...(lines.length ? [''] : []), summary, files, ...kustomizeLines(report), ...incompleteLines(report), ''].join('\n');
}

/**
 * `kustomize: 12 roots built, 1 failed (kubectl kustomize (kustomize v5.5.0))` (the failures are also diagnostics),
 * or once, why the kustomizations were checked as written; nothing when there are none.
 */
function kustomizeLines(report: Report): string[] {
  const k = report.kustomize;
  if (!k || k.roots === 0) return [];
  if (k.mode === 'builds') {
    return [`kustomize: ${plural(k.rootsBuilt, 'root')} built, ${k.rootsFailed} failed${k.tool ? ` (${escapeControl(k.tool)})` : ''}`];
  }
  if (k.reason === undefined) return [];
  // Detection's reasons are sentences of their own ("Kustomize builds are off (auto-detect): …"): said once.
  const reason = k.reason.replace(/^Kustomize builds are off(?= \(|:)/, '');
  return [`Kustomize builds not checked${reason.startsWith(' (') || reason.startsWith(':') ? '' : ': '}${escapeControl(reason)}`];
}

/** `✖ could not read 3 files: a.yaml (EACCES: permission denied), …` and what that means for the result. */
function incompleteLines(report: Report): string[] {
  const unreadable = unreadableOf(report);
  if (unreadable.length === 0) return [];
  const named = unreadable.slice(0, NAMED).map((s) => `${escapeControl(s.file)} (${escapeControl(s.detail)})`);
  const rest = unreadable.length - named.length;
  const what = unreadable.some((s) => s.file.endsWith('/')) ? 'files or directories' : unreadable.length === 1 ? 'file' : 'files';
  const withheld = report.withheld
    ? `; ${plural(report.withheld, 'finding')} that something is missing (a Secret, a ReferenceGrant, …) withheld, since the unread files may hold it`
    : '';
  return [
    `✖ could not read ${unreadable.length} ${what}: ${named.join(', ')}${rest > 0 ? `, and ${rest} more` : ''}`,
    `the result is incomplete${withheld}`,
  ];
}
