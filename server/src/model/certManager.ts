// A typed view of a cert-manager `Certificate` (cert-manager.io/v1): the names it asks for (`dnsNames`, else
// `commonName`), the issuer it names (`issuerRef`, kind defaulting to Issuer, group to cert-manager.io) and its
// lifetime fields, each with the path it was read from. The gateway-shim annotations on a Gateway name an issuer too.
import type { NodePath } from '../parser/types';
import { isRecord, type K8sObject } from './object';

export const CERT_MANAGER_GROUP = 'cert-manager.io';

export interface IssuerRef {
  readonly name: string | undefined;
  /** Issuer (default) or ClusterIssuer; anything else as written. */
  readonly kind: string;
  /** cert-manager.io (default), or an external issuer's group. */
  readonly group: string;
  readonly path: NodePath;
}

export interface CertManagerCertificateView {
  readonly object: K8sObject;
  readonly secretName: string | undefined;
  readonly dnsNames: readonly string[];
  readonly commonName: string | undefined;
  /** The names the issued certificate covers for TLS clients: `dnsNames`, else `commonName`. */
  readonly names: readonly string[];
  /** Where those names are written. */
  readonly namesPath: NodePath | undefined;
  readonly namesFrom: 'dnsNames' | 'commonName' | undefined;
  readonly issuerRef: IssuerRef | undefined;
  readonly duration: string | undefined;
  readonly renewBefore: string | undefined;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function isCertManagerCertificate(object: K8sObject): boolean {
  return object.kind === 'Certificate' && object.group === CERT_MANAGER_GROUP;
}

export function certManagerCertificateView(object: K8sObject): CertManagerCertificateView | undefined {
  if (!isCertManagerCertificate(object)) return undefined;
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  const dnsNames = Array.isArray(spec.dnsNames) ? spec.dnsNames.filter((n): n is string => typeof n === 'string' && n !== '') : [];
  const commonName = str(spec.commonName);
  const issuer = isRecord(spec.issuerRef) ? spec.issuerRef : undefined;
  const namesFrom = dnsNames.length > 0 ? 'dnsNames' : commonName ? 'commonName' : undefined;
  return {
    object,
    secretName: str(spec.secretName),
    dnsNames,
    commonName,
    names: dnsNames.length > 0 ? dnsNames : commonName ? [commonName] : [],
    namesPath: namesFrom ? ['spec', namesFrom] : undefined,
    namesFrom,
    issuerRef: issuer ? { name: str(issuer.name), kind: str(issuer.kind) ?? 'Issuer', group: str(issuer.group) ?? CERT_MANAGER_GROUP, path: ['spec', 'issuerRef'] } : undefined,
    duration: str(spec.duration),
    renewBefore: str(spec.renewBefore),
  };
}

/** The issuer named by a Gateway's gateway-shim annotation (`cert-manager.io/issuer` or `cert-manager.io/cluster-issuer`). */
export function annotationIssuer(annotations: Readonly<Record<string, string>>): (IssuerRef & { readonly annotation: string }) | undefined {
  for (const [annotation, kind] of [['cert-manager.io/cluster-issuer', 'ClusterIssuer'], ['cert-manager.io/issuer', 'Issuer']] as const) {
    const value = annotations[annotation];
    if (value === undefined) continue;
    // An external issuer is named by `cert-manager.io/issuer-kind` and `cert-manager.io/issuer-group`.
    const group = annotations['cert-manager.io/issuer-group'] || CERT_MANAGER_GROUP;
    const issuerKind = annotation === 'cert-manager.io/issuer' ? annotations['cert-manager.io/issuer-kind'] || kind : kind;
    return { name: value || undefined, kind: issuerKind, group, annotation, path: ['metadata', 'annotations', annotation] };
  }
  return undefined;
}
