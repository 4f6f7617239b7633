// Runs every bundled test (unit, LSP over stdio, CLI end to end) with node's test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['dist/test/unit', 'dist/test/lsp', 'dist/test/cli'].filter((d) => existsSync(d));
const files = roots.flatMap((root) => readdirSync(root, { recursive: true }).filter((f) => f.endsWith('.test.js')).map((f) => join(root, f)));
if (files.length === 0) {
  console.error('no test files found: run `npm run build` first');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
