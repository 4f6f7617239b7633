// Gateway-level TLS (`spec.tls`): the client certificate the Gateway presents to backends and the CA bundles it
// validates client certificates with. References go through the one resolver; CA bundles through x509/caBundle.
import { GATEWAY_GROUP, gatewayView, type GatewayView } from '../model/gateway';
import { gatewayTls, type CaCertificateRef, type FrontendValidation } from '../model/gatewayTls';
import { isRecord, type K8sObject } from '../model/object';
import { secretView, tlsSecretProblems } from '../model/secret';
import { nearNames } from '../util/nearNames';
import { resolveCaBundle } from '../workspace/caBundles';
import { servingGateway } from '../workspace/implementation';
import { checkPermission, resolveSecretRef, type ReferenceSpec } from '../workspace/references';
import type { Code } from './catalog';
import { classifyCaRef } from './caRefKinds';
import { isOwnApiGroup } from './implementationFeatures';
import { renamedReference } from './kustomizeRenames';
import { rulesPerCode } from './memo';
import type { Finding, RuleFamily, WorkspaceContext } from './types';

/** Client certificate: the same checks as a listener certificateRef, one code (plus ref-not-permitted). */
function clientCertificateFindings(view: GatewayView, object: K8sObject, context: WorkspaceContext): Finding[] {
  const ref = gatewayTls(view)?.clientCertificateRef;
  if (!ref?.name) return [];
  const from = { group: GATEWAY_GROUP, kind: 'Gateway', namespaces: context.namespacesOf(object) };
  const consequence = 'The Gateway gets ResolvedRefs=False, reason InvalidClientCertificateRef, and backends that require client certificates refuse it.';
  for (const r of resolveSecretRef(context.queries, context.settings.externalSecrets, from, ref)) {
    const { namespace, name } = r.spec.to;
    if (!r.supported) {
      return [{ code: 'backend-client-certificate-invalid', path: [...ref.path, ref.group !== '' ? 'group' : 'kind'], message: `clientCertificateRef must name a core Secret (group "", kind Secret), not ${ref.group ? `${ref.group}/` : ''}${ref.kind}. ${consequence}` }];
    }
    if (r.permission.kind === 'not-permitted') {
      return [{
        code: 'ref-not-permitted',
        path: [...ref.path, 'namespace'],
        message: `The Gateway's client certificate is Secret ${namespace}/${name}, but no ReferenceGrant in namespace ${namespace} lets Gateways from namespace ${r.from.namespace} reach it. The Gateway gets ResolvedRefs=False, reason RefNotPermitted. Add a ReferenceGrant in ${namespace} (quick fix available).`,
        data: { fromNamespace: r.from.namespace, toNamespace: namespace, secretName: name },
      }];
    }
    if (r.producers.length === 0 && !r.external) {
      const renamed = renamedReference(object, context, { kind: 'Secret', namespace, name, path: ref.path, field: 'clientCertificateRef' });
      if (renamed) return [renamed];
      const near = nearNames(name, context.queries.producedIn(namespace).map((p) => p.name));
      // Only absent from the workspace: it may be created elsewhere (as for certificate-secret-not-found), so a warning.
      return [{
        code: 'backend-client-certificate-invalid',
        severity: 'warning',
        path: [...ref.path, 'name'],
        message:
          `clientCertificateRef names Secret ${namespace}/${name}, which is not in the workspace; it may be created elsewhere, but nothing here produces it ` +
          `(Secret, SealedSecret, ExternalSecret, cert-manager Certificate, kustomize secretGenerator).${near.length ? ` Did you mean ${near.join(' or ')}?` : ''} ` +
          `If it is created elsewhere, list it in gatewayTls.secrets.externallyManaged. Otherwise the Gateway gets ResolvedRefs=False, reason InvalidClientCertificateRef.`,
        data: { suggestions: near },
      }];
    }
    for (const record of r.secrets) {
      const secret = record.object && secretView(record.object);
      const problems = secret ? tlsSecretProblems(secret) : [];
      if (problems.length > 0) {
        return [{ code: 'backend-client-certificate-invalid', path: [...ref.path, 'name'], message: `clientCertificateRef names Secret ${namespace}/${name}, but ${problems.join(' and ')}. ${consequence}`, related: [{ object: record.object!, path: ['metadata', 'name'], message: `Secret ${namespace}/${name}` }] }];
      }
    }
  }
  return [];
}

/** One frontend CA ref, in each of the Gateway's candidate namespaces. */
function caRefFindings(scope: FrontendValidation, ref: CaCertificateRef, object: K8sObject, context: WorkspaceContext): Finding[] {
  const where = scope.scope === 'default' ? 'frontend.default' : `frontend.perPort (port ${scope.scope})`;
  const fallback = 'If every CA ref of the scope is invalid, its HTTPS listeners get Accepted=False, reason NoValidCACertificate.';
  const findings: Finding[] = [];
  const verdict = classifyCaRef(ref.group, ref.kind);
  if (verdict.kind === 'silent') return [];
  if (verdict.kind === 'problem') {
    // A kind of the serving implementation's own API group is its documented extension, not a portability problem there.
    if (isOwnApiGroup(ref.group, () => [servingGateway(object, context)])) return [];
    const outcome = verdict.severity === 'error' ? `Listeners get ResolvedRefs=False, reason InvalidCACertificateKind. ${fallback}` : 'Controllers that do not support it set ResolvedRefs=False, reason InvalidCACertificateKind, on the listeners.';
    findings.push({
      code: 'frontend-ca-ref-unsupported',
      path: [...ref.path, verdict.field],
      ...(verdict.severity !== 'error' ? { severity: verdict.severity } : {}),
      message: `The ${where} CA ref ${ref.name ?? ''} is ${verdict.reason}. ${outcome}`,
    });
    if (!verdict.resolve) return findings;
  }
  return [...findings, ...caBundleFindings(where, fallback, ref, object, context)];
}

/** A frontend CA ConfigMap: permitted across namespaces, present, and holding a valid bundle. */
function caBundleFindings(where: string, fallback: string, ref: CaCertificateRef, object: K8sObject, context: WorkspaceContext): Finding[] {
  if (!ref.name) return [];
  for (const candidate of context.namespacesOf(object)) {
    const namespace = ref.namespace ?? candidate.namespace;
    const spec: ReferenceSpec = { from: { group: GATEWAY_GROUP, kind: 'Gateway', namespace: candidate.namespace }, to: { group: '', kind: 'ConfigMap', name: ref.name, namespace } };
    if (checkPermission(context.queries, spec).kind === 'not-permitted') {
      return [{ code: 'ref-not-permitted', path: [...ref.path, 'namespace'], message: `The ${where} CA bundle is ConfigMap ${namespace}/${ref.name}, but no ReferenceGrant in namespace ${namespace} lets Gateways from namespace ${candidate.namespace} reach ConfigMaps there. Listeners get ResolvedRefs=False, reason RefNotPermitted. Add a ReferenceGrant in ${namespace} (from Gateway in ${candidate.namespace}, to ConfigMap).` }];
    }
    for (const resolution of resolveCaBundle(context.queries, namespace, ref.name)) {
      if (resolution.kind === 'missing') {
        const renamed = renamedReference(object, context, { kind: 'ConfigMap', namespace, name: ref.name, path: ref.path, field: 'CA certificate ref' });
        if (renamed) return [renamed];
        const near = resolution.nearNames;
        return [{ code: 'frontend-ca-not-found', path: [...ref.path, 'name'], message: `The ${where} CA bundle ConfigMap ${namespace}/${ref.name} is not in the workspace.${near.length ? ` Did you mean ${near.join(' or ')}?` : ''} Listeners get ResolvedRefs=False, reason InvalidCACertificateRef. ${fallback}`, data: { suggestions: near } }];
      }
      if (resolution.kind === 'found' && resolution.problems.length > 0) {
        return [{ code: 'frontend-ca-invalid', path: [...ref.path, 'name'], message: `The ${where} CA bundle ConfigMap ${namespace}/${ref.name}: ${resolution.problems.join('; ')}. Listeners get ResolvedRefs=False, reason InvalidCACertificateRef. ${fallback}`, related: [{ object: resolution.configMap, path: ['metadata', 'name'], message: `ConfigMap ${namespace}/${ref.name}` }] }];
      }
    }
  }
  return [];
}

/** A perPort entry applies to HTTPS (and TLS) listeners on its port; without one it is dead configuration. */
function perPortFindings(view: GatewayView, scope: FrontendValidation): Finding[] {
  if (scope.scope === 'default') return [];
  const port = scope.scope;
  if (view.listeners.some((l) => l.port === port && (l.protocol === 'HTTPS' || l.protocol === 'TLS'))) return [];
  const ports = [...new Set(view.listeners.filter((l) => l.protocol === 'HTTPS' || l.protocol === 'TLS').map((l) => l.port))].join(', ');
  return [{ code: 'frontend-per-port-unknown', path: [...scope.path, 'port'], message: `No HTTPS or TLS listener of this Gateway uses port ${port}, so this perPort client-certificate validation applies to nothing${ports ? ` (HTTPS/TLS ports: ${ports})` : ''}. Fix the port, or remove the entry.` }];
}

function allFindings(view: GatewayView, object: K8sObject, context: WorkspaceContext): Finding[] {
  const tls = gatewayTls(view);
  if (!tls) return [];
  return [
    ...clientCertificateFindings(view, object, context),
    ...tls.frontend.flatMap((scope) => [...perPortFindings(view, scope), ...scope.caRefs.flatMap((ref) => caRefFindings(scope, ref, object, context))]),
  ];
}

const CODES: readonly Code[] = ['backend-client-certificate-invalid', 'frontend-ca-ref-unsupported', 'frontend-ca-not-found', 'frontend-ca-invalid', 'frontend-per-port-unknown', 'ref-not-permitted', 'kustomize-ref-not-renamed'];

export const gatewayTlsFamily: RuleFamily<GatewayView> = {
  name: 'Gateway spec.tls',
  view: (object) => {
    const view = gatewayView(object);
    return view && isRecord(view.object.value.spec) && isRecord(view.object.value.spec.tls) ? view : undefined;
  },
  workspaceRules: rulesPerCode(CODES, allFindings),
};
