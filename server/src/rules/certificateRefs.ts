// Certificate references and ReferenceGrants across the workspace (listener certificateRefs of Gateways and
// ListenerSets; the Gateway's client certificate and frontend CA refs reuse the same resolver).
import type { GatewayView } from '../model/gateway';
import { listenerOwnerView } from '../model/listenerSet';
import { CERTIFICATE_REF_RULES } from './certificateRefs/rules';
import type { RuleFamily } from './types';

export const certificateRefFamily: RuleFamily<GatewayView> = {
  name: 'certificate references',
  view: listenerOwnerView,
  workspaceRules: CERTIFICATE_REF_RULES,
};
