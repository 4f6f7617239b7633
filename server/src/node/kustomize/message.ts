// Turns kustomize's stderr into the one reason a user reads: kubectl's klog wrapping removed, our wrapper
// kustomization's layer removed, temp paths put back to the root the user asked about, and kept short.
const MAX_LINES = 10;
const MAX_CHARS = 2000;

export interface WrapperPaths {
  /** The wrapper directory, as created and as resolved (the same string when no symlink is involved). */
  readonly wrapperDirs: readonly string[];
  /** The root as written in the wrapper's `resources` (relative to the wrapper). */
  readonly relativeRoot: string;
  readonly rootDir: string;
}

export function failureMessage(stderr: string, paths: WrapperPaths): string {
  let text = unwrapKlog(stderr.replace(/\r\n?/g, '\n')).trim();
  text = stripWrapperLayer(text, paths.relativeRoot);
  for (const dir of paths.wrapperDirs) text = text.split(dir).join(paths.rootDir);
  text = text.split(`'${paths.relativeRoot}'`).join(`'${paths.rootDir}'`);
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  let short = lines.slice(0, MAX_LINES).join('\n');
  if (short.length > MAX_CHARS) short = `${short.slice(0, MAX_CHARS - 1)}…`;
  else if (lines.length > MAX_LINES) short += '\n…';
  return short;
}

/**
 * kubectl logs its error through klog: `E1202 04:41:49.526213    5643 run.go:72] "command failed" err="…"` with the
 * reason Go-quoted, or `err=<` followed by tab-indented lines and ` >` when the reason spans lines.
 */
function unwrapKlog(text: string): string {
  const head = /^[EWIF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [^\]]+\] "[^"]*" err=/;
  const first = text.split('\n', 1)[0]!;
  const match = head.exec(first);
  if (!match) return text;
  const rest = text.slice(match[0].length);
  if (rest.startsWith('<')) {
    const body: string[] = [];
    for (const line of rest.split('\n').slice(1)) {
      if (/^\s*>\s*$/.test(line)) break;
      body.push(line.replace(/^\t/, ''));
    }
    return body.join('\n');
  }
  const quoted = /^"(?:[^"\\]|\\.)*"/.exec(rest);
  if (!quoted) return rest;
  try {
    return JSON.parse(quoted[0]) as string; // Go's %q escapes are JSON's for the text kustomize prints
  } catch {
    return quoted[0].slice(1, -1);
  }
}

/**
 * Every failure starts with our wrapper's own frame, `accumulating resources: accumulation err='accumulating resources
 * from '<relative root>': '<root>' must resolve to a file': recursed accumulation of path '<root>': `, which says
 * nothing about the user's files; the reason from the root on follows it.
 */
function stripWrapperLayer(text: string, relativeRoot: string): string {
  const prefix = `accumulating resources: accumulation err='accumulating resources from '${relativeRoot}': `;
  if (!text.startsWith(prefix)) return text;
  const frame = /^'[^']*' must resolve to a file': recursed accumulation of path '[^']*': /.exec(text.slice(prefix.length));
  return frame ? text.slice(prefix.length + frame[0].length) : text;
}
