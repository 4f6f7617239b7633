// Routes against the listeners they attach to (workspace/attachment.ts, the one attachment model): a route whose
// kind no matching listener takes (`route-kind-not-allowed`), and a hostname an HTTPS listener serves for a route
// that the certificate it presents does not cover (`route-hostname-not-covered`; workspace/servedCertificate.ts says
// what that certificate covers). The listener's own hostname is certificate-hostname-mismatch's business.
import type { Listener } from '../model/gateway';
import type { K8sObject } from '../model/object';
import { routeView, type ParentRef, type RouteView } from '../model/route';
import { allowedKinds, routeAttachments, type RouteAttachment, type ServedListener } from '../workspace/attachment';
import { servedCertificate, type ServedCertificate } from '../workspace/servedCertificate';
import { certificateCovers } from '../x509/hostnames';
import { listenerLabel } from './listeners/common';
import type { Finding, RelatedFinding, RuleFamily, WorkspaceContext } from './types';

/** This route's attachments only: an edit of another Gateway's listeners leaves its findings cached. */
function attachmentsOf(object: K8sObject, context: WorkspaceContext): readonly RouteAttachment[] {
  return routeAttachments(object, context);
}

/** `Gateway web/gw` or `ListenerSet web/extra`: where a listener is written. */
function ownerLabel(served: ServedListener): string {
  return `${served.owner.kind} ${served.ownerNamespace}/${served.owner.name ?? '?'}`;
}

function parentAnchor(parentRef: ParentRef): Finding['path'] {
  return [...parentRef.path, parentRef.sectionName !== undefined ? 'sectionName' : 'name'];
}

function listenerRelated(served: ServedListener, message: string, field?: 'protocol' | 'allowedRoutes' | 'hostname'): RelatedFinding {
  const { listener } = served;
  const path =
    field === 'allowedRoutes' && listener.allowedRoutes.kinds ? [...listener.allowedRoutes.path, 'kinds'] : field === 'protocol' ? [...listener.path, 'protocol'] : field === 'hostname' && listener.hostname !== undefined ? [...listener.path, 'hostname'] : [...listener.path, 'name'];
  return { object: served.owner, path, message, ...(field === 'allowedRoutes' && listener.allowedRoutes.kinds ? { part: 'key' as const } : {}) };
}

function describeKinds(listener: Listener): string {
  const kinds = allowedKinds(listener) ?? [];
  const list = kinds.length === 0 ? 'no route kind' : kinds.join(', ');
  return listener.allowedRoutes.kinds ? `allowedRoutes.kinds: ${list}` : `${listener.protocol ?? '?'}, takes ${list}`;
}

function kindNotAllowed(route: RouteView, object: K8sObject, context: WorkspaceContext): Finding[] {
  const findings: Finding[] = [];
  for (const attachment of attachmentsOf(object, context)) {
    const { result, parentRef } = attachment;
    if (result.kind !== 'not-allowed' || !result.listeners.every((l) => l.reason === 'kind')) continue;
    const listeners = result.listeners.map((l) => l.served);
    const names = listeners.map((s) => `${listenerLabel(s.listener)} (${describeKinds(s.listener)})`);
    const owner = ownerLabel(listeners[0]!);
    const hint = route.object.kind === 'TLSRoute' ? ' (a TLSRoute needs a TLS listener)' : listeners.some((s) => s.listener.protocol === 'TLS') ? ` (a TLS listener takes TLSRoute; attach the ${route.object.kind} to an HTTP or HTTPS listener)` : '';
    const message =
      `${route.object.kind} "${object.name ?? '?'}" cannot attach to ${owner}: ${names.join(' and ')} ${listeners.length > 1 ? 'do' : 'does'} not take ${route.object.kind}${hint}. ` +
      'The route gets Accepted=False, reason NotAllowedByListeners.';
    findings.push({
      code: 'route-kind-not-allowed',
      path: parentAnchor(parentRef),
      message,
      related: listeners.map((s) => listenerRelated(s, `${listenerLabel(s.listener)} of ${ownerLabel(s)}: ${describeKinds(s.listener)}`, s.listener.allowedRoutes.kinds ? 'allowedRoutes' : 'protocol')),
    });
  }
  return findings;
}

/** What the certificate is, in a few words, and where its names are written. */
function certificateSource(certificate: Exclude<ServedCertificate, { kind: 'unknown' }>): { label: string; related: RelatedFinding } {
  switch (certificate.kind) {
    case 'pem': {
      const label = `Secret ${certificate.secret.namespace}/${certificate.secret.name}`;
      return { label, related: { object: certificate.secret.object!, path: certificate.crtPath, message: `${label}: the certificate's DNS names ${certificate.names.join(', ') || '(none)'}` } };
    }
    case 'cert-manager': {
      const { view, record } = certificate;
      const label = `cert-manager Certificate ${record.namespace}/${view.object.name ?? '?'} (its ${view.namesFrom ?? 'names'})`;
      return { label, related: { object: view.object, path: view.namesPath ?? ['spec'], message: `${label}: ${view.names.join(', ') || '(none)'}` } };
    }
    case 'gateway-shim': {
      const label = `the certificate cert-manager issues for Secret ${certificate.record.namespace}/${certificate.record.name} from the Gateway's annotation (the listener hostnames)`;
      return { label, related: { object: certificate.gateway, path: certificate.record.path, message: `cert-manager issues ${certificate.record.name} for ${certificate.names.join(', ')}` } };
    }
  }
}

function hostnameNotCovered(_route: RouteView, object: K8sObject, context: WorkspaceContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const spec = object.value.spec as { hostnames?: unknown } | undefined;
  const written = Array.isArray(spec?.hostnames) ? spec.hostnames : [];
  for (const attachment of attachmentsOf(object, context)) {
    if (attachment.result.kind !== 'attached') continue;
    for (const { served, hostnames } of attachment.result.listeners) {
      if (served.listener.protocol !== 'HTTPS') continue;
      const own = served.listener.hostname?.toLowerCase();
      const names = hostnames.filter((h) => h.routeIndex !== undefined && h.hostname.toLowerCase() !== own);
      if (names.length === 0) continue;
      const certificate = servedCertificate(served, context);
      if (certificate.kind === 'unknown' || certificate.names.length === 0) continue;
      for (const { hostname, routeIndex } of names) {
        if (certificateCovers(certificate.names, hostname)) continue;
        const key = `${routeIndex}|${hostname}|${ownerLabel(served)}|${served.listener.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const source = certificateSource(certificate);
        const asWritten = written[routeIndex!];
        const via = typeof asWritten === 'string' && asWritten.toLowerCase() !== hostname.toLowerCase() ? ` (route hostname ${asWritten} narrowed by the listener hostname ${served.listener.hostname})` : '';
        const wildcard = hostname.startsWith('*.') ? 'a wildcard name is covered only by the identical wildcard SAN' : 'a SAN wildcard covers exactly one label';
        findings.push({
          code: 'route-hostname-not-covered',
          path: ['spec', 'hostnames', routeIndex!],
          message:
            `${listenerLabel(served.listener)[0]!.toUpperCase()}${listenerLabel(served.listener).slice(1)} of ${ownerLabel(served)} serves ${hostname} for this route${via}, ` +
            `but the certificate it presents, ${source.label}, covers ${certificate.names.join(', ')} (${wildcard}). Clients get a certificate name mismatch for ${hostname}.`,
          related: [listenerRelated(served, `${listenerLabel(served.listener)} of ${ownerLabel(served)}${served.listener.hostname ? ` (hostname ${served.listener.hostname})` : ' (no hostname)'}`, 'hostname'), source.related],
        });
      }
    }
  }
  return findings;
}

export const routeFamily: RuleFamily<RouteView> = {
  name: 'routes',
  view: routeView,
  workspaceRules: [
    { code: 'route-kind-not-allowed', check: kindNotAllowed },
    { code: 'route-hostname-not-covered', check: hostnameNotCovered },
  ],
};
