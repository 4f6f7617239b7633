// Temporary workspaces on disk for the LSP tests, and the language servers started on them: a test file calls
// cleanUpAfterTests() once, and every server it started is killed after each test and every workspace removed at the end.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach } from 'node:test';
import { LspClient, type StartOptions } from './client';

const workspaces: string[] = [];
const clients: LspClient[] = [];

/** A fresh directory holding `files` (relative path → content; folders are created). */
export function tempWorkspace(files: Record<string, string> = {}, prefix = 'gateway-tls-lsp-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  workspaces.push(dir);
  for (const [name, text] of Object.entries(files)) writeWorkspaceFile(dir, name, text);
  return dir;
}

/** Writes `name` (relative to `dir`, folders created) and returns its absolute path. */
export function writeWorkspaceFile(dir: string, name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Starts a server that cleanUpAfterTests() kills after the test. */
export async function startClient(options: StartOptions): Promise<LspClient> {
  const client = await LspClient.start(options);
  clients.push(client);
  return client;
}

export function cleanUpAfterTests(): void {
  afterEach(() => {
    for (const client of clients.splice(0)) client.kill();
  });
  after(() => {
    for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}
