// The floor the CLI is compared with: find the same YAML files, read each and parse it with `yaml`'s
// parseAllDocuments, nothing else (with --tojs, also convert every document to JS, as any checker must).
// Run in a fresh process, like the CLI.
//   node bench/parse-baseline.mjs <dir> [--tojs]
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

const root = path.resolve(process.argv[2] ?? '.');
const toJS = process.argv.includes('--tojs');
let files = 0;
let documents = 0;
for (const entry of readdirSync(root, { recursive: true })) {
  if (!/\.ya?ml$/i.test(entry)) continue;
  const text = readFileSync(path.join(root, entry), 'utf8');
  for (const doc of parseAllDocuments(text)) {
    if (toJS) doc.toJS();
    documents++;
  }
  files++;
}
process.stdout.write(JSON.stringify({ files, documents }) + '\n');
