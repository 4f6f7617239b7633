// A core Service's port names (what a BackendTLSPolicy `sectionName` selects) and a ConfigMap's keys.
import { isRecord, type K8sObject } from './object';

export function isCoreKind(object: K8sObject, kind: string): boolean {
  return object.kind === kind && object.group === '' && object.version === 'v1';
}

export function servicePortNames(object: K8sObject): string[] {
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  return ports.flatMap((p) => (isRecord(p) && typeof p.name === 'string' && p.name !== '' ? [p.name] : []));
}

/** A ConfigMap's value under `key` from `data` (text), or undefined. `binaryData` is not PEM text. */
export function configMapValue(object: K8sObject, key: string): string | undefined {
  const data = isRecord(object.value.data) ? object.value.data : {};
  return typeof data[key] === 'string' ? (data[key] as string) : undefined;
}
