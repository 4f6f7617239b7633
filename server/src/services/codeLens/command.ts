// What every lens shares: where it sits (the first of some paths of an object that exists) and its command. A
// lens with places to go runs the client command `gatewayTls.showReferences` with plain LSP JSON (uri, position,
// locations) that the VS Code client converts; without places it is title-only (an empty command id renders as
// text and does nothing when clicked).
import type { CodeLens, Location, Range } from 'vscode-languageserver-types';
import type { K8sObject } from '../../model/object';
import type { NodePart, NodePath } from '../../parser/types';
import type { WorkspaceIndex } from '../../workspace/index';
import { locationOf, uniqueLocations } from '../navigation/locations';

export const SHOW_REFERENCES_COMMAND = 'gatewayTls.showReferences';

/** The range of the first of `anchors` (path and part) the object has. */
export function lensRange(index: WorkspaceIndex, object: K8sObject, anchors: readonly (readonly [NodePath, NodePart])[]): Range | undefined {
  for (const [path, part] of anchors) {
    const at = locationOf(index, object.source.uri, object, path, part);
    if (at) return at.range;
  }
  return undefined;
}

export function toCodeLens(uri: string, range: Range, title: string, locations: readonly (Location | undefined)[]): CodeLens {
  const places = uniqueLocations(locations);
  if (places.length === 0) return { range, command: { title, command: '' } };
  return { range, command: { title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, range.start, places] } };
}
