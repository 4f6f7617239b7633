// "Set gatewayTls.implementation to …": actions that carry the client command `gatewayTls.setImplementation`
// (client/src/extension.ts writes the workspace setting) instead of an edit. Two places offer them:
// - a `feature-unsupported` diagnostic: turn implementation checks off (`none`), for a report the user knows to be
//   out of date or a feature enabled some other way (the id the rule used is in its data, never read from the message);
// - the cursor on the `gatewayClassName` of a Gateway whose implementation is unknown: the implementations the
//   workspace points at — a well-known class name or a known controllerName close to what is written, a mistyped
//   setting's nearest ids, and the implementation the workspace's other Gateways already run on. Nothing else is
//   guessed: with no such hint there is no action (the hover says how to set it).
import { controllerNameOf } from '../../model/gatewayClass';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { GATEWAY_GROUP, isGateway } from '../../model/gateway';
import { IMPLEMENTATIONS, profileByClassName, profileByController, profileById, type ImplementationProfile } from '../../model/implementations';
import { isRecord } from '../../model/object';
import { nearNames } from '../../util/nearNames';
import { servingGateway } from '../../workspace/implementation';
import type { IndexedFile } from '../../workspace/index';
import type { ServiceContext } from '../context';
import { cursorAt, samePath } from '../cursor';
import { GATEWAY_CLASS_NAME } from '../hover/implementation';

export const SET_IMPLEMENTATION_COMMAND = 'gatewayTls.setImplementation';

/** At most this many implementations are offered for one unknown Gateway. */
const MAX_OFFERED = 4;

function setImplementation(id: string, title: string, diagnostic?: Diagnostic): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    command: { title, command: SET_IMPLEMENTATION_COMMAND, arguments: [id] },
  };
}

/** On `feature-unsupported`: turn the implementation checks off. */
export function featureUnsupportedFixes(_file: IndexedFile, diagnostic: Diagnostic, context: ServiceContext): CodeAction[] {
  if (context.settings.implementation === 'none') return [];
  return [setImplementation('none', 'Set gatewayTls.implementation to none (turn implementation checks off)', diagnostic)];
}

/** With the cursor (the range's start) on the gatewayClassName of a Gateway whose implementation is unknown. */
export function unknownImplementationActions(file: IndexedFile, range: Range, context: ServiceContext): CodeAction[] {
  const at = cursorAt(file, range.start);
  const object = at?.object;
  if (!at?.hit || !object || !isGateway(object) || !samePath(at.hit.path, GATEWAY_CLASS_NAME)) return [];
  const workspace = context.workspace();
  if (servingGateway(object, workspace).kind !== 'unknown') return [];
  const offered = new Map<string, ImplementationProfile>();
  const offer = (profile: ImplementationProfile | undefined) => {
    if (profile && offered.size < MAX_OFFERED) offered.set(profile.id, profile);
  };

  // A setting naming an id no report has: its nearest ids first (the likeliest intent).
  const setting = context.settings.implementation;
  if (setting !== 'auto' && setting !== 'none') {
    for (const id of nearNames(setting, IMPLEMENTATIONS.map((p) => p.id))) offer(profileById(id));
  }
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  const className = typeof spec.gatewayClassName === 'string' ? spec.gatewayClassName : '';
  if (className) {
    // A GatewayClass of that name whose controllerName is a near miss of a known one.
    for (const { object: gatewayClass } of workspace.queries.ofKind(GATEWAY_GROUP, 'GatewayClass')) {
      if (gatewayClass.name !== className) continue;
      const controller = controllerNameOf(gatewayClass);
      if (controller) for (const near of nearNames(controller, IMPLEMENTATIONS.flatMap((p) => p.controllerNames))) offer(profileByController(near));
    }
    // A class name close to a well-known one (`istio-gw`, `nginx-internal`, `envoy-eg`).
    for (const near of nearNames(className, IMPLEMENTATIONS.flatMap((p) => p.classNames))) offer(profileByClassName(near));
  }
  // The implementation the workspace's other Gateways run on.
  const others = new Map<string, ImplementationProfile>();
  for (const { object: gateway } of workspace.queries.ofKind(GATEWAY_GROUP, 'Gateway')) {
    if (gateway === object) continue;
    const serving = servingGateway(gateway, workspace);
    if (serving.kind === 'known') others.set(serving.profile.id, serving.profile);
  }
  [...others.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).forEach(offer);

  return [...offered.values()].map((profile) => setImplementation(profile.id, `Set gatewayTls.implementation to ${profile.name}`));
}
