// Work shared by several rules about one document (resolving its references, analysing its certificates) is
// done once per parsed document and workspace context: each rule keeps its one stable code, and the work is
// not repeated per rule.
import type { K8sObject } from '../model/object';
import type { ParsedYamlDocument } from '../parser/types';
import { TrackedCache } from '../workspace/dependencies';
import type { Code } from './catalog';
import type { Finding, WorkspaceContext, WorkspaceRule } from './types';

/** Valid while the settings are the same and nothing the computation looked up in the workspace has changed. */
export function memoizePerDocument<V, R>(compute: (view: V, object: K8sObject, context: WorkspaceContext) => R): (view: V, object: K8sObject, context: WorkspaceContext) => R {
  const memo = new TrackedCache<ParsedYamlDocument, R>();
  return (view, object, context) => memo.get(context.queries.topics, object.source.document, context.settings, () => compute(view, object, context));
}

/**
 * Rules with one stable code each, from one computation that finds several kinds of problem (a certificate
 * analysis, a CA bundle lookup): the computation runs once per document and context, each rule keeps its code.
 */
export function rulesPerCode<V>(codes: readonly Code[], compute: (view: V, object: K8sObject, context: WorkspaceContext) => readonly Finding[]): WorkspaceRule<V>[] {
  const all = memoizePerDocument(compute);
  return codes.map((code) => ({ code, check: (view, object, context) => all(view, object, context).filter((f) => f.code === code) }));
}
