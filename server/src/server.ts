// The language server: wires LSP (stdio, IPC or a socket, chosen by the command line) to the language service.
// It owns the document buffers, the workspace scan and publishing; every Gateway API fact lives in the service.
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from './languageService';
import { assertsAbsence } from './rules/absence';
import { readFiles } from './node/readFiles';
import { findYamlFiles, readText, rereadFile } from './node/scanWorkspace';
import { BuildScheduler } from './node/kustomize/scheduler';
import { normalizeUri, pathToUri, uriToPath } from './workspace/uris';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.log(message);

let roots: string[] = [];
let service = getLanguageService({ log });
let canWatchFiles = false;
let canReadConfiguration = false;
/**
 * What we last published per URI: lets us clear diagnostics that no longer apply and skip sending a file's
 * diagnostics again when nothing changed (a cross-file re-check of 5,000 files then sends almost nothing).
 */
const published = new Map<string, string>();
/** The index's facts version when every file was last re-checked for cross-file changes. */
let checkedFacts = -1;
/**
 * Whether the workspace index holds every file: false from the start until the first scan has finished, and again
 * while a settings change re-reads the workspace. Until then every publish is `crossFile: false` — only what one
 * document proves alone, never "Secret not found" for a Secret in a file not read yet.
 */
let indexComplete = false;
/** Bumped by every scan: a scan that is no longer the latest stops (a settings change restarted it). */
let scanGeneration = 0;
/**
 * Files and directories that should have been read and could not be (normalised paths): while any is left, findings
 * that something is missing are withheld — the unread file may hold that Secret or grant (rules/absence.ts).
 */
const unreadPaths = new Set<string>();

/** The progress bar of the first Kustomize builds (later builds run quietly in the background). */
let buildProgress: { report(percentage: number, message?: string): void } | undefined;
/** Kustomize builds in the background: re-run per root when a file its build reads changes on disk. */
const builds = new BuildScheduler({
  service: () => service,
  log,
  unavailable: (reason) =>
    // The reason says what was tried and names gatewayTls.kustomize.command.
    void connection.window.showInformationMessage(`Gateway TLS: ${reason} Until then, kustomizations are checked as written.`),
  progress: (done, total) => buildProgress?.report(total === 0 ? 100 : Math.floor((done / total) * 100), `${done}/${total} kustomizations`),
  // The first builds are part of indexing (the scan re-checks everything after them); later ones re-check here.
  built: () => (indexComplete ? revalidateAll() : undefined),
});

/** Every request and notification handler goes through this: a failure is logged and answered, never fatal. */
function guarded<A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      log(`[error] ${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  };
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
  if (roots.length === 0 && params.rootUri) roots = [uriToPath(params.rootUri)];
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canReadConfiguration = params.capabilities.workspace?.configuration === true;
  service = getLanguageService({ log, roots, settings: params.initializationOptions?.settings, reread: rereadFile });
  return {
    capabilities: {
      // Saves matter: Kustomize builds read files from disk.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      codeLensProvider: { resolveProvider: false },
      workspaceSymbolProvider: true,
    },
    serverInfo: { name: 'gateway-tls-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(
  guarded('initialized', undefined, async () => {
    try {
      if (canWatchFiles) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          // Besides manifests: what Kustomize generators and patches commonly read (certificates, env files).
          watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/Kustomization' }, { globPattern: '**/*.{crt,pem,key,cer,env,properties,json,txt}' }],
        });
      }
      await loadConfiguration();
    } finally {
      // Without a scan the index would never be called complete, and cross-file findings never published.
      await scanWorkspace();
    }
  }),
);

/** Applies new settings; returns whether files must be re-read (what is skipped may have changed). */
function applySettings(raw: unknown): boolean {
  const before = service.settings;
  service.configure(raw ?? {});
  const after = service.settings;
  return (
    before.maxFileSize !== after.maxFileSize ||
    JSON.stringify(before.exclude) !== JSON.stringify(after.exclude) ||
    JSON.stringify(before.limits) !== JSON.stringify(after.limits)
  );
}

async function loadConfiguration(): Promise<boolean> {
  if (!canReadConfiguration) return false;
  return applySettings(await connection.workspace.getConfiguration('gatewayTls'));
}

/** Yields to the event loop when the current stretch of work has run for this long, so requests get answered. */
const SLICE_MS = 10;
let sliceStarted = Date.now();
async function yieldIfBusy(): Promise<void> {
  if (Date.now() - sliceStarted < SLICE_MS) return;
  await new Promise((resolve) => setImmediate(resolve));
  sliceStarted = Date.now();
}

/** Unreadable files named one by one in the log; the rest are counted. */
const LOGGED_UNREADABLE = 50;

async function scanWorkspace(): Promise<void> {
  const generation = ++scanGeneration;
  if (roots.length === 0) {
    indexComplete = true;
    return;
  }
  indexComplete = false;
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin('Gateway TLS: indexing YAML', 0, 'finding files', false);
  const started = Date.now();
  let unreadable = 0;
  unreadPaths.clear();
  const unreadableLog = (what: string, detail: string, filePath: string) => {
    unreadable++;
    unreadPaths.add(filePath);
    if (unreadable <= LOGGED_UNREADABLE) log(`could not read ${what}: ${detail}`);
  };
  try {
    const found = await findYamlFiles(roots);
    for (const u of found.unreadable) unreadableLog(u.directory ? `directory ${u.path}` : u.path, u.detail, u.path);
    const total = found.files.length;
    const report = (done: number) => progress.report(total === 0 ? 100 : Math.floor((done / total) * 100), `${done}/${total} files`);
    report(0);
    let done = 0;
    let reported = Date.now();
    sliceStarted = Date.now();
    for await (const file of readFiles(found.files, { maxBytes: service.settings.maxFileSize })) {
      if (generation !== scanGeneration) return; // a newer scan took over (and reports its own progress)
      const uri = pathToUri(file.path);
      const open = openDocument(uri);
      if (open) {
        service.setDocument(open.uri, open.getText());
      } else if (file.text !== undefined) {
        service.setDocument(uri, file.text);
        service.releaseDocument(uri);
      } else if (file.skip?.reason === 'unreadable') {
        unreadableLog(file.path, file.skip.detail, file.path);
      } else log(`skipped ${file.path}: ${file.skip?.detail}`);
      done++;
      if (done % 100 === 0 || Date.now() - reported >= 100) {
        report(done);
        reported = Date.now();
      }
      await yieldIfBusy();
    }
    if (generation !== scanGeneration) return;
    report(done);
    await firstBuilds();
    if (generation !== scanGeneration) return;
    if (unreadable > LOGGED_UNREADABLE) log(`could not read ${unreadable - LOGGED_UNREADABLE} more files or directories`);
    log(`indexed ${total} YAML files in ${Date.now() - started} ms (${unreadable} unreadable)`);
    if (unreadable > 0) {
      void connection.window.showWarningMessage(
        `Gateway TLS could not read ${unreadable} file${unreadable === 1 ? '' : 's'} or director${unreadable === 1 ? 'y' : 'ies'} (see its output): ` +
          'a Secret or ReferenceGrant in them is unknown, so findings that something is missing are withheld until they can be read.',
      );
    }
  } catch (error) {
    log(`[error] the workspace scan failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  } finally {
    progress.done();
    // A failed scan must not leave the server without cross-file findings for good: what was read is what we have.
    if (generation === scanGeneration) indexComplete = true;
  }
  // Every target again, now with the findings that need the whole workspace (unless a newer scan is running).
  if (generation === scanGeneration) await revalidateAll();
}

/** The first Kustomize builds are part of indexing: no cross-file finding is published before they are in. */
async function firstBuilds(): Promise<void> {
  if (service.kustomizeRoots().length === 0) return;
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin('Gateway TLS: building kustomizations', 0, 'detecting kustomize', false);
  buildProgress = progress;
  try {
    await builds.run();
  } finally {
    buildProgress = undefined;
    progress.done();
  }
}

/** Open documents by normalised URI: the scan and every publish ask, for thousands of files. */
const openByKey = new Map<string, TextDocument>();
documents.onDidOpen((event) => openByKey.set(normalizeUri(event.document.uri), event.document));

function openDocument(uri: string): TextDocument | undefined {
  const open = openByKey.get(normalizeUri(uri));
  // The manager replaces its document object on every change: always hand out the current one.
  return open && documents.get(open.uri);
}

const NOTHING = JSON.stringify([]);
const YAML_NAME = /\.ya?ml$|(^|[\\/])Kustomization$/;

/** `always`: the edited document gets an answer for every version, even when nothing changed. */
function publish(uri: string, always = false): void {
  let diagnostics = service.doValidation(uri, { crossFile: indexComplete });
  if (unreadPaths.size > 0) {
    diagnostics = diagnostics.filter((d) => !assertsAbsence(String(d.code), typeof d.message === 'string' ? d.message : d.message.value));
  }
  const open = openDocument(uri);
  const fingerprint = JSON.stringify(diagnostics);
  // A file never published counts as published empty: a workspace of 50,000 clean files sends nothing.
  if (always || (published.get(uri) ?? NOTHING) !== fingerprint) {
    if (fingerprint === NOTHING) published.delete(uri);
    else published.set(uri, fingerprint);
    void connection.sendDiagnostics({ uri, diagnostics, ...(open ? { version: open.version } : {}) });
  }
  // Files no editor shows keep only values and cached findings; their trees come back when needed.
  if (!open) service.releaseDocument(uri);
}

/** Re-checks every file that gets diagnostics (open ones; in workspace scope, all), yielding to requests as it goes. */
async function revalidateAll(): Promise<void> {
  checkedFacts = service.index.factsVersion;
  const targets = new Set<string>(documents.all().map((d) => d.uri));
  if (service.settings.diagnosticsScope === 'workspace') for (const file of service.index.allFiles()) targets.add(file.uri);
  for (const uri of published.keys()) {
    if (!targets.has(uri)) {
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      published.delete(uri);
    }
  }
  sliceStarted = Date.now();
  const workspaceScope = service.settings.diagnosticsScope === 'workspace';
  for (const uri of targets) {
    // Between two slices an editor may have closed a file: its diagnostics were cleared, keep it that way.
    if (!workspaceScope && !openDocument(uri)) continue;
    publish(uri);
    await yieldIfBusy();
  }
}

let pendingRevalidation: NodeJS.Timeout | undefined;
/**
 * After an edit, the other files' diagnostics can only change when the edit changed what files see of each other
 * (the index's facts version): then re-check them (all files in workspace scope), a little later, once.
 */
function scheduleRevalidation(except: string): void {
  if (pendingRevalidation) clearTimeout(pendingRevalidation);
  pendingRevalidation = setTimeout(
    guarded('revalidate', undefined, () => {
      pendingRevalidation = undefined;
      if (service.index.factsVersion === checkedFacts) return;
      checkedFacts = service.index.factsVersion;
      if (service.settings.diagnosticsScope === 'workspace') return revalidateAll();
      const exceptKey = normalizeUri(except);
      for (const d of documents.all()) if (normalizeUri(d.uri) !== exceptKey) publish(d.uri);
    }),
    200,
  );
}

documents.onDidChangeContent(
  guarded('didChange', undefined, (change) => {
    service.setDocument(change.document.uri, change.document.getText());
    publish(change.document.uri, true);
    scheduleRevalidation(change.document.uri);
  }),
);

documents.onDidSave(
  guarded('didSave', undefined, (event) => {
    if (builds.affects(uriToPath(event.document.uri))) builds.schedule();
  }),
);

documents.onDidClose(
  guarded('didClose', undefined, async (event) => {
    const uri = event.document.uri;
    openByKey.delete(normalizeUri(uri));
    // The editor buffer may hold unsaved text: the index goes back to what is on disk.
    const { text } = await readText(uriToPath(uri), service.settings.maxFileSize);
    if (text !== undefined) {
      service.setDocument(uri, text);
      service.releaseDocument(uri);
    } else service.removeDocument(uri);
    if (service.settings.diagnosticsScope !== 'workspace') {
      published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    scheduleRevalidation(uri);
  }),
);

connection.onDidChangeWatchedFiles(
  guarded('didChangeWatchedFiles', undefined, async (params) => {
    for (const change of params.changes) {
      if (builds.affects(uriToPath(change.uri))) builds.schedule();
      // Certificates and env files are watched for the builds only; the index holds YAML.
      if (!YAML_NAME.test(uriToPath(change.uri)) || openDocument(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        service.removeDocument(change.uri);
        unreadPaths.delete(uriToPath(change.uri));
        continue;
      }
      const filePath = uriToPath(change.uri);
      const { text, skip } = await readText(filePath, service.settings.maxFileSize);
      if (text !== undefined) {
        service.setDocument(change.uri, text);
        service.releaseDocument(change.uri);
      }
      // A file that reads now no longer keeps absence findings back; one that stopped reading does.
      if (skip?.reason === 'unreadable') unreadPaths.add(filePath);
      else unreadPaths.delete(filePath);
    }
    await revalidateAll();
  }),
);

connection.onDidChangeConfiguration(
  guarded('didChangeConfiguration', undefined, async (params) => {
    const reread = canReadConfiguration
      ? await loadConfiguration()
      : applySettings((params.settings as { gatewayTls?: unknown } | undefined)?.gatewayTls);
    if (reread) await scanWorkspace();
    else {
      builds.schedule(0);
      await revalidateAll();
    }
  }),
);

connection.onHover(guarded('hover', null, (params) => service.doHover(params.textDocument.uri, params.position)));
connection.onCompletion(guarded('completion', null, (params) => service.doComplete(params.textDocument.uri, params.position)));
connection.onCodeAction(guarded('codeAction', [], (params) => service.doCodeActions(params.textDocument.uri, params.range, params.context.diagnostics)));
connection.onDefinition(guarded('definition', [], (params) => service.doDefinition(params.textDocument.uri, params.position)));
connection.onReferences(guarded('references', [], (params) => service.doReferences(params.textDocument.uri, params.position)));
connection.onCodeLens(guarded('codeLens', [], (params) => service.doCodeLens(params.textDocument.uri)));
connection.onWorkspaceSymbol(guarded('workspaceSymbol', [], (params) => service.doWorkspaceSymbols(params.query)));
// The TLS map and the certificate expiry list (the VS Code extension's tree view and command; any client may ask).
connection.onRequest('gatewayTls/tlsMap', guarded('tlsMap', { gateways: [] }, () => service.doTlsMap({ crossFile: indexComplete, withholdAbsence: unreadPaths.size > 0 })));
connection.onRequest('gatewayTls/certificateExpiry', guarded('certificateExpiry', [], () => service.doCertificateExpiry()));

process.on('uncaughtException', (error) => log(`[error] uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => log(`[error] unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
