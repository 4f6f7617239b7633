// cert-manager issuers: a Certificate's `issuerRef` (kind default Issuer, in the Certificate's namespace; a
// ClusterIssuer cluster-wide) or a Gateway's gateway-shim annotation names an Issuer or ClusterIssuer that the
// workspace does not hold. Issuers are often installed apart from the application's manifests (a platform chart),
// so this is a hint (`certificate-issuer-not-found`), not a warning. External issuers (another group) are not ours.
import { annotationIssuer, CERT_MANAGER_GROUP, certManagerCertificateView, type CertManagerCertificateView, type IssuerRef } from '../model/certManager';
import { gatewayView, type GatewayView } from '../model/gateway';
import type { K8sObject } from '../model/object';
import type { Finding, RuleFamily, WorkspaceContext } from './types';

/** The namespaces (of the referring object's candidates) where a namespaced Issuer is missing; [] when found. */
export function missingIn(issuer: IssuerRef & { name: string }, object: K8sObject, context: WorkspaceContext): string[] | undefined {
  if (issuer.group !== CERT_MANAGER_GROUP) return undefined;
  if (issuer.kind === 'ClusterIssuer') return context.queries.ofKind(CERT_MANAGER_GROUP, 'ClusterIssuer').some((c) => c.object.name === issuer.name) ? [] : [''];
  if (issuer.kind !== 'Issuer') return undefined;
  return [...new Set(context.namespacesOf(object).map((c) => c.namespace))].filter((ns) => context.queries.find(CERT_MANAGER_GROUP, 'Issuer', ns, issuer.name).length === 0);
}

function issuerFinding(issuer: IssuerRef & { name: string }, missing: readonly string[], what: string, path: Finding['path']): Finding {
  const where = issuer.kind === 'ClusterIssuer' ? '' : ` in namespace ${missing.join(' or ')}`;
  return {
    code: 'certificate-issuer-not-found',
    path,
    message:
      `${issuer.kind} "${issuer.name}"${where} is not in the workspace: cert-manager issues ${what} only once it exists (until then the Certificate is Ready=False and the Secret is not written). ` +
      `Nothing to do if it is installed separately${issuer.kind === 'Issuer' ? `; if it is a ClusterIssuer, say \`kind: ClusterIssuer\`` : ''}.`,
  };
}

function certificateIssuer(view: CertManagerCertificateView, object: K8sObject, context: WorkspaceContext): Finding[] {
  const issuer = view.issuerRef;
  if (!issuer?.name) return [];
  const named = { ...issuer, name: issuer.name };
  const missing = missingIn(named, object, context);
  if (!missing || missing.length === 0) return [];
  return [issuerFinding(named, missing, `this Certificate${view.secretName ? ` (Secret ${view.secretName})` : ''}`, [...issuer.path, 'name'])];
}

function gatewayIssuer(view: GatewayView, object: K8sObject, context: WorkspaceContext): Finding[] {
  const issuer = annotationIssuer(view.annotations);
  if (!issuer?.name) return [];
  const named = { ...issuer, name: issuer.name };
  const missing = missingIn(named, object, context);
  if (!missing || missing.length === 0) return [];
  return [issuerFinding(named, missing, `the listeners' certificates (annotation ${issuer.annotation})`, issuer.path)];
}

export const certManagerFamilies: readonly RuleFamily<any>[] = [
  { name: 'cert-manager issuers (Certificates)', view: certManagerCertificateView, workspaceRules: [{ code: 'certificate-issuer-not-found', check: certificateIssuer }] } satisfies RuleFamily<CertManagerCertificateView>,
  { name: 'cert-manager issuers (Gateway annotation)', view: gatewayView, workspaceRules: [{ code: 'certificate-issuer-not-found', check: gatewayIssuer }] } satisfies RuleFamily<GatewayView>,
];
