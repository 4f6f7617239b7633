// The Kustomize benchmark (`node bench/run.mjs --kustomize [--runs 3]`): a GitOps workspace of 200 overlays over 20
// bases next to the 1,000-Gateway mix of generate.mjs, built with the real kustomize. Each figure is printed beside
// its floor, measured in the same run:
//   kustomize alone (every root spawned directly, os.availableParallelism() at a time, and one at a time)
//     ← floor of the CLI with builds (`check --kustomize auto`), target ≤ 2× kustomize alone;
//   the read floor (bench/read-floor.mjs) ← floor of the CLI without builds (`--kustomize off`);
//   the server: spawn → end of its 'building kustomizations' progress, and → the first publish after it of an opened
//     base gateway.yaml; its builds, from its `kustomize: N built, M failed` log line and its per-root lines.
// The CLI's JSON `kustomize` block must say every root was built once (rootsBuilt + rootsFailed === roots === 200).
// A benchmark never fails: a missed target is reported.
//
// Layout of bench/.work/kustomize/ws (regenerated on every run, deterministically):
//   teams/, shared/            generate.mjs's mix: 1,000 Gateway files with their Secrets and ReferenceGrants (its two
//                              team kustomizations are dropped and their files get `namespace:` instead, so the
//                              overlays are the only roots)
//   bases/<app>/               kustomization.yaml, gateway.yaml (Gateway, 3–4 listeners, HTTPS ones on Secret
//                              <app>-tls), secret.yaml (kubernetes.io/tls, real PEM), referencegrant.yaml,
//                              backend.yaml (Service, ConfigMap ca.crt, BackendTLSPolicy), deployment.yaml (1 or 2)
//   overlays/<app>/<env>/      kustomization.yaml (namespace <app>-<env>; by env: namePrefix, a JSON 6902 patch of the
//                              Gateway, a strategic-merge patch file of the Deployment, a secretGenerator from files
//                              tls.crt/tls.key, images), plus the files those name
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { certificate, generate, secret, WORK } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const CPU_PRELOAD = path.join(here, 'cpu-usage.cjs');
export const KUSTOMIZE_WORK = path.join(WORK, 'kustomize');
export const KUSTOMIZE_WS = path.join(KUSTOMIZE_WORK, 'ws');

const APPS = ['shop', 'billing', 'checkout', 'catalog', 'search', 'orders', 'payments', 'users', 'auth', 'inventory', 'shipping', 'ledger', 'notify',
  'reports', 'media', 'profile', 'pricing', 'reviews', 'cart', 'analytics'];
const ENVS = ['dev', 'qa', 'staging', 'prod', 'prod-eu', 'prod-us', 'canary', 'perf', 'demo', 'sandbox'];
/** The base Gateway file the server benchmark opens before the scan ends. */
export const KUSTOMIZE_GATEWAY = `bases/${APPS[0]}/gateway.yaml`;
const TARGET_RATIO = 2;

const lines = (...xs) => xs.flat().join('\n') + '\n';

// ---- the workspace -------------------------------------------------------------------------------------------

function baseFiles(b, app, cert) {
  const host = `${app}.bench.example.com`;
  const listeners = [
    ['  - name: http', '    protocol: HTTP', '    port: 80', `    hostname: ${host}`],
    ['  - name: https', '    protocol: HTTPS', '    port: 443', `    hostname: ${host}`, '    tls:', '      mode: Terminate', '      certificateRefs:', `      - name: ${app}-tls`],
    ['  - name: https-api', '    protocol: HTTPS', '    port: 443', `    hostname: api-${host}`, '    tls:', '      certificateRefs:', '      - kind: Secret', '        group: ""', `        name: ${app}-tls`],
  ];
  if (b % 2 === 0) listeners.push(['  - name: https-admin', '    protocol: HTTPS', '    port: 8443', `    hostname: admin-${host}`, '    tls:', '      certificateRefs:', `      - name: ${app}-tls`]);
  const pem = Buffer.from(cert.crt, 'base64').toString('utf8').trim().split('\n');
  const deployment = (name, port) =>
    lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${app}-${name}`, '  labels:', `    app.kubernetes.io/name: ${app}-${name}`, 'spec:', '  replicas: 1',
      '  selector:', '    matchLabels:', `      app.kubernetes.io/name: ${app}-${name}`, '  template:', '    metadata:', '      labels:', `        app.kubernetes.io/name: ${app}-${name}`,
      '    spec:', '      containers:', `      - name: ${name}`, `        image: ghcr.io/bench/${app}:1.0.0`, '        ports:', `        - containerPort: ${port}`, '        volumeMounts:',
      '        - name: tls', '          mountPath: /etc/tls', '          readOnly: true', '      volumes:', '      - name: tls', '        secret:', `          secretName: ${app}-tls`);
  return [
    [`bases/${app}/kustomization.yaml`, lines('apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'labels:', '- pairs:', `    app.kubernetes.io/part-of: ${app}`,
      'resources:', '- gateway.yaml', '- secret.yaml', '- referencegrant.yaml', '- backend.yaml', '- deployment.yaml')],
    [`bases/${app}/gateway.yaml`, lines('apiVersion: gateway.networking.k8s.io/v1', 'kind: Gateway', 'metadata:', `  name: ${app}-gw`, 'spec:', '  gatewayClassName: bench-lb', '  listeners:', ...listeners.flat())],
    [`bases/${app}/secret.yaml`, secret(`${app}-tls`, undefined, cert) + '\n'],
    [`bases/${app}/referencegrant.yaml`, lines('apiVersion: gateway.networking.k8s.io/v1beta1', 'kind: ReferenceGrant', 'metadata:', `  name: ${app}-edge-gateways`, 'spec:', '  from:',
      '  - group: gateway.networking.k8s.io', '    kind: Gateway', '    namespace: edge', '  to:', '  - group: ""', '    kind: Secret', `    name: ${app}-tls`)],
    [`bases/${app}/backend.yaml`, [
      lines('apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${app}-backend`, 'spec:', '  selector:', `    app.kubernetes.io/name: ${app}-api`, '  ports:', '  - name: https', '    port: 443', '    targetPort: 8443'),
      lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${app}-ca`, 'data:', '  ca.crt: |', ...pem.map((l) => `    ${l}`)),
      lines('apiVersion: gateway.networking.k8s.io/v1', 'kind: BackendTLSPolicy', 'metadata:', `  name: ${app}-backend-tls`, 'spec:', '  targetRefs:', '  - group: ""', '    kind: Service',
        `    name: ${app}-backend`, '    sectionName: https', '  validation:', '    caCertificateRefs:', '    - group: ""', '      kind: ConfigMap', `      name: ${app}-ca`, `    hostname: ${host}`),
    ].join('---\n')],
    [`bases/${app}/deployment.yaml`, (b % 3 === 0 ? [deployment('api', 8443), deployment('worker', 9000)] : [deployment('api', 8443)]).join('---\n')],
  ];
}

function overlayFiles(app, k, cert) {
  const env = ENVS[k];
  const dir = `overlays/${app}/${env}`;
  const prefix = [1, 4, 7].includes(k);
  const json6902 = [0, 3, 6, 9].includes(k);
  const smp = [2, 3, 5, 8].includes(k);
  const generator = [2, 5, 8, 9].includes(k);
  const noHash = [2, 9].includes(k);
  const images = [3, 6].includes(k);
  const files = [];
  const kust = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', `namespace: ${app}-${env}`, ...(prefix ? [`namePrefix: ${env}-`] : []),
    'labels:', '- pairs:', `    environment: ${env}`, 'resources:', `- ../../../bases/${app}`];
  const patches = [];
  if (json6902) {
    patches.push('- target:', '    group: gateway.networking.k8s.io', '    version: v1', '    kind: Gateway', `    name: ${app}-gw`, '  patch: |-',
      '    - op: replace', '      path: /spec/listeners/1/hostname', `      value: ${env}-${app}.bench.example.com`);
    if (k === 9) {
      // A listener on the generated Secret (whose name has no hash suffix here).
      patches.push('    - op: add', '      path: /spec/listeners/-', '      value:', '        name: https-extra', '        protocol: HTTPS', '        port: 443',
        `        hostname: extra-${env}-${app}.bench.example.com`, '        tls:', '          certificateRefs:', `          - name: ${app}-${env}-tls`);
    }
  }
  if (smp) {
    patches.push('- path: deployment-patch.yaml');
    const volume = generator ? ['      volumes:', '      - name: extra-tls', '        secret:', `          secretName: ${app}-${env}-tls`] : [];
    files.push([`${dir}/deployment-patch.yaml`, lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${app}-api`, 'spec:', `  replicas: ${2 + (k % 3)}`, '  template:',
      '    spec:', '      containers:', '      - name: api', '        resources:', '          requests:', `            cpu: ${100 * (k + 1)}m`, '            memory: 256Mi', ...volume)]);
  }
  if (patches.length) kust.push('patches:', ...patches);
  if (generator) {
    kust.push('secretGenerator:', `- name: ${app}-${env}-tls`, '  type: kubernetes.io/tls', '  files:', '  - tls.crt', '  - tls.key');
    if (noHash) kust.push('  options:', '    disableNameSuffixHash: true');
    files.push([`${dir}/tls.crt`, Buffer.from(cert.crt, 'base64').toString('utf8')], [`${dir}/tls.key`, Buffer.from(cert.key, 'base64').toString('utf8')]);
  }
  if (images) kust.push('images:', `- name: ghcr.io/bench/${app}`, `  newTag: 1.${k}.0`);
  files.push([`${dir}/kustomization.yaml`, lines(kust)]);
  return { dir, files };
}

/** Writes the workspace; returns counts and the overlay (root) directories. */
export function generateKustomize({ out = KUSTOMIZE_WS, gateways = 1000 } = {}) {
  rmSync(out, { recursive: true, force: true });
  const mix = generate({ out, gateways, bigDocs: 0 });
  // The mix's two team kustomizations would be roots too: they become plain files with an explicit namespace.
  for (const team of ['team-00', 'team-01']) {
    const dir = path.join(out, 'teams', team);
    const kustomization = path.join(dir, 'kustomization.yaml');
    const resources = [...readFileSync(kustomization, 'utf8').matchAll(/^- (\S+)$/gm)].map((m) => m[1]);
    unlinkSync(kustomization);
    for (const rel of resources) {
      const file = path.join(dir, rel);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^metadata:\n  name: (\S+)\n/gm, `metadata:\n  name: $1\n  namespace: ${team}\n`));
    }
  }
  const cert = certificate();
  let files = mix.files - 2;
  let yamlFiles = files;
  let bytes = 0;
  const write = (rel, text) => {
    const file = path.join(out, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    files++;
    if (/\.ya?ml$/.test(rel)) yamlFiles++;
    bytes += Buffer.byteLength(text);
  };
  const overlays = [];
  APPS.forEach((app, b) => {
    for (const [rel, text] of baseFiles(b, app, cert)) write(rel, text);
    for (let k = 0; k < ENVS.length; k++) {
      const o = overlayFiles(app, k, cert);
      for (const [rel, text] of o.files) write(rel, text);
      overlays.push(path.join(out, o.dir));
    }
  });
  return { out, files, yamlFiles, mixGateways: gateways, mixBroken: mix.broken, bases: APPS.length, overlays, realCertificate: mix.realCertificate, kustomizeBytes: bytes };
}

// ---- helpers -------------------------------------------------------------------------------------------------

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...m) => console.error('[bench]', ...m);
const fmt = (ms) => (ms === undefined || Number.isNaN(ms) ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The kustomize the CLI's auto-detection picks: `kustomize` on PATH, else `kubectl kustomize`. */
function kustomizeArgv() {
  const which = (name) => (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, name)).find((p) => p && existsSync(p));
  const kustomize = which('kustomize');
  if (kustomize) return [kustomize, 'build'];
  const kubectl = which('kubectl');
  return kubectl ? [kubectl, 'kustomize'] : undefined;
}

/** One kustomize build of dir, stdout read to the end (as the CLI reads it); resolves with the exit code and bytes. */
function buildOnce(argv, dir) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], [...argv.slice(1), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (c) => (bytes += c.length));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', (e) => resolve({ code: -1, bytes, stderr: e.message }));
    child.on('close', (code) => resolve({ code, bytes, stderr }));
  });
}

/** Builds every dir, `concurrency` at a time; wall time, failures and output bytes. */
async function buildAllDirect(argv, dirs, concurrency) {
  const started = now();
  let next = 0;
  let bytes = 0;
  const failed = [];
  const worker = async () => {
    while (next < dirs.length) {
      const dir = dirs[next++];
      const r = await buildOnce(argv, dir);
      bytes += r.bytes;
      if (r.code !== 0) failed.push(`${path.relative(root, dir)}: ${r.stderr.trim().split('\n').pop()}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, dirs.length) }, worker));
  return { wall: now() - started, failed, bytes };
}

/** A node process with the CPU/RSS preload, stdout to a file; never rejects on the exit code. */
function runNode(nodeArgs, stdoutFile = '/dev/null') {
  return new Promise((resolve, reject) => {
    const out = openSync(stdoutFile, 'w');
    const started = now();
    const child = spawn(process.execPath, ['-r', CPU_PRELOAD, ...nodeArgs], { cwd: root, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', (e) => {
      closeSync(out);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      const wall = now() - started;
      closeSync(out);
      const cpu = Number(/@@bench-cpu ([\d.]+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ wall, cpu, code, signal, stderr: stderr.replace(/\n?@@bench-\w+ [\d.]+/g, '').trim() });
    });
  });
}

function readJson(file, errors, what) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    errors.push(`${what}: output is not JSON (${error.message})`);
    return undefined;
  }
}

const byCode = (report) => {
  const counts = {};
  for (const d of report?.diagnostics ?? []) counts[d.code] = (counts[d.code] ?? 0) + 1;
  return counts;
};

// ---- the server ----------------------------------------------------------------------------------------------

const BUILD_TITLE = 'building kustomizations';
const SUMMARY = /^kustomize: (\d+) built, (\d+) failed in (\d+) ms \((.*)\)$/;

async function benchServer({ server, LspClient, fileUri, ws, timeout }) {
  const r = { errors: [] };
  const gwFile = path.join(ws, KUSTOMIZE_GATEWAY);
  const gwUri = fileUri(gwFile);
  const spawnAt = now();
  let client;
  try {
    client = await LspClient.start({ server, workspaceFolder: ws, settings: { gatewayTls: {} }, timeout });
    await client.open(gwUri, readFileSync(gwFile, 'utf8'));
    r.openedMs = now() - spawnAt;
    const indexing = client.progress.find((p) => p.value.kind === 'begin' && p.value.title.includes('indexing'));
    r.openedBeforeScanEnd = !(indexing && client.progress.some((p) => p.token === indexing.token && p.value.kind === 'end'));
    const events = await client.waitForProgressEnd(BUILD_TITLE, timeout);
    r.buildEndMs = now() - spawnAt;
    const end = events.find((p) => p.value.kind === 'end');
    const after = end?.diagnosticsBefore ?? 0;
    try {
      const first = await client.waitForDiagnostics(gwUri, () => true, { after, timeout: 20_000 });
      r.firstPublishMs = first.receivedAt - spawnAt;
      r.firstCodes = first.diagnostics.map((d) => d.code);
    } catch {
      const earlier = client.latest.get(gwUri);
      r.errors.push(`server: no publish of ${KUSTOMIZE_GATEWAY} within 20 s of the end of the builds` +
        (earlier ? ` (its last publish, ${fmt(earlier.receivedAt - spawnAt)} after spawn, is unchanged since)` : ''));
    }
    await client.waitFor('the "indexed" log line', () => client.logMessages.some((m) => /^indexed \d+ YAML files/.test(m)), timeout).catch(() => r.errors.push('server: no "indexed" log line'));
    // Let the publishes the builds cause settle (a request round trip, then 500 ms of quiet for the Gateway).
    await client.hover(gwUri, { line: 0, character: 0 });
    for (let seen = client.diagnostics.length; ; seen = client.diagnostics.length) {
      await sleep(500);
      if (!client.diagnostics.slice(seen).some((d) => d.uri === gwUri)) break;
    }
    r.finalCodes = client.latest.get(gwUri)?.diagnostics.map((d) => d.code);
    r.indexLine = client.logMessages.find((m) => /^indexed \d+ YAML files/.test(m));
    const summaries = client.logMessages.map((m) => SUMMARY.exec(m)).filter(Boolean);
    r.summaryLines = summaries.length;
    if (summaries.length) {
      const [line, built, failed, ms, tool] = summaries[0];
      Object.assign(r, { summary: line, built: Number(built), failed: Number(failed), serverBuildMs: Number(ms), tool });
    } else r.errors.push('server: no `kustomize: N built, M failed` log line');
    const perRoot = client.logMessages.filter((m) => /^kustomize: (built \S.* in \S+ ms|\S.* failed: )/.test(m)).map((m) => /^kustomize: (?:built )?(.*?)(?: in \S+ ms| failed: .*)$/.exec(m)?.[1]);
    r.perRootLines = perRoot.length;
    r.distinctRoots = new Set(perRoot).size;
    await client.shutdown(30_000).catch((e) => r.errors.push(`shutdown: ${e.message.split('\n')[0]}`));
  } catch (error) {
    r.errors.push(`server: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    client?.kill();
  }
  return r;
}

// ---- main ----------------------------------------------------------------------------------------------------

/** `cli`/`server`: the bundles to measure; LspClient/fileUri: the test client (bundled by run.mjs). */
export async function mainKustomize({ runs = 3, cli, server, LspClient, fileUri, machine, timeout = 600_000 }) {
  const started = now();
  const gen = generateKustomize();
  const ws = gen.out;
  const roots = gen.overlays;
  log(`kustomize workspace: ${gen.files} files (${gen.yamlFiles} YAML): the ${gen.mixGateways}-Gateway mix, ${gen.bases} bases, ${roots.length} overlays, ` +
    `generated in ${fmt(now() - started)} in ${path.relative(root, ws)} (real certificate: ${gen.realCertificate})`);
  const argv = kustomizeArgv();
  const parallel = os.availableParallelism();
  const errors = [];
  if (!argv) errors.push('neither kustomize nor kubectl is on PATH: no kustomize-alone floor');
  const command = argv ? `${path.basename(argv[0])} ${argv[1]}` : 'n/a';
  const rel = path.relative(root, ws);
  const jsonAuto = path.join(KUSTOMIZE_WORK, 'cli-auto.json');
  const jsonOff = path.join(KUSTOMIZE_WORK, 'cli-off.json');
  const m = { par: [], seq: [], auto: [], autoCpu: [], off: [], offCpu: [], floor: [], syncFloor: [], server: [] };
  let autoReport;
  let offReport;
  const rootChecks = [];

  // Warm the page cache and kustomize's own start-up files.
  await runNode([path.join(here, 'read-floor.mjs'), rel]);
  if (argv) {
    const warm = await buildAllDirect(argv, roots, parallel);
    if (warm.failed.length) errors.push(`kustomize alone: ${warm.failed.length} of ${roots.length} roots failed, e.g. ${warm.failed[0]}`);
  }
  for (let i = 0; i < runs; i++) {
    log(`run ${i + 1}/${runs}`);
    if (argv) {
      const par = await buildAllDirect(argv, roots, parallel);
      m.par.push(par.wall);
      m.outputBytes = par.bytes;
      const seq = await buildAllDirect(argv, roots, 1);
      m.seq.push(seq.wall);
      log(`    kustomize alone: ${fmt(par.wall)} (${parallel} at a time), ${fmt(seq.wall)} (one at a time)`);
    }
    const auto = await runNode([cli, 'check', rel, '--format', 'json', '--kustomize', 'auto'], jsonAuto);
    if (auto.code !== 0 && auto.code !== 1) errors.push(`CLI --kustomize auto exited ${auto.code ?? auto.signal}: ${auto.stderr.slice(-300)}`);
    m.auto.push(auto.wall);
    m.autoCpu.push(auto.cpu);
    const report = readJson(jsonAuto, errors, 'CLI --kustomize auto');
    if (i === 0) autoReport = report;
    const k = report?.kustomize;
    rootChecks.push(k ? { ...k, ok: k.mode === 'builds' && k.rootsBuilt + k.rootsFailed === roots.length && k.roots === roots.length } : { ok: false });
    const off = await runNode([cli, 'check', rel, '--format', 'json', '--kustomize', 'off'], jsonOff);
    if (off.code !== 0 && off.code !== 1) errors.push(`CLI --kustomize off exited ${off.code ?? off.signal}: ${off.stderr.slice(-300)}`);
    m.off.push(off.wall);
    m.offCpu.push(off.cpu);
    if (i === 0) offReport = readJson(jsonOff, errors, 'CLI --kustomize off');
    m.floor.push((await runNode([path.join(here, 'read-floor.mjs'), rel])).wall);
    m.syncFloor.push((await runNode([path.join(here, 'read-floor.mjs'), rel, '--sync'])).wall);
    log(`    CLI auto ${fmt(auto.wall)} (${k ? `${k.rootsBuilt} built, ${k.rootsFailed} failed` : 'no kustomize block'}), CLI off ${fmt(off.wall)}, read floor ${fmt(m.floor.at(-1))} / sync ${fmt(m.syncFloor.at(-1))}`);
    const s = await benchServer({ server, LspClient, fileUri, ws, timeout });
    m.server.push(s);
    errors.push(...s.errors.map((e) => `run ${i + 1}: ${e}`));
    log(`    server: builds ended ${fmt(s.buildEndMs)} after spawn, first publish of the Gateway after them ${fmt(s.firstPublishMs)}; ${s.summary ?? 'no summary line'}`);
  }

  const par = median(m.par);
  const seq = median(m.seq);
  const auto = median(m.auto);
  const off = median(m.off);
  const floor = median(m.floor);
  const syncFloor = median(m.syncFloor);
  const srvEnd = median(m.server.map((s) => s.buildEndMs));
  const srvFirst = median(m.server.map((s) => s.firstPublishMs));
  const srvBuild = median(m.server.map((s) => s.serverBuildMs));
  const ratio = auto / par;
  const ok = (cond) => (cond === undefined ? '' : cond ? ' ✅' : ' ❌');
  const cliOnce = rootChecks.length > 0 && rootChecks.every((c) => c.ok);
  const c0 = rootChecks[0] ?? {};
  const serverOnce = m.server.length > 0 && m.server.every((s) => s.built + s.failed === roots.length && s.summaryLines === 1 && s.perRootLines === roots.length && s.distinctRoots === roots.length);
  const codes = (report) => Object.entries(byCode(report)).map(([c, n]) => `${c} ${n}`).join(', ') || 'none';
  const s0 = m.server[0] ?? {};
  const mach = machine();
  const out = [
    `### Kustomize builds (\`node bench/run.mjs --kustomize --runs ${runs}\`)`,
    '',
    `Machine: ${mach.cores} cores (${mach.cpu}), ${mach.memory} RAM, Node ${mach.node}, ${mach.os}; load average at start ${mach.load}; os.availableParallelism() = ${parallel}.`,
    `Workspace: ${gen.files} files (${gen.yamlFiles} YAML): generate.mjs's ${gen.mixGateways}-Gateway mix (${gen.mixBroken} deliberately broken) + ${gen.bases} bases ` +
      `(Gateway, TLS Secret, ReferenceGrant, Service + CA ConfigMap + BackendTLSPolicy, Deployments) + ${roots.length} overlays (10 per base: namespace; ` +
      `namePrefix, JSON 6902 / strategic-merge patches, secretGenerator from files, images by env) = ${roots.length} Kustomize roots. Kustomize: \`${command}\`${c0.tool ? ` (CLI: ${c0.tool})` : ''}. Median of ${runs} run(s).`,
    '',
    '| measurement | result | floor | target |',
    '|---|---|---|---|',
    `| (1) kustomize alone: \`${command} <root>\` spawned directly for all ${roots.length} roots, ${parallel} at a time (stdout read, ${((m.outputBytes ?? NaN) / 2 ** 20).toFixed(1)} MiB) | **${fmt(par)}** | — | |`,
    `| (1) same, one at a time | ${fmt(seq)} (${(seq / roots.length).toFixed(1)} ms per root) | — | |`,
    `| (2) CLI \`check --format json --kustomize auto\`, whole workspace, wall (CPU) | **${fmt(auto)}** (${fmt(median(m.autoCpu))} CPU) | kustomize alone ${fmt(par)} | ≤ ${TARGET_RATIO}× kustomize alone: **${ratio.toFixed(2)}×**${ok(Number.isFinite(ratio) ? ratio <= TARGET_RATIO : undefined)} (vs one at a time: ${(auto / seq).toFixed(2)}×) |`,
    `| (3) CLI \`check --format json --kustomize off\`, wall (CPU) | **${fmt(off)}** (${fmt(median(m.offCpu))} CPU; ${(off / floor).toFixed(2)}× the read floor, ${(off / syncFloor).toFixed(2)}× the synchronous one) | read floor ${fmt(floor)} (synchronous: ${fmt(syncFloor)}) | |`,
    `| (2) − (3): what the builds add to the CLI | ${fmt(auto - off)} (${((auto - off) / par).toFixed(2)}× kustomize alone) | kustomize alone ${fmt(par)} | |`,
    `| (4) server: spawn → end of the '${BUILD_TITLE}' progress (${path.basename(KUSTOMIZE_GATEWAY)} of ${APPS[0]} opened ${fmt(s0.openedMs)} after spawn, ${m.server.every((s) => s.openedBeforeScanEnd) ? 'before' : 'not always before'} the scan ended) | **${fmt(srvEnd)}** (builds alone, by its log: ${fmt(srvBuild)}, ${(srvBuild / par).toFixed(2)}× kustomize alone) | kustomize alone ${fmt(par)} | |`,
    `| (4) server: spawn → first publishDiagnostics of ${KUSTOMIZE_GATEWAY} after that end (${s0.firstCodes ? (s0.firstCodes.length ? s0.firstCodes.join(', ') : 'no diagnostics') : 'n/a'}${s0.finalCodes && JSON.stringify(s0.finalCodes) !== JSON.stringify(s0.firstCodes) ? `; final: ${s0.finalCodes.join(', ') || 'none'}` : ''}) | **${fmt(srvFirst)}** (${fmt(srvFirst - srvEnd)} after the end) | kustomize alone ${fmt(par)} | |`,
    `| (4) server builds per run (run 1: \`${s0.summary ?? 'no summary line'}\`); per-root log lines / distinct roots | ${m.server.map((s) => `${s.built ?? '?'}+${s.failed ?? '?'}, ${s.perRootLines}/${s.distinctRoots}`).join('; ')} | ${roots.length} roots | each root once (${roots.length})${ok(serverOnce)} |`,
    `| (5) CLI: \`kustomize\` in the JSON (run 1: mode ${c0.mode ?? 'n/a'}, roots ${c0.roots ?? 'n/a'}, rootsBuilt ${c0.rootsBuilt ?? 'n/a'}, rootsFailed ${c0.rootsFailed ?? 'n/a'}) | rootsBuilt + rootsFailed per run: ${rootChecks.map((c) => (c.rootsBuilt ?? NaN) + (c.rootsFailed ?? NaN)).join(', ')} | ${roots.length} roots | = ${roots.length}, each root once${ok(cliOnce)} |`,
    '',
    `Diagnostics, CLI with builds: ${autoReport?.diagnostics?.length ?? 'n/a'} (${codes(autoReport)}); without: ${offReport?.diagnostics?.length ?? 'n/a'} (${codes(offReport)}).`,
    `Targets: CLI with builds ≤ ${TARGET_RATIO}× kustomize alone: ${Number.isFinite(ratio) ? (ratio <= TARGET_RATIO ? 'met' : 'missed') : 'not measured'} (${ratio.toFixed(2)}×); ` +
      `every root built exactly once: CLI ${cliOnce ? 'yes' : 'no'}, server ${serverOnce ? 'yes' : 'no'}.`,
    `All runs (ms): kustomize alone ${m.par.map((x) => x.toFixed(0)).join(' ')}; one at a time ${m.seq.map((x) => x.toFixed(0)).join(' ')}; CLI auto ${m.auto.map((x) => x.toFixed(0)).join(' ')}; ` +
      `CLI off ${m.off.map((x) => x.toFixed(0)).join(' ')}; read floor ${m.floor.map((x) => x.toFixed(0)).join(' ')}; server build end ${m.server.map((s) => s.buildEndMs?.toFixed(0)).join(' ')}; ` +
      `server first publish after ${m.server.map((s) => s.firstPublishMs?.toFixed(0)).join(' ')}.`,
  ];
  if (errors.length) out.push('', `Problems: ${[...new Set(errors)].join('; ')}`);
  console.log(out.join('\n'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const result = generateKustomize();
  console.log(JSON.stringify({ ...result, overlays: result.overlays.length }));
}
