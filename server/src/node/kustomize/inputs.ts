// A fingerprint of what a build reads, so a shell can skip re-running kustomize when none of its inputs changed.
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';

/** Above this size a file contributes its size and modification time; a build input this large is rare and hashing it on every check is not worth it. */
const MAX_HASHED_BYTES = 16 * 1024 * 1024;

/**
 * sha256 over each path and its content: a missing path contributes its name and "missing"; a directory its sorted
 * entry names (not recursively); a large file its size and mtime; anything but a regular file or directory (a FIFO,
 * a device) its kind only, since opening it could block. Reads synchronously, one file at a time. Never throws.
 */
export function fingerprintInputs(paths: readonly string[]): string {
  const hash = createHash('sha256');
  for (const path of paths) {
    field(hash, path);
    try {
      contribute(hash, path);
    } catch (error) {
      field(hash, `error:${(error as NodeJS.ErrnoException)?.code ?? String(error)}`);
    }
  }
  return hash.digest('hex');
}

function contribute(hash: Hash, path: string): void {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return field(hash, 'missing');
  if (stat.isDirectory()) {
    field(hash, 'dir');
    return field(hash, readdirSync(path).sort().join('\0'));
  }
  if (!stat.isFile()) return field(hash, 'special');
  if (stat.size > MAX_HASHED_BYTES) return field(hash, `large:${stat.size}:${stat.mtimeMs}`);
  field(hash, 'file');
  field(hash, readFileSync(path));
}

/** Length-prefixed, so ('ab', 'c') and ('a', 'bc') never hash alike. */
function field(hash: Hash, value: string | Buffer): void {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  hash.update(`${bytes.length}:`);
  hash.update(bytes);
}
