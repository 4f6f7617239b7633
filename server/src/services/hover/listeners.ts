// The precedence part of a hover on a listener's hostname: which names this listener really serves once the other
// listeners on its port have taken theirs (model/listenerPrecedence.ts: the spec's listener matching, reference
// §5.3, not TLS SAN rules). A listener without a hostname has no `hostname` to hover, so it gets the text on its
// `name` instead.
import { servedCertificateRefs, type GatewayView, type Listener } from '../../model/gateway';
import { listenerOwnerView } from '../../model/listenerSet';
import type { K8sObject } from '../../model/object';
import { isTlsListener, shadowedListeners, shadowingListeners, specificity } from '../../model/listenerPrecedence';
import { ANY_INDEX, matchPathPrefix } from '../../parser/locate';
import type { NodePath } from '../../parser/types';
import { listenerName } from './wording';

const LISTENER = ['spec', 'listeners', ANY_INDEX] as const;

/** Markdown about what the listener at `path` serves, or undefined when `path` is not its hostname (or name). */
export function listenerHostnameHover(object: K8sObject, path: NodePath): string | undefined {
  const match = matchPathPrefix(path, LISTENER);
  if (!match || match.rest.length !== 1) return undefined;
  const view = listenerOwnerView(object);
  const listener = view?.listeners[match.indexes[0]!];
  if (!view || !listener || !isTlsListener(listener)) return undefined;
  const field = match.rest[0];
  const hostname = listener.hostname || undefined;
  if (field !== 'hostname' && !(field === 'name' && hostname === undefined)) return undefined;
  const text = precedenceText(view, listener, hostname);
  // Among the Gateway's listeners, its own come first, then ListenerSets' by creation time (reference §2.4).
  return view.kind === 'Gateway' ? text : `${text} (Among this ${view.kind}'s listeners; on a tie, the parent Gateway's listeners and those of older ListenerSets come first.)`;
}

function precedenceText(view: GatewayView, listener: Listener, hostname: string | undefined): string {
  const who = `L${listenerName(listener).slice(1)} (port ${listener.port ?? '?'})`;
  const claims = byPrecedence(shadowingListeners(view, listener));
  if (hostname === undefined) {
    if (claims.length === 0) return `${who} serves every name on port ${listener.port ?? '?'}: no other HTTPS or TLS listener on the port has a hostname.`;
    const others = claims.map((o) => `${listenerName(o)} claims \`${o.hostname}\``).join(', ');
    return `${who} serves every name on port ${listener.port ?? '?'} that no other listener claims (${others}).`;
  }
  const over = byPrecedence(shadowedListeners(view, listener));
  const overNames = over.map((o) => `${listenerName(o)} (${o.hostname ? `\`${o.hostname}\`` : 'no hostname'})`).join(' and ');
  if (!hostname.startsWith('*.')) {
    // An exact hostname is never shadowed; what matters is whom it takes the name from.
    if (over.length === 0) return `${who} serves \`${hostname}\`; no other listener on the port matches it.`;
    return `${who} takes precedence over ${overNames} for \`${hostname}\`.`;
  }
  const domain = hostname.slice(2);
  const except = claims.map((o) => `${namesOf(o.hostname!)}, which ${listenerName(o)} ${servesWith(o)}`).join('; and ');
  const sentences = [`${who} serves every name under \`${domain}\`${except ? ` except ${except}` : ''}.`];
  if (over.length > 0) sentences.push(`It takes precedence over ${overNames} for those names.`);
  // The two wildcard rules differ; people mix them up when choosing the certificate for a wildcard listener.
  sentences.push(`Listener matching lets \`*\` stand for one or more labels (\`a.b.${domain}\` too); a \`${hostname}\` certificate covers only one (\`a.${domain}\`).`);
  return sentences.join(' ');
}

/** Most specific first (the order a controller matches in), then as written. */
function byPrecedence(listeners: Listener[]): Listener[] {
  return [...listeners].sort((a, b) => specificity(b.hostname) - specificity(a.hostname) || a.index - b.index);
}

function namesOf(hostname: string): string {
  return hostname.startsWith('*.') ? `names under \`${hostname.slice(2)}\`` : `\`${hostname}\``;
}

/** "serves with `foo-cert`", "passes through (no certificate)". Refs as written: the ref hover resolves them. */
function servesWith(listener: Listener): string {
  const refs = servedCertificateRefs(listener).filter((r) => r.name !== undefined);
  if (refs.length > 0) return `serves with ${refs.map((r) => `\`${r.namespace ? `${r.namespace}/` : ''}${r.name}\``).join(' and ')}`;
  if (listener.tls?.mode === 'Passthrough') return 'passes through (no certificate)';
  return 'serves (it names no certificate)';
}
