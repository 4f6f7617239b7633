// Value completion that needs the workspace (names of Secrets, Services, ConfigMaps, namespaces, GatewayClasses):
// picks the module for the cursor's kind of object. Undefined means "not a reference field": the schema's values apply.
import type { CompletionItem } from 'vscode-languageserver-types';
import { isBackendTlsPolicy } from '../../model/backendTlsPolicy';
import { isGateway } from '../../model/gateway';
import { isListenerSet } from '../../model/listenerSet';
import { toK8sObject } from '../../model/object';
import { isReferenceGrant } from '../../model/referenceGrant';
import type { IndexedFile } from '../../workspace/index';
import type { ServiceContext } from '../context';
import { backendTlsPolicyItems } from './backendTlsPolicy';
import { certificateRefItems } from './certificateRefs';
import type { ValueContext } from './context';
import { gatewayClassNameItems } from './gatewayClassName';
import { referenceGrantItems } from './referenceGrants';

export function referenceValueItems(ctx: ValueContext, file: IndexedFile, context: ServiceContext): CompletionItem[] | undefined {
  // The document as being edited, not as indexed: its `namespace:` and sibling fields are what the user sees.
  const object = toK8sObject(ctx.document, file.uri, ctx.segmentOffset);
  if (!object) return undefined;
  if (isGateway(object)) return certificateRefItems(ctx, object, context) ?? gatewayClassNameItems(ctx, context);
  if (isListenerSet(object)) return certificateRefItems(ctx, object, context);
  if (isReferenceGrant(object)) return referenceGrantItems(ctx, object, context);
  if (isBackendTlsPolicy(object)) return backendTlsPolicyItems(ctx, object, context);
  return undefined;
}
