// The certificate material of a TLS Secret: tls.crt and tls.key decoded from `data` (base64) or `stringData`
// (plain; it wins over data, as in the API server), analysed once per content.
import { createHash } from 'node:crypto';
import { isRecord, type K8sObject } from '../model/object';
import type { NodePath, ParsedYamlDocument } from '../parser/types';
import { analyzeTlsPair, type TlsPairAnalysis } from './analyzeTlsPair';
import { isPlaceholder } from './placeholder';

export interface TlsMaterialEntry {
  readonly text: string | undefined;
  /** Where the value is written (for diagnostics on the Secret itself). */
  readonly path: NodePath;
  /** Set when the value could not be decoded. */
  readonly problem?: string;
  /** The value is an obvious placeholder (`<base64-cert>`, `REPLACE_ME`, base64 cut short with `...`). */
  readonly placeholder?: boolean;
}

export interface TlsMaterial {
  readonly crt: TlsMaterialEntry | undefined;
  readonly key: TlsMaterialEntry | undefined;
}

const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

export function tlsMaterial(object: K8sObject): TlsMaterial | undefined {
  if (isRecord(object.value.sops)) return undefined; // encrypted values: only structure can be checked
  const read = (key: 'tls.crt' | 'tls.key'): TlsMaterialEntry | undefined => {
    const stringData = isRecord(object.value.stringData) ? object.value.stringData : {};
    const data = isRecord(object.value.data) ? object.value.data : {};
    if (typeof stringData[key] === 'string') {
      const text = stringData[key] as string;
      return isPlaceholder(text) ? placeholder('stringData', key) : { text, path: ['stringData', key] };
    }
    const odd = notText('stringData', stringData, key) ?? notText('data', data, key);
    if (odd) return odd;
    const encoded = data[key];
    if (typeof encoded !== 'string') return undefined;
    if (isPlaceholder(encoded)) return placeholder('data', key);
    const text = Buffer.from(encoded, 'base64').toString('utf8');
    if (BASE64.test(encoded) && isPlaceholder(text)) return placeholder('data', key);
    // Node decodes leniently; only text that did not decode to PEM is worth the strict check.
    if (!text.includes('-----BEGIN') && !BASE64.test(encoded)) return { text: undefined, path: ['data', key], problem: `data.${key} is not base64 (use stringData for plain PEM text)` };
    return { text, path: ['data', key] };
  };
  return { crt: read('tls.crt'), key: read('tls.key') };
}

function placeholder(field: 'data' | 'stringData', key: 'tls.crt' | 'tls.key'): TlsMaterialEntry {
  return { text: undefined, path: [field, key], placeholder: true, problem: `${field}.${key} is a placeholder, not ${key === 'tls.crt' ? 'a certificate' : 'a private key'}` };
}

/**
 * A value that is not text (`tls.crt: [1, 2]`, `tls.key: {a: 1}`, a number): the API server rejects the Secret,
 * whose values are strings (`data`: base64 of the bytes). Null (an empty value) is left to the other checks.
 */
function notText(field: 'data' | 'stringData', map: Record<string, unknown>, key: 'tls.crt' | 'tls.key'): TlsMaterialEntry | undefined {
  if (!Object.prototype.hasOwnProperty.call(map, key)) return undefined;
  const value = map[key];
  if (value === null || value === undefined || typeof value === 'string') return undefined;
  const what = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : `the ${typeof value} ${String(value)}`;
  const expected = field === 'data' ? 'a string (the base64 of the PEM text)' : 'a string (the PEM text)';
  return { text: undefined, path: [field, key], problem: `${field}.${key} must be ${expected}, but it is ${what}: the API server rejects the Secret` };
}

const cache = new Map<string, TlsPairAnalysis>();
const CACHE_LIMIT = 2000;

/** Analysis of the pair, cached by a hash of its content (parsing and signature checks are the slow part). */
export function analyzeMaterial(material: TlsMaterial): TlsPairAnalysis {
  const crt = material.crt?.text;
  const key = material.key?.text;
  const id = createHash('sha256').update(crt ?? '\u0000').update('\u0001').update(key ?? '\u0000').digest('hex');
  let analysis = cache.get(id);
  if (!analysis) {
    analysis = analyzeTlsPair(crt, key);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(id, analysis);
  }
  return analysis;
}

const perDocument = new WeakMap<ParsedYamlDocument, { material: TlsMaterial; analysis: TlsPairAnalysis } | null>();

/** A Secret's material and its analysis, once per parsed document (undefined for SOPS-encrypted Secrets). */
export function secretCertificates(object: K8sObject): { material: TlsMaterial; analysis: TlsPairAnalysis } | undefined {
  let entry = perDocument.get(object.source.document);
  if (entry === undefined) {
    const material = tlsMaterial(object);
    entry = material ? { material, analysis: analyzeMaterial(material) } : null;
    perDocument.set(object.source.document, entry);
  }
  return entry ?? undefined;
}
