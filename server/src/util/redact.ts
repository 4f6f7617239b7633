// The one guard between workspace text and what the product shows: every string the language service returns
// (diagnostic messages, hovers, code lens titles, symbol names, code action titles) goes through `redact`. Values
// echoed from manifests can be anything a user pasted, a private key included (a PEM block in `hostname: |`, a
// key as a namespace or an option key), so:
// - PEM private key blocks are masked whole (from BEGIN to END, or to the end of the key body when truncated);
// - runs of base64 characters that look like key material (long, mixed case, digits) are masked;
// - over-long words (an echoed value with no spaces) are cut short.
// Ordinary text (messages, certificate subjects, hostnames, paths, schema patterns) is left exactly as it is.

export const REDACTED_KEY = '[private key redacted]';
export const REDACTED_BLOB = '[redacted]';

/** A word (no whitespace) longer than this is an echoed value, not wording: shown cut to TRUNCATED_LENGTH. */
export const MAX_WORD_LENGTH = 200;
export const TRUNCATED_LENGTH = 60;

/** The shortest run of base64 characters that may be key material. */
const MIN_BLOB = 16;

// `-----BEGIN PRIVATE KEY-----`, `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN ENCRYPTED PRIVATE KEY-----`, …
// (never our own wording `-----BEGIN … PRIVATE KEY-----`, whose ellipsis is not a label character).
const HEADER = String.raw`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----`;
const FOOTER = String.raw`-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----`;
/** A whole block, header to footer (lines may have been joined, folded or escaped on the way). */
const BLOCK = new RegExp(`${HEADER}[\\s\\S]*?${FOOTER}`, 'g');
/**
 * A header without its footer (a value cut short by whoever echoed it): the header and the key body after it —
 * base64, whitespace, escaped line breaks, and the `Proc-Type:`/`DEK-Info:` lines of encrypted traditional keys.
 */
const LONE_HEADER = new RegExp(`${HEADER}(?:[A-Za-z0-9+/=\\s]|\\\\[nr]|(?:Proc-Type|DEK-Info):[^\\n]*)*`, 'g');
/** A stray footer (the start of the block was cut away): the key body before it goes with it. */
const LONE_FOOTER = new RegExp(`(?:[A-Za-z0-9+/=\\s]|\\\\[nr])*${FOOTER}`, 'g');
const BASE64_RUN = /[A-Za-z0-9+/]{16,}={0,2}/g;
const LONG_WORD = new RegExp(`[^\\s]{${MAX_WORD_LENGTH + 1},}`, 'g');

/** `text` with private keys and key-like blobs masked and over-long words cut short; ordinary text unchanged. */
export function redact(text: string): string {
  if (text.length < MIN_BLOB) return text;
  let out = text;
  if (out.includes('PRIVATE KEY-----')) {
    out = out.replace(BLOCK, REDACTED_KEY).replace(LONE_HEADER, (m) => REDACTED_KEY + trailingSpace(m));
    if (out.includes('-----END ')) out = out.replace(LONE_FOOTER, (m) => leadingSpace(m) + REDACTED_KEY);
  }
  out = out.replace(BASE64_RUN, (run) => (looksLikeKeyMaterial(run) ? REDACTED_BLOB : run));
  if (out.length > MAX_WORD_LENGTH) out = out.replace(LONG_WORD, (word) => `${word.slice(0, TRUNCATED_LENGTH)}…`);
  return out;
}

/** Whether a string has anything `redact` would mask or cut. */
export function needsRedaction(text: string): boolean {
  return redact(text) !== text;
}

/**
 * Random base64 (a key body, a base64-encoded PEM) against the words, identifiers and paths of our own text:
 * mixed case with digits or `+` (`InvalidCertificateRef`, `examples/broken` and hex fingerprints are not), or very
 * long mixed-case runs. A run with slashes whose every segment is short reads as a path (`gateways/Prod2/gw`).
 */
function looksLikeKeyMaterial(run: string): boolean {
  const body = run.replace(/=+$/, '');
  if (body.length < MIN_BLOB) return false;
  const upper = /[A-Z]/.test(body);
  const lower = /[a-z]/.test(body);
  if (!upper || !lower) return body.length >= 64 && /[0-9+/]/.test(body) && /[A-Za-z]/.test(body) && !/^[0-9a-fA-F]+$/.test(body) && !pathLike(body);
  if (body.includes('+')) return true;
  if (pathLike(body)) return false;
  if (/[0-9]/.test(body)) return true;
  return body.length >= 40;
}

function pathLike(body: string): boolean {
  return body.includes('/') && body.split('/').every((segment) => segment.length < MIN_BLOB);
}

function trailingSpace(match: string): string {
  return /\s$/.test(match) ? match.slice(match.search(/\s*$/)) : '';
}

function leadingSpace(match: string): string {
  return /^\s/.test(match) ? match.slice(0, match.search(/\S|$/)) : '';
}
