// BackendTLSPolicy rules that look across the workspace: the target Service and its port names, the CA
// ConfigMaps and their certificates, and conflicts between policies.
import { unreadableReason } from '../../model/object';
import { servicePortNames } from '../../model/service';
import { renamedReference } from '../kustomizeRenames';
import type { BackendTlsPolicyView } from '../../model/backendTlsPolicy';
import { nearNames } from '../../util/nearNames';
import { resolveCaBundle } from '../../workspace/caBundles';
import { policyTargets, targetKey } from '../../workspace/policyTargets';
import { classifyCaRef } from '../caRefKinds';
import { rulesPerCode } from '../memo';
import type { Finding, WorkspaceContext, WorkspaceRule } from '../types';

function namespacesOf(view: BackendTlsPolicyView, context: WorkspaceContext): string[] {
  return context.namespacesOf(view.object).map((c) => c.namespace);
}

const targetNotFound: WorkspaceRule<BackendTlsPolicyView> = {
  code: 'backend-tls-target-not-found',
  check: (view, _object, context) =>
    view.targets.flatMap((target): Finding[] => {
      if (target.name === undefined || target.group !== '' || target.kind !== 'Service') return [];
      for (const policyNs of namespacesOf(view, context)) {
        const namespace = target.namespace ?? policyNs;
        const services = context.queries.find('', 'Service', namespace, target.name);
        if (services.length === 0) {
          const near = nearNames(target.name, context.queries.ofKind('', 'Service').filter((s) => s.namespace.namespace === namespace).map((s) => s.object.name ?? ''));
          return [{
            code: 'backend-tls-target-not-found',
            path: [...target.path, 'name'],
            message: `Service ${namespace}/${target.name} is not in the workspace.${near.length ? ` Did you mean ${near.join(' or ')}?` : ''} Controllers set Accepted=False, reason TargetNotFound, and connect to the backend without this TLS policy.`,
            data: { suggestions: near },
          }];
        }
        if (target.sectionName !== undefined) {
          const ports = services.flatMap((s) => servicePortNames(s.object));
          if (!ports.includes(target.sectionName)) {
            const near = nearNames(target.sectionName, ports);
            return [{
              code: 'backend-tls-target-not-found',
              path: [...target.path, 'sectionName'],
              message: `Service ${namespace}/${target.name} has no port named "${target.sectionName}" (${ports.length ? `its named ports: ${ports.join(', ')}` : services.map((s) => unreadableReason(s.object)).find(Boolean) ?? 'its ports have no names'}).${near.length ? ` Did you mean ${near[0]}?` : ''} sectionName selects a Service port by name; controllers set Accepted=False, reason TargetNotFound.`,
              data: { suggestions: near },
            }];
          }
        }
      }
      return [];
    }),
};

/** CA refs: the ConfigMap exists (or trust-manager makes it) and holds a valid, unexpired CA bundle. */
function caFindings(view: BackendTlsPolicyView, context: WorkspaceContext): Finding[] {
  const findings: Finding[] = [];
  for (const ref of view.caRefs) {
    if (ref.name === undefined || ref.namespace !== undefined) continue;
    const verdict = classifyCaRef(ref.group, ref.kind);
    // A ConfigMap, also under `group: core` (a portability warning of its own): its content still matters.
    if (verdict.kind !== 'configMap' && !(verdict.kind === 'problem' && verdict.resolve)) continue;
    for (const namespace of namespacesOf(view, context)) {
      for (const resolution of resolveCaBundle(context.queries, namespace, ref.name)) {
        if (resolution.kind === 'missing') {
          const renamed = renamedReference(view.object, context, { kind: 'ConfigMap', namespace, name: ref.name, path: ref.path, field: 'CA certificate ref' });
          if (renamed) {
            findings.push(renamed);
            continue;
          }
          const near = resolution.nearNames;
          findings.push({
            code: 'backend-tls-ca-not-found',
            path: [...ref.path, 'name'],
            message: `ConfigMap ${namespace}/${ref.name} is not in the workspace (CA refs must be in the policy's own namespace).${near.length ? ` Did you mean ${near.join(' or ')}?` : ''} Controllers set ResolvedRefs=False, reason InvalidCACertificateRef, and requests to the backend fail.`,
            data: { suggestions: near },
          });
        } else if (resolution.kind === 'found' && resolution.problems.length > 0) {
          findings.push({
            code: 'backend-tls-ca-invalid',
            path: [...ref.path, 'name'],
            message: `CA ConfigMap ${namespace}/${ref.name}: ${resolution.problems.join('; ')}. Controllers set Accepted=False, reason NoValidCACertificate, and requests to the backend fail with a 5xx.`,
            related: [{ object: resolution.configMap, path: resolution.hasCaCrt ? ['data', 'ca.crt'] : ['metadata', 'name'], part: 'key', message: `ConfigMap ${namespace}/${ref.name}` }],
          });
        }
      }
    }
  }
  return findings;
}

const caRules = rulesPerCode<BackendTlsPolicyView>(['backend-tls-ca-not-found', 'backend-tls-ca-invalid', 'kustomize-ref-not-renamed'], (view, _object, context) => caFindings(view, context));

const policyConflict: WorkspaceRule<BackendTlsPolicyView> = {
  code: 'backend-tls-policy-conflict',
  check: (view, object, context) => {
    const index = policyTargets(context.queries);
    return view.targets.flatMap((target): Finding[] => {
      if (target.name === undefined) return [];
      for (const policyNs of namespacesOf(view, context)) {
        const key = targetKey(target.namespace ?? policyNs, target.group ?? '', target.kind ?? '', target.name, target.sectionName);
        const list = index.byTarget.get(key) ?? [];
        const winner = list[0];
        // An object never conflicts with its own identity: two definitions of one policy (alternative examples,
        // overlays) are one policy to the API server.
        if (!winner || winner.view.object === object || (winner.namespace === policyNs && winner.view.object.name === object.name)) continue;
        const section = target.sectionName ? ` port ${target.sectionName}` : '';
        const why = winner.view.creationTimestamp && winner.view.creationTimestamp !== view.creationTimestamp ? 'it is older (creationTimestamp)' : 'it comes first in namespace/name order';
        return [{
          code: 'backend-tls-policy-conflict',
          path: [...target.path, 'name'],
          message: `BackendTLSPolicy ${winner.namespace}/${winner.view.object.name ?? '?'} also targets ${target.kind ?? 'Service'} ${target.name}${section} and wins because ${why}: this policy gets Accepted=False, reason Conflicted, and is ignored. Merge the two policies, or target different ports with sectionName.`,
          related: [{ object: winner.view.object, path: [...winner.target.path, 'name'], message: `winning policy ${winner.view.object.name ?? ''}` }],
        }];
      }
      return [];
    });
  },
};

export const WORKSPACE_POLICY_RULES: readonly WorkspaceRule<BackendTlsPolicyView>[] = [targetNotFound, ...caRules, policyConflict];
