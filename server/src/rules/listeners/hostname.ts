// Listener hostnames: none on TCP/UDP (CEL L4), and never an IP address (spec text; the CRD pattern lets IPv4
// through, so only this rule catches it).
import { isIPv4, isIPv6 } from '../../model/hostname';
import type { Finding } from '../types';
import { apiServerRejects, CEL, listenerLabel, perListener, protocolLabel } from './common';

export const checkHostnameNotAllowed = perListener((listener): Finding | undefined => {
  const { hostname, protocol } = listener;
  // "" passes L4 (and the schema rejects it); a non-string hostname is the schema's to report.
  if (!hostname) return undefined;
  const path = [...listener.path, 'hostname'];
  if (protocol === 'TCP' || protocol === 'UDP') {
    const instead = protocol === 'TCP' ? 'Remove hostname, or use protocol TLS to route on the TLS server name (SNI).' : 'Remove hostname.';
    return {
      code: 'listener-hostname-not-allowed',
      path,
      message: `${protocolLabel(listener)} has hostname "${hostname}", but ${protocol} listeners cannot match on hostnames: ${apiServerRejects(CEL.L4)}. ${instead}`,
    };
  }
  const v6 = isIPv6(hostname);
  if (!v6 && !isIPv4(hostname)) return undefined;
  const sni = protocol === 'HTTPS' || protocol === 'TLS' ? ', and TLS clients never send an IP address as server name (SNI)' : '';
  const outcome = v6
    ? 'the API server rejects it (the hostname pattern allows no ":")'
    : `the API server accepts it only because the CRD pattern lets IPv4 through${sni}`;
  return {
    code: 'listener-hostname-not-allowed',
    path,
    message:
      `${listenerLabel(listener)} has the IP address "${hostname}" as hostname, but Gateway API listener hostnames must ` +
      `be DNS names: ${outcome}. Use a DNS name, or remove hostname to accept every host (addresses belong in spec.addresses).`,
  };
});
