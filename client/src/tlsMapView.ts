// The "Gateway TLS: TLS Map" tree in the Explorer and the "Show Certificate Expiry" command. Both only show what
// the server answers (`gatewayTls/tlsMap`, `gatewayTls/certificateExpiry`): the model, its problems and every
// location are the language service's. Every item opens the line it stands for.
import * as vscode from 'vscode';
import type { ExpiryEntry, MapCertificate, MapGateway, MapListener, MapProblem, MapRoute, TlsMap } from '../../server/src/services/tlsMap';

type Location = MapGateway['location'];

export type MapNode =
  | { readonly kind: 'gateway'; readonly id: string; readonly gateway: MapGateway }
  | { readonly kind: 'listener'; readonly id: string; readonly parent: MapNode; readonly listener: MapListener }
  | { readonly kind: 'certificate'; readonly id: string; readonly parent: MapNode; readonly certificate: MapCertificate }
  | { readonly kind: 'route'; readonly id: string; readonly parent: MapNode; readonly route: MapRoute }
  | { readonly kind: 'problem'; readonly id: string; readonly parent: MapNode; readonly problem: MapProblem }
  | { readonly kind: 'empty'; readonly id: string };

/** Asks the server; undefined while it is not running. */
export type Requester = <R>(method: string) => Promise<R | undefined>;

export class TlsMapProvider implements vscode.TreeDataProvider<MapNode> {
  private readonly changed = new vscode.EventEmitter<MapNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<MapNode[]> | undefined;
  private readonly children = new Map<string, MapNode[]>();
  /** Gateways start expanded in a small workspace; in a large one, collapsed. */
  private expandGateways = true;

  constructor(private readonly request: Requester) {}

  /** Forgets the map; the tree asks again. */
  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  getChildren(element?: MapNode): Promise<MapNode[]> | MapNode[] {
    if (!element) {
      this.roots ??= this.load();
      return this.roots;
    }
    return this.children.get(element.id) ?? [];
  }

  getParent(element: MapNode): MapNode | undefined {
    return 'parent' in element ? element.parent : undefined;
  }

  getTreeItem(node: MapNode): vscode.TreeItem {
    const item = new vscode.TreeItem(label(node), collapsible(node, this.children.get(node.id)?.length ?? 0, this.expandGateways));
    item.id = node.id;
    const { description, tooltip, icon } = presentation(node);
    item.description = description;
    item.tooltip = tooltip;
    item.iconPath = icon;
    item.contextValue = node.kind;
    const location = locationOf(node);
    if (location) item.command = { title: 'Open', command: 'vscode.open', arguments: openArguments(location) };
    return item;
  }

  private async load(): Promise<MapNode[]> {
    this.children.clear();
    let map: TlsMap | undefined;
    try {
      map = await this.request<TlsMap>('gatewayTls/tlsMap');
    } catch {
      map = undefined;
    }
    if (!map || map.gateways.length === 0) return [{ kind: 'empty', id: 'empty' }];
    this.expandGateways = map.gateways.length <= 3;
    return map.gateways.map((gateway, g) => {
      const node: MapNode = { kind: 'gateway', id: `g${g}:${gateway.namespace}/${gateway.name}`, gateway };
      const problems = gateway.problems.map((problem, i): MapNode => ({ kind: 'problem', id: `${node.id}/p${i}`, parent: node, problem }));
      const listeners = gateway.listeners.map((listener, l): MapNode => {
        const ln: MapNode = { kind: 'listener', id: `${node.id}/l${l}:${listener.name ?? ''}`, parent: node, listener };
        this.children.set(ln.id, [
          ...listener.problems.map((problem, i): MapNode => ({ kind: 'problem', id: `${ln.id}/p${i}`, parent: ln, problem })),
          ...listener.certificates.map((certificate, i): MapNode => ({ kind: 'certificate', id: `${ln.id}/c${i}:${certificate.namespace}/${certificate.name}`, parent: ln, certificate })),
          ...listener.routes.map((route, i): MapNode => ({ kind: 'route', id: `${ln.id}/r${i}:${route.kind}/${route.namespace}/${route.name}`, parent: ln, route })),
        ]);
        return ln;
      });
      this.children.set(node.id, [...problems, ...listeners]);
      return node;
    });
  }
}

function label(node: MapNode): string {
  switch (node.kind) {
    case 'gateway':
      return `${node.gateway.namespace}/${node.gateway.name}`;
    case 'listener':
      return node.listener.name ?? '(unnamed listener)';
    case 'certificate':
      return `${node.certificate.namespace}/${node.certificate.name}`;
    case 'route':
      return `${node.route.kind} ${node.route.namespace}/${node.route.name}`;
    case 'problem':
      return node.problem.message;
    case 'empty':
      return 'No Gateways in the workspace';
  }
}

function collapsible(node: MapNode, children: number, expandGateways: boolean): vscode.TreeItemCollapsibleState {
  if (children === 0 || node.kind === 'empty') return vscode.TreeItemCollapsibleState.None;
  return node.kind === 'gateway' && expandGateways ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
}

const WARNING = new vscode.ThemeColor('list.warningForeground');
const ERROR = new vscode.ThemeColor('list.errorForeground');

function worst(problems: readonly MapProblem[]): 'error' | 'warning' | undefined {
  if (problems.some((p) => p.severity === 'error')) return 'error';
  if (problems.some((p) => p.severity === 'warning')) return 'warning';
  return undefined;
}

function problemIcon(severity: MapProblem['severity']): vscode.ThemeIcon {
  if (severity === 'error') return new vscode.ThemeIcon('error', ERROR);
  if (severity === 'warning') return new vscode.ThemeIcon('warning', WARNING);
  return new vscode.ThemeIcon('info');
}

function problemsTooltip(title: string, problems: readonly MapProblem[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(title)}**`);
  for (const p of problems) md.appendMarkdown(`\n\n$(${p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'info'}) \`${p.code}\`: ${escape(p.message)}`);
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, (c) => `\\${c}`);
}

function presentation(node: MapNode): { description?: string; tooltip?: string | vscode.MarkdownString; icon?: vscode.ThemeIcon } {
  switch (node.kind) {
    case 'gateway': {
      const g = node.gateway;
      const severity = worst(g.problems);
      return {
        description: g.className ? `Gateway · class ${g.className}` : 'Gateway',
        tooltip: problemsTooltip(`Gateway ${g.namespace}/${g.name}`, g.problems),
        icon: new vscode.ThemeIcon('globe', severity === 'error' ? ERROR : severity === 'warning' ? WARNING : undefined),
      };
    }
    case 'listener': {
      const l = node.listener;
      const severity = worst(l.problems);
      const parts = [`${l.protocol ?? '?'} ${l.port ?? '?'}`, l.hostname ?? '*', ...(l.mode ? [l.mode] : []), ...(l.listenerSet ? [`ListenerSet ${l.listenerSet.namespace}/${l.listenerSet.name}`] : [])];
      return {
        description: parts.join(' · '),
        tooltip: problemsTooltip(`Listener ${l.name ?? ''}: ${parts.join(' · ')}`, l.problems),
        icon: severity ? problemIcon(severity) : new vscode.ThemeIcon('plug'),
      };
    }
    case 'certificate': {
      const c = node.certificate;
      const color = c.status === 'expired' || c.status === 'not-yet-valid' ? ERROR : c.status === 'expiring' ? WARNING : undefined;
      const lines = [`${c.producer ?? 'Not found in the workspace'}${c.note ? ` (${c.note})` : ''}`, ...(c.subject ? [`Subject: ${c.subject}`] : []), ...(c.sans ? [`SANs: ${c.sans.join(', ') || '(none)'}`] : [])];
      if (c.notAfter) lines.push(`Not after: ${c.notAfter.slice(0, 10)}`);
      const tooltip = problemsTooltip(`${c.namespace}/${c.name}`, c.problems);
      tooltip.appendMarkdown(`\n\n${lines.map(escape).join('  \n')}`);
      return { description: certificateDescription(c), tooltip, icon: new vscode.ThemeIcon('lock', color) };
    }
    case 'route': {
      const r = node.route;
      const severity = worst(r.problems);
      return {
        description: r.hostnames.join(', '),
        tooltip: problemsTooltip(`${r.kind} ${r.namespace}/${r.name} → ${r.hostnames.join(', ')}`, r.problems),
        icon: new vscode.ThemeIcon('arrow-right', severity === 'error' ? ERROR : severity === 'warning' ? WARNING : undefined),
      };
    }
    case 'problem':
      return { description: node.problem.code, tooltip: `${node.problem.code}: ${node.problem.message}`, icon: problemIcon(node.problem.severity) };
    case 'empty':
      return { icon: new vscode.ThemeIcon('info') };
  }
}

/** "Secret · expires 2027-01-01 (in 30 days)", "EXPIRED 2026-01-01", "cert-manager Certificate x", "not found". */
export function certificateDescription(c: MapCertificate): string {
  const parts = [c.producer ?? 'not found'];
  if (c.notAfter && c.daysLeft !== undefined) parts.push(expiryText(c.notAfter, c.daysLeft, c.status));
  return parts.join(' · ');
}

function expiryText(notAfter: string, daysLeft: number, status: MapCertificate['status']): string {
  const date = notAfter.slice(0, 10);
  if (status === 'expired') return `EXPIRED ${date} (${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago)`;
  return `expires ${date} (in ${daysLeft} day${daysLeft === 1 ? '' : 's'})`;
}

function locationOf(node: MapNode): Location | undefined {
  switch (node.kind) {
    case 'gateway':
      return node.gateway.location;
    case 'listener':
      return node.listener.location;
    case 'certificate':
      return node.certificate.location;
    case 'route':
      return node.route.location;
    case 'problem':
      return node.problem.location;
    case 'empty':
      return undefined;
  }
}

function openArguments(location: NonNullable<Location>): unknown[] {
  const { start, end } = location.range;
  return [vscode.Uri.parse(location.uri), { selection: new vscode.Range(start.line, start.character, end.line, end.character), preview: true } satisfies vscode.TextDocumentShowOptions];
}

/** "Gateway TLS: Show Certificate Expiry": every certificate by expiry date; choosing one opens its Secret. */
export async function showCertificateExpiry(request: Requester): Promise<void> {
  const entries = await request<ExpiryEntry[]>('gatewayTls/certificateExpiry');
  if (!entries || entries.length === 0) {
    void vscode.window.showInformationMessage('Gateway TLS: no TLS Secret with a readable certificate in the workspace.');
    return;
  }
  const items = entries.map((e) => ({
    label: `${e.status === 'expired' ? '$(error) ' : e.status === 'expiring' ? '$(warning) ' : '$(lock) '}${e.namespace}/${e.name}`,
    description: expiryText(e.notAfter, e.daysLeft, e.status),
    detail: e.sans.length > 0 ? e.sans.join(', ') : e.subject,
    entry: e,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Gateway TLS: certificates by expiry date', matchOnDescription: true, matchOnDetail: true });
  if (picked?.entry.location) await vscode.commands.executeCommand('vscode.open', ...openArguments(picked.entry.location));
}

/**
 * Registers the tree view and the command; the tree asks again 500 ms after diagnostics settle (every edit the server
 * re-checks publishes them), only while it is visible.
 */
export function registerTlsMap(context: vscode.ExtensionContext, request: Requester): { provider: TlsMapProvider; view: vscode.TreeView<MapNode> } {
  const provider = new TlsMapProvider(request);
  const view = vscode.window.createTreeView('gatewayTls.tlsMap', { treeDataProvider: provider, showCollapseAll: true });
  let timer: NodeJS.Timeout | undefined;
  let stale = false;
  const refreshSoon = () => {
    if (!view.visible) {
      stale = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => provider.refresh(), 500);
  };
  context.subscriptions.push(
    view,
    vscode.languages.onDidChangeDiagnostics(refreshSoon),
    view.onDidChangeVisibility((e) => {
      if (e.visible && stale) {
        stale = false;
        provider.refresh();
      }
    }),
    vscode.commands.registerCommand('gatewayTls.refreshTlsMap', () => provider.refresh()),
    vscode.commands.registerCommand('gatewayTls.showCertificateExpiry', () => showCertificateExpiry(request)),
    { dispose: () => timer && clearTimeout(timer) },
  );
  return { provider, view };
}
