import type { Document } from 'yaml';

/** A path into a YAML document: map keys and sequence indexes, as ajv and `yaml`'s getIn use them. */
export type NodePath = readonly (string | number)[];

/** Which part of a located node a diagnostic or lookup means. */
export type NodePart = 'key' | 'value' | 'pair';

/** A problem found while reading text as YAML, with offsets relative to the segment it came from. */
export interface SyntaxProblem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/**
 * One parsed YAML document of a segment. Offsets inside `doc` are relative to the segment's text; the segment's
 * own offset in the file is added only when results are turned into positions.
 */
export interface ParsedYamlDocument {
  /** The syntax tree; re-parsed from the segment's text on demand after `releaseTree`. */
  readonly doc: Document.Parsed;
  /** The document as plain data, or undefined when it could not be converted (alias bomb, too deep). */
  readonly value: unknown;
  readonly problems: readonly SyntaxProblem[];
}

/** The parse of one `---` segment. Cached by its exact text, so an unchanged document is never re-parsed. */
export interface SegmentParse {
  readonly text: string;
  readonly documents: readonly ParsedYamlDocument[];
  /** A failure of the whole segment (the parser itself threw); normally empty. */
  readonly problems: readonly SyntaxProblem[];
  /**
   * Lets the syntax trees go (they are most of the memory of a large workspace): values, problems and every cache
   * keyed by these documents stay; a tree is re-parsed from the text if a range is needed again.
   */
  releaseTrees(): void;
}
