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

/** Why a file was not checked: deliberately (the last four) or because it could not be read. */
export type SkippedReason = 'unreadable' | 'too-large' | 'binary' | 'excluded' | 'helm-template';

export interface SkippedFile {
  /** Relative to the working directory, with forward slashes, like a diagnostic's `file` (a directory for an unreadable one). */
  readonly file: string;
  readonly reason: SkippedReason;
  /** The system's error for an unreadable file (`EACCES: permission denied`), else why it was skipped. */
  readonly detail: string;
}

export interface Report {
  readonly diagnostics: readonly ReportedDiagnostic[];
  readonly filesChecked: number;
  /** Every file (or directory) not checked, sorted by file. */
  readonly skipped: readonly SkippedFile[];
  /**
   * Findings withheld because some files could not be read: the ones that assert something is absent from the
   * workspace (a missing Secret, a missing grant, ...), which an unread file may well hold. 0 when all was read.
   */
  readonly withheld: number;
}

/** The files and directories that should have been checked but could not be read. */
export function unreadableOf(report: Report): SkippedFile[] {
  return report.skipped.filter((s) => s.reason === 'unreadable');
}
