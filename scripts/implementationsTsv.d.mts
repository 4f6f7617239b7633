// Types for scripts/implementationsTsv.mjs, so the unit tests can import it under `tsc --noEmit`.
export interface ImplementationRow {
  implementation: string;
  version: string;
  gatewayApiVersion: string;
  reportDate: string;
  controllerName: string;
  report: string;
  supported: string[];
  unsupported: string[];
}
export interface ExtraFacts {
  name?: string;
  controllerNames?: string[];
  classNames?: string[];
  apiGroups?: string[];
  _notes?: string | string[];
}
export interface GeneratedImplementation {
  id: string;
  name: string;
  version: string;
  gatewayApiVersion: string;
  reportDate: string;
  report: string;
  reportUrl: string;
  controllerNames: string[];
  classNames: string[];
  apiGroups: string[];
  supported: string[];
  unsupported: string[];
}
export interface GeneratedImplementations {
  source: string;
  generated: string;
  implementations: GeneratedImplementation[];
}
export const EXPECTED_COLUMNS: readonly string[];
export const DEFAULT_TSV: string;
export const REPORT_URL_BASE: string;
export const FEATURE_ABBREVIATIONS: Readonly<Record<string, string>>;
export function parseImplementationsTsv(text: string): ImplementationRow[];
export function buildImplementations(rows: ImplementationRow[], extra: Record<string, ExtraFacts | unknown>, source?: string): GeneratedImplementations;
export function renderImplementationsTable(data: GeneratedImplementations, features: Readonly<Record<string, string>>): string;
