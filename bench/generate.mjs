// Generates the benchmark workspaces in bench/.work/ (gitignored), deterministically: the same seed gives the same
// files byte for byte. One self-signed certificate (made once with openssl and kept in bench/.work/cert/) is used by
// every Secret, so certificate checks run on real PEM; without openssl the Secrets carry dummy base64.
//
//   node bench/generate.mjs [--gateways 1200] [--big-docs 2000] [--routes-per-gateway 4] [--out bench/.work/ws]
//
// Layout of a workspace:
//   teams/team-NN/gw-NNNNN.yaml   one Gateway + its Secret(s) per file (every 25th Gateway is deliberately broken)
//   teams/team-NN/apps/gw-NNNNN-routes.yaml   the routes of that Gateway's app team (--routes-per-gateway, in its
//                                 namespace): HTTPRoutes on its listeners (by sectionName or by hostname), a GRPCRoute
//                                 on every 4th, a TLSRoute on the TLS passthrough listener of every 10th; every 40th
//                                 has a route hostname its certificate does not cover (on a listener without hostname),
//                                 every 50th a TLSRoute on an HTTPS listener (wrong kind), every 60th a hostname no
//                                 listener has (attaches nowhere)
//   teams/team-0{0,1}/kustomization.yaml   namespaces for the files of two teams (their objects have no namespace)
//   shared/grants.yaml            ReferenceGrants for the cross-namespace certificate references
//   big/all-in-one.yaml           --big-docs documents: Gateways and Secrets, alternating
//   big/routes.yaml               two HTTPRoutes on every 10th Gateway of big/all-in-one.yaml (its middle one among them)
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
function gateway(i, namespace, random, broken, { maxExtra = 4, secretName = `gw-${pad(i)}-tls`, tlsPassthrough = false, anyHost = false } = {}) {
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
  // Listeners some routes need (no random() call: the other Gateways stay as they were).
  if (tlsPassthrough) listeners.push(['  - name: tls', '    protocol: TLS', '    port: 9443', `    hostname: tls-${host}`, '    tls:', '      mode: Passthrough']);
  if (anyHost) listeners.push(['  - name: https-any', '    protocol: HTTPS', '    port: 10443', '    tls:', '      certificateRefs:', `      - name: ${secretName}`]);
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

/** Which of the team Gateways get which routes (see the header). */
const routePlan = (i) => ({ tlsPassthrough: i % 10 === 5, anyHost: i % 40 === 13, wrongKind: i % 50 === 17, nowhere: i % 60 === 29, grpc: i % 4 === 0 });

/** A route: `kind` HTTPRoute/GRPCRoute/TLSRoute, one parentRef (sectionName optional), hostnames, one backend. */
export function route(kind, name, namespace, { gateway, sectionName, hostnames = [], backend = name }) {
  const apiVersion = 'gateway.networking.k8s.io/v1'; // TLSRoute v1: Standard since Gateway API v1.5
  const rules =
    kind === 'HTTPRoute'
      ? ['  rules:', '  - matches:', '    - path:', '        type: PathPrefix', '        value: /', '    backendRefs:', `    - name: ${backend}`, '      port: 8080']
      : kind === 'GRPCRoute'
        ? ['  rules:', '  - matches:', '    - method:', `        service: bench.${backend.replace(/-/g, '')}.v1.Api`, '    backendRefs:', `    - name: ${backend}`, '      port: 9090']
        : ['  rules:', '  - backendRefs:', `    - name: ${backend}`, '      port: 8443'];
  return [
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    '  parentRefs:',
    `  - name: ${gateway}`,
    ...(sectionName ? [`    sectionName: ${sectionName}`] : []),
    ...(hostnames.length ? ['  hostnames:', ...hostnames.map((h) => `  - ${h}`)] : []),
    ...rules,
  ].join('\n');
}

/** The routes of team Gateway i (`count` of them, in its namespace); returns the documents and their kinds. */
function teamRoutes(i, namespace, count) {
  const gw = `gw-${pad(i)}`;
  const host = `${gw}.bench.example.com`;
  const plan = routePlan(i);
  const specs = [
    // By sectionName, the listener's own hostname.
    ['HTTPRoute', 'web', { sectionName: 'https', hostnames: [plan.nowhere ? `${gw}.bench.example.org` : host] }],
    // By hostname only: attaches to the listener(s) whose hostname intersects (https-0), or, every 40th, by
    // sectionName to the HTTPS listener without a hostname, with a name *.bench.example.com does not cover.
    plan.anyHost
      ? ['HTTPRoute', 'api', { sectionName: 'https-any', hostnames: [`v2.api.${host}`] }]
      : ['HTTPRoute', 'api', { hostnames: [`app0-${host}`] }],
    plan.tlsPassthrough
      ? ['TLSRoute', 'db', { sectionName: 'tls', hostnames: [`tls-${host}`] }]
      : [plan.grpc ? 'GRPCRoute' : 'HTTPRoute', 'rpc', { sectionName: 'https-0', hostnames: [`app0-${host}`] }],
    // No sectionName, the Gateway's name: the HTTP and the HTTPS listener both take it (or, every 50th, a TLSRoute
    // on the HTTPS listener: the wrong kind).
    plan.wrongKind ? ['TLSRoute', 'edge', { sectionName: 'https', hostnames: [host] }] : ['HTTPRoute', 'edge', { hostnames: [host, `www.${host}`] }],
  ];
  const docs = [];
  const kinds = [];
  for (let r = 0; r < count; r++) {
    const [kind, app, options] = specs[r % specs.length];
    const name = `${gw}-${app}${r >= specs.length ? `-${Math.floor(r / specs.length)}` : ''}`;
    docs.push(route(kind, name, namespace, { gateway: gw, ...options }));
    kinds.push(kind);
  }
  return { docs, kinds };
}

/**
 * Writes a workspace: `gateways` files (one Gateway + Secret each) over `teams` directories, a kustomization in two of
 * them, a grants file, and (when bigDocs > 0) one file holding bigDocs documents. Returns counts.
 */
export function generate({ out, gateways = 1200, bigDocs = 2000, teams = 20, seed = 42, routesPerGateway = 4 }) {
  const random = prng(seed);
  const cert = certificate();
  rmSync(out, { recursive: true, force: true });
  let files = 0;
  let documents = 0;
  let bytes = 0;
  let broken = 0;
  const routes = { HTTPRoute: 0, GRPCRoute: 0, TLSRoute: 0 };
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
    const plan = routesPerGateway > 0 ? routePlan(i) : {};
    const docs = [gateway(i, namespace, random, kind, { tlsPassthrough: plan.tlsPassthrough, anyHost: plan.anyHost }), secret(`gw-${pad(i)}-tls`, namespace, cert)];
    if (i % 10 === 3) docs.push(secret(`gw-${pad(i)}-old-tls`, namespace, cert));
    documents += docs.length;
    const rel = `${dir}/gw-${pad(i)}.yaml`;
    write(rel, docs.join('\n---\n') + '\n');
    if (!perTeam.has(team)) perTeam.set(team, []);
    perTeam.get(team).push(`gw-${pad(i)}.yaml`);
    if (routesPerGateway > 0) {
      const r = teamRoutes(i, namespace, routesPerGateway);
      for (const k of r.kinds) routes[k]++;
      documents += r.docs.length;
      write(`${dir}/apps/gw-${pad(i)}-routes.yaml`, r.docs.join('\n---\n') + '\n');
      perTeam.get(team).push(`apps/gw-${pad(i)}-routes.yaml`);
    }
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
    const bigGateways = [];
    for (let i = 0; docs.length < bigDocs; i++) {
      const id = 100_000 + i;
      const kind = i % 25 === 7 ? BROKEN_KINDS[(i / 25) % BROKEN_KINDS.length | 0] : undefined;
      if (kind) broken++;
      const secretName = `big-${pad(Math.floor(i / 2))}-tls`;
      if (i % 2 === 0) docs.push(secret(secretName, 'big', cert));
      if (docs.length < bigDocs) {
        docs.push(gateway(id, 'big', random, kind, { maxExtra: 2, secretName }));
        bigGateways.push(id);
      }
    }
    documents += docs.length;
    write('big/all-in-one.yaml', docs.join('\n---\n') + '\n');
    if (routesPerGateway > 0) {
      // Every 10th Gateway of the big file, counted from its middle one (the one the latency benchmark edits): an
      // HTTPRoute on its HTTPS listener by sectionName, and one by hostname on the same name (both re-attach when
      // that hostname changes).
      const middle = Math.floor(bigGateways.length / 2);
      const bigRoutes = [];
      bigGateways.forEach((id, k) => {
        if (k % 10 !== middle % 10) return;
        const gw = `gw-${pad(id)}`;
        bigRoutes.push(route('HTTPRoute', `${gw}-web`, 'big', { gateway: gw, sectionName: 'https', hostnames: [`${gw}.bench.example.com`] }));
        bigRoutes.push(route('HTTPRoute', `${gw}-site`, 'big', { gateway: gw, hostnames: [`${gw}.bench.example.com`] }));
      });
      routes.HTTPRoute += bigRoutes.length;
      documents += bigRoutes.length;
      write('big/routes.yaml', bigRoutes.join('\n---\n') + '\n');
    }
  }
  const routeCount = routes.HTTPRoute + routes.GRPCRoute + routes.TLSRoute;
  return { out, files, documents, bytes, broken, routes: routeCount, routesByKind: routes, realCertificate: cert.real };
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

/**
 * The one-character edit of (b2): the first letter of the `https` listener's hostname of the middle Gateway in the
 * big file (gw-… ↔ hw-…), which routes in big/routes.yaml attach to by sectionName and by hostname.
 */
export function middleGatewayHostname(text) {
  const gateways = [...text.matchAll(/^kind: Gateway$/gm)];
  const middle = gateways[Math.floor(gateways.length / 2)];
  const listenerAt = text.indexOf('  - name: https\n', middle.index);
  const hostAt = text.indexOf('    hostname: ', listenerAt);
  const end = gateways[Math.floor(gateways.length / 2) + 1]?.index ?? text.length;
  if (listenerAt < 0 || hostAt < 0 || hostAt > end) throw new Error('no https listener hostname in the middle Gateway');
  const index = hostAt + '    hostname: '.length;
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { index, line, character: index - (before.lastIndexOf('\n') + 1), name: /gw-\d+/.exec(text.slice(index, index + 20))?.[0] };
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
    routesPerGateway: Number(flag('routes-per-gateway', 4)),
  });
  console.log(JSON.stringify(result));
}
