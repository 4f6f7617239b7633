// File-system access for the two shells (server and CLI): find the YAML files under some paths and read them.
// The language service itself never touches the disk.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.terraform']);

/** Every `.yaml`/`.yml` file (and `Kustomization`) under the given files or directories, sorted. */
export async function findYamlFiles(paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const isWanted = (name: string) => YAML_FILE.test(name) || name === 'Kustomization';
  // Directory entries carry their type, so a walk needs no stat per file; symbolic links inside the tree are not
  // followed (a loop must not hang a scan), explicitly named paths are.
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    await Promise.all(
      entries.map((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? undefined : walk(full);
        if (entry.isFile() && isWanted(entry.name)) found.add(full);
        return undefined;
      }),
    );
  };
  for (const p of paths) {
    const target = path.resolve(p);
    let stat;
    try {
      stat = await fs.stat(target);
    } catch {
      throw new Error(`no such file or directory: ${target}`);
    }
    if (stat.isDirectory()) await walk(target);
    else if (stat.isFile()) found.add(target);
  }
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
