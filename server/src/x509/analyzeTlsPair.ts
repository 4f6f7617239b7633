// What is wrong with a tls.crt / tls.key pair, independent of time: parse errors, key mismatch, chain order.
// Time-dependent checks (expiry) are in validity.ts so this result can be cached by content.
import { parseCertificate, signs, type CertificateInfo } from './certificate';
import { readPem } from './pem';
import { readPrivateKey } from './privateKey';

export type PairProblemCode = 'certificate-invalid' | 'certificate-key-mismatch';

export interface PairProblem {
  readonly code: PairProblemCode;
  /** Which key of the Secret the problem is about. */
  readonly key: 'tls.crt' | 'tls.key';
  readonly message: string;
}

export interface TlsPairAnalysis {
  /** Leaf first, as written. Empty when tls.crt could not be read. */
  readonly chain: readonly CertificateInfo[];
  /** "RSA 2048 (PKCS#1)" when the key could be read. */
  readonly keyDescription: string | undefined;
  readonly problems: readonly PairProblem[];
}

export function analyzeTlsPair(crt: string | undefined, key: string | undefined): TlsPairAnalysis {
  const problems: PairProblem[] = [];
  const chain = crt === undefined ? [] : readChain(crt, problems);
  let keyDescription: string | undefined;
  if (key !== undefined) {
    const result = readPrivateKey(key);
    if (result.kind === 'invalid') problems.push({ code: 'certificate-invalid', key: 'tls.key', message: `tls.key is not a PEM private key: ${result.reason}` });
    else if (result.kind === 'encrypted') {
      problems.push({ code: 'certificate-invalid', key: 'tls.key', message: 'tls.key is an encrypted private key; Kubernetes TLS Secrets need an unencrypted key (controllers have no passphrase)' });
    } else {
      keyDescription = `${result.description} (${result.format})`;
      const leaf = chain[0];
      if (leaf && !sameBytes(leaf.spki, result.spki)) {
        problems.push({
          code: 'certificate-key-mismatch',
          key: 'tls.key',
          message: `tls.key (${result.description}) does not belong to the certificate in tls.crt (${leaf.subject || 'no subject'}, ${leaf.key}): the public keys differ`,
        });
      }
    }
  }
  return { chain, keyDescription, problems };
}

function readChain(crt: string, problems: PairProblem[]): CertificateInfo[] {
  const pem = readPem(crt);
  if (!pem.ok) {
    problems.push({ code: 'certificate-invalid', key: 'tls.crt', message: `tls.crt is not a PEM certificate: ${pem.reason}` });
    return [];
  }
  const chain: CertificateInfo[] = [];
  for (const [i, block] of pem.blocks.entries()) {
    if (block.label !== 'CERTIFICATE') {
      problems.push({ code: 'certificate-invalid', key: 'tls.crt', message: `tls.crt block ${i + 1} is a ${block.label}, not a CERTIFICATE${block.label.includes('PRIVATE KEY') ? ' (a private key belongs in tls.key)' : ''}` });
      continue;
    }
    try {
      chain.push(parseCertificate(block.der));
    } catch {
      problems.push({ code: 'certificate-invalid', key: 'tls.crt', message: `tls.crt block ${i + 1} is not a valid X.509 certificate` });
    }
  }
  checkOrder(chain, problems);
  return chain;
}

/** Leaf first, each certificate signed by the next one. A reversed chain gets one clear message. */
function checkOrder(chain: readonly CertificateInfo[], problems: PairProblem[]): void {
  const linked = (c: readonly CertificateInfo[]) => c.every((cert, i) => i + 1 >= c.length || signs(c[i + 1]!, cert));
  if (chain.length < 2 || linked(chain)) return;
  if (linked([...chain].reverse())) {
    problems.push({ code: 'certificate-invalid', key: 'tls.crt', message: 'tls.crt holds its chain in reverse order: put the leaf (server) certificate first, then each issuer' });
    return;
  }
  const broken = chain.findIndex((cert, i) => i + 1 < chain.length && !signs(chain[i + 1]!, cert));
  problems.push({
    code: 'certificate-invalid',
    key: 'tls.crt',
    message: `tls.crt chain member ${broken + 2} (${chain[broken + 1]!.subject}) does not sign member ${broken + 1} (${chain[broken]!.subject}): order the chain leaf first, each certificate followed by its issuer`,
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
