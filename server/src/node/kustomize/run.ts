// Runs one external command with bounded time and output. Detection probes and builds both go through it, so neither
// can hang the server on a tool that waits for a password, loops, or prints without end.
import { spawn } from 'node:child_process';

export interface RunLimits {
  readonly timeoutMs: number;
  readonly maxStdoutBytes: number;
  readonly maxStderrBytes: number;
}

export type RunResult =
  | { readonly kind: 'exited'; readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'timeout'; readonly stderr: string }
  | { readonly kind: 'overflow'; readonly stderr: string }
  | { readonly kind: 'spawnError'; readonly error: string };

/** After a kill, how long to wait for the pipes to close before giving up on them (a child that left the group). */
const CLOSE_GRACE_MS = 2000;

/**
 * Spawns argv without a shell, stdin ignored, in its own process group (so a timeout kills git and ssh children too),
 * with the environment given. Stdout is kept up to the cap and the run killed past it; stderr keeps its first bytes
 * only. Never throws.
 */
export function runBounded(argv: readonly string[], env: NodeJS.ProcessEnv, limits: RunLimits): Promise<RunResult> {
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    const finish = (result: RunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      resolve(result);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', env, windowsHide: true });
    } catch (error) {
      resolve({ kind: 'spawnError', error: error instanceof Error ? error.message : String(error) });
      return;
    }
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    const stderr: Buffer[] = [];
    let stderrBytes = 0;
    let stopped: 'timeout' | 'overflow' | undefined;
    const stderrText = (): string => Buffer.concat(stderr).toString('utf8');

    const stop = (why: 'timeout' | 'overflow'): void => {
      if (stopped) return;
      stopped = why;
      stdout.length = 0; // the partial output is useless; let it be collected now
      killGroup(child);
      // Normally 'close' follows the kill at once; a grandchild that escaped the group could hold the pipes open.
      graceTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(why === 'timeout' ? { kind: 'timeout', stderr: stderrText() } : { kind: 'overflow', stderr: stderrText() });
      }, CLOSE_GRACE_MS);
    };
    timer = setTimeout(() => stop('timeout'), limits.timeoutMs);

    child.stdout!.on('data', (chunk: Buffer) => {
      if (stopped) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > limits.maxStdoutBytes) stop('overflow');
      else stdout.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      const room = limits.maxStderrBytes - stderrBytes;
      if (room <= 0) return;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      stderr.push(kept);
      stderrBytes += kept.length;
    });
    child.on('error', (error) => {
      // A spawn failure (ENOENT, EACCES) arrives here; a kill failure after a timeout must not hide the timeout.
      if (stopped) return;
      killGroup(child);
      finish({ kind: 'spawnError', error: error.message });
    });
    child.on('close', (code, signal) => {
      if (stopped) finish(stopped === 'timeout' ? { kind: 'timeout', stderr: stderrText() } : { kind: 'overflow', stderr: stderrText() });
      else finish({ kind: 'exited', code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: stderrText() });
    });
  });
}

function killGroup(child: ReturnType<typeof spawn>): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone, or the group is: nothing left to stop.
    try {
      child.kill('SIGKILL');
    } catch {
      // ignore
    }
  }
}
