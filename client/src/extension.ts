// The VS Code side: start the bundled language server over IPC, register the commands and pass settings through
// (gatewayTls.setImplementation writes the workspace setting the server's quick actions name).
// Everything the product knows about Gateway API lives in the server; this file only wires.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerTlsMap, type TlsMapProvider } from './tlsMapView';

let client: LanguageClient | undefined;

/** What activate() returns: the TLS map's provider and view, for the in-editor tests. */
export interface GatewayTlsApi {
  readonly tlsMap: TlsMapProvider;
  readonly tlsMapView: vscode.TreeView<unknown>;
}

export async function activate(context: vscode.ExtensionContext): Promise<GatewayTlsApi> {
  const outputChannel = vscode.window.createOutputChannel('Gateway TLS', { log: true });
  context.subscriptions.push(outputChannel);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }],
    outputChannel,
    synchronize: {
      configurationSection: 'gatewayTls',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    },
  };

  client = new LanguageClient('gatewayTls', 'Gateway TLS', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('gatewayTls.restartServer', async () => {
      outputChannel.appendLine('Restarting the Gateway TLS language server…');
      await client?.restart();
    }),
    // Code lenses ("admits 3 references") carry plain LSP locations; VS Code's peek view wants its own types.
    vscode.commands.registerCommand('gatewayTls.showReferences', async (uri: string, position: unknown, locations: unknown[]) => {
      if (!client) return;
      const converter = client.protocol2CodeConverter;
      await vscode.commands.executeCommand(
        'editor.action.showReferences',
        vscode.Uri.parse(uri),
        converter.asPosition(position as never),
        locations.map((l) => converter.asLocation(l as never)),
      );
    }),
    // The server's "Set gatewayTls.implementation to …" actions carry this command with the id; from the Command
    // Palette (no argument) it asks which one, offering the setting's enum (generated from the profiles data).
    vscode.commands.registerCommand('gatewayTls.setImplementation', async (id?: unknown) => {
      const chosen = typeof id === 'string' ? id : await pickImplementation(context);
      if (!chosen) return;
      await vscode.workspace.getConfiguration('gatewayTls').update('implementation', chosen, vscode.ConfigurationTarget.Workspace);
      const what = chosen === 'auto' ? 'found from each GatewayClass' : chosen === 'none' ? 'none (implementation checks off)' : chosen;
      void vscode.window.showInformationMessage(`Gateway TLS: implementation set to ${what} for this workspace.`);
    }),
  );
  // The TLS map tree and "Show Certificate Expiry" (client/src/tlsMapView.ts) ask the server once it runs.
  const started = client.start();
  const request = async <R>(method: string): Promise<R | undefined> => {
    await started;
    return client?.sendRequest<R>(method);
  };
  const tlsMap = registerTlsMap(context, request);
  await started;
  return { tlsMap: tlsMap.provider, tlsMapView: tlsMap.view as vscode.TreeView<unknown> };
}

async function pickImplementation(context: vscode.ExtensionContext): Promise<string | undefined> {
  const setting = (context.extension.packageJSON as { contributes?: { configuration?: { properties?: Record<string, { enum?: string[]; enumDescriptions?: string[] }> } } })
    .contributes?.configuration?.properties?.['gatewayTls.implementation'];
  const ids = setting?.enum ?? ['auto', 'none'];
  const items = ids.map((id, i) => ({ label: id, description: setting?.enumDescriptions?.[i] }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Gateway TLS: which implementation serves the Gateways?', matchOnDescription: true });
  return picked?.label;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
