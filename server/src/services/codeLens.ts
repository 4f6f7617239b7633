// Code lenses, one provider per kind of object: grants, HTTPS/TLS listeners, BackendTLSPolicies. The file is parsed YAML here.
import type { CodeLens } from 'vscode-languageserver-types';
import type { IndexedFile } from '../workspace/index';
import { grantLenses } from './codeLens/grants';
import { listenerLenses } from './codeLens/listeners';
import { policyLenses } from './codeLens/policies';
import type { ServiceContext } from './context';

const PROVIDERS: readonly ((file: IndexedFile, context: ServiceContext) => CodeLens[])[] = [grantLenses, listenerLenses, policyLenses];

export function doCodeLens(file: IndexedFile, context: ServiceContext): CodeLens[] {
  if (!file.yaml || file.objects.length === 0) return [];
  return PROVIDERS.flatMap((provider) => provider(file, context));
}
