// Hostname and IP address helpers shared by the listener rules (and hostname precedence and SAN matching).
import { isIPv4 as netIsIPv4, isIPv6 as netIsIPv6 } from 'node:net';

/** A lower-case RFC 1123 DNS subdomain (`example.com`, `a-b.c`), at most 253 characters. No wildcard. */
export function isDnsSubdomain(text: string): boolean {
  return text.length > 0 && text.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(text);
}

/** Dotted-quad IPv4 (`10.0.0.1`). */
export function isIPv4(text: string): boolean {
  // Cheap test first: this runs for every listener hostname, and nearly none is an address.
  return /^\d/.test(text) && netIsIPv4(text);
}

/** IPv6 in any text form (`::1`, `2001:db8::1`, `::ffff:10.0.0.1`), optionally bracketed or with a zone. */
export function isIPv6(text: string): boolean {
  if (!text.includes(':')) return false;
  const bare = text.length > 2 && text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return netIsIPv6(bare);
}

export function isIPAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}
