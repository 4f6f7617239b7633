// Diagnostics for one file: YAML syntax problems, then every rule family over every object. Findings of
// object-local rules are cached with the parsed document, so an unchanged document costs a map lookup.
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { K8sObject } from '../model/object';
import { locate, type OffsetRange } from '../parser/locate';
import type { NodePart, NodePath, ParsedYamlDocument } from '../parser/types';
import { CATALOG, type Code, type Severity } from '../rules/catalog';
import type { Finding, RuleFamily, WorkspaceContext } from '../rules/types';
import type { SeveritySetting, Settings } from '../settings';
import { redact } from '../util/redact';
import { TrackedCache } from '../workspace/dependencies';
import type { IndexedFile, WorkspaceIndex } from '../workspace/index';
import { buildFailure, placeRelated, renderedFindings } from './validation/builds';

export const DIAGNOSTIC_SOURCE = 'gateway-tls';

export interface ValidationEnv {
  readonly settings: Settings;
  readonly families: readonly RuleFamily<any>[];
  readonly log: (message: string) => void;
  /** For cross-file rules; created lazily because most documents never need it. */
  readonly context: () => WorkspaceContext;
  /** The workspace: other files (related information), Kustomize builds and where their objects came from. */
  readonly index: WorkspaceIndex;
  /**
   * False while the workspace index is incomplete: only what a document proves alone is reported (syntax, schema,
   * object rules, families marked `documentLocal`); a Secret not indexed yet must not read as a missing Secret.
   */
  readonly crossFile: boolean;
}

/** A related place: in the finding's own document (placed once), or in another object (placed when reported). */
type PlacedRelated =
  | { readonly range: OffsetRange; readonly path: NodePath; readonly part: NodePart; readonly message: string }
  | { readonly object: K8sObject; readonly path: NodePath; readonly part: NodePart; readonly message: string };

/** A finding placed in its document: ranges relative to the segment, ready to be shifted into the file. */
interface PlacedFinding {
  readonly finding: Finding;
  readonly range: OffsetRange;
  readonly related: readonly PlacedRelated[];
}


// Every cache is keyed by rule set first (tests build their own sets) and then by parsed document, which
// survives edits of other documents: an unchanged document is neither re-parsed nor re-checked.
const localCaches = new WeakMap<readonly RuleFamily<any>[], WeakMap<ParsedYamlDocument, readonly PlacedFinding[]>>();
const workspaceCaches = new WeakMap<readonly RuleFamily<any>[], TrackedCache<ParsedYamlDocument, readonly PlacedFinding[]>>();

const applicableCaches = new WeakMap<readonly RuleFamily<any>[], WeakMap<ParsedYamlDocument, readonly Applicable[]>>();

export function validateFile(file: IndexedFile, env: ValidationEnv): Diagnostic[] {
  const yaml = file.yaml;
  if (!yaml) return [];
  const diagnostics: Diagnostic[] = [];
  const push = (code: Code, message: string, start: number, end: number, severity?: Severity, related?: DiagnosticRelatedInformation[], data?: unknown) => {
    const effective = effectiveSeverity(code, severity, env.settings);
    if (effective === 'off') return;
    // Messages echo values from the manifests (names, hostnames, keys): private keys pasted there never leave.
    const diagnostic: Diagnostic = { range: yaml.lines.range(start, end), severity: toLsp(effective), code, source: DIAGNOSTIC_SOURCE, message: redact(message) };
    if (related && related.length > 0) diagnostic.relatedInformation = related.map((r) => ({ location: r.location, message: redact(r.message) }));
    if (data !== undefined) diagnostic.data = redactData(data);
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

  // Built on first need, once per file: most objects have no cross-file rules, and the day is the same for all.
  let workspace: { context: WorkspaceContext; guard: object } | undefined;
  const workspaceOnce = () => {
    if (!workspace) {
      const context = env.context();
      workspace = { context, guard: guardFor(context, env.crossFile) };
    }
    return workspace;
  };
  const findingsOf = (object: K8sObject, applicable: readonly Applicable[]) => [...localFindings(object, applicable, env), ...workspaceFindings(object, applicable, env, workspaceOnce)];

  // A file that Kustomize builds apply is checked through what they apply (below), never as written: a base is
  // not applied alone. While one of its builds is pending, only its syntax is known.
  const roots = env.index.rootsOfFile(file.uri);
  if (roots.length === 0) {
    for (const object of file.objects) {
      const applicable = applicableFamilies(object, env);
      if (applicable.length === 0) continue;
      const base = object.source.segmentOffset;
      for (const placed of findingsOf(object, applicable)) {
        const related = placed.related.flatMap((r) => relatedInformation(r, file, base, env));
        push(placed.finding.code, placed.finding.message, base + placed.range.start, base + placed.range.end, placed.finding.severity, related, placed.finding.data ? { ...placed.finding.data } : undefined);
      }
    }
  } else if (roots.some((root) => env.index.buildOf(root.uri).state === 'pending')) {
    return diagnostics;
  }
  if (env.index.kustomizeMode === 'builds') {
    const findings = (object: K8sObject) => {
      const applicable = applicableFamilies(object, env);
      return applicable.length === 0 ? [] : findingsOf(object, applicable);
    };
    for (const f of renderedFindings(file, env.index, findings)) push(f.code, f.message, f.start, f.end, f.severity, f.related, f.data);
    const failure = buildFailure(file, env.index);
    if (failure) push('kustomize-build-failed', failure.message, failure.start, failure.end);
  }
  return diagnostics;
}

/** A diagnostic's `data` (names, namespaces, suggestions for the fixers) with every string redacted too. */
function redactData(data: unknown): unknown {
  if (typeof data === 'string') return redact(data);
  if (Array.isArray(data)) return data.map(redactData);
  if (typeof data === 'object' && data !== null) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, redactData(v)]));
  return data;
}

function relatedInformation(r: PlacedRelated, file: IndexedFile, base: number, env: ValidationEnv): DiagnosticRelatedInformation[] {
  if ('range' in r) {
    return [{ location: { uri: file.uri, range: file.yaml!.lines.range(base + r.range.start, base + r.range.end) }, message: r.message }];
  }
  // Placed now, not when the finding was cached: the other document may have moved since.
  return placeRelated(r.object, r.path, r.part, r.message, env.index);
}

/** A family that reads an object, with its view of it. */
interface Applicable {
  readonly family: RuleFamily<any>;
  readonly view: unknown;
}

/**
 * The families that read an object, with their views, built once per parsed document. Most objects of a large
 * workspace (Services, ConfigMaps, kustomizations) are read by no family: they cost a few kind checks and keep no
 * cache entry at all.
 */
function applicableFamilies(object: K8sObject, env: ValidationEnv): readonly Applicable[] {
  let cache = applicableCaches.get(env.families);
  if (!cache) applicableCaches.set(env.families, (cache = new WeakMap()));
  const hit = cache.get(object.source.document);
  if (hit) return hit;
  const applicable: Applicable[] = [];
  for (const family of env.families) {
    try {
      const view = family.view(object);
      if (view !== undefined) applicable.push({ family, view });
    } catch (error) {
      env.log(`rule family ${family.name} failed to read ${object.kind}/${object.name ?? '?'}: ${String(error)}`);
    }
  }
  if (applicable.length > 0) cache.set(object.source.document, applicable);
  return applicable;
}

function localFindings(object: K8sObject, applicable: readonly Applicable[], env: ValidationEnv): readonly PlacedFinding[] {
  let localCache = localCaches.get(env.families);
  if (!localCache) localCaches.set(env.families, (localCache = new WeakMap()));
  const document = object.source.document;
  const cached = localCache.get(document);
  if (cached) return cached;
  const placed: PlacedFinding[] = [];
  for (const { family, view } of applicable) {
    for (const rule of family.rules ?? []) placed.push(...run(rule.code, object, env, () => rule.check(view, object)));
  }
  localCache.set(document, placed);
  return placed;
}

/**
 * Cross-file findings, cached per document while nothing they looked up changed (dependencies.ts), and the
 * settings, the day (for expiry) and the mode stay the same: typing in one Gateway does not re-check the other
 * 1,999 documents of its file, and editing a Secret re-checks only the documents that looked it up.
 */
function workspaceFindings(
  object: K8sObject,
  applicable: readonly Applicable[],
  env: ValidationEnv,
  workspace: () => { readonly context: WorkspaceContext; readonly guard: object },
): readonly PlacedFinding[] {
  const families = applicable.filter(({ family }) => family.workspaceRules && family.workspaceRules.length > 0 && (env.crossFile || family.documentLocal));
  if (families.length === 0) return [];
  let cache = workspaceCaches.get(env.families);
  if (!cache) workspaceCaches.set(env.families, (cache = new TrackedCache()));
  const { context, guard } = workspace();
  return cache.get(context.queries.topics, object.source.document, guard, () => {
    const placed: PlacedFinding[] = [];
    for (const { family, view } of families) {
      for (const rule of family.workspaceRules!) placed.push(...run(rule.code, object, env, () => rule.check(view, object, context)));
    }
    return placed;
  });
}

/** The same object while settings, day and mode are the same: a cache guard compared by identity. */
function guardFor(context: WorkspaceContext, crossFile: boolean): object {
  const key = `${new Date().toISOString().slice(0, 10)}|${crossFile}`;
  let byKey = settingsGuards.get(context.settings);
  if (!byKey) settingsGuards.set(context.settings, (byKey = new Map()));
  let guard = byKey.get(key);
  if (!guard) byKey.set(key, (guard = { key }));
  return guard;
}
const settingsGuards = new WeakMap<object, Map<string, object>>();

/** Runs one rule; a rule that throws is logged and yields nothing. */
function run(code: Code, object: K8sObject, env: ValidationEnv, check: () => readonly Finding[]): PlacedFinding[] {
  let findings: readonly Finding[];
  try {
    findings = check();
  } catch (error) {
    env.log(`rule ${code} failed on ${object.kind}/${object.name ?? '?'}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return [];
  }
  if (findings.length === 0) return [];
  // Only now: a released tree is re-parsed just for documents that have something to report.
  const doc = object.source.document.doc;
  return findings.flatMap((finding) => {
    const where = locate(doc, finding.path, finding.part ?? 'value') ?? locate(doc, [], 'key');
    if (!where) return [];
    const related = (finding.related ?? []).flatMap((r): PlacedRelated[] => {
      if (r.object) return [{ object: r.object, path: r.path, part: r.part ?? 'value', message: r.message }];
      const at = locate(doc, r.path, r.part ?? 'value');
      return at ? [{ range: at.range, path: r.path, part: r.part ?? 'value', message: r.message }] : [];
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
