// The client command a lens runs to open locations in a peek view. Its arguments are plain LSP JSON
// (uri, position, locations); the VS Code client converts them (client/src/extension.ts).
export const SHOW_REFERENCES_COMMAND = 'gatewayTls.showReferences';
