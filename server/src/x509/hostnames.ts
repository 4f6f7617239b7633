// Does a certificate cover a listener hostname? TLS name rules (RFC 6125), not Gateway listener matching: a SAN
// `*.example.com` covers exactly one label; a wildcard listener needs the same wildcard SAN; CN is not used.

export function sanCovers(san: string, hostname: string): boolean {
  const s = san.toLowerCase().replace(/\.$/, '');
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (s === h) return true;
  if (h.startsWith('*.')) return false; // only the identical wildcard SAN covers a wildcard listener
  if (!s.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === s.slice(2);
}

export function certificateCovers(dnsNames: readonly string[], hostname: string): boolean {
  return dnsNames.some((san) => sanCovers(san, hostname));
}
