// Which listener serves which names (spec matching, not TLS SAN rules).
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { gatewayView } from '../../server/src/model/gateway';
import { listenerHostnameMatches, shadowedListeners, shadowingListeners, specificity } from '../../server/src/model/listenerPrecedence';
import { serviceWith } from '../helpers/service';

describe('listener hostname matching', () => {
  const cases: [string | undefined, string, boolean][] = [
    ['foo.example.com', 'foo.example.com', true],
    ['*.example.com', 'foo.example.com', true],
    ['*.example.com', 'foo.bar.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'foo.example.net', false],
    [undefined, 'anything.example', true],
  ];
  for (const [listener, name, matches] of cases) {
    test(`${listener ?? '(none)'} ${matches ? 'matches' : 'does not match'} ${name}`, () => assert.equal(listenerHostnameMatches(listener, name), matches));
  }
  test('exact beats longer wildcards beat shorter wildcards beat none', () => {
    assert.ok(specificity('foo.example.com') > specificity('*.a.example.com'));
    assert.ok(specificity('*.a.example.com') > specificity('*.example.com'));
    assert.ok(specificity('*.example.com') > specificity(undefined));
  });
});

describe('shadowing on one port', () => {
  const gw = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: g
spec:
  gatewayClassName: x
  listeners:
  - {name: foo, protocol: HTTPS, port: 443, hostname: foo.example.com, tls: {certificateRefs: [{name: a}]}}
  - {name: wild, protocol: HTTPS, port: 443, hostname: "*.example.com", tls: {certificateRefs: [{name: b}]}}
  - {name: deep, protocol: HTTPS, port: 443, hostname: "*.a.example.com", tls: {certificateRefs: [{name: c}]}}
  - {name: other-port, protocol: HTTPS, port: 8443, hostname: bar.example.com, tls: {certificateRefs: [{name: d}]}}
  - {name: fallback, protocol: HTTPS, port: 443, tls: {certificateRefs: [{name: e}]}}
`;
  const view = gatewayView(serviceWith({ 'g.yaml': gw }).index.getFile('file:///workspace/g.yaml')!.objects[0]!)!;
  const byName = (n: string) => view.listeners.find((l) => l.name === n)!;
  const names = (ls: { name?: string }[]) => ls.map((l) => l.name).sort();

  test('a wildcard loses the exact and deeper-wildcard names under it, not other ports', () => {
    assert.deepEqual(names(shadowingListeners(view, byName('wild'))), ['deep', 'foo']);
  });
  test('the fallback loses everything on its port', () => {
    assert.deepEqual(names(shadowingListeners(view, byName('fallback'))), ['deep', 'foo', 'wild']);
  });
  test('an exact listener is shadowed by nothing and takes precedence over the wildcard and the fallback', () => {
    assert.deepEqual(shadowingListeners(view, byName('foo')), []);
    assert.deepEqual(names(shadowedListeners(view, byName('foo'))), ['fallback', 'wild']);
  });
});
