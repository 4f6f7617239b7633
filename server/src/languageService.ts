// The language service: documents in, LSP-typed results out. No transport, no editor, no file I/O: the language
// server and the CLI feed it text and ask it questions (the cut of vscode-json-languageservice).
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover, Location, Position, Range, SymbolInformation } from 'vscode-languageserver-types';
import { RULE_FAMILIES } from './rules';
import { assertsAbsence } from './rules/absence';
import { doCodeActions } from './services/codeActions';
import { doCodeLens } from './services/codeLens';
import { doComplete } from './services/completion';
import type { ServiceContext } from './services/context';
import { doDefinition } from './services/definition';
import { doReferences } from './services/references';
import { doHover } from './services/hover';
import { doWorkspaceSymbols } from './services/symbols';
import { doCertificateExpiry, doTlsMap, type ExpiryEntry, type TlsMap } from './services/tlsMap';
import { validateFile } from './services/validation';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import type { WorkspaceContext } from './rules/types';
import type { BuildOutcome, KustomizeMode, RootBuild } from './workspace/builds';
import { WorkspaceIndex, type IndexedFile } from './workspace/index';
import { queriesFor } from './workspace/queries';
import { redactCodeActions, redactCodeLenses, redactCompletions, redactHover, redactJson, redactSymbols } from './services/redactResults';

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
  /**
   * The TLS map: Gateway → listener → certificate and attached routes, with the problems validation publishes on
   * each (`crossFile` as for doValidation).
   */
  /**
   * `withholdAbsence` while files could not be read: the map's problems then leave out what claims something is
   * missing, as published diagnostics do (rules/absence.ts).
   */
  doTlsMap(options?: { readonly now?: Date; readonly crossFile?: boolean; readonly withholdAbsence?: boolean }): TlsMap;
  /** Every TLS Secret whose certificate parses, soonest expiry first. */
  doCertificateExpiry(options?: { readonly now?: Date }): ExpiryEntry[];
  /**
   * Kustomize: `builds` once a shell has kustomize to build with (roots are then pending until their results
   * arrive), `files` without it (files checked as written, namespaces from the kustomizations that include them).
   */
  setKustomizeMode(mode: KustomizeMode): void;
  /** The root kustomizations to build, with every path their builds read (for fingerprinting). */
  kustomizeRoots(): readonly KustomizeRoot[];
  /** A build's result for a root (undefined: forget the root); the caller re-validates. */
  setBuild(root: string, outcome: BuildOutcome | undefined): void;
  buildOf(root: string): RootBuild;
}

export interface KustomizeRoot {
  readonly uri: string;
  readonly dir: string;
  readonly inputs: readonly string[];
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

  const validate = (uri: string, crossFile: boolean): Diagnostic[] =>
    withFile(uri, [], (file) => validateFile(file, { settings, families: RULE_FAMILIES, log, context: workspace, index, crossFile }));

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
    doValidation: (uri, options) => validate(uri, options?.crossFile ?? true),
    // Every string a feature returns passes through `redact` here (diagnostics: in validateFile, which the engine's
    // own callers share): values echoed from manifests may be private keys a user pasted in the wrong place.
    doHover: (uri, position) => withFile(uri, null, (file) => redactHover(doHover(file, position, context()))),
    doComplete: (uri, position) => withFile(uri, { isIncomplete: false, items: [] }, (file) => redactCompletions(doComplete(file, position, context()))),
    doCodeActions: (uri, range, diagnostics) => withFile(uri, [], (file) => redactCodeActions(doCodeActions(file, range, diagnostics, context()))),
    doDefinition: (uri, position) => withFile(uri, [], (file) => doDefinition(file, position, context())),
    doReferences: (uri, position) => withFile(uri, [], (file) => doReferences(file, position, context())),
    doCodeLens: (uri) => withFile(uri, [], (file) => redactCodeLenses(doCodeLens(file, context()))),
    doWorkspaceSymbols: (query) => redactSymbols(doWorkspaceSymbols(query, context())),
    // The map's problems are the published diagnostics of each file, picked by range: one model with the rules.
    doTlsMap: (options) => {
      const problems = (uri: string) => {
        const all = validate(uri, options?.crossFile ?? true);
        return options?.withholdAbsence ? all.filter((d) => !assertsAbsence(String(d.code), typeof d.message === 'string' ? d.message : d.message.value)) : all;
      };
      return redactJson(doTlsMap(context(), problems, options?.now));
    },
    doCertificateExpiry: (options) => redactJson(doCertificateExpiry(context(), options?.now)),
    setKustomizeMode: (mode) => index.setKustomizeMode(mode),
    kustomizeRoots: () => index.kustomizeRoots(),
    setBuild: (root, outcome) => void index.setBuild(root, outcome),
    buildOf: (root) => index.buildOf(root),
  };
}
