// Writes the catalog's codes into package.json's `gatewayTls.severity` setting (its property names), so the
// settings editor offers exactly the codes the server emits. test/unit/catalog.test.ts fails when they drift.
import { buildSync } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const bundled = buildSync({ entryPoints: ['server/src/rules/catalog.ts'], bundle: true, format: 'cjs', platform: 'node', write: false });
const module = { exports: {} };
new Function('module', 'exports', 'require', bundled.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
const { CODES } = module.exports;

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
pkg.contributes.configuration.properties['gatewayTls.severity'].propertyNames = { enum: CODES };
writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
console.log(`package.json: ${CODES.length} codes`);

// The README's code table, between its markers.
const START = '<!-- codes:start -->';
const END = '<!-- codes:end -->';
const { CATALOG } = module.exports;
const readme = readFileSync('README.md', 'utf8');
const rows = CODES.map((code) => {
  const { severity, severityNote, summary, status } = CATALOG[code];
  return `| \`${code}\` | ${severityNote ?? severity} | ${summary.replace(/\|/g, '\\|')} | ${status} |`;
});
const table = ['| code | default | what it catches | what the cluster would report |', '|---|---|---|---|', ...rows].join('\n');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start === -1 || end === -1) throw new Error('README.md lacks the codes markers');
writeFileSync('README.md', readme.slice(0, start + START.length) + '\n' + table + '\n' + readme.slice(end));
console.log('README.md: code table updated');
