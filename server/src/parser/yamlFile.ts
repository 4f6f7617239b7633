// A whole YAML file as a list of parsed segments. Re-parsing a file reuses the previous parse of every segment
// whose text did not change, so a one-character edit in a 2,000-document file parses one document.
import { LineIndex } from './lineIndex';
import type { DocumentHeader } from './header';
import { deferSegment, parseSegment } from './parseSegment';
import { splitDocuments } from './splitDocuments';
import type { SegmentParse } from './types';

export interface PlacedSegment {
  /** Where the segment starts in this version of the file. */
  readonly offset: number;
  readonly parse: SegmentParse;
}

export interface YamlFile {
  readonly text: string;
  /** Built on first use: most files of a workspace never need a position. */
  readonly lines: LineIndex;
  readonly segments: readonly PlacedSegment[];
}

/** A segment the pre-scan ruled out: never parsed, no documents, no problems, no text kept. */
export const UNREAD_SEGMENT: SegmentParse = Object.freeze({ text: '', documents: [], problems: [], releaseTrees: () => undefined });

export interface ParseOptions {
  /** The pre-scan (parser/prescan.ts): segments it rules out are not parsed. Absent: every segment is parsed. */
  readonly mayMatter?: (segmentText: string) => boolean;
  /** The identity of a segment whose parse can wait until something reads it (parser/header.ts), if it is one. */
  readonly deferrable?: (segmentText: string) => DocumentHeader | undefined;
}

function parseOrSkip(segmentText: string, options: ParseOptions): SegmentParse {
  if (options.mayMatter && !options.mayMatter(segmentText)) return UNREAD_SEGMENT;
  const header = options.deferrable?.(segmentText);
  return header ? deferSegment(segmentText, header) : parseSegment(segmentText);
}

export function parseYamlFile(text: string, previous?: YamlFile, options: ParseOptions = {}): YamlFile {
  const reusable = new Map<string, SegmentParse>();
  if (previous) for (const s of previous.segments) if (s.parse !== UNREAD_SEGMENT) reusable.set(s.parse.text, s.parse);
  const segments = splitDocuments(text).map(({ offset, text: segmentText }) => ({
    offset,
    parse: reusable.get(segmentText) ?? parseOrSkip(segmentText, options),
  }));
  return new ParsedFile(text, segments);
}

/** A class, not a closure: a closure would keep the previous version's segments (and the options) alive with it. */
class ParsedFile implements YamlFile {
  private lineIndex: LineIndex | undefined;

  constructor(readonly text: string, readonly segments: readonly PlacedSegment[]) {}

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }
}
