// Code lenses on ReferenceGrants: how many certificateRefs each admits (the count reference-grant-unused uses),
// with the client command that lists them.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { Location } from 'vscode-languageserver-types';
import { documents, gatewayYaml, referenceGrantYaml } from '../helpers/manifests';
import { serviceWith } from '../helpers/service';

const ROOT = 'file:///workspace/';

/** Gateway `name` in `ns` with one HTTPS listener per Secret, each referring to it in certs. */
function gateway(name: string, ns: string, secrets: string[]): string {
  const listeners = secrets.map((secret, i) => ({ name: `https-${i}`, hostname: `h${i}.example.com`, refs: [{ name: secret, namespace: 'certs' }] }));
  return gatewayYaml({ name, namespace: ns, gatewayClassName: 'acme', listeners });
}

/** A grant in certs from `fromKind`s (Gateways: to Secrets; otherwise to Services) of `fromNs`. */
function grant(name: string, fromNs: string, toName?: string, fromKind = 'Gateway'): string {
  return referenceGrantYaml({ name, from: { kind: fromKind, namespace: fromNs }, to: { kind: fromKind === 'Gateway' ? 'Secret' : 'Service', name: toName } });
}

describe('code lens on ReferenceGrants', () => {
  const grants = documents(grant('none', 'nobody'), grant('one', 'team-a', 'a-cert'), grant('two', 'team-b'), grant('routes', 'team-a', undefined, 'HTTPRoute'));
  const files = {
    'team-a/gw.yaml': gateway('a', 'team-a', ['a-cert', 'other-cert']),
    'team-b/gw.yaml': gateway('b', 'team-b', ['b-cert', 'c-cert']),
    'certs/grants.yaml': grants,
  };

  test('one lens per grant on its kind line, counting 0, 1 and 2 admitted references', () => {
    const lenses = serviceWith(files).doCodeLens(`${ROOT}certs/grants.yaml`);
    const lines = grants.split('\n');
    assert.deepEqual(
      lenses.map((l) => [lines[l.range.start.line], l.command?.title]),
      [
        ['kind: ReferenceGrant', 'admits nothing in this workspace'],
        ['kind: ReferenceGrant', 'admits 1 reference'],
        ['kind: ReferenceGrant', 'admits 2 references'],
        ['kind: ReferenceGrant', 'admits no Gateway certificate reference in this workspace'],
      ],
    );
    assert.deepEqual(lenses.map((l) => l.range.start.line), [1, 15, 30, 44]);
  });

  test('with references, the lens runs gatewayTls.showReferences with the uri, its position and the refs', () => {
    const lenses = serviceWith(files).doCodeLens(`${ROOT}certs/grants.yaml`);
    const [none, one, two] = lenses;
    assert.equal(none!.command!.command, '');
    assert.equal(none!.command!.arguments, undefined);
    assert.equal(one!.command!.command, 'gatewayTls.showReferences');
    const [uri, position, locations] = one!.command!.arguments as [string, unknown, Location[]];
    assert.equal(uri, `${ROOT}certs/grants.yaml`);
    assert.deepEqual(position, one!.range.start);
    const gwA = files['team-a/gw.yaml'].split('\n');
    assert.deepEqual(
      locations.map((l) => [l.uri, gwA[l.range.start.line]!.slice(l.range.start.character, l.range.end.character)]),
      [[`${ROOT}team-a/gw.yaml`, 'a-cert']],
    );
    const twoLocations = two!.command!.arguments![2] as Location[];
    assert.deepEqual(twoLocations.map((l) => `${l.uri.slice(ROOT.length)}:${l.range.start.line}`), ['team-b/gw.yaml:14', 'team-b/gw.yaml:22']);
  });

  test('files without grants have no grant lenses, and the count follows edits', () => {
    const service = serviceWith(files);
    const grantLens = (l: { command?: { title: string } }) => /^admits /.test(l.command?.title ?? '');
    assert.deepEqual(service.doCodeLens(`${ROOT}team-a/gw.yaml`).filter(grantLens), []);
    service.setDocument(`${ROOT}team-b/gw.yaml`, gateway('b', 'team-b', ['b-cert']));
    assert.equal(service.doCodeLens(`${ROOT}certs/grants.yaml`)[2]!.command!.title, 'admits 1 reference');
  });
});
