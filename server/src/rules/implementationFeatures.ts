// `feature-unsupported`: a TLS feature the serving implementation's upstream conformance report lists as
// unsupported. A table, one row per feature: the kind it is written in, where the manifest uses it, and what the
// controller then does. Only an explicit "unsupported" counts: no report, an unknown implementation or the setting
// `none` make no finding (no guesses). The serving implementation comes from workspace/implementation.ts: a
// Gateway's class, a ListenerSet's parent Gateway, a BackendTLSPolicy's Gateways through the routes to its target.
import { backendTlsPolicyView, type BackendTlsPolicyView } from '../model/backendTlsPolicy';
import { GATEWAY_GROUP, gatewayView, type GatewayView, type Listener } from '../model/gateway';
import { gatewayTls } from '../model/gatewayTls';
import { featureSupport, profileById, type ImplementationProfile, type TlsFeature } from '../model/implementations';
import { isRecord, type K8sObject } from '../model/object';
import type { NodePart, NodePath } from '../parser/types';
import { servingGateway, servingPolicy, type Serving } from '../workspace/implementation';
import type { Finding, RuleFamily, WorkspaceContext, WorkspaceRule } from './types';

const EXPERIMENTAL_GROUP = 'gateway.networking.x-k8s.io';

/** The objects the table reads, each with the view its detectors need. */
export type FeatureSubject =
  | { readonly kind: 'Gateway'; readonly object: K8sObject; readonly gateway: GatewayView }
  | { readonly kind: 'BackendTLSPolicy'; readonly object: K8sObject; readonly policy: BackendTlsPolicyView }
  | { readonly kind: 'ListenerSet'; readonly object: K8sObject };

type SubjectKind = FeatureSubject['kind'];

interface Use {
  readonly path: NodePath;
  readonly part?: NodePart;
}

interface FeatureRow<K extends SubjectKind = SubjectKind> {
  readonly feature: TlsFeature;
  readonly kind: K;
  /** What the user wrote, as the object of "does not support …". */
  readonly label: string;
  /** Where the object uses the feature; empty when it does not. */
  readonly detect: (subject: Extract<FeatureSubject, { kind: K }>) => readonly Use[];
  /** What the controller then does, one sentence without the full stop. */
  readonly consequence: string;
  /** A feature this one is part of: when that one is unsupported too, its finding says it all (one problem, one diagnostic). */
  readonly within?: TlsFeature;
}

function row<K extends SubjectKind>(r: FeatureRow<K>): FeatureRow {
  return r as unknown as FeatureRow;
}

/** TLS listeners (of a Gateway) whose mode is Terminate, written or defaulted; only those with a `tls` map. */
function tlsListeners(view: GatewayView): Listener[] {
  return view.listeners.filter((l) => l.protocol === 'TLS' && l.tls !== undefined);
}

function modeUse(listener: Listener): Use {
  return listener.tls!.modeWritten ? { path: [...listener.tls!.path, 'mode'] } : { path: listener.tls!.path, part: 'key' };
}

/** On each port with TLS listeners in both modes, the first listener whose mode differs from the port's first one. */
function mixedModes(view: GatewayView): Use[] {
  const byPort = new Map<number, Listener[]>();
  for (const l of tlsListeners(view)) {
    if (l.port === undefined || (l.tls!.mode !== 'Terminate' && l.tls!.mode !== 'Passthrough')) continue;
    byPort.set(l.port, [...(byPort.get(l.port) ?? []), l]);
  }
  return [...byPort.values()].flatMap((list) => {
    const second = list.find((l) => l.tls!.mode !== list[0]!.tls!.mode);
    return second ? [modeUse(second)] : [];
  });
}

export const FEATURE_ROWS: readonly FeatureRow[] = [
  row({
    feature: 'BackendTLSPolicy',
    kind: 'BackendTLSPolicy',
    label: 'BackendTLSPolicy',
    detect: () => [{ path: ['kind'] }],
    consequence: 'The policy is likely ignored: the Gateway connects to the backend without TLS (or rejects the policy), and a backend that expects TLS refuses the connection',
  }),
  row({
    feature: 'BackendTLSPolicySANValidation',
    kind: 'BackendTLSPolicy',
    label: 'BackendTLSPolicy subjectAltNames',
    within: 'BackendTLSPolicy',
    detect: ({ policy }) => (policy.blockPath && policy.subjectAltNames.length > 0 ? [{ path: [...policy.blockPath, 'subjectAltNames'], part: 'key' }] : []),
    consequence: 'The backend certificate may be checked against the hostname only, or the policy rejected, so backends whose certificate carries only these names fail the handshake',
  }),
  row({
    feature: 'GatewayFrontendClientCertificateValidation',
    kind: 'Gateway',
    label: 'client certificate validation (spec.tls.frontend)',
    detect: ({ object }) => {
      const spec = isRecord(object.value.spec) ? object.value.spec : {};
      return isRecord(spec.tls) && isRecord(spec.tls.frontend) ? [{ path: ['spec', 'tls', 'frontend'], part: 'key' }] : [];
    },
    consequence: 'Clients are likely not asked for a certificate: the listeners accept connections without mutual TLS',
  }),
  row({
    feature: 'GatewayFrontendClientCertificateValidationInsecureFallback',
    kind: 'Gateway',
    label: 'frontend validation mode AllowInsecureFallback',
    within: 'GatewayFrontendClientCertificateValidation',
    detect: ({ gateway }) => (gatewayTls(gateway)?.frontend ?? []).flatMap((scope) => (scope.mode?.value === 'AllowInsecureFallback' ? [{ path: scope.mode.path }] : [])),
    consequence: 'The controller may reject the setting or require a valid client certificate anyway, so clients without one are refused',
  }),
  row({
    feature: 'GatewayBackendClientCertificate',
    kind: 'Gateway',
    label: 'a client certificate for backends (spec.tls.backend.clientCertificateRef)',
    detect: ({ object }) => {
      const spec = isRecord(object.value.spec) ? object.value.spec : {};
      const tls = isRecord(spec.tls) ? spec.tls : {};
      return isRecord(tls.backend) && isRecord(tls.backend.clientCertificateRef) ? [{ path: ['spec', 'tls', 'backend', 'clientCertificateRef'], part: 'key' }] : [];
    },
    consequence: 'The Gateway likely presents no client certificate to backends, and backends that require one refuse the connection',
  }),
  row({
    feature: 'ListenerSet',
    kind: 'ListenerSet',
    label: 'ListenerSet',
    detect: () => [{ path: ['kind'] }],
    consequence: 'Its listeners and their certificates are likely not attached to the Gateway, so their hostnames are not served',
  }),
  row({
    feature: 'TLSRouteModeTerminate',
    kind: 'Gateway',
    label: 'TLSRoutes on a TLS listener in Terminate mode',
    detect: ({ gateway }) => tlsListeners(gateway).filter((l) => l.tls!.mode === 'Terminate').map(modeUse),
    consequence: 'Routes attached to this listener are likely not accepted, so its traffic is not routed',
  }),
  row({
    feature: 'TLSRouteModeMixed',
    kind: 'Gateway',
    label: 'TLS listeners in Passthrough and Terminate mode on one port',
    within: 'TLSRouteModeTerminate',
    detect: ({ gateway }) => mixedModes(gateway),
    consequence: 'The TLSRoutes of one of the two modes on this port are likely not served',
  }),
];

/** What the finding's last sentence calls the thing another implementation might serve. */
const SERVED: Record<SubjectKind, string> = {
  Gateway: 'this Gateway',
  ListenerSet: 'its parent Gateway',
  BackendTLSPolicy: 'the Gateways that reach this policy\'s target',
};

/** `v1.9.0` → `1.9.0`: versions read as in the implementations' own release notes. */
export function displayVersion(profile: ImplementationProfile): string {
  return profile.version.replace(/^v(?=\d)/, '');
}

function subjectOf(object: K8sObject): FeatureSubject | undefined {
  const gateway = gatewayView(object);
  if (gateway) return { kind: 'Gateway', object, gateway };
  const policy = backendTlsPolicyView(object);
  if (policy) return { kind: 'BackendTLSPolicy', object, policy };
  if ((object.kind === 'ListenerSet' && object.group === GATEWAY_GROUP) || (object.kind === 'XListenerSet' && object.group === EXPERIMENTAL_GROUP)) return { kind: 'ListenerSet', object };
  return undefined;
}

/** The known implementations serving the subject, one per profile. */
export function servingsOf(subject: FeatureSubject, context: WorkspaceContext): Serving[] {
  switch (subject.kind) {
    case 'Gateway':
      return [servingGateway(subject.object, context)];
    case 'BackendTLSPolicy':
      return servingPolicy(policyTargets(subject.policy, context), context);
    case 'ListenerSet':
      return listenerSetServing(subject.object, context);
  }
}

/** A policy's targets, resolved to a namespace in each of the policy's candidate namespaces. */
export function policyTargets(policy: BackendTlsPolicyView, context: WorkspaceContext): { kind: string; group: string; name: string; namespace: string }[] {
  return context.namespacesOf(policy.object).flatMap((candidate) =>
    policy.targets.flatMap((t) => (t.name === undefined ? [] : [{ kind: t.kind ?? 'Service', group: t.group ?? '', name: t.name, namespace: t.namespace ?? candidate.namespace }])),
  );
}

/** A ListenerSet is served by its parent Gateway's implementation (`spec.parentRef`). */
function listenerSetServing(object: K8sObject, context: WorkspaceContext): Serving[] {
  const setting = context.settings.implementation;
  if (setting === 'none') return [{ kind: 'none' }];
  if (setting !== 'auto') {
    const profile = profileById(setting);
    return [profile ? { kind: 'known', profile, how: `gatewayTls.implementation is ${setting}` } : { kind: 'unknown', why: `gatewayTls.implementation names ${setting}, which no conformance report names` }];
  }
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  const parent = isRecord(spec.parentRef) ? spec.parentRef : undefined;
  const name = parent && typeof parent.name === 'string' ? parent.name : undefined;
  const kind = parent && typeof parent.kind === 'string' && parent.kind !== '' ? parent.kind : 'Gateway';
  const group = parent && typeof parent.group === 'string' && parent.group !== '' ? parent.group : GATEWAY_GROUP;
  if (!name || kind !== 'Gateway' || group !== GATEWAY_GROUP) return [{ kind: 'unknown', why: 'its parentRef names no Gateway' }];
  const written = typeof parent!.namespace === 'string' && parent!.namespace !== '' ? parent!.namespace : undefined;
  const servings: Serving[] = [];
  for (const candidate of context.namespacesOf(object)) {
    for (const gateway of context.queries.find(GATEWAY_GROUP, 'Gateway', written ?? candidate.namespace, name)) {
      const serving = servingGateway(gateway.object, context);
      servings.push(serving.kind === 'known' ? { ...serving, how: `${serving.how}, and it is the parent Gateway ${gateway.namespace.namespace}/${name}` } : serving);
    }
  }
  return servings.length > 0 ? servings : [{ kind: 'unknown', why: `its parent Gateway ${name} is not in the workspace` }];
}

/** Known servings, one per implementation. */
function knownProfiles(servings: readonly Serving[]): Extract<Serving, { kind: 'known' }>[] {
  const byId = new Map<string, Extract<Serving, { kind: 'known' }>>();
  for (const s of servings) if (s.kind === 'known' && !byId.has(s.profile.id)) byId.set(s.profile.id, s);
  return [...byId.values()];
}

/**
 * Whether an API group is the serving implementation's own (its extension kinds are no portability problem there):
 * every serving implementation is known and lists the group. Unknown, `none` or another implementation: false.
 * `servings` is only called for a group that could be one (a lookup the caller's cache then depends on).
 */
export function isOwnApiGroup(group: string | undefined, servings: () => readonly Serving[]): boolean {
  if (!group || group === 'core') return false;
  const all = servings();
  return all.length > 0 && all.every((s) => s.kind === 'known' && s.profile.apiGroups.includes(group));
}

function message(r: FeatureRow, serving: Extract<Serving, { kind: 'known' }>, subject: FeatureSubject): string {
  const p = serving.profile;
  return (
    `${p.name} ${displayVersion(p)} does not support ${r.label}: its Gateway API ${p.gatewayApiVersion} conformance report (${p.reportDate}) lists ${r.feature} as unsupported (${serving.how}). ` +
    `${r.consequence}. If another implementation serves ${SERVED[subject.kind]}, set gatewayTls.implementation (or --implementation); "none" turns implementation checks off.`
  );
}

function featureFindings(subject: FeatureSubject, _object: K8sObject, context: WorkspaceContext): Finding[] {
  const rows = FEATURE_ROWS.filter((r) => r.kind === subject.kind);
  const used = rows.map((r) => ({ r, uses: r.detect(subject as never) })).filter((u) => u.uses.length > 0);
  if (used.length === 0) return [];
  const servings = knownProfiles(servingsOf(subject, context));
  const findings: Finding[] = [];
  for (const serving of servings) {
    for (const { r, uses } of used) {
      if (featureSupport(serving.profile, r.feature) !== 'unsupported') continue;
      if (r.within && featureSupport(serving.profile, r.within) === 'unsupported' && used.some((u) => u.r.feature === r.within)) continue;
      const text = message(r, serving, subject);
      for (const use of uses) {
        findings.push({ code: 'feature-unsupported', path: use.path, ...(use.part ? { part: use.part } : {}), message: text, data: { implementation: serving.profile.id, feature: r.feature } });
      }
    }
  }
  return findings;
}

const featureUnsupported: WorkspaceRule<FeatureSubject> = { code: 'feature-unsupported', check: featureFindings };

export const implementationFeatureFamily: RuleFamily<FeatureSubject> = {
  name: 'implementation features',
  view: subjectOf,
  workspaceRules: [featureUnsupported],
};
