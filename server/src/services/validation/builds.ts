// Findings of Kustomize builds, for a file a person edits: every build's objects that came from the file, checked
// like any object, placed on the source lines through workspace/origins.ts and named by overlay; and the one
// kustomize-build-failed of a root whose build failed.
import * as path from 'node:path';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { K8sObject } from '../../model/object';
import type { NodePart, NodePath } from '../../parser/types';
import type { Code, Severity } from '../../rules/catalog';
import type { Finding } from '../../rules/types';
import { rootLabel } from '../../workspace/builds';
import type { IndexedFile, WorkspaceIndex } from '../../workspace/index';
import { sourcePlace, sourceUriOf } from '../../workspace/origins';
import { normalizeUri } from '../../workspace/uris';

/** A finding with the paths of its related places (placed here, on source lines). */
export interface FindingWithPaths {
  readonly finding: Finding;
  readonly related: readonly { readonly object?: K8sObject; readonly path: NodePath; readonly part: NodePart; readonly message: string }[];
}

export interface SourceFinding {
  readonly code: Code;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly severity: Severity | undefined;
  readonly related: DiagnosticRelatedInformation[];
  readonly data: unknown;
}

/**
 * The findings of every build's objects that came from this file, on the lines they came from, each naming the
 * overlay whose build shows it; one finding that several overlays share is reported once, naming them all.
 */
export function renderedFindings(file: IndexedFile, index: WorkspaceIndex, findingsOf: (object: K8sObject) => readonly FindingWithPaths[]): SourceFinding[] {
  const merged = new Map<string, { finding: Omit<SourceFinding, 'message'>; message: string; overlays: string[] }>();
  const key = normalizeUri(file.uri);
  for (const build of index.renderedBuilds()) {
    const objects = build.objectsFrom(key, sourceUriOf);
    if (objects.length === 0) continue;
    const label = rootLabel(build.root, index.roots);
    for (const object of objects) {
      for (const placed of findingsOf(object)) {
        const at = sourcePlace(index, object, placed.finding.path, placed.finding.part ?? 'value');
        if (!at || normalizeUri(at.file.uri) !== key) continue;
        const related = placed.related.flatMap((r) => placeRelated(r.object ?? object, r.path, r.part, r.message, index));
        const id = `${placed.finding.code}|${at.range.start}|${at.range.end}|${placed.finding.message}`;
        const seen = merged.get(id);
        if (seen) {
          if (!seen.overlays.includes(label)) seen.overlays.push(label);
          continue;
        }
        merged.set(id, {
          finding: { code: placed.finding.code, start: at.range.start, end: at.range.end, severity: placed.finding.severity, related, data: placed.finding.data ? { ...placed.finding.data } : undefined },
          message: placed.finding.message,
          overlays: [label],
        });
      }
    }
  }
  return [...merged.values()].map(({ finding, message, overlays }) => ({ ...finding, message: `in overlay${overlays.length > 1 ? 's' : ''} ${overlays.sort().join(', ')}: ${message}` }));
}

/** kustomize-build-failed: on a root kustomization whose build failed, with kustomize's own reason. */
export function buildFailure(file: IndexedFile, index: WorkspaceIndex): { message: string; start: number; end: number } | undefined {
  if (file.kind.kind !== 'kustomization') return undefined;
  const result = index.buildOf(file.uri);
  if (result.state !== 'failed') return undefined;
  const text = file.yaml!.text;
  const firstLine = text.search(/\S/);
  const start = Math.max(0, firstLine);
  const lineEnd = text.indexOf('\n', start);
  // Paths inside the workspace read as the user writes them: relative to its folder.
  const message = index.roots.reduce((m, root) => m.split(root.endsWith(path.sep) ? root : root + path.sep).join(''), result.message);
  return {
    message: `kustomize cannot build this overlay, so nothing it applies is checked: ${message}`,
    start,
    end: lineEnd === -1 ? text.length : lineEnd,
  };
}

/** A related place anywhere in the workspace, through the one mapping of objects (rendered or not) to lines. */
export function placeRelated(object: K8sObject, path: NodePath, part: NodePart, message: string, index: WorkspaceIndex): DiagnosticRelatedInformation[] {
  const at = sourcePlace(index, object, path, part);
  if (!at?.file.yaml) return [];
  return [{ location: { uri: at.file.uri, range: at.file.yaml.lines.range(at.range.start, at.range.end) }, message }];
}

