// PEM text → typed DER blocks. @peculiar/x509 does the decoding; this module only adds the labels we care about
// and turns its exceptions into a readable reason.
import 'reflect-metadata';
import { PemConverter } from '@peculiar/x509';

export interface PemBlock {
  /** The label between BEGIN and END, e.g. `CERTIFICATE`, `PRIVATE KEY`, `EC PRIVATE KEY`. */
  readonly label: string;
  readonly der: Uint8Array;
}

export type PemResult = { readonly ok: true; readonly blocks: readonly PemBlock[] } | { readonly ok: false; readonly reason: string };

export function readPem(text: string): PemResult {
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(text)) return { ok: false, reason: 'it holds no PEM block (-----BEGIN …-----)' };
  try {
    const structs = PemConverter.decodeWithHeaders(text);
    if (structs.length === 0) return { ok: false, reason: 'its PEM blocks could not be decoded' };
    return { ok: true, blocks: structs.map((s) => ({ label: s.type.toUpperCase(), der: new Uint8Array(s.rawData) })) };
  } catch {
    // The library's message may quote the input, which can be key material: say only what went wrong.
    return { ok: false, reason: 'its PEM blocks could not be decoded (broken base64 or mismatched BEGIN/END lines)' };
  }
}
