// WorkspaceEdits for grant fixes. They may touch files other than the one with the diagnostic, and may create a
// file, so they use `documentChanges` (CreateFile, then TextDocumentEdits with version null: the index holds the
// open buffer's text, and edits to unopened files cannot name a version).
import * as path from 'node:path';
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { IndexedFile } from '../../workspace/index';
import { uriToPath } from '../../workspace/uris';

/** The line ending a file uses, so inserted text matches it. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Appends `document` to a file as a new `---` document. */
export function appendDocument(file: IndexedFile, document: (eol: string) => string): WorkspaceEdit {
  const yaml = file.yaml!;
  const text = yaml.text;
  const eol = eolOf(text);
  let prefix = text.length > 0 && !text.endsWith('\n') ? eol : '';
  const lastLine = text.trimEnd().split('\n').pop()?.trim() ?? '';
  // A file that already ends with a separator (or holds only whitespace) needs no second one.
  if (text.trim() !== '' && lastLine !== '---') prefix += `---${eol}`;
  return editFile(file.uri, [{ range: at(yaml.lines.positionAt(text.length)), newText: prefix + document(eol) }]);
}

export function createFile(uri: string, text: string): WorkspaceEdit {
  return {
    documentChanges: [
      // The name is one the index does not know (grantPlacement); should the file exist anyway, `ignoreIfExists`
      // tells every client to leave it alone: a client may otherwise truncate it, or reject the whole edit.
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: at({ line: 0, character: 0 }), newText: text }] },
    ],
  };
}

export function editFile(uri: string, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri, version: null }, edits }] };
}

function at(position: Position): { start: Position; end: Position } {
  return { start: position, end: position };
}

/** Every file a WorkspaceEdit touches (edits, creations, renames and deletions). */
export function editTargets(edit: WorkspaceEdit): string[] {
  const uris = Object.keys(edit.changes ?? {});
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change) uris.push(change.textDocument.uri);
    else if (change.kind === 'rename') uris.push(change.oldUri, change.newUri);
    else uris.push(change.uri);
  }
  return uris;
}

/**
 * Whether a fix may touch `uri`: the file the fix was asked for, or a `file:` URI inside one of the workspace
 * folders (compared as resolved paths, so `..` cannot climb out). Without workspace folders (a lone file opened),
 * only files in the directory of the file the fix was asked for.
 */
export function mayEdit(uri: string, fileUri: string, roots: readonly string[]): boolean {
  if (uri === fileUri) return true;
  if (!uri.startsWith('file:')) return false;
  const target = uriToPath(uri);
  if (target === uri || target.includes('\0')) return false;
  const folders = roots.length > 0 ? roots : [path.dirname(uriToPath(fileUri))];
  return folders.some((root) => {
    const relative = path.relative(path.resolve(root), path.resolve(target));
    return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  });
}
