// Reads many files, one descriptor at a time, results in input order. The CLI and the server's workspace scan both
// read through this, so a 50,000-file tree never exhausts the open-file limit and never turns a failed read into a
// silently missing file.
import { readText, type ReadResult } from './scanWorkspace';

export interface FileRead extends ReadResult {
  readonly path: string;
}

export interface ReadFilesOptions {
  readonly maxBytes: number;
}

/** How long a run of synchronous reads may hold the event loop before the reader yields a turn. */
const SLICE_MS = 8;

/**
 * Yields `{ path, text?, size, skip? }` for every path, in input order, one file open at a time (readText is
 * synchronous underneath), giving the event loop a turn every few milliseconds so a server stays responsive.
 */
export async function* readFiles(paths: readonly string[], options: ReadFilesOptions): AsyncGenerator<FileRead> {
  let sliceStart = performance.now();
  for (const filePath of paths) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    yield { path: filePath, ...(await readText(filePath, options.maxBytes)) };
  }
}
