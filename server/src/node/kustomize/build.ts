// Builds one Kustomize root with the real kustomize. The root is wrapped in a temporary kustomization that asks for
// origin annotations (so every rendered object says which file it came from) without touching the user's tree, and
// the run is bounded in time and output and can never prompt for credentials.
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { failureMessage } from './message';
import { runBounded } from './run';
import type { KustomizeTool } from './tool';

export interface BuildLimits {
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
}

export type BuildOutcome =
  | {
      readonly ok: true;
      readonly output: string;
      /** The directory the origin annotations' relative paths are relative to (the wrapper dir; it is deleted after the build, only its path is used). */
      readonly originBase: string;
      readonly ms: number;
    }
  | { readonly ok: false; readonly message: string; readonly ms: number };

export const DEFAULT_BUILD_LIMITS: BuildLimits = { timeoutMs: 20_000, maxOutputBytes: 64 * 1024 * 1024 };
const MAX_STDERR_BYTES = 64 * 1024;

/** Builds rootDir (a directory holding a kustomization) with tool. Never throws; the wrapper dir is always removed. */
export async function buildRoot(tool: KustomizeTool, rootDir: string, limits?: Partial<BuildLimits>): Promise<BuildOutcome> {
  const start = performance.now();
  const { timeoutMs, maxOutputBytes } = { ...DEFAULT_BUILD_LIMITS, ...limits };
  const elapsed = (): number => Math.round(performance.now() - start);
  let created: string | undefined;
  try {
    created = await mkdtemp(join(tmpdir(), 'gateway-tls-kustomize-'));
    // kustomize cleans `dir/../x` lexically, so the `..` steps must start from the physical directory (macOS'
    // /var/folders is a symlink to /private/var/folders).
    const wrapperDir = await realpath(created);
    // kustomize refuses absolute paths in `resources`; a relative one reaches anywhere on the same drive.
    const relativeRoot = relative(wrapperDir, rootDir).split(sep).join('/');
    await writeFile(join(wrapperDir, 'kustomization.yaml'), `buildMetadata: [originAnnotations]\nresources:\n- ${JSON.stringify(relativeRoot)}\n`);

    const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_SSH_COMMAND: 'ssh -o BatchMode=yes' };
    const run = await runBounded([...tool.argv, wrapperDir], env, { timeoutMs, maxStdoutBytes: maxOutputBytes, maxStderrBytes: MAX_STDERR_BYTES });
    const fail = (message: string): BuildOutcome => ({ ok: false, message, ms: elapsed() });
    switch (run.kind) {
      case 'timeout':
        return fail(`kustomize did not finish within ${formatSeconds(timeoutMs)}`);
      case 'overflow':
        return fail(`kustomize printed more than ${formatBytes(maxOutputBytes)}`);
      case 'spawnError':
        return fail(`could not start ${tool.argv[0]}: ${run.error}`);
      default: {
        if (run.code === 0) return { ok: true, output: run.stdout, originBase: wrapperDir, ms: elapsed() };
        const reason = failureMessage(run.stderr, { wrapperDirs: [wrapperDir, created], relativeRoot, rootDir });
        if (reason !== '') return fail(reason);
        return fail(run.signal ? `kustomize was stopped by ${run.signal}` : `kustomize exited with code ${run.code}`);
      }
    }
  } catch (error) {
    return { ok: false, message: `could not run kustomize: ${error instanceof Error ? error.message : String(error)}`, ms: elapsed() };
  } finally {
    if (created) await rm(created, { recursive: true, force: true }).catch(() => undefined);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}
