// CA bundles (a ConfigMap's ca.crt) for BackendTLSPolicy and frontend client validation: valid PEM, every
// certificate a CA, none expired.
import { createHash } from 'node:crypto';
import { parseCertificate, type CertificateInfo } from './certificate';
import { readPem } from './pem';
import { isoDate } from './validity';

export interface CaBundleAnalysis {
  readonly certificates: readonly CertificateInfo[];
  /** What is wrong, in the user's terms; empty for a good bundle. */
  readonly problems: readonly string[];
}

/** What does not depend on the time: the parse, cached by content (many ConfigMaps carry the same CA bundle). */
function parseBundle(pemText: string): CaBundleAnalysis {
  const id = createHash('sha256').update(pemText).digest('hex');
  let parsed = parsedBundles.get(id);
  if (!parsed) {
    parsed = readBundle(pemText);
    if (parsedBundles.size >= CACHE_LIMIT) parsedBundles.delete(parsedBundles.keys().next().value!);
    parsedBundles.set(id, parsed);
  }
  return parsed;
}
const parsedBundles = new Map<string, CaBundleAnalysis>();
const CACHE_LIMIT = 2000;

export function analyzeCaBundle(pemText: string, now: Date): CaBundleAnalysis {
  const parsed = parseBundle(pemText);
  const problems = [...parsed.problems];
  for (const cert of parsed.certificates) {
    if (cert.notAfter.getTime() < now.getTime()) problems.push(`${cert.subject || 'a certificate'} in ca.crt expired on ${isoDate(cert.notAfter)}`);
  }
  if (parsed.certificates.length === 0 && problems.length === 0) problems.push('ca.crt holds no certificate');
  return { certificates: parsed.certificates, problems };
}

function readBundle(pemText: string): CaBundleAnalysis {
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
  }
  return { certificates, problems };
}
