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
  /** Whether Kustomize roots were built (absent: the caller did not say; the CLI always does). */
  readonly kustomize?: KustomizeStatus;
}

/**
 * Kustomize builds in this run. `builds`: kustomize v4+ was found and every root kustomization in the checked paths
 * was built (`tool` says which kustomize). `files`: files were checked as written; `reason` says why nothing was
 * built, present only when there were kustomizations to build.
 */
export interface KustomizeStatus {
  readonly mode: 'builds' | 'files';
  /** Root kustomizations (ones no other kustomization includes) under the checked paths. */
  readonly roots: number;
  readonly rootsBuilt: number;
  readonly rootsFailed: number;
  /** builds only: e.g. `kubectl kustomize (kustomize v5.5.0)`. */
  readonly tool?: string;
  /** files only, when there are roots: why they were not built (`--kustomize=off`, or what detection found). */
  readonly reason?: string;
}

/** The files and directories that should have been checked but could not be read. */
export function unreadableOf(report: Report): SkippedFile[] {
  return report.skipped.filter((s) => s.reason === 'unreadable');
}
