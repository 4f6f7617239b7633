// The CLI's JSON contract (spec/diagnostics.md): `{ version: 1, diagnostics: [...] }`.
import type { Report } from './types';

export function formatJson(report: Report): string {
  const diagnostics = report.diagnostics.map(({ file, line, column, endLine, endColumn, severity, code, message }) => ({
    file, line, column, endLine, endColumn, severity, code, message,
  }));
  return JSON.stringify({ version: 1, diagnostics }, null, 2) + '\n';
}
