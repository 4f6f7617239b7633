// Pure functions behind scripts/sync-implementations.mjs: parse the upstream conformance summary (a TSV), join it
// with scripts/implementations.extra.json, render the README table. No file access here, so the unit tests
// (test/unit/implementations.test.ts) run them on inline text and on the committed data.

export const EXPECTED_COLUMNS = Object.freeze([
  'implementation',
  'version',
  'gateway_api_version',
  'report_date',
  'controller_name',
  'report',
  'supported_extended_features',
  'unsupported_extended_features',
]);

export const DEFAULT_TSV = '../shared/reference/implementations.tsv';
export const REPORT_URL_BASE = 'https://github.com/kubernetes-sigs/gateway-api/blob/main/';

const REQUIRED = ['implementation', 'version', 'gateway_api_version', 'report_date', 'report'];

function fail(message) {
  throw new Error(`implementations TSV: ${message}`);
}

function isDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function features(field, line, column) {
  if (field.trim() === '') return [];
  const list = field.split(',').map((f) => f.trim());
  for (const f of list) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(f)) fail(`line ${line}: ${column} has a malformed feature name ${JSON.stringify(f)}`);
  }
  return [...new Set(list)].sort();
}

/**
 * Parses the TSV text. Throws (naming the line and what was expected) when the header's columns differ from
 * EXPECTED_COLUMNS, a row has the wrong number of fields, a required field is empty, a date is not YYYY-MM-DD, an
 * implementation appears twice, or a feature is both supported and unsupported.
 */
export function parseImplementationsTsv(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) fail('empty file: expected a header row');
  const header = lines[0].split('\t');
  if (header.length !== EXPECTED_COLUMNS.length || header.some((c, i) => c !== EXPECTED_COLUMNS[i])) {
    fail(`header columns differ.\n  expected (${EXPECTED_COLUMNS.length}): ${EXPECTED_COLUMNS.join(', ')}\n  actual   (${header.length}): ${header.join(', ')}`);
  }
  const rows = [];
  const seen = new Set();
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i].trim() === '') continue;
    const fields = lines[i].split('\t');
    if (fields.length !== EXPECTED_COLUMNS.length) {
      fail(`line ${line}: expected ${EXPECTED_COLUMNS.length} tab-separated fields (${EXPECTED_COLUMNS.join(', ')}), found ${fields.length}`);
    }
    const row = Object.fromEntries(EXPECTED_COLUMNS.map((c, j) => [c, fields[j].trim()]));
    for (const c of REQUIRED) if (row[c] === '') fail(`line ${line}: ${c} is empty`);
    if (!isDate(row.report_date)) fail(`line ${line}: report_date ${JSON.stringify(row.report_date)} is not a date YYYY-MM-DD`);
    if (seen.has(row.implementation)) fail(`line ${line}: implementation ${JSON.stringify(row.implementation)} appears twice`);
    seen.add(row.implementation);
    const supported = features(row.supported_extended_features, line, 'supported_extended_features');
    const unsupported = features(row.unsupported_extended_features, line, 'unsupported_extended_features');
    const both = supported.filter((f) => unsupported.includes(f));
    if (both.length > 0) fail(`line ${line}: ${row.implementation} lists ${both.join(', ')} as both supported and unsupported`);
    rows.push({
      implementation: row.implementation,
      version: row.version,
      gatewayApiVersion: row.gateway_api_version,
      reportDate: row.report_date,
      controllerName: row.controller_name,
      report: row.report,
      supported,
      unsupported,
    });
  }
  if (rows.length === 0) fail('no implementation rows after the header');
  return rows;
}

const EXTRA_KEYS = new Set(['name', 'controllerNames', 'classNames', 'apiGroups', '_notes']);

function stringList(value, where) {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
    throw new Error(`implementations.extra.json: ${where} must be an array of non-empty strings`);
  }
  return value;
}

/** Case-insensitive, then by code point: deterministic, independent of the locale. */
function compareIds(a, b) {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnique(list) {
  return [...new Set(list)].sort();
}

/**
 * Joins the parsed rows with the hand-maintained facts into the generated document (key order fixed,
 * implementations sorted by id, case-insensitively; lists sorted), so a re-run gives no diff. Throws when the extra facts name an id
 * the TSV lacks, carry an unknown key, or when two implementations claim the same controller or class name.
 */
export function buildImplementations(rows, extra, source = DEFAULT_TSV) {
  const ids = new Set(rows.map((r) => r.implementation));
  for (const [id, facts] of Object.entries(extra)) {
    if (id.startsWith('$') || id === '_notes') continue;
    if (!ids.has(id)) throw new Error(`implementations.extra.json: ${JSON.stringify(id)} is not an implementation of the TSV (its ids: ${[...ids].sort().join(', ')})`);
    for (const key of Object.keys(facts)) {
      if (!EXTRA_KEYS.has(key)) throw new Error(`implementations.extra.json: ${id} has unknown key ${JSON.stringify(key)} (expected ${[...EXTRA_KEYS].join(', ')})`);
    }
  }
  const implementations = [...rows]
    .sort((a, b) => compareIds(a.implementation, b.implementation))
    .map((row) => {
      const facts = extra[row.implementation] ?? {};
      const id = row.implementation;
      return {
        id,
        name: typeof facts.name === 'string' && facts.name.trim() !== '' ? facts.name : id.slice(id.indexOf('/') + 1),
        version: row.version,
        gatewayApiVersion: row.gatewayApiVersion,
        reportDate: row.reportDate,
        report: row.report,
        reportUrl: REPORT_URL_BASE + row.report,
        controllerNames: sortedUnique([...(row.controllerName ? [row.controllerName] : []), ...stringList(facts.controllerNames, `${id}.controllerNames`)]),
        classNames: sortedUnique(stringList(facts.classNames, `${id}.classNames`)),
        apiGroups: sortedUnique(stringList(facts.apiGroups, `${id}.apiGroups`)),
        supported: [...row.supported],
        unsupported: [...row.unsupported],
      };
    });
  for (const field of ['controllerNames', 'classNames']) {
    const owner = new Map();
    for (const impl of implementations) {
      for (const value of impl[field]) {
        if (owner.has(value)) throw new Error(`implementations: ${field} ${JSON.stringify(value)} is claimed by both ${owner.get(value)} and ${impl.id}; a lookup must find one profile`);
        owner.set(value, impl.id);
      }
    }
  }
  const generated = rows.map((r) => r.reportDate).sort().at(-1);
  return { source: `${source} (upstream Gateway API conformance reports)`, generated, implementations };
}

/** README column headers per TLS feature; the legend below the table spells them out. */
export const FEATURE_ABBREVIATIONS = Object.freeze({
  BackendTLSPolicy: 'BTLS',
  BackendTLSPolicySANValidation: 'SAN',
  GatewayFrontendClientCertificateValidation: 'mTLS',
  GatewayFrontendClientCertificateValidationInsecureFallback: 'mTLS-IF',
  GatewayBackendClientCertificate: 'BCC',
  ListenerSet: 'LS',
  TLSRouteModeTerminate: 'TLS-T',
  TLSRouteModeMixed: 'TLS-M',
  GatewayHTTPSListenerDetectMisdirectedRequests: '421',
});

function cell(text) {
  return text.replace(/\|/g, '\\|');
}

/**
 * The README table: one row per implementation, one column per TLS feature (✓ supported, ✗ unsupported,
 * – not reported), then the legend. `features` maps each feature name to its one-sentence description.
 */
export function renderImplementationsTable(data, features) {
  const names = Object.keys(features);
  for (const f of names) if (!FEATURE_ABBREVIATIONS[f]) throw new Error(`renderImplementationsTable: no abbreviation for feature ${f}`);
  const header = ['implementation', 'report', ...names.map((f) => FEATURE_ABBREVIATIONS[f])];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < 2 ? '---' : ':-:')).join('|')}|`];
  for (const impl of data.implementations) {
    const marks = names.map((f) => (impl.supported.includes(f) ? '✓' : impl.unsupported.includes(f) ? '✗' : '–'));
    lines.push(`| ${cell(impl.name)} (\`${cell(impl.id)}\`) | [${cell(impl.version)}](${impl.reportUrl}), ${impl.reportDate} | ${marks.join(' | ')} |`);
  }
  lines.push('');
  lines.push('✓ supported, ✗ unsupported, – not in the report. Columns (conformance feature names):');
  lines.push('');
  for (const f of names) lines.push(`- **${FEATURE_ABBREVIATIONS[f]}** \`${f}\`: ${features[f]}`);
  lines.push('');
  lines.push(`Generated by \`npm run sync-implementations\` from ${data.source}; newest report ${data.generated}.`);
  return lines.join('\n');
}
