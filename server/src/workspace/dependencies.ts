// What a cross-file result read, so that it is recomputed exactly when that changed. The workspace tables
// (queries.ts) name every lookup key a "topic" and bump a topic's version when an edit adds, removes or changes
// an entry under it; a cached result keeps the versions of the topics it read and stays valid while they stand.
// Editing a Secret thus re-checks the Gateways that looked that Secret up, not every Gateway of the workspace.

/** The topics a computation read, with the versions they had; `epoch` covers changes that touch everything. */
export interface Dependencies {
  readonly epoch: number;
  readonly topics: ReadonlyMap<string, number>;
}

export class Topics {
  private readonly versions = new Map<string, number>();
  private epoch = 0;
  private revisionCount = 0;
  /** Open tracking frames, innermost last: every read is recorded in the innermost one. */
  private readonly frames: Map<string, number>[] = [];

  /** Grows with every bump: "did anything other documents can see change since I last looked?". */
  get revision(): number {
    return this.revisionCount;
  }

  /**
   * A fingerprint of some topics' versions (and the epoch): a cache of one whole-workspace computation keyed by the
   * coarse topics it depends on compares it instead of the thousands of fine ones the computation read.
   */
  stamp(topics: readonly string[]): string {
    return `${this.epoch}|${topics.map((t) => this.versions.get(t) ?? 0).join(',')}`;
  }

  /** Records that the running computation read a topic. */
  read(topic: string): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame && !frame.has(topic)) frame.set(topic, this.versions.get(topic) ?? 0);
  }

  bump(topic: string): void {
    this.versions.set(topic, (this.versions.get(topic) ?? 0) + 1);
    this.revisionCount++;
  }

  /** Everything changed (the Kustomize graph moved objects between namespaces): every cached result is stale. */
  bumpAll(): void {
    this.epoch++;
    this.revisionCount++;
  }

  /** Runs `compute` and returns what it read; reads are also passed on to an enclosing frame. */
  track<R>(compute: () => R): { readonly result: R; readonly dependencies: Dependencies } {
    const epoch = this.epoch;
    const frame = new Map<string, number>();
    this.frames.push(frame);
    let result: R;
    try {
      result = compute();
    } finally {
      this.frames.pop();
    }
    const dependencies = { epoch, topics: frame };
    this.replay(dependencies);
    return { result, dependencies };
  }

  isCurrent(dependencies: Dependencies): boolean {
    if (dependencies.epoch !== this.epoch) return false;
    for (const [topic, version] of dependencies.topics) if ((this.versions.get(topic) ?? 0) !== version) return false;
    return true;
  }

  /** A cached result is reused inside a computation: what it read, the computation read too. */
  replay(dependencies: Dependencies): void {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) return;
    for (const [topic, version] of dependencies.topics) if (!frame.has(topic)) frame.set(topic, version);
  }
}

/**
 * One cached value per key, valid while what it read is unchanged and its `guard` (settings, the day, a mode) is
 * the same object or value: the cache every cross-file computation uses (per-document findings, grant usage,
 * policy targets).
 */
export class TrackedCache<K extends object, V> {
  private readonly entries = new WeakMap<K, { readonly value: V; readonly guard: unknown; readonly dependencies: Dependencies }>();

  get(topics: Topics, key: K, guard: unknown, compute: () => V): V {
    const hit = this.entries.get(key);
    if (hit && hit.guard === guard && topics.isCurrent(hit.dependencies)) {
      topics.replay(hit.dependencies);
      return hit.value;
    }
    const { result, dependencies } = topics.track(compute);
    this.entries.set(key, { value: result, guard, dependencies });
    return result;
  }
}
