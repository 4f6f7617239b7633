// Certificate references and ReferenceGrants across the workspace (listener certificateRefs today; the Gateway's
// client certificate and frontend CA refs reuse the same resolver).
import { gatewayView, type GatewayView } from '../model/gateway';
import { CERTIFICATE_REF_RULES } from './certificateRefs/rules';
import type { RuleFamily } from './types';

export const certificateRefFamily: RuleFamily<GatewayView> = {
  name: 'certificate references',
  view: gatewayView,
  workspaceRules: CERTIFICATE_REF_RULES,
};
