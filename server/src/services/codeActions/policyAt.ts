// The BackendTLSPolicy a diagnostic sits in and the exact node it underlines. A fix must only touch what the
// diagnostic points at: the client may send a diagnostic published for an older text, and a rule reports on the
// nearest ancestor when a field is missing, so every fixer checks the path it gets before writing over it.
import type { Position } from 'vscode-languageserver-types';
import { backendTlsPolicyView, type BackendTlsPolicyView } from '../../model/backendTlsPolicy';
import { documentAtOffset, nodeAtOffset } from '../../parser/locate';
import type { NodePath } from '../../parser/types';
import type { IndexedFile } from '../../workspace/index';

export interface PolicyAt {
  readonly view: BackendTlsPolicyView;
  /** The path under the position and whether it is on a key or a value (undefined between nodes). */
  readonly path: NodePath | undefined;
  readonly part: 'key' | 'value' | undefined;
  readonly node: unknown;
}

export function policyAt(file: IndexedFile, position: Position): PolicyAt | undefined {
  const yaml = file.yaml;
  if (!yaml) return undefined;
  const offset = yaml.lines.offsetAt(position);
  const at = documentAtOffset(yaml.segments, offset);
  const object = at && file.objects.find((o) => o.source.document === at.document);
  const view = object && backendTlsPolicyView(object);
  if (!at || !view) return undefined;
  const hit = nodeAtOffset(at.document.doc, offset - at.segmentOffset);
  return { view, path: hit?.path, part: hit?.part, node: hit?.node };
}

export function samePath(a: NodePath | undefined, b: NodePath): boolean {
  return a !== undefined && a.length === b.length && a.every((segment, i) => segment === b[i]);
}
