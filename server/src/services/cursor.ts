// What the cursor is on, for every feature that starts from a position: the document and object under it and
// the node (key or value) it touches. Built on locate.ts, the one node ↔ offset mapper.
import type { Position } from 'vscode-languageserver-types';
import type { K8sObject } from '../model/object';
import { documentAtOffset, nodeAtOffset, type NodeAtOffset } from '../parser/locate';
import type { NodePath, ParsedYamlDocument } from '../parser/types';
import type { IndexedFile } from '../workspace/index';

export interface Cursor {
  /** Add it to the document's own offsets to get file offsets. */
  readonly segmentOffset: number;
  readonly document: ParsedYamlDocument;
  /** Undefined when the document is not a Kubernetes object (a plain kustomization, a stray map). */
  readonly object: K8sObject | undefined;
  /** The node under the cursor; undefined between nodes. */
  readonly hit: NodeAtOffset | undefined;
  /** `hit.path`, or the document root between nodes. */
  readonly path: NodePath;
}

export function cursorAt(file: IndexedFile, position: Position): Cursor | undefined {
  const yaml = file.yaml;
  if (!yaml) return undefined;
  const offset = yaml.lines.offsetAt(position);
  const at = documentAtOffset(yaml.segments, offset);
  if (!at) return undefined;
  const hit = nodeAtOffset(at.document.doc, offset - at.segmentOffset);
  return { ...at, object: file.objects.find((o) => o.source.document === at.document), hit, path: hit?.path ?? [] };
}

/** Whether two paths are the same (fixers check they touch exactly the node a diagnostic names). */
export function samePath(a: NodePath | undefined, b: NodePath): boolean {
  return a !== undefined && a.length === b.length && a.every((segment, i) => segment === b[i]);
}
