// Code lenses: what each ReferenceGrant admits, counted by grantUsage (the same answer reference-grant-unused
// gives), on the grant's `kind:` line. Clicking opens the admitted references (command.ts).
import type { CodeLens } from 'vscode-languageserver-types';
import { referenceGrantView } from '../../model/referenceGrant';
import { grantUsage, isJudgeable } from '../../workspace/grantUsage';
import type { IndexedFile } from '../../workspace/index';
import type { ServiceContext } from '../context';
import { locationOf, uniqueLocations } from '../navigation/locations';
import { lensRange, toCodeLens } from './command';

export function grantLenses(file: IndexedFile, context: ServiceContext): CodeLens[] {
  const grants = file.objects.map(referenceGrantView).filter((g) => g !== undefined);
  if (grants.length === 0) return [];
  const usage = grantUsage(context.workspace().queries);
  return grants.flatMap((grant): CodeLens[] => {
    const object = grant.object;
    const range = lensRange(context.index, object, [[['kind'], 'pair'], [['metadata', 'name'], 'pair']]);
    if (!range) return [];
    // One reference per place it is written, however many candidate namespaces of its Gateway the grant admits.
    const locations = uniqueLocations(
      (usage.get(object) ?? []).map((u) => locationOf(context.index, u.gateway.source.uri, u.gateway, [...u.ref.path, 'name'])),
    );
    // The workspace only indexes Gateway references; about other grants it cannot say "nothing".
    const title =
      locations.length > 0
        ? `admits ${locations.length} reference${locations.length === 1 ? '' : 's'}`
        : isJudgeable(grant) ? 'admits nothing in this workspace' : 'admits no Gateway certificate reference in this workspace';
    return [toCodeLens(file.uri, range, title, locations)];
  });
}
