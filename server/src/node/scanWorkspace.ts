// File-system access for the two shells (server and CLI): find the YAML files under some paths and read them.
// The language service itself never touches the disk.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.terraform']);

/** Every `.yaml`/`.yml` file (and `Kustomization`) under the given files or directories, sorted. */
export async function findYamlFiles(paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const visit = async (target: string, explicit: boolean): Promise<void> => {
    let stat;
    try {
      stat = await fs.lstat(target);
    } catch {
      if (explicit) throw new Error(`no such file or directory: ${target}`);
      return;
    }
    if (stat.isSymbolicLink() && !explicit) return;
    if (stat.isSymbolicLink()) stat = await fs.stat(target);
    if (stat.isDirectory()) {
      if (!explicit && SKIPPED_DIRECTORIES.has(path.basename(target))) return;
      const entries = await fs.readdir(target);
      await Promise.all(entries.map((entry) => visit(path.join(target, entry), false)));
    } else if (stat.isFile() && (explicit || YAML_FILE.test(target) || path.basename(target) === 'Kustomization')) {
      found.add(path.resolve(target));
    }
  };
  for (const p of paths) await visit(path.resolve(p), true);
  // Chart.yaml first: whether a file is a Helm template depends on its chart being known.
  const rank = (f: string) => (path.basename(f) === 'Chart.yaml' ? 0 : 1);
  return [...found].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export interface ReadResult {
  readonly text: string | undefined;
  /** Why the file could not be read, when it could not. */
  readonly error?: string;
}

/** Reads a file as UTF-8 text; files over `maxBytes` are not read (their size is reported instead). */
export async function readText(filePath: string, maxBytes: number): Promise<ReadResult & { size: number }> {
  try {
    const stat = await fs.stat(filePath);
    if (stat.size > maxBytes) return { text: undefined, size: stat.size, error: `${stat.size} bytes is over the size limit (${maxBytes})` };
    return { text: await fs.readFile(filePath, 'utf8'), size: stat.size };
  } catch (error) {
    return { text: undefined, size: 0, error: error instanceof Error ? error.message : String(error) };
  }
}
