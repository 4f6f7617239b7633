// Listener rules (Gateway and ListenerSet `spec.listeners`): the CEL rules L1–L6 and T1 of the Gateway CRD (the
// ListenerSet CRD has the same ones) plus the spec-level checks the CRD does not enforce. Each rule is a small pure
// function over a GatewayView (a ListenerSet's listeners read the same), in `listeners/`.
import type { GatewayView } from '../model/gateway';
import { listenerOwnerView } from '../model/listenerSet';
import { checkHostnameNotAllowed } from './listeners/hostname';
import { checkTlsOptions } from './listeners/options';
import { checkProtocolUnsupported } from './listeners/protocol';
import { checkCertificateRefsMissing, checkTlsMissing, checkTlsModeInvalid, checkTlsNotAllowed } from './listeners/tls';
import { checkConflict, checkNameDuplicate } from './listeners/unique';
import type { ObjectRule, RuleFamily } from './types';

/**
 * Messages start with a listener's label (`listener "web"`), which is lower case because it is also used
 * mid-sentence; a message is a sentence, so its first letter is raised here, once for every rule.
 */
function sentences(rule: ObjectRule<GatewayView>): ObjectRule<GatewayView> {
  return {
    code: rule.code,
    check: (view, object) => rule.check(view, object).map((f) => (/^(listener|the) /.test(f.message) ? { ...f, message: f.message.charAt(0).toUpperCase() + f.message.slice(1) } : f)),
  };
}

/** One entry per code, in the order of the spec's Listeners table. */
export const LISTENER_RULES: readonly ObjectRule<GatewayView>[] = ([
  { code: 'listener-tls-missing', check: checkTlsMissing },
  { code: 'listener-tls-not-allowed', check: checkTlsNotAllowed },
  { code: 'listener-tls-mode-invalid', check: checkTlsModeInvalid },
  { code: 'listener-certificate-refs-missing', check: checkCertificateRefsMissing },
  { code: 'listener-hostname-not-allowed', check: checkHostnameNotAllowed },
  { code: 'listener-name-duplicate', check: checkNameDuplicate },
  { code: 'listener-conflict', check: checkConflict },
  { code: 'listener-protocol-unsupported', check: checkProtocolUnsupported },
  { code: 'listener-tls-options-invalid', check: checkTlsOptions },
] as const).map(sentences);

export const listenerFamily: RuleFamily<GatewayView> = { name: 'listeners', view: listenerOwnerView, rules: LISTENER_RULES };
