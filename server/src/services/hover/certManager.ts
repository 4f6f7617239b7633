// The cert-manager part of a hover on a certificateRef: when a cert-manager `Certificate` makes the Secret, what it
// asks for — its dnsNames (else its commonName), its issuer (and whether the workspace holds it), its duration and
// renewBefore — and whether those names cover the listener hostname. Read from model/certManager.ts.
import { certManagerCertificateView } from '../../model/certManager';
import type { K8sObject } from '../../model/object';
import { missingIn } from '../../rules/certManager';
import type { SecretRefResolution } from '../../workspace/references';
import { certificateCovers } from '../../x509/hostnames';
import type { ServiceContext } from '../context';
import { placeOf } from './wording';

/** Markdown lines (a heading and a list) per Certificate producing the resolved Secret, each described once. */
export function certManagerLines(resolution: SecretRefResolution, described: Set<K8sObject>, hostname: string | undefined, context: ServiceContext): string[] {
  const lines: string[] = [];
  if (!resolution.supported) return lines;
  for (const record of resolution.producers) {
    const view = record.producer === 'Certificate' && record.object ? certManagerCertificateView(record.object) : undefined;
    if (!view || described.has(view.object)) continue;
    described.add(view.object);
    const list: string[] = [];
    const code = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');
    if (view.dnsNames.length > 0) list.push(`DNS names: ${code(view.dnsNames)}${view.commonName ? ` (common name \`${view.commonName}\`)` : ''}`);
    else if (view.commonName) list.push(`Common name: \`${view.commonName}\` (no dnsNames: the certificate is issued for this name)`);
    else list.push('No dnsNames and no commonName: it asks for no DNS name.');
    const issuer = view.issuerRef;
    if (issuer?.name) {
      const missing = missingIn({ ...issuer, name: issuer.name }, view.object, context.workspace());
      const group = issuer.group === 'cert-manager.io' ? '' : ` (group \`${issuer.group}\`)`;
      list.push(`Issuer: ${issuer.kind} \`${issuer.name}\`${group}${missing && missing.length > 0 ? ' — not in the workspace' : ''}`);
    } else list.push('Issuer: none named (`spec.issuerRef.name` is required)');
    list.push(`Duration: ${view.duration ? `\`${view.duration}\`` : 'not set (cert-manager default `2160h`, 90 days)'}`);
    list.push(`Renew before: ${view.renewBefore ? `\`${view.renewBefore}\`` : 'not set (cert-manager default: a third of the duration)'}`);
    if (hostname && view.names.length > 0) {
      list.push(
        certificateCovers(view.names, hostname)
          ? `Covers the listener hostname \`${hostname}\``
          : `**Does not cover** the listener hostname \`${hostname}\` (a SAN wildcard covers exactly one label)`,
      );
    }
    const where = placeOf(context.index, record.uri, view.object, ['metadata', 'name']);
    lines.push('', `**cert-manager Certificate \`${record.namespace}/${view.object.name ?? '?'}\`** (${where})`, '', ...list.map((l) => `- ${l}`));
  }
  return lines;
}
