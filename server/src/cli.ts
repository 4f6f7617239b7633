// The CLI: `gateway-tls check [paths...] [--format text|json|sarif] [--max-warnings N] [--kustomize auto|off]
// [--implementation ID|auto|none]`, and `gateway-tls map [paths...] [--format text|json|mermaid]` (the TLS map:
// Gateway → listener → certificate and routes, with the same problems `check` reports). It
// runs the same language service as the server, in process (it never spawns the server). Files are found by a
// bounded walk and read one at a time (never all at once); then the root kustomizations among them are built with
// the real kustomize, when there are any and it is found (in parallel, each once), and everything is checked. Exit: 0 clean, 1 errors (or too many warnings), 2 bad usage,
// an internal failure, or an incomplete check (a file or directory that should have been checked could not be read).
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { getLanguageService } from './languageService';
import { readFiles } from './node/readFiles';
import { detectKustomize } from './node/kustomize';
import { buildRoots } from './node/kustomize/buildRoots';
import { findYamlFiles, rereadFile, type FoundFiles } from './node/scanWorkspace';
import { toReported } from './report/fromDiagnostics';
import { formatJson } from './report/json';
import { formatMapJson, toReportedMap } from './report/mapJson';
import { formatMapMermaid } from './report/mapMermaid';
import { formatMapText } from './report/mapText';
import { formatSarif } from './report/sarif';
import { formatText } from './report/text';
import type { KustomizeStatus, Report, ReportedDiagnostic, SkippedFile } from './report/types';
import type { LanguageService } from './languageService';
import { assertsAbsence } from './rules/absence';
import { IMPLEMENTATIONS, profileById } from './model/implementations';
import { isCode } from './rules/catalog';
import { nearNames } from './util/nearNames';
import { pathToUri, uriToPath } from './workspace/uris';

const VERSION = '0.1.0';
const USAGE = `Usage: gateway-tls check [paths...] [options]
       gateway-tls map [paths...] [options]

check: checks Kubernetes Gateway API TLS configuration in YAML files (directories are searched recursively).
map:   prints the TLS map: each Gateway's listeners (port, protocol, hostname, TLS mode), the certificate each
       serves (Secret or producer, subject, SANs, expiry) and the routes attached with the hostnames they bring,
       with the problems check reports on each listener. Exit status 0 (informational), 2 on bad usage.

Options:
  --format text|json|sarif   check's output format (default: text)
  --format text|json|mermaid map's output format (default: text)
  --max-warnings N           exit 1 when there are more than N warnings
  --severity CODE=LEVEL      override a code's severity (off, error, warning, info, hint); repeatable
  --exclude GLOB             skip files matching GLOB; repeatable
  --max-file-size BYTES      skip larger files (default: 2 MiB)
  --kustomize auto|off       auto (default): build every root kustomization with kustomize v4+ when it is found,
                             and check what the builds apply; off: check the files as written
  --kustomize-command CMD    the command that builds: kustomize, "kubectl kustomize", or a path to either
                             (default: kustomize on PATH, else kubectl kustomize)
  --implementation ID|auto|none
                             which implementation serves the Gateways: auto (default): from each GatewayClass's
                             controllerName or a well-known class name; none: no implementation checks; or an id
                             of the README's implementation table (e.g. envoyproxy/envoy-gateway) for every Gateway
  -h, --help                 show this help
  -v, --version              print the version

Exit status: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 bad usage, an internal failure, or
an incomplete check (some file or directory could not be read; findings that something is missing are then withheld).
A Kustomize build that fails is a warning (kustomize-build-failed), not a failure of the run.
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'max-warnings': { type: 'string' },
      severity: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'max-file-size': { type: 'string' },
      kustomize: { type: 'string', default: 'auto' },
      'kustomize-command': { type: 'string' },
      implementation: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'check' && command !== 'map') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  const format = values.format;
  if (command === 'map') {
    if (format !== 'text' && format !== 'json' && format !== 'mermaid') throw new UsageError(`unknown format "${format}" (text, json or mermaid)`);
    if (values['max-warnings'] !== undefined) throw new UsageError('--max-warnings is an option of check, not of map');
  } else if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
  const maxWarnings = values['max-warnings'] === undefined ? undefined : parseCount(values['max-warnings'], '--max-warnings');
  const settings: Record<string, unknown> = { severity: parseSeverities(values.severity ?? []) };
  if (values.exclude) settings.exclude = ['**/node_modules/**', '**/.git/**', ...values.exclude];
  if (values['max-file-size'] !== undefined) settings.maxFileSize = parseCount(values['max-file-size'], '--max-file-size');
  const kustomizeBuilds = values.kustomize;
  if (kustomizeBuilds !== 'auto' && kustomizeBuilds !== 'off') throw new UsageError(`--kustomize takes auto or off, not "${kustomizeBuilds}"`);
  const kustomizeCommand = values['kustomize-command'];
  if (kustomizeCommand !== undefined && kustomizeCommand.trim() === '') throw new UsageError('--kustomize-command takes a command, not an empty string');

  if (values.implementation !== undefined) settings.implementation = parseImplementation(values.implementation);

  const cwd = process.cwd();
  const loaded = await loadWorkspace(paths, settings, cwd, kustomizeBuilds === 'off' ? undefined : kustomizeCommand ?? '');
  const { service, readable, skipped, checked, incomplete, kustomize } = loaded;

  if (command === 'map') {
    const map = toReportedMap(service.doTlsMap({ withholdAbsence: incomplete }), (uri) => relativePath(uriToPath(uri), cwd));
    process.stdout.write(format === 'json' ? formatMapJson(map) : format === 'mermaid' ? formatMapMermaid(map) : formatMapText(map));
    if (incomplete) process.stderr.write(`gateway-tls: some files could not be read: ${skipped.filter((s) => s.reason === 'unreadable').map((s) => s.file).join(', ')}\n`);
    return 0;
  }

  let diagnostics: ReportedDiagnostic[] = [];
  for (const file of readable) {
    for (const d of service.doValidation(file.uri)) diagnostics.push(toReported(file.path, cwd, d));
  }
  // An unread file may hold the Secret (grant, Service, ConfigMap) a finding calls missing: never report those as
  // problems of the files that were read. Everything else is still reported; the exit status says "incomplete".
  const kept = incomplete ? diagnostics.filter((d) => !assertsAbsence(d.code, d.message)) : diagnostics;
  const withheld = diagnostics.length - kept.length;
  diagnostics = kept;
  diagnostics.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
  const report: Report = { diagnostics, filesChecked: checked, skipped, withheld, kustomize };

  const output = format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, VERSION) : formatText(report);
  process.stdout.write(output);
  if (incomplete) return 2;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? 1 : 0;
}

interface LoadedWorkspace {
  readonly service: LanguageService;
  /** Files with something the product reads (only they can have findings). */
  readonly readable: readonly { readonly path: string; readonly uri: string }[];
  readonly skipped: readonly SkippedFile[];
  readonly checked: number;
  /** Some file or directory could not be read. */
  readonly incomplete: boolean;
  readonly kustomize: KustomizeStatus;
}

/**
 * What `check` and `map` share: the service over every YAML file under `paths` (a bounded walk, one file open at a
 * time), then the root kustomizations among them built (command: see buildKustomizeRoots).
 */
async function loadWorkspace(paths: readonly string[], settings: Record<string, unknown>, cwd: string, kustomizeCommand: string | undefined): Promise<LoadedWorkspace> {
  const targets = paths.length > 0 ? paths : ['.'];
  const service = getLanguageService({ settings, roots: [cwd], log: (m) => process.stderr.write(`gateway-tls: ${m}\n`), reread: rereadFile });
  let found: FoundFiles;
  try {
    found = await findYamlFiles(targets);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const relative = (filePath: string) => relativePath(filePath, cwd);
  // Unreadable directories end in `/`: whatever they hold was not checked either.
  const skipped: SkippedFile[] = found.unreadable.map((u) => ({ file: `${relative(u.path)}${u.directory ? '/' : ''}`, reason: 'unreadable', detail: u.detail }));
  const readable: { path: string; uri: string }[] = [];
  let checked = 0;
  // One file open at a time, in order: Chart.yaml files come first.
  for await (const file of readFiles(found.files, { maxBytes: service.settings.maxFileSize })) {
    if (file.text === undefined) {
      skipped.push({ file: relative(file.path), reason: file.skip?.reason ?? 'unreadable', detail: file.skip?.detail ?? 'not read' });
      continue;
    }
    const uri = pathToUri(file.path);
    const indexed = service.setDocument(uri, file.text);
    // Keep values, not syntax trees: the few documents with findings re-parse theirs when reported.
    service.releaseDocument(uri);
    if (indexed.kind.kind === 'skipped') skipped.push({ file: relative(file.path), reason: indexed.kind.reason, detail: indexed.kind.detail });
    else {
      checked++;
      // Only files with something the product reads can have findings.
      if (indexed.yaml) readable.push({ path: file.path, uri });
    }
  }
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const incomplete = skipped.some((s) => s.reason === 'unreadable');

  // Every file is in the index now: the Kustomize graph is complete, so each root is built once.
  const kustomize = await buildKustomizeRoots(service, targets.map((t) => path.resolve(cwd, t)), kustomizeCommand);
  return { service, readable, skipped, checked, incomplete, kustomize };
}

function relativePath(filePath: string, cwd: string): string {
  return path.relative(cwd, filePath).split(path.sep).join('/') || path.basename(filePath);
}

/**
 * Builds the root kustomizations under the checked paths when kustomize v4+ is found (command: --kustomize-command,
 * '' for auto-detection; undefined for `--kustomize=off`), else leaves the service checking files as written.
 * Detection spawns processes: it runs only when there is a kustomization to build.
 */
async function buildKustomizeRoots(service: LanguageService, targets: readonly string[], command: string | undefined): Promise<KustomizeStatus> {
  const roots = service.kustomizeRoots().filter((root) => targets.some((target) => isWithin(path.resolve(root.dir), target) || isWithin(target, path.resolve(root.dir))));
  const files = (reason?: string): KustomizeStatus => ({ mode: 'files', roots: roots.length, rootsBuilt: 0, rootsFailed: 0, ...(reason !== undefined ? { reason } : {}) });
  if (roots.length === 0) return files();
  if (command === undefined) return files('--kustomize=off');
  const detection = await detectKustomize(command);
  if (!detection.found) return files(detection.reason);
  service.setKustomizeMode('builds');
  // Each build is bounded by buildRoot's default limits (20 s, 64 MiB of output): the CLI reads no settings file,
  // so gatewayTls.kustomize.timeoutSeconds is always its default, the same 20 s.
  const result = await buildRoots(service, detection.tool, { roots });
  return { mode: 'builds', roots: roots.length, rootsBuilt: result.built, rootsFailed: result.failed.length, tool: detection.tool.label };
}

/** Whether `inner` is `outer` or inside it (absolute paths). */
function isWithin(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function parseCount(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, not "${value}"`);
  return Number(value);
}

/** auto, none, or an id of the profiles table (exact); anything else is a usage error naming the valid ids. */
function parseImplementation(value: string): string {
  const id = value.trim();
  if (id === 'auto' || id === 'none' || profileById(id)) return id;
  const ids = IMPLEMENTATIONS.map((p) => p.id);
  const near = nearNames(id, ids, 2);
  const hint = near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : '';
  throw new UsageError(`--implementation takes auto, none or an implementation id, not "${value}"${hint}. Ids: ${ids.join(', ')}`);
}

function parseSeverities(entries: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of entries) {
    const match = /^([a-z0-9-]+)=(off|error|warning|info|hint)$/.exec(entry);
    if (!match) throw new UsageError(`--severity takes CODE=off|error|warning|info|hint, not "${entry}"`);
    if (!isCode(match[1]!)) throw new UsageError(`unknown code "${match[1]}"`);
    result[match[1]!] = match[2]!;
  }
  return result;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS')) {
      process.stderr.write(`gateway-tls: ${(error as Error).message}\n\n${USAGE}`);
    } else {
      process.stderr.write(`gateway-tls: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    }
    process.exitCode = 2;
  },
);
