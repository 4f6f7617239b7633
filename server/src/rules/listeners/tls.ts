// The `tls` block against the protocol: CEL rules L1 (no tls on HTTP/TCP/UDP), L2 (HTTPS terminates), L3 (TLS
// needs tls) and T1 (Terminate needs a certificate or options), plus HTTPS without tls, which the CRD accepts.
import type { Listener } from '../../model/gateway';
import type { Finding } from '../types';
import { apiServerRejects, CEL, listenerLabel, perListener, protocolLabel } from './common';

/** Protocols that must not have `tls` (L1), with what to do instead. */
const TLS_NOT_ALLOWED: ReadonlyMap<string, string> = new Map([
  ['HTTP', 'use protocol HTTPS to serve HTTP over TLS'],
  ['TCP', 'use protocol TLS to terminate or pass through TLS for TCP traffic'],
  ['UDP', 'UDP listeners cannot carry TLS'],
]);

export const checkTlsMissing = perListener((listener): Finding | undefined => {
  const { protocol } = listener;
  if ((protocol !== 'HTTPS' && protocol !== 'TLS') || listener.hasTls) return undefined;
  const path = [...listener.path, 'protocol'];
  const who = protocolLabel(listener);
  if (protocol === 'TLS') {
    return {
      code: 'listener-tls-missing',
      severity: 'error',
      path,
      message:
        `${who} has no tls block: ${apiServerRejects(CEL.L3)}. Add tls with mode: Passthrough (a TLSRoute forwards the ` +
        'encrypted stream to a backend that terminates it) or with certificateRefs to terminate TLS here.',
    };
  }
  return {
    code: 'listener-tls-missing',
    severity: 'warning',
    path,
    message:
      `${who} has no tls block, so it has no certificate to serve: add tls.certificateRefs naming a Secret of type ` +
      'kubernetes.io/tls. The API server accepts it (Gateway API v1.0 CRDs rejected it, v1.1 and later do not), but ' +
      'a controller cannot serve HTTPS without a certificate and typically sets Accepted=False on the listener.',
  };
});

export const checkTlsNotAllowed = perListener((listener): Finding | undefined => {
  const instead = listener.protocol === undefined ? undefined : TLS_NOT_ALLOWED.get(listener.protocol);
  if (instead === undefined || !listener.hasTls) return undefined;
  return {
    code: 'listener-tls-not-allowed',
    path: [...listener.path, 'tls'],
    part: 'key',
    message: `${protocolLabel(listener)} must not have a tls block: ${apiServerRejects(CEL.L1)}. Remove tls, or ${instead}.`,
  };
});

export const checkTlsModeInvalid = perListener((listener): Finding | undefined => {
  const tls = listener.tls;
  if (listener.protocol !== 'HTTPS' || !tls || tls.mode !== 'Passthrough') return undefined;
  return {
    code: 'listener-tls-mode-invalid',
    path: [...tls.path, 'mode'],
    message:
      `${protocolLabel(listener)} has tls mode Passthrough, but HTTPS listeners always terminate TLS: ` +
      `${apiServerRejects(CEL.L2)}. To pass the encrypted stream through to the backend, use protocol TLS with a ` +
      'TLSRoute; to terminate here, set mode: Terminate (the default) with certificateRefs.',
    data: { replacement: 'Terminate' },
  };
});

export const checkCertificateRefsMissing = perListener((listener): Finding | undefined => {
  const tls = listener.tls;
  if (!tls || tls.mode !== 'Terminate' || hasTlsNotAllowed(listener)) return undefined;
  if (tls.certificateRefs.length > 0 || (tls.options !== undefined && Object.keys(tls.options).length > 0)) return undefined;
  const passthrough = listener.protocol === 'HTTPS' ? '' : ', or set mode: Passthrough to forward the encrypted stream to the backend';
  return {
    code: 'listener-certificate-refs-missing',
    ...(tls.modeWritten ? { path: [...tls.path, 'mode'] } : { path: tls.path, part: 'key' as const }),
    message:
      `${listenerLabel(listener)} terminates TLS (mode Terminate${tls.modeWritten ? '' : ', the default'}) but has no ` +
      `certificateRefs or options: ${apiServerRejects(CEL.T1)}. Add tls.certificateRefs naming a Secret of type ` +
      `kubernetes.io/tls${passthrough}.`,
  };
});

/** L1 already says the whole block must go: asking for certificates in it would point the wrong way. */
function hasTlsNotAllowed(listener: Listener): boolean {
  return listener.protocol !== undefined && TLS_NOT_ALLOWED.has(listener.protocol);
}
