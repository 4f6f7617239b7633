// Tests that need the real kustomize: find it once, skip loudly where it is missing, and check temp workspaces
// written to disk (kustomize reads files, not buffers) through their builds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { getLanguageService, type LanguageService } from '../../server/src/languageService';
import { buildRoots, type RootsBuilt } from '../../server/src/node/kustomize/buildRoots';
import { detectKustomize, type KustomizeTool } from '../../server/src/node/kustomize';
import { pathToUri } from '../../server/src/workspace/uris';

let detected: Promise<KustomizeTool | string> | undefined;

/** The kustomize of this machine, or undefined after marking the test skipped (with a warning nobody misses). */
export async function kustomizeOrSkip(t: TestContext): Promise<KustomizeTool | undefined> {
  detected ??= detectKustomize(undefined).then((d) => (d.found ? d.tool : d.reason));
  const tool = await detected;
  if (typeof tool !== 'string') return tool;
  console.warn(`\n!!! SKIPPED (kustomize v4+ not found): ${t.name}: ${tool}\n`);
  t.skip(`kustomize v4+ not found: ${tool}`);
  return undefined;
}

export interface KustomizeWorkspace {
  readonly dir: string;
  readonly service: LanguageService;
  readonly result: RootsBuilt;
  readonly uri: (file: string) => string;
  /** Re-reads every file from disk into the service and rebuilds every root. */
  rebuild(): Promise<RootsBuilt>;
  dispose(): void;
}

/** Writes `files` (relative path → text) to a temp directory, indexes them and builds every root with kustomize. */
export async function kustomizeWorkspace(tool: KustomizeTool, files: Record<string, string>, settings?: unknown): Promise<KustomizeWorkspace> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwtls-kz-'));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  const service = getLanguageService({ settings, roots: [dir], log: () => undefined });
  const uri = (file: string) => pathToUri(path.join(dir, file));
  const load = () => {
    for (const [name, text] of Object.entries(files)) if (/\.ya?ml$|(^|\/)Kustomization$/.test(name)) service.setDocument(uri(name), text);
  };
  load();
  service.setKustomizeMode('builds');
  const result = await buildRoots(service, tool);
  return {
    dir,
    service,
    result,
    uri,
    rebuild: async () => {
      load();
      return buildRoots(service, tool);
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
