// Code lenses: what each ReferenceGrant admits.
import type { CodeLens } from 'vscode-languageserver-types';
import type { IndexedFile } from '../workspace/index';
import type { ServiceContext } from './context';

export function doCodeLens(_file: IndexedFile, _context: ServiceContext): CodeLens[] {
  return [];
}
