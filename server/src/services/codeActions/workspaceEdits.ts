// WorkspaceEdits for grant fixes. They may touch files other than the one with the diagnostic, and may create a
// file, so they use `documentChanges` (CreateFile, then TextDocumentEdits with version null: the index holds the
// open buffer's text, and edits to unopened files cannot name a version).
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { IndexedFile } from '../../workspace/index';

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
      // Without overwrite/ignoreIfExists the client refuses to clobber a file the index did not know about.
      { kind: 'create', uri },
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
