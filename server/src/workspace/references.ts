// The one reference resolver: may an object in one namespace refer to an object in another (ReferenceGrant),
// and what in the workspace answers a reference. Certificate refs use it today; Gateway client certificates,
// frontend CA refs and ListenerSets go through the same functions.
import { minimatch } from 'minimatch';
import type { NodePath } from '../parser/types';
import type { NamespaceCandidate } from './kustomize';
import type { PlacedGrant, ProducerRecord, WorkspaceQueries } from './queries';

/** Who refers to what. Groups are API groups ("" is core). */
export interface ReferenceSpec {
  readonly from: { readonly group: string; readonly kind: string; readonly namespace: string };
  readonly to: { readonly group: string; readonly kind: string; readonly name: string; readonly namespace: string };
}

export type GrantField = 'namespace' | 'from.group' | 'from.kind' | 'from.namespace' | 'to.group' | 'to.kind' | 'to.name';

export interface GrantDifference {
  readonly field: GrantField;
  /** What the grant says (undefined: the field is absent). */
  readonly actual: string | undefined;
  /** What it would have to say to admit the reference. */
  readonly expected: string;
  /** Where in the grant's document (the entry or field to change). */
  readonly path: NodePath;
}

export interface NearMiss {
  readonly grant: PlacedGrant;
  readonly differences: readonly GrantDifference[];
}

export type Permission =
  | { readonly kind: 'same-namespace' }
  | { readonly kind: 'granted'; readonly grant: PlacedGrant; readonly fromIndex: number; readonly toIndex: number }
  | { readonly kind: 'not-permitted'; readonly nearMisses: readonly NearMiss[] };

/** Grants differing in more fields than this are not worth naming as "almost right". */
const NEAR_MISS_LIMIT = 2;

export function checkPermission(queries: WorkspaceQueries, ref: ReferenceSpec): Permission {
  if (ref.from.namespace === ref.to.namespace) return { kind: 'same-namespace' };
  for (const grant of queries.grantsIn(ref.to.namespace)) {
    const admitted = admission(grant, ref);
    if (admitted) return { kind: 'granted', grant, ...admitted };
  }
  return { kind: 'not-permitted', nearMisses: nearMisses(queries, ref) };
}

/** Every grant that admits the reference (a reference may be admitted by several; all of them are "used"). */
export function admittingGrants(queries: WorkspaceQueries, ref: ReferenceSpec): PlacedGrant[] {
  if (ref.from.namespace === ref.to.namespace) return [];
  return queries.grantsIn(ref.to.namespace).filter((grant) => admission(grant, ref) !== undefined);
}

/** The one definition of "this grant admits this reference": which `from` and `to` entries do it. */
function admission(grant: PlacedGrant, ref: ReferenceSpec): { fromIndex: number; toIndex: number } | undefined {
  if (grant.namespace.namespace !== ref.to.namespace) return undefined;
  const fromIndex = grant.view.from.findIndex((f) => f.group === ref.from.group && f.kind === ref.from.kind && f.namespace === ref.from.namespace);
  const toIndex = grant.view.to.findIndex((t) => t.group === ref.to.group && t.kind === ref.to.kind && (t.name === undefined || t.name === ref.to.name));
  return fromIndex !== -1 && toIndex !== -1 ? { fromIndex, toIndex } : undefined;
}

function nearMisses(queries: WorkspaceQueries, ref: ReferenceSpec): NearMiss[] {
  const scored = queries
    .allGrants()
    .map((grant) => ({ grant, differences: grantDifferences(grant, ref) }))
    .filter((m) => m.differences.length > 0 && m.differences.length <= NEAR_MISS_LIMIT);
  const best = Math.min(...scored.map((m) => m.differences.length));
  return scored.filter((m) => m.differences.length === best);
}

/** How a grant would have to change to admit the reference (for near misses; `admission` decides admitting). */
function grantDifferences(grant: PlacedGrant, ref: ReferenceSpec): GrantDifference[] {
  const differences: GrantDifference[] = [];
  if (grant.namespace.namespace !== ref.to.namespace) {
    differences.push({ field: 'namespace', actual: grant.namespace.namespace, expected: ref.to.namespace, path: ['metadata'] });
  }
  differences.push(...bestEntry(grant.view.from, [
    ['from.group', (f) => f.group, ref.from.group, 'group'],
    ['from.kind', (f) => f.kind, ref.from.kind, 'kind'],
    ['from.namespace', (f) => f.namespace, ref.from.namespace, 'namespace'],
  ], ['spec', 'from']));
  differences.push(...bestEntry(grant.view.to, [
    ['to.group', (t) => t.group, ref.to.group, 'group'],
    ['to.kind', (t) => t.kind, ref.to.kind, 'kind'],
    ['to.name', (t) => t.name, ref.to.name, 'name'],
  ], ['spec', 'to']));
  return differences;
}

type FieldCheck<E> = readonly [GrantField, (entry: E) => string | undefined, string, string];

/** The entry of `from` (or `to`) that differs in the fewest fields, and those fields. */
function bestEntry<E extends { path: NodePath }>(entries: readonly E[], checks: readonly FieldCheck<E>[], listPath: NodePath): GrantDifference[] {
  let best: GrantDifference[] | undefined;
  for (const entry of entries) {
    const diffs = checks.flatMap(([field, read, expected, key]): GrantDifference[] => {
      const actual = read(entry);
      // An absent to.name admits every name.
      if (field === 'to.name' && actual === undefined) return [];
      return actual === expected ? [] : [{ field, actual, expected, path: [...entry.path, key] }];
    });
    if (!best || diffs.length < best.length) best = diffs;
  }
  return best ?? checks.map(([field, , expected]) => ({ field, actual: undefined, expected, path: listPath }));
}

/** A reference to a Secret (group/kind defaulted), as written in some object. */
export interface SecretRefInput {
  readonly group: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
}

/** What a Secret reference resolves to, for one candidate namespace of the referring object. */
export interface SecretRefResolution {
  readonly from: NamespaceCandidate;
  readonly spec: ReferenceSpec;
  /**
   * A core Secret: kind Secret, group "" (or `core`, which Kong, Traefik and others read as the core group; the
   * portability warning is certificate-ref-unsupported's). Anything else is implementation-specific.
   */
  readonly supported: boolean;
  readonly permission: Permission;
  /** Secret manifests of that name and namespace. */
  readonly secrets: readonly ProducerRecord[];
  /** Everything that makes that Secret (Secret manifests included). */
  readonly producers: readonly ProducerRecord[];
  /** The name matches `gatewayTls.secrets.externallyManaged`. */
  readonly external: boolean;
}

/**
 * Resolves a Secret reference made by `fromKind` objects of `fromGroup` living in `namespaces` (the referring
 * object's candidate namespaces): one resolution per candidate.
 */
export function resolveSecretRef(
  queries: WorkspaceQueries,
  externalSecrets: readonly string[],
  from: { readonly group: string; readonly kind: string; readonly namespaces: readonly NamespaceCandidate[] },
  ref: SecretRefInput,
): SecretRefResolution[] {
  if (ref.name === undefined) return [];
  const name = ref.name;
  return from.namespaces.map((candidate) => {
    const namespace = ref.namespace ?? candidate.namespace;
    const spec: ReferenceSpec = {
      from: { group: from.group, kind: from.kind, namespace: candidate.namespace },
      to: { group: ref.group, kind: ref.kind, name, namespace },
    };
    const producers = queries.producersOf(namespace, name);
    return {
      from: candidate,
      spec,
      supported: (ref.group === '' || ref.group === 'core') && ref.kind === 'Secret',
      permission: checkPermission(queries, spec),
      secrets: producers.filter((p) => p.producer === 'Secret'),
      producers,
      external: externalSecrets.some((glob) => matchesSecretGlob(glob, namespace, name)),
    };
  });
}

function matchesSecretGlob(glob: string, namespace: string, name: string): boolean {
  return minimatch(`${namespace}/${name}`, glob.includes('/') ? glob : `*/${glob}`);
}
