// Route attachment, the one model of "which listener serves which hostname for which route": sectionName and port,
// allowedRoutes kinds and namespaces, hostname intersection, listener precedence, ListenerSets. The upstream
// conformance scenarios (copied into test/unit/conformance/) are the expected behaviour.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { LanguageService } from '../../server/src/languageService';
import type { WorkspaceContext } from '../../server/src/rules/types';
import { attachments, intersect, type AttachmentResult } from '../../server/src/workspace/attachment';
import { serviceWith } from '../helpers/service';

function contextOf(service: LanguageService): WorkspaceContext {
  return { queries: service.index.queries, namespacesOf: (o) => service.index.namespacesOf(o), settings: service.settings };
}

function conformance(name: string): string {
  return readFileSync(path.resolve('test/unit/conformance', name), 'utf8');
}

/** route name → one summary per parentRef: `attached gw/listener[hostnames]` or the result kind. */
function summary(files: Record<string, string>): Record<string, string[]> {
  const service = serviceWith(files);
  const result: Record<string, string[]> = {};
  for (const [route, list] of attachments(contextOf(service)).byRoute) {
    result[route.name!] = list.map((a) => outcome(a.result));
  }
  return result;
}

function outcome(result: AttachmentResult): string {
  if (result.kind !== 'attached') return result.kind;
  return result.listeners.map((l) => `${l.served.owner.name}/${l.served.listener.name}[${l.hostnames.map((h) => h.hostname).join(',')}]`).join(' ');
}

describe('hostname intersection (route × listener)', () => {
  for (const [listener, route, expected] of [
    [undefined, 'abc.example.com', 'abc.example.com'],
    ['test.example.com', 'test.example.com', 'test.example.com'],
    ['test.example.com', '*.example.com', 'test.example.com'],
    ['*.example.com', 'test.example.com', 'test.example.com'],
    ['*.example.com', 'foo.test.example.com', 'foo.test.example.com'],
    ['*.example.com', '*.example.com', '*.example.com'],
    ['*.example.com', 'example.com', undefined],
    ['*.example.com', 'test.example.net', undefined],
    ['*.com', '*.example.com', '*.example.com'],
    ['abc.example.com', '*.com', 'abc.example.com'],
    ['www.example.com', 'other.example.com', undefined],
  ] as const) {
    test(`listener ${listener ?? '(none)'} × route ${route} → ${expected ?? 'none'}`, () => {
      assert.equal(intersect(listener, route), expected);
    });
  }
});

describe('upstream conformance scenarios', () => {
  test('TLSRouteHostnameIntersection: every route is attached, with the intersection of names', () => {
    assert.deepEqual(summary({ 'c.yaml': conformance('tlsroute-hostname-intersection.yaml') }), {
      'tlsroute-more-specific-wc-hostname-x-1': ['gw-tlsroute-exact-hostname-x-1/listener-exact-hostname[abc.example.com]'],
      'tlsroute-exact-hostname-x-2': ['gw-tlsroute-more-specific-wc-hostname-x-2/listener-more-specific-wc-hostname[abc.example.com]'],
      'tlsroute-less-specific-wc-hostname-x-2': ['gw-tlsroute-more-specific-wc-hostname-x-2/listener-more-specific-wc-hostname[*.example.com]'],
      'tlsroute-exact-hostname-x-3': ['gw-tlsroute-less-specific-wc-hostname-x-3/listener-less-specific-wc-hostname[abc.example.com]'],
      'tlsroute-more-specific-wc-hostname-x-3': ['gw-tlsroute-less-specific-wc-hostname-x-3/listener-less-specific-wc-hostname[*.example.com]'],
      'tlsroute-exact-hostname-x-4': ['gw-tlsroute-empty-hostname-x-4/listener-empty-hostname[abc.example.com]'],
      'tlsroute-less-specific-wc-hostname-x-4': ['gw-tlsroute-empty-hostname-x-4/listener-empty-hostname[*.com]'],
    });
  });

  test('TLSRouteInvalidNoMatchingListener: not allowed on HTTP and HTTPS listeners, no matching parent for a bad sectionName', () => {
    assert.deepEqual(summary({ 'c.yaml': conformance('tlsroute-invalid-no-matching-listener.yaml') }), {
      'tlsroute-not-allowed-protocol-http': ['not-allowed'],
      'tlsroute-not-allowed-protocol-https': ['not-allowed'],
      'tlsroute-no-matching-section-name': ['no-matching-parent'],
    });
  });

  test('TLSRouteInvalidNoMatchingListenerHostname: no hostname intersects', () => {
    const result = summary({ 'c.yaml': conformance('tlsroute-invalid-no-matching-listener-hostname.yaml') });
    assert.ok(Object.values(result).length >= 2);
    for (const list of Object.values(result)) assert.deepEqual(list, ['no-matching-hostname']);
  });

  test('HTTPRouteHTTPSListener: the route with hostnames and the one with a sectionName attach to the right listeners', () => {
    const base = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: same-namespace-with-https-listener
  namespace: gateway-conformance-infra
spec:
  gatewayClassName: x
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    tls:
      certificateRefs:
      - name: tls-validity-checks-certificate
  - name: https-with-hostname
    port: 443
    protocol: HTTPS
    hostname: second-example.org
    tls:
      certificateRefs:
      - name: tls-validity-checks-certificate
`;
    const result = summary({ 'base.yaml': base, 'c.yaml': conformance('httproute-https-listener.yaml') });
    const byName = Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v.join(' | ')]));
    for (const v of Object.values(byName)) assert.notEqual(v, 'not-allowed');
    assert.ok(Object.values(byName).some((v) => v.includes('https-with-hostname[second-example.org]')), JSON.stringify(byName));
    // example.org is not second-example.org's: it goes to the listener without hostname only.
    assert.ok(Object.values(byName).some((v) => v === 'same-namespace-with-https-listener/https[example.org]'), JSON.stringify(byName));
  });
});

const GATEWAY = (listeners: string, namespace = 'infra', extra = '') => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: ${namespace}
spec:
  gatewayClassName: x
${extra}  listeners:
${listeners}`;

const HTTPS = (name: string, hostname?: string, more = '') => `  - name: ${name}
    protocol: HTTPS
    port: 443
${hostname ? `    hostname: "${hostname}"\n` : ''}    tls:
      certificateRefs:
      - name: ${name}-cert
${more}`;

const ROUTE = (name: string, namespace: string, hostnames: string[], parent = '  - name: gw\n    namespace: infra\n', kind = 'HTTPRoute') => `apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  parentRefs:
${parent}${hostnames.length ? `  hostnames:\n${hostnames.map((h) => `  - "${h}"\n`).join('')}` : ''}  rules:
  - backendRefs:
    - name: svc
      port: 80
`;

describe('allowedRoutes', () => {
  test('namespaces: Same by default; All admits every namespace', () => {
    const result = summary({
      'gw.yaml': GATEWAY(HTTPS('same', 'a.example.com') + HTTPS('all', 'b.example.com', '    allowedRoutes:\n      namespaces:\n        from: All\n')),
      'r.yaml': [ROUTE('in-infra', 'infra', ['a.example.com', 'b.example.com']), ROUTE('in-apps', 'apps', ['a.example.com', 'b.example.com'])].join('---\n'),
    });
    assert.deepEqual(result['in-infra'], ['gw/same[a.example.com] gw/all[b.example.com]']);
    assert.deepEqual(result['in-apps'], ['gw/all[b.example.com]']);
  });

  test('namespaces: Selector with the labels of a Namespace object; unknown labels do not say no', () => {
    const selector = '    allowedRoutes:\n      namespaces:\n        from: Selector\n        selector:\n          matchLabels:\n            shared-gateway: "true"\n';
    const files = {
      'gw.yaml': GATEWAY(HTTPS('sel', undefined, selector)),
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: labelled\n  labels:\n    shared-gateway: "true"\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: plain\n',
      'r.yaml': [ROUTE('labelled', 'labelled', ['x.example.com']), ROUTE('plain', 'plain', ['x.example.com']), ROUTE('elsewhere', 'unknown-ns', ['x.example.com'])].join('---\n'),
    };
    const result = summary(files);
    assert.deepEqual(result.labelled, ['gw/sel[x.example.com]']);
    assert.deepEqual(result.plain, ['not-allowed']);
    assert.deepEqual(result.elsewhere, ['gw/sel[x.example.com]']);
  });

  test('kinds: HTTPRoute on a TLS listener and TLSRoute on HTTPS are not allowed; explicit kinds are honoured', () => {
    const tls = '  - name: tls\n    protocol: TLS\n    port: 8443\n    tls:\n      mode: Passthrough\n';
    const grpcOnly = HTTPS('grpc-only', 'g.example.com', '    allowedRoutes:\n      kinds:\n      - kind: GRPCRoute\n');
    const files = {
      'gw.yaml': GATEWAY(tls + grpcOnly),
      'r.yaml': [
        ROUTE('http-on-tls', 'infra', [], '  - name: gw\n    sectionName: tls\n'),
        ROUTE('tls-on-https', 'infra', ['g.example.com'], '  - name: gw\n    sectionName: grpc-only\n', 'TLSRoute'),
        ROUTE('http-on-grpc-only', 'infra', ['g.example.com'], '  - name: gw\n    sectionName: grpc-only\n'),
        ROUTE('grpc-ok', 'infra', ['g.example.com'], '  - name: gw\n    sectionName: grpc-only\n', 'GRPCRoute'),
      ].join('---\n'),
    };
    const result = summary(files);
    assert.deepEqual(result['http-on-tls'], ['not-allowed']);
    assert.deepEqual(result['tls-on-https'], ['not-allowed']);
    assert.deepEqual(result['http-on-grpc-only'], ['not-allowed']);
    assert.deepEqual(result['grpc-ok'], ['gw/grpc-only[g.example.com]']);
  });

  test('port narrows the listeners; a port no listener uses is no matching parent', () => {
    const files = {
      'gw.yaml': GATEWAY(HTTPS('a', 'a.example.com') + '  - name: b\n    protocol: HTTP\n    port: 80\n'),
      'r.yaml': [ROUTE('on-80', 'infra', [], '  - name: gw\n    port: 80\n'), ROUTE('on-81', 'infra', [], '  - name: gw\n    port: 81\n')].join('---\n'),
    };
    const result = summary(files);
    assert.deepEqual(result['on-80'], ['gw/b[*]']);
    assert.deepEqual(result['on-81'], ['no-matching-parent']);
  });
});

describe('listener precedence', () => {
  test('an exact listener takes its name from a wildcard listener on the same port', () => {
    const result = summary({
      'gw.yaml': GATEWAY(HTTPS('wild', '*.example.com') + HTTPS('foo', 'foo.example.com')),
      'r.yaml': ROUTE('both', 'infra', ['foo.example.com', 'bar.example.com', 'api.eu.example.com']),
    });
    assert.deepEqual(result.both, ['gw/wild[bar.example.com,api.eu.example.com] gw/foo[foo.example.com]']);
  });

  test('ListenerSets: admitted by allowedListeners, after the Gateway\'s own listeners; not admitted ones serve nothing', () => {
    const allowed = '  allowedListeners:\n    namespaces:\n      from: Same\n';
    const set = (name: string, namespace: string, hostname: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  parentRef:
    name: gw
    namespace: infra
  listeners:
${HTTPS(`${name}-l`, hostname)}`;
    const service = serviceWith({
      'gw.yaml': GATEWAY(HTTPS('own', 'shop.example.com'), 'infra', allowed),
      'ls.yaml': [set('same-ns', 'infra', 'shop.example.com'), set('other-ns', 'apps', 'api.example.com')].join('---\n'),
      'r.yaml': ROUTE('shop', 'infra', ['shop.example.com', 'api.example.com']),
    });
    const a = attachments(contextOf(service));
    assert.deepEqual(a.listenerSets.map((s) => [s.listenerSet.object.name, s.admission]), [['same-ns', 'admitted'], ['other-ns', 'not-admitted']]);
    const gateway = service.index.getFile('file:///workspace/gw.yaml')!.objects[0]!;
    assert.deepEqual(a.listenersOf(gateway).map((l) => `${l.owner.name}/${l.listener.name}`), ['gw/own', 'same-ns/same-ns-l']);
    const [route] = [...a.byRoute.values()];
    // shop.example.com: the Gateway's own listener wins over the ListenerSet's equally specific one.
    assert.equal(outcome(route![0]!.result), 'gw/own[shop.example.com]');
  });
});

describe('attachment follows edits', () => {
  test('a listener hostname edit (the Gateway object is kept) re-attaches the routes', () => {
    const gateway = GATEWAY(HTTPS('web', 'a.example.com'));
    const service = serviceWith({ 'gw.yaml': gateway, 'r.yaml': ROUTE('r', 'infra', ['a.example.com']) });
    const summaryNow = () => [...attachments(contextOf(service)).byRoute.values()].map((list) => outcome(list[0]!.result));
    assert.deepEqual(summaryNow(), ['gw/web[a.example.com]']);
    const before = service.index.getFile('file:///workspace/gw.yaml')!.objects[0];
    service.setDocument('file:///workspace/gw.yaml', gateway.replace('a.example.com', 'b.example.com'));
    assert.equal(service.index.getFile('file:///workspace/gw.yaml')!.objects[0], before, 'the object is kept: its cross-file facts did not change');
    assert.deepEqual(summaryNow(), ['no-matching-hostname']);
  });
});
