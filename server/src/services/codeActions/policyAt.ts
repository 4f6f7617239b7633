// The BackendTLSPolicy a diagnostic sits in and the exact node it underlines. A fix must only touch what the
// diagnostic points at: the client may send a diagnostic published for an older text, and a rule reports on the
// nearest ancestor when a field is missing, so every fixer checks the path it gets before writing over it.
import type { Position } from 'vscode-languageserver-types';
import { backendTlsPolicyView, type BackendTlsPolicyView } from '../../model/backendTlsPolicy';
import { cursorAt } from '../cursor';
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
  const at = cursorAt(file, position);
  const view = at?.object && backendTlsPolicyView(at.object);
  if (!at || !view) return undefined;
  return { view, path: at.hit?.path, part: at.hit?.part, node: at.hit?.node };
}
