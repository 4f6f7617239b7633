// Test certificates made on the fly (no fixtures to expire): @peculiar/x509 builds them with Node's WebCrypto;
// Node's KeyObject re-exports keys as PKCS#1, SEC1 or encrypted PKCS#8.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { literalBlock, secretYaml } from './manifests';

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

/** A TLS Secret manifest with base64 data (or plain stringData); no `namespace:` when it is undefined. */
export function tlsSecretYaml(name: string, namespace: string | undefined, crt: string, key: string, form: 'data' | 'stringData' = 'data'): string {
  if (form === 'data') return secretYaml(name, namespace, { data: { 'tls.crt': Buffer.from(crt).toString('base64'), 'tls.key': Buffer.from(key).toString('base64') } });
  return secretYaml(name, namespace, { stringData: { 'tls.crt': literalBlock(crt), 'tls.key': literalBlock(key) } });
}

/**
 * Every form of private keys that must never be shown: each PEM body line, and the base64 of each whole PEM (what a
 * Secret's `data.tls.key` holds) in 20-character chunks starting every `step` characters.
 */
export function keyFragments(keyPems: readonly string[], step = 20): string[] {
  const fragments: string[] = [];
  for (const pem of keyPems) {
    fragments.push(...pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----')));
    const b64 = Buffer.from(pem).toString('base64');
    for (let i = 0; i + 20 <= b64.length; i += step) fragments.push(b64.slice(i, i + 20));
  }
  return fragments;
}
