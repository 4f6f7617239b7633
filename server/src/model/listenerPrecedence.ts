// Which listener of a Gateway serves which names: the spec's listener matching (reference §5.3), not TLS SAN
// rules. A wildcard listener hostname matches one or more labels; exact beats wildcard, a wildcard with more
// dots right of `*` beats one with fewer, and any hostname beats an absent one.
import type { GatewayView, Listener } from './gateway';

/** Whether a listener hostname (undefined: none) matches a requested name or a narrower listener hostname. */
export function listenerHostnameMatches(listenerHostname: string | undefined, name: string): boolean {
  if (listenerHostname === undefined || listenerHostname === '') return true;
  const h = listenerHostname.toLowerCase();
  const n = name.toLowerCase();
  if (!h.startsWith('*.')) return h === n;
  const suffix = h.slice(1); // ".example.com"
  return n.endsWith(suffix) && n.length > suffix.length;
}

/** Higher wins: exact hostnames, then wildcards by the number of dots after `*`, then no hostname. */
export function specificity(hostname: string | undefined): number {
  if (hostname === undefined || hostname === '') return 0;
  if (!hostname.startsWith('*.')) return 1000;
  return 1 + hostname.split('.').length - 1;
}

const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS']);

/** Listeners on the same port that take names away from `listener` because they are more specific. */
export function shadowingListeners(view: GatewayView, listener: Listener): Listener[] {
  if (listener.port === undefined || !TLS_PROTOCOLS.has(listener.protocol ?? '')) return [];
  const own = specificity(listener.hostname);
  return view.listeners.filter(
    (other) =>
      other !== listener &&
      other.port === listener.port &&
      TLS_PROTOCOLS.has(other.protocol ?? '') &&
      other.hostname !== undefined &&
      specificity(other.hostname) > own &&
      listenerHostnameMatches(listener.hostname, other.hostname.startsWith('*.') ? `x${other.hostname.slice(1)}` : other.hostname),
  );
}

/** Less specific listeners on the same port that would serve this listener's names if it were not there. */
export function shadowedListeners(view: GatewayView, listener: Listener): Listener[] {
  return view.listeners.filter((other) => other !== listener && shadowingListeners(view, other).includes(listener));
}

/** Listeners whose hostname decides which certificate a client gets (HTTPS and TLS). */
export function isTlsListener(listener: Listener): boolean {
  return TLS_PROTOCOLS.has(listener.protocol ?? '');
}
