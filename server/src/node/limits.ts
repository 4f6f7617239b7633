// Bounded file-system access shared by the walk and the reader: how many files and directories may be open at once,
// and a retry with backoff when the process (or the system) is out of file descriptors anyway.

/** At most this many files or directories are open at once by a walk or a read (far below any usual `ulimit -n`). */
export const MAX_OPEN = 32;

const RETRYABLE = new Set(['EMFILE', 'ENFILE', 'EAGAIN']);
const RETRIES = 8;

/** Runs `operation`, retrying EMFILE/ENFILE/EAGAIN with exponential backoff (10 ms … ~1.3 s, ~2.5 s in all). */
export async function withFdRetry<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= RETRIES || !RETRYABLE.has(errorCode(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt));
    }
  }
}

export function errorCode(error: unknown): string | undefined {
  return (error as { code?: unknown } | null)?.code as string | undefined;
}

/** `EACCES: permission denied` rather than node's `EACCES: permission denied, open '/full/path'` (the path is said elsewhere). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, \w+ '[^']*'$/, '');
}

/**
 * A counting semaphore: `run` waits for one of `size` slots. The walk uses it so a tree of 10,000 directories never
 * has more than `size` of them open, however wide it fans out.
 */
export class Pool {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter (active stays the same), else it is freed.
      if (next) next();
      else this.active--;
    }
  }
}
