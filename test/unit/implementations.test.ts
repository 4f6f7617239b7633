// Implementation profiles are data generated from the upstream conformance reports: the data must hold every
// feature the rules name, lookups must find one profile, only an explicit "unsupported" counts, the generator must
// fail loudly on a changed input, and the committed JSON and README table must match a regeneration.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  buildImplementations,
  DEFAULT_TSV,
  EXPECTED_COLUMNS,
  parseImplementationsTsv,
  renderImplementationsTable,
} from '../../scripts/implementationsTsv.mjs';
import generated from '../../server/src/model/implementations.generated.json';
import {
  featureSupport,
  IMPLEMENTATIONS,
  profileByClassName,
  profileByController,
  profileById,
  PROFILES_SOURCE,
  TLS_FEATURES,
  type TlsFeature,
} from '../../server/src/model/implementations';

const FEATURES = Object.keys(TLS_FEATURES) as TlsFeature[];

test('every TLS feature the rules name exists in the data (in some report, supported or unsupported)', () => {
  for (const feature of FEATURES) {
    assert.ok(
      IMPLEMENTATIONS.some((p) => p.supported.has(feature) || p.unsupported.has(feature)),
      `${feature} appears in no implementation's report: a typo, or a feature upstream renamed`,
    );
    assert.ok(TLS_FEATURES[feature].length > 20 && !TLS_FEATURES[feature].includes('\n'), `${feature} has a one-sentence description`);
  }
});

test('profiles carry their source, sorted ids and report links', () => {
  assert.match(PROFILES_SOURCE.generated, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(PROFILES_SOURCE.source, /conformance reports/);
  assert.equal(PROFILES_SOURCE.generated, [...IMPLEMENTATIONS].map((p) => p.reportDate).sort().at(-1));
  const ids = IMPLEMENTATIONS.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const p of IMPLEMENTATIONS) {
    assert.ok(p.name.length > 0);
    assert.equal(p.reportUrl, `https://github.com/kubernetes-sigs/gateway-api/blob/main/${p.report}`);
    for (const f of p.supported) assert.ok(!p.unsupported.has(f), `${p.id}: ${f} both supported and unsupported`);
  }
});

test('lookups by id, controller name and well-known class name', () => {
  const eg = profileById('envoyproxy/envoy-gateway');
  assert.ok(eg);
  assert.equal(eg.name, 'Envoy Gateway');
  assert.equal(profileByController('gateway.envoyproxy.io/gatewayclass-controller'), eg);
  assert.equal(profileByClassName('eg'), eg);
  assert.ok(eg.apiGroups.includes('gateway.envoyproxy.io'));

  // From the TSV's controller_name column and from the hand-maintained extra facts.
  assert.equal(profileByController('gateway.nginx.org/nginx-gateway-controller')?.id, 'nginx/nginx-gateway-fabric');
  assert.equal(profileByController('io.cilium/gateway-controller')?.id, 'cilium/cilium');
  assert.equal(profileByController('istio.io/gateway-controller')?.id, 'istio/istio');
  assert.equal(profileByClassName('istio')?.id, 'istio/istio');
  assert.equal(profileByClassName('nginx')?.id, 'nginx/nginx-gateway-fabric');
  assert.equal(profileByClassName('gke-l7-global-external-managed')?.id, 'GKE/gke-gateway');

  // Unknown names map to no profile; lookups are exact.
  assert.equal(profileByController('example.com/gateway-controller'), undefined);
  assert.equal(profileByController('GATEWAY.ENVOYPROXY.IO/gatewayclass-controller'), undefined);
  assert.equal(profileByClassName('my-company-gateways'), undefined);
  assert.equal(profileById('envoy-gateway'), undefined);
});

test('each controller and class name belongs to one profile', () => {
  for (const field of ['controllerNames', 'classNames'] as const) {
    const all = IMPLEMENTATIONS.flatMap((p) => p[field]);
    assert.equal(new Set(all).size, all.length, `a duplicated ${field} entry`);
  }
});

test('featureSupport: unsupported only when the report says so; unlisted is unreported', () => {
  const ngf = profileById('nginx/nginx-gateway-fabric');
  assert.ok(ngf);
  assert.ok(ngf.unsupported.has('BackendTLSPolicySANValidation'), 'the data says NGF does not support SAN validation');
  assert.equal(featureSupport(ngf, 'BackendTLSPolicySANValidation'), 'unsupported');
  assert.equal(featureSupport(ngf, 'BackendTLSPolicy'), 'supported');

  const contour = profileById('projectcontour/contour');
  assert.ok(contour);
  assert.ok(!contour.supported.has('BackendTLSPolicy') && !contour.unsupported.has('BackendTLSPolicy'));
  assert.equal(featureSupport(contour, 'BackendTLSPolicy'), 'unreported');

  const eg = profileById('envoyproxy/envoy-gateway');
  assert.ok(eg);
  assert.equal(featureSupport(eg, 'GatewayHTTPSListenerDetectMisdirectedRequests'), 'unsupported');
  assert.equal(featureSupport(eg, 'ListenerSet'), 'supported');
});

const HEADER = EXPECTED_COLUMNS.join('\t');
const ROW = ['example/gw', 'v1.0.0', 'v1.5.0', '2026-01-02', 'example.com/gw', 'conformance/reports/v1.5/example/report.yaml', 'BackendTLSPolicy,ListenerSet', 'BackendTLSPolicySANValidation'].join('\t');

test('the TSV parser reads a well-formed file', () => {
  const rows = parseImplementationsTsv(`${HEADER}\r\n${ROW}\n\n`);
  assert.deepEqual(rows, [
    {
      implementation: 'example/gw',
      version: 'v1.0.0',
      gatewayApiVersion: 'v1.5.0',
      reportDate: '2026-01-02',
      controllerName: 'example.com/gw',
      report: 'conformance/reports/v1.5/example/report.yaml',
      supported: ['BackendTLSPolicy', 'ListenerSet'],
      unsupported: ['BackendTLSPolicySANValidation'],
    },
  ]);
  const data = buildImplementations(rows, { 'example/gw': { name: 'Example', classNames: ['ex'] } });
  assert.equal(data.generated, '2026-01-02');
  assert.deepEqual(Object.keys(data.implementations[0]!), [
    'id', 'name', 'version', 'gatewayApiVersion', 'reportDate', 'report', 'reportUrl', 'controllerNames', 'classNames', 'apiGroups', 'supported', 'unsupported',
  ]);
});

test('the TSV parser fails loudly on a changed header, naming expected and actual columns', () => {
  const renamed = HEADER.replace('controller_name', 'controller');
  assert.throws(() => parseImplementationsTsv(`${renamed}\n${ROW}\n`), (e: Error) => {
    assert.match(e.message, /header columns differ/);
    assert.match(e.message, /expected \(8\): implementation, version, gateway_api_version, report_date, controller_name,/);
    assert.match(e.message, /actual\s+\(8\): .*controller, report,/);
    return true;
  });
  const extraColumn = `${HEADER}\tnotes`;
  assert.throws(() => parseImplementationsTsv(`${extraColumn}\n${ROW}\tx\n`), /header columns differ[\s\S]*actual\s+\(9\)/);
});

test('the TSV parser fails loudly on a short row and on a bad date', () => {
  const short = ROW.split('\t').slice(0, 6).join('\t');
  assert.throws(() => parseImplementationsTsv(`${HEADER}\n${ROW}\n${short}\n`), /line 3: expected 8 tab-separated fields .* found 6/);
  for (const date of ['2026/01/02', '02-01-2026', '2026-13-01', '2026-02-30', '']) {
    const row = ROW.replace('2026-01-02', date);
    assert.throws(() => parseImplementationsTsv(`${HEADER}\n${row}\n`), /line 2: report_date (".*" is not a date YYYY-MM-DD|is empty)/, `date ${JSON.stringify(date)}`);
  }
  assert.throws(() => parseImplementationsTsv(`${HEADER}\n${ROW}\n${ROW}\n`), /line 3: implementation "example\/gw" appears twice/);
  assert.throws(() => parseImplementationsTsv(`${HEADER}\n`), /no implementation rows/);
  assert.throws(() => parseImplementationsTsv(`${HEADER}\n${ROW.replace('ListenerSet', 'BackendTLSPolicySANValidation')}\n`), /both supported and unsupported/);
});

test('the generator rejects extra facts about an implementation the TSV lacks, and a contested controller', () => {
  const rows = parseImplementationsTsv(`${HEADER}\n${ROW}\n`);
  assert.throws(() => buildImplementations(rows, { 'example/other': { name: 'Other' } }), /"example\/other" is not an implementation of the TSV/);
  assert.throws(() => buildImplementations(rows, { 'example/gw': { nmae: 'Typo' } }), /unknown key "nmae"/);
  const two = parseImplementationsTsv(`${HEADER}\n${ROW}\n${ROW.replace('example/gw', 'example/gw2')}\n`);
  assert.throws(() => buildImplementations(two, {}), /controllerNames "example.com\/gw" is claimed by both example\/gw and example\/gw2/);
});

test('the README table is the one the committed data gives (run npm run sync-implementations)', () => {
  const readme = readFileSync('README.md', 'utf8');
  const table = renderImplementationsTable(generated, TLS_FEATURES);
  assert.ok(
    readme.includes(`<!-- implementations:start -->\n${table}\n<!-- implementations:end -->`),
    'README.md implementation table is out of date: run `npm run sync-implementations`',
  );
});

test('the committed JSON equals a regeneration from the upstream TSV (when it is present)', (t) => {
  if (!existsSync(DEFAULT_TSV)) {
    console.warn(`implementations.test: ${DEFAULT_TSV} not found; the regeneration check is skipped`);
    t.skip(`${DEFAULT_TSV} not present`);
    return;
  }
  const rows = parseImplementationsTsv(readFileSync(DEFAULT_TSV, 'utf8'));
  const extra = JSON.parse(readFileSync('scripts/implementations.extra.json', 'utf8'));
  assert.deepEqual(
    buildImplementations(rows, extra, DEFAULT_TSV),
    JSON.parse(readFileSync('server/src/model/implementations.generated.json', 'utf8')),
    'server/src/model/implementations.generated.json is stale: run `npm run sync-implementations`',
  );
});
