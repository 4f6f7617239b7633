// Shared test helpers: run the language service over inline YAML and find places in it by text.
import type { Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageService } from '../../server/src/languageService';

export const TEST_URI = 'file:///workspace/test.yaml';

/** A fresh service holding the given files (path → text; paths are relative to /workspace). */
export function serviceWith(files: Record<string, string>, settings?: unknown): LanguageService {
  const service = getLanguageService({ settings, roots: ['/workspace'], log: () => undefined });
  for (const [file, text] of Object.entries(files)) service.setDocument(`file:///workspace/${file}`, text);
  return service;
}

/** Our diagnostics always carry plain-text messages (LSP 3.18 also allows Markdown ones). */
export type PlainDiagnostic = Diagnostic & { message: string };

export function plain(diagnostics: readonly Diagnostic[]): PlainDiagnostic[] {
  for (const d of diagnostics) if (typeof d.message !== 'string') throw new Error('expected a plain-text message');
  return diagnostics as PlainDiagnostic[];
}

/** Diagnostics of a single inline document. */
export function diagnose(yaml: string, settings?: unknown): PlainDiagnostic[] {
  return plain(serviceWith({ 'test.yaml': yaml }, settings).doValidation(TEST_URI));
}

export function withCode<D extends Diagnostic>(diagnostics: readonly D[], code: string): D[] {
  return diagnostics.filter((d) => d.code === code);
}

/** 0-based line of the first line containing `needle` (after the `from`-th match), for asserting ranges. */
export function lineOf(text: string, needle: string, occurrence = 0): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes(needle)) {
      if (seen === occurrence) return i;
      seen++;
    }
  }
  throw new Error(`"${needle}" not found`);
}

/** The exact text a diagnostic underlines. */
export function underlined(text: string, diagnostic: Diagnostic): string {
  const lines = text.split('\n');
  const { start, end } = diagnostic.range;
  if (start.line === end.line) return lines[start.line]!.slice(start.character, end.character);
  return [lines[start.line]!.slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line]!.slice(0, end.character)].join('\n');
}
