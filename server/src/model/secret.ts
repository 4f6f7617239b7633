// A typed view of a core Secret: its type and which keys it carries, and whether SOPS encrypted its values
// (then only the structure can be checked).
import { isRecord, type K8sObject } from './object';

export const TLS_SECRET_TYPE = 'kubernetes.io/tls';

export interface SecretView {
  readonly object: K8sObject;
  /** As written; Kubernetes defaults an absent type to Opaque. */
  readonly type: string;
  /** Keys of `data` and `stringData` together (the API server merges them). */
  readonly keys: ReadonlySet<string>;
  readonly sopsEncrypted: boolean;
}

export function isCoreSecret(object: K8sObject): boolean {
  return object.kind === 'Secret' && object.group === '' && object.version === 'v1';
}

export function secretView(object: K8sObject): SecretView | undefined {
  if (!isCoreSecret(object)) return undefined;
  const v = object.value;
  const keys = new Set<string>();
  for (const field of ['data', 'stringData'] as const) {
    const map = v[field];
    if (isRecord(map)) for (const key of Object.keys(map)) keys.add(key);
  }
  return {
    object,
    type: typeof v.type === 'string' && v.type !== '' ? v.type : 'Opaque',
    keys,
    sopsEncrypted: isRecord(v.sops),
  };
}

/** What is wrong with a Secret as a TLS certificate, or an empty list. */
export function tlsSecretProblems(secret: SecretView): string[] {
  const problems: string[] = [];
  if (secret.type !== TLS_SECRET_TYPE) problems.push(`its type is ${secret.type}, not ${TLS_SECRET_TYPE}`);
  const missing = ['tls.crt', 'tls.key'].filter((k) => !secret.keys.has(k));
  if (missing.length > 0) problems.push(`it has no ${missing.join(' and no ')}`);
  return problems;
}
