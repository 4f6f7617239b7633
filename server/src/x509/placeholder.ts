// Placeholders that documentation puts where a certificate or key goes: `<base64-cert>`, `REPLACE_ME`, `CHANGEME`,
// `xxx`, `${TLS_CRT}`, and base64 or PEM cut short with `...` (base64 and PEM bodies never contain a dot). They are
// not broken certificates but text waiting to be replaced: one warning per Secret says so.

const WORDS =
  /^(?:replace[-_ ]?me|change[-_ ]?me|change[-_ ]?it|todo|tbd|fixme|placeholder|redacted|dummy|fake|example|secret|base64|x{3,}|\.{3}|…|(?:base64[-_ ]?)?(?:encoded[-_ ]?)?(?:tls[-_.]?)?(?:cert(?:ificate)?|crt|key|private[-_ ]?key)(?:[-_ ]?(?:here|data|base64|goes[-_ ]?here))?|(?:your|my)[-_ ].*|insert[-_ ].*|put[-_ ].*|paste[-_ ].*)$/i;

/** Whether a Secret value (as written, or decoded from base64) is an obvious placeholder rather than content. */
export function isPlaceholder(raw: string): boolean {
  const value = raw.trim();
  if (value === '') return false;
  if (/^<[^<>\n]*>$/.test(value)) return true;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value)) return true;
  if (/^\{\{[^{}\n]*\}\}$/.test(value)) return true;
  if (WORDS.test(value)) return true;
  if (/\.\.\.|…/.test(value)) {
    // base64 cut short (`LS0tLS1CRUdJTi...`), or a PEM block whose body is elided (`-----BEGIN CERTIFICATE-----\n...`).
    if (/^[A-Za-z0-9+/=\s.…]*$/.test(value)) return true;
    if (/-----BEGIN [A-Z0-9 ]+-----/.test(value)) return true;
  }
  return false;
}
