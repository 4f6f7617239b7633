// ESLint-like text: one line per problem (`file:line:col  severity  message  code`), then a summary.
import type { Report } from './types';

const SKIP_LABELS: Record<string, string> = {
  'helm-template': 'Helm template',
  'too-large': 'too large',
  binary: 'binary',
  excluded: 'excluded',
  unreadable: 'unreadable',
};

export function formatText(report: Report): string {
  const lines = report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.code}`);
  const count = (s: string) => report.diagnostics.filter((d) => d.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const others = report.diagnostics.length - errors - warnings;
  const problems = report.diagnostics.length;
  const summary =
    problems === 0
      ? `✔ no problems`
      : `✖ ${problems} problem${problems === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${others ? `, ${others} info/hint` : ''})`;
  const skipped = Object.entries(report.skipped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${SKIP_LABELS[reason] ?? reason}`);
  const files = `checked ${report.filesChecked} file${report.filesChecked === 1 ? '' : 's'}${skipped.length ? `, skipped ${skipped.join(', ')}` : ''}`;
  return [...lines, ...(lines.length ? [''] : []), summary, files, ''].join('\n');
}
