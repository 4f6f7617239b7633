// Parses one `---` segment of a YAML file. The `yaml` library gives exact source ranges; this module adds the
// guards that keep hostile input (alias bombs, absurd nesting) from taking the process down.
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import type { DocumentHeader } from './header';
import { loneCrAsLf } from './lineIndex';
import { DEFAULT_PARSE_LIMITS, exceedsNodeLimit, tooManyNodesMessage } from './limits';
import type { ParsedYamlDocument, SegmentParse, SyntaxProblem } from './types';

/** Aliases a document may expand before we call it a resource-exhaustion attack (the `yaml` default is 100). */
const MAX_ALIAS_COUNT = 1000;
/** Deeper than any manifest; guards our own recursive walks and toJS against stack exhaustion. */
export const MAX_DEPTH = 200;
const TOO_DEEP = `The document nests deeper than ${MAX_DEPTH} levels; it is not read as a Kubernetes manifest.`;
/** V8's message when the stack runs out (the library catches it and reports it as a YAML error). */
const STACK_OVERFLOW = /maximum call stack size exceeded/i;

// `uniqueKeys: false`: the library compares every key with every earlier key of its map (quadratic: 40,000 keys
// took 10 s); duplicates are found here instead, with one Set per map (see `walk`), and reported the same way.
// `merge: true`: `<<: *base` merges the anchored map's keys, as kubectl reads it (YAML 1.1 merge keys).
export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true, merge: true } as const;
const OPTIONS = PARSE_OPTIONS;

/** The library's message for a repeated key (uniqueKeys), kept so diagnostics read the same. */
const DUPLICATE_KEY = 'Map keys must be unique';

export function parseSegment(text: string, maxNodes: number = DEFAULT_PARSE_LIMITS.maxNodesPerDocument): SegmentParse {
  // Checked before the parse: the parse itself is what takes the time and the memory.
  if (exceedsNodeLimit(text, maxNodes)) {
    return { text, documents: [], problems: [{ ...firstLineOf(text), message: tooManyNodesMessage(maxNodes) }], releaseTrees: () => undefined };
  }
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(loneCrAsLf(text), OPTIONS) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (error) {
    return { text, documents: [], problems: [failure(text, error)], releaseTrees: () => undefined };
  }
  const documents = docs.map((doc, index) => new SegmentDocument(text, index, doc));
  return { text, documents, problems: [], releaseTrees: () => documents.forEach((d) => d.releaseTree()) };
}

/**
 * A document whose tree can be dropped and rebuilt: the same text parses to the same ranges, so everything cached
 * against this document stays valid.
 */
class SegmentDocument implements ParsedYamlDocument {
  readonly value: unknown;
  readonly problems: readonly SyntaxProblem[];
  private tree: Document.Parsed | undefined;

  constructor(private readonly text: string, private readonly index: number, doc: Document.Parsed) {
    this.tree = doc;
    const { value, problems } = readDocument(doc);
    this.value = value;
    this.problems = problems;
  }

  get doc(): Document.Parsed {
    this.tree ??= (parseAllDocuments(loneCrAsLf(this.text), OPTIONS) as Document.Parsed[])[this.index]!;
    return this.tree;
  }

  releaseTree(): void {
    this.tree = undefined;
  }
}

/**
 * A one-document segment whose identity is known from its header (parser/header.ts) and whose parse waits until
 * something reads its value or tree. Its syntax problems are not reported: nothing refers to most such documents,
 * and the ones something refers to are judged by what they hold. Its text can be let go while it is unparsed
 * (`releaseText`) and recovered from the file when it is needed.
 */
export function deferSegment(text: string, header: DocumentHeader): SegmentParse {
  return new DeferredSegment(new DeferredDocument(text, header));
}

/** A class: an object literal with a getter is a dictionary-mode object, ten times the memory, and there are many. */
class DeferredSegment implements SegmentParse {
  readonly documents: readonly DeferredDocument[];
  readonly problems: readonly SyntaxProblem[] = NO_PROBLEMS;

  constructor(private readonly document: DeferredDocument) {
    this.documents = [document];
  }

  get text(): string {
    return this.document.text;
  }

  releaseTrees(): void {
    this.document.releaseTree();
  }
}

const NO_PROBLEMS: readonly SyntaxProblem[] = Object.freeze([]);

export class DeferredDocument implements ParsedYamlDocument {
  private parsed: SegmentParse | undefined;
  private kept: string | undefined;
  private recover: (() => string | undefined) | undefined;

  constructor(text: string, readonly header: DocumentHeader) {
    this.kept = text;
  }

  /** The segment's text: kept, or recovered from the file ('' when the file no longer holds it). */
  get text(): string {
    if (this.kept === undefined) {
      this.kept = this.recover?.() ?? '';
      this.recover = undefined;
    }
    return this.kept;
  }

  /** Whether the text was let go (and has not been needed since). */
  get released(): boolean {
    return this.kept === undefined;
  }

  /** Lets the text go while nothing has needed it; `recover` brings it back (see ParsedFile.releaseText). */
  releaseText(recover: () => string | undefined): void {
    if (this.parsed !== undefined) return;
    this.kept = undefined;
    this.recover = recover;
  }

  get problems(): readonly SyntaxProblem[] {
    return NO_PROBLEMS;
  }

  /** Whether the document has been parsed (its value was needed). */
  get materialized(): boolean {
    return this.parsed !== undefined;
  }

  get value(): unknown {
    return this.inner().value;
  }

  /** What stopped the document from being read, once something needs it (parses it). */
  get readProblems(): readonly SyntaxProblem[] {
    const document = this.inner();
    if (this.text === '') return [{ start: 0, end: 0, message: 'the file changed on disk since it was read' }];
    return this.parsed!.problems.length > 0 ? this.parsed!.problems : document.problems;
  }

  get doc(): Document.Parsed {
    return this.inner().doc;
  }

  releaseTree(): void {
    this.parsed?.releaseTrees();
  }

  private inner(): ParsedYamlDocument {
    if (this.parsed === undefined) {
      this.parsed = parseSegment(this.text);
      // A lookup needs the value; the tree (most of the memory) comes back from the text if a range is asked for.
      this.parsed.releaseTrees();
    }
    // The header scan accepted the text, so it holds exactly one document (none if the file changed under us).
    return this.parsed.documents[0] ?? EMPTY_DOCUMENT;
  }
}

const EMPTY_DOCUMENT: ParsedYamlDocument = parseSegment('{}').documents[0]!;

function failure(text: string, error: unknown): SyntaxProblem {
  return { ...firstLineOf(text), message: describe(error) };
}

/** The segment's first line (its `---` when it has one): where a problem of the whole segment is shown. */
function firstLineOf(text: string): { start: number; end: number } {
  const end = text.search(/[\r\n]/);
  return { start: 0, end: Math.min(text.length, end === -1 ? text.length : end) };
}

function readDocument(doc: Document.Parsed): { value: unknown; problems: SyntaxProblem[] } {
  const problems: SyntaxProblem[] = [];
  let overflowed = false;
  for (const e of doc.errors) {
    // The library reports running out of stack (thousands of levels) as an error at each level it unwound: one
    // problem, in words, is enough.
    const tooDeep = STACK_OVERFLOW.test(e.message);
    if (tooDeep && overflowed) continue;
    overflowed ||= tooDeep;
    problems.push({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), message: tooDeep ? TOO_DEEP : firstLine(e.message) });
  }
  const { depth, duplicates } = walk(doc);
  if (duplicates.length > 0) {
    problems.push(...duplicates.map((start) => ({ start, end: start + 1, message: DUPLICATE_KEY })));
    problems.sort((a, b) => a.start - b.start);
  }
  let value: unknown;
  if (problems.length === 0) {
    if (depth > MAX_DEPTH) {
      problems.push({ ...rangeOfContents(doc), message: TOO_DEEP });
    } else {
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (error) {
        problems.push({ ...rangeOfContents(doc), message: describe(error) });
      }
    }
  }
  return { value, problems };
}

function rangeOfContents(doc: Document.Parsed): { start: number; end: number } {
  const range = doc.contents?.range;
  if (!range) return { start: 0, end: 1 };
  return { start: range[0], end: Math.max(range[0] + 1, Math.min(range[1], range[0] + 200)) };
}

/**
 * One iterative walk over the tree (a recursive one would overflow on exactly the input it guards against): the
 * nesting depth, and the start of every key equal to an earlier key of its map. Keys are equal as the `yaml`
 * library's `uniqueKeys` check defines it: two scalars with the same value (`~` and `null` are the same key, `1`
 * and `"1"` are not); a collection or alias key equals no other key.
 */
function walk(doc: Document.Parsed): { depth: number; duplicates: number[] } {
  let max = 0;
  const duplicates: number[] = [];
  const stack: Array<[unknown, number]> = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (isScalar(key)) {
          const value = key.value;
          // NaN is the one value a Set holds once that `===` never finds equal.
          if (seen.has(value) && !Number.isNaN(value)) duplicates.push(key.range?.[0] ?? 0);
          else seen.add(value);
        } else if (key !== null && typeof key === 'object' && !isAlias(key)) {
          stack.push([key, depth + 1]);
        }
        stack.push([pair.value, depth + 1]);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return { depth: max, duplicates };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/alias count/i.test(message)) return 'Too many alias expansions (an "alias bomb"): the document is not read.';
  if (error instanceof RangeError || STACK_OVERFLOW.test(message)) return TOO_DEEP;
  return firstLine(message);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
