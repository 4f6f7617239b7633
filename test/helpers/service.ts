// Shared test helpers: run the language service over inline YAML and find places in it by text.
import { strict as assert } from 'node:assert';
import type { CompletionItem, Diagnostic, Hover, Location, Position } from 'vscode-languageserver-types';
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

/** A hover's Markdown; fails unless there is a hover with Markdown content. */
export function hoverMarkdown(hover: Hover | null | undefined): string {
  assert.ok(hover, 'expected a hover');
  const contents = hover.contents;
  assert.ok(typeof contents === 'object' && !Array.isArray(contents) && 'kind' in contents, `expected MarkupContent, got ${JSON.stringify(contents)}`);
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

/** `marked` without its `|` cursor marker, and the marker's position. */
export function cursorAt(marked: string): { text: string; position: Position } {
  const at = marked.indexOf('|');
  assert.ok(at >= 0, 'no | cursor marker');
  const before = marked.slice(0, at).split('\n');
  return { text: marked.slice(0, at) + marked.slice(at + 1), position: { line: before.length - 1, character: before[before.length - 1]!.length } };
}

/** Completion at the `|` of `marked`, written to `file` in a workspace that also holds `files`. */
export function completeAt(marked: string, file: string, files: Record<string, string> = {}, settings?: unknown): CompletionItem[] {
  const { text, position } = cursorAt(marked);
  return serviceWith({ ...files, [file]: text }, settings).doComplete(`file:///workspace/${file}`, position).items;
}

/** Completion labels in the order an editor shows them (by sortText). */
export function sortedLabels(items: readonly CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

/** The completion item labelled `label`; fails if there is none. */
export function itemLabeled(items: readonly CompletionItem[], label: string): CompletionItem {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no ${label} completion among ${items.map((i) => i.label).join(', ')}`);
  return found;
}

/** What each location (in `files`, one line each) covers, as `file:line:text` with 1-based lines. */
export function covered(files: Record<string, string>, locations: readonly Location[]): string[] {
  const root = 'file:///workspace/';
  return locations.map((l) => {
    const file = l.uri.slice(root.length);
    const lines = files[file]!.split('\n');
    assert.equal(l.range.start.line, l.range.end.line);
    return `${file}:${l.range.start.line + 1}:${lines[l.range.start.line]!.slice(l.range.start.character, l.range.end.character)}`;
  });
}

/** The only `schema` diagnostic of a single inline document, after checking it is an error. */
export function onlySchemaError(yaml: string): PlainDiagnostic {
  const found = withCode(diagnose(yaml), 'schema');
  assert.equal(found.length, 1, `expected one schema diagnostic, got ${JSON.stringify(found.map((d) => d.message), null, 1)}`);
  assert.equal(found[0]!.severity, 1);
  return found[0]!;
}
