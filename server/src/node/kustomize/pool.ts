// Builds many roots with a bounded number of kustomize processes: each build is a separate process of ~60 ms, so a
// repository with hundreds of overlays finishes in seconds without forking hundreds of processes at once.
import { availableParallelism } from 'node:os';
import { buildRoot, type BuildLimits, type BuildOutcome } from './build';
import type { KustomizeTool } from './tool';

/**
 * Builds every root, at most `concurrency` at once (default os.availableParallelism()), calling onResult as each
 * finishes; resolves when all are done. An onResult that throws does not stop the other builds: the first such
 * error rejects the promise once every build has finished.
 */
export async function buildAll(
  tool: KustomizeTool,
  rootDirs: readonly string[],
  options: { concurrency?: number; limits?: Partial<BuildLimits> },
  onResult: (rootDir: string, outcome: BuildOutcome) => void,
): Promise<void> {
  const requested = options.concurrency ?? availableParallelism();
  const concurrency = Math.max(1, Math.min(rootDirs.length, Number.isFinite(requested) ? Math.floor(requested) : 1));
  let next = 0;
  let callbackError: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < rootDirs.length) {
      const rootDir = rootDirs[next++]!;
      const outcome = await buildRoot(tool, rootDir, options.limits);
      try {
        onResult(rootDir, outcome);
      } catch (error) {
        callbackError ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (callbackError) throw callbackError.error;
}
