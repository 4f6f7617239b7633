// What names the certificate a listener presents covers: the one answer that certificate-hostname-mismatch (the
// listener's own hostname) and route-hostname-not-covered (the names routes make it serve) both read. A certificateRef
// resolves (workspace/references.ts) to a Secret manifest with a readable certificate (its leaf's DNS SANs, from
// x509/), else to the cert-manager Certificate that produces it (its dnsNames, else its commonName), else to the
// gateway-shim annotation of the Gateway (cert-manager issues for the hostnames of the listeners that share the
// Secret), else to nothing known.
import { certManagerCertificateView, type CertManagerCertificateView } from '../model/certManager';
import { gatewayView, servedCertificateRefs, type Listener } from '../model/gateway';
import type { K8sObject } from '../model/object';
import { secretView, tlsSecretProblems } from '../model/secret';
import type { NodePath } from '../parser/types';
import type { WorkspaceContext } from '../rules/types';
import type { CertificateInfo } from '../x509/certificate';
import { secretCertificates } from '../x509/tlsSecret';
import type { ServedListener } from './attachment';
import type { ProducerRecord } from './queries';
import { resolveSecretRef, type SecretRefResolution } from './references';

export type ServedCertificate =
  /** A Secret manifest whose tls.crt parses: the leaf's DNS SANs. */
  | { readonly kind: 'pem'; readonly names: readonly string[]; readonly secret: ProducerRecord; readonly leaf: CertificateInfo; readonly crtPath: NodePath }
  /** A cert-manager Certificate makes the Secret: the names it asks for. */
  | { readonly kind: 'cert-manager'; readonly names: readonly string[]; readonly certificate: K8sObject; readonly view: CertManagerCertificateView; readonly record: ProducerRecord }
  /** cert-manager's gateway-shim makes the Secret for the hostnames of the Gateway's listeners that refer to it. */
  | { readonly kind: 'gateway-shim'; readonly names: readonly string[]; readonly gateway: K8sObject; readonly record: ProducerRecord }
  | { readonly kind: 'unknown' };

/** The certificate one resolution of a certificateRef (one candidate namespace) stands for. */
export function certificateOfResolution(resolution: SecretRefResolution): ServedCertificate {
  if (!resolution.supported) return { kind: 'unknown' };
  for (const record of resolution.secrets) {
    const secret = record.object && secretView(record.object);
    if (!secret || tlsSecretProblems(secret).length > 0) continue;
    const certificates = secretCertificates(secret.object);
    const leaf = certificates?.analysis.chain[0];
    if (!certificates || !leaf || certificates.material.crt?.problem) continue;
    return { kind: 'pem', names: leaf.dnsNames, secret: record, leaf, crtPath: certificates.material.crt?.path ?? ['data'] };
  }
  for (const record of resolution.producers) {
    const view = record.producer === 'Certificate' && record.object ? certManagerCertificateView(record.object) : undefined;
    if (view) return { kind: 'cert-manager', names: view.names, certificate: record.object!, view, record };
  }
  for (const record of resolution.producers) {
    if (record.producer !== 'Gateway annotation' || !record.object) continue;
    return { kind: 'gateway-shim', names: shimNames(record.object, record.name), gateway: record.object, record };
  }
  return { kind: 'unknown' };
}

/** The certificate a listener presents: that of its first certificateRef that resolves to one. */
export function servedCertificate(served: ServedListener, context: WorkspaceContext): ServedCertificate {
  return listenerCertificate(served.listener, served.owner, served.ownerNamespace, context);
}

export function listenerCertificate(listener: Listener, owner: K8sObject, namespace: string, context: WorkspaceContext): ServedCertificate {
  const from = { group: owner.group, kind: owner.kind, namespaces: [{ namespace, via: undefined }] };
  for (const ref of servedCertificateRefs(listener)) {
    for (const resolution of resolveSecretRef(context.queries, context.settings.externalSecrets, from, ref)) {
      const certificate = certificateOfResolution(resolution);
      if (certificate.kind !== 'unknown') return certificate;
    }
  }
  return { kind: 'unknown' };
}

/** The dnsNames gateway-shim writes for a Secret: the hostnames of the Gateway's eligible listeners that name it. */
function shimNames(gateway: K8sObject, secretName: string): string[] {
  const names = new Set<string>();
  for (const l of gatewayView(gateway)?.listeners ?? []) {
    if ((l.protocol !== 'HTTPS' && l.protocol !== 'TLS') || !l.hostname || l.tls?.mode !== 'Terminate') continue;
    if (l.tls.certificateRefs.some((r) => r.name === secretName && r.namespace === undefined && r.kind === 'Secret' && (r.group === '' || r.group === 'core'))) names.add(l.hostname);
  }
  return [...names];
}
