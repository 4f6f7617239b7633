// Certificate reference rules: what each listener certificateRef resolves to across the workspace.
import type { GatewayView } from '../../model/gateway';
import { secretView, tlsSecretProblems } from '../../model/secret';
import { hasCertManagerAnnotation } from '../../model/secretProducers';
import { nearNames } from '../../util/nearNames';
import type { GrantDifference, SecretRefResolution } from '../../workspace/references';
import { servingGateway } from '../../workspace/implementation';
import { isOwnApiGroup } from '../implementationFeatures';
import { renamedReference } from '../kustomizeRenames';
import type { Finding, WorkspaceContext, WorkspaceRule } from '../types';
import { listenerLabel, overlayNote, resolveListenerRefs, type ResolvedCertificateRef } from './listenerRefs';

type RefCheck = (r: ResolvedCertificateRef, resolution: SecretRefResolution, view: GatewayView, context: WorkspaceContext) => Finding | undefined;

/** A rule that looks at each (ref, candidate namespace) pair; identical findings for several candidates merge. */
function perRef(code: Finding['code'], check: RefCheck): WorkspaceRule<GatewayView> {
  return {
    code,
    check: (view, object, context) => {
      const seen = new Set<string>();
      return resolveListenerRefs(view, object, context).flatMap((r) =>
        r.resolutions.flatMap((resolution) => {
          const finding = check(r, resolution, view, context);
          if (!finding || seen.has(finding.message)) return [];
          seen.add(finding.message);
          return [finding];
        }),
      );
    },
  };
}

const certificateRefUnsupported = perRef('certificate-ref-unsupported', ({ listener, ref }, resolution, view, context) => {
  // Resolved like the core group (its Secret is checked too), and still worth a portability warning.
  if (ref.group === 'core' && ref.kind === 'Secret') {
    // Kong's and Traefik's examples write it, and they accept it: a portability problem, not a broken reference.
    return {
      code: 'certificate-ref-unsupported',
      severity: 'warning',
      path: [...ref.path, 'group'],
      message:
        `${listenerLabel(listener)} refers to group "core": the portable name of the core group is "" (empty), the default, so you can drop group. ` +
        `Some controllers accept "core"; others set ResolvedRefs=False, reason InvalidCertificateRef.`,
    };
  }
  if (resolution.supported) return undefined;
  // A kind of the serving implementation's own API group is its documented extension, not a portability problem there.
  if (isOwnApiGroup(ref.group, () => [servingGateway(view.object, context)])) return undefined;
  const wrongGroup = ref.group !== '';
  return {
    code: 'certificate-ref-unsupported',
    path: [...ref.path, wrongGroup ? 'group' : 'kind'],
    message:
      `${listenerLabel(listener)} refers to ${wrongGroup ? `group "${ref.group}"` : `kind ${ref.kind}`}: certificateRefs must point at a core Secret ` +
      `(group "" and kind Secret; both are the defaults, so you can drop them). Other kinds are implementation-specific; ` +
      `a conformant controller sets ResolvedRefs=False, reason InvalidCertificateRef.`,
  };
});

const refNotPermitted = perRef('ref-not-permitted', ({ listener, ref, manyCandidates }, resolution, view) => {
  const { permission, spec } = resolution;
  if (permission.kind !== 'not-permitted' || !resolution.supported) return undefined;
  const miss = permission.nearMisses[0];
  const describe = (d: GrantDifference) => describeDifference(d, spec.from.kind);
  const nearMiss = miss ? ` ReferenceGrant ${miss.grant.namespace.namespace}/${miss.grant.view.object.name ?? '?'} almost matches: ${miss.differences.map(describe).join('; ')}.` : '';
  return {
    code: 'ref-not-permitted',
    path: [...ref.path, 'namespace'],
    message:
      `${listenerLabel(listener)} of ${spec.from.kind} ${spec.from.namespace}/${view.object.name ?? '?'}${overlayNote(resolution, manyCandidates)} refers to Secret ` +
      `${spec.to.namespace}/${spec.to.name}, but no ReferenceGrant in namespace ${spec.to.namespace} lets ${spec.from.kind}s from namespace ` +
      `${spec.from.namespace} reach it${grantNote(spec.from.kind)}. The controller sets ResolvedRefs=False, reason RefNotPermitted, and serves no certificate.` +
      `${nearMiss} Add a ReferenceGrant in ${spec.to.namespace} (quick fix available).`,
    related: miss ? [{ object: miss.grant.view.object, path: miss.differences[0]!.path, message: `almost matching ReferenceGrant: ${describe(miss.differences[0]!)}` }] : [],
    data: { fromNamespace: spec.from.namespace, toNamespace: spec.to.namespace, secretName: spec.to.name, ...(spec.from.kind === 'Gateway' ? {} : { fromGroup: spec.from.group, fromKind: spec.from.kind }) },
  };
});

/** A Secret its build renamed: the reference is reported as not renamed, not as missing. */
function renamed({ ref }: ResolvedCertificateRef, resolution: SecretRefResolution, view: GatewayView, context: WorkspaceContext): Finding | undefined {
  if (!resolution.supported || resolution.producers.length > 0 || resolution.external) return undefined;
  const { namespace, name } = resolution.spec.to;
  return renamedReference(view.object, context, { kind: 'Secret', namespace, name, path: ref.path, field: 'certificateRef' });
}

const refNotRenamed = perRef('kustomize-ref-not-renamed', renamed);

const secretNotFound = perRef('certificate-secret-not-found', (r, resolution, view, context) => {
  const { listener, ref, manyCandidates } = r;
  if (!resolution.supported || resolution.producers.length > 0 || resolution.external) return undefined;
  if (renamed(r, resolution, view, context)) return undefined;
  const { namespace, name } = resolution.spec.to;
  const near = nearNames(name, context.queries.producedIn(namespace).map((p) => p.name));
  const certManager =
    hasCertManagerAnnotation(view.object) && ref.namespace !== undefined && ref.namespace !== resolution.from.namespace
      ? ` The ${view.object.kind} has a cert-manager issuer annotation, but cert-manager does not create Secrets for cross-namespace certificateRefs.`
      : '';
  return {
    code: 'certificate-secret-not-found',
    path: [...ref.path, 'name'],
    message:
      `${listenerLabel(listener)} refers to Secret ${namespace}/${name}${overlayNote(resolution, manyCandidates)}, which is not in the workspace and nothing here ` +
      `produces it (Secret, SealedSecret, ExternalSecret, cert-manager Certificate or annotation, kustomize secretGenerator).` +
      `${near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : ''}${certManager} If it is created elsewhere, list it in ` +
      `gatewayTls.secrets.externallyManaged. Otherwise the controller sets ResolvedRefs=False, reason InvalidCertificateRef.`,
    data: { namespace, name, suggestions: near },
  };
});

const secretInvalid = perRef('certificate-secret-invalid', ({ listener, ref }, resolution) => {
  if (!resolution.supported) return undefined;
  for (const record of resolution.secrets) {
    const secret = record.object && secretView(record.object);
    if (!secret) continue;
    const problems = tlsSecretProblems(secret);
    if (problems.length === 0) continue;
    return {
      code: 'certificate-secret-invalid',
      path: [...ref.path, 'name'],
      message:
        `${listenerLabel(listener)} refers to Secret ${record.namespace}/${record.name}, but ${problems.join(' and ')}. A listener certificate must be ` +
        `a Secret of type kubernetes.io/tls with tls.crt and tls.key. The controller sets ResolvedRefs=False, reason InvalidCertificateRef.`,
      related: [{ object: record.object!, path: ['metadata', 'name'], message: `Secret ${record.namespace}/${record.name}` }],
    };
  }
  return undefined;
});

export const CERTIFICATE_REF_RULES: readonly WorkspaceRule<GatewayView>[] = [certificateRefUnsupported, refNotPermitted, refNotRenamed, secretNotFound, secretInvalid];

/** A ListenerSet's references need a grant of their own: say so, since a grant for its Gateway is the usual near miss. */
function grantNote(fromKind: string): string {
  return fromKind === 'Gateway' ? '' : ` (a ${fromKind} needs a grant with from.kind: ${fromKind}; a grant for its parent Gateway does not cover it)`;
}

const FIELD_WORDS: Record<GrantDifference['field'], (d: GrantDifference, fromKind: string) => string> = {
  namespace: (d) => `it lives in namespace ${d.actual}, but a grant must live in the Secret's namespace ${d.expected}`,
  'from.group': (d) => `its from.group is "${d.actual ?? ''}", not "${d.expected}"`,
  'from.kind': (d) => `it admits ${d.actual ?? 'no kind'}s, not ${d.expected}s`,
  'from.namespace': (d, fromKind) => `it admits ${fromKind}s from ${d.actual ?? 'no namespace'}, not ${d.expected}`,
  'to.group': (d) => `its to.group is "${d.actual ?? ''}", not "${d.expected}" (core)`,
  'to.kind': (d) => `it grants access to ${d.actual ?? 'no kind'}s, not ${d.expected}s`,
  'to.name': (d) => `it admits only the Secret ${d.actual}, not ${d.expected}`,
};

/** `fromKind`: the kind of the referring object (Gateway unless said), which a grant's `from` must name. */
export function describeDifference(difference: GrantDifference, fromKind = 'Gateway'): string {
  return FIELD_WORDS[difference.field](difference, fromKind);
}
