// The identity of a plain block-style document (`apiVersion`, `kind`, `metadata.name`, `metadata.namespace`) read
// from its lines without a YAML parse — or undefined whenever the text is anything but the simple, common layout,
// in which case the caller parses it. Used only for the kinds that matter when something looks them up
// (model/relevantKinds.ts LOOKUP_ONLY_KINDS): thousands of Services and ConfigMaps then cost a line scan, and the
// few that a BackendTLSPolicy names are parsed on first use. The property test (test/unit/header.test.ts) checks
// that whatever this returns equals what the parser reads.

import { loneCrAsLf } from './lineIndex';

export interface DocumentHeader {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
}

/** `key: value  # comment` at the start of a line; the key plain, the value anything (checked below). */
const ENTRY = /^([A-Za-z_][A-Za-z0-9_.-]*):(?:[ \t]+(.*?))?[ \t]*$/;
/** A plain scalar the core schema reads as a string, optionally followed by a comment; or a simple quoted one. */
const PLAIN = /^([A-Za-z0-9][A-Za-z0-9._/-]*)(?:[ \t]+#.*)?$/;
const QUOTED = /^(?:"([A-Za-z0-9._/-]+)"|'([A-Za-z0-9._/-]+)')(?:[ \t]+#.*)?$/;
/** Plain scalars that YAML 1.2's core schema resolves to something other than a string. */
const NOT_A_STRING = /^(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

type Scalar = { readonly ok: true; readonly value: string } | { readonly ok: false };

function scalar(raw: string | undefined): Scalar {
  if (raw === undefined) return { ok: false };
  const quoted = QUOTED.exec(raw);
  if (quoted) return { ok: true, value: detached(quoted[1] ?? quoted[2]!) };
  const plain = PLAIN.exec(raw);
  if (!plain || NOT_A_STRING.test(plain[1]!)) return { ok: false };
  return { ok: true, value: detached(plain[1]!) };
}

/**
 * A copy that does not point into the file's text: V8 makes substrings of 13 characters and more "sliced" strings
 * that keep their whole parent alive, and a header outlives the text it was read from (releaseText).
 */
function detached(value: string): string {
  return (' ' + value).slice(1);
}

const isBlankOrComment = (line: string) => /^[ \t]*(?:#.*)?$/.test(line);
const indentOf = (line: string) => /^ */.exec(line)![0].length;

export function readHeader(segmentText: string): DocumentHeader | undefined {
  if (segmentText.charCodeAt(0) === 0xfeff) return undefined;
  // A lone `\r` breaks a line as `\n` does (the parser is given the same replacement, offsets are not used here).
  segmentText = loneCrAsLf(segmentText);
  const top = new Map<string, string | undefined>();
  const meta = new Map<string, string | undefined>();
  let metaIndent: number | undefined;
  let section: 'top' | 'metadata' | 'other' = 'top';
  let lastScalar: { indent: number } | undefined;
  let start = 0;
  for (let lineNumber = 0; start < segmentText.length; lineNumber++) {
    const newline = segmentText.indexOf('\n', start);
    const end = newline === -1 ? segmentText.length : newline;
    let line = segmentText.slice(start, end);
    start = end + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (lineNumber === 0 && /^---(?:[ \t]+#.*)?$/.test(line)) continue;
    if (isBlankOrComment(line)) continue;
    if (/^[ \t]*\t/.test(line)) return undefined;
    const indent = indentOf(line);
    // A line under a scalar we read would continue it (a multi-line plain scalar): not the simple layout.
    if (lastScalar && indent > lastScalar.indent) return undefined;
    lastScalar = undefined;
    if (section !== 'metadata' && top.has('apiVersion') && top.has('kind') && top.has('metadata')) break;
    if (indent === 0) {
      // Everything the header needs has been read; what follows cannot change it (a repeated key is a syntax error,
      // found by the parse when something reads the document).
      if (section === 'metadata' && top.has('apiVersion') && top.has('kind')) break;
      const entry = ENTRY.exec(line);
      if (!entry || top.has(entry[1]!)) return undefined;
      const [, key, value] = entry;
      top.set(key!, value);
      section = key === 'metadata' ? 'metadata' : 'other';
      if (key === 'metadata' && value !== undefined && !/^#/.test(value)) return undefined;
      if (key === 'apiVersion' || key === 'kind') lastScalar = { indent: 0 };
      continue;
    }
    // Content before the first key would make the document a nested mapping or an error: not the simple layout.
    if (section === 'top') return undefined;
    if (section !== 'metadata') continue;
    metaIndent ??= indent;
    if (indent < metaIndent) return undefined;
    if (indent > metaIndent) continue;
    const entry = ENTRY.exec(line.slice(indent));
    if (!entry) return undefined;
    const [, key, value] = entry;
    if (meta.has(key!)) return undefined;
    meta.set(key!, value);
    if (key === 'name' || key === 'namespace') lastScalar = { indent };
  }
  const apiVersion = scalar(top.get('apiVersion'));
  const kind = scalar(top.get('kind'));
  if (!apiVersion.ok || !kind.ok) return undefined;
  const field = (key: string): Scalar | undefined => (meta.has(key) ? scalar(meta.get(key)) : undefined);
  const name = field('name');
  const namespace = field('namespace');
  if (name?.ok === false || namespace?.ok === false) return undefined;
  return { apiVersion: apiVersion.value, kind: kind.value, name: name?.value, namespace: namespace?.value };
}
