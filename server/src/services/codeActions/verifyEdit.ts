// The last check before a fix that rewrites one value is offered: apply it to the document's text, parse the result
// with the `yaml` library, and keep the fix only when the document still parses cleanly and the edited place now
// reads as the intended value. A replacement that would need a block scalar at a nested position, or that changes
// the document's structure in any other way, is dropped rather than offered.
import { isScalar, parseAllDocuments, type Document } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { nodeAtOffset, segmentAtOffset } from '../../parser/locate';
import { loneCrAsLf } from '../../parser/lineIndex';
import { PARSE_OPTIONS } from '../../parser/parseSegment';
import type { IndexedFile } from '../../workspace/index';


/** Whether replacing `range` of the file with `newText` leaves a document that parses and reads `value` there. */
export function replacementHolds(file: IndexedFile, range: Range, newText: string, value: string): boolean {
  const yaml = file.yaml;
  if (!yaml) return false;
  const text = yaml.text;
  const start = yaml.lines.offsetAt(range.start);
  const end = yaml.lines.offsetAt(range.end);
  if (start > end || end > text.length) return false;
  // Only the `---` segment holding the value is parsed again: a fix in a 2,000-document file stays cheap.
  const segment = segmentAtOffset(yaml.segments, start);
  if (!segment) return false;
  const next = yaml.segments[yaml.segments.indexOf(segment) + 1];
  const segmentEnd = next ? next.offset : text.length;
  if (end > segmentEnd) return false;
  const edited = text.slice(segment.offset, start) + newText + text.slice(end, segmentEnd);
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(loneCrAsLf(edited), PARSE_OPTIONS) as Document.Parsed[];
  } catch {
    return false;
  }
  if (!Array.isArray(docs) || docs.some((doc) => doc.errors.length > 0)) return false;
  // The value now at the edit's start must be exactly the intended one (not a key, not a map the text turned into).
  const at = start - segment.offset;
  const doc = [...docs].reverse().find((d) => (d.range?.[0] ?? 0) <= at) ?? docs[0];
  const hit = doc ? nodeAtOffset(doc, at) : undefined;
  return hit !== undefined && hit.part === 'value' && isScalar(hit.node) && hit.node.value === value;
}
