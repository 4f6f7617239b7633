// One X.509 certificate's facts as a person (and the rules) need them. Parsing is @peculiar/x509's; key details
// and fingerprints come from Node's crypto. Nothing here keeps or returns key material.
import 'reflect-metadata';
import { createHash, createPublicKey, X509Certificate as NodeX509 } from 'node:crypto';
import { BasicConstraintsExtension, SubjectAlternativeNameExtension, X509Certificate } from '@peculiar/x509';

export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCA: boolean;
  /** "RSA 2048", "EC P-256", "Ed25519". */
  readonly key: string;
  /** SHA-256 of the DER, upper-case hex pairs joined by colons (as browsers show it). */
  readonly fingerprint256: string;
  /** DER SubjectPublicKeyInfo: compared with the private key's public half. */
  readonly spki: Uint8Array;
  readonly der: Uint8Array;
}

/**
 * @peculiar/x509 first (it gives the richest view); what it refuses, Node's crypto (OpenSSL) may still read: it is
 * what the API server's and controllers' TLS stacks accept, so a certificate they serve is never "not X.509" here.
 * Throws when neither can read it.
 */
export function parseCertificate(der: Uint8Array): CertificateInfo {
  try {
    return parseWithLibrary(der);
  } catch (error) {
    const fallback = parseWithNode(der);
    if (fallback) return fallback;
    throw error;
  }
}

/**
 * asn1js stops at 10,000 nodes by default, which a certificate with many SANs (10,000 names) exceeds. A BER node
 * takes at least two bytes, so a limit of the input's own length bounds nothing the input does not already bound.
 */
function parseOptions(der: Uint8Array) {
  return { berOptions: { maxNodes: Math.max(10_000, der.length) } };
}

function parseWithLibrary(der: Uint8Array): CertificateInfo {
  const cert = new X509Certificate(der, parseOptions(der));
  const san = cert.getExtension(SubjectAlternativeNameExtension);
  const names = san?.names.items ?? [];
  const constraints = cert.getExtension(BasicConstraintsExtension);
  const spki = new Uint8Array(cert.publicKey.rawData);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    dnsNames: names.filter((n) => n.type === 'dns').map((n) => n.value),
    ipAddresses: names.filter((n) => n.type === 'ip').map((n) => n.value),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    isCA: constraints?.ca === true,
    key: describePublicKey(spki),
    fingerprint256: fingerprint(der),
    spki,
    der,
  };
}

/** The same facts from Node's X509Certificate, or undefined when OpenSSL refuses the DER too. */
export function parseWithNode(der: Uint8Array): CertificateInfo | undefined {
  try {
    const cert = new NodeX509(Buffer.from(der));
    const spki = new Uint8Array(cert.publicKey.export({ type: 'spki', format: 'der' }));
    const names = subjectAltNames(cert.subjectAltName ?? '');
    const notBefore = new Date(cert.validFrom);
    const notAfter = new Date(cert.validTo);
    if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) return undefined;
    return {
      subject: distinguishedName(cert.subject),
      issuer: distinguishedName(cert.issuer),
      dnsNames: names.filter((n) => n.type === 'DNS').map((n) => n.value),
      ipAddresses: names.filter((n) => n.type === 'IP Address').map((n) => n.value),
      notBefore,
      notAfter,
      isCA: cert.ca,
      key: describePublicKey(spki),
      fingerprint256: fingerprint(der),
      spki,
      der,
    };
  } catch {
    return undefined;
  }
}

/** Node writes one `KEY=value` per line; the library (and our messages) one line, comma-separated. */
function distinguishedName(text: string): string {
  return text.split('\n').filter(Boolean).join(', ');
}

/** Node's `DNS:a, DNS:b, IP Address:10.0.0.1`; a value with special characters is a JSON string. */
export function subjectAltNames(text: string): { type: string; value: string }[] {
  const names: { type: string; value: string }[] = [];
  const entry = /([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/gy;
  let match: RegExpExecArray | null;
  while (entry.lastIndex < text.length && (match = entry.exec(text)) !== null) {
    let value = match[2]!;
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        value = value.slice(1, -1);
      }
    }
    names.push({ type: match[1]!, value });
  }
  return names;
}

function fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

export function describePublicKey(spki: Uint8Array): string {
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    const details = key.asymmetricKeyDetails ?? {};
    switch (key.asymmetricKeyType) {
      case 'rsa':
      case 'rsa-pss':
        return `RSA ${details.modulusLength ?? '?'}`;
      case 'ec':
        return `EC ${details.namedCurve === 'prime256v1' ? 'P-256' : details.namedCurve === 'secp384r1' ? 'P-384' : details.namedCurve === 'secp521r1' ? 'P-521' : details.namedCurve ?? '?'}`;
      case 'ed25519':
        return 'Ed25519';
      case 'ed448':
        return 'Ed448';
      default:
        return key.asymmetricKeyType ?? 'unknown';
    }
  } catch {
    return 'unknown';
  }
}

/** Whether `issuer`'s key made `subject`'s signature (Node checks the signature synchronously). */
export function signs(issuer: CertificateInfo, subject: CertificateInfo): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(issuer.spki), format: 'der', type: 'spki' });
    return new NodeX509(Buffer.from(subject.der)).verify(publicKey);
  } catch {
    return false;
  }
}
