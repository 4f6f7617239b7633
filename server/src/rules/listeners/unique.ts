// Uniqueness inside one Gateway: listener names (CEL L5) and port + protocol + hostname (CEL L6, where an absent
// hostname is a value of its own). Each later listener is reported, with related information at the first.
import type { GatewayView, Listener } from '../../model/gateway';
import type { Finding } from '../types';
import { apiServerRejects, CEL, listenerAnchor, listenerLabel } from './common';

export function checkNameDuplicate(view: GatewayView): Finding[] {
  const first = new Map<string, Listener>();
  const findings: Finding[] = [];
  for (const listener of view.listeners) {
    const name = listener.name;
    if (!name) continue; // absent or "": the schema reports it
    const earlier = first.get(name);
    if (!earlier) {
      first.set(name, listener);
      continue;
    }
    findings.push({
      code: 'listener-name-duplicate',
      path: [...listener.path, 'name'],
      message:
        `listener name "${name}" is already used by spec.listeners[${earlier.index}]: ${apiServerRejects(CEL.L5)}. ` +
        'Rename one of them (routes pick a listener by this name in parentRefs[].sectionName).',
      related: [{ path: [...earlier.path, 'name'], message: `first listener named "${name}"` }],
      data: { firstIndex: earlier.index },
    });
  }
  return findings;
}

export function checkConflict(view: GatewayView): Finding[] {
  const first = new Map<string, Listener>();
  const findings: Finding[] = [];
  for (const listener of view.listeners) {
    const key = conflictKey(listener);
    if (key === undefined) continue;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, listener);
      continue;
    }
    const { port, protocol, hostname } = listener;
    const same =
      hostname === undefined
        ? `port ${port} and protocol ${protocol} of ${listenerLabel(earlier)}, and neither has a hostname`
        : `port ${port}, protocol ${protocol} and hostname "${hostname}" of ${listenerLabel(earlier)}`;
    const fix = protocol === 'TCP' || protocol === 'UDP' ? 'Change the port' : 'Change the port or the hostname';
    findings.push({
      code: 'listener-conflict',
      ...listenerAnchor(listener),
      message:
        `${listenerLabel(listener)} repeats ${same}: ${apiServerRejects(CEL.L6)}. Controllers that see both set ` +
        `Conflicted=True, reason HostnameConflict. ${fix}, or merge the two listeners.`,
      related: [{ ...listenerAnchor(earlier), message: `${listenerLabel(earlier)} uses the same port, protocol and hostname` }],
      data: { firstIndex: earlier.index },
    });
  }
  return findings;
}

/** undefined when a part is missing or of the wrong type: the schema reports that, and the listener cannot be compared. */
export function conflictKey(listener: Listener): string | undefined {
  const { port, protocol, hostname } = listener;
  if (port === undefined || !protocol) return undefined;
  if (listener.hasHostname && hostname === undefined) return undefined;
  return JSON.stringify([port, protocol, hostname ?? null]);
}
