// The Kustomize graph as written: which kustomizations include which files and directories, which of them are
// roots (built and applied on their own), what each root's build reads, and — for checking without builds — the
// namespace each chain of overlays gives a file. A file built by several overlays gets several candidates.
import * as path from 'node:path';
import { isRecord } from '../model/object';

export type GeneratorField = 'secretGenerator' | 'configMapGenerator';

export interface Kustomization {
  readonly uri: string;
  readonly dir: string;
  readonly namespace: string | undefined;
  /** `kind: Component`: applied only through the kustomizations that list it under `components`. */
  readonly isComponent: boolean;
  /** Absolute paths of `resources`, `bases` and `components` entries (files or directories). */
  readonly includes: readonly string[];
  /** It names a remote base (a URL, a git reference): what that applies is unknown until built. */
  readonly remote: boolean;
  /** Every local path the kustomization names (patches, generator files, configurations, …): what a build reads. */
  readonly referencedPaths: readonly string[];
  readonly generators: readonly Generator[];
}

/** A `secretGenerator` or `configMapGenerator` entry: kustomize builds a Secret or ConfigMap from files or literals. */
export interface Generator {
  readonly field: GeneratorField;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly type: string | undefined;
  /** Kustomize appends a content hash to the name unless `options.disableNameSuffixHash` is true. */
  readonly hashSuffix: boolean;
  readonly index: number;
}

export interface NamespaceCandidate {
  readonly namespace: string;
  /** The kustomization that sets it; undefined for `metadata.namespace` or the `default` fallback. */
  readonly via: string | undefined;
}

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\/|^git@|\?ref=/i;

export function readKustomization(uri: string, filePath: string, value: unknown): Kustomization | undefined {
  if (!isRecord(value)) return undefined;
  const dir = path.dirname(filePath);
  const local = (entry: string) => !REMOTE.test(entry);
  const entries = ['resources', 'bases', 'components'].flatMap((field) => {
    const list = value[field];
    return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
  });
  const includes = entries.filter(local).map((e) => path.resolve(dir, e));
  const namespace = typeof value.namespace === 'string' && value.namespace !== '' ? value.namespace : undefined;
  const generatorOptions = isRecord(value.generatorOptions) ? value.generatorOptions : {};
  const generators = (['secretGenerator', 'configMapGenerator'] as const).flatMap((field) => {
    const list = Array.isArray(value[field]) ? (value[field] as unknown[]) : [];
    return list.flatMap((g, index): Generator[] => {
      if (!isRecord(g) || typeof g.name !== 'string' || g.name === '') return [];
      const options = isRecord(g.options) ? g.options : {};
      const disabled = options.disableNameSuffixHash ?? generatorOptions.disableNameSuffixHash;
      return [{
        field,
        name: g.name,
        namespace: typeof g.namespace === 'string' && g.namespace !== '' ? g.namespace : undefined,
        type: typeof g.type === 'string' ? g.type : undefined,
        hashSuffix: disabled !== true,
        index,
      }];
    });
  });
  // Any string may be a path (patch files, generator `files` as `key=path`, `envs`, `configurations`, …): the
  // shells fingerprint the ones that exist, so naming too many costs a stat, naming too few a stale build.
  const referencedPaths = new Set<string>();
  collectStrings(value, (s) => {
    const candidate = s.includes('=') ? s.slice(s.indexOf('=') + 1) : s;
    if (candidate !== '' && !candidate.includes('\n') && local(candidate) && candidate.length < 1024) referencedPaths.add(path.resolve(dir, candidate));
  });
  const remote = entries.some((e) => !local(e));
  return { uri, dir, namespace, isComponent: value.kind === 'Component', includes, remote, referencedPaths: [...referencedPaths], generators };
}

function collectStrings(value: unknown, visit: (s: string) => void, depth = 0): void {
  if (depth > 20) return;
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, visit, depth + 1);
  else if (isRecord(value)) for (const v of Object.values(value)) collectStrings(v, visit, depth + 1);
}

export class KustomizeGraph {
  private readonly byDir = new Map<string, Kustomization>();
  private readonly includers = new Map<string, Kustomization[]>();
  private readonly memo = new Map<Kustomization, readonly (NamespaceCandidate | undefined)[]>();

  constructor(kustomizations: Iterable<Kustomization>) {
    for (const k of kustomizations) this.byDir.set(k.dir, k);
    for (const k of this.byDir.values()) {
      for (const target of k.includes) {
        const list = this.includers.get(target) ?? [];
        list.push(k);
        this.includers.set(target, list);
      }
    }
  }

  get isEmpty(): boolean {
    return this.byDir.size === 0;
  }

  /** Whether some kustomization lists this path (a file or a directory) as a resource, base or component. */
  isIncluded(target: string): boolean {
    return this.includers.has(target);
  }

  /** The kustomization of a directory, if the workspace has one. */
  at(dir: string): Kustomization | undefined {
    return this.byDir.get(dir);
  }

  /** Kustomizations no other kustomization includes (components excepted: they are never built alone). */
  roots(): Kustomization[] {
    return [...this.byDir.values()].filter((k) => !k.isComponent && (this.includers.get(k.dir) ?? []).length === 0);
  }

  /** The roots whose builds include a manifest file (directly or through included kustomizations). */
  rootsOfFile(filePath: string): Kustomization[] {
    const roots = new Set<Kustomization>();
    const visit = (target: string, seen: Set<string>) => {
      for (const k of this.includers.get(target) ?? []) {
        if (seen.has(k.dir)) continue;
        seen.add(k.dir);
        const outer = this.includers.get(k.dir) ?? [];
        if (outer.length === 0 && !k.isComponent) roots.add(k);
        else visit(k.dir, seen);
      }
    };
    visit(filePath, new Set());
    return [...roots];
  }

  /** The kustomizations a root's build reads: itself and everything it includes, transitively. */
  closure(root: Kustomization): Kustomization[] {
    const seen = new Map<string, Kustomization>();
    const visit = (k: Kustomization) => {
      if (seen.has(k.dir)) return;
      seen.set(k.dir, k);
      for (const target of k.includes) {
        const included = this.byDir.get(target);
        if (included) visit(included);
      }
    };
    visit(root);
    return [...seen.values()];
  }

  /**
   * Namespaces for a manifest file, one per chain of including overlays: the outermost `namespace:` of the chain,
   * or undefined where no kustomization of the chain sets one (then `metadata.namespace`, else `default`, applies:
   * kustomize's namespace transformer overrides `metadata.namespace`). Empty when no kustomization includes it.
   */
  namespacesForFile(filePath: string): readonly (NamespaceCandidate | undefined)[] {
    const parents = this.includers.get(filePath) ?? [];
    return dedupe(parents.flatMap((parent) => this.resolve(parent, new Set())));
  }

  /** Namespaces the objects a kustomization itself generates end up in. */
  namespacesForKustomization(k: Kustomization): NamespaceCandidate[] {
    return this.resolve(k, new Set()).map((c) => c ?? { namespace: 'default', via: undefined });
  }

  /** The namespaces `k` ends up applying, one per chain of including overlays; the outermost `namespace:` wins. */
  private resolve(k: Kustomization, visiting: Set<Kustomization>): readonly (NamespaceCandidate | undefined)[] {
    const cached = this.memo.get(k);
    if (cached) return cached;
    if (visiting.has(k)) return [];
    visiting.add(k);
    const own: NamespaceCandidate | undefined = k.namespace ? { namespace: k.namespace, via: k.uri } : undefined;
    const parents = this.includers.get(k.dir) ?? [];
    const result = parents.length === 0 ? [own] : parents.flatMap((p) => this.resolve(p, visiting).map((outer) => outer ?? own));
    visiting.delete(k);
    const unique = dedupe(result);
    this.memo.set(k, unique);
    return unique;
  }
}

function dedupe(list: readonly (NamespaceCandidate | undefined)[]): (NamespaceCandidate | undefined)[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = c ? c.namespace : '\u0000';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
