// What the listener rules share: how a message names a listener, where a finding about a whole listener goes,
// and the exact CEL messages of the Gateway CRD (v1.6.1) that the API server answers with.
import type { GatewayView, Listener } from '../../model/gateway';
import type { NodePart, NodePath } from '../../parser/types';
import type { Finding } from '../types';

export const CORE_PROTOCOLS: readonly string[] = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'];

/** The CRD's CEL messages, quoted exactly (reference §2.2): users search for them. */
export const CEL = {
  L1: "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
  L2: 'tls mode must be Terminate for protocol HTTPS',
  L3: 'tls mode must be set for protocol TLS',
  L4: "hostname must not be specified for protocols ['TCP', 'UDP']",
  L5: 'Listener name must be unique within the Gateway',
  L6: 'Combination of port, protocol and hostname must be unique for each listener',
  T1: 'certificateRefs or options must be specified when mode is Terminate',
} as const;

export function apiServerRejects(celMessage: string): string {
  return `the API server rejects it: ${celMessage}`;
}

/** `listener "web"`, or its position when it has no usable name. */
export function listenerLabel(listener: Listener): string {
  return listener.name ? `listener "${listener.name}"` : `the unnamed listener spec.listeners[${listener.index}]`;
}

/** `HTTPS listener "web"` when the protocol is known, so the message says why the rule applies. */
export function protocolLabel(listener: Listener): string {
  const label = listenerLabel(listener);
  if (!listener.protocol) return label;
  return listener.name ? `${listener.protocol} ${label}` : `${label} (protocol ${listener.protocol})`;
}

/** Where a finding about a whole listener goes: its `name` value, or its first key when it has no name. */
export function listenerAnchor(listener: Listener): { path: NodePath; part: NodePart } {
  return listener.name !== undefined ? { path: [...listener.path, 'name'], part: 'value' } : { path: listener.path, part: 'key' };
}

/** Lifts a check of one listener to a check of the Gateway. */
export function perListener(check: (listener: Listener) => Finding | readonly Finding[] | undefined): (view: GatewayView) => Finding[] {
  return (view) => view.listeners.flatMap((listener) => check(listener) ?? []);
}
