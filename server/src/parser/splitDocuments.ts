// Splits a multi-document YAML stream at its `---` markers without parsing it, so that an edit re-parses only
// the documents whose text changed. A `---` at column 0 always starts a document in YAML (it even ends a block
// scalar), so a line scan finds the same boundaries the parser would.

export interface DocumentSegment {
  /** Offset of the segment's first character in the whole file. */
  readonly offset: number;
  /** The segment's text, including its leading `---` line when there is one. */
  readonly text: string;
}

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/;

export function splitDocuments(text: string): DocumentSegment[] {
  const segments: DocumentSegment[] = [];
  let segmentStart = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (lineStart > segmentStart && text.charCodeAt(lineStart) === 45 /* - */ && DOCUMENT_START.test(text.slice(lineStart, lineStart + 4))) {
      segments.push({ offset: segmentStart, text: text.slice(segmentStart, lineStart) });
      segmentStart = lineStart;
    }
    if (newline === -1) break;
    lineStart = lineEnd + 1;
  }
  segments.push({ offset: segmentStart, text: text.slice(segmentStart) });
  return segments;
}
