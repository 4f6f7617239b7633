// The CLI's JSON contract (spec/diagnostics.md): `{ version: 1, diagnostics: [...] }`, plus `skipped`: every file
// not checked, `{ file, reason, detail }` (reason unreadable, too-large, binary, excluded or helm-template).
import type { Report } from './types';

export function formatJson(report: Report): string {
  const diagnostics = report.diagnostics.map(({ file, line, column, endLine, endColumn, severity, code, message }) => ({
    file, line, column, endLine, endColumn, severity, code, message,
  }));
  const skipped = report.skipped.map(({ file, reason, detail }) => ({ file, reason, detail }));
  return JSON.stringify({ version: 1, diagnostics, skipped }, null, 2) + '\n';
}
