// Findings that say something is absent from the workspace ("Secret x is not in the workspace", "no grant admits
// this"): a file that could not be read may hold that very object, so both shells withhold them while any file
// is unread (the CLI for its run, the server until the file reads). Data, shared by the two.
import type { Code } from './catalog';

const ABSENCE_CODES: ReadonlySet<Code> = new Set<Code>([
  'certificate-secret-not-found',
  'ref-not-permitted',
  'reference-grant-unused',
  'backend-tls-target-not-found',
  'backend-tls-ca-not-found',
  'frontend-ca-not-found',
  'certificate-issuer-not-found',
]);

/** Whether a finding claims something is missing. backend-client-certificate-invalid only in its "missing" form. */
export function assertsAbsence(code: string, message: string): boolean {
  return ABSENCE_CODES.has(code as Code) || (code === 'backend-client-certificate-invalid' && message.includes('not in the workspace'));
}
