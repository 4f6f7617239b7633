// Diagnostics for one file: YAML syntax problems, then every rule family over every object. Findings of
// object-local rules are cached with the parsed document, so an unchanged document costs a map lookup.
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { K8sObject } from '../model/object';
import { locate, type OffsetRange } from '../parser/locate';
import type { ParsedYamlDocument } from '../parser/types';
import { CATALOG, type Code, type Severity } from '../rules/catalog';
import type { Finding, RuleFamily, WorkspaceContext } from '../rules/types';
import type { SeveritySetting, Settings } from '../settings';
import type { IndexedFile } from '../workspace/index';

export const DIAGNOSTIC_SOURCE = 'gateway-tls';

export interface ValidationEnv {
  readonly settings: Settings;
  readonly families: readonly RuleFamily<any>[];
  readonly log: (message: string) => void;
  /** For cross-file rules; created lazily because most documents never need it. */
  readonly context: () => WorkspaceContext;
  /** Line indexes of other files, for related information that points there. */
  readonly fileOf: (uri: string) => IndexedFile | undefined;
}

/** A finding placed in its document: ranges relative to the segment, ready to be shifted into the file. */
interface PlacedFinding {
  readonly finding: Finding;
  readonly range: OffsetRange;
  readonly related: readonly { range: OffsetRange; message: string; object?: K8sObject }[];
}

// Keyed by rule set first: tests build their own sets and must not see each other's cached results.
const localCaches = new WeakMap<readonly RuleFamily<any>[], WeakMap<ParsedYamlDocument, readonly PlacedFinding[]>>();

export function validateFile(file: IndexedFile, env: ValidationEnv): Diagnostic[] {
  const yaml = file.yaml;
  if (!yaml) return [];
  const diagnostics: Diagnostic[] = [];
  const push = (code: Code, message: string, start: number, end: number, severity?: Severity, related?: DiagnosticRelatedInformation[], data?: unknown) => {
    const effective = effectiveSeverity(code, severity, env.settings);
    if (effective === 'off') return;
    const diagnostic: Diagnostic = { range: yaml.lines.range(start, end), severity: toLsp(effective), code, source: DIAGNOSTIC_SOURCE, message };
    if (related && related.length > 0) diagnostic.relatedInformation = related;
    if (data !== undefined) diagnostic.data = data;
    diagnostics.push(diagnostic);
  };

  if (file.looksLikeKubernetes) {
    for (const segment of yaml.segments) {
      for (const problem of segment.parse.problems) push('yaml-syntax', problem.message, segment.offset + problem.start, segment.offset + problem.end);
      for (const document of segment.parse.documents) {
        for (const problem of document.problems) {
          push('yaml-syntax', problem.message, segment.offset + problem.start, segment.offset + problem.end);
        }
      }
    }
  }

  for (const object of file.objects) {
    const base = object.source.segmentOffset;
    for (const placed of [...localFindings(object, env), ...workspaceFindings(object, env)]) {
      const related = placed.related.flatMap((r) => {
        const where = r.object ? env.fileOf(r.object.source.uri) : file;
        const offset = r.object ? r.object.source.segmentOffset : base;
        if (!where?.yaml) return [];
        return [{ location: { uri: where.uri, range: where.yaml.lines.range(offset + r.range.start, offset + r.range.end) }, message: r.message }];
      });
      push(placed.finding.code, placed.finding.message, base + placed.range.start, base + placed.range.end, placed.finding.severity, related, placed.finding.data ? { ...placed.finding.data } : undefined);
    }
  }
  return diagnostics;
}

function localFindings(object: K8sObject, env: ValidationEnv): readonly PlacedFinding[] {
  let localCache = localCaches.get(env.families);
  if (!localCache) localCaches.set(env.families, (localCache = new WeakMap()));
  const document = object.source.document;
  const cached = localCache.get(document);
  if (cached) return cached;
  const placed: PlacedFinding[] = [];
  for (const family of env.families) {
    let view: unknown;
    try {
      view = family.view(object);
    } catch (error) {
      env.log(`rule family ${family.name} failed to read ${object.kind}/${object.name ?? '?'}: ${String(error)}`);
      continue;
    }
    if (view === undefined) continue;
    for (const rule of family.rules ?? []) {
      placed.push(...run(rule.code, object, env, () => rule.check(view, object)));
    }
  }
  localCache.set(document, placed);
  return placed;
}

function workspaceFindings(object: K8sObject, env: ValidationEnv): PlacedFinding[] {
  const placed: PlacedFinding[] = [];
  for (const family of env.families) {
    if (!family.workspaceRules || family.workspaceRules.length === 0) continue;
    let view: unknown;
    try {
      view = family.view(object);
    } catch {
      continue; // already logged by localFindings
    }
    if (view === undefined) continue;
    const context = env.context();
    for (const rule of family.workspaceRules) {
      placed.push(...run(rule.code, object, env, () => rule.check(view, object, context)));
    }
  }
  return placed;
}

/** Runs one rule; a rule that throws is logged and yields nothing. */
function run(code: Code, object: K8sObject, env: ValidationEnv, check: () => readonly Finding[]): PlacedFinding[] {
  let findings: readonly Finding[];
  try {
    findings = check();
  } catch (error) {
    env.log(`rule ${code} failed on ${object.kind}/${object.name ?? '?'}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return [];
  }
  const doc = object.source.document.doc;
  return findings.flatMap((finding) => {
    const where = locate(doc, finding.path, finding.part ?? 'value') ?? locate(doc, [], 'key');
    if (!where) return [];
    const related = (finding.related ?? []).flatMap((r) => {
      const at = locate(r.object ? r.object.source.document.doc : doc, r.path, r.part ?? 'value');
      return at ? [{ range: at.range, message: r.message, ...(r.object ? { object: r.object } : {}) }] : [];
    });
    return [{ finding, range: where.range, related }];
  });
}

export function effectiveSeverity(code: Code, findingSeverity: Severity | undefined, settings: Settings): SeveritySetting {
  return settings.severity[code] ?? findingSeverity ?? CATALOG[code].severity;
}

function toLsp(severity: Exclude<SeveritySetting, 'off'>): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
  }
}
