// Find references: from a Secret (or what produces it) to every listener that uses it.
import type { Location, Position } from 'vscode-languageserver-types';
import type { IndexedFile } from '../workspace/index';
import type { ServiceContext } from './context';

export function doReferences(_file: IndexedFile, _position: Position, _context: ServiceContext): Location[] {
  return [];
}
