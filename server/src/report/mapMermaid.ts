// The TLS map as a Mermaid flowchart for pull requests and docs: gateway → listener → certificate, listener →
// route; listeners with problems and expiring or expired certificates are styled.
import type { ReportedTlsMap } from './mapJson';

export function formatMapMermaid(map: ReportedTlsMap): string {
  const lines = ['flowchart LR'];
  const ids = new Map<string, string>();
  const id = (key: string, prefix: string) => {
    let found = ids.get(key);
    if (!found) {
      found = `${prefix}${ids.size}`;
      ids.set(key, found);
    }
    return found;
  };
  const declared = new Set<string>();
  /** A node is written once, however many listeners lead to it (a shared certificate, a route on two listeners). */
  const node = (nodeId: string, text: string) => {
    if (declared.has(nodeId)) return;
    declared.add(nodeId);
    lines.push(`  ${nodeId}${text}`);
  };
  const styled: Record<'problem' | 'warning' | 'expired', string[]> = { problem: [], warning: [], expired: [] };
  map.gateways.forEach((g) => {
    const gid = id(`g:${g.namespace}/${g.name}:${g.location?.file}:${g.location?.line}`, 'gw');
    lines.push(`  ${gid}[["Gateway ${label(`${g.namespace}/${g.name}`)}"]]`);
    for (const l of g.listeners) {
      const lid = id(`l:${gid}:${l.listenerSet?.name ?? ''}:${l.name}:${l.location?.line}`, 'l');
      lines.push(`  ${lid}("${label(l.name ?? '(unnamed)', `${l.protocol ?? '?'} ${l.port ?? '?'} ${l.hostname ?? '*'}`, ...(l.mode ? [l.mode] : []))}")`);
      lines.push(`  ${gid} --> ${lid}`);
      if (l.problems.some((p) => p.severity === 'error')) styled.problem.push(lid);
      else if (l.problems.some((p) => p.severity === 'warning')) styled.warning.push(lid);
      for (const c of l.certificates) {
        const cid = id(`c:${c.namespace}/${c.name}`, 'c');
        const expiry = c.notAfter ? [`${c.status === 'expired' ? 'EXPIRED' : 'expires'} ${c.notAfter.slice(0, 10)}`] : [];
        node(cid, `[/"${label(`${c.namespace}/${c.name}`, c.producer ?? 'not found', ...expiry)}"/]`);
        lines.push(`  ${lid} --> ${cid}`);
        if (c.status === 'expired' || c.status === 'not-yet-valid' || c.producer === null) styled.expired.push(cid);
        else if (c.status === 'expiring') styled.warning.push(cid);
      }
      for (const r of l.routes) {
        const rid = id(`r:${r.kind}:${r.namespace}/${r.name}`, 'r');
        node(rid, `["${label(`${r.kind} ${r.namespace}/${r.name}`)}"]`);
        lines.push(`  ${lid} -. "${label(r.hostnames.join(', '))}" .-> ${rid}`);
      }
    }
  });
  lines.push('  classDef problem fill:#fdd,stroke:#c00,color:#600');
  lines.push('  classDef warning fill:#ffe8b3,stroke:#c80,color:#630');
  lines.push('  classDef expired fill:#fdd,stroke:#c00,color:#600,stroke-dasharray: 4 2');
  for (const [name, members] of Object.entries(styled)) {
    const unique = [...new Set(members)];
    if (unique.length > 0) lines.push(`  class ${unique.join(',')} ${name}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Lines of a quoted Mermaid label, each made safe (quotes and markup characters as entities), joined by <br/>. */
function label(...parts: string[]): string {
  return parts.map((text) => text.replace(/["<>[\]{}|#]/g, (c) => `#${c.charCodeAt(0)};`)).join('<br/>');
}
