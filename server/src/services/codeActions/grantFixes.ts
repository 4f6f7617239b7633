// The fixes for `ref-not-permitted`: create a grant (narrow or broad), or extend a grant that almost admits the
// reference. The diagnostic's data says who refers to what: a Gateway's reference (or, when data names another
// kind, a ListenerSet's, whose grant must say `from.kind: ListenerSet`), to a core Secret.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { GATEWAY_GROUP } from '../../model/gateway';
import { REDACTED_BLOB, REDACTED_KEY } from '../../util/redact';
import type { IndexedFile } from '../../workspace/index';
import type { ReferenceSpec } from '../../workspace/references';
import type { ServiceContext } from '../context';
import { createGrantActions } from './createGrant';
import { readData } from './data';
import { extendGrantActions } from './extendGrant';

export interface GrantFixData {
  readonly fromNamespace: string;
  readonly toNamespace: string;
  readonly secretName: string;
  /** The referring object's group and kind when it is not a Gateway (a ListenerSet). */
  readonly from?: { readonly group: string; readonly kind: string };
}

/** `fromGroup`/`fromKind` in the data: a ListenerSet's reference. Anything but both strings reads as a Gateway's. */
function referrer(diagnostic: Diagnostic): GrantFixData['from'] {
  const data = readData(diagnostic, { fromGroup: 'string', fromKind: 'string' });
  return data && /^[A-Za-z][A-Za-z0-9]{0,62}$/.test(data.fromKind) && /^[a-z0-9.-]{1,253}$/.test(data.fromGroup) ? { group: data.fromGroup, kind: data.fromKind } : undefined;
}

export function grantFixes(file: IndexedFile, diagnostic: Diagnostic, context: ServiceContext): CodeAction[] {
  const data = readData(diagnostic, { fromNamespace: 'string', toNamespace: 'string', secretName: 'string' });
  // A value that was key material reaches us masked (validation redacts `data`): no grant is written for it.
  if (!data || Object.values(data).some((v) => v.includes(REDACTED_KEY) || v.includes(REDACTED_BLOB))) return [];
  const from = referrer(diagnostic);
  const spec: ReferenceSpec = {
    from: { group: from?.group ?? GATEWAY_GROUP, kind: from?.kind ?? 'Gateway', namespace: data.fromNamespace },
    to: { group: '', kind: 'Secret', name: data.secretName, namespace: data.toNamespace },
  };
  return [...createGrantActions(file, diagnostic, { ...data, ...(from ? { from } : {}) }, context), ...extendGrantActions(diagnostic, spec, context)];
}
