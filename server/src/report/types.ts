// The CLI's report model: what was checked and what was found, independent of the output format.
import type { Severity } from '../rules/catalog';

export interface ReportedDiagnostic {
  /** Relative to the working directory, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

export interface Report {
  readonly diagnostics: readonly ReportedDiagnostic[];
  readonly filesChecked: number;
  /** Files not checked, by reason (helm-template, too-large, binary, excluded, unreadable). */
  readonly skipped: Readonly<Record<string, number>>;
}
