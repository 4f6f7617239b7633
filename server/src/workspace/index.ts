// The workspace index: every YAML file the service knows, parsed once and re-parsed incrementally, with the
// Kubernetes objects it holds and the Kustomize graph that gives them their namespaces.
import * as path from 'node:path';
import { crossFileFacts } from '../model/facts';
import { retarget, toK8sObject, type K8sObject } from '../model/object';
import { readHeader } from '../parser/header';
import type { ParseLimits } from '../parser/limits';
import { mayMatter } from '../parser/prescan';
import { LOOKUP_ONLY_KINDS } from '../model/relevantKinds';
import { parseYamlFile, UNREAD_SEGMENT, type YamlFile } from '../parser/yamlFile';
import { classifyFile, type FileKind, type FileKindOptions } from './fileKind';
import { KustomizeGraph, readKustomization, type Kustomization, type NamespaceCandidate } from './kustomize';
import { WorkspaceQueries } from './queries';
import { normalizeUri, uriToPath } from './uris';

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
  private readonly namespaceMemo = new Map<string, readonly NamespaceCandidate[]>();
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
    this.known.add(key);
    if (file.yaml) this.files.set(key, file);
    else this.files.delete(key);
    this.updateKustomization(key, filePath, file);
    this.updateQueries(previous?.objects ?? NO_OBJECTS, file.objects);
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
    this.known.delete(key);
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
   * Where an object will live: `metadata.namespace`, else the namespaces of the kustomizations that include its
   * file (several for several overlays), else `default`.
   */
  namespacesOf(object: K8sObject): readonly NamespaceCandidate[] {
    if (object.namespace) return [{ namespace: object.namespace, via: undefined }];
    const key = normalizeUri(object.source.uri);
    let candidates = this.namespaceMemo.get(key);
    if (!candidates) {
      const fromKustomize = this.kustomizeGraph().namespacesForFile(uriToPath(key));
      candidates = fromKustomize.length > 0 ? fromKustomize : [{ namespace: 'default', via: undefined }];
      this.namespaceMemo.set(key, candidates);
    }
    return candidates;
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
    this.queries.invalidate();
  }

  private kustomizeGraph(): KustomizeGraph {
    this.graph ??= new KustomizeGraph(this.kustomizations.values());
    return this.graph;
  }
}

const NO_OBJECTS: readonly K8sObject[] = Object.freeze([]);

const LOOKUP_ONLY_KIND_LINE = new RegExp(`^kind:[ \\t]*["']?(?:${[...LOOKUP_ONLY_KINDS].map((k) => k.split('/').pop()).join('|')})\\b`, 'm');

/** Manifests: documents of other kinds are never parsed; Services and ConfigMaps only once something reads them. */
const MANIFEST_PARSING = {
  mayMatter,
  deferrable: (segmentText: string) => {
    // The header scan accepts `kind:` only at the start of a line, plain or quoted: without such a line naming a
    // lookup-only kind there is nothing to defer, and no need to scan.
    if (!LOOKUP_ONLY_KIND_LINE.test(segmentText)) return undefined;
    const header = readHeader(segmentText);
    return header && LOOKUP_ONLY_KINDS.has(`${header.apiVersion}/${header.kind}`) ? header : undefined;
  },
};
