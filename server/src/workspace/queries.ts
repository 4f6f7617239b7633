// Lookup tables over the whole index (objects by identity and kind, grants by namespace, produced Secrets by name),
// kept up to date object by object as files change, and shared by every rule and feature that asks. Every lookup
// records the key it read as a topic (dependencies.ts), and every change bumps the topics of the keys it touched,
// so a cached cross-file result is recomputed exactly when something it looked up changed.
import { producedSecrets, type ProducedSecret } from '../model/secretProducers';
import { referenceGrantView, type ReferenceGrantView } from '../model/referenceGrant';
import type { K8sObject } from '../model/object';
import { Topics } from './dependencies';
import type { WorkspaceIndex } from './index';
import type { Kustomization, NamespaceCandidate } from './kustomize';
import type { RenderedBuild } from './builds';
import { originalName } from './origins';
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

export interface PlacedObject {
  readonly object: K8sObject;
  readonly namespace: NamespaceCandidate;
}

/** One entry an object (or a kustomization's generator) puts into a table. */
interface Entry {
  readonly table: Map<string, unknown[]>;
  readonly key: string;
  /** A K8sObject, or a record that holds one (`object`, or a grant view's `view.object`). */
  readonly record: unknown;
}

export class WorkspaceQueries {
  readonly topics = new Topics();
  private readonly byIdentity = new Map<string, PlacedObject[]>();
  private readonly byKind = new Map<string, PlacedObject[]>();
  private readonly grants = new Map<string, PlacedGrant[]>();
  private readonly produced = new Map<string, ProducerRecord[]>();
  private readonly producedByNamespace = new Map<string, ProducerRecord[]>();
  private readonly namespaceUsers = new Map<string, unknown[]>();
  private everyGrant: readonly PlacedGrant[] | undefined;
  /** Per build: the Secrets and ConfigMaps it renamed, by kind, namespace and the name they had in the source. */
  private renames = new WeakMap<RenderedBuild, Map<string, K8sObject[]>>();
  private knownNamespaces: ReadonlySet<string> | undefined;
  /** Built lazily: a workspace scan adds thousands of files before anyone asks, and a Kustomize edit moves many. */
  private stale = true;
  private rebuilding = false;

  constructor(readonly index: WorkspaceIndex) {}

  /** Something moved objects between namespaces (a kustomization changed): rebuild on the next lookup. */
  invalidate(): void {
    this.stale = true;
    this.topics.bumpAll();
  }

  add(object: K8sObject): void {
    if (this.stale) return this.topics.bumpAll();
    for (const entry of this.entriesOf(object)) this.insert(entry);
  }

  /**
   * Takes out what `add` put in. The entries are computed again rather than remembered (memory: tens of thousands
   * of objects): the same object in the same Kustomize graph (a graph change rebuilds everything) gives the same
   * keys, and its records are recognised by the object they hold.
   */
  remove(object: K8sObject): void {
    if (this.stale) return this.topics.bumpAll();
    for (const entry of this.entriesOf(object)) this.delete(entry, object);
  }

  private entriesOf(object: K8sObject): Entry[] {
    // A file that successful Kustomize builds apply is in the tables through their objects, not as written.
    if (!object.rendered && this.index.isBuilt(object.source.uri)) return [];
    const entries: Entry[] = [];
    for (const namespace of this.index.namespacesOf(object)) {
      const placed: PlacedObject = { object, namespace };
      entries.push({ table: this.byKind, key: kindKey(object.group, object.kind), record: placed });
      if (object.name) entries.push({ table: this.byIdentity, key: identity(object.group, object.kind, namespace.namespace, object.name), record: placed });
      entries.push({ table: this.namespaceUsers, key: namespace.namespace, record: placed });
      const grant = referenceGrantView(object);
      if (grant) entries.push({ table: this.grants, key: namespace.namespace, record: { view: grant, namespace } });
      for (const secret of producedSecrets(object)) {
        const ns = secret.namespace ?? namespace.namespace;
        entries.push(...this.producedEntries({ ...secret, namespace: ns, uri: object.source.uri, object, via: namespace.via }));
      }
    }
    // A Namespace object names a namespace of the cluster even when nothing lives in it yet.
    if (object.group === '' && object.kind === 'Namespace' && object.name) entries.push({ table: this.namespaceUsers, key: object.name, record: object });
    return entries;
  }

  /**
   * A Gateway's listeners changed in what routes see (hostnames, ports, allowedRoutes) while its cross-file facts
   * did not: the route attachment must look again — if there is anything to attach (a keystroke in a hostname of a
   * workspace without routes or ListenerSets touches nothing).
   */
  listenersChanged(gateways: readonly K8sObject[]): void {
    if (this.stale) return;
    const attachable = [...this.byKind.keys()].some((key) => /\|(HTTPRoute|GRPCRoute|TLSRoute|ListenerSet|XListenerSet)$/.test(key));
    if (!attachable) return;
    this.topics.bump('listeners');
    for (const gateway of gateways) this.topics.bump(listenersTopic(gateway));
  }

  /** Records that a computation read every Gateway's listeners (the whole workspace's attachment model). */
  readListeners(): void {
    this.read('listeners');
  }

  /** Records that a computation read one Gateway's listeners (one route's attachment). */
  readListenersOf(gateway: K8sObject): void {
    this.read(listenersTopic(gateway));
  }

  /** Objects of a group/kind with this name in this (effective) namespace. */
  find(group: string, kind: string, namespace: string, name: string): readonly PlacedObject[] {
    return this.lookup(this.byIdentity, 'id:', identity(group, kind, namespace, name));
  }

  /** Every object of a group/kind, once per candidate namespace. */
  ofKind(group: string, kind: string): readonly PlacedObject[] {
    return this.lookup(this.byKind, 'kind:', kindKey(group, kind));
  }

  grantsIn(namespace: string): readonly PlacedGrant[] {
    return this.lookup(this.grants, 'grants:', namespace);
  }

  allGrants(): readonly PlacedGrant[] {
    this.read('grants');
    this.everyGrant ??= [...this.grants.values()].flat();
    return this.everyGrant;
  }

  /** Everything in the workspace that makes a Secret of this name in this namespace. */
  producersOf(namespace: string, name: string): readonly ProducerRecord[] {
    return this.lookup(this.produced, 'produced:', `${namespace}/${name}`);
  }

  /** Every produced Secret of a namespace (for "did you mean" and completion). */
  producedIn(namespace: string): readonly ProducerRecord[] {
    return this.lookup(this.producedByNamespace, 'producedIn:', namespace);
  }

  namespaces(): ReadonlySet<string> {
    this.read('namespaces');
    this.knownNamespaces ??= new Set(this.namespaceUsers.keys());
    return this.knownNamespaces;
  }

  /** Named objects of a group/kind in this (effective) namespace, for completing names. */
  objectsIn(group: string, kind: string, namespace: string): PlacedObject[] {
    return this.ofKind(group, kind).filter((e) => e.namespace.namespace === namespace && e.object.name);
  }

  /**
   * The Secrets the objects (and kustomize generators) of one file produce, with their namespaces: "find references"
   * starts from a Secret or a producer under the cursor. A scan: it answers one request, not a rule.
   */
  producedByFile(uri: string): ProducerRecord[] {
    this.read('produced');
    const key = normalizeUri(uri);
    return [...this.produced.values()].flat().filter((record) => normalizeUri(record.uri) === key);
  }

  private lookup<V>(table: Map<string, V[]>, prefix: string, key: string): readonly V[] {
    this.read(prefix + key);
    return table.get(key) ?? [];
  }

  private read(topic: string): void {
    if (this.stale && !this.rebuilding) this.rebuild();
    this.topics.read(topic);
  }

  private rebuild(): void {
    this.rebuilding = true;
    this.stale = false;
    for (const table of [this.byIdentity, this.byKind, this.grants, this.produced, this.producedByNamespace, this.namespaceUsers]) table.clear();
    this.everyGrant = undefined;
    this.knownNamespaces = undefined;
    this.renames = new WeakMap();
    for (const object of this.index.appliedObjects()) this.add(object);
    for (const k of this.index.allKustomizations()) if (!this.index.isBuiltKustomization(k)) this.addGenerators(k);
    this.rebuilding = false;
  }

  /**
   * The objects a Kustomize build renamed (namePrefix, nameSuffix, a generator's hash) from `name`: a reference
   * that still says `name` points at nothing once applied.
   */
  renamedInBuild(root: string, kind: 'Secret' | 'ConfigMap', namespace: string, name: string): readonly K8sObject[] {
    // No topic of its own: a new build invalidates every table and cached result (setBuild).
    const build = this.index.buildOf(root);
    if (build.state !== 'built') return [];
    let table = this.renames.get(build.build);
    if (!table) {
      table = new Map();
      for (const object of build.build.objects) {
        if (object.group !== '' || (object.kind !== 'Secret' && object.kind !== 'ConfigMap') || !object.name) continue;
        const before = originalName(this.index, object);
        if (before === undefined || before === object.name) continue;
        for (const placed of this.index.namespacesOf(object)) {
          const key = `${object.kind}|${placed.namespace}|${before}`;
          table.set(key, [...(table.get(key) ?? []), object]);
        }
      }
      this.renames.set(build.build, table);
    }
    return table.get(`${kind}|${namespace}|${name}`) ?? [];
  }

  /** Kustomize secretGenerators make Secrets too; a kustomization change rebuilds everything anyway. */
  private addGenerators(k: Kustomization): void {
    const entries: Entry[] = [];
    for (const g of k.generators) {
      if (g.field !== 'secretGenerator') continue;
      const namespaces = g.namespace ? [{ namespace: g.namespace, via: k.uri }] : this.index.namespacesOfKustomization(k);
      for (const ns of namespaces) {
        entries.push(
          ...this.producedEntries({
            name: g.name,
            namespace: ns.namespace,
            producer: 'secretGenerator',
            path: [g.field, g.index, 'name'],
            description: `kustomize secretGenerator in ${k.uri.split('/').slice(-2).join('/')}${g.hashSuffix ? ' (note: kustomize adds a hash suffix to the name and does not rewrite Gateway certificateRefs; set options.disableNameSuffixHash: true)' : ''}`,
            uri: k.uri,
            object: undefined,
            via: ns.via,
          }),
        );
      }
    }
    for (const entry of entries) this.insert(entry);
  }

  private producedEntries(record: ProducerRecord): Entry[] {
    return [
      { table: this.produced, key: `${record.namespace}/${record.name}`, record },
      { table: this.producedByNamespace, key: record.namespace, record },
    ];
  }

  private insert(entry: Entry): void {
    const list = entry.table.get(entry.key);
    if (list) list.push(entry.record);
    else entry.table.set(entry.key, [entry.record]);
    this.changed(entry, !list);
  }

  private delete(entry: Entry, object: K8sObject): void {
    const list = entry.table.get(entry.key);
    const at = list ? list.findIndex((r) => ownerOf(r) === object) : -1;
    if (!list || at === -1) return;
    list.splice(at, 1);
    if (list.length === 0) entry.table.delete(entry.key);
    this.changed(entry, list.length === 0);
  }

  /** The topics an entry's coming or going touches; `keyChanged` when its key appeared or disappeared. */
  private changed(entry: Entry, keyChanged: boolean): void {
    const { table, key } = entry;
    if (table === this.grants) this.everyGrant = undefined;
    if (table === this.namespaceUsers && keyChanged) this.knownNamespaces = undefined;
    // A rebuild serves lookups that have not happened yet: nothing cached can depend on its entries.
    if (this.rebuilding) return;
    if (table === this.byIdentity) this.topics.bump(`id:${key}`);
    else if (table === this.byKind) this.topics.bump(`kind:${key}`);
    else if (table === this.grants) this.bumpAll([`grants:${key}`, 'grants']);
    else if (table === this.produced) this.bumpAll([`produced:${key}`, `producedIn:${(entry.record as ProducerRecord).namespace}`, 'produced']);
    else if (table === this.namespaceUsers && keyChanged) this.topics.bump('namespaces');
  }

  private bumpAll(topics: readonly string[]): void {
    for (const topic of topics) this.topics.bump(topic);
  }
}

function ownerOf(record: unknown): unknown {
  const r = record as { object?: unknown; view?: { object?: unknown } };
  return r.view?.object ?? r.object ?? record;
}

/** The queries for the index as it is now (the index keeps them up to date). */
export function queriesFor(index: WorkspaceIndex): WorkspaceQueries {
  return index.queries;
}

function kindKey(group: string, kind: string): string {
  return `${group}|${kind}`;
}

/** The topic an `ofKind(group, kind)` lookup records: for caches keyed by a few coarse topics (Topics.stamp). */
export function kindTopic(group: string, kind: string): string {
  return `kind:${kindKey(group, kind)}`;
}

/** By kind and name, not namespace (one object may have several candidate namespaces): at worst it over-invalidates. */
function listenersTopic(gateway: K8sObject): string {
  return `listeners:${gateway.kind}/${gateway.name ?? ''}`;
}

function identity(group: string, kind: string, namespace: string, name: string): string {
  return `${group}|${kind}|${namespace}|${name}`;
}
