// Code lenses: what each ReferenceGrant admits, counted by grantUsage (the same answer reference-grant-unused
// gives), on the grant's `kind:` line. Clicking opens the admitted certificateRefs through the client command
// `gatewayTls.showReferences`, whose arguments are plain LSP JSON (uri, position, locations) the client converts.
import type { CodeLens, Location } from 'vscode-languageserver-types';
import { referenceGrantView } from '../../model/referenceGrant';
import { locate } from '../../parser/locate';
import { grantUsage, isJudgeable } from '../../workspace/grantUsage';
import type { IndexedFile } from '../../workspace/index';
import type { ServiceContext } from '../context';
import { locationOf, uniqueLocations } from '../navigation/locations';

import { SHOW_REFERENCES_COMMAND } from './command';

export function grantLenses(file: IndexedFile, context: ServiceContext): CodeLens[] {
  const yaml = file.yaml;
  const grants = file.objects.map(referenceGrantView).filter((g) => g !== undefined);
  if (!yaml || grants.length === 0) return [];
  const usage = grantUsage(context.workspace().queries);
  return grants.flatMap((grant): CodeLens[] => {
    const object = grant.object;
    const at = locate(object.source.document.doc, ['kind'], 'pair') ?? locate(object.source.document.doc, ['metadata', 'name'], 'pair');
    if (!at) return [];
    const range = yaml.lines.range(object.source.segmentOffset + at.range.start, object.source.segmentOffset + at.range.end);
    // One reference per certificateRef, however many candidate namespaces of its Gateway the grant admits.
    const locations: Location[] = uniqueLocations(
      (usage.get(object) ?? []).map((u) => locationOf(context.index, u.gateway.source.uri, u.gateway, [...u.ref.path, 'name'])),
    );
    if (locations.length === 0) {
      // The workspace only indexes Gateway → Secret references; about other grants it cannot say "nothing".
      const title = isJudgeable(grant) ? 'admits nothing in this workspace' : 'admits no Gateway certificate reference in this workspace';
      // A title-only lens: an empty command id renders as plain text and does nothing when clicked.
      return [{ range, command: { title, command: '' } }];
    }
    const title = `admits ${locations.length} reference${locations.length === 1 ? '' : 's'}`;
    return [{ range, command: { title, command: SHOW_REFERENCES_COMMAND, arguments: [file.uri, range.start, locations] } }];
  });
}
