// The VS Code side: start the bundled language server over IPC, register the commands and pass settings through.
// Everything the product knows about Gateway API lives in the server; this file only wires.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
