// Markdown summaries of certificates for hovers and lenses. Public facts only: never key material.
import type { CertificateInfo } from './certificate';
import type { TlsPairAnalysis } from './analyzeTlsPair';
import { certificateCovers } from './hostnames';
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

/**
 * Whether the leaf's DNS names cover a listener hostname (TLS SAN rules), as one Markdown list item. Undefined
 * when there is no leaf to judge or the listener has no hostname (then clients may ask for any name).
 */
export function coverageLine(analysis: TlsPairAnalysis, hostname: string | undefined): string | undefined {
  const leaf = analysis.chain[0];
  if (!leaf || !hostname) return undefined;
  return certificateCovers(leaf.dnsNames, hostname)
    ? `- Covers the listener hostname \`${hostname}\``
    : `- **Does not cover** the listener hostname \`${hostname}\` (a SAN wildcard covers exactly one label; the CN is not used)`;
}

/**
 * The few words a code lens has room for: "expires 2027-03-01", "EXPIRED 2026-01-02", "unreadable",
 * "key does not match". Problems that stop the controller from serving it come first.
 */
export function shortStatus(analysis: TlsPairAnalysis, now: Date): string {
  const leaf = analysis.chain[0];
  if (!leaf || analysis.problems.some((p) => p.code === 'certificate-invalid')) return 'unreadable';
  const notes: string[] = [];
  if (leaf.notAfter.getTime() < now.getTime()) notes.push(`EXPIRED ${isoDate(leaf.notAfter)}`);
  else if (leaf.notBefore.getTime() > now.getTime()) notes.push(`not valid before ${isoDate(leaf.notBefore)}`);
  else notes.push(`expires ${isoDate(leaf.notAfter)}`);
  if (analysis.problems.some((p) => p.code === 'certificate-key-mismatch')) notes.push('key does not match');
  return notes.join(', ');
}
