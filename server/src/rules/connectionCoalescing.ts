// `listener-connection-coalescing`: HTTPS listeners on one port with different certificates, where one listener's
// certificate also covers another listener's hostname (`*.example.com` with a wildcard certificate next to
// `foo.example.com` with its own). An HTTP/2 client holding a connection for bar.example.com may send a request for
// foo.example.com over it (the certificate covers it, the address is the same): the Gateway routes by SNI, so it
// reaches the wildcard listener, not foo's. Implementations that report
// GatewayHTTPSListenerDetectMisdirectedRequests answer 421 and the client retries on a new connection: silent then.
//
// Reported on the covered listener's hostname: its requests are the ones that go astray, and it always has one (a
// listener without hostname matches every name and cannot be told apart), while the covering listener may have none.
import { gatewayView, type GatewayView, type Listener } from '../model/gateway';
import { featureSupport } from '../model/implementations';
import type { K8sObject } from '../model/object';
import type { NodePath } from '../parser/types';
import { servingGateway } from '../workspace/implementation';
import { certificateOfResolution } from '../workspace/servedCertificate';
import { certificateCovers } from '../x509/hostnames';
import { resolveListenerRefs } from './certificateRefs/listenerRefs';
import { displayVersion } from './implementationFeatures';
import { listenerLabel } from './listeners/common';
import type { Finding, RuleFamily, WorkspaceContext, WorkspaceRule } from './types';

const FEATURE = 'GatewayHTTPSListenerDetectMisdirectedRequests';

/** The certificate a listener serves first: its Secret and the leaf's DNS names. */
interface CoalescingCertificate {
  readonly listener: Listener;
  readonly secret: K8sObject;
  readonly namespace: string;
  readonly name: string;
  readonly crtPath: NodePath;
  readonly dnsNames: readonly string[];
}

/** Each HTTPS listener's first certificateRef, resolved to a readable leaf; listeners whose certificate can't be read are left out. */
function servedCertificates(view: GatewayView, object: K8sObject, context: WorkspaceContext): CoalescingCertificate[] {
  const served = new Map<Listener, CoalescingCertificate>();
  for (const { listener, ref, resolutions } of resolveListenerRefs(view, object, context)) {
    if (served.has(listener) || listener.protocol !== 'HTTPS' || listener.tls?.certificateRefs[0] !== ref) continue;
    for (const resolution of resolutions) {
      // The one answer to "what does this certificate cover" (workspace/servedCertificate.ts); a parsed PEM only:
      // the finding points at the certificate that covers the other name.
      const certificate = certificateOfResolution(resolution);
      if (certificate.kind !== 'pem' || !certificate.secret.object) continue;
      const { secret } = certificate;
      served.set(listener, { listener, secret: secret.object!, namespace: secret.namespace, name: secret.name, crtPath: certificate.crtPath, dnsNames: certificate.names });
      break;
    }
  }
  return [...served.values()];
}

function coalescing(view: GatewayView, object: K8sObject, context: WorkspaceContext): Finding[] {
  const served = servedCertificates(view, object, context);
  if (served.length < 2) return [];
  const pairs: { covering: CoalescingCertificate; covered: CoalescingCertificate }[] = [];
  for (const covered of served) {
    const hostname = covered.listener.hostname;
    if (!hostname) continue;
    for (const covering of served) {
      if (covering === covered || covering.listener.port === undefined || covering.listener.port !== covered.listener.port) continue;
      if (covering.listener.hostname === hostname) continue; // a duplicate listener: the listener rules say so
      if (covering.namespace === covered.namespace && covering.name === covered.name) continue;
      if (certificateCovers(covering.dnsNames, hostname)) pairs.push({ covering, covered });
    }
  }
  if (pairs.length === 0) return [];
  const serving = servingGateway(object, context);
  if (serving.kind === 'none') return [];
  if (serving.kind === 'known' && featureSupport(serving.profile, FEATURE) === 'supported') return [];
  const why =
    serving.kind === 'known'
      ? `${serving.profile.name} ${displayVersion(serving.profile)} ${featureSupport(serving.profile, FEATURE) === 'unsupported' ? 'lists' : 'does not report'} ${FEATURE}${featureSupport(serving.profile, FEATURE) === 'unsupported' ? ' as unsupported' : ''} in its Gateway API ${serving.profile.gatewayApiVersion} conformance report (${serving.profile.reportDate}; ${serving.how}), so it is not known to answer 421 Misdirected Request, which makes the client retry on a new connection`
      : `The serving implementation is unknown (${serving.why}); implementations that support ${FEATURE} answer 421 Misdirected Request and the client retries on a new connection`;
  return pairs.map(({ covering, covered }): Finding => {
    const hostname = covered.listener.hostname!;
    const coveringLabel = listenerLabel(covering.listener);
    const coveredLabel = listenerLabel(covered.listener);
    const coveringNames = covering.listener.hostname ? `${covering.listener.hostname}` : 'every hostname';
    return {
      code: 'listener-connection-coalescing',
      path: [...covered.listener.path, 'hostname'],
      ...(serving.kind === 'unknown' ? { severity: 'info' as const } : {}),
      message:
        `${capitalize(coveredLabel)} (${hostname}) and ${coveringLabel} (${coveringNames}) share port ${covered.listener.port} with different certificates, and ` +
        `Secret ${covering.namespace}/${covering.name} of ${coveringLabel} also covers ${hostname}: an HTTP/2 client with a connection to another name of ${coveringLabel} ` +
        `may reuse it for ${hostname} (same address, a certificate that covers it) and reach ${coveringLabel} instead of this one. ${why}. ` +
        `Serve both hostnames with one certificate, give ${coveringLabel} a certificate that does not cover ${hostname}, or put the two on different addresses.`,
      related: [
        { path: covering.listener.hostname !== undefined ? [...covering.listener.path, 'hostname'] : covering.listener.path, ...(covering.listener.hostname !== undefined ? {} : { part: 'key' as const }), message: `${coveringLabel}, whose certificate covers ${hostname}` },
        { path: covered.listener.path, part: 'key', message: `${coveredLabel}, whose requests may reach ${coveringLabel}` },
        { object: covering.secret, path: covering.crtPath, part: 'key', message: `Secret ${covering.namespace}/${covering.name}: certificate for ${covering.dnsNames.join(', ')}` },
        { object: covered.secret, path: covered.crtPath, part: 'key', message: `Secret ${covered.namespace}/${covered.name}: certificate for ${covered.dnsNames.join(', ') || 'no DNS name'}` },
      ],
      data: serving.kind === 'known' ? { implementation: serving.profile.id, feature: FEATURE } : { feature: FEATURE },
    };
  });
}

function capitalize(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

const connectionCoalescing: WorkspaceRule<GatewayView> = { code: 'listener-connection-coalescing', check: coalescing };

export const connectionCoalescingFamily: RuleFamily<GatewayView> = {
  name: 'listener connection coalescing',
  view: gatewayView,
  workspaceRules: [connectionCoalescing],
};
