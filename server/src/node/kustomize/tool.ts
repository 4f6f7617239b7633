// Which kustomize to run, and whether it is new enough. Builds rely on `buildMetadata: [originAnnotations]` and on
// v4+ error texts, so an older kustomize (or a kubectl that embeds one, before v1.21) counts as absent.
import { basename } from 'node:path';
import { findExecutable } from './findExecutable';
import { runBounded } from './run';

export interface KustomizeTool {
  /** The command before the directory: the program as an absolute path, then its arguments, e.g. ['/usr/bin/kubectl', 'kustomize'] or ['/usr/local/bin/kustomize', 'build']. */
  readonly argv: readonly string[];
  /** e.g. 'v5.5.0' */
  readonly version: string;
  /** For logs and messages, e.g. 'kubectl kustomize (kustomize v5.5.0)'. */
  readonly label: string;
}

export type ToolDetection =
  | { readonly found: true; readonly tool: KustomizeTool }
  | { readonly found: false; readonly reason: string };

const PROBE_TIMEOUT_MS = 5000;
const MIN_MAJOR = 4;
const HOW_TO_ENABLE = 'set gatewayTls.kustomize.command (CLI: --kustomize-command) to a kustomize v4+ or `kubectl kustomize` to enable Kustomize builds';

/** What one candidate command turned out to be. */
type Probe = { readonly ok: true; readonly tool: KustomizeTool } | { readonly ok: false; readonly why: string };

/**
 * command: the user's setting or flag ('kustomize', 'kubectl kustomize', '/usr/local/bin/kustomize', …); '' or
 * undefined means auto: `kustomize` if on PATH and usable, else `kubectl kustomize`. env defaults to process.env.
 * Never throws; each probe is bounded by a 5 s timeout.
 */
export async function detectKustomize(command: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<ToolDetection> {
  try {
    const trimmed = command?.trim() ?? '';
    const candidates = trimmed === '' ? ['kustomize', 'kubectl kustomize'] : [trimmed];
    const failures: string[] = [];
    for (const candidate of candidates) {
      const probe = await probeCommand(candidate, env);
      if (probe.ok) return { found: true, tool: probe.tool };
      failures.push(probe.why);
    }
    const tried = trimmed === '' ? `Kustomize builds are off (auto-detect): ${failures.join('; ')}` : `Kustomize builds are off: ${failures[0]}`;
    return { found: false, reason: `${tried}; ${HOW_TO_ENABLE}.` };
  } catch (error) {
    return { found: false, reason: `Kustomize builds are off: detection failed (${error instanceof Error ? error.message : String(error)}); ${HOW_TO_ENABLE}.` };
  }
}

async function probeCommand(command: string, env: NodeJS.ProcessEnv): Promise<Probe> {
  const words = splitCommand(command, env);
  const program = findExecutable(words[0]!, env);
  if (!program) return { ok: false, why: `\`${words[0]}\` was not found${words[0]!.includes('/') ? '' : ' on PATH'}` };
  const rest = words.slice(1);
  // `kubectl kustomize` (or `oc kustomize`): a client whose `kustomize` subcommand builds; its version comes from
  // `<client> version --client`. A bare `kubectl` means the same.
  const viaClient = rest[0] === 'kustomize' || (rest.length === 0 && /^kubectl(\.exe)?$/i.test(basename(program)));
  const argv = viaClient ? [program, 'kustomize', ...rest.slice(1)] : [program, ...(rest[0] === 'build' ? rest : ['build', ...rest])];
  const display = viaClient ? `${words[0]} kustomize` : words[0]!;
  const probeArgv = viaClient ? [program, 'version', '--client'] : [program, 'version'];

  const run = await runBounded(probeArgv, env, { timeoutMs: PROBE_TIMEOUT_MS, maxStdoutBytes: 64 * 1024, maxStderrBytes: 16 * 1024 });
  const shown = `\`${probeArgv.slice(1).length ? `${words[0]} ${probeArgv.slice(1).join(' ')}` : words[0]}\``;
  if (run.kind === 'spawnError') return { ok: false, why: `${shown} could not start (${run.error})` };
  if (run.kind === 'timeout') return { ok: false, why: `${shown} did not answer within ${PROBE_TIMEOUT_MS / 1000} s` };
  if (run.kind === 'overflow') return { ok: false, why: `${shown} printed too much` };
  if (run.code !== 0) return { ok: false, why: `${shown} failed${firstLine(run.stderr) ? ` (${firstLine(run.stderr)})` : ''}` };

  const version = viaClient ? parseClientKustomizeVersion(run.stdout) : parseKustomizeVersion(run.stdout);
  if (!version) {
    const what = viaClient ? `${shown} names no Kustomize version (kubectl before v1.21 embeds kustomize v2)` : `${shown} printed no version we can read`;
    return { ok: false, why: what };
  }
  if (version.major < MIN_MAJOR) return { ok: false, why: `\`${display}\` is kustomize ${version.text}, older than v${MIN_MAJOR}` };
  return { ok: true, tool: { argv, version: version.text, label: `${display} (kustomize ${version.text})` } };
}

/** The whole command when it names an existing program (a path with spaces), else its whitespace-separated words. */
function splitCommand(command: string, env: NodeJS.ProcessEnv): string[] {
  if (/\s/.test(command) && findExecutable(command, env) && /[\\/]/.test(command)) return [command];
  return command.split(/\s+/).filter((word) => word !== '');
}

interface Version {
  readonly major: number;
  readonly text: string;
}

/** `kubectl version --client`: the line `Kustomize Version: v5.5.0`. */
function parseClientKustomizeVersion(stdout: string): Version | undefined {
  const match = /Kustomize Version:\s*v?(\d+)\.(\d+)\.(\d+)/i.exec(stdout);
  return match ? { major: Number(match[1]), text: `v${match[1]}.${match[2]}.${match[3]}` } : undefined;
}

/** `kustomize version`: `v5.4.2`, or older `{Version:kustomize/v4.5.7 GitCommit:…}`, or `Version: kustomize/v3.8.0 …`. */
function parseKustomizeVersion(stdout: string): Version | undefined {
  const match = /kustomize\/v?(\d+)\.(\d+)\.(\d+)/.exec(stdout) ?? /(?:^|\s)v?(\d+)\.(\d+)\.(\d+)/.exec(stdout);
  return match ? { major: Number(match[1]), text: `v${match[1]}.${match[2]}.${match[3]}` } : undefined;
}

function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, 200);
}
