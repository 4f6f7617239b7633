// What a CA certificate reference (BackendTLSPolicy caCertificateRefs, Gateway spec.tls.frontend caCertificateRefs)
// names, in the spec's terms: core support is a ConfigMap in the core group `""`; `group: core` is only a
// portability problem (some controllers accept it); a Secret or a ClusterTrustBundle is a real kind whose support is
// implementation-specific; anything else is a kind no controller knows. Absent group or kind is the schema's finding
// (both are required, with no defaults), never this one's: one problem, one diagnostic.
import type { Severity } from './catalog';

export type CaRefVerdict =
  /** A core ConfigMap (`group: ""`, or absent: the schema reports that). Resolve it. */
  | { readonly kind: 'configMap' }
  /** Nothing to say here (kind absent: the schema reports it). */
  | { readonly kind: 'silent' }
  | {
      readonly kind: 'problem';
      readonly severity: Severity;
      /** The field to underline. */
      readonly field: 'group' | 'kind';
      /** Why, as the middle of a sentence: `is group "core": …`. */
      readonly reason: string;
      /** `group: core` on a ConfigMap: resolve the ConfigMap as well (it is one, if the controller accepts the group). */
      readonly resolve: boolean;
      /** A value that fixes it, for the quick fix, when there is one. */
      readonly replacement?: string;
    };

/** Real kinds other than ConfigMap that some implementations accept as a CA bundle, with their API group. */
const IMPLEMENTATION_SPECIFIC: Readonly<Record<string, readonly string[]>> = {
  Secret: ['', 'core'],
  ClusterTrustBundle: ['certificates.k8s.io'],
};

export function classifyCaRef(group: string | undefined, kind: string | undefined): CaRefVerdict {
  if (kind === undefined) return { kind: 'silent' };
  const core = 'core support is a ConfigMap (group "", kind ConfigMap) with the PEM bundle under ca.crt';
  if (kind === 'ConfigMap') {
    if (group === undefined || group === '') return { kind: 'configMap' };
    if (group === 'core') {
      return {
        kind: 'problem',
        severity: 'warning',
        field: 'group',
        resolve: true,
        replacement: '""',
        reason: `group "core": the portable name of the core group is "" (empty); some controllers accept "core", others reject the ref`,
      };
    }
    return { kind: 'problem', severity: 'error', field: 'group', resolve: false, replacement: '""', reason: `group "${group}": ${core}` };
  }
  const groups = Object.prototype.hasOwnProperty.call(IMPLEMENTATION_SPECIFIC, kind) ? IMPLEMENTATION_SPECIFIC[kind]! : undefined;
  if (groups && (group === undefined || groups.includes(group))) {
    return {
      kind: 'problem',
      severity: 'warning',
      field: 'kind',
      resolve: false,
      reason: `kind ${kind}: ${core}; a ${kind} is implementation-specific, so check that your controller documents it${group === 'core' ? ' (and write the core group as "", not "core")' : ''}`,
    };
  }
  if (groups) {
    return { kind: 'problem', severity: 'error', field: 'group', resolve: false, reason: `kind ${kind} in group "${group ?? ''}": a ${kind} is in group "${groups[0]}"; ${core}` };
  }
  return { kind: 'problem', severity: 'error', field: 'kind', resolve: false, replacement: 'ConfigMap', reason: `kind ${kind}: ${core}` };
}
