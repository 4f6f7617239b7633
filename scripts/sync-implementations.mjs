// Generates server/src/model/implementations.generated.json (implementation profiles: controller and class names,
// API groups, the extended features each one's upstream conformance report lists as supported or unsupported)
// from the upstream summary TSV plus scripts/implementations.extra.json, then the README's implementation table
// between its markers, and package.json's `gatewayTls.implementation` setting (auto, none and every id). Usage: node scripts/sync-implementations.mjs [path/to/implementations.tsv]
// (default ../shared/reference/implementations.tsv). Fails loudly on a changed header, a malformed row or date,
// or extra facts about an implementation the TSV lacks. The generated JSON is committed: builds and tests never
// need the TSV. test/unit/implementations.test.ts checks the JSON and the README against it, and
// test/unit/implementationSetting.test.ts the setting's enum against the JSON.
import { buildSync } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildImplementations, DEFAULT_TSV, parseImplementationsTsv, renderImplementationsTable } from './implementationsTsv.mjs';

const OUT = 'server/src/model/implementations.generated.json';
const START = '<!-- implementations:start -->';
const END = '<!-- implementations:end -->';

try {
  const tsvPath = process.argv[2] ?? DEFAULT_TSV;
  if (!existsSync(tsvPath)) throw new Error(`${tsvPath} does not exist (pass the TSV's path as the first argument)`);
  const rows = parseImplementationsTsv(readFileSync(tsvPath, 'utf8'));
  const extra = JSON.parse(readFileSync('scripts/implementations.extra.json', 'utf8'));
  const data = buildImplementations(rows, extra, tsvPath);
  writeFileSync(OUT, JSON.stringify(data, null, 2) + '\n');
  console.log(`${OUT}: ${data.implementations.length} implementations, newest report ${data.generated}`);

  // The setting offers exactly the ids of the data (plus auto and none), each described by its report.
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  pkg.contributes.configuration.properties['gatewayTls.implementation'] = {
    type: 'string',
    default: 'auto',
    enum: ['auto', 'none', ...data.implementations.map((impl) => impl.id)],
    enumDescriptions: [
      "From each Gateway's GatewayClass (its controllerName) or a well-known class name; a Gateway whose implementation is not known gets no implementation finding.",
      'No implementation checks: no feature is reported unsupported.',
      ...data.implementations.map((impl) => `${impl.name} ${impl.version} (report ${impl.reportDate})`),
    ],
    markdownDescription:
      "Which Gateway API implementation serves the workspace's Gateways, for the checks that depend on it (`feature-unsupported`, `listener-connection-coalescing`): `auto` finds it per Gateway from its GatewayClass's `controllerName` or a well-known class name; `none` turns those checks off; an implementation id applies that implementation's upstream conformance report to every Gateway. Hover a Gateway's `gatewayClassName` to see which one is assumed.",
  };
  writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
  console.log(`package.json: gatewayTls.implementation offers ${data.implementations.length} implementations`);

  // The TLS features come from the typed module (which reads the JSON just written), so the README shows the
  // features the rules use, in their order.
  const bundled = buildSync({ entryPoints: ['server/src/model/implementations.ts'], bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'error' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', bundled.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  const table = renderImplementationsTable(data, module.exports.TLS_FEATURES);

  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md lacks the markers ${START} … ${END}`);
  writeFileSync('README.md', readme.slice(0, start + START.length) + '\n' + table + '\n' + readme.slice(end));
  console.log('README.md: implementation table updated');
} catch (error) {
  console.error(`sync-implementations: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
