// Test certificates made on the fly (no fixtures to expire): @peculiar/x509 builds them with Node's WebCrypto;
// Node's KeyObject re-exports keys as PKCS#1, SEC1 or encrypted PKCS#8.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as never);

type CryptoKeyPair = { publicKey: webcrypto.CryptoKey; privateKey: webcrypto.CryptoKey };

export type KeyAlgorithm = 'RSA' | 'EC';

export interface TestCertificate {
  readonly certPem: string;
  /** PKCS#8 PEM. */
  readonly keyPem: string;
  readonly keys: CryptoKeyPair;
  readonly cert: x509.X509Certificate;
  readonly subject: string;
}

const ALGORITHMS: Record<KeyAlgorithm, webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams> = {
  RSA: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
  EC: { name: 'ECDSA', namedCurve: 'P-256' },
};
const SIGNING: Record<KeyAlgorithm, webcrypto.Algorithm | webcrypto.EcdsaParams> = { RSA: ALGORITHMS.RSA, EC: { name: 'ECDSA', hash: 'SHA-256' } };

const DAY = 24 * 60 * 60 * 1000;
let serial = 1;

export async function makeCertificate(opts: {
  cn: string;
  dnsNames?: readonly string[];
  /** Days relative to now. */
  notBeforeDays?: number;
  notAfterDays?: number;
  algorithm?: KeyAlgorithm;
  isCA?: boolean;
  issuer?: TestCertificate;
}): Promise<TestCertificate> {
  const algorithm = opts.algorithm ?? 'EC';
  const keys = (await webcrypto.subtle.generateKey(ALGORITHMS[algorithm] as never, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const issuerAlgorithm = opts.issuer ? (opts.issuer.keys.privateKey.algorithm.name === 'ECDSA' ? 'EC' : 'RSA') : algorithm;
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(opts.isCA === true, undefined, true)];
  if (opts.dnsNames && opts.dnsNames.length > 0) {
    extensions.push(new x509.SubjectAlternativeNameExtension(opts.dnsNames.map((value) => ({ type: 'dns' as const, value }))));
  }
  const subject = `CN=${opts.cn}`;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: String(serial++).padStart(2, '0'),
    subject,
    issuer: opts.issuer?.subject ?? subject,
    notBefore: new Date(Date.now() + (opts.notBeforeDays ?? -1) * DAY),
    notAfter: new Date(Date.now() + (opts.notAfterDays ?? 365) * DAY),
    signingAlgorithm: SIGNING[issuerAlgorithm] as never,
    publicKey: keys.publicKey as never,
    signingKey: (opts.issuer?.keys.privateKey ?? keys.privateKey) as never,
    extensions,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as never));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { certPem: cert.toString('pem'), keyPem, keys, cert, subject };
}

/** The same private key as PKCS#1 (RSA) or SEC1 (EC). */
export function traditionalKey(pkcs8Pem: string): string {
  const key = createPrivateKey(pkcs8Pem);
  return key.export({ type: key.asymmetricKeyType === 'rsa' ? 'pkcs1' : 'sec1', format: 'pem' }).toString();
}

export function encryptedKey(pkcs8Pem: string): string {
  return createPrivateKey(pkcs8Pem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();
}

/** A TLS Secret manifest with base64 data (or plain stringData). */
export function tlsSecretYaml(name: string, namespace: string, crt: string, key: string, form: 'data' | 'stringData' = 'data'): string {
  const head = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ntype: kubernetes.io/tls\n`;
  if (form === 'data') {
    return `${head}data:\n  tls.crt: ${Buffer.from(crt).toString('base64')}\n  tls.key: ${Buffer.from(key).toString('base64')}\n`;
  }
  const block = (text: string) => text.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  return `${head}stringData:\n  tls.crt: |\n${block(crt)}\n  tls.key: |\n${block(key)}\n`;
}
