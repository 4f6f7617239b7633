// Builds a service's Kustomize roots and hands each result to it: the one way the CLI, the server's first builds
// and the tests turn "kustomize is here" into checked builds.
import * as path from 'node:path';
import type { KustomizeRoot, LanguageService } from '../../languageService';
import type { BuildLimits } from './build';
import { buildAll } from './pool';
import type { KustomizeTool } from './tool';

export interface RootsBuilt {
  readonly built: number;
  readonly failed: readonly { readonly uri: string; readonly message: string }[];
}

/** Builds `roots` (default: every root of the service) in parallel and sets each result as it arrives. */
export async function buildRoots(
  service: LanguageService,
  tool: KustomizeTool,
  options: { readonly roots?: readonly KustomizeRoot[]; readonly concurrency?: number; readonly limits?: Partial<BuildLimits>; readonly onBuilt?: (root: KustomizeRoot, done: number, total: number) => void } = {},
): Promise<RootsBuilt> {
  const roots = options.roots ?? service.kustomizeRoots();
  const byDir = new Map(roots.map((root) => [path.resolve(root.dir), root]));
  const failed: { uri: string; message: string }[] = [];
  let built = 0;
  let done = 0;
  await buildAll(tool, [...byDir.keys()], { concurrency: options.concurrency, limits: options.limits }, (dir, outcome) => {
    const root = byDir.get(dir)!;
    service.setBuild(root.uri, outcome);
    if (outcome.ok) built++;
    else failed.push({ uri: root.uri, message: outcome.message });
    options.onBuilt?.(root, ++done, byDir.size);
  });
  return { built, failed };
}
