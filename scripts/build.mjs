// Bundles every entry point with esbuild. The .vsix and the bins ship these bundles, never node_modules.
import { build } from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
};

/** Test files are bundled one by one so node's test runner (and VS Code's extension host) can load them. */
function testEntries(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => /\.test\.ts$/.test(f) || /index\.ts$/.test(f))
    .map((f) => join(dir, f));
}

await Promise.all([
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts' }, outdir: 'dist' }),
  build({
    ...common,
    entryPoints: [...testEntries('test/unit'), ...testEntries('test/lsp'), ...testEntries('test/cli')],
    outdir: 'dist/test',
    outbase: 'test',
    external: ['vscode'],
  }),
  build({
    ...common,
    entryPoints: testEntries('test/vscode/suite'),
    outdir: 'dist/test/vscode/suite',
    outbase: 'test/vscode/suite',
    external: ['vscode', 'mocha'],
  }),
]);
