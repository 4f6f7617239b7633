// A whole YAML file as a list of parsed segments. Re-parsing a file reuses the previous parse of every segment
// whose text did not change, so a one-character edit in a 2,000-document file parses one document.
import { LineIndex } from './lineIndex';
import { readHeader, type DocumentHeader as Header } from './header';
import { DeferredDocument, deferSegment, parseSegment } from './parseSegment';
import { splitDocuments } from './splitDocuments';
import { DEFAULT_PARSE_LIMITS, tooManyDocumentsMessage, type ParseLimits } from './limits';
import type { SegmentParse, SyntaxProblem } from './types';

export interface PlacedSegment {
  /** Where the segment starts in this version of the file. */
  readonly offset: number;
  readonly parse: SegmentParse;
}

export interface YamlFile {
  /** The file's text; for a file whose text was let go (releaseText), read back on first use. */
  readonly text: string;
  /** Built on first use: most files of a workspace never need a position. */
  readonly lines: LineIndex;
  readonly segments: readonly PlacedSegment[];
  /** Lets the text go if nothing needs it until something does (see ParsedFile.releaseText). */
  releaseText(reread: () => string | undefined): void;
}

/** A segment the pre-scan ruled out: never parsed, no documents, no problems, no text kept. */
export const UNREAD_SEGMENT: SegmentParse = Object.freeze({ text: '', documents: [], problems: [], releaseTrees: () => undefined });

export interface ParseOptions {
  /** The pre-scan (parser/prescan.ts): segments it rules out are not parsed. Absent: every segment is parsed. */
  readonly mayMatter?: (segmentText: string) => boolean;
  /** The identity of a segment whose parse can wait until something reads it (parser/header.ts), if it is one. */
  readonly deferrable?: (segmentText: string) => Header | undefined;
  /** Bounds on documents per file and nodes per document (settings `gatewayTls.limits.*`); defaults when absent. */
  readonly limits?: Partial<ParseLimits>;
}

function parseOrSkip(segmentText: string, options: ParseOptions, maxNodes: number): SegmentParse {
  if (options.mayMatter && !options.mayMatter(segmentText)) return UNREAD_SEGMENT;
  const header = options.deferrable?.(segmentText);
  return header ? deferSegment(segmentText, header) : parseSegment(segmentText, maxNodes);
}

/**
 * The rest of a file beyond `maxDocumentsPerFile` documents: never parsed (nor pre-scanned), one problem on its
 * first `---` line. A class, so that it is never reused for a segment of the same text.
 */
class BeyondLimitSegment implements SegmentParse {
  readonly documents: readonly [] = [];
  readonly problems: readonly SyntaxProblem[];

  constructor(readonly text: string, limit: number) {
    this.problems = [{ start: 0, end: Math.min(3, text.length), message: tooManyDocumentsMessage(limit) }];
  }

  releaseTrees(): void {}
}

export function parseYamlFile(text: string, previous?: YamlFile, options: ParseOptions = {}): YamlFile {
  const before = (previous?.segments ?? [])
    .filter((s) => s.parse !== UNREAD_SEGMENT && !(s.parse instanceof BeyondLimitSegment) && !isReleased(s.parse))
    .map((s) => s.parse);
  const maxDocuments = positive(options.limits?.maxDocumentsPerFile) ?? DEFAULT_PARSE_LIMITS.maxDocumentsPerFile;
  const maxNodes = positive(options.limits?.maxNodesPerDocument) ?? DEFAULT_PARSE_LIMITS.maxNodesPerDocument;
  const split = splitDocuments(text, maxDocuments);
  // An edit changes one segment or a few: segments are matched in order from both ends first (a string comparison
  // each), and only what is left over is looked up by text (hashing it).
  // A parse serves one segment only: two identical documents in a file stay two documents.
  let byText: Map<string, SegmentParse> | undefined;
  const used = new Set<SegmentParse>();
  const take = (parse: SegmentParse | undefined, segmentText: string): SegmentParse | undefined => {
    if (!parse || parse.text !== segmentText || used.has(parse)) return undefined;
    used.add(parse);
    return parse;
  };
  const reused = (segmentText: string, index: number): SegmentParse | undefined => {
    const positional = take(before[index], segmentText) ?? take(before[before.length - (split.length - index)], segmentText);
    if (positional) return positional;
    byText ??= new Map(before.map((p) => [p.text, p]));
    return take(byText.get(segmentText), segmentText);
  };
  const segments = split.map(({ offset, text: segmentText, beyondLimit }, index) => ({
    offset,
    parse: beyondLimit ? new BeyondLimitSegment(segmentText, maxDocuments) : (reused(segmentText, index) ?? parseOrSkip(segmentText, options, maxNodes)),
  }));
  return new ParsedFile(text, segments, maxDocuments);
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && n >= 1 ? Math.floor(n) : undefined;
}

/** A class, not a closure: a closure would keep the previous version's segments (and the options) alive with it. */
class ParsedFile implements YamlFile {
  private lineIndex: LineIndex | undefined;
  private kept: string | undefined;
  private readonly length: number;
  private reread: (() => string | undefined) | undefined;

  constructor(text: string, readonly segments: readonly PlacedSegment[], private readonly maxDocuments: number) {
    this.kept = text;
    this.length = text.length;
  }

  get text(): string {
    if (this.kept === undefined) {
      this.kept = this.recover() ?? '';
      this.reread = undefined;
    }
    return this.kept;
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  /**
   * Lets the text go when every segment is unread or deferred and unparsed (a file of Services or ConfigMaps that
   * nothing has looked up): `reread` brings it back from the disk when something does. A file that changed on disk
   * in between is not taken for the one that was read (length and segment boundaries must match).
   */
  releaseText(reread: () => string | undefined): void {
    if (this.kept === undefined || !this.segments.every((s) => s.parse === UNREAD_SEGMENT || isDeferredUnparsed(s.parse))) return;
    this.kept = undefined;
    this.lineIndex = undefined;
    this.reread = reread;
    this.segments.forEach(({ offset, parse }, i) => {
      const document = parse.documents[0];
      if (!(document instanceof DeferredDocument)) return;
      const end = this.segments[i + 1]?.offset ?? this.length;
      document.releaseText(() => {
        const slice = this.text.slice(offset, end);
        return sameHeader(readHeader(slice), document.header) ? slice : undefined;
      });
    });
  }

  private recover(): string | undefined {
    const text = this.reread?.();
    if (text === undefined || text.length !== this.length) return undefined;
    const offsets = splitDocuments(text, this.maxDocuments).map((s) => s.offset);
    return offsets.length === this.segments.length && offsets.every((o, i) => o === this.segments[i]!.offset) ? text : undefined;
  }
}

function isDeferredUnparsed(parse: SegmentParse): boolean {
  const document = parse.documents[0];
  return parse.documents.length === 1 && document instanceof DeferredDocument && !document.materialized;
}

function isReleased(parse: SegmentParse): boolean {
  const document = parse.documents[0];
  return document instanceof DeferredDocument && document.released;
}

function sameHeader(a: Header | undefined, b: Header): boolean {
  return a !== undefined && a.apiVersion === b.apiVersion && a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;
}
