// package.json's gatewayTls.implementation setting is generated from the implementation profiles
// (scripts/sync-implementations.mjs): it must offer exactly auto, none and every id of the data, each described.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { IMPLEMENTATIONS } from '../../server/src/model/implementations';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const setting = pkg.contributes.configuration.properties['gatewayTls.implementation'];

test('package.json offers auto, none and exactly the profiles\' ids in gatewayTls.implementation (run npm run sync-implementations)', () => {
  assert.deepEqual(setting.enum, ['auto', 'none', ...IMPLEMENTATIONS.map((p) => p.id)]);
  assert.equal(setting.default, 'auto');
  assert.equal(setting.type, 'string');
});

test('each implementation is described as "Name version (report date)"', () => {
  assert.equal(setting.enumDescriptions.length, setting.enum.length);
  IMPLEMENTATIONS.forEach((p, i) => assert.equal(setting.enumDescriptions[i + 2], `${p.name} ${p.version} (report ${p.reportDate})`));
});

test('the Set Implementation command is declared', () => {
  assert.ok(pkg.contributes.commands.some((c: { command: string; title: string; category: string }) => c.command === 'gatewayTls.setImplementation' && c.title === 'Set Implementation' && c.category === 'Gateway TLS'));
});
