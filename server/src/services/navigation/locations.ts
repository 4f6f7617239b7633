// Places in the workspace as LSP Locations: a path in an object's document (or, for a kustomization's
// secretGenerator, in the file's first document), mapped through locate.ts and the file's LineIndex.
import type { Location } from 'vscode-languageserver-types';
import type { K8sObject } from '../../model/object';
import { locate } from '../../parser/locate';
import type { NodePart, NodePath } from '../../parser/types';
import type { WorkspaceIndex } from '../../workspace/index';
import { sourcePlace } from '../../workspace/origins';
import { normalizeUri } from '../../workspace/uris';

export function locationOf(index: WorkspaceIndex, uri: string, object: K8sObject | undefined, path: NodePath, part: NodePart = 'value'): Location | undefined {
  if (object) {
    // Through the one mapping of objects to lines: a Kustomize build's object lands where it came from.
    const at = sourcePlace(index, object, path, part);
    return at?.file.yaml ? { uri: at.file.uri, range: at.file.yaml.lines.range(at.range.start, at.range.end) } : undefined;
  }
  const yaml = index.getFile(uri)?.yaml;
  if (!yaml) return undefined;
  const segmentOffset = yaml.segments[0]?.offset ?? 0;
  const doc = yaml.segments[0]?.parse.documents[0]?.doc;
  const found = doc && locate(doc, path, part);
  if (!found) return undefined;
  return { uri, range: yaml.lines.range(segmentOffset + found.range.start, segmentOffset + found.range.end) };
}

/** Drops repeated locations (several candidate namespaces often resolve to one place), keeping the first order. */
export function uniqueLocations(locations: readonly (Location | undefined)[]): Location[] {
  const seen = new Set<string>();
  const unique: Location[] = [];
  for (const location of locations) {
    if (!location) continue;
    const { start, end } = location.range;
    const key = `${normalizeUri(location.uri)}:${start.line}:${start.character}:${end.line}:${end.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(location);
  }
  return unique;
}
