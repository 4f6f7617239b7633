// Markdown summaries of certificates for hovers and lenses. Public facts only: never key material.
import type { CertificateInfo } from './certificate';
import type { TlsPairAnalysis } from './analyzeTlsPair';
import { daysUntil, isoDate } from './validity';

export function expiryPhrase(cert: CertificateInfo, now: Date): string {
  const days = daysUntil(cert.notAfter, now);
  if (cert.notAfter.getTime() < now.getTime()) return `expired ${-days} day${-days === 1 ? '' : 's'} ago`;
  if (cert.notBefore.getTime() > now.getTime()) return `not valid before ${isoDate(cert.notBefore)}`;
  return `expires in ${days} day${days === 1 ? '' : 's'}`;
}

/** The leaf's facts as a Markdown list, then the chain length and the key, for a hover. */
export function describeCertificatePair(analysis: TlsPairAnalysis, now: Date): string {
  const leaf = analysis.chain[0];
  if (!leaf) return analysis.problems.length > 0 ? `Certificate: unreadable (${analysis.problems[0]!.message})` : 'Certificate: none';
  const lines = [
    `- Subject: \`${leaf.subject || '(empty)'}\``,
    `- DNS names: ${leaf.dnsNames.length > 0 ? leaf.dnsNames.map((n) => `\`${n}\``).join(', ') : '_none_ (clients will not accept it for any hostname)'}`,
    `- Issuer: \`${leaf.issuer || '(empty)'}\`${leaf.issuer === leaf.subject ? ' (self-signed)' : ''}`,
    `- Valid: ${isoDate(leaf.notBefore)} → ${isoDate(leaf.notAfter)} (${expiryPhrase(leaf, now)})`,
    `- Key: ${analysis.keyDescription ?? leaf.key}`,
    `- SHA-256: \`${leaf.fingerprint256}\``,
    `- Chain: ${analysis.chain.length} certificate${analysis.chain.length === 1 ? '' : 's'}`,
  ];
  return lines.join('\n');
}
