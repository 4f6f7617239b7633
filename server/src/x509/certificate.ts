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

export function parseCertificate(der: Uint8Array): CertificateInfo {
  const cert = new X509Certificate(der);
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
    fingerprint256: createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':'),
    spki,
    der,
  };
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
