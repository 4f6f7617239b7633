// A small LSP client for tests and the benchmark: spawns `node dist/server.js --stdio`, speaks JSON-RPC over its
// pipes like an editor would (workspace folders, configuration, dynamic file-watcher registration, work-done
// progress), records everything the server sends and captures every byte it writes (stdout and stderr), so tests
// can assert that no secret ever leaves the process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  ConfigurationRequest,
  createMessageConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type FileEvent,
  type Hover,
  type InitializeResult,
  type MessageConnection,
  type Position,
  type Range,
  type ProgressToken,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';

/** The repository root: the nearest ancestor of this bundle (or of the working directory) with our package.json. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = path.resolve(start);
    for (;;) {
      const manifest = path.join(dir, 'package.json');
      if (existsSync(manifest)) {
        try {
          if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'gateway-tls') return dir;
        } catch {
          // not ours; keep climbing
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return process.cwd();
}

export function serverPath(): string {
  return path.join(repoRoot(), 'dist', 'server.js');
}

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

export type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

export interface ProgressEvent {
  readonly token: ProgressToken;
  readonly value: ProgressValue;
  /** How many publishDiagnostics notifications had arrived before this event (orders the two streams). */
  readonly diagnosticsBefore?: number;
}

export interface ReceivedDiagnostics extends PublishDiagnosticsParams {
  /** process.hrtime.bigint() when the notification arrived, in ms (for latency measurements). */
  readonly receivedAt: number;
  /** Running count of publishDiagnostics notifications, over all URIs. */
  readonly sequence: number;
}

export interface StartOptions {
  /** Workspace folder (a directory path). Omit for a client without workspace folders. */
  readonly workspaceFolder?: string;
  /** Answers to `workspace/configuration`, by section (e.g. `{ gatewayTls: { diagnostics: { scope: 'workspace' } } }`). */
  readonly settings?: Record<string, unknown>;
  readonly initializationOptions?: unknown;
  /** The server bundle to run (default: dist/server.js of this repository). */
  readonly server?: string;
  /** Extra node flags for the server process (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  readonly cwd?: string;
  /** The server's environment (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** Default timeout for the wait helpers, in ms. */
  readonly timeout?: number;
}

interface Waiter {
  readonly check: () => boolean;
  readonly resolve: () => void;
}

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export class LspClient {
  readonly connection: MessageConnection;
  /** Every byte the server wrote on stdout (the protocol stream) and stderr. */
  readonly stdoutChunks: Buffer[] = [];
  readonly stderrChunks: Buffer[] = [];
  /** Every publishDiagnostics notification, in arrival order. */
  readonly diagnostics: ReceivedDiagnostics[] = [];
  readonly latest = new Map<string, ReceivedDiagnostics>();
  readonly progress: ProgressEvent[] = [];
  readonly progressTokensCreated: ProgressToken[] = [];
  readonly registrations: Registration[] = [];
  readonly logMessages: string[] = [];
  /** `window/showMessage` notifications and `window/showMessageRequest` requests (what an editor pops up). */
  readonly shownMessages: string[] = [];
  readonly configurationRequests: unknown[] = [];
  settings: Record<string, unknown>;
  initializeResult: InitializeResult | undefined;
  exitCode: number | null | undefined;
  exitSignal: NodeJS.Signals | null | undefined;
  readonly timeout: number;
  private readonly versions = new Map<string, number>();
  private waiters: Waiter[] = [];
  private readonly exited: Promise<void>;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.timeout = options.timeout ?? 10_000;
    process.stdout.on('data', (chunk: Buffer) => this.stdoutChunks.push(chunk));
    process.stderr.on('data', (chunk: Buffer) => this.stderrChunks.push(chunk));
    this.exited = new Promise((resolve) => {
      process.on('exit', (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        this.notify();
        resolve();
      });
    });
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout), new StreamMessageWriter(process.stdin));
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const received: ReceivedDiagnostics = { ...params, receivedAt: now(), sequence: this.diagnostics.length + 1 };
      this.diagnostics.push(received);
      this.latest.set(params.uri, received);
      this.notify();
    });
    c.onNotification(ShowMessageNotification.type, (params) => {
      this.shownMessages.push(params.message);
      this.notify();
    });
    c.onRequest(ShowMessageRequest.type, (params) => {
      this.shownMessages.push(params.message);
      this.notify();
      return null;
    });
    c.onNotification(LogMessageNotification.type, (params) => {
      this.logMessages.push(params.message);
      this.notify();
    });
    // Tokens are created by the server (window/workDoneProgress/create), so no handler is registered per token.
    c.onUnhandledProgress((params) => {
      this.progress.push({ token: params.token, value: params.value as ProgressValue, diagnosticsBefore: this.diagnostics.length });
      this.notify();
    });
    c.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.progressTokensCreated.push(params.token);
      this.notify();
    });
    c.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.notify();
    });
    c.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      this.notify();
      return params.items.map((item) => (item.section === undefined ? this.settings : (this.settings[item.section] ?? null)));
    });
    // Anything else the server asks (showMessageRequest, applyEdit, ...) gets a null answer rather than an error.
    c.onRequest((method) => {
      this.logMessages.push(`[client] unhandled request ${method}`);
      return null;
    });
    c.onError(([error]) => this.logMessages.push(`[client] connection error: ${error.message}`));
    c.listen();
  }

  /** Spawns the server and runs initialize → initialized. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.server ?? serverPath(), '--stdio'], {
      cwd: options.cwd ?? repoRoot(),
      stdio: 'pipe',
      env: options.env ?? process.env,
    });
    const client = new LspClient(child, options);
    await client.initialize();
    return client;
  }

  private async initialize(): Promise<void> {
    const folder = this.options.workspaceFolder;
    const capabilities: ClientCapabilities = {
      window: { workDoneProgress: true },
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        didChangeConfiguration: { dynamicRegistration: false },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
      },
    };
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'gateway-tls-test-client', version: '0.0.0' },
      rootUri: folder ? fileUri(folder) : null,
      workspaceFolders: folder ? [{ uri: fileUri(folder), name: path.basename(folder) }] : null,
      capabilities,
      initializationOptions: this.options.initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  // ---- documents -------------------------------------------------------------------------------------------

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends a didChange with the given (incremental or full) changes; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async watchedFilesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Replaces the settings the client answers with and tells the server (which pulls them again). */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result: CompletionList | CompletionItem[] | null = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  }

  /** The code actions for `range`, given the diagnostics an editor would pass (those under the cursor). */
  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = []): Promise<(CodeAction | Command)[]> {
    return (await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } })) ?? [];
  }

  // ---- waiting ---------------------------------------------------------------------------------------------

  /** Resolves once `check()` holds, re-evaluated on every message from the server; polls too, never sleeps blindly. */
  waitFor(what: string, check: () => boolean, timeout = this.timeout): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let waiter: Waiter | undefined = undefined;
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => finish(new Error(`timed out after ${timeout} ms waiting for ${what}${this.describeState()}`)), timeout);
      const poll = setInterval(() => {
        if (check()) finish();
      }, 25);
      waiter = { check, resolve: () => finish() };
      this.waiters.push(waiter);
    });
  }

  /**
   * The next (or current) diagnostics for `uri` that satisfy `predicate`. With `after`, only notifications with a
   * larger sequence number count (use `client.diagnostics.length` taken before the action that should publish).
   */
  async waitForDiagnostics(
    uri: string,
    predicate: (diagnostics: Diagnostic[]) => boolean = () => true,
    options: { timeout?: number; after?: number } = {},
  ): Promise<ReceivedDiagnostics> {
    const after = options.after ?? 0;
    let found: ReceivedDiagnostics | undefined;
    await this.waitFor(
      `diagnostics for ${uri}`,
      () => {
        const last = this.latest.get(uri);
        if (last && last.sequence > after && predicate(last.diagnostics)) found = last;
        return found !== undefined;
      },
      options.timeout,
    );
    return found!;
  }

  /** Waits until a work-done progress with a `begin` has its `end`; returns that progress's events. */
  async waitForProgressEnd(titleIncludes = '', timeout?: number): Promise<ProgressEvent[]> {
    let events: ProgressEvent[] = [];
    await this.waitFor(
      `work-done progress "${titleIncludes}" to end`,
      () => {
        const begin = this.progress.find((p) => p.value.kind === 'begin' && p.value.title.includes(titleIncludes));
        if (!begin) return false;
        events = this.progress.filter((p) => p.token === begin.token);
        return events.some((p) => p.value.kind === 'end');
      },
      timeout,
    );
    return events;
  }

  // ---- shutdown and captured output ------------------------------------------------------------------------

  /** shutdown → exit; resolves with the exit code (or kills the process after the timeout and throws). */
  async shutdown(timeout = this.timeout): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const exited = await Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeout).unref())]);
    this.connection.dispose();
    if (!exited) {
      this.kill();
      throw new Error(`the server did not exit within ${timeout} ms of shutdown/exit`);
    }
    return this.exitCode ?? null;
  }

  /** Kills the server if it is still running (for cleanup in `after` hooks). */
  kill(): void {
    if (this.exitCode === undefined && this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    this.connection.dispose();
  }

  get isRunning(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Everything the server wrote (stdout then stderr), decoded as UTF-8. */
  allOutput(): string {
    return Buffer.concat(this.stdoutChunks).toString('utf8') + Buffer.concat(this.stderrChunks).toString('utf8');
  }

  /** Every raw byte the server wrote, stdout then stderr. */
  allBytes(): Buffer {
    return Buffer.concat([...this.stdoutChunks, ...this.stderrChunks]);
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) if (waiter.check()) waiter.resolve();
  }

  private describeState(): string {
    const recentLogs = this.logMessages.slice(-5).join('\n  ');
    const stderr = Buffer.concat(this.stderrChunks).toString('utf8').slice(-1000);
    return `\n  server running: ${this.isRunning}; diagnostics received: ${this.diagnostics.length}` +
      (recentLogs ? `\n  last log messages:\n  ${recentLogs}` : '') +
      (stderr ? `\n  stderr:\n${stderr}` : '');
  }
}

/** An incremental change replacing [start, end) with text. */
export function edit(start: Position, end: Position, text: string): TextDocumentContentChangeEvent {
  return { range: { start, end }, text };
}

/** The position of the `occurrence`-th `needle` in `text` (plus `delta` characters), for hovers and edits. */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not found`);
  }
  index += delta;
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - (before.lastIndexOf('\n') + 1) };
}
