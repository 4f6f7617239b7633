// The shell-side kustomize runner (server/src/node/kustomize): finding a kustomize v4+, building one root through a
// wrapper kustomization with origin annotations, bounded time and output, a bounded pool, input fingerprints.
// Tests that need a real kustomize skip loudly (t.skip + console.warn) where none is installed; they never pass
// silently.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { buildAll, buildRoot, detectKustomize, fingerprintInputs, type KustomizeTool } from '../../server/src/node/kustomize';
import { shopGatewayYaml } from '../helpers/manifests';

const WRAPPER_PREFIX = 'gateway-tls-kustomize-';
const scratch = mkdtempSync(join(tmpdir(), 'gwtls-runner-test-'));
/** Builds create their wrapper dirs here (os.tmpdir() follows TMPDIR), so the test can see that none is left. */
const wrapperTmp = join(scratch, 'tmp');
let savedTmpdir: string | undefined;

before(() => {
  mkdirSync(wrapperTmp);
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = wrapperTmp;
});

after(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  rmSync(scratch, { recursive: true, force: true });
});

/** Writes files under a fresh directory of the scratch area and returns it. */
function tree(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

/** An executable shell script at dir/name. */
function script(dir: string, name: string, body: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

function fakeTool(file: string): KustomizeTool {
  return { argv: [file], version: 'v9.9.9', label: 'fake' };
}

let realTool: Promise<KustomizeTool | string> | undefined;
/** The installed kustomize (or kubectl kustomize), or the reason there is none. */
function installedTool(): Promise<KustomizeTool | string> {
  realTool ??= detectKustomize(undefined).then((d) => (d.found ? d.tool : d.reason));
  return realTool;
}

/** The real tool, or undefined after skipping the test loudly. */
async function needKustomize(t: TestContext): Promise<KustomizeTool | undefined> {
  const tool = await installedTool();
  if (typeof tool !== 'string') return tool;
  console.warn(`\n!!! SKIPPED ${t.name}: kustomize v4+ not found: ${tool}\n`);
  t.skip(`kustomize v4+ not found: ${tool}`);
  return undefined;
}

/** A process that exists and is not a zombie (an orphan's zombie waits for init to reap it; it runs nothing). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

const GATEWAY = shopGatewayYaml({ secret: 'tls' });

describe('detectKustomize', () => {
  test('finds kubectl kustomize v5 (or a standalone kustomize) on this machine', async (t) => {
    const tool = await needKustomize(t);
    if (!tool) return;
    assert.match(tool.version, /^v\d+\.\d+\.\d+$/);
    assert.ok(Number(tool.version.slice(1).split('.')[0]) >= 4, tool.version);
    assert.ok(tool.argv[0]!.startsWith('/'), `argv[0] is resolved: ${tool.argv[0]}`);
    if (tool.argv[1] === 'kustomize') assert.match(tool.label, /^kubectl kustomize \(kustomize v\d+\.\d+\.\d+\)$/);
    else assert.deepEqual(tool.argv.slice(1), ['build']);
  });

  test('an explicit `kubectl kustomize` and a bare `kubectl` both mean kubectl kustomize', async (t) => {
    const kubectl = await detectKustomize('kubectl kustomize');
    if (!kubectl.found) {
      console.warn(`\n!!! SKIPPED ${t.name}: ${kubectl.reason}\n`);
      t.skip(`kubectl with kustomize v4+ not found: ${kubectl.reason}`);
      return;
    }
    assert.equal(kubectl.tool.argv[1], 'kustomize');
    assert.equal(kubectl.tool.argv.length, 2);
    const bare = await detectKustomize('kubectl');
    assert.ok(bare.found);
    assert.deepEqual(bare.tool.argv, kubectl.tool.argv);
  });

  test('a PATH with neither kustomize nor kubectl: not found, and the reason names the setting and the flag', async () => {
    const empty = join(scratch, 'empty-path');
    mkdirSync(empty, { recursive: true });
    const detection = await detectKustomize(undefined, { PATH: empty });
    assert.equal(detection.found, false);
    assert.ok(!detection.found);
    assert.match(detection.reason, /gatewayTls\.kustomize\.command/);
    assert.match(detection.reason, /--kustomize-command/);
    assert.match(detection.reason, /kustomize/);
    assert.match(detection.reason, /kubectl/);
    const explicit = await detectKustomize('/nowhere/kustomize', { PATH: empty });
    assert.ok(!explicit.found);
    assert.match(explicit.reason, /\/nowhere\/kustomize/);
  });

  test('a kustomize older than v4 counts as absent, and the reason says why', async () => {
    const bin = join(scratch, 'old-bin');
    script(bin, 'kustomize', 'echo v3.8.0');
    const detection = await detectKustomize(undefined, { PATH: bin });
    assert.ok(!detection.found);
    assert.match(detection.reason, /v3\.8\.0/);
    assert.match(detection.reason, /older than v4/);
    assert.match(detection.reason, /gatewayTls\.kustomize\.command/);
  });

  test('the v4 version format {Version:kustomize/v4.5.7 …} is read; builds run `kustomize build`', async () => {
    const bin = join(scratch, 'v4-bin');
    const file = script(bin, 'kustomize', 'echo "{Version:kustomize/v4.5.7 GitCommit:56d82a8378dfc8dc3b3b1085e5a6e67b82966bd7 BuildDate:2022-08-02T16:35:54Z GoOs:linux GoArch:amd64}"');
    const detection = await detectKustomize('', { PATH: bin });
    assert.ok(detection.found, detection.found ? '' : detection.reason);
    assert.equal(detection.tool.version, 'v4.5.7');
    assert.deepEqual(detection.tool.argv, [file, 'build']);
    assert.equal(detection.tool.label, 'kustomize (kustomize v4.5.7)');
    // The same program named by its path.
    const byPath = await detectKustomize(file, { PATH: '' });
    assert.ok(byPath.found);
    assert.deepEqual(byPath.tool.argv, [file, 'build']);
  });

  test('a probe that hangs or fails is reported, not thrown', async () => {
    const bin = join(scratch, 'broken-bin');
    script(bin, 'kustomize', 'echo "boom" >&2; exit 3');
    const detection = await detectKustomize('kustomize', { PATH: bin });
    assert.ok(!detection.found);
    assert.match(detection.reason, /failed \(boom\)/);
  });
});

describe('buildRoot with the real kustomize', () => {
  test('an overlay renders with origin annotations; originBase resolves them to the real files', async (t) => {
    const tool = await needKustomize(t);
    if (!tool) return;
    const root = tree('real', {
      'base/gateway.yaml': GATEWAY,
      'base/kustomization.yaml': 'resources:\n- gateway.yaml\nsecretGenerator:\n- name: tls\n  literals:\n  - tls.crt=x\n  - tls.key=y\n  type: kubernetes.io/tls\n',
      'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources:\n- ../../base\n',
    });
    const outcome = await buildRoot(tool, join(root, 'overlays/prod'));
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
    assert.match(outcome.output, /config\.kubernetes\.io\/origin/);
    assert.match(outcome.output, /name: prod-gw\n/);
    assert.match(outcome.output, /name: prod-tls-[a-z0-9]+\n/);
    const paths = [...outcome.output.matchAll(/config\.kubernetes\.io\/origin: \|\n\s+path: (\S+)\n/g)].map((m) => m[1]!);
    assert.ok(paths.length >= 1, outcome.output);
    const resolved = paths.map((p) => resolve(outcome.originBase, p));
    assert.ok(resolved.includes(join(root, 'base/gateway.yaml')), `origin paths ${JSON.stringify(resolved)}`);
    assert.equal(readFileSync(resolved.find((p) => p.endsWith('gateway.yaml'))!, 'utf8'), GATEWAY);
    assert.ok(!existsSync(outcome.originBase), 'the wrapper dir is removed after the build');
    assert.ok(outcome.ms >= 0);
  });

  test('a missing resource fails with kustomize reason, naming the file, without the wrapper path or klog noise', async (t) => {
    const tool = await needKustomize(t);
    if (!tool) return;
    const root = tree('missing', { 'kustomization.yaml': 'resources:\n- not-there.yaml\n' });
    const outcome = await buildRoot(tool, root);
    assert.ok(!outcome.ok);
    assert.match(outcome.message, /not-there\.yaml/);
    assert.ok(!outcome.message.includes(WRAPPER_PREFIX), outcome.message);
    assert.ok(!outcome.message.includes(wrapperTmp), outcome.message);
    assert.ok(!/^E\d{4} /.test(outcome.message), outcome.message);
    assert.ok(!outcome.message.includes('"command failed"'), outcome.message);
    assert.ok(outcome.message.split('\n').length <= 11 && outcome.message.length <= 2000, outcome.message);
  });

  test('an include cycle (A → B → A) fails and does not hang', async (t) => {
    const tool = await needKustomize(t);
    if (!tool) return;
    const root = tree('cycle', { 'a/kustomization.yaml': 'resources:\n- ../b\n', 'b/kustomization.yaml': 'resources:\n- ../a\n' });
    const outcome = await buildRoot(tool, join(root, 'a'), { timeoutMs: 10_000 });
    assert.ok(!outcome.ok);
    assert.match(outcome.message, /cycle|visited/i);
    assert.ok(!outcome.message.includes(WRAPPER_PREFIX), outcome.message);
  });

  test('a remote URL resource fails (no network, no prompt) within the timeout', async (t) => {
    const tool = await needKustomize(t);
    if (!tool) return;
    const root = tree('remote', { 'kustomization.yaml': 'resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v1.0.6\n' });
    const started = Date.now();
    const outcome = await buildRoot(tool, root, { timeoutMs: 3000 });
    assert.ok(!outcome.ok);
    assert.ok(Date.now() - started < 3000 + 2500, `took ${Date.now() - started} ms`);
    assert.ok(outcome.message.length > 0);
  });
});

describe('buildRoot bounds', () => {
  test('output past the cap is a failure naming the cap, quickly, without buffering it', async () => {
    const bin = join(scratch, 'loud');
    const file = script(bin, 'loud', 'head -c 104857600 /dev/zero | tr "\\0" a');
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const outcome = await buildRoot(fakeTool(file), scratch, { maxOutputBytes: 1024 * 1024 });
    assert.ok(!outcome.ok);
    assert.equal(outcome.message, 'kustomize printed more than 1 MiB');
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.ok(process.memoryUsage().rss - rssBefore < 50 * 1024 * 1024, 'memory stays bounded');
  });

  test('a tool that sleeps is killed at the timeout, with its children', async () => {
    const bin = join(scratch, 'sleepy');
    const pids = join(bin, 'pids');
    const file = script(bin, 'sleepy', `sleep 60 &\necho $! > "${pids}"\necho $$ >> "${pids}"\nwait`);
    const started = Date.now();
    const outcome = await buildRoot(fakeTool(file), scratch, { timeoutMs: 500 });
    assert.ok(!outcome.ok);
    assert.equal(outcome.message, 'kustomize did not finish within 0.5 s');
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    const [sleepPid, shellPid] = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    for (let i = 0; i < 100 && (isAlive(sleepPid!) || isAlive(shellPid!)); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(!isAlive(shellPid!), 'the tool is dead');
    assert.ok(!isAlive(sleepPid!), 'its child is dead');
  });

  test('a tool that exits non-zero without a word, and one that cannot start, are failures', async () => {
    const file = script(join(scratch, 'mute'), 'mute', 'exit 7');
    const mute = await buildRoot(fakeTool(file), scratch);
    assert.deepEqual(mute.ok ? undefined : mute.message, 'kustomize exited with code 7');
    const missing = await buildRoot(fakeTool(join(scratch, 'no-such-tool')), scratch);
    assert.ok(!missing.ok);
    assert.match(missing.message, /could not start/);
  });
});

describe('buildAll', () => {
  test('builds every root, at most `concurrency` at once, reporting each', async () => {
    const bin = join(scratch, 'pool');
    const log = join(bin, 'log');
    const file = script(bin, 'tool', `echo "start $(date +%s%N)" >> "${log}"\nsleep 0.2\necho "end $(date +%s%N)" >> "${log}"\necho "kind: X"`);
    const roots = [1, 2, 3, 4, 5].map((i) => join(scratch, `root-${i}`));
    const results: string[] = [];
    await buildAll(fakeTool(file), roots, { concurrency: 2 }, (root, outcome) => {
      assert.ok(outcome.ok);
      assert.equal(outcome.output, 'kind: X\n');
      results.push(root);
    });
    assert.deepEqual([...results].sort(), roots);
    const events = readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split(' ') as [string, string]);
    events.sort((a, b) => (BigInt(a[1]) < BigInt(b[1]) ? -1 : BigInt(a[1]) > BigInt(b[1]) ? 1 : 0));
    let running = 0;
    let most = 0;
    for (const [kind] of events) {
      running += kind === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    assert.equal(events.length, 10);
    assert.equal(most, 2);
  });

  test('no roots: resolves at once', async () => {
    let calls = 0;
    await buildAll(fakeTool('/nonexistent'), [], {}, () => calls++);
    assert.equal(calls, 0);
  });
});

describe('fingerprintInputs', () => {
  test('changes when content changes, not otherwise; handles missing paths and directories', () => {
    const dir = tree('fingerprint', { 'kustomization.yaml': 'resources:\n- a.yaml\n', 'a.yaml': 'a: 1\n' });
    const paths = [join(dir, 'kustomization.yaml'), join(dir, 'a.yaml'), join(dir, 'gone.yaml'), dir];
    const first = fingerprintInputs(paths);
    assert.match(first, /^[0-9a-f]{64}$/);
    assert.equal(fingerprintInputs(paths), first);
    writeFileSync(join(dir, 'a.yaml'), 'a: 1\n'); // rewritten, same content
    assert.equal(fingerprintInputs(paths), first);
    writeFileSync(join(dir, 'a.yaml'), 'a: 2\n');
    const second = fingerprintInputs(paths);
    assert.notEqual(second, first);
    writeFileSync(join(dir, 'gone.yaml'), '');
    const third = fingerprintInputs(paths);
    assert.notEqual(third, second, 'a missing file that appears changes it (even empty)');
    rmSync(join(dir, 'gone.yaml'));
    assert.equal(fingerprintInputs(paths), second);
    writeFileSync(join(dir, 'new.yaml'), 'x');
    assert.notEqual(fingerprintInputs(paths), second, 'a directory entry added changes it');
    assert.notEqual(fingerprintInputs([join(dir, 'a.yaml')]), fingerprintInputs([join(dir, 'kustomization.yaml')]));
    assert.doesNotThrow(() => fingerprintInputs(['/nonexistent/x', '\0bad']));
  });
});

describe('temp wrapper directories', () => {
  test('none is left behind by any build above', () => {
    const left = readdirSync(wrapperTmp).filter((name) => name.startsWith(WRAPPER_PREFIX));
    assert.deepEqual(left, []);
  });
});
