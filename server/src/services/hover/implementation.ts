// The implementation part of hovers on a Gateway: on `gatewayClassName`, which implementation (and version) the
// implementation checks assume and from which conformance report, or why none is known and how to name one; on a
// TLS listener's `name`, what that implementation's report says about each TLS feature the rules check. Which
// implementation serves the Gateway is workspace/implementation.ts's answer (servingGateway), never guessed here.
import { gatewayView, isGateway } from '../../model/gateway';
import { featureSupport, TLS_FEATURES, type ImplementationProfile, type TlsFeature } from '../../model/implementations';
import { isTlsListener } from '../../model/listenerPrecedence';
import type { K8sObject } from '../../model/object';
import { ANY_INDEX, matchPathPrefix } from '../../parser/locate';
import type { NodePath } from '../../parser/types';
import { servingGateway } from '../../workspace/implementation';
import type { ServiceContext } from '../context';
import { samePath } from '../cursor';

export const GATEWAY_CLASS_NAME: NodePath = ['spec', 'gatewayClassName'];
const LISTENER = ['spec', 'listeners', ANY_INDEX] as const;

/**
 * What each TLS feature is, in a few words. The report's feature names are not shown: the longest ones are single
 * 40-odd-letter words, which the redaction of every returned string (util/redact.ts) takes for key material.
 */
const FEATURE_LABELS = {
  BackendTLSPolicy: 'BackendTLSPolicy (TLS to backends)',
  BackendTLSPolicySANValidation: 'BackendTLSPolicy `subjectAltNames`',
  GatewayFrontendClientCertificateValidation: 'client certificate validation (`spec.tls.frontend`, mutual TLS)',
  GatewayFrontendClientCertificateValidationInsecureFallback: 'its `AllowInsecureFallback` mode',
  GatewayBackendClientCertificate: 'a client certificate to backends (`spec.tls.backend.clientCertificateRef`)',
  ListenerSet: 'ListenerSet listeners',
  TLSRouteModeTerminate: 'TLSRoute on a `tls.mode: Terminate` listener',
  TLSRouteModeMixed: 'Passthrough and Terminate TLS listeners on one port',
  GatewayHTTPSListenerDetectMisdirectedRequests: '421 Misdirected Request on a reused connection for another listener',
} as const satisfies Record<TlsFeature, string>;

const SYMBOL = { supported: '✓', unsupported: '✗', unreported: '–' } as const;
const WORD = { supported: 'supported', unsupported: 'unsupported', unreported: 'not reported' } as const;

/** "Envoy Gateway v1.9.0" (the version as the report gives it). */
export function profileLabel(profile: ImplementationProfile): string {
  return `${profile.name} ${profile.version}`;
}

/** Markdown on a Gateway's `gatewayClassName` (key or value): the implementation the checks assume, or why none. */
export function gatewayClassNameHover(object: K8sObject, path: NodePath, context: ServiceContext): string | undefined {
  if (!isGateway(object) || !samePath(path, GATEWAY_CLASS_NAME)) return undefined;
  const serving = servingGateway(object, context.workspace());
  switch (serving.kind) {
    case 'none':
      return '**Implementation checks are off**: `gatewayTls.implementation` is `none`, so no feature is reported unsupported for this Gateway.';
    case 'unknown':
      return [
        `**Implementation: unknown** — ${serving.why}.`,
        '',
        'No implementation check runs for this Gateway (nothing is guessed). To check it against an implementation\'s conformance report, ' +
          'set `gatewayTls.implementation` to its id (CLI: `--implementation ID`), or add its GatewayClass to the workspace.',
      ].join('\n');
    case 'known': {
      const p = serving.profile;
      return [
        `**Implementation: ${profileLabel(p)}** (\`${p.id}\`)`,
        '',
        `The implementation checks assume it: ${serving.how}.`,
        '',
        `From its [conformance report](${p.reportUrl}) of ${p.reportDate} (Gateway API ${p.gatewayApiVersion}). ` +
          'Another implementation or `none`: set `gatewayTls.implementation`.',
      ].join('\n');
    }
  }
}

/** Markdown on a TLS listener's `name` (key or value): the serving implementation's support for each TLS feature. */
export function listenerFeaturesHover(object: K8sObject, path: NodePath, context: ServiceContext): string | undefined {
  const match = matchPathPrefix(path, LISTENER);
  if (!match || match.rest.length !== 1 || match.rest[0] !== 'name') return undefined;
  const listener = gatewayView(object)?.listeners[match.indexes[0]!];
  if (!listener || !isTlsListener(listener)) return undefined;
  const serving = servingGateway(object, context.workspace());
  if (serving.kind !== 'known') return undefined;
  const p = serving.profile;
  const lines = (Object.keys(TLS_FEATURES) as TlsFeature[]).map((feature) => {
    const support = featureSupport(p, feature);
    return `- ${SYMBOL[support]} ${FEATURE_LABELS[feature]}${support === 'supported' ? '' : ` (${WORD[support]})`}`;
  });
  return [`**TLS features of ${profileLabel(p)}** ([report](${p.reportUrl}) of ${p.reportDate}): ✓ supported · ✗ unsupported · – not reported`, '', ...lines].join('\n');
}
