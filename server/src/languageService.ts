// The language service: documents in, LSP-typed results out. No transport, no editor, no file I/O: the language
// server and the CLI feed it text and ask it questions (the cut of vscode-json-languageservice).
import type { CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, Hover, Location, MarkedString, MarkupContent, Position, Range, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { RULE_FAMILIES } from './rules';
import { doCodeActions } from './services/codeActions';
import { doCodeLens } from './services/codeLens';
import { doComplete } from './services/completion';
import type { ServiceContext } from './services/context';
import { doDefinition } from './services/definition';
import { doReferences } from './services/references';
import { doHover } from './services/hover';
import { doWorkspaceSymbols } from './services/symbols';
import { validateFile } from './services/validation';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import type { WorkspaceContext } from './rules/types';
import { WorkspaceIndex, type IndexedFile } from './workspace/index';
import { queriesFor } from './workspace/queries';
import { containsKeyMaterial, redact } from './util/redact';

export interface LanguageServiceOptions {
  readonly settings?: unknown;
  /** Workspace roots as file paths, for exclude globs. */
  readonly roots?: readonly string[];
  readonly log?: (message: string) => void;
  /**
   * Reads a file's text again (the shell's disk access; the service does none itself). Given, the service lets go
   * of the texts of files no editor shows whose documents nothing has looked up yet, and reads them back on demand.
   */
  readonly reread?: (uri: string) => string | undefined;
}

export interface LanguageService {
  readonly index: WorkspaceIndex;
  readonly settings: Settings;
  configure(settings: unknown): void;
  setDocument(uri: string, text: string): IndexedFile;
  removeDocument(uri: string): void;
  /** Frees the memory of a document no editor shows (its syntax trees); everything keeps working. */
  releaseDocument(uri: string): void;
  /**
   * `crossFile: false` while the caller is still indexing the workspace: only findings one document proves alone
   * (syntax, schema, listener rules, a Secret's own certificate) — never a "missing" object not read yet.
   */
  doValidation(uri: string, options?: { readonly crossFile?: boolean }): Diagnostic[];
  doHover(uri: string, position: Position): Hover | null;
  doComplete(uri: string, position: Position): CompletionList;
  doCodeActions(uri: string, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[];
  doDefinition(uri: string, position: Position): Location[];
  doReferences(uri: string, position: Position): Location[];
  doCodeLens(uri: string): CodeLens[];
  doWorkspaceSymbols(query: string): SymbolInformation[];
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  let settings = options.settings === undefined ? DEFAULT_SETTINGS : readSettings(options.settings);
  const roots = options.roots ?? [];
  const log = options.log ?? (() => undefined);
  const reread = options.reread;
  const index = new WorkspaceIndex({ maxFileSize: settings.maxFileSize, exclude: settings.exclude, roots, reread, limits: settings.limits });
  const workspace = (): WorkspaceContext => ({ queries: queriesFor(index), namespacesOf: (o) => index.namespacesOf(o), settings });
  const context = (): ServiceContext => ({ index, settings, workspace });
  /** Runs a feature on a known file; unknown files get the empty answer. */
  const withFile = <R>(uri: string, empty: R, feature: (file: IndexedFile) => R): R => {
    const file = index.getFile(uri);
    return file ? feature(file) : empty;
  };

  return {
    index,
    get settings() {
      return settings;
    },
    configure(raw) {
      settings = readSettings(raw);
      index.configure({ maxFileSize: settings.maxFileSize, exclude: settings.exclude, roots, reread, limits: settings.limits });
    },
    setDocument: (uri, text) => index.setFile(uri, text),
    removeDocument: (uri) => index.removeFile(uri),
    releaseDocument: (uri) => index.releaseTrees(uri),
    doValidation: (uri, options) =>
      withFile(uri, [], (file) =>
        validateFile(file, { settings, families: RULE_FAMILIES, log, context: workspace, fileOf: (u) => index.getFile(u), crossFile: options?.crossFile ?? true }),
      ),
    // Every string a feature returns passes through `redact` here (diagnostics: in validateFile, which the engine's
    // own callers share): values echoed from manifests may be private keys a user pasted in the wrong place.
    doHover: (uri, position) => withFile(uri, null, (file) => redactHover(doHover(file, position, context()))),
    doComplete: (uri, position) => withFile(uri, { isIncomplete: false, items: [] }, (file) => redactCompletions(doComplete(file, position, context()))),
    doCodeActions: (uri, range, diagnostics) => withFile(uri, [], (file) => redactCodeActions(doCodeActions(file, range, diagnostics, context()))),
    doDefinition: (uri, position) => withFile(uri, [], (file) => doDefinition(file, position, context())),
    doReferences: (uri, position) => withFile(uri, [], (file) => doReferences(file, position, context())),
    doCodeLens: (uri) => withFile(uri, [], (file) => redactCodeLenses(doCodeLens(file, context()))),
    doWorkspaceSymbols: (query) => redactSymbols(doWorkspaceSymbols(query, context())),
  };
}

// ---- redaction at the boundary ---------------------------------------------------------------------------------
// Text shown to the user is redacted; text that would be written into files (completion insertions, fix edits) is
// never redacted, because a masked value would be wrong: an item or fix that would write key material is dropped.

function redactHover(hover: Hover | null): Hover | null {
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

function redactCompletions(list: CompletionList): CompletionList {
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

function redactCodeActions(actions: CodeAction[]): CodeAction[] {
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

function redactCodeLenses(lenses: CodeLens[]): CodeLens[] {
  return lenses.map((lens) => (lens.command ? { ...lens, command: { ...lens.command, title: redact(lens.command.title) } } : lens));
}

function redactSymbols(symbols: SymbolInformation[]): SymbolInformation[] {
  return symbols.map((symbol) => ({
    ...symbol,
    name: redact(symbol.name),
    ...(symbol.containerName === undefined ? {} : { containerName: redact(symbol.containerName) }),
  }));
}
