// Reads many files with a bounded window: at most `concurrency` reads in flight (each holds at most one descriptor),
// results in input order. The CLI and the server's workspace scan both read through this, so a 50,000-file tree
// never exhausts the open-file limit and never turns a failed read into a silently missing file.
import { MAX_OPEN } from './limits';
import { readText, type ReadResult } from './scanWorkspace';

export interface FileRead extends ReadResult {
  readonly path: string;
}

export interface ReadFilesOptions {
  readonly maxBytes: number;
  /** Reads in flight at once (default MAX_OPEN). */
  readonly concurrency?: number;
}

/**
 * Yields `{ path, text?, size, skip? }` for every path, in input order. Reads run ahead of the consumer by at most
 * `concurrency` files, so memory is bounded by the window too, however slow the consumer.
 */
export async function* readFiles(paths: readonly string[], options: ReadFilesOptions): AsyncGenerator<FileRead> {
  const window = Math.max(1, options.concurrency ?? MAX_OPEN);
  const inFlight: Promise<FileRead>[] = [];
  let next = 0;
  const start = (): void => {
    const filePath = paths[next++]!;
    inFlight.push(readText(filePath, options.maxBytes).then((result) => ({ path: filePath, ...result })));
  };
  while (next < paths.length && inFlight.length < window) start();
  while (inFlight.length > 0) {
    const result = await inFlight.shift()!;
    if (next < paths.length) start();
    yield result;
  }
}
