// Quick fixes for our diagnostics, above all: write the missing ReferenceGrant.
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { IndexedFile } from '../workspace/index';
import type { ServiceContext } from './context';

export function doCodeActions(_file: IndexedFile, _range: Range, _diagnostics: readonly Diagnostic[], _context: ServiceContext): CodeAction[] {
  return [];
}
