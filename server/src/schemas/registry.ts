// Which of our JSON Schemas describes an object: group/version/kind → schema. Several versions may share one
// schema source when their shapes are identical (Gateway v1 and v1beta1, ReferenceGrant v1beta1 and v1).
import gateway from './gateway.json';
import backendTlsPolicy from './backendTlsPolicy.json';
import backendTlsPolicyV1alpha2 from './backendTlsPolicy.v1alpha2.json';
import listenerSet from './listenerSet.json';
import listenerSetV1alpha1 from './listenerSet.v1alpha1.json';
import referenceGrant from './referenceGrant.json';
import type { JsonSchema } from './types';

export interface SchemaEntry {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly schema: JsonSchema;
}

const GATEWAY_SCHEMA = gateway as unknown as JsonSchema;
const REFERENCE_GRANT_SCHEMA = referenceGrant as unknown as JsonSchema;
const BACKEND_TLS_POLICY_SCHEMA = backendTlsPolicy as unknown as JsonSchema;
const BACKEND_TLS_POLICY_V1ALPHA2_SCHEMA = backendTlsPolicyV1alpha2 as unknown as JsonSchema;
const LISTENER_SET_SCHEMA = listenerSet as unknown as JsonSchema;
const X_LISTENER_SET_SCHEMA = listenerSetV1alpha1 as unknown as JsonSchema;

/** The first entry of a kind is its preferred version (used while `apiVersion` is still being typed). */
export const SCHEMAS: readonly SchemaEntry[] = [
  { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'Gateway', schema: GATEWAY_SCHEMA },
  { group: 'gateway.networking.k8s.io', version: 'v1beta1', kind: 'Gateway', schema: GATEWAY_SCHEMA },
  // v1beta1 first: it is the storage version and every release serves it; v1 needs Gateway API v1.5 or later.
  { group: 'gateway.networking.k8s.io', version: 'v1beta1', kind: 'ReferenceGrant', schema: REFERENCE_GRANT_SCHEMA },
  { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'ReferenceGrant', schema: REFERENCE_GRANT_SCHEMA },
  { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'BackendTLSPolicy', schema: BACKEND_TLS_POLICY_SCHEMA },
  { group: 'gateway.networking.k8s.io', version: 'v1alpha3', kind: 'BackendTLSPolicy', schema: BACKEND_TLS_POLICY_SCHEMA },
  { group: 'gateway.networking.k8s.io', version: 'v1alpha2', kind: 'BackendTLSPolicy', schema: BACKEND_TLS_POLICY_V1ALPHA2_SCHEMA },
  { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'ListenerSet', schema: LISTENER_SET_SCHEMA },
  // The experimental predecessor (Gateway API v1.3–v1.4), deprecated: its listener ports were optional.
  { group: 'gateway.networking.x-k8s.io', version: 'v1alpha1', kind: 'XListenerSet', schema: X_LISTENER_SET_SCHEMA },
];

export function schemaFor(apiVersion: unknown, kind: unknown): JsonSchema | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return SCHEMAS.find((e) => e.kind === kind && `${e.group}/${e.version}` === apiVersion)?.schema;
}

/**
 * For editing features: the schema of a document whose `kind` is known, even before `apiVersion` is written
 * (then the preferred version). A wrong apiVersion gives no schema: we do not guess.
 */
export function schemaForEditing(apiVersion: unknown, kind: unknown): JsonSchema | undefined {
  if (apiVersion === undefined || apiVersion === null || apiVersion === '') {
    return typeof kind === 'string' ? SCHEMAS.find((e) => e.kind === kind)?.schema : undefined;
  }
  return schemaFor(apiVersion, kind);
}

let ids: Map<JsonSchema, string> | undefined;

/** Each distinct schema once, with the name its precompiled validator is exported under (schemas/standalone.ts). */
export function schemaIds(): ReadonlyMap<JsonSchema, string> {
  if (!ids) {
    ids = new Map();
    for (const entry of SCHEMAS) if (!ids.has(entry.schema)) ids.set(entry.schema, `${entry.kind}_${entry.version}`);
  }
  return ids;
}
