// Protocols: the core five, or an implementation's domain-prefixed name. Anything else passes the CRD (the
// pattern is not an enum) and gets `Accepted=False, reason UnsupportedProtocol` at runtime.
import type { Finding } from '../types';
import { CORE_PROTOCOLS, listenerLabel, perListener } from './common';

/** Well-known non-core names and where that traffic goes instead. */
const INSTEAD: ReadonlyMap<string, string> = new Map([
  ['GRPC', 'gRPC is served by HTTP and HTTPS listeners with a GRPCRoute'],
  ['GRPCS', 'gRPC is served by HTTP and HTTPS listeners with a GRPCRoute'],
  ['H2C', 'HTTP/2 without TLS is served by HTTP listeners'],
  ['HTTP2', 'HTTP/2 is served by HTTP and HTTPS listeners'],
]);

export const checkProtocolUnsupported = perListener((listener): Finding | undefined => {
  const protocol = listener.protocol;
  // Empty: the schema reports it. With a "/": an implementation protocol, whose shape the schema checks.
  if (!protocol || CORE_PROTOCOLS.includes(protocol) || protocol.includes('/')) return undefined;
  const path = [...listener.path, 'protocol'];
  const outcome = 'controllers set Accepted=False, reason UnsupportedProtocol';
  const who = listenerLabel(listener);
  const core = CORE_PROTOCOLS.find((p) => p === protocol.toUpperCase());
  if (core) {
    return {
      code: 'listener-protocol-unsupported',
      path,
      message: `${who} has protocol "${protocol}", which is not a core protocol (protocol names are case-sensitive): ${outcome}. Write ${core}.`,
      data: { replacement: core },
    };
  }
  const instead = INSTEAD.get(protocol.toUpperCase());
  const example = /^[A-Za-z0-9]+$/.test(protocol) ? protocol : 'NAME';
  return {
    code: 'listener-protocol-unsupported',
    path,
    message:
      `${who} has protocol "${protocol}", which is neither a core protocol (HTTP, HTTPS, TLS, TCP, UDP) nor ` +
      `domain-prefixed: ${outcome}. ${instead ? `${capitalize(instead)}; otherwise use` : 'Use'} a core protocol, or the ` +
      `domain-prefixed name your implementation documents (for example example.com/${example}).`,
  };
});

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
