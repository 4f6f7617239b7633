// The settings the language service understands. The VS Code extension contributes them under `gatewayTls.*`;
// the CLI fills them from flags. Everything has a default so a bare service works.
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './parser/limits';
import type { Code } from './rules/catalog';

export type SeveritySetting = 'off' | 'error' | 'warning' | 'info' | 'hint';

export interface Settings {
  /** Per-code severity overrides; codes not listed keep their default. */
  readonly severity: Readonly<Partial<Record<Code, SeveritySetting>>>;
  /** Globs (matched against workspace-relative paths) of files never read. */
  readonly exclude: readonly string[];
  /** Files larger than this many bytes are skipped. */
  readonly maxFileSize: number;
  /** `openFiles`: diagnostics for open editors only; `workspace`: for every indexed file. */
  readonly diagnosticsScope: 'openFiles' | 'workspace';
  /**
   * Secrets made outside the repo (Vault, a CI job, a mirror): `name`, or `namespace/name`, globs allowed.
   * A certificateRef to one of them is never reported as missing.
   */
  readonly externalSecrets: readonly string[];
  /** `certificate-expiring` fires when the leaf expires within this many days. */
  readonly expiryWarningDays: number;
  /** Bounds on what one file may make the parser build (`gatewayTls.limits.*`, parser/limits.ts). */
  readonly limits: ParseLimits;
  /**
   * Which implementation serves the workspace's Gateways: `auto` (from each GatewayClass's controllerName, or a
   * well-known class name), `none` (no implementation checks), or an implementation id of the profiles table.
   */
  readonly implementation: string;
  /** Kustomize builds (`gatewayTls.kustomize.*`): read by the shells, which run kustomize; the core never does. */
  readonly kustomize: KustomizeSettings;
}

export interface KustomizeSettings {
  /** `auto`: build every root kustomization when kustomize v4+ is found; `off`: check files as written. */
  readonly builds: 'auto' | 'off';
  /** The command that builds (`kustomize`, `kubectl kustomize`, a path); empty: `kustomize` on PATH, else kubectl. */
  readonly command: string;
  /** A build that takes longer is stopped and reported as failed. */
  readonly timeoutSeconds: number;
}

export const DEFAULT_SETTINGS: Settings = {
  severity: {},
  exclude: ['**/node_modules/**', '**/.git/**'],
  maxFileSize: 2 * 1024 * 1024,
  diagnosticsScope: 'openFiles',
  externalSecrets: [],
  expiryWarningDays: 30,
  limits: DEFAULT_PARSE_LIMITS,
  kustomize: { builds: 'auto', command: '', timeoutSeconds: 20 },
  implementation: 'auto',
};

const SEVERITIES = new Set<SeveritySetting>(['off', 'error', 'warning', 'info', 'hint']);

/** Accepts whatever a client sends and keeps only well-formed values, so a typo in settings.json cannot break checks. */
export function readSettings(raw: unknown): Settings {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const severity: Partial<Record<Code, SeveritySetting>> = {};
  if (typeof input.severity === 'object' && input.severity !== null) {
    for (const [code, value] of Object.entries(input.severity)) {
      if (SEVERITIES.has(value as SeveritySetting)) severity[code as Code] = value as SeveritySetting;
    }
  }
  const exclude = Array.isArray(input.exclude) ? input.exclude.filter((g): g is string => typeof g === 'string') : DEFAULT_SETTINGS.exclude;
  const maxFileSize =
    typeof input.maxFileSize === 'number' && Number.isFinite(input.maxFileSize) && input.maxFileSize > 0 ? input.maxFileSize : DEFAULT_SETTINGS.maxFileSize;
  const scope = (input.diagnostics as { scope?: unknown } | undefined)?.scope ?? input.diagnosticsScope;
  const diagnosticsScope = scope === 'workspace' ? 'workspace' : 'openFiles';
  const secrets = input.secrets as { externallyManaged?: unknown } | undefined;
  const external = secrets?.externallyManaged ?? input.externalSecrets;
  const externalSecrets = Array.isArray(external) ? external.filter((e): e is string => typeof e === 'string' && e !== '') : [];
  const days = (input.certificates as { expiryWarningDays?: unknown } | undefined)?.expiryWarningDays ?? input.expiryWarningDays;
  const expiryWarningDays = typeof days === 'number' && Number.isFinite(days) && days >= 0 ? days : DEFAULT_SETTINGS.expiryWarningDays;
  const rawLimits = (typeof input.limits === 'object' && input.limits !== null ? input.limits : {}) as Record<string, unknown>;
  const count = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback);
  const limits: ParseLimits = {
    maxDocumentsPerFile: count(rawLimits.maxDocumentsPerFile, DEFAULT_PARSE_LIMITS.maxDocumentsPerFile),
    maxNodesPerDocument: count(rawLimits.maxNodesPerDocument, DEFAULT_PARSE_LIMITS.maxNodesPerDocument),
  };
  const rawKustomize = (typeof input.kustomize === 'object' && input.kustomize !== null ? input.kustomize : {}) as Record<string, unknown>;
  const timeout = rawKustomize.timeoutSeconds;
  const kustomize: KustomizeSettings = {
    builds: rawKustomize.builds === 'off' ? 'off' : 'auto',
    command: typeof rawKustomize.command === 'string' ? rawKustomize.command.trim() : '',
    timeoutSeconds: typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_SETTINGS.kustomize.timeoutSeconds,
  };
  // An id the profiles table does not know is kept: the rules treat it as an unknown implementation (no guesses).
  const implementation = typeof input.implementation === 'string' && input.implementation.trim() !== '' ? input.implementation.trim() : 'auto';
  return { severity, exclude, maxFileSize, diagnosticsScope, externalSecrets, expiryWarningDays, limits, kustomize, implementation };
}
