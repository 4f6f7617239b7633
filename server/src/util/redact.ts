// The one guard between workspace text and what the product shows: every string the language service returns
// (diagnostic messages, hovers, code lens titles, symbol names, code action titles) goes through `redact`. Values
// echoed from manifests can be anything a user pasted, a private key included (a PEM block in `hostname: |`, a
// key as a namespace or an option key), so:
// - PEM private key blocks are masked whole (from BEGIN to END, or to the end of the key body when truncated);
// - runs of base64 characters that look like key material (long, mixed case, digits) are masked;
// - over-long words (an echoed value with no spaces) and over-long lines (one with spaces) are cut short.
// Ordinary text (messages, certificate subjects, hostnames, paths, schema patterns) is left exactly as it is.
import { TLS_FEATURES } from '../model/implementations';

export const REDACTED_KEY = '[private key redacted]';
export const REDACTED_BLOB = '[redacted]';

/** A word (no whitespace) longer than this is an echoed value, not wording: shown cut to TRUNCATED_LENGTH. */
export const MAX_WORD_LENGTH = 200;
export const TRUNCATED_LENGTH = 60;
/** A line longer than this holds an echoed value with spaces in it: cut there. */
export const MAX_LINE_LENGTH = 2000;

/** The shortest run of base64 characters that may be key material. */
const MIN_BLOB = 16;

// `-----BEGIN PRIVATE KEY-----`, `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN ENCRYPTED PRIVATE KEY-----`, …
// (never our own wording `-----BEGIN … PRIVATE KEY-----`, whose ellipsis is not a label character).
const HEADER = String.raw`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----`;
const FOOTER = String.raw`-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----`;
const HEADERS = new RegExp(HEADER, 'g');
const FOOTERS = new RegExp(FOOTER, 'g');
/** What a key body is made of: base64, whitespace, escaped line breaks (`\\n` in an echoed JSON string). */
const BODY_CHAR = /[A-Za-z0-9+/=\s\\]/;
/** The `Proc-Type:` and `DEK-Info:` lines of an encrypted traditional key, inside its body. */
const ENCRYPTION_HEADER = /^(?:Proc-Type|DEK-Info):[^\n]*/;
const BASE64_RUN = /[A-Za-z0-9+/]{16,}={0,2}/g;
const LONG_WORD = new RegExp(`[^\\s]{${MAX_WORD_LENGTH + 1},}`, 'g');

/** `text` with private keys and key-like blobs masked and over-long words cut short; ordinary text unchanged. */
export function redact(text: string): string {
  let out = maskKeys(text);
  if (out.length > MAX_WORD_LENGTH) out = out.replace(LONG_WORD, (word) => `${word.slice(0, TRUNCATED_LENGTH)}…`);
  if (out.length > MAX_LINE_LENGTH) out = out.split('\n').map((line) => (line.length > MAX_LINE_LENGTH + 1 ? `${line.slice(0, MAX_LINE_LENGTH)}…` : line)).join('\n');
  return out;
}

/**
 * Whether `text` holds anything that looks like key material. For text that would be written into a file (a
 * completion, a fix's edit), where masking would be wrong and long words are fine: such an item is not offered.
 */
export function containsKeyMaterial(text: string): boolean {
  return maskKeys(text) !== text;
}

function maskKeys(text: string): string {
  if (text.length < MIN_BLOB) return text;
  const out = text.includes('PRIVATE KEY-----') ? maskPem(text) : text;
  return out.replace(BASE64_RUN, (run) => (looksLikeKeyMaterial(run) ? REDACTED_BLOB : run));
}

/**
 * Every PEM private key: header to footer (lines may have been joined, folded or escaped on the way); a header
 * without footer (a value cut short by whoever echoed it) with the key body after it; a footer without header with
 * the key body before it. One pass, linear in the text (hostile text must not make a hover slow).
 */
function maskPem(text: string): string {
  let out = '';
  let done = 0;
  let footers = true;
  HEADERS.lastIndex = 0;
  for (let header = HEADERS.exec(text); header; header = HEADERS.exec(text)) {
    const bodyStart = header.index + header[0].length;
    let end: number;
    let footer: RegExpExecArray | null = null;
    if (footers) {
      FOOTERS.lastIndex = bodyStart;
      footer = FOOTERS.exec(text);
      footers = footer !== null;
    }
    if (footer) {
      end = footer.index + footer[0].length;
    } else {
      end = bodyStart;
      for (;;) {
        const encryption = text[end - 1] === '\n' || end === bodyStart ? ENCRYPTION_HEADER.exec(text.slice(end, end + 200)) : null;
        if (encryption) end += encryption[0].length;
        else if (end < text.length && BODY_CHAR.test(text[end]!)) end++;
        else break;
      }
      while (end > bodyStart && /\s/.test(text[end - 1]!)) end--;
    }
    out += text.slice(done, header.index) + REDACTED_KEY;
    done = end;
    HEADERS.lastIndex = end;
  }
  out += text.slice(done);
  return out.includes('-----END ') ? maskLoneFooters(out) : out;
}

/** Each footer left, with the key body before it (walked back from the footer); leading whitespace is kept. */
function maskLoneFooters(text: string): string {
  let out = '';
  let done = 0;
  FOOTERS.lastIndex = 0;
  for (let footer = FOOTERS.exec(text); footer; footer = FOOTERS.exec(text)) {
    let start = footer.index;
    while (start > done && BODY_CHAR.test(text[start - 1]!)) start--;
    while (start < footer.index && /\s/.test(text[start]!)) start++;
    out += text.slice(done, start) + REDACTED_KEY;
    done = footer.index + footer[0].length;
  }
  return out + text.slice(done);
}

/**
 * Random base64 (a key body, a base64-encoded PEM) against the words, identifiers and paths of our own text:
 * mixed case with digits or `+` (`InvalidCertificateRef`, `examples/broken` and hex fingerprints are not), or very
 * long mixed-case runs. A run with slashes whose every segment is short reads as a path (`gateways/Prod2/gw`).
 */
function looksLikeKeyMaterial(run: string): boolean {
  const body = run.replace(/=+$/, '');
  if (body.length < MIN_BLOB) return false;
  // Our own wording: conformance feature names are long camel-case words (GatewayFrontendClientCertificateValidation).
  if (Object.prototype.hasOwnProperty.call(TLS_FEATURES, body)) return false;
  const upper = /[A-Z]/.test(body);
  const lower = /[a-z]/.test(body);
  if (!upper || !lower) return body.length >= 64 && /[0-9+/]/.test(body) && /[A-Za-z]/.test(body) && !/^[0-9a-fA-F]+$/.test(body) && !pathLike(body);
  if (body.includes('+')) return true;
  if (pathLike(body)) return false;
  if (/[0-9]/.test(body)) return true;
  // A slash path of words (a kustomize field path `spec/tls/backend/clientCertificateRef/name`): no digits, no `+`.
  if (body.includes('/') && body.split('/').every((segment) => /^[A-Za-z]*$/.test(segment))) return false;
  return body.length >= 40;
}

function pathLike(body: string): boolean {
  return body.includes('/') && body.split('/').every((segment) => segment.length < MIN_BLOB);
}
