// What a feature service may ask of the workspace beyond its own file: the index, the settings, and the same
// cross-file context rules get (queries, effective namespaces).
import type { WorkspaceContext } from '../rules/types';
import type { Settings } from '../settings';
import type { WorkspaceIndex } from '../workspace/index';

export interface ServiceContext {
  readonly index: WorkspaceIndex;
  readonly settings: Settings;
  /** Built lazily: most requests never need cross-file lookups. */
  readonly workspace: () => WorkspaceContext;
}
