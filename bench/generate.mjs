// Generates the benchmark workspaces in bench/.work/ (gitignored), deterministically: the same seed gives the same
// files byte for byte. One self-signed certificate (made once with openssl and kept in bench/.work/cert/) is used by
// every Secret, so certificate checks run on real PEM; without openssl the Secrets carry dummy base64.
//
//   node bench/generate.mjs [--gateways 1200] [--big-docs 2000] [--out bench/.work/ws]
//
// Layout of a workspace:
//   teams/team-NN/gw-NNNNN.yaml   one Gateway + its Secret(s) per file (every 25th Gateway is deliberately broken)
//   teams/team-0{0,1}/kustomization.yaml   namespaces for the files of two teams (their objects have no namespace)
//   shared/grants.yaml            ReferenceGrants for the cross-namespace certificate references
//   big/all-in-one.yaml           --big-docs documents: Gateways and Secrets, alternating
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WORK = path.join(here, '.work');

/** mulberry32: a tiny deterministic PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pad = (n, width = 5) => String(n).padStart(width, '0');

/** A wildcard certificate for *.bench.example.com (and the bare domain), valid for ten years. */
export function certificate() {
  const dir = path.join(WORK, 'cert');
  const crt = path.join(dir, 'tls.crt');
  const key = path.join(dir, 'tls.key');
  if (!existsSync(crt) || !existsSync(key)) {
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', crt, '-days', '3650',
          '-subj', '/CN=*.bench.example.com', '-addext', 'subjectAltName=DNS:*.bench.example.com,DNS:bench.example.com'],
        { stdio: 'ignore' },
      );
    } catch {
      return { crt: Buffer.from('dummy certificate').toString('base64'), key: Buffer.from('dummy key').toString('base64'), real: false };
    }
  }
  return { crt: readFileSync(crt).toString('base64'), key: readFileSync(key).toString('base64'), real: true };
}

export function secret(name, namespace, cert) {
  return [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'type: kubernetes.io/tls',
    'data:',
    `  tls.crt: ${cert.crt}`,
    `  tls.key: ${cert.key}`,
  ].join('\n');
}

/** A Gateway with 3–6 listeners; `broken` picks one deliberate mistake. */
function gateway(i, namespace, random, broken, { maxExtra = 4, secretName = `gw-${pad(i)}-tls` } = {}) {
  const name = `gw-${pad(i)}`;
  const host = `${name}.bench.example.com`;
  const listeners = [
    ['  - name: http', '    protocol: HTTP', '    port: 80', `    hostname: ${host}`],
    ['  - name: https', '    protocol: HTTPS', '    port: 443', `    hostname: ${host}`, '    tls:', '      mode: Terminate', '      certificateRefs:', `      - name: ${secretName}`],
  ];
  const extra = 1 + Math.floor(random() * maxExtra);
  for (let k = 0; k < extra; k++) {
    listeners.push([
      `  - name: https-${k}`,
      '    protocol: HTTPS',
      `    port: ${8443 + k}`,
      `    hostname: app${k}-${host}`,
      '    tls:',
      '      certificateRefs:',
      `      - name: ${secretName}`,
      ...(k === 0 && random() < 0.3 ? ['      - kind: Secret', '        group: ""', `        name: shared-wildcard-tls`, '        namespace: certs'] : []),
    ]);
  }
  if (broken === 'passthrough') listeners[1].splice(5, 1, '      mode: Passthrough');
  if (broken === 'tls-on-http') listeners[0].push('    tls:', '      certificateRefs:', `      - name: ${secretName}`);
  if (broken === 'missing-secret') listeners[1][listeners[1].length - 1] = `      - name: ${name}-missing`;
  if (broken === 'duplicate-name') listeners[2][0] = '  - name: https';
  return [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: Gateway',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    '  labels:',
    `    app.kubernetes.io/part-of: bench-${i % 7}`,
    'spec:',
    '  gatewayClassName: bench-lb',
    '  listeners:',
    ...listeners.flat(),
  ].join('\n');
}

const BROKEN_KINDS = ['passthrough', 'tls-on-http', 'missing-secret', 'duplicate-name'];

/**
 * Writes a workspace: `gateways` files (one Gateway + Secret each) over `teams` directories, a kustomization in two of
 * them, a grants file, and (when bigDocs > 0) one file holding bigDocs documents. Returns counts.
 */
export function generate({ out, gateways = 1200, bigDocs = 2000, teams = 20, seed = 42 }) {
  const random = prng(seed);
  const cert = certificate();
  rmSync(out, { recursive: true, force: true });
  let files = 0;
  let documents = 0;
  let bytes = 0;
  let broken = 0;
  const write = (rel, text) => {
    const file = path.join(out, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  const kustomized = new Set([0, 1]);
  const perTeam = new Map();
  for (let i = 0; i < gateways; i++) {
    const team = i % teams;
    const dir = `teams/team-${pad(team, 2)}`;
    const namespace = kustomized.has(team) ? undefined : `team-${pad(team, 2)}`;
    const kind = i % 25 === 7 ? BROKEN_KINDS[(i / 25) % BROKEN_KINDS.length | 0] : undefined;
    if (kind) broken++;
    const docs = [gateway(i, namespace, random, kind), secret(`gw-${pad(i)}-tls`, namespace, cert)];
    if (i % 10 === 3) docs.push(secret(`gw-${pad(i)}-old-tls`, namespace, cert));
    documents += docs.length;
    const rel = `${dir}/gw-${pad(i)}.yaml`;
    write(rel, docs.join('\n---\n') + '\n');
    if (!perTeam.has(team)) perTeam.set(team, []);
    perTeam.get(team).push(`gw-${pad(i)}.yaml`);
  }
  for (const team of kustomized) {
    const resources = perTeam.get(team) ?? [];
    write(
      `teams/team-${pad(team, 2)}/kustomization.yaml`,
      ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', `namespace: team-${pad(team, 2)}`, 'resources:', ...resources.map((r) => `- ${r}`)].join('\n') + '\n',
    );
  }
  const grants = [secret('shared-wildcard-tls', 'certs', cert)];
  const fromNamespaces = [...Array.from({ length: teams }, (_, team) => `team-${pad(team, 2)}`), 'big'];
  for (const from of fromNamespaces) {
    grants.push(
      [
        'apiVersion: gateway.networking.k8s.io/v1beta1',
        'kind: ReferenceGrant',
        'metadata:',
        `  name: ${from}-gateways`,
        '  namespace: certs',
        'spec:',
        '  from:',
        '  - group: gateway.networking.k8s.io',
        '    kind: Gateway',
        `    namespace: ${from}`,
        '  to:',
        '  - group: ""',
        '    kind: Secret',
      ].join('\n'),
    );
  }
  documents += grants.length;
  write('shared/grants.yaml', grants.join('\n---\n') + '\n');
  if (bigDocs > 0) {
    // Two Gateways per Secret and at most two extra listeners, so that the file stays under the default 2 MiB limit.
    const docs = [];
    for (let i = 0; docs.length < bigDocs; i++) {
      const id = 100_000 + i;
      const kind = i % 25 === 7 ? BROKEN_KINDS[(i / 25) % BROKEN_KINDS.length | 0] : undefined;
      if (kind) broken++;
      const secretName = `big-${pad(Math.floor(i / 2))}-tls`;
      if (i % 2 === 0) docs.push(secret(secretName, 'big', cert));
      if (docs.length < bigDocs) docs.push(gateway(id, 'big', random, kind, { maxExtra: 2, secretName }));
    }
    documents += docs.length;
    write('big/all-in-one.yaml', docs.join('\n---\n') + '\n');
  }
  return { out, files, documents, bytes, broken, realCertificate: cert.real };
}

/** The one-character edit the latency benchmark toggles: a port in the middle Gateway of the big file. */
export const BIG_FILE = 'big/all-in-one.yaml';
export function middleGatewayPort(text) {
  const gateways = [...text.matchAll(/^kind: Gateway$/gm)];
  const middle = gateways[Math.floor(gateways.length / 2)];
  const from = middle.index;
  const portAt = text.indexOf('    port: 8443', from);
  if (portAt < 0) throw new Error('no port 8443 listener after the middle Gateway');
  const index = portAt + '    port: 844'.length; // the last digit
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { index, line, character: index - (before.lastIndexOf('\n') + 1) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const result = generate({
    out: path.resolve(flag('out', path.join(WORK, 'ws'))),
    gateways: Number(flag('gateways', 1200)),
    bigDocs: Number(flag('big-docs', 2000)),
  });
  console.log(JSON.stringify(result));
}
