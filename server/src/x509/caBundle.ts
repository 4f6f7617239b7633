// CA bundles (a ConfigMap's ca.crt) for BackendTLSPolicy and frontend client validation: valid PEM, every
// certificate a CA, none expired.
import { parseCertificate, type CertificateInfo } from './certificate';
import { readPem } from './pem';
import { isoDate } from './validity';

export interface CaBundleAnalysis {
  readonly certificates: readonly CertificateInfo[];
  /** What is wrong, in the user's terms; empty for a good bundle. */
  readonly problems: readonly string[];
}

export function analyzeCaBundle(pemText: string, now: Date): CaBundleAnalysis {
  const pem = readPem(pemText);
  if (!pem.ok) return { certificates: [], problems: [`ca.crt is not PEM: ${pem.reason}`] };
  const problems: string[] = [];
  const certificates: CertificateInfo[] = [];
  pem.blocks.forEach((block, i) => {
    if (block.label !== 'CERTIFICATE') {
      problems.push(`ca.crt block ${i + 1} is a ${block.label}, not a CERTIFICATE`);
      return;
    }
    try {
      certificates.push(parseCertificate(block.der));
    } catch {
      problems.push(`ca.crt block ${i + 1} is not a valid X.509 certificate`);
    }
  });
  for (const cert of certificates) {
    if (!cert.isCA) problems.push(`${cert.subject || 'a certificate'} in ca.crt is not a CA certificate (basicConstraints CA:TRUE is missing)`);
    if (cert.notAfter.getTime() < now.getTime()) problems.push(`${cert.subject || 'a certificate'} in ca.crt expired on ${isoDate(cert.notAfter)}`);
  }
  if (certificates.length === 0 && problems.length === 0) problems.push('ca.crt holds no certificate');
  return { certificates, problems };
}
