// Bundles every entry point with esbuild. The .vsix and the bins ship these bundles, never node_modules.
import { build, buildSync } from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/**
 * `gateway-tls:precompiled-validators`: ajv's standalone code for our JSON Schemas, generated here once so no
 * bundle compiles schemas at run time (server/src/schemas/standalone.ts).
 */
function precompiledValidators() {
  const bundled = buildSync({ entryPoints: ['server/src/schemas/standalone.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'error' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', bundled.outputFiles[0].text)(module, module.exports, createRequire(resolve('package.json')));
  const code = module.exports.standaloneValidators();
  return {
    name: 'precompiled-validators',
    setup(b) {
      b.onResolve({ filter: /^gateway-tls:precompiled-validators$/ }, (args) => ({ path: args.path, namespace: 'precompiled' }));
      b.onLoad({ filter: /.*/, namespace: 'precompiled' }, () => ({ contents: code, loader: 'js', resolveDir: resolve('.') }));
    },
  };
}
const plugins = [precompiledValidators()];

const common = {
  bundle: true,
  plugins,
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
