// Workspace symbols (Ctrl+T): the Gateway API objects of the workspace and the TLS Secrets they use, found by name
// across files. Document outlines are left to the YAML extension, which already shows every key.
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import { GATEWAY_GROUP } from '../model/gateway';
import { listenerOwnerView } from '../model/listenerSet';
import { isCoreSecret, secretView, TLS_SECRET_TYPE } from '../model/secret';
import type { K8sObject } from '../model/object';
import { redact } from '../util/redact';
import type { ServiceContext } from './context';
import { locationOf } from './navigation/locations';

/** Which objects are listed, and how an editor should draw them. */
function symbolKind(object: K8sObject): SymbolKind | undefined {
  if (object.group === GATEWAY_GROUP) return SymbolKind.Class;
  if (isCoreSecret(object) && secretView(object)?.type === TLS_SECRET_TYPE) return SymbolKind.Key;
  return undefined;
}

/** Case-insensitive subsequence match, as editors do for symbol search ("gwshop" finds "Gateway web/shop"). */
function matches(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let at = 0;
  for (const char of q) {
    at = n.indexOf(char, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

export function doWorkspaceSymbols(query: string, context: ServiceContext): SymbolInformation[] {
  const symbols: SymbolInformation[] = [];
  for (const object of context.index.allObjects()) {
    const kind = symbolKind(object);
    if (kind === undefined || !object.name) continue;
    const namespace = context.index.namespacesOf(object).map((c) => c.namespace).join('|');
    // Redacted before matching, so a query cannot probe for a key pasted into a name either.
    const name = redact(`${object.kind} ${namespace}/${object.name}`);
    // Match first, locate after: a location needs the syntax tree, which files no editor shows have released.
    const location = matches(query, name) ? locationOf(context.index, object.source.uri, object, ['metadata', 'name']) : undefined;
    if (location) symbols.push({ name, kind, location });
    // Listeners are what people look for in a big Gateway: `https` of Gateway web/shop.
    for (const listener of listenerOwnerView(object)?.listeners ?? []) {
      const label = redact(`${listener.name ?? `listeners[${listener.index}]`}${listener.hostname ? ` (${listener.hostname})` : ''}`);
      const at = matches(query, label) ? locationOf(context.index, object.source.uri, object, [...listener.path, 'name']) : undefined;
      if (at) symbols.push({ name: label, kind: SymbolKind.Field, location: at, containerName: name });
    }
  }
  return symbols;
}
