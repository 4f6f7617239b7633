// Completion: the keys allowed at the cursor and the values of the field being typed, from the JSON Schema of
// the document's kind and version. Finding the cursor's place is completion/context.ts; keys and values each
// have their own module. Reference fields (a certificateRef's name, a grant's namespaces) get their values from
// the workspace instead (completion/references.ts).
import type { CompletionList, Position } from 'vscode-languageserver-types';
import type { IndexedFile } from '../workspace/index';
import type { ServiceContext } from './context';
import { completionContext } from './completion/context';
import { keyItems } from './completion/keys';
import { referenceValueItems } from './completion/references';
import { valueItems } from './completion/values';

export function doComplete(file: IndexedFile, position: Position, context: ServiceContext): CompletionList {
  let items: CompletionList['items'] = [];
  try {
    const ctx = completionContext(file, position);
    if (ctx) items = ctx.kind === 'key' ? keyItems(ctx) : (referenceValueItems(ctx, file, context) ?? valueItems(ctx));
  } catch {
    // Completion runs on half-typed text; a surprise there must never reach the editor as an error.
  }
  return { isIncomplete: false, items };
}
