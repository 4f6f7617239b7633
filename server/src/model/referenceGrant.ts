// A typed view of a ReferenceGrant (v1beta1 and v1 have one shape). It lives in the namespace of the objects it
// lets others reach; `from` entries say who may refer, `to` entries what may be referred to.
import type { NodePath } from '../parser/types';
import { GATEWAY_GROUP } from './gateway';
import { isRecord, type K8sObject } from './object';

export const REFERENCE_GRANT_VERSIONS = new Set(['v1', 'v1beta1']);

export interface GrantFrom {
  readonly group: string | undefined;
  readonly kind: string | undefined;
  readonly namespace: string | undefined;
  readonly path: NodePath;
}

export interface GrantTo {
  readonly group: string | undefined;
  readonly kind: string | undefined;
  /** Absent: every object of the group/kind in the grant's namespace. */
  readonly name: string | undefined;
  readonly path: NodePath;
}

export interface ReferenceGrantView {
  readonly object: K8sObject;
  readonly from: readonly GrantFrom[];
  readonly to: readonly GrantTo[];
}

export function isReferenceGrant(object: K8sObject): boolean {
  return object.kind === 'ReferenceGrant' && object.group === GATEWAY_GROUP && REFERENCE_GRANT_VERSIONS.has(object.version);
}

export function referenceGrantView(object: K8sObject): ReferenceGrantView | undefined {
  if (!isReferenceGrant(object)) return undefined;
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  const list = (field: 'from' | 'to') => (Array.isArray(spec[field]) ? (spec[field] as unknown[]) : []);
  return {
    object,
    from: list('from').map((raw, i) => {
      const e = isRecord(raw) ? raw : {};
      return { group: str(e.group), kind: str(e.kind), namespace: str(e.namespace), path: ['spec', 'from', i] };
    }),
    to: list('to').map((raw, i) => {
      const e = isRecord(raw) ? raw : {};
      return { group: str(e.group), kind: str(e.kind), name: str(e.name) || undefined, path: ['spec', 'to', i] };
    }),
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
