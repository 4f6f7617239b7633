// The fixes for `ref-not-permitted`: create a grant (narrow or broad), or extend a grant that almost admits the
// reference. The diagnostic's data says who refers to what; the reference is always a Gateway's, to a core Secret.
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
}

export function grantFixes(file: IndexedFile, diagnostic: Diagnostic, context: ServiceContext): CodeAction[] {
  const data = readData(diagnostic, { fromNamespace: 'string', toNamespace: 'string', secretName: 'string' });
  // A value that was key material reaches us masked (validation redacts `data`): no grant is written for it.
  if (!data || Object.values(data).some((v) => v.includes(REDACTED_KEY) || v.includes(REDACTED_BLOB))) return [];
  const spec: ReferenceSpec = {
    from: { group: GATEWAY_GROUP, kind: 'Gateway', namespace: data.fromNamespace },
    to: { group: '', kind: 'Secret', name: data.secretName, namespace: data.toNamespace },
  };
  return [...createGrantActions(file, diagnostic, data, context), ...extendGrantActions(diagnostic, spec, context)];
}
