// The CLI's JSON contract (spec/diagnostics.md): `{ version: 1, diagnostics: [...] }`, plus `skipped`: every file
// not checked, `{ file, reason, detail }` (reason unreadable, too-large, binary, excluded or helm-template), and
// `kustomize`: `{ mode: builds|files, roots, rootsBuilt, rootsFailed, tool? (builds), reason? (files, with roots) }`.
import type { KustomizeStatus, Report } from './types';

export function formatJson(report: Report): string {
  const diagnostics = report.diagnostics.map(({ file, line, column, endLine, endColumn, severity, code, message }) => ({
    file, line, column, endLine, endColumn, severity, code, message,
  }));
  const skipped = report.skipped.map(({ file, reason, detail }) => ({ file, reason, detail }));
  return JSON.stringify({ version: 1, diagnostics, skipped, ...(report.kustomize ? { kustomize: kustomizeJson(report.kustomize) } : {}) }, null, 2) + '\n';
}

/** The status with a fixed key order and no absent keys (shared with SARIF's property bag). */
export function kustomizeJson(status: KustomizeStatus): Record<string, string | number> {
  const { mode, roots, rootsBuilt, rootsFailed, tool, reason } = status;
  return { mode, ...(tool !== undefined ? { tool } : {}), roots, rootsBuilt, rootsFailed, ...(reason !== undefined ? { reason } : {}) };
}
