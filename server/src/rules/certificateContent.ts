// Certificate content: what each listener will serve, checked before deploy. The same analysis reports on the
// certificateRef that uses a Secret (with the listener's hostname) and on the Secret itself.
import type { GatewayView, Listener } from '../model/gateway';
import { listenerOwnerView } from '../model/listenerSet';
import type { K8sObject } from '../model/object';
import { secretView, tlsSecretProblems, type SecretView } from '../model/secret';
import { certificateCovers } from '../x509/hostnames';
import { secretCertificates } from '../x509/tlsSecret';
import { validityProblems } from '../x509/validity';
import { certificateOfResolution, type ServedCertificate } from '../workspace/servedCertificate';
import type { Code } from './catalog';
import { listenerLabel, resolveListenerRefs } from './certificateRefs/listenerRefs';
import { rulesPerCode } from './memo';
import type { Finding, RelatedFinding, RuleFamily, WorkspaceContext } from './types';

/** What the controller does about each problem, for the message's last sentence. */
const CONSEQUENCE: Partial<Record<Code, string>> = {
  'certificate-invalid': 'The controller sets ResolvedRefs=False, reason InvalidCertificateRef.',
  'certificate-key-mismatch': 'The controller sets ResolvedRefs=False, reason InvalidCertificateRef, or every handshake fails.',
  'certificate-expired': 'Clients reject the handshake; renew the certificate.',
  'certificate-not-yet-valid': 'Clients reject the handshake until then; check the issuing clock or wait.',
  'certificate-expiring': 'Renew it before then (cert-manager renews Certificates it manages automatically).',
};

const CONTENT_CODES = [
  'certificate-invalid',
  'certificate-key-mismatch',
  'certificate-expired',
  'certificate-not-yet-valid',
  'certificate-expiring',
  'certificate-hostname-mismatch',
] as const satisfies readonly Code[];

/** All content findings for a listener's refs, on the ref's `name`. */
function contentOnRefs(view: GatewayView, object: K8sObject, context: WorkspaceContext): Finding[] {
  const now = new Date();
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { listener, ref, resolutions } of resolveListenerRefs(view, object, context)) {
    for (const resolution of resolutions) {
      if (!resolution.supported) continue;
      for (const record of resolution.secrets) {
        const secret = record.object && secretView(record.object);
        if (!secret || tlsSecretProblems(secret).length > 0) continue;
        const certificates = secretCertificates(secret.object);
        if (!certificates) continue;
        const { material, analysis } = certificates;
        const where = `Secret ${record.namespace}/${record.name}`;
        const problems: { code: Code; message: string }[] = [
          // A placeholder is said once, on the Secret itself; the refs that use it need not repeat it.
          ...[material.crt, material.key].flatMap((m) => (m?.problem && !m.placeholder ? [{ code: 'certificate-invalid' as const, message: m.problem }] : [])),
          ...analysis.problems,
          ...validityProblems(analysis.chain, now, context.settings.expiryWarningDays),
        ];
        for (const problem of problems) {
          const message = `${listenerLabel(listener)} uses ${where}: ${problem.message}. ${CONSEQUENCE[problem.code]}`;
          if (seen.has(message)) continue;
          seen.add(message);
          findings.push({
            code: problem.code,
            path: [...ref.path, 'name'],
            message,
            related: [{ object: record.object!, path: ['metadata', 'name'], message: where }],
          });
        }
      }
      const mismatch = listener.hostname ? hostnameMismatch(listener, certificateOfResolution(resolution)) : undefined;
      if (mismatch && !seen.has(mismatch.message)) {
        seen.add(mismatch.message);
        findings.push({ code: 'certificate-hostname-mismatch', path: [...ref.path, 'name'], message: mismatch.message, related: mismatch.related });
      }
    }
  }
  return findings;
}

const MISMATCH_ADVICE = 'Clients will see a certificate name mismatch; issue a certificate for this hostname or change the listener hostname.';

/**
 * Whether the certificate a ref stands for (workspace/servedCertificate.ts) covers the listener's hostname: a
 * readable certificate by its DNS SANs, a cert-manager Certificate by the names it asks for. The gateway-shim
 * annotation issues for the listener hostnames themselves: nothing to say.
 */
function hostnameMismatch(listener: Listener, served: ServedCertificate): { message: string; related: RelatedFinding[] } | undefined {
  const hostname = listener.hostname!;
  if (served.kind === 'pem') {
    const { leaf, secret } = served;
    if (certificateCovers(leaf.dnsNames, hostname)) return undefined;
    const where = `Secret ${secret.namespace}/${secret.name}`;
    const detail =
      leaf.dnsNames.length === 0
        ? `the certificate has no DNS subject alternative names, so it covers no hostname (the CN "${leaf.subject}" is not used by clients); ${listenerLabel(listener).toLowerCase()} serves ${hostname}`
        : `the certificate covers ${leaf.dnsNames.join(', ')}, not the listener hostname ${hostname} (a SAN wildcard covers exactly one label)`;
    return { message: `${listenerLabel(listener)} uses ${where}: ${detail}. ${MISMATCH_ADVICE}`, related: [{ object: secret.object!, path: ['metadata', 'name'], message: where }] };
  }
  if (served.kind === 'cert-manager') {
    const { view, record } = served;
    if (view.names.length === 0 || certificateCovers(view.names, hostname)) return undefined;
    const certificate = `cert-manager Certificate ${record.namespace}/${view.object.name ?? '?'}`;
    const from = view.namesFrom === 'dnsNames' ? `its dnsNames` : `its commonName (it has no dnsNames)`;
    const detail = `the names come from ${certificate}, which issues it: ${from} ${view.names.join(', ')} ${view.names.length > 1 ? 'do' : 'does'} not cover the listener hostname ${hostname} (a SAN wildcard covers exactly one label)`;
    return {
      message: `${listenerLabel(listener)} uses Secret ${record.namespace}/${record.name}: ${detail}. ${MISMATCH_ADVICE}`,
      related: [{ object: view.object, path: view.namesPath ?? ['spec'], message: `${certificate}: ${view.namesFrom ?? 'names'}` }],
    };
  }
  return undefined;
}

/** Content findings on a TLS Secret itself, on the `tls.crt` / `tls.key` key. */
function contentOnSecret(secret: SecretView, _object: K8sObject, context: WorkspaceContext): Finding[] {
  if (secret.type !== 'kubernetes.io/tls' && !secret.keys.has('tls.crt')) return [];
  const certificates = secretCertificates(secret.object);
  if (!certificates || (!certificates.material.crt && !certificates.material.key)) return [];
  const { material, analysis } = certificates;
  const crtPath = material.crt?.path ?? ['data'];
  const keyPath = material.key?.path ?? ['data'];
  const findings: Finding[] = [];
  const placeholders = [material.crt, material.key].filter((m) => m?.placeholder);
  if (placeholders.length > 0) {
    const keys = placeholders.map((m) => m!.path.join('.'));
    findings.push({
      code: 'certificate-invalid',
      severity: 'warning',
      path: placeholders[0]!.path,
      part: 'key',
      message:
        `${keys.join(' and ')} ${keys.length > 1 ? 'hold placeholders' : 'holds a placeholder'}, not ${placeholders.length > 1 ? 'a certificate and key' : material.crt?.placeholder ? 'a certificate' : 'a private key'}: ` +
        `replace before applying (with real PEM${placeholders[0]!.path[0] === 'data' ? ', base64-encoded' : ''}, or let cert-manager issue the Secret). ` +
        `Applied as is, the controller sets ResolvedRefs=False, reason InvalidCertificateRef.`,
    });
  }
  for (const m of [material.crt, material.key]) {
    if (m?.problem && !m.placeholder) findings.push({ code: 'certificate-invalid', path: m.path, part: 'key', message: `${m.problem}.` });
  }
  for (const p of analysis.problems) {
    findings.push({ code: p.code, path: p.key === 'tls.crt' ? crtPath : keyPath, part: 'key', message: `${capitalize(p.message)}. ${CONSEQUENCE[p.code]}` });
  }
  for (const p of validityProblems(analysis.chain, new Date(), context.settings.expiryWarningDays)) {
    findings.push({ code: p.code, path: crtPath, part: 'key', message: `${capitalize(p.message)}. ${CONSEQUENCE[p.code]}` });
  }
  return findings;
}

function capitalize(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

export const certificateContentFamilies: readonly RuleFamily<any>[] = [
  { name: 'certificate content (listeners)', view: listenerOwnerView, workspaceRules: rulesPerCode(CONTENT_CODES, contentOnRefs) } satisfies RuleFamily<GatewayView>,
  { name: 'certificate content (Secrets)', view: secretView, workspaceRules: rulesPerCode(CONTENT_CODES, contentOnSecret), documentLocal: true } satisfies RuleFamily<SecretView>,
];
