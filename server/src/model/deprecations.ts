// API versions that are deprecated or no longer served in the Standard channel, other than BackendTLSPolicy's
// (whose migration also renames fields: rules/backendTlsPolicy/local.ts). Data, not code: a new deprecation is a
// new row. Facts from the Gateway API release history (reference §1).
import type { K8sObject } from './object';

export interface Deprecation {
  readonly group: string;
  readonly kind: string;
  readonly versions: readonly string[];
  /** What to write instead; the fields are unchanged for these rows, so the fix is the apiVersion (and kind). */
  readonly replacement: { readonly apiVersion: string; readonly kind: string };
  /** Why, and what to check after migrating, for the message. */
  readonly note: string;
}

export const DEPRECATIONS: readonly Deprecation[] = [
  {
    group: 'gateway.networking.k8s.io',
    kind: 'TLSRoute',
    versions: ['v1alpha2', 'v1alpha3'],
    replacement: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'TLSRoute' },
    note: 'TLSRoute v1 is Standard since Gateway API v1.5; v1 requires hostnames (1 to 1024) and exactly one rule',
  },
  {
    group: 'gateway.networking.x-k8s.io',
    kind: 'XListenerSet',
    versions: ['v1alpha1'],
    replacement: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ListenerSet' },
    note: 'XListenerSet was replaced by ListenerSet (gateway.networking.k8s.io/v1, Standard since Gateway API v1.5), whose listeners require a port',
  },
];

export function deprecationOf(object: K8sObject): Deprecation | undefined {
  return DEPRECATIONS.find((d) => d.group === object.group && d.kind === object.kind && d.versions.includes(object.version));
}
