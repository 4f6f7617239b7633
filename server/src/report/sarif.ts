// SARIF 2.1.0 with one rule per code of the catalog, for code-scanning uploads.
import { CATALOG, CODES, type Severity } from '../rules/catalog';
import { kustomizeJson } from './json';
import { unreadableOf, type Report } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(report: Report, toolVersion: string): string {
  const rules = CODES.map((code) => ({
    id: code,
    name: code,
    shortDescription: { text: CATALOG[code].summary },
    defaultConfiguration: { level: LEVEL[CATALOG[code].severity] },
  }));
  const ruleIndex = new Map(CODES.map((code, i) => [code as string, i]));
  const results = report.diagnostics.map((d) => ({
    ruleId: d.code,
    ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(d.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
        },
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'gateway-tls', version: toolVersion, informationUri: 'https://gateway-api.sigs.k8s.io/guides/tls/', rules } },
        invocations: [invocation(report)],
        results,
        ...(report.kustomize ? { properties: { kustomize: kustomizeJson(report.kustomize) } } : {}),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/**
 * The run's invocation: `executionSuccessful: false` and one `toolExecutionNotifications` entry per file (or
 * directory) that could not be read, plus one saying what was withheld, so an upload shows the scan was incomplete.
 * Kustomizations checked as written (no kustomize, or `--kustomize=off`) get one note: the run itself succeeded.
 */
function invocation(report: Report) {
  const unreadable = unreadableOf(report);
  const notifications = unreadable.map((s) => ({
    level: 'error',
    descriptor: { id: 'unreadable' },
    message: { text: `Could not read ${s.file}: ${s.detail}. The result is incomplete.` },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(s.file), uriBaseId: '%SRCROOT%' } } }],
  }));
  if (report.withheld > 0) {
    notifications.push({
      level: 'warning',
      descriptor: { id: 'findings-withheld' },
      message: {
        text: `${report.withheld} finding(s) that something is missing from the workspace (a Secret, a ReferenceGrant, ...) were withheld: the unread files may hold it.`,
      },
      locations: [],
    });
  }
  const kustomize = report.kustomize;
  if (kustomize?.mode === 'files' && kustomize.reason !== undefined) {
    notifications.push({
      level: 'note',
      descriptor: { id: 'kustomize-not-built' },
      message: { text: `Kustomize builds not checked (${kustomize.roots} root kustomization(s) checked as written): ${kustomize.reason}` },
      locations: [],
    });
  }
  return { executionSuccessful: unreadable.length === 0, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) };
}
