// Splits a multi-document YAML stream at its `---` markers without parsing it, so that an edit re-parses only
// the documents whose text changed. A `---` at column 0 always starts a document in YAML (it even ends a block
// scalar), so a line scan finds the same boundaries the parser would.

export interface DocumentSegment {
  /** Offset of the segment's first character in the whole file. */
  readonly offset: number;
  /** The segment's text, including its leading `---` line when there is one. */
  readonly text: string;
  /** The rest of the file after the first `maxDocuments` segments (at most one such segment, the last): not read. */
  readonly beyondLimit?: true;
}

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/;

/**
 * The file's segments; with `maxDocuments`, at most that many, followed, when the file holds more, by one segment
 * marked `beyondLimit` that runs from the next `---` to the end of the file.
 */
export function splitDocuments(text: string, maxDocuments = Infinity): DocumentSegment[] {
  const segments: DocumentSegment[] = [];
  let segmentStart = 0;
  let lineStart = 0;
  // Lines end at `\n`, `\r\n` or a lone `\r` (LineIndex counts the same; the parser is given `\n` for a lone `\r`).
  // The next `\r` and `\n` are remembered, not searched for on every line: a file with one `\r` at its end (or a
  // `\r`-only file) must not make this quadratic.
  let cr = text.indexOf('\r');
  let lf = text.indexOf('\n');
  while (lineStart <= text.length) {
    if (cr !== -1 && cr < lineStart) cr = text.indexOf('\r', lineStart);
    if (lf !== -1 && lf < lineStart) lf = text.indexOf('\n', lineStart);
    // The last character of the line's break: `\n` (also of `\r\n`), or a lone `\r`.
    const newline = cr === -1 || (lf !== -1 && lf < cr) ? lf : text.charCodeAt(cr + 1) === 10 ? cr + 1 : cr;
    if (lineStart > segmentStart && text.charCodeAt(lineStart) === 45 /* - */ && DOCUMENT_START.test(text.slice(lineStart, lineStart + 4))) {
      segments.push({ offset: segmentStart, text: text.slice(segmentStart, lineStart) });
      segmentStart = lineStart;
      if (segments.length >= maxDocuments) {
        segments.push({ offset: segmentStart, text: text.slice(segmentStart), beyondLimit: true });
        return segments;
      }
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  segments.push({ offset: segmentStart, text: text.slice(segmentStart) });
  return segments;
}

