// ListenerSet rules that look at the parent Gateway (the listeners themselves get every listener rule, as a
// Gateway's do: rules/listeners.ts): whether the Gateway's `spec.allowedListeners` admits the ListenerSet at all
// (`listenerset-not-allowed`), and listeners that repeat one the Gateway, or an older ListenerSet, already has on the
// same port (`listener-conflict` as a warning: the API server accepts each object, the controller marks the later
// listener Conflicted). Admission and precedence are the attachment model's (workspace/attachment.ts).
import type { Listener } from '../model/gateway';
import { listenerSetView, type ListenerSetView } from '../model/listenerSet';
import { isRecord, type K8sObject } from '../model/object';
import { attachments, type ServedListener } from '../workspace/attachment';
import { listenerAnchor, listenerLabel } from './listeners/common';
import { conflictKey } from './listeners/unique';
import type { Finding, RuleFamily, WorkspaceRule } from './types';

/** What each `allowedListeners.namespaces.from` value admits, for the message. */
const FROM_WORDS: Readonly<Record<string, string>> = {
  None: 'admits no ListenerSets',
  Same: "admits only ListenerSets in the Gateway's own namespace",
  Selector: 'admits only ListenerSets in namespaces whose labels match spec.allowedListeners.namespaces.selector',
};

const notAllowed: WorkspaceRule<ListenerSetView> = {
  code: 'listenerset-not-allowed',
  check: (view, object, context) => {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const a of attachments(context).listenerSets) {
      if (a.listenerSet.object !== object || !a.gateway || a.admission !== 'not-admitted') continue;
      const gateway = a.gateway;
      const setting = allowedListeners(gateway.object);
      const gatewayName = `${gateway.namespace.namespace}/${gateway.object.name ?? '?'}`;
      const namespace = a.listenerSet.namespace.namespace;
      const setWords = setting.written ? `spec.allowedListeners.namespaces.from is ${setting.from}` : 'spec.allowedListeners is not set (namespaces.from defaults to None)';
      const why =
        setting.from === 'Same'
          ? `, and this ${object.kind} is in namespace ${namespace}, not ${gateway.namespace.namespace}`
          : setting.from === 'Selector'
            ? `, and namespace ${namespace} does not match it`
            : '';
      const fix =
        setting.from === 'None'
          ? `Set spec.allowedListeners.namespaces.from on the Gateway to Same (ListenerSets in ${gateway.namespace.namespace}), All or Selector.`
          : setting.from === 'Same'
            ? `Move the ${object.kind} to namespace ${gateway.namespace.namespace}, or set the Gateway's spec.allowedListeners.namespaces.from to All or Selector.`
            : `Label namespace ${namespace} to match the selector, or widen the Gateway's spec.allowedListeners.`;
      const message =
        `Gateway ${gatewayName} does not admit this ${object.kind}: its ${setWords}, which ${FROM_WORDS[setting.from] ?? 'admits no ListenerSets'}${why}. ` +
        `The controller sets Accepted=False, reason NotAllowed, on the ${object.kind}, and none of its listeners is served. ${fix}`;
      if (seen.has(message)) continue;
      seen.add(message);
      findings.push({
        code: 'listenerset-not-allowed',
        path: view.parentRef?.name !== undefined ? ['spec', 'parentRef', 'name'] : ['spec', 'parentRef'],
        message,
        related: [{ object: gateway.object, path: setting.written ? ['spec', 'allowedListeners'] : ['metadata', 'name'], message: `Gateway ${gatewayName}: ${setWords}` }],
      });
    }
    return findings;
  },
};

function allowedListeners(gateway: K8sObject): { from: string; written: boolean } {
  const spec = isRecord(gateway.value.spec) ? gateway.value.spec : {};
  const allowed = isRecord(spec.allowedListeners) && isRecord(spec.allowedListeners.namespaces) ? spec.allowedListeners.namespaces : undefined;
  return typeof allowed?.from === 'string' ? { from: allowed.from, written: true } : { from: 'None', written: false };
}

/** Listeners sharing a port must speak compatible protocols: HTTPS and TLS share TLS with SNI; HTTP, TCP and UDP stand alone. */
const FAMILY: Readonly<Record<string, string>> = { HTTP: 'HTTP', HTTPS: 'TLS', TLS: 'TLS', TCP: 'TCP', UDP: 'UDP' };

type Conflict = { reason: 'HostnameConflict' | 'ProtocolConflict'; winner: ServedListener };

/** The first listener ahead of `listener` in the Gateway's precedence (its own, then older ListenerSets') it conflicts with. */
function conflictOf(listener: Listener, rank: number, served: readonly ServedListener[], object: K8sObject): Conflict | undefined {
  const key = conflictKey(listener);
  if (key === undefined) return undefined;
  for (const other of served) {
    if (other.rank >= rank || other.owner === object) continue;
    const o = other.listener;
    if (o.port !== listener.port || !o.protocol) continue;
    if (o.protocol === listener.protocol) {
      // The key of CEL L6, as within one Gateway (rules/listeners/unique.ts): port, protocol and hostname.
      if (conflictKey(o) === key) return { reason: 'HostnameConflict', winner: other };
      continue;
    }
    const a = FAMILY[listener.protocol!];
    const b = FAMILY[o.protocol];
    // Domain-prefixed protocols: the implementation's to say. UDP shares port numbers with TCP-based protocols.
    if (!a || !b || a === b || a === 'UDP' || b === 'UDP') continue;
    return { reason: 'ProtocolConflict', winner: other };
  }
  return undefined;
}

const conflictsWithParent: WorkspaceRule<ListenerSetView> = {
  code: 'listener-conflict',
  check: (_view, object, context) => {
    const model = attachments(context);
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const a of model.listenerSets) {
      if (a.listenerSet.object !== object || !a.gateway || a.admission === 'not-admitted') continue;
      const served = model.listenersOf(a.gateway.object);
      for (const mine of served) {
        if (mine.owner !== object) continue;
        const conflict = conflictOf(mine.listener, mine.rank, served, object);
        if (!conflict) continue;
        const finding = conflictFinding(mine.listener, conflict, object);
        if (seen.has(finding.message)) continue;
        seen.add(finding.message);
        findings.push(finding);
      }
    }
    return findings;
  },
};

function conflictFinding(listener: Listener, { reason, winner }: Conflict, object: K8sObject): Finding {
  const w = winner.listener;
  const owner = `${winner.owner.kind} ${winner.ownerNamespace}/${winner.owner.name ?? '?'}`;
  const theirs = `${listenerLabel(w)} of ${owner}`;
  const what =
    reason === 'HostnameConflict'
      ? listener.protocol === 'TCP' || listener.protocol === 'UDP'
        ? `port ${listener.port} and protocol ${listener.protocol} of ${theirs}`
        : listener.hostname === undefined
          ? `port ${listener.port} and protocol ${listener.protocol} of ${theirs}, and neither has a hostname`
          : `port ${listener.port}, protocol ${listener.protocol} and hostname "${listener.hostname}" of ${theirs}`
      : `port ${listener.port} of ${theirs}, which speaks ${w.protocol}, not ${listener.protocol}`;
  const wins = winner.fromListenerSet ? `${owner} is older, so its listener wins` : "the Gateway's own listeners win";
  const fix = reason === 'ProtocolConflict' || listener.protocol === 'TCP' || listener.protocol === 'UDP' ? 'Use another port' : 'Change the port or the hostname';
  const label = listenerLabel(listener);
  return {
    code: 'listener-conflict',
    severity: 'warning',
    ...listenerAnchor(listener),
    message:
      `${label.charAt(0).toUpperCase()}${label.slice(1)} repeats ${what}. The API server accepts both objects, but ${wins}: ` +
      `the controller sets Conflicted=True, reason ${reason}, on this ${object.kind}'s listener (Accepted=False), and it serves nothing. ${fix}.`,
    related: [{ object: winner.owner, ...listenerAnchor(w), message: `${theirs} takes precedence on port ${w.port}` }],
  };
}

export const listenerSetFamily: RuleFamily<ListenerSetView> = {
  name: 'listener sets',
  view: listenerSetView,
  workspaceRules: [notAllowed, conflictsWithParent],
};
