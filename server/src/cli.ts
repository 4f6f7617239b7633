// The CLI: `gateway-tls check [paths...] [--format text|json|sarif] [--max-warnings N]`. It runs the same
// language service as the server, in process (it never spawns the server). Exit: 0 clean, 1 errors (or too
// many warnings), 2 bad usage or an internal failure.
import { parseArgs } from 'node:util';
import { getLanguageService } from './languageService';
import { findYamlFiles, readText } from './node/scanWorkspace';
import { toReported } from './report/fromDiagnostics';
import { formatJson } from './report/json';
import { formatSarif } from './report/sarif';
import { formatText } from './report/text';
import type { Report, ReportedDiagnostic } from './report/types';
import { isCode } from './rules/catalog';
import { pathToUri } from './workspace/uris';

const VERSION = '0.1.0';
const USAGE = `Usage: gateway-tls check [paths...] [options]

Checks Kubernetes Gateway API TLS configuration in YAML files (directories are searched recursively).

Options:
  --format text|json|sarif   output format (default: text)
  --max-warnings N           exit 1 when there are more than N warnings
  --severity CODE=LEVEL      override a code's severity (off, error, warning, info, hint); repeatable
  --exclude GLOB             skip files matching GLOB; repeatable
  --max-file-size BYTES      skip larger files (default: 2 MiB)
  -h, --help                 show this help
  -v, --version              print the version
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
  if (command !== 'check') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
  const maxWarnings = values['max-warnings'] === undefined ? undefined : parseCount(values['max-warnings'], '--max-warnings');
  const settings: Record<string, unknown> = { severity: parseSeverities(values.severity ?? []) };
  if (values.exclude) settings.exclude = ['**/node_modules/**', '**/.git/**', ...values.exclude];
  if (values['max-file-size'] !== undefined) settings.maxFileSize = parseCount(values['max-file-size'], '--max-file-size');

  const cwd = process.cwd();
  const targets = paths.length > 0 ? paths : ['.'];
  const service = getLanguageService({ settings, roots: [cwd], log: (m) => process.stderr.write(`gateway-tls: ${m}\n`) });
  let files: string[];
  try {
    files = await findYamlFiles(targets);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const skipped: Record<string, number> = {};
  const readable: { path: string; uri: string }[] = [];
  const texts = await Promise.all(files.map((f) => readText(f, service.settings.maxFileSize)));
  files.forEach((filePath, i) => {
    const { text, size } = texts[i]!;
    if (text === undefined) {
      const reason = size > service.settings.maxFileSize ? 'too-large' : 'unreadable';
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      return;
    }
    const uri = pathToUri(filePath);
    const indexed = service.setDocument(uri, text);
    // Keep values, not syntax trees: the few documents with findings re-parse theirs when reported.
    service.releaseDocument(uri);
    if (indexed.kind.kind === 'skipped') skipped[indexed.kind.reason] = (skipped[indexed.kind.reason] ?? 0) + 1;
    else readable.push({ path: filePath, uri });
  });

  const diagnostics: ReportedDiagnostic[] = [];
  for (const file of readable) {
    for (const d of service.doValidation(file.uri)) diagnostics.push(toReported(file.path, cwd, d));
  }
  diagnostics.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
  const report: Report = { diagnostics, filesChecked: readable.length, skipped };

  const output = format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, VERSION) : formatText(report);
  process.stdout.write(output);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? 1 : 0;
}

function parseCount(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, not "${value}"`);
  return Number(value);
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
