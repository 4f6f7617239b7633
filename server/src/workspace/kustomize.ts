// Effective namespaces from Kustomize: which kustomization.yaml files include a manifest (directly or through a
// listed directory) and which `namespace:` the outermost of them sets. A file built by several overlays gets
// several candidate namespaces; later checks decide per candidate.
import * as path from 'node:path';
import { isRecord } from '../model/object';

export interface Kustomization {
  readonly uri: string;
  readonly dir: string;
  readonly namespace: string | undefined;
  /** Absolute paths of `resources`, `bases` and `components` entries (files or directories). */
  readonly includes: readonly string[];
  readonly secretGenerators: readonly SecretGenerator[];
}

/** A `secretGenerator` entry: kustomize builds a Secret from files or literals. */
export interface SecretGenerator {
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

export function readKustomization(uri: string, filePath: string, value: unknown): Kustomization | undefined {
  if (!isRecord(value)) return undefined;
  const dir = path.dirname(filePath);
  const entries = ['resources', 'bases', 'components'].flatMap((field) => {
    const list = value[field];
    return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
  });
  const includes = entries.filter((e) => !/^[a-z]+:\/\//i.test(e) && !e.includes('?ref=')).map((e) => path.resolve(dir, e));
  const namespace = typeof value.namespace === 'string' && value.namespace !== '' ? value.namespace : undefined;
  const generatorOptions = isRecord(value.generatorOptions) ? value.generatorOptions : {};
  const generators = Array.isArray(value.secretGenerator) ? value.secretGenerator : [];
  const secretGenerators = generators.flatMap((g, index): SecretGenerator[] => {
    if (!isRecord(g) || typeof g.name !== 'string' || g.name === '') return [];
    const options = isRecord(g.options) ? g.options : {};
    const disabled = options.disableNameSuffixHash ?? generatorOptions.disableNameSuffixHash;
    return [{
      name: g.name,
      namespace: typeof g.namespace === 'string' && g.namespace !== '' ? g.namespace : undefined,
      type: typeof g.type === 'string' ? g.type : undefined,
      hashSuffix: disabled !== true,
      index,
    }];
  });
  return { uri, dir, namespace, includes, secretGenerators };
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

  /** Namespace candidates for a manifest file; empty when no kustomization includes it. */
  namespacesForFile(filePath: string): NamespaceCandidate[] {
    const parents = this.includers.get(filePath) ?? [];
    const result = new Map<string, NamespaceCandidate>();
    for (const parent of parents) {
      for (const candidate of this.resolve(parent, new Set())) {
        const c = candidate ?? { namespace: 'default', via: undefined };
        if (!result.has(c.namespace)) result.set(c.namespace, c);
      }
    }
    return [...result.values()];
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
