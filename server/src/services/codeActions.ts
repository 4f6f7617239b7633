// Quick fixes for our diagnostics, above all: write the missing ReferenceGrant. Each diagnostic code has a fixer
// in codeActions/; a fixer reads the machine-readable `data` the rule attached, never the message text.
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { IndexedFile } from '../workspace/index';
import { grantFixes } from './codeActions/grantFixes';
import { protocolFixes, secretNameFixes } from './codeActions/replaceValue';
import type { ServiceContext } from './context';
import { DIAGNOSTIC_SOURCE } from './validation';

type Fixer = (file: IndexedFile, diagnostic: Diagnostic, context: ServiceContext) => CodeAction[];

const FIXERS: Readonly<Record<string, Fixer>> = {
  'ref-not-permitted': grantFixes,
  'certificate-secret-not-found': secretNameFixes,
  'listener-protocol-unsupported': protocolFixes,
};

export function doCodeActions(file: IndexedFile, _range: Range, diagnostics: readonly Diagnostic[], context: ServiceContext): CodeAction[] {
  // The client sends every diagnostic under the cursor, other tools' included: fix only ours.
  return diagnostics.flatMap((diagnostic) => {
    if (diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE) return [];
    const fixer = typeof diagnostic.code === 'string' ? FIXERS[diagnostic.code] : undefined;
    return fixer ? fixer(file, diagnostic, context) : [];
  });
}
