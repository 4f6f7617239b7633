// BackendTLSPolicy (v1alpha2, v1alpha3, v1): upstream TLS from the Gateway to a Service.
import { backendTlsPolicyView, type BackendTlsPolicyView } from '../model/backendTlsPolicy';
import { LOCAL_POLICY_RULES, PORTABILITY_POLICY_RULES } from './backendTlsPolicy/local';
import { WORKSPACE_POLICY_RULES } from './backendTlsPolicy/workspace';
import type { RuleFamily } from './types';

export const backendTlsPolicyFamily: RuleFamily<BackendTlsPolicyView> = {
  name: 'BackendTLSPolicy',
  view: backendTlsPolicyView,
  rules: LOCAL_POLICY_RULES,
  workspaceRules: [...PORTABILITY_POLICY_RULES, ...WORKSPACE_POLICY_RULES],
};
