// Reads a PEM private key only to learn its public half, so the key can be matched with the certificate. The
// private key never leaves this function: no field of the result holds key material.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describePublicKey } from './certificate';

export type PrivateKeyResult =
  | { readonly kind: 'ok'; readonly spki: Uint8Array; readonly description: string; readonly format: string }
  | { readonly kind: 'encrypted' }
  | { readonly kind: 'invalid'; readonly reason: string };

const FORMATS: Record<string, string> = {
  'PRIVATE KEY': 'PKCS#8',
  'RSA PRIVATE KEY': 'PKCS#1',
  'EC PRIVATE KEY': 'SEC1',
  'ENCRYPTED PRIVATE KEY': 'encrypted PKCS#8',
};

export function readPrivateKey(pem: string): PrivateKeyResult {
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(pem)?.[1];
  if (!label) return { kind: 'invalid', reason: 'it holds no PEM private key (-----BEGIN … PRIVATE KEY-----)' };
  if (!label.endsWith('PRIVATE KEY')) return { kind: 'invalid', reason: `its PEM block is a ${label}, not a private key` };
  if (label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type: 4,ENCRYPTED/m.test(pem)) return { kind: 'encrypted' };
  try {
    const privateKey = createPrivateKey({ key: pem, format: 'pem' });
    const spki = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
    return { kind: 'ok', spki, description: describePublicKey(spki), format: FORMATS[label] ?? label };
  } catch {
    // Node's message can quote the input; say only what kind of failure it was.
    return { kind: 'invalid', reason: `its ${label} block could not be read as a private key` };
  }
}
