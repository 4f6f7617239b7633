// The language service: documents in, LSP-typed results out. No transport, no editor, no file I/O: the language
// server and the CLI feed it text and ask it questions (the cut of vscode-json-languageservice).
import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { RULE_FAMILIES } from './rules';
import { doComplete } from './services/completion';
import { doHover } from './services/hover';
import { validateFile } from './services/validation';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import type { WorkspaceContext } from './rules/types';
import { WorkspaceIndex, type IndexedFile } from './workspace/index';
import { queriesFor } from './workspace/queries';

export interface LanguageServiceOptions {
  readonly settings?: unknown;
  /** Workspace roots as file paths, for exclude globs. */
  readonly roots?: readonly string[];
  readonly log?: (message: string) => void;
}

export interface LanguageService {
  readonly index: WorkspaceIndex;
  readonly settings: Settings;
  configure(settings: unknown): void;
  setDocument(uri: string, text: string): IndexedFile;
  removeDocument(uri: string): void;
  doValidation(uri: string): Diagnostic[];
  doHover(uri: string, position: Position): Hover | null;
  doComplete(uri: string, position: Position): CompletionList;
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  let settings = options.settings === undefined ? DEFAULT_SETTINGS : readSettings(options.settings);
  const roots = options.roots ?? [];
  const log = options.log ?? (() => undefined);
  const index = new WorkspaceIndex({ maxFileSize: settings.maxFileSize, exclude: settings.exclude, roots });

  return {
    index,
    get settings() {
      return settings;
    },
    configure(raw) {
      settings = readSettings(raw);
      index.configure({ maxFileSize: settings.maxFileSize, exclude: settings.exclude, roots });
    },
    setDocument: (uri, text) => index.setFile(uri, text),
    removeDocument: (uri) => index.removeFile(uri),
    doValidation(uri) {
      const file = index.getFile(uri);
      if (!file) return [];
      const context = (): WorkspaceContext => ({ queries: queriesFor(index), namespacesOf: (o) => index.namespacesOf(o), settings });
      return validateFile(file, { settings, families: RULE_FAMILIES, log, context, fileOf: (u) => index.getFile(u) });
    },
    doHover(uri, position) {
      const file = index.getFile(uri);
      return file ? doHover(file, position) : null;
    },
    doComplete(uri, position) {
      const file = index.getFile(uri);
      return file ? doComplete(file, position) : { isIncomplete: false, items: [] };
    },
  };
}
