// What a CA-bundle reference (a ConfigMap name in a namespace) resolves to: the one lookup BackendTLSPolicy CA refs
// and Gateway frontend CA refs share. trust-manager Bundles count as producers (they write a ConfigMap of their
// name into namespaces; its content cannot be checked here).
import { unreadableReason, type K8sObject } from '../model/object';
import { configMapValue, isCoreKind } from '../model/service';
import { nearNames } from '../util/nearNames';
import { analyzeCaBundle } from '../x509/caBundle';
import type { WorkspaceQueries } from './queries';

export const TRUST_MANAGER_GROUP = 'trust.cert-manager.io';

export type CaBundleResolution =
  | { readonly kind: 'missing'; readonly nearNames: readonly string[] }
  | { readonly kind: 'produced' }
  | { readonly kind: 'found'; readonly configMap: K8sObject; readonly hasCaCrt: boolean; readonly problems: readonly string[] };

/** Every ConfigMap of that name in that namespace (normally one), each with what is wrong with its `ca.crt`. */
export function resolveCaBundle(queries: WorkspaceQueries, namespace: string, name: string, now = new Date()): CaBundleResolution[] {
  const maps = queries.find('', 'ConfigMap', namespace, name).filter(({ object }) => isCoreKind(object, 'ConfigMap'));
  if (maps.length === 0) {
    if (queries.ofKind(TRUST_MANAGER_GROUP, 'Bundle').some((b) => b.object.name === name)) return [{ kind: 'produced' }];
    const candidates = queries.ofKind('', 'ConfigMap').filter((c) => c.namespace.namespace === namespace).map((c) => c.object.name ?? '');
    return [{ kind: 'missing', nearNames: nearNames(name, candidates) }];
  }
  return maps.map(({ object }) => {
    const pem = configMapValue(object, 'ca.crt');
    const unreadable = unreadableReason(object);
    const problems = unreadable ? [unreadable] : pem === undefined ? ['it has no ca.crt key'] : analyzeCaBundle(pem, now).problems;
    return { kind: 'found', configMap: object, hasCaCrt: pem !== undefined, problems };
  });
}
