// What Kustomize builds apply, as the shells report them: per root kustomization, pending, built (its output
// parsed into objects that know where they came from) or failed. The core runs nothing; the shells build with the
// real kustomize (node/kustomize/) and hand the output in. A build's objects replace, in every cross-file table
// and every check, the objects of the files it was built from.
import * as path from 'node:path';
import { toK8sObject, type K8sObject, type RenderedBy } from '../model/object';
import { parseYamlFile, type YamlFile } from '../parser/yamlFile';
import { MANIFEST_PARSING } from './manifestParsing';
import { normalizeUri, uriToPath } from './uris';

/** Checked through builds when kustomize is there; as written (namespaces corrected) when it is not. */
export type KustomizeMode = 'files' | 'builds';

/** What a shell reports for one root (the shape node/kustomize/build.ts returns). */
export type BuildOutcome =
  | { readonly ok: true; readonly output: string; readonly originBase: string; readonly ms: number }
  | { readonly ok: false; readonly message: string; readonly ms: number };

export type RootBuild =
  | { readonly state: 'pending' }
  | { readonly state: 'built'; readonly build: RenderedBuild; readonly ms: number; readonly finishedAt: Date }
  | {
      readonly state: 'failed';
      readonly message: string;
      readonly ms: number;
      readonly finishedAt: Date;
      /**
       * The root's last successful build, if any: what the cluster most likely still runs. It keeps answering
       * other files' lookups (no cascade of "not found" while an overlay is broken); its findings are not reported.
       */
      readonly lastGood: RenderedBuild | undefined;
    };

const PENDING: RootBuild = Object.freeze({ state: 'pending' });

/** One build's output: its objects, in a file of their own that no editor shows. */
export class RenderedBuild {
  readonly uri: string;
  readonly yaml: YamlFile;
  readonly objects: readonly K8sObject[];
  private bySource: Map<string, K8sObject[]> | undefined;

  constructor(readonly root: string, output: string, originBase: string) {
    this.uri = `gateway-tls-build:${root}`;
    this.yaml = parseYamlFile(output, undefined, MANIFEST_PARSING);
    const rendered: RenderedBy = { root, originBase };
    this.objects = this.yaml.segments.flatMap((segment) =>
      segment.parse.documents.flatMap((document) => toK8sObject(document, this.uri, segment.offset, rendered) ?? []),
    );
  }

  /** The rendered objects whose origin is a file (resources) or a kustomization (generators). */
  objectsFrom(uri: string, originOf: (object: K8sObject) => string | undefined): readonly K8sObject[] {
    if (!this.bySource) {
      this.bySource = new Map();
      for (const object of this.objects) {
        const source = originOf(object);
        if (source === undefined) continue;
        const list = this.bySource.get(source) ?? [];
        list.push(object);
        this.bySource.set(source, list);
      }
    }
    return this.bySource.get(normalizeUri(uri)) ?? [];
  }
}

export class KustomizeBuilds {
  private currentMode: KustomizeMode = 'files';
  private readonly results = new Map<string, RootBuild>();

  get mode(): KustomizeMode {
    return this.currentMode;
  }

  /** Returns whether anything changed. */
  setMode(mode: KustomizeMode): boolean {
    if (mode === this.currentMode) return false;
    this.currentMode = mode;
    return true;
  }

  set(root: string, outcome: BuildOutcome): RootBuild {
    const finishedAt = new Date();
    const previous = this.results.get(normalizeUri(root));
    const lastGood = previous?.state === 'built' ? previous.build : previous?.state === 'failed' ? previous.lastGood : undefined;
    const result: RootBuild = outcome.ok
      ? { state: 'built', build: new RenderedBuild(normalizeUri(root), outcome.output, outcome.originBase), ms: outcome.ms, finishedAt }
      : { state: 'failed', message: outcome.message, ms: outcome.ms, finishedAt, lastGood };
    this.results.set(normalizeUri(root), result);
    return result;
  }

  /** A root that no longer exists (its kustomization was deleted or is now included by another). */
  forget(root: string): boolean {
    return this.results.delete(normalizeUri(root));
  }

  of(root: string): RootBuild {
    if (this.currentMode === 'files') return PENDING;
    return this.results.get(normalizeUri(root)) ?? PENDING;
  }

  /** Successful builds, in builds mode only. */
  *built(): IterableIterator<RenderedBuild> {
    if (this.currentMode === 'files') return;
    for (const result of this.results.values()) if (result.state === 'built') yield result.build;
  }

  /** What each root applies as far as lookups go: its build, or the last good one of a root that now fails. */
  *applied(): IterableIterator<RenderedBuild> {
    if (this.currentMode === 'files') return;
    for (const result of this.results.values()) {
      const build = appliedBuild(result);
      if (build) yield build;
    }
  }

  /** Whether a root's files are represented by a build (its current one, or its last good one). */
  applies(root: string): boolean {
    return appliedBuild(this.of(root)) !== undefined;
  }
}

function appliedBuild(result: RootBuild): RenderedBuild | undefined {
  return result.state === 'built' ? result.build : result.state === 'failed' ? result.lastGood : undefined;
}

/** A root's name in messages: its directory relative to the workspace root (`overlays/prod`). */
export function rootLabel(root: string, workspaceRoots: readonly string[]): string {
  const dir = path.dirname(uriToPath(root));
  let best: string | undefined;
  for (const workspaceRoot of workspaceRoots) {
    const relative = path.relative(workspaceRoot, dir);
    if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
    if (best === undefined || relative.length < best.length) best = relative;
  }
  const label = (best ?? path.basename(dir)).split(path.sep).join('/');
  return label === '' ? '.' : label;
}
