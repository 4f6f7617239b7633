// Go to definition: from a reference (certificateRef, …) to the object it resolves to or to what produces it.
import type { Location, Position } from 'vscode-languageserver-types';
import type { IndexedFile } from '../workspace/index';
import type { ServiceContext } from './context';

export function doDefinition(_file: IndexedFile, _position: Position, _context: ServiceContext): Location[] {
  return [];
}
