// The read-only floor of the monorepo benchmark: find the YAML files under a directory (the directories the
// scanners skip are skipped here too) and read each as UTF-8, 64 at a time, nothing else. Run in a fresh process,
// like the CLI, so the two wall times compare.
//   node bench/read-floor.mjs <dir> [--concurrency 64] [--sync]
// --sync reads with synchronous calls, one file open at a time (the way the CLI and the server read): on a warm page
// cache that is several times faster than the promise API, so it is the stricter floor.
import { closeSync, constants, fstatSync, openSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const i = process.argv.indexOf('--concurrency');
const concurrency = i >= 0 ? Number(process.argv[i + 1]) : 64;
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.terraform']);

const files = [];
async function walk(dir) {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  await Promise.all(
    entries.map((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return SKIPPED.has(e.name) ? undefined : walk(full);
      if (e.isFile() && (/\.ya?ml$/i.test(e.name) || e.name === 'Kustomization')) files.push(full);
      return undefined;
    }),
  );
}
await walk(root);
let next = 0;
let chars = 0;
if (process.argv.includes('--sync')) {
  for (const file of files) {
    const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    fstatSync(fd);
    chars += readFileSync(fd, 'utf8').length;
    closeSync(fd);
  }
  next = files.length;
}
async function worker() {
  while (next < files.length) {
    const file = files[next++];
    const text = await fs.readFile(file, 'utf8');
    chars += text.length;
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
process.stdout.write(JSON.stringify({ files: files.length, chars }) + '\n');
