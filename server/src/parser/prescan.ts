// The pre-scan: decides from bytes alone, before any YAML parse, whether a `---` segment can hold a document the
// product reads (model/relevantKinds.ts). It may say yes too often (a kind named in a comment costs one parse),
// never too rarely: the property test (test/unit/prescan.test.ts) compares pre-scan + parse with parsing everything.
//
// Why a word search is enough: a document's `kind` is a string, and anchors do not cross documents, so whatever
// spelling reaches the value (plain, quoted, flow, block scalar, anchor and alias, tag) has the kind's characters
// in the segment's text — except double-quoted escapes (`"\x47ateway"`, an escaped line break joining two
// halves), which the scan treats as "could be anything".
import { RELEVANT_GROUPS, RELEVANT_KINDS } from '../model/relevantKinds';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const RELEVANT = new RegExp(
  [
    `\\b(?:${Object.keys(RELEVANT_KINDS).map(escapeRegExp).join('|')})\\b`,
    ...RELEVANT_GROUPS.map(escapeRegExp),
    // A double-quoted escape that can make letters, or an escaped line break (also a lone CR): a kind could hide behind either.
    '\\\\(?:[xuU]|[\\r\\n])',
  ].join('|'),
);

/** Whether a segment may hold a document of a relevant kind (and must be parsed). */
export function mayMatter(segmentText: string): boolean {
  return RELEVANT.test(segmentText);
}
