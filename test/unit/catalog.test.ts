// The rule catalog drives package.json's settings, SARIF and the README: they must not drift apart.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CATALOG, CODES } from '../../server/src/rules/catalog';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const readme = readFileSync('README.md', 'utf8');

test('package.json offers exactly the catalog codes in gatewayTls.severity (run scripts/sync-codes.mjs)', () => {
  assert.deepEqual(pkg.contributes.configuration.properties['gatewayTls.severity'].propertyNames.enum, CODES);
});

test('the README documents every code with its default severity', () => {
  for (const code of CODES) {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\``));
    assert.ok(row, `README has no table row for ${code}`);
    assert.ok(row.includes(CATALOG[code].severity), `README row for ${code} does not give severity ${CATALOG[code].severity}`);
  }
});

test('every code is kebab-case and has a one-line summary', () => {
  for (const code of CODES) {
    assert.match(code, /^[a-z]+(-[a-z0-9]+)*$/);
    assert.ok(CATALOG[code].summary.length > 10 && !CATALOG[code].summary.includes('\n'));
  }
});
