// Quick fixes for our diagnostics: write the missing ReferenceGrant, migrate a BackendTLSPolicy to v1, and more.
// Each diagnostic code has a fixer in codeActions/; a fixer reads the machine-readable `data` the rule attached,
// never the message text. One family starts from the cursor instead: "Set gatewayTls.implementation to …" on an
// unknown implementation's gatewayClassName (codeActions/implementation.ts).
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { IndexedFile } from '../workspace/index';
import { grantFixes } from './codeActions/grantFixes';
import { featureUnsupportedFixes, unknownImplementationActions } from './codeActions/implementation';
import { kustomizeFixes } from './codeActions/kustomizeNameReference';
import { apiVersionFixes } from './codeActions/migrateApiVersion';
import { migrationFixes } from './codeActions/migratePolicy';
import { caConflictFixes, caRefKindFixes, hostnameFixes } from './codeActions/policyFixes';
import { protocolFixes, secretNameFixes } from './codeActions/replaceValue';
import { editTargets, mayEdit } from './codeActions/workspaceEdits';
import type { ServiceContext } from './context';
import { DIAGNOSTIC_SOURCE } from './validation';

type Fixer = (file: IndexedFile, diagnostic: Diagnostic, context: ServiceContext) => CodeAction[];

const FIXERS: Readonly<Record<string, Fixer>> = {
  'ref-not-permitted': grantFixes,
  'certificate-secret-not-found': secretNameFixes,
  'listener-protocol-unsupported': protocolFixes,
  // BackendTLSPolicy's migration renames fields; the other deprecated kinds only change apiVersion (and kind).
  'api-version-deprecated': (file, diagnostic) => [...migrationFixes(file, diagnostic), ...apiVersionFixes(file, diagnostic)],
  'backend-tls-hostname-invalid': hostnameFixes,
  'backend-tls-ca-conflict': caConflictFixes,
  'backend-tls-ca-ref-unsupported': caRefKindFixes,
  // "Did you mean": the same near-name replacement as for Secret names.
  'backend-tls-target-not-found': secretNameFixes,
  'backend-tls-ca-not-found': secretNameFixes,
  'backend-client-certificate-invalid': secretNameFixes,
  'frontend-ca-not-found': secretNameFixes,
  'kustomize-ref-not-renamed': kustomizeFixes,
  // These carry a client command (set gatewayTls.implementation), not an edit.
  'feature-unsupported': featureUnsupportedFixes,
};

export function doCodeActions(file: IndexedFile, range: Range, diagnostics: readonly Diagnostic[], context: ServiceContext): CodeAction[] {
  // The client sends every diagnostic under the cursor, other tools' included: fix only ours.
  const actions = diagnostics.flatMap((diagnostic) => {
    if (diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE) return [];
    const fixer = typeof diagnostic.code === 'string' ? FIXERS[diagnostic.code] : undefined;
    return fixer ? fixer(file, diagnostic, context) : [];
  });
  // Not every action answers a diagnostic: on an unknown implementation's gatewayClassName, the cursor is enough.
  actions.push(...unknownImplementationActions(file, range, context));
  // No fix ever writes outside the workspace folders (only the file it was asked for, wherever that is).
  return actions.filter((action) => !action.edit || editTargets(action.edit).every((uri) => mayEdit(uri, file.uri, context.index.roots)));
}
