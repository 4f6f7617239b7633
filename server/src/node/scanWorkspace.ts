// File-system access for the two shells (server and CLI): find the YAML files under some paths (a bounded walk) and
// read one file. Reading many files goes through readFiles.ts. The language service itself never touches the disk.
import type { Dirent } from 'node:fs';
import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { uriToPath } from '../workspace/uris';
import { describeError, errorCode, MAX_OPEN, Pool, withFdRetry } from './limits';

const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.terraform']);

/** A file or directory the walk could not read, with the system's reason (`EACCES: permission denied`). */
export interface Unreadable {
  readonly path: string;
  readonly detail: string;
  readonly directory: boolean;
}

export interface FoundFiles {
  /** Sorted, Chart.yaml first. */
  readonly files: string[];
  /** Directories (and named paths) that could not be read: whatever YAML they hold is missing from `files`. */
  readonly unreadable: Unreadable[];
}

export interface FindOptions {
  /** At most this many directories open at once (default MAX_OPEN). */
  readonly concurrency?: number;
}

/**
 * Every `.yaml`/`.yml` file (and `Kustomization`) under the given files or directories, sorted, and every
 * directory that could not be read. Throws only when a named path does not exist.
 */
export async function findYamlFiles(paths: readonly string[], options: FindOptions = {}): Promise<FoundFiles> {
  const found = new Set<string>();
  const unreadable: Unreadable[] = [];
  const pool = new Pool(options.concurrency ?? MAX_OPEN);
  const isWanted = (name: string) => YAML_FILE.test(name) || name === 'Kustomization';
  // Directory entries carry their type, so a walk needs no stat per file; symbolic links inside the tree are not
  // followed (a loop must not hang a scan), explicitly named paths are. A YAML name that is neither a file nor a
  // directory (a FIFO, a socket, a device) is kept: the reader reports it as unreadable without opening it.
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      // readdir opens, reads and closes the directory within the pool's slot.
      entries = await pool.run(() => withFdRetry(() => fs.readdir(dir, { withFileTypes: true })));
    } catch (error) {
      unreadable.push({ path: dir, detail: describeError(error), directory: true });
      return;
    }
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) subdirectories.push(full);
      } else if (!entry.isSymbolicLink() && isWanted(entry.name)) found.add(full);
    }
    // The pool bounds open directories; these promises only wait for a slot.
    await Promise.all(subdirectories.map(walk));
  };
  for (const p of paths) {
    const target = path.resolve(p);
    let stat;
    try {
      stat = await withFdRetry(() => fs.stat(target));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        // A dangling symbolic link exists, only its target does not: the reader reports it, like any unread file.
        const link = await fs.lstat(target).catch(() => undefined);
        if (link?.isSymbolicLink()) {
          found.add(target);
          continue;
        }
        throw new Error(`no such file or directory: ${target}`);
      }
      unreadable.push({ path: target, detail: describeError(error), directory: false });
      continue;
    }
    if (stat.isDirectory()) await walk(target);
    else found.add(target);
  }
  // Chart.yaml first: whether a file is a Helm template depends on its chart being known.
  const rank = (f: string) => (path.basename(f) === 'Chart.yaml' ? 0 : 1);
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  unreadable.sort((a, b) => byPath(a.path, b.path));
  return { files: [...found].sort((a, b) => rank(a) - rank(b) || byPath(a, b)), unreadable };
}

export interface ReadResult {
  readonly text: string | undefined;
  /** Bytes on disk (0 when not even a stat succeeded). */
  readonly size: number;
  /** Why the file was not read, when it was not. */
  readonly skip?: { readonly reason: 'unreadable' | 'too-large'; readonly detail: string };
}

/**
 * Reads a file as UTF-8 text. Files over `maxBytes` are not read (`too-large`); anything that is not a regular file
 * (a FIFO, a directory, a device) and any failure is `unreadable`. Holds one descriptor, briefly; EMFILE/ENFILE are
 * retried with backoff.
 *
 * The read itself is synchronous: for the small files of a repository, four synchronous system calls cost a tenth of
 * what the promise API's thread-pool round trips cost (measured: 10,000 files in 0.1 s against 0.7 s). Callers that
 * must stay responsive (the server) read in slices between event-loop turns (readFiles.ts). The file is opened
 * non-blocking, so a FIFO that replaced a file after the walk cannot hang it either.
 */
export async function readText(filePath: string, maxBytes: number): Promise<ReadResult> {
  let size = 0;
  try {
    return await withFdRetry(async () => {
      const result = readTextSync(filePath, maxBytes);
      size = result.size;
      return result;
    });
  } catch (error) {
    return { text: undefined, size, skip: { reason: 'unreadable', detail: describeError(error) } };
  }
}

/** readText without the retry: throws what the file system throws. */
function readTextSync(filePath: string, maxBytes: number): ReadResult {
  const fd = fsSync.openSync(filePath, fsSync.constants.O_RDONLY | fsSync.constants.O_NONBLOCK);
  try {
    const stat = fsSync.fstatSync(fd);
    if (!stat.isFile()) return { text: undefined, size: stat.size, skip: { reason: 'unreadable', detail: `not a regular file: ${fileType(stat)}` } };
    if (stat.size > maxBytes) return { text: undefined, size: stat.size, skip: { reason: 'too-large', detail: `${stat.size} bytes is over the size limit (${maxBytes})` } };
    return { text: fsSync.readFileSync(fd, 'utf8'), size: stat.size };
  } finally {
    fsSync.closeSync(fd);
  }
}

/**
 * The language service's way back to a file whose text it let go (LanguageServiceOptions.reread): the text now on
 * disk, or undefined. The service checks that it is still the text it read.
 */
export function rereadFile(uri: string): string | undefined {
  try {
    return readTextSync(uriToPath(uri), Number.MAX_SAFE_INTEGER).text;
  } catch {
    return undefined;
  }
}

function fileType(stat: import('node:fs').Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}
