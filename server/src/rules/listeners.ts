// Listener rules (Gateway `spec.listeners`): the CEL rules L1–L6 and T1 of the Gateway CRD plus the spec-level
// checks the CRD does not enforce. Each rule is a small pure function over a GatewayView.
import { gatewayView, type GatewayView } from '../model/gateway';
import type { ObjectRule, RuleFamily } from './types';

export const LISTENER_RULES: readonly ObjectRule<GatewayView>[] = [];

export const listenerFamily: RuleFamily<GatewayView> = { name: 'listeners', view: gatewayView, rules: LISTENER_RULES };
