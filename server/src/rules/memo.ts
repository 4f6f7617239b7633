// Work shared by several rules about one document (resolving its references, analysing its certificates) is
// done once per parsed document and workspace context: each rule keeps its one stable code, and the work is
// not repeated per rule.
import type { K8sObject } from '../model/object';
import type { ParsedYamlDocument } from '../parser/types';
import type { WorkspaceContext } from './types';

export function memoizePerDocument<V, R>(compute: (view: V, object: K8sObject, context: WorkspaceContext) => R): (view: V, object: K8sObject, context: WorkspaceContext) => R {
  const memo = new WeakMap<ParsedYamlDocument, { queries: WorkspaceContext['queries']; settings: WorkspaceContext['settings']; result: R }>();
  return (view, object, context) => {
    const hit = memo.get(object.source.document);
    if (hit && hit.queries === context.queries && hit.settings === context.settings) return hit.result;
    const result = compute(view, object, context);
    memo.set(object.source.document, { queries: context.queries, settings: context.settings, result });
    return result;
  };
}
