// Bounds on what one file may make the parser build, so that hostile or generated input (500,000 `---` lines, a
// flow sequence of a million items) ends in one clear `yaml-syntax` diagnostic instead of seconds of parsing and a
// gigabyte of memory. Settings `gatewayTls.limits.*` (settings.ts); these defaults apply wherever none are given.
import { Lexer } from 'yaml';

export interface ParseLimits {
  /** Documents (`---` segments) read per file; the rest of the file is not read. */
  readonly maxDocumentsPerFile: number;
  /** Nodes (keys, values, items, collections) a document may have and still be parsed. */
  readonly maxNodesPerDocument: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = Object.freeze({ maxDocumentsPerFile: 10_000, maxNodesPerDocument: 200_000 });

export function tooManyDocumentsMessage(limit: number): string {
  return `The file has more than ${limit} documents; only the first ${limit} are read (gatewayTls.limits.maxDocumentsPerFile).`;
}

export function tooManyNodesMessage(limit: number): string {
  return `The document has more than ${limit} nodes (keys, values and items); it is not read (gatewayTls.limits.maxNodesPerDocument).`;
}

/**
 * Whether a segment's text holds more than `limit` nodes, found without building any: a text shorter than the
 * limit cannot (every node but an empty one takes a character, and an empty one takes an indicator), and a longer
 * one is run through the `yaml` lexer, which allocates nothing that lives, counting the tokens that start a node
 * (a scalar, an alias, a flow collection, an indicator that opens a block collection or an empty node, a document
 * marker) and stopping as soon as the count is over. The count is close to the number of nodes, never far below.
 */
export function exceedsNodeLimit(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let count = 0;
  for (const token of new Lexer().lex(text)) {
    if (startsNode(token) && ++count > limit) return true;
  }
  return false;
}

function startsNode(token: string): boolean {
  switch (token.charCodeAt(0)) {
    case 0x1f: // a plain scalar or a block scalar's body follows
    case 0x22: // "…"
    case 0x27: // '…'
    case 0x2a: // *alias
    case 0x5b: // [
    case 0x7b: // {
      return true;
    case 0x2d: // - (a sequence item) or --- (a document)
    case 0x3f: // ? (an explicit key)
    case 0x3a: // : (a value, maybe empty)
      return token === '-' || token === '---' || token === '?' || token === ':';
    case 0x2e: // ... (a document end)
      return token === '...';
    default:
      return false;
  }
}
