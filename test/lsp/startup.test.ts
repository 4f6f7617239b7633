// The server right after start, while it indexes a workspace of a few thousand files: a Gateway opened at once must
// get only what it proves alone (no "Secret not found" for a Secret in a file not read yet, no "not permitted" for a
// grant not read yet), the server answers requests meanwhile, the progress counts files, and once the index is
// complete the Gateway gets its cross-file findings, the right ones.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { makeCertificate, tlsSecretYaml } from '../helpers/certs';
import { configMapYaml, documents, gatewayYaml, referenceGrantYaml } from '../helpers/manifests';
import { fileUri, positionOf } from './client';
import { cleanUpAfterTests, startClient, tempWorkspace, writeWorkspaceFile } from './workspace';

cleanUpAfterTests();

const FILLERS = 3000;
const CROSS_FILE = ['certificate-secret-not-found', 'ref-not-permitted'];

/** team-a/shop: `https` uses certs/shop-cert (present, granted), `other` uses certs/other-cert (genuinely missing). */
const GATEWAY = gatewayYaml({
  name: 'shop',
  namespace: 'team-a',
  listeners: [
    { name: 'https', hostname: 'shop.example.com', refs: [{ name: 'shop-cert', namespace: 'certs' }] },
    { name: 'other', hostname: 'other.example.com', refs: [{ name: 'other-cert', namespace: 'certs' }] },
  ],
});

describe('language server startup on a large workspace', { timeout: 120_000 }, () => {
  test('a Gateway opened during the scan gets no cross-file guesses; after it, exactly the right ones', async () => {
    const cert = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'] });
    const ws = tempWorkspace(
      {
        // Sorted first: read before anything it refers to.
        'a/gateway.yaml': GATEWAY,
        // Sorted last: the Secret and the grant that admits the cross-namespace reference.
        'zz/secret.yaml': documents(tlsSecretYaml('shop-cert', 'certs', cert.certPem, cert.keyPem), referenceGrantYaml({ namespace: 'certs', from: { namespace: 'team-a' } })),
      },
      'gtls-startup-',
    );
    for (let i = 0; i < FILLERS; i++) writeWorkspaceFile(ws, `m/d${i % 30}/e${i % 11}/f${i}.yaml`, configMapYaml(`filler-${i}`, 'team-a', { key: `"${i}"` }));
    const total = FILLERS + 2;
    const uri = fileUri(path.join(ws, 'a', 'gateway.yaml'));

    const client = await startClient({ workspaceFolder: ws, settings: { gatewayTls: {} }, timeout: 60_000 });
    await client.open(uri, GATEWAY);
    // The server answers while it indexes (it yields to the event loop between slices of work).
    await client.hover(uri, positionOf(GATEWAY, 'shop-cert'));
    const scanEnded = () => client.progress.some((p) => p.value.kind === 'end');
    assert.ok(!scanEnded(), 'a hover sent during the scan is answered before the scan ends');

    const events = await client.waitForProgressEnd('Gateway TLS');
    const end = events.at(-1)!;
    const final = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'certificate-secret-not-found'));

    // Before the index was complete: published, but nothing that needs other files.
    const during = client.diagnostics.filter((p) => p.uri === uri && p.sequence <= end.diagnosticsBefore!);
    assert.ok(during.length > 0, 'the Gateway was published while the workspace was being indexed (else this test proves nothing)');
    for (const published of during) {
      const guesses = published.diagnostics.filter((d) => CROSS_FILE.includes(String(d.code)));
      assert.deepEqual(guesses.map((d) => d.message), [], 'no cross-file finding before the index is complete');
    }

    // After: exactly one missing Secret, on the `other` listener's ref; the granted, present Secret is fine.
    assert.ok(final.sequence > end.diagnosticsBefore!, 'cross-file findings come after the scan');
    assert.deepEqual(final.diagnostics.map((d: Diagnostic) => String(d.code)), ['certificate-secret-not-found']);
    assert.equal(final.diagnostics[0]!.range.start.line, positionOf(GATEWAY, 'other-cert').line);

    // Progress counts files: "N/M files" from 0 to M, with percentages.
    const reports = events.flatMap((e) => (e.value.kind === 'report' && e.value.message ? [{ message: e.value.message, percentage: e.value.percentage }] : []));
    const counts = reports.flatMap((r) => {
      const m = /^(\d+)\/(\d+) files$/.exec(r.message);
      return m ? [{ done: Number(m[1]), total: Number(m[2]), percentage: r.percentage }] : [];
    });
    assert.ok(counts.length >= 3, `progress reports "N/M files": ${JSON.stringify(reports.slice(0, 5))}`);
    assert.ok(counts.every((c) => c.total === total), `M is the number of YAML files (${total})`);
    assert.equal(counts[0]!.done, 0, 'the count starts as soon as the walk is done');
    assert.ok(counts.some((c) => c.done > 0 && c.done < total), 'intermediate counts');
    assert.deepEqual(counts.at(-1), { done: total, total, percentage: 100 });
    for (let i = 1; i < counts.length; i++) assert.ok(counts[i]!.done >= counts[i - 1]!.done && counts[i]!.percentage! >= counts[i - 1]!.percentage!);

    await client.waitFor('the scan log line', () => client.logMessages.some((m) => new RegExp(`^indexed ${total} YAML files in \\d+ ms \\(0 unreadable\\)$`).test(m)));
  });

  test('an unreadable file is logged and counted, and the scan still completes', async () => {
    // A FIFO: unreadable even for root (see test/cli/files.test.ts); the server must not block on it.
    const ws = tempWorkspace({ 'a/gateway.yaml': GATEWAY }, 'gtls-startup-fifo-');
    mkdirSync(path.join(ws, 'zz'));
    assert.equal(spawnSync('mkfifo', [path.join(ws, 'zz', 'secret.yaml')]).status, 0, 'mkfifo');
    const client = await startClient({ workspaceFolder: ws, settings: { gatewayTls: {} } });
    await client.waitForProgressEnd('Gateway TLS');
    await client.waitFor('the scan log line', () => client.logMessages.some((m) => /^indexed 2 YAML files in \d+ ms \(1 unreadable\)$/.test(m)));
    assert.ok(client.logMessages.some((m) => m.startsWith('could not read ') && m.endsWith(`${path.join('zz', 'secret.yaml')}: not a regular file: a FIFO`)));
  });

  test('watcher events for FIFOs never stall reading: a real file changed after them is still indexed', async () => {
    // Six FIFOs reported by the file watcher: a blocking open of each would take a libuv thread for good (four
    // exist), and every later read would wait behind them.
    const ws = tempWorkspace({ 'a/gateway.yaml': GATEWAY }, 'gtls-watch-fifo-');
    const client = await startClient({ workspaceFolder: ws, settings: { gatewayTls: { diagnostics: { scope: 'workspace' } } } });
    await client.waitForProgressEnd('Gateway TLS');
    const fifos = Array.from({ length: 6 }, (_, i) => path.join(ws, `fifo-${i}.yaml`));
    for (const fifo of fifos) assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    await client.watchedFilesChanged(fifos.map((f) => ({ uri: fileUri(f), type: 1 })));
    const broken = writeWorkspaceFile(ws, 'later/broken.yaml', 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: [unclosed\n');
    await client.watchedFilesChanged([{ uri: fileUri(broken), type: 1 }]);
    await client.waitForDiagnostics(fileUri(broken), (ds) => ds.some((d) => d.code === 'yaml-syntax'), { timeout: 10_000 });
  });

  test('while a file is unread, "missing" findings are withheld; once it reads, they come back where they are true', async () => {
    const gateway = gatewayYaml({
      name: 'shop',
      namespace: 'web',
      listeners: [
        { name: 'https', hostname: 'shop.example.com', refs: ['shop-cert'] },
        { name: 'https-2', port: 8443, hostname: 'other.example.com', refs: ['really-missing'] },
      ],
    });
    const ws = tempWorkspace({ 'a/gateway.yaml': gateway }, 'gtls-unread-');
    mkdirSync(path.join(ws, 'zz'));
    const secretPath = path.join(ws, 'zz', 'secret.yaml');
    assert.equal(spawnSync('mkfifo', [secretPath]).status, 0, 'mkfifo');
    const uri = fileUri(path.join(ws, 'a', 'gateway.yaml'));
    const client = await startClient({ workspaceFolder: ws, settings: { gatewayTls: {} } });
    await client.open(uri, gateway);
    await client.waitForProgressEnd('Gateway TLS');
    await client.waitFor('the scan log line', () => client.logMessages.some((m) => /\(1 unreadable\)$/.test(m)));
    // The re-check with cross-file findings follows the scan; unchanged diagnostics are not sent again, so give it
    // time rather than wait for a publish that must not come.
    await client.hover(uri, positionOf(gateway, 'shop-cert'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const withheld = await client.waitForDiagnostics(uri);
    assert.deepEqual(withheld.diagnostics.filter((d) => d.code === 'certificate-secret-not-found'), [], 'nothing called missing while zz/secret.yaml is unread');

    // The FIFO becomes a real file holding shop-cert: absence findings come back, only where they are true.
    const cert = await makeCertificate({ cn: 'shop.example.com', dnsNames: ['shop.example.com'] });
    spawnSync('rm', ['-f', secretPath]);
    writeWorkspaceFile(ws, 'zz/secret.yaml', tlsSecretYaml('shop-cert', 'web', cert.certPem, cert.keyPem));
    const before = client.diagnostics.length;
    await client.watchedFilesChanged([{ uri: fileUri(secretPath), type: 2 }]);
    const after = await client.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'certificate-secret-not-found'), { after: before });
    const missing = after.diagnostics.filter((d) => d.code === 'certificate-secret-not-found');
    assert.equal(missing.length, 1);
    assert.match(String(missing[0]!.message), /really-missing/);
  });
});

