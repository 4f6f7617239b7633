// Decides how a file is read before any YAML parsing: a manifest, a Kustomization, or something to skip (and
// why, so the CLI can count it and the server can log it).
import { Minimatch } from 'minimatch';
import * as path from 'node:path';
import { uriToPath } from './uris';

export type SkipReason = 'helm-template' | 'too-large' | 'binary' | 'excluded';

export type FileKind =
  | { readonly kind: 'manifest' }
  | { readonly kind: 'kustomization' }
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly detail: string };

export const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export interface FileKindOptions {
  readonly maxFileSize: number;
  readonly exclude: readonly string[];
  /** Directories (as file paths) that hold a Chart.yaml: their `templates/` are Helm templates. */
  readonly isChartDirectory: (dir: string) => boolean;
  /** The workspace roots, to match exclude globs against workspace-relative paths. */
  readonly roots: readonly string[];
}

// A Go template action: `{{ .Values.x }}`, `{{- include "x" . }}`. Helm files are not YAML until rendered. A GitHub
// Actions expression `${{ github.ref }}` is not one: the `$` before it rules it out.
const TEMPLATE_ACTION = /(?<!\$)\{\{-?\s*[^}]*\}\}/;

const MANIFEST: FileKind = Object.freeze({ kind: 'manifest' });
const KUSTOMIZATION: FileKind = Object.freeze({ kind: 'kustomization' });

export function classifyFile(uri: string, text: string, options: FileKindOptions): FileKind {
  const filePath = uriToPath(uri);
  if (isExcluded(filePath, options)) return { kind: 'skipped', reason: 'excluded', detail: 'matches gatewayTls.exclude' };
  if (text.length > options.maxFileSize) {
    return { kind: 'skipped', reason: 'too-large', detail: `${text.length} bytes is over gatewayTls.maxFileSize (${options.maxFileSize})` };
  }
  if (text.includes('\u0000')) {
    return { kind: 'skipped', reason: 'binary', detail: looksUtf16(text) ? 'UTF-16 text; save it as UTF-8' : 'the file holds NUL bytes' };
  }
  // GitHub configuration (workflows, composite actions) is plain YAML, whatever `{{ }}` its shell steps print.
  if (!isGitHubConfiguration(filePath) && (isUnderChartTemplates(filePath, options) || (text.includes('{{') && TEMPLATE_ACTION.test(text)))) {
    return { kind: 'skipped', reason: 'helm-template', detail: 'a Helm template: check the rendered output instead' };
  }
  return KUSTOMIZATION_NAMES.has(path.basename(filePath)) ? KUSTOMIZATION : MANIFEST;
}

/**
 * Whether text with NULs is UTF-16 read as UTF-8 (files reach the core already decoded as UTF-8): its byte order
 * mark (FF FE or FE FF) decodes to two replacement characters, or, without one, every other character of the first
 * line is a NUL (ASCII in UTF-16). The reason stays `binary` (the JSON contract's reasons are unchanged); the detail
 * says what to do.
 */
function looksUtf16(text: string): boolean {
  if (text.startsWith('\ufffd\ufffd')) return true;
  const head = text.slice(0, 64);
  if (head.length < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0) (i % 2 === 0 ? even++ : odd++);
  const half = Math.floor(head.length / 2);
  return even >= half - 1 || odd >= half - 1;
}

const GITHUB_DIRECTORY = /(?:^|[\\/])\.github[\\/]/;

function isGitHubConfiguration(filePath: string): boolean {
  return GITHUB_DIRECTORY.test(filePath);
}

const TEMPLATES_DIRECTORY = /[\\/]templates[\\/]/;

function isUnderChartTemplates(filePath: string, options: FileKindOptions): boolean {
  // Most files are under no `templates/` directory at all: no walk up the tree for them.
  if (!TEMPLATES_DIRECTORY.test(filePath)) return false;
  let dir = path.dirname(filePath);
  for (let i = 0; i < 64; i++) {
    if (path.basename(dir) === 'templates' && options.isChartDirectory(path.dirname(dir))) return true;
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
  return false;
}

function isExcluded(filePath: string, options: FileKindOptions): boolean {
  if (options.exclude.length === 0) return false;
  // Under a root, the workspace-relative path is the path's tail: no path.relative per file and root.
  const relative = options.roots.flatMap((root) => {
    const prefix = root.endsWith(path.sep) ? root : root + path.sep;
    return filePath.startsWith(prefix) ? [filePath.slice(prefix.length)] : [];
  });
  const candidates = [filePath, ...relative];
  return options.exclude.some((glob) => candidates.some((candidate) => compiled(glob).match(candidate)));
}

const patterns = new Map<string, { match: (candidate: string) => boolean }>();

/** Globs are compiled once, to a regular expression where minimatch can: the check runs for every file of a scan. */
function compiled(glob: string): { match: (candidate: string) => boolean } {
  let pattern = patterns.get(glob);
  if (!pattern) {
    const matcher = new Minimatch(glob, { dot: true, matchBase: !glob.includes('/') });
    const re = matcher.makeRe();
    // matchBase globs match the base name, which a whole-path expression does not express.
    pattern = re && !matcher.options.matchBase ? { match: (c) => re.test(c) } : matcher;
    patterns.set(glob, pattern);
  }
  return pattern;
}
