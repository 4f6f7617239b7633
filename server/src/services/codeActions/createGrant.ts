// "Create ReferenceGrant in <ns> for Secret <name>" (narrow, preferred: it opens up only what the Gateway needs)
// and "… for all Secrets" (broad). The grant is written where placeGrant says, in the API version the workspace
// already uses for grants (v1 needs Gateway API v1.5+, so v1beta1 unless v1 grants are already there).
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { IndexedFile } from '../../workspace/index';
import type { WorkspaceQueries } from '../../workspace/queries';
import type { ServiceContext } from '../context';
import type { GrantFixData } from './grantFixes';
import { placeGrant } from './grantPlacement';
import { grantName, grantYaml, indentsSequences, type NewGrant } from './grantText';
import { appendDocument, createFile } from './workspaceEdits';

export function createGrantActions(file: IndexedFile, diagnostic: Diagnostic, data: GrantFixData, context: ServiceContext): CodeAction[] {
  const { fromNamespace, toNamespace, secretName, from } = data;
  const queries = context.workspace().queries;
  const placement = placeGrant(file, fromNamespace, toNamespace, secretName, context.index, queries);
  if (!placement) return [];
  const taken = new Set(queries.grantsIn(toNamespace).flatMap((g) => (g.view.object.name ? [g.view.object.name] : [])));
  const apiVersion = grantApiVersion(queries);

  const action = (title: string, name: string | undefined, isPreferred: boolean): CodeAction => {
    const grant: NewGrant = { apiVersion, name: grantName(fromNamespace, name, taken, from?.kind), namespace: toNamespace, fromNamespace, ...(from ? { from } : {}), secretName: name };
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred,
      edit:
        placement.kind === 'append'
          ? appendDocument(placement.file, (eol) => grantYaml(grant, eol, indentsSequences(placement.file.yaml?.text)))
          : createFile(placement.uri, grantYaml(grant)),
    };
  };
  return [
    action(`Create ReferenceGrant in ${toNamespace} for Secret ${secretName}`, secretName, true),
    action(`Create ReferenceGrant in ${toNamespace} for all Secrets`, undefined, false),
  ];
}

function grantApiVersion(queries: WorkspaceQueries): string {
  return queries.allGrants().some((g) => g.view.object.version === 'v1') ? 'v1' : 'v1beta1';
}
