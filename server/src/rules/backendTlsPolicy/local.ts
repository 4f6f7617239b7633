// BackendTLSPolicy rules that need only the policy itself: the CEL rules the API server applies, hostname and
// CA-ref shape, and the deprecated versions; and the target and CA-ref kinds, which also ask which implementation
// serves the policy.
import { isIPAddress, isDnsSubdomain } from '../../model/hostname';
import { FIELD_NAMES, type BackendTlsPolicyView } from '../../model/backendTlsPolicy';
import { classifyCaRef } from '../caRefKinds';
import { isOwnApiGroup, policyTargets } from '../implementationFeatures';
import { servingPolicy, type Serving } from '../../workspace/implementation';
import type { Finding, ObjectRule, WorkspaceContext, WorkspaceRule } from '../types';

const names = (view: BackendTlsPolicyView) => FIELD_NAMES[view.version];

const hostnameInvalid: ObjectRule<BackendTlsPolicyView> = {
  code: 'backend-tls-hostname-invalid',
  check: (view) => {
    const hostname = view.hostname;
    if (hostname === undefined || !view.blockPath) return [];
    const path = [...view.blockPath, 'hostname'];
    const problem = hostname.includes('*')
      ? `is a wildcard; the SNI sent to the backend must be one exact name (the API server rejects "*"). Use the name the backend's certificate is issued for, e.g. ${hostname.replace(/^\*\./, 'api.')}`
      : isIPAddress(hostname)
        ? 'is an IP address; it must be a DNS name (it is sent as SNI and checked against the backend certificate)'
        : !isDnsSubdomain(hostname)
          ? 'is not a valid lower-case DNS name (RFC 1123: letters, digits, "-" and ".")'
          : undefined;
    return problem ? [{ code: 'backend-tls-hostname-invalid', path, message: `BackendTLSPolicy hostname "${hostname}" ${problem}.` }] : [];
  },
};

const caConflict: ObjectRule<BackendTlsPolicyView> = {
  code: 'backend-tls-ca-conflict',
  check: (view) => {
    if (!view.blockPath) return [];
    const { caRefs, wellKnown } = names(view);
    const hasRefs = view.caRefs.length > 0;
    const hasWellKnown = view.wellKnown !== undefined;
    const cel = view.version === 'v1alpha2' ? { both: 'CACertRefs and WellKnownCACerts', either: 'CACertRefs or WellKnownCACerts' } : { both: 'CACertificateRefs and WellKnownCACertificates', either: 'CACertificateRefs or WellKnownCACertificates' };
    if (hasRefs && hasWellKnown) {
      return [{
        code: 'backend-tls-ca-conflict',
        path: [...view.blockPath, wellKnown],
        part: 'key',
        message: `Set either ${caRefs} or ${wellKnown}, not both: the API server rejects the policy: must not contain both ${cel.both}. Keep ${caRefs} to trust your own CA, or ${wellKnown}: System to trust the system roots.`,
        data: { keep: [caRefs, wellKnown] },
      }];
    }
    if (!hasRefs && !hasWellKnown) {
      return [{
        code: 'backend-tls-ca-conflict',
        path: view.blockPath,
        part: 'key',
        message: `No CA to verify the backend with: the API server rejects the policy: must specify either ${cel.either}. Add ${caRefs} (a ConfigMap with ca.crt) or ${wellKnown}: System.`,
      }];
    }
    return [];
  },
};

const sanInvalid: ObjectRule<BackendTlsPolicyView> = {
  code: 'backend-tls-san-invalid',
  check: (view) =>
    view.subjectAltNames.flatMap((san): Finding[] => {
      const problems: string[] = [];
      if (san.type === 'Hostname' && !san.hostname) problems.push('SubjectAltName element must contain Hostname, if Type is set to Hostname');
      if (san.type !== 'Hostname' && san.hostname) problems.push('SubjectAltName element must not contain Hostname, if Type is not set to Hostname');
      if (san.type === 'URI' && !san.uri) problems.push('SubjectAltName element must contain URI, if Type is set to URI');
      if (san.type !== 'URI' && san.uri) problems.push('SubjectAltName element must not contain URI, if Type is not set to URI');
      if (problems.length === 0) return [];
      return [{
        code: 'backend-tls-san-invalid',
        path: san.type !== undefined ? [...san.path, 'type'] : san.path,
        message: `subjectAltNames entry of type ${san.type ?? '(none)'} does not match its value: the API server rejects the policy: ${problems.join('; ')}. Use {type: Hostname, hostname: …} or {type: URI, uri: …}.`,
      }];
    }),
};

const apiVersionDeprecated: ObjectRule<BackendTlsPolicyView> = {
  code: 'api-version-deprecated',
  check: (view) =>
    view.version === 'v1'
      ? []
      : [{
          code: 'api-version-deprecated',
          path: ['apiVersion'],
          message: `BackendTLSPolicy ${view.version} is deprecated and not served by the Standard channel (v1 is, since Gateway API v1.4). Migrate to gateway.networking.k8s.io/v1 (quick fix available)${view.version === 'v1alpha2' ? ': targetRef becomes targetRefs, tls becomes validation, caCertRefs becomes caCertificateRefs, wellKnownCACerts becomes wellKnownCACertificates' : ''}.`,
        }],
};

export const LOCAL_POLICY_RULES: readonly ObjectRule<BackendTlsPolicyView>[] = [hostnameInvalid, caConflict, sanInvalid, apiVersionDeprecated];

/** The implementations serving the policy, asked only when a ref names another API group (a lookup). */
function servings(view: BackendTlsPolicyView, context: WorkspaceContext): Serving[] {
  return servingPolicy(policyTargets(view, context), context);
}

/**
 * Portability rules: a target or CA ref of another API group is implementation-specific, unless the group is the
 * serving implementation's own (e.g. an Envoy Gateway Backend on Envoy Gateway). Workspace rules, because the
 * serving implementation is.
 */
const caRefUnsupported: WorkspaceRule<BackendTlsPolicyView> = {
  code: 'backend-tls-ca-ref-unsupported',
  check: (view, _object, context) =>
    view.caRefs.flatMap((ref): Finding[] => {
      if (ref.namespace !== undefined) {
        return [{ code: 'backend-tls-ca-ref-unsupported', path: [...ref.path, 'namespace'], part: 'key', message: `CA refs cannot name another namespace: the ConfigMap must be in the policy's own namespace (there is no ReferenceGrant for this). Copy the CA bundle into this namespace and drop namespace.` }];
      }
      const verdict = classifyCaRef(ref.group, ref.kind);
      if (verdict.kind !== 'problem') return [];
      if (isOwnApiGroup(ref.group, () => servings(view, context))) return [];
      const hint = ref.kind === 'ConfigMapReference' ? ' (the old TLS guide\'s example used ConfigMapReference, which is not a kind)' : '';
      const outcome = verdict.severity === 'error' ? 'Controllers set ResolvedRefs=False, reason InvalidKind.' : 'Controllers that do not support it set ResolvedRefs=False, reason InvalidKind.';
      return [{
        code: 'backend-tls-ca-ref-unsupported',
        path: [...ref.path, verdict.field],
        ...(verdict.severity !== 'error' ? { severity: verdict.severity } : {}),
        message: `CA ref ${ref.name ?? ''} is ${verdict.reason}${hint}. ${outcome}`,
        ...(verdict.replacement !== undefined ? { data: { replacement: verdict.replacement } } : {}),
      }];
    }),
};

const targetUnsupported: WorkspaceRule<BackendTlsPolicyView> = {
  code: 'backend-tls-target-unsupported',
  check: (view, _object, context) =>
    view.targets.flatMap((t): Finding[] =>
      t.kind === undefined || (t.group === '' && t.kind === 'Service') || isOwnApiGroup(t.group, () => servings(view, context))
        ? []
        : [{
            code: 'backend-tls-target-unsupported',
            path: [...t.path, t.kind !== 'Service' ? 'kind' : 'group'],
            message: `BackendTLSPolicy targets ${t.group ? `${t.group}/` : ''}${t.kind} ${t.name ?? ''}: the standard target is a core Service (group "", kind Service); other targets are implementation-specific and most controllers ignore them.`,
          }],
    ),
};

export const PORTABILITY_POLICY_RULES: readonly WorkspaceRule<BackendTlsPolicyView>[] = [caRefUnsupported, targetUnsupported];
