// The TLS map as an indented tree for a terminal: ✓ nothing to say, ⚠ warnings, ✖ errors (on the listener, the
// certificate or the route they are published on), each node with its file and line.
import type { ReportedCertificate, ReportedPlace, ReportedProblem, ReportedTlsMap } from './mapJson';

export function formatMapText(map: ReportedTlsMap): string {
  if (map.gateways.length === 0) return 'No Gateways found.\n';
  const out: string[] = [];
  const at = (p: ReportedPlace | null) => (p ? `  (${p.file}:${p.line})` : '');
  const problemLines = (ps: readonly ReportedProblem[], indent: string) => {
    for (const p of ps) out.push(`${indent}${p.severity === 'error' ? '✖' : p.severity === 'warning' ? '⚠' : 'ℹ'} ${p.code}: ${p.message}  (${p.file}:${p.line})`);
  };
  for (const g of map.gateways) {
    out.push(`${marker(g.problems)} Gateway ${g.namespace}/${g.name}${g.className ? ` (class ${g.className})` : ''}${at(g.location)}`);
    problemLines(g.problems, '    ');
    for (const l of g.listeners) {
      const owner = l.listenerSet ? ` [ListenerSet ${l.listenerSet.namespace}/${l.listenerSet.name}]` : '';
      const tls = l.mode ? ` ${l.mode}` : '';
      out.push(`  ${marker(l.problems)} listener ${l.name ?? '(unnamed)'}: ${l.protocol ?? '?'} ${l.port ?? '?'} ${l.hostname ?? '*'}${tls}${owner}${at(l.location)}`);
      problemLines(l.problems, '      ');
      for (const c of l.certificates) out.push(`      ${certificateMarker(c)} certificate ${c.namespace}/${c.name}: ${certificateFacts(c)}${at(c.location)}`);
      for (const r of l.routes) out.push(`      ${marker(r.problems)} ${r.kind} ${r.namespace}/${r.name} → ${r.hostnames.join(', ')}${at(r.location)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function marker(problems: readonly ReportedProblem[]): string {
  if (problems.some((p) => p.severity === 'error')) return '✖';
  if (problems.some((p) => p.severity === 'warning')) return '⚠';
  return '✓';
}

function certificateMarker(c: ReportedCertificate): string {
  if (c.status === 'expired' || c.status === 'not-yet-valid') return '✖';
  if (c.status === 'expiring') return '⚠';
  return marker(c.problems);
}

/** "Secret, CN=shop, SANs shop.example.com, expires 2027-01-01 (in 30 days)". */
export function certificateFacts(c: ReportedCertificate): string {
  const parts = [c.producer ?? 'not found in the workspace'];
  if (c.note) parts.push(c.note);
  if (c.subject) parts.push(c.subject);
  if (c.sans) parts.push(`SANs ${c.sans.length > 0 ? c.sans.join(', ') : '(none)'}`);
  if (c.notAfter && c.daysLeft !== undefined) {
    const date = c.notAfter.slice(0, 10);
    parts.push(c.daysLeft < 0 || c.status === 'expired' ? `EXPIRED ${date} (${-c.daysLeft} days ago)` : `expires ${date} (in ${c.daysLeft} days)`);
  }
  return parts.join(', ');
}
