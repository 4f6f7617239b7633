// The workspace index: every YAML file the service knows, parsed once and re-parsed incrementally, with the
// Kubernetes objects it holds and the Kustomize graph that gives them their namespaces.
import * as path from 'node:path';
import { crossFileFacts, listenerFacts } from '../model/facts';
import { retarget, toK8sObject, type K8sObject } from '../model/object';
import { BUILD_NEUTRAL_KINDS } from '../model/relevantKinds';
import type { ParseLimits } from '../parser/limits';
import { parseYamlFile, UNREAD_SEGMENT, type YamlFile } from '../parser/yamlFile';
import { MANIFEST_PARSING } from './manifestParsing';
import { classifyFile, type FileKind, type FileKindOptions } from './fileKind';
import { KustomizeBuilds, type BuildOutcome, type KustomizeMode, type RenderedBuild, type RootBuild } from './builds';
import { KustomizeGraph, readKustomization, type Kustomization, type NamespaceCandidate } from './kustomize';
import { WorkspaceQueries } from './queries';
import { normalizeUri, pathToUri, uriToPath } from './uris';

export interface IndexedFile {
  /** The URI as the client (or CLI) gave it; used when reporting. */
  readonly uri: string;
  readonly kind: FileKind;
  /**
   * Undefined for skipped files and for manifests the pre-scan found nothing relevant in: those cost a read and a
   * byte scan, and the index does not keep them (getFile answers undefined).
   */
  readonly yaml: YamlFile | undefined;
  readonly objects: readonly K8sObject[];
  /** Whether the text looks like Kubernetes YAML: only such files get `yaml-syntax` diagnostics. */
  readonly looksLikeKubernetes: boolean;
}

const KUBERNETES_HINT = /^\s*(apiVersion|kind)\s*:/m;

export interface IndexOptions extends Omit<FileKindOptions, 'isChartDirectory'> {
  /** Reads a file's current text again (the shells' disk access); without it, every text the index holds stays. */
  readonly reread?: (uri: string) => string | undefined;
  /** Bounds on documents per file and nodes per document (settings `gatewayTls.limits.*`). */
  readonly limits?: ParseLimits;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  /** Every file the index was given, kept or not: a new file must never take the name of an existing one. */
  private readonly known = new Set<string>();
  private readonly kustomizations = new Map<string, Kustomization>();
  private readonly chartDirs = new Set<string>();
  private graph: KustomizeGraph | undefined;
  private readonly namespaceMemo = new Map<string, readonly (NamespaceCandidate | undefined)[]>();
  private readonly rootsMemo = new Map<string, readonly Kustomization[]>();
  /** What Kustomize builds apply (node/kustomize/ builds them; the index only holds the results). */
  private readonly builds = new KustomizeBuilds();
  /** An edit kept a Gateway whose listeners changed (hostname, port, allowedRoutes): see setFile. */
  private listenersMoved: K8sObject[] = [];
  /** The roots worth building; recomputed when the graph changes or a file starts or stops holding such objects. */
  private buildWorthy: ReadonlySet<Kustomization> | undefined;
  /** The kustomizations some successful build includes; recomputed after any build, mode or graph change. */
  private builtKustomizations: Set<Kustomization> | undefined;
  /** The cross-file tables, kept up to date object by object. */
  readonly queries = new WorkspaceQueries(this);

  constructor(private options: IndexOptions) {}

  /** The workspace roots (file paths), for workspace-relative names in messages and hovers. */
  get roots(): readonly string[] {
    return this.options.roots;
  }

  /** Changes only when an edit changes what other documents can see (names, references, Secrets, …). */
  get factsVersion(): number {
    return this.queries.topics.revision;
  }

  configure(options: IndexOptions): void {
    this.options = options;
  }

  /** Adds or replaces a file. Unchanged documents of a changed file are not re-parsed. */
  setFile(uri: string, text: string): IndexedFile {
    const key = normalizeUri(uri);
    const previous = this.files.get(key);
    const filePath = uriToPath(key);
    if (path.basename(filePath) === 'Chart.yaml' && !this.chartDirs.has(path.dirname(filePath))) {
      this.chartDirs.add(path.dirname(filePath));
    }
    const kind = classifyFile(key, text, { ...this.options, isChartDirectory: (dir) => this.chartDirs.has(dir) });
    let file: IndexedFile;
    // Kustomizations are always read whole; in manifests only segments the pre-scan cannot rule out are parsed.
    const parsing = { ...(kind.kind === 'manifest' ? MANIFEST_PARSING : {}), limits: this.options.limits };
    const yaml = kind.kind === 'skipped' ? undefined : parseYamlFile(text, previous?.yaml, parsing);
    if (!yaml || yaml.segments.every((s) => s.parse === UNREAD_SEGMENT)) {
      file = { uri, kind, yaml: undefined, objects: NO_OBJECTS, looksLikeKubernetes: false };
    } else {
      const objects = this.objectsOf(uri, yaml, previous);
      file = { uri, kind, yaml, objects, looksLikeKubernetes: objects.length > 0 || KUBERNETES_HINT.test(text) };
    }
    // A file with nothing the product reads is not kept (only its name is): 50,000 Deployments and workflows cost
    // next to no memory.
    const newlyKnown = !this.known.has(key);
    this.known.add(key);
    if (file.yaml) this.files.set(key, file);
    else this.files.delete(key);
    this.updateKustomization(key, filePath, file);
    // A file a kustomization lists that appears, or starts or stops holding what makes a build worth running,
    // changes which roots are built; any other file (a loose Gateway, a Deployment) changes nothing here.
    const worthinessChanged = newlyKnown || (previous?.objects.some(isBuildWorthy) ?? false) !== file.objects.some(isBuildWorthy);
    if (this.buildWorthy && worthinessChanged && this.kustomizeGraph().isIncluded(filePath)) this.invalidateNamespaces();
    this.updateQueries(previous?.objects ?? NO_OBJECTS, file.objects);
    if (this.listenersMoved.length > 0) {
      this.queries.listenersChanged(this.listenersMoved);
      this.listenersMoved = [];
    }
    return file;
  }

  /** Tells the cross-file tables which objects came and went; kept objects (same facts) change nothing there. */
  private updateQueries(before: readonly K8sObject[], after: readonly K8sObject[]): void {
    // The common case of a keystroke: every object kept (facts unchanged), in the same order.
    if (before.length === after.length && after.every((o, i) => o === before[i])) return;
    const kept = new Set(after);
    for (const o of before) if (!kept.has(o)) this.queries.remove(o);
    const old = new Set(before);
    for (const o of after) if (!old.has(o)) this.queries.add(o);
  }

  /**
   * The file's objects, keeping the previous object for every document that was not re-parsed, and for a
   * re-parsed document whose cross-file facts did not change (an edit of a port or a comment): cross-file tables
   * that hold these objects then stay valid.
   */
  private objectsOf(uri: string, yaml: YamlFile, previous: IndexedFile | undefined): K8sObject[] {
    const byDocument = new Map(previous?.objects.map((o) => [o.source.document, o]));
    const stillParsed = new Set(yaml.segments.flatMap((s) => s.parse.documents));
    const replaceable = (previous?.objects ?? []).filter((o) => !stillParsed.has(o.source.document));
    const objects: K8sObject[] = [];
    for (const segment of yaml.segments) {
      for (const document of segment.parse.documents) {
        const kept = byDocument.get(document);
        if (kept) {
          if (kept.source.segmentOffset !== segment.offset) retarget(kept, document, segment.offset);
          objects.push(kept);
          continue;
        }
        const fresh = toK8sObject(document, uri, segment.offset);
        if (!fresh) continue;
        const old = replaceable[0];
        if (old && crossFileFacts(old) === crossFileFacts(fresh)) {
          replaceable.shift();
          if (listenerFacts(old) !== listenerFacts(fresh)) this.listenersMoved.push(old);
          retarget(old, document, segment.offset);
          objects.push(old);
        } else {
          objects.push(fresh);
        }
      }
    }
    return objects;
  }

  /**
   * Drops the syntax trees of a file nobody is editing; they are re-parsed from the text when needed. With a way
   * to read files back (`reread`), a file of documents nothing has looked up yet (Services, ConfigMaps) lets its
   * text go too: most of the memory of a large repository.
   */
  releaseTrees(uri: string): void {
    const file = this.files.get(normalizeUri(uri));
    for (const segment of file?.yaml?.segments ?? []) segment.parse.releaseTrees();
    const reread = this.options.reread;
    if (file?.yaml && reread) file.yaml.releaseText(() => reread(file.uri));
  }

  removeFile(uri: string): void {
    const key = normalizeUri(uri);
    const removed = this.files.get(key);
    if (this.known.delete(key) && this.buildWorthy && this.kustomizeGraph().isIncluded(uriToPath(key))) this.invalidateNamespaces();
    if (!this.files.delete(key)) return;
    if (this.kustomizations.delete(key)) this.invalidateNamespaces();
    this.updateQueries(removed?.objects ?? NO_OBJECTS, NO_OBJECTS);
  }

  /** Whether a file of that name exists as far as the index was told (getFile only answers for files it keeps). */
  hasFile(uri: string): boolean {
    return this.known.has(normalizeUri(uri));
  }

  getFile(uri: string): IndexedFile | undefined {
    return this.files.get(normalizeUri(uri));
  }

  allFiles(): IterableIterator<IndexedFile> {
    return this.files.values();
  }

  *allObjects(): IterableIterator<K8sObject> {
    for (const file of this.files.values()) yield* file.objects;
  }

  /**
   * Where an object will live. A rendered object: where its build put it. A file's object: per chain of
   * kustomizations that include its file, the outermost `namespace:` (kustomize's namespace transformer overrides
   * `metadata.namespace`), else `metadata.namespace`, else `default`.
   */
  namespacesOf(object: K8sObject): readonly NamespaceCandidate[] {
    const own = object.namespace ? { namespace: object.namespace, via: undefined } : DEFAULT_NAMESPACE;
    if (object.rendered) return [own];
    const key = normalizeUri(object.source.uri);
    let chains = this.namespaceMemo.get(key);
    if (!chains) {
      chains = this.kustomizeGraph().namespacesForFile(uriToPath(key));
      this.namespaceMemo.set(key, chains);
    }
    if (chains.length === 0) return [own];
    if (chains.every((c) => c !== undefined)) return chains as readonly NamespaceCandidate[];
    const seen = new Set<string>();
    return chains.map((c) => c ?? own).filter((c) => !seen.has(c.namespace) && seen.add(c.namespace));
  }

  allKustomizations(): IterableIterator<Kustomization> {
    return this.kustomizations.values();
  }

  namespacesOfKustomization(k: Kustomization): readonly NamespaceCandidate[] {
    return this.kustomizeGraph().namespacesForKustomization(k);
  }

  private updateKustomization(key: string, filePath: string, file: IndexedFile): void {
    const before = this.kustomizations.get(key);
    let after: Kustomization | undefined;
    if (file.kind.kind === 'kustomization') {
      const value = file.yaml?.segments[0]?.parse.documents[0]?.value;
      after = readKustomization(key, filePath, value);
    }
    if (after) this.kustomizations.set(key, after);
    else this.kustomizations.delete(key);
    if (before !== undefined || after !== undefined) {
      if (JSON.stringify(before) !== JSON.stringify(after)) this.invalidateNamespaces();
    }
  }

  private invalidateNamespaces(): void {
    this.graph = undefined;
    this.namespaceMemo.clear();
    this.rootsMemo.clear();
    this.builtKustomizations = undefined;
    this.buildWorthy = undefined;
    this.queries.invalidate();
  }

  // ---- Kustomize builds -------------------------------------------------------------------------------------

  get kustomizeMode(): KustomizeMode {
    return this.builds.mode;
  }

  setKustomizeMode(mode: KustomizeMode): void {
    if (!this.builds.setMode(mode)) return;
    this.rootsMemo.clear();
    this.builtKustomizations = undefined;
    this.queries.invalidate();
  }

  /** The roots to build: kustomizations nothing includes, with every path their builds read. */
  kustomizeRoots(): { readonly uri: string; readonly dir: string; readonly inputs: readonly string[] }[] {
    const graph = this.kustomizeGraph();
    return this.rootsToBuild().map((root) => {
      const inputs = new Set<string>();
      for (const k of graph.closure(root)) {
        inputs.add(uriToPath(k.uri));
        for (const p of k.referencedPaths) inputs.add(p);
      }
      return { uri: root.uri, dir: root.dir, inputs: [...inputs] };
    });
  }

  /** The roots worth building (see worthBuilding). */
  private rootsToBuild(): Kustomization[] {
    return this.kustomizeGraph().roots().filter((root) => this.worthBuilding().has(root));
  }

  /**
   * Cost follows the Gateway API configuration: a root is built only when what it applies includes something a
   * build can change the meaning of — a Gateway API object, a Secret or what produces one (cert-manager,
   * ExternalSecret, SealedSecret, a secretGenerator) — or something the workspace cannot show (a remote base, a
   * missing file: the build says what it is, or why it fails). The thousands of app overlays of a monorepo that apply
   * Deployments, Services and ConfigMaps are not built; their files are read as written, with kustomize's namespaces.
   */
  private worthBuilding(): ReadonlySet<Kustomization> {
    if (this.buildWorthy) return this.buildWorthy;
    const graph = this.kustomizeGraph();
    const worthy = new Set<Kustomization>();
    for (const root of graph.roots()) {
      const closure = graph.closure(root);
      // What cannot be seen (a remote base, a file the workspace does not have) may hold anything: build to know.
      const holds = closure.some((k) => k.remote || k.generators.some((g) => g.field === 'secretGenerator') || k.includes.some((p) => this.holdsBuildWorthy(p) || this.unseen(p, graph)));
      if (holds) worthy.add(root);
    }
    this.buildWorthy = worthy;
    return worthy;
  }

  private unseen(includePath: string, graph: KustomizeGraph): boolean {
    return !graph.at(includePath) && !this.known.has(normalizeUri(pathToUri(includePath)));
  }

  private holdsBuildWorthy(filePath: string): boolean {
    const file = this.files.get(normalizeUri(pathToUri(filePath)));
    return file !== undefined && file.objects.some(isBuildWorthy);
  }

  /** Takes a build's result (or forgets a root that is gone); every cross-file table is rebuilt on next use. */
  setBuild(root: string, outcome: BuildOutcome | undefined): RootBuild | undefined {
    const result = outcome ? this.builds.set(root, outcome) : (this.builds.forget(root), undefined);
    this.builtKustomizations = undefined;
    this.queries.invalidate();
    return result;
  }

  buildOf(root: string): RootBuild {
    return this.builds.of(root);
  }

  /** The roots whose builds include a file; empty for files outside every kustomization (and in files mode). */
  rootsOfFile(uri: string): readonly Kustomization[] {
    if (this.builds.mode === 'files') return [];
    const key = normalizeUri(uri);
    let roots = this.rootsMemo.get(key);
    if (!roots) {
      roots = this.kustomizeGraph().rootsOfFile(uriToPath(key)).filter((root) => this.worthBuilding().has(root));
      this.rootsMemo.set(key, roots);
    }
    return roots;
  }

  /**
   * Whether a file's objects are applied only through builds (that succeeded, now or last time): then the builds'
   * objects stand for them in every table. A file whose builds never succeeded is still looked up as written.
   */
  isBuilt(uri: string): boolean {
    return this.rootsOfFile(uri).some((root) => this.builds.applies(root.uri));
  }

  /** Whether a kustomization's own generators are part of a successful build (their Secrets then come from it). */
  isBuiltKustomization(k: Kustomization): boolean {
    if (this.builds.mode === 'files') return false;
    if (!this.builtKustomizations) {
      const graph = this.kustomizeGraph();
      this.builtKustomizations = new Set(this.rootsToBuild().filter((root) => this.builds.applies(root.uri)).flatMap((root) => graph.closure(root)));
    }
    return this.builtKustomizations.has(k);
  }

  /** Every successful build's output. */
  renderedBuilds(): IterableIterator<RenderedBuild> {
    return this.builds.built();
  }

  /** What the cluster gets: objects of files not built by Kustomize, and every build's objects. */
  *appliedObjects(): IterableIterator<K8sObject> {
    for (const file of this.files.values()) if (!this.isBuilt(file.uri)) yield* file.objects;
    for (const build of this.builds.applied()) yield* build.objects;
  }

  private kustomizeGraph(): KustomizeGraph {
    this.graph ??= new KustomizeGraph(this.kustomizations.values());
    return this.graph;
  }
}

const NO_OBJECTS: readonly K8sObject[] = Object.freeze([]);

/** Objects whose meaning a Kustomize build can change and that rules read (model/relevantKinds.ts). */
function isBuildWorthy(object: K8sObject): boolean {
  return object.group !== 'kustomize.config.k8s.io' && !BUILD_NEUTRAL_KINDS.has(`${object.apiVersion}/${object.kind}`);
}
const DEFAULT_NAMESPACE: NamespaceCandidate = Object.freeze({ namespace: 'default', via: undefined });
