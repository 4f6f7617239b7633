// `tls.options`: un-prefixed keys are reserved for Gateway API; implementation keys are domain-prefixed. The CRD
// caps the map at 16 entries and values at 4096 characters (the JSON schema leaves both to this rule).
import { isDnsSubdomain } from '../../model/hostname';
import type { Finding } from '../types';
import { listenerLabel, perListener } from './common';

const MAX_OPTIONS = 16;
const MAX_VALUE_LENGTH = 4096;
/** The name part of a Kubernetes annotation key (Gateway API's `AnnotationKey`). */
const KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;

export const checkTlsOptions = perListener((listener): Finding[] => {
  const tls = listener.tls;
  if (!tls || tls.options === undefined) return [];
  const optionsPath = [...tls.path, 'options'];
  const who = listenerLabel(listener);
  const entries = Object.entries(tls.options);
  const findings: Finding[] = [];
  if (entries.length > MAX_OPTIONS) {
    findings.push({
      code: 'listener-tls-options-invalid',
      path: optionsPath,
      part: 'key',
      message:
        `${who} has ${entries.length} tls.options entries, but at most ${MAX_OPTIONS} are allowed: the API server ` +
        `rejects more (maxProperties ${MAX_OPTIONS}). Remove the ones your implementation does not need.`,
    });
  }
  for (const [key, value] of entries) {
    const problem = keyProblem(key);
    if (problem) findings.push({ code: 'listener-tls-options-invalid', path: [...optionsPath, key], part: 'key', message: `tls.options key "${key}" of ${who} ${problem}` });
    if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH) {
      findings.push({
        code: 'listener-tls-options-invalid',
        path: [...optionsPath, key],
        message:
          `the value of tls.options "${key}" of ${who} is ${value.length} characters long, but at most ` +
          `${MAX_VALUE_LENGTH} are allowed: the API server rejects longer values (maxLength ${MAX_VALUE_LENGTH}).`,
      });
    }
  }
  return findings;
});

function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  if (slash === -1) {
    return (
      'has no domain prefix: un-prefixed keys are reserved for Gateway API itself. Use the domain-prefixed key ' +
      `your implementation documents (for example example.com/${key}).`
    );
  }
  if (key.length <= 253 && isDnsSubdomain(key.slice(0, slash)) && KEY_NAME.test(key.slice(slash + 1))) return undefined;
  return (
    'is not a valid domain-prefixed key: write it as a lower-case DNS name, "/", and a name of up to 63 letters, ' +
    "digits, '-', '_' or '.' (for example example.com/my-option)."
  );
}
