// What leaves the language service is shown to a person or written into a file: text shown is redacted
// (util/redact.ts), text written is never masked (a masked value would be wrong), so an item or fix that would write
// key material is not offered. Diagnostics are redacted where they are made (services/validation.ts).
import type { CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, Hover, MarkedString, MarkupContent, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { containsKeyMaterial, redact } from '../util/redact';

export function redactHover(hover: Hover | null): Hover | null {
  if (!hover) return hover;
  return { ...hover, contents: redactHoverContents(hover.contents) };
}

function redactHoverContents(contents: Hover['contents']): Hover['contents'] {
  if (Array.isArray(contents)) return contents.map(redactMarked);
  if (typeof contents === 'object' && 'kind' in contents) return { kind: contents.kind, value: redact(contents.value) } satisfies MarkupContent;
  return redactMarked(contents);
}

function redactMarked(marked: MarkedString): MarkedString {
  return typeof marked === 'string' ? redact(marked) : { language: marked.language, value: redact(marked.value) };
}

export function redactCompletions(list: CompletionList): CompletionList {
  const items = list.items.filter((item) => !writesSecret(item)).map((item): CompletionItem => {
    const out: CompletionItem = { ...item };
    if (item.detail !== undefined) out.detail = redact(item.detail);
    if (item.documentation !== undefined) {
      out.documentation = typeof item.documentation === 'string' ? redact(item.documentation) : { kind: item.documentation.kind, value: redact(item.documentation.value) };
    }
    if (item.labelDetails) {
      out.labelDetails = {
        ...(item.labelDetails.detail === undefined ? {} : { detail: redact(item.labelDetails.detail) }),
        ...(item.labelDetails.description === undefined ? {} : { description: redact(item.labelDetails.description) }),
      };
    }
    return out;
  });
  return { ...list, items };
}

function writesSecret(item: CompletionItem): boolean {
  const texts = [item.label, item.insertText, item.filterText, item.textEdit?.newText, ...(item.additionalTextEdits ?? []).map((e) => e.newText)];
  return texts.some((t) => t !== undefined && containsKeyMaterial(t));
}

export function redactCodeActions(actions: CodeAction[]): CodeAction[] {
  return actions
    .filter((action) => !action.edit || !editTexts(action.edit).some(containsKeyMaterial))
    .map((action) => ({
      ...action,
      title: redact(action.title),
      ...(action.diagnostics ? { diagnostics: action.diagnostics.map(redactDiagnostic) } : {}),
    }));
}

function editTexts(edit: WorkspaceEdit): string[] {
  const texts: string[] = [];
  const add = (edits: readonly (TextEdit | { snippet: { value: string } })[]) => texts.push(...edits.map((e) => ('newText' in e ? e.newText : e.snippet.value)));
  for (const edits of Object.values(edit.changes ?? {})) add(edits);
  for (const change of edit.documentChanges ?? []) {
    if ('edits' in change) add(change.edits);
    else texts.push(...(change.kind === 'rename' ? [change.oldUri, change.newUri] : [change.uri]));
  }
  return texts;
}

function redactDiagnostic(diagnostic: Diagnostic): Diagnostic {
  const message = typeof diagnostic.message === 'string' ? redact(diagnostic.message) : { kind: diagnostic.message.kind, value: redact(diagnostic.message.value) };
  const related = diagnostic.relatedInformation?.map((r) => ({ ...r, message: redact(r.message) }));
  return { ...diagnostic, message, ...(related ? { relatedInformation: related } : {}) };
}

export function redactCodeLenses(lenses: CodeLens[]): CodeLens[] {
  return lenses.map((lens) => (lens.command ? { ...lens, command: { ...lens.command, title: redact(lens.command.title) } } : lens));
}

export function redactSymbols(symbols: SymbolInformation[]): SymbolInformation[] {
  return symbols.map((symbol) => ({
    ...symbol,
    name: redact(symbol.name),
    ...(symbol.containerName === undefined ? {} : { containerName: redact(symbol.containerName) }),
  }));
}

/**
 * A plain JSON-able result (the TLS map, the expiry list) with every string in it redacted, but for locations'
 * `uri`s: they name files the client opens, and are not echoed values.
 */
export function redactJson<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactJson) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'uri' && typeof v === 'string' ? v : redactJson(v)])) as T;
  }
  return value;
}
