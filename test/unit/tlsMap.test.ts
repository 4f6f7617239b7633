// The TLS map over a fixture workspace: its JSON shape (gateway → listener → certificate and routes), statuses
// from the certificates' dates, problems picked from the published diagnostics by range, and the expiry list.
import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import type { LanguageService } from '../../server/src/languageService';
import type { MapListener, TlsMap } from '../../server/src/services/tlsMap';
import { keyFragments, makeCertificate, tlsSecretYaml } from '../helpers/certs';
import { lineOf, serviceWith } from '../helpers/service';
import { GATEWAY, GATEWAY_FILE, tlsMapFixture } from '../helpers/tlsMapFixture';

let files: Record<string, string>;
let service: LanguageService;
let map: TlsMap;

before(async () => {
  files = await tlsMapFixture();
  service = serviceWith(files);
  map = service.doTlsMap();
});

function listener(name: string): MapListener {
  const found = map.gateways[0]!.listeners.find((l) => l.name === name);
  assert.ok(found, `no listener ${name}`);
  return found;
}

describe('doTlsMap', () => {
  test('gateway → listeners in precedence order, with port, protocol, hostname, mode and the line of each', () => {
    assert.equal(map.gateways.length, 1);
    const gateway = map.gateways[0]!;
    assert.deepEqual({ namespace: gateway.namespace, name: gateway.name, className: gateway.className }, { namespace: 'infra', name: 'edge', className: 'acme' });
    assert.equal(gateway.location?.uri, `file:///workspace/${GATEWAY_FILE}`);
    assert.equal(gateway.location?.range.start.line, lineOf(GATEWAY, 'name: edge'));
    assert.deepEqual(
      gateway.listeners.map((l) => [l.name, l.port, l.protocol, l.hostname, l.mode, l.location?.range.start.line]),
      [
        ['wildcard', 443, 'HTTPS', '*.example.com', 'Terminate', lineOf(GATEWAY, '- name: wildcard')],
        ['shop', 443, 'HTTPS', 'shop.example.com', 'Terminate', lineOf(GATEWAY, '- name: shop')],
        ['api', 443, 'HTTPS', 'api.example.org', 'Terminate', lineOf(GATEWAY, '- name: api')],
        ['legacy', 443, 'HTTPS', 'legacy.example.net', 'Terminate', lineOf(GATEWAY, '- name: legacy')],
      ],
    );
  });

  test('certificates: Secret facts and status (the one expiring in 10 days is "expiring"), a cert-manager producer, a missing Secret', () => {
    const [wildcard] = listener('wildcard').certificates;
    assert.deepEqual({ ...wildcard, location: undefined, refLocation: undefined, notBefore: undefined, notAfter: undefined, daysLeft: undefined }, {
      namespace: 'infra', name: 'wildcard-cert', producer: 'Secret', subject: 'CN=wildcard', sans: ['*.example.com'], status: 'ok', problems: [],
      location: undefined, refLocation: undefined, notBefore: undefined, notAfter: undefined, daysLeft: undefined,
    });
    assert.ok(wildcard!.daysLeft! >= 198 && wildcard!.daysLeft! <= 200);
    assert.equal(wildcard!.location?.uri, 'file:///workspace/secrets.yaml');
    assert.equal(wildcard!.location?.range.start.line, lineOf(files['secrets.yaml']!, 'name: wildcard-cert'));

    const [shop] = listener('shop').certificates;
    assert.equal(shop!.status, 'expiring');
    assert.ok(shop!.daysLeft! >= 8 && shop!.daysLeft! <= 10);
    assert.ok(shop!.problems.some((p) => p.code === 'certificate-expiring'));

    const [api] = listener('api').certificates;
    assert.deepEqual([api!.name, api!.producer, api!.status, api!.sans], ['api-cert', 'cert-manager Certificate api', 'unknown', ['api.example.org']]);
    assert.equal(api!.location?.uri, 'file:///workspace/certificate.yaml');

    const [legacy] = listener('legacy').certificates;
    assert.deepEqual([legacy!.name, legacy!.producer, legacy!.status], ['legacy-cert', null, 'unknown']);
    assert.equal(legacy!.location?.range.start.line, lineOf(GATEWAY, 'name: legacy-cert'));
  });

  test('routes: each listener lists the routes attached and the names it serves for them (exact before wildcard)', () => {
    const routes = (name: string) => listener(name).routes.map((r) => `${r.kind} ${r.namespace}/${r.name} [${r.hostnames.join(', ')}]`);
    assert.deepEqual(routes('wildcard'), ['HTTPRoute infra/shop [blog.example.com]']);
    assert.deepEqual(routes('shop'), ['HTTPRoute infra/shop [shop.example.com]']);
    assert.deepEqual(routes('api'), ['HTTPRoute infra/api [api.example.org]']);
    assert.deepEqual(routes('legacy'), []);
    assert.equal(listener('api').routes[0]!.location?.range.start.line, lineOf(files['routes.yaml']!, 'name: api'));
  });

  test('problems: the diagnostics published inside a listener are on that listener, and only there', () => {
    const legacy = listener('legacy').problems;
    assert.deepEqual(legacy.map((p) => [p.code, p.severity]), [['certificate-secret-not-found', 'warning']]);
    assert.equal(legacy[0]!.location.range.start.line, lineOf(GATEWAY, 'name: legacy-cert'));
    assert.ok(!listener('wildcard').problems.some((p) => p.code === 'certificate-secret-not-found'));
    const published = service.doValidation(`file:///workspace/${GATEWAY_FILE}`);
    const inMap = map.gateways[0]!.listeners.flatMap((l) => l.problems).concat(map.gateways[0]!.problems);
    for (const d of published) assert.ok(inMap.some((p) => p.code === d.code && p.location.range.start.line === d.range.start.line), `${d.code} at line ${d.range.start.line} is in the map`);
  });

  test('while files could not be read, the map withholds what claims something is missing, as published diagnostics do', () => {
    const withheld = service.doTlsMap({ withholdAbsence: true });
    const legacy = withheld.gateways[0]!.listeners.find((l) => l.name === 'legacy')!;
    assert.deepEqual(legacy.problems.map((p) => p.code), []);
  });

  test('the whole map is JSON (no undefined, no objects of the model) and holds no key material', () => {
    const json = JSON.stringify(map);
    assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(JSON.parse(json))));
    for (const fragment of keyFragments([])) assert.ok(!json.includes(fragment));
    assert.ok(!json.includes('PRIVATE KEY'));
  });
});

describe('doCertificateExpiry', () => {
  test('every TLS Secret with a parseable certificate, soonest first, with its line', () => {
    const entries = service.doCertificateExpiry();
    assert.deepEqual(entries.map((e) => [`${e.namespace}/${e.name}`, e.status]), [['infra/shop-cert', 'expiring'], ['infra/wildcard-cert', 'ok']]);
    assert.deepEqual(entries[0]!.sans, ['shop.example.com']);
    assert.equal(entries[0]!.location?.range.start.line, lineOf(files['secrets.yaml']!, 'name: shop-cert'));
  });

  test('an expired certificate is "expired"; a Secret without a certificate is not listed', async () => {
    const old = await makeCertificate({ cn: 'old', dnsNames: ['old.example.com'], notBeforeDays: -30, notAfterDays: -2 });
    const svc = serviceWith({ 's.yaml': tlsSecretYaml('old', 'a', old.certPem, old.keyPem) + '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\n  namespace: a\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ""\n' });
    const entries = svc.doCertificateExpiry();
    assert.deepEqual(entries.map((e) => [e.name, e.status]), [['old', 'expired']]);
    assert.ok(entries[0]!.daysLeft <= -1);
    assert.ok(!JSON.stringify(entries).includes(old.keyPem.split('\n')[1]!));
  });
});
