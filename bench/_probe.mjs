import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
const root = process.argv[2];
const files = [];
const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const f = path.join(d, e.name); if (e.isDirectory()) walk(f); else if (/\.ya?ml$/.test(e.name)) files.push(f); } };
walk(root);
let t0 = performance.now();
const texts = files.map((f) => readFileSync(f, 'utf8'));
console.log('read', files.length, (performance.now() - t0).toFixed(0), 'ms', texts.reduce((a, t) => a + t.length, 0) / 1e6, 'MB');
const RE = /\b(?:Gateway|GatewayClass|ListenerSet|XListenerSet|ReferenceGrant|BackendTLSPolicy|HTTPRoute|GRPCRoute|TLSRoute|Secret|ConfigMap|Service|Namespace|Certificate|Issuer|ClusterIssuer|ExternalSecret|SealedSecret|Bundle)\b|gateway\.networking\.k8s\.io|gateway\.networking\.x-k8s\.io|\\(?:[xuU]|\r?\n)/;
t0 = performance.now();
const segs = [];
for (const t of texts) for (const s of t.split(/^---(?=[ \t\r\n]|$)/m)) segs.push(s);
const rel = segs.filter((s) => RE.test(s));
console.log('split+prescan', (performance.now() - t0).toFixed(0), 'ms', segs.length, 'segments', rel.length, 'relevant', rel.reduce((a, s) => a + s.length, 0) / 1e6, 'MB');
const byKind = {};
for (const s of rel) { const k = /^kind:\s*(\S+)/m.exec(s)?.[1] ?? '?'; (byKind[k] ??= []).push(s); }
for (const [k, list] of Object.entries(byKind)) {
  t0 = performance.now();
  for (const s of list) parseAllDocuments(s, { uniqueKeys: true, strict: true }).map((d) => d.toJS());
  console.log(k.padEnd(20), String(list.length).padStart(6), 'docs', (list.reduce((a, s) => a + s.length, 0) / 1e6).toFixed(2), 'MB', (performance.now() - t0).toFixed(0), 'ms');
}
