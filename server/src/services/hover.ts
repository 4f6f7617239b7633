// Hover: the documentation of the field under the cursor, from the JSON Schema of the object's kind and version.
import type { Hover, Position } from 'vscode-languageserver-types';
import type { IndexedFile } from '../workspace/index';

export function doHover(_file: IndexedFile, _position: Position): Hover | null {
  return null;
}
