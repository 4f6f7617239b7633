// Values for a Gateway's `gatewayClassName`: the GatewayClasses of the workspace, each with the implementation its
// controllerName names (or the controller itself when no conformance report names it), then the well-known class
// names the implementation profiles list (`eg`, `istio`, …) that no GatewayClass of the workspace already takes.
import { controllerNameOf } from '../../model/gatewayClass';
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { GATEWAY_GROUP } from '../../model/gateway';
import { IMPLEMENTATIONS, profileByController } from '../../model/implementations';
import type { ServiceContext } from '../context';
import { samePath } from '../cursor';
import { GATEWAY_CLASS_NAME, profileLabel } from '../hover/implementation';
import type { ValueContext } from './context';

/** Items for `spec.gatewayClassName`, or undefined when the cursor is elsewhere. */
export function gatewayClassNameItems(ctx: ValueContext, context: ServiceContext): CompletionItem[] | undefined {
  if (!samePath(ctx.path, GATEWAY_CLASS_NAME)) return undefined;
  const items: CompletionItem[] = [];
  const inWorkspace = new Set<string>();
  for (const { object } of context.workspace().queries.ofKind(GATEWAY_GROUP, 'GatewayClass')) {
    const name = object.name;
    if (!name || inWorkspace.has(name)) continue;
    inWorkspace.add(name);
    const controller = controllerNameOf(object);
    const profile = controller ? profileByController(controller) : undefined;
    const detail = profile ? profileLabel(profile) : controller ? `controller ${controller}` : 'GatewayClass without a controllerName';
    items.push({
      label: name,
      kind: CompletionItemKind.Class,
      detail,
      sortText: `0${name}`,
      textEdit: { range: ctx.replace, newText: name },
      ...(profile ? { documentation: { kind: MarkupKind.Markdown, value: `GatewayClass \`${name}\` in the workspace, served by ${profile.name} (\`${controller}\`).` } } : {}),
    });
  }
  for (const profile of IMPLEMENTATIONS) {
    for (const name of profile.classNames) {
      if (inWorkspace.has(name)) continue;
      items.push({
        label: name,
        kind: CompletionItemKind.Value,
        detail: `${profile.name} (well-known class)`,
        sortText: `1${name}`,
        textEdit: { range: ctx.replace, newText: name },
        documentation: {
          kind: MarkupKind.Markdown,
          value: `The GatewayClass name ${profile.name}'s install creates (no GatewayClass \`${name}\` is in the workspace).`,
        },
      });
    }
  }
  return items;
}
