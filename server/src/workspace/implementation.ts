// Which implementation serves an object, from the workspace: a Gateway's is its GatewayClass's controllerName
// (a GatewayClass in the workspace, else a well-known class name), or the user's setting; a ListenerSet's is its
// parent Gateway's; a BackendTLSPolicy's are those of the Gateways whose routes reach its target (when nothing says,
// and the workspace has one implementation, that one). Lookups go through the queries, so cached findings that
// depend on an implementation are re-checked when a GatewayClass or route changes.
import { controllerNameOf } from '../model/gatewayClass';
import { GATEWAY_GROUP, gatewayView } from '../model/gateway';
import { profileByClassName, profileByController, profileById, type ImplementationProfile } from '../model/implementations';
import { isRecord, type K8sObject } from '../model/object';
import { routeView } from '../model/route';
import type { WorkspaceContext } from '../rules/types';

/** How the serving implementation was found, for hovers and messages. */
export type Serving =
  | { readonly kind: 'known'; readonly profile: ImplementationProfile; readonly how: string }
  /** Nothing names a known implementation: no implementation finding is made (no guesses). */
  | { readonly kind: 'unknown'; readonly why: string }
  /** `gatewayTls.implementation: none`. */
  | { readonly kind: 'none' };

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute'] as const;

/** The implementation that serves a Gateway. */
export function servingGateway(gateway: K8sObject, context: WorkspaceContext): Serving {
  const forced = fromSetting(context);
  if (forced) return forced;
  const spec = isRecord(gateway.value.spec) ? gateway.value.spec : {};
  const className = typeof spec.gatewayClassName === 'string' ? spec.gatewayClassName : undefined;
  if (!className) return { kind: 'unknown', why: 'the Gateway names no gatewayClassName' };
  const classes = context.queries.ofKind(GATEWAY_GROUP, 'GatewayClass').filter((c) => c.object.name === className);
  for (const { object } of classes) {
    const controller = controllerNameOf(object);
    const profile = controller ? profileByController(controller) : undefined;
    if (profile) return { kind: 'known', profile, how: `GatewayClass ${className} has controllerName ${controller}` };
    if (controller) return { kind: 'unknown', why: `GatewayClass ${className} has controllerName ${controller}, which no conformance report names` };
  }
  const byName = classes.length === 0 ? profileByClassName(className) : undefined;
  if (byName) return { kind: 'known', profile: byName, how: `gatewayClassName ${className} is the class ${byName.name} installs` };
  return { kind: 'unknown', why: classes.length === 0 ? `GatewayClass ${className} is not in the workspace and is not a well-known class name` : `GatewayClass ${className} names no controller` };
}

/** The implementations serving a BackendTLSPolicy: through the routes that send traffic to its target Services. */
export function servingPolicy(targets: readonly { readonly kind: string; readonly group: string; readonly name: string; readonly namespace: string }[], context: WorkspaceContext): Serving[] {
  const forced = fromSetting(context);
  if (forced) return [forced];
  const found = new Map<string, Serving>();
  for (const kind of ROUTE_KINDS) {
    for (const placed of [...context.queries.ofKind(GATEWAY_GROUP, kind), ...context.queries.ofKind('gateway.networking.x-k8s.io', kind)]) {
      const route = routeView(placed.object);
      if (!route) continue;
      const routeNamespace = placed.namespace.namespace;
      const reaches = route.backendRefs.some((b) => targets.some((t) => b.name === t.name && b.kind === t.kind && b.group === t.group && (b.namespace ?? routeNamespace) === t.namespace));
      if (!reaches) continue;
      for (const parent of route.parentRefs) {
        if (parent.kind !== 'Gateway' || parent.group !== GATEWAY_GROUP || !parent.name) continue;
        for (const gateway of context.queries.find(GATEWAY_GROUP, 'Gateway', parent.namespace ?? routeNamespace, parent.name)) {
          const serving = servingGateway(gateway.object, context);
          if (serving.kind === 'known') found.set(serving.profile.id, { ...serving, how: `${serving.how}, and ${route.object.kind} ${route.object.name ?? '?'} sends to the policy's target through Gateway ${gateway.object.name ?? '?'}` });
        }
      }
    }
  }
  if (found.size > 0) return [...found.values()];
  const only = onlyImplementation(context);
  return only ? [{ ...only, how: `${only.how}; it serves every Gateway of the workspace, and no route says which Gateway reaches this policy's target` }] : [{ kind: 'unknown', why: 'no route sends traffic from a Gateway of a known implementation to its target' }];
}

/**
 * The one implementation every Gateway of the workspace is served by, if there is exactly one. Remembered per
 * revision of the tables (every policy asks); the lookups are repeated on a hit so that the caller's cached
 * findings still record what they depend on.
 */
function onlyImplementation(context: WorkspaceContext): Extract<Serving, { kind: 'known' }> | undefined {
  const gateways = context.queries.ofKind(GATEWAY_GROUP, 'Gateway');
  context.queries.ofKind(GATEWAY_GROUP, 'GatewayClass');
  const memo = onlyMemo.get(context.queries);
  if (memo && memo.revision === context.queries.topics.revision && memo.settings === context.settings) return memo.value;
  const value = computeOnly(gateways, context);
  onlyMemo.set(context.queries, { revision: context.queries.topics.revision, settings: context.settings, value });
  return value;
}

const onlyMemo = new WeakMap<object, { revision: number; settings: object; value: Extract<Serving, { kind: 'known' }> | undefined }>();

function computeOnly(gateways: ReturnType<WorkspaceContext['queries']['ofKind']>, context: WorkspaceContext): Extract<Serving, { kind: 'known' }> | undefined {
  const profiles = new Map<string, Extract<Serving, { kind: 'known' }>>();
  for (const placed of gateways) {
    if (!gatewayView(placed.object)) continue;
    const serving = servingGateway(placed.object, context);
    if (serving.kind !== 'known') return undefined;
    profiles.set(serving.profile.id, serving);
  }
  return profiles.size === 1 ? [...profiles.values()][0] : undefined;
}

function fromSetting(context: WorkspaceContext): Serving | undefined {
  const setting = context.settings.implementation;
  if (setting === 'auto') return undefined;
  if (setting === 'none') return { kind: 'none' };
  const profile = profileById(setting);
  return profile ? { kind: 'known', profile, how: `gatewayTls.implementation is ${setting}` } : { kind: 'unknown', why: `gatewayTls.implementation names ${setting}, which no conformance report names` };
}
