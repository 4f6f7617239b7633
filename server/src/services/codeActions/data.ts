// Reads a diagnostic's `data` defensively: it makes a round trip through the client, which may drop it or hand
// back anything, so every field is checked against the shape the rule promised.
import type { Diagnostic } from 'vscode-languageserver-types';

type FieldType = 'string' | 'string[]';
type Shape = Readonly<Record<string, FieldType>>;
type Read<S extends Shape> = { -readonly [K in keyof S]: S[K] extends 'string[]' ? string[] : string };

export function readData<S extends Shape>(diagnostic: Diagnostic, shape: S): Read<S> | undefined {
  const data: unknown = diagnostic.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  for (const [field, type] of Object.entries(shape)) {
    const value = record[field];
    const ok = type === 'string' ? typeof value === 'string' && value !== '' : Array.isArray(value) && value.every((v) => typeof v === 'string');
    if (!ok) return undefined;
  }
  return Object.fromEntries(Object.keys(shape).map((field) => [field, record[field]])) as Read<S>;
}
