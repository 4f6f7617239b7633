// Lookup tables over the whole index (objects by identity, grants by namespace, produced Secrets by name),
// built lazily once per facts version of the index and shared by every rule and feature that asks.
import { producedSecrets, type ProducedSecret } from '../model/secretProducers';
import { referenceGrantView, type ReferenceGrantView } from '../model/referenceGrant';
import type { K8sObject } from '../model/object';
import type { WorkspaceIndex } from './index';
import type { NamespaceCandidate } from './kustomize';
import { normalizeUri } from './uris';

/** A Secret that will exist: where, made by what. */
export interface ProducerRecord extends ProducedSecret {
  readonly namespace: string;
  readonly uri: string;
  /** The producing object; undefined for kustomize generators and settings. */
  readonly object: K8sObject | undefined;
  /** The kustomization that puts it in `namespace`, when Kustomize does. */
  readonly via: string | undefined;
}

export interface PlacedGrant {
  readonly view: ReferenceGrantView;
  readonly namespace: NamespaceCandidate;
}

export class WorkspaceQueries {
  private readonly byIdentity = new Map<string, { object: K8sObject; namespace: NamespaceCandidate }[]>();
  private readonly grants = new Map<string, PlacedGrant[]>();
  private readonly produced = new Map<string, ProducerRecord[]>();
  private readonly producedByNamespace = new Map<string, ProducerRecord[]>();
  private readonly knownNamespaces = new Set<string>();
  private readonly byKind = new Map<string, { object: K8sObject; namespace: NamespaceCandidate }[]>();

  constructor(readonly index: WorkspaceIndex) {
    for (const object of index.allObjects()) {
      for (const namespace of index.namespacesOf(object)) {
        this.knownNamespaces.add(namespace.namespace);
        if (object.name) push(this.byIdentity, identity(object.group, object.kind, namespace.namespace, object.name), { object, namespace });
        push(this.byKind, `${object.group}|${object.kind}`, { object, namespace });
        const grant = referenceGrantView(object);
        if (grant) push(this.grants, namespace.namespace, { view: grant, namespace });
        for (const secret of producedSecrets(object)) {
          const ns = secret.namespace ?? namespace.namespace;
          push(this.produced, `${ns}/${secret.name}`, { ...secret, namespace: ns, uri: object.source.uri, object, via: namespace.via });
        }
      }
      if (object.namespace) this.knownNamespaces.add(object.namespace);
    }
    for (const k of index.allKustomizations()) {
      for (const g of k.secretGenerators) {
        const namespaces = g.namespace ? [{ namespace: g.namespace, via: k.uri }] : index.namespacesOfKustomization(k);
        for (const ns of namespaces) {
          push(this.produced, `${ns.namespace}/${g.name}`, {
            name: g.name,
            namespace: ns.namespace,
            producer: 'secretGenerator',
            path: ['secretGenerator', g.index, 'name'],
            description: `kustomize secretGenerator in ${k.uri.split('/').slice(-2).join('/')}${g.hashSuffix ? ' (note: kustomize adds a hash suffix to the name and does not rewrite Gateway certificateRefs; set options.disableNameSuffixHash: true)' : ''}`,
            uri: k.uri,
            object: undefined,
            via: ns.via,
          });
        }
      }
    }
  }

  /** Objects of a group/kind with this name in this (effective) namespace. */
  find(group: string, kind: string, namespace: string, name: string): readonly { object: K8sObject; namespace: NamespaceCandidate }[] {
    return this.byIdentity.get(identity(group, kind, namespace, name)) ?? [];
  }

  /** Every object of a group/kind, once per candidate namespace. */
  ofKind(group: string, kind: string): readonly { object: K8sObject; namespace: NamespaceCandidate }[] {
    return this.byKind.get(`${group}|${kind}`) ?? [];
  }

  grantsIn(namespace: string): readonly PlacedGrant[] {
    return this.grants.get(namespace) ?? [];
  }

  allGrants(): readonly PlacedGrant[] {
    this.everyGrant ??= [...this.grants.values()].flat();
    return this.everyGrant;
  }
  private everyGrant: readonly PlacedGrant[] | undefined;

  /** Everything in the workspace that makes a Secret of this name in this namespace. */
  producersOf(namespace: string, name: string): readonly ProducerRecord[] {
    return this.produced.get(`${namespace}/${name}`) ?? [];
  }

  /** Every produced Secret of a namespace (for "did you mean" and completion). */
  producedIn(namespace: string): readonly ProducerRecord[] {
    if (this.producedByNamespace.size === 0) {
      for (const records of this.produced.values()) for (const r of records) push(this.producedByNamespace, r.namespace, r);
    }
    return this.producedByNamespace.get(namespace) ?? [];
  }

  namespaces(): ReadonlySet<string> {
    return this.knownNamespaces;
  }

  /** Named objects of a group/kind in this (effective) namespace, for completing names. */
  objectsIn(group: string, kind: string, namespace: string): { object: K8sObject; namespace: NamespaceCandidate }[] {
    return this.ofKind(group, kind).filter((e) => e.namespace.namespace === namespace && e.object.name);
  }

  /**
   * The Secrets the objects (and kustomize generators) of one file produce, with their namespaces: "find references"
   * starts from a Secret or a producer under the cursor. A scan, for the same reason as objectsIn.
   */
  producedByFile(uri: string): ProducerRecord[] {
    const key = normalizeUri(uri);
    return [...this.produced.values()].flat().filter((record) => normalizeUri(record.uri) === key);
  }
}

// Keyed by the facts version: an edit that other documents cannot see keeps these tables (and the findings
// cached against them).
const cache = new WeakMap<WorkspaceIndex, { version: number; queries: WorkspaceQueries }>();

/** The queries for the index as it is now; rebuilt only after its cross-file facts changed. */
export function queriesFor(index: WorkspaceIndex): WorkspaceQueries {
  const cached = cache.get(index);
  if (cached && cached.version === index.factsVersion) return cached.queries;
  const queries = new WorkspaceQueries(index);
  cache.set(index, { version: index.factsVersion, queries });
  return queries;
}

function identity(group: string, kind: string, namespace: string, name: string): string {
  return `${group}|${kind}|${namespace}|${name}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
