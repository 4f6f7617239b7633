// Fuzzing the real server over stdio (a smaller version of test/unit/fuzz.test.ts): random incremental didChange
// edits to an example manifest — YAML-ish lines, byte edits, a private key pasted — with a hover and a completion
// request after each. The server answers every request, stays up, never writes a fragment of the key anywhere
// (stdout or stderr), and its final diagnostics for the document equal those of a fresh server opening the final
// text.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { makeCertificate } from '../helpers/certs';
import { fileUri, type LspClient } from './client';
import { cleanUpAfterTests, startClient, tempWorkspace, writeWorkspaceFile } from './workspace';

cleanUpAfterTests();

const SEEDS = ['examples/cross-namespace/gateway.yaml', 'examples/broken/gateway-listeners.yaml', 'examples/broken/backend-tls.yaml'].map((f) => readFileSync(f, 'utf8'));
const OTHERS: Record<string, string> = {
  'apps/secrets.yaml': readFileSync('examples/wildcard/secrets.yaml', 'utf8'),
  'apps/grant.yaml': readFileSync('examples/cross-namespace/referencegrant.yaml', 'utf8'),
  'apps/cross-secret.yaml': readFileSync('examples/cross-namespace/secret.yaml', 'utf8'),
};
const FILE = 'apps/gateway.yaml';

const NOISE = [
  '---\n', '  - ', ': ', '{', '[', '"', '#', '\n', '\n  tls:\n    mode: Passthrough\n', '\n      - name: shop-cert\n', '    hostname: "*.example.com"\n',
  'kind: Secret\n', '  namespace: other\n', 'x', '  ', '-', '*a', '&a ', '|\n', '\t', '443', 'HTTPS',
];

type Edit = { readonly start: number; readonly length: number; readonly text: string | 'KEY' };
const edit: fc.Arbitrary<Edit> = fc.record({
  start: fc.nat(),
  length: fc.nat({ max: 12 }),
  text: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...NOISE) }, { weight: 1, arbitrary: fc.constant('KEY' as const) }),
});

let keyPem = '';
before(async () => {
  keyPem = (await makeCertificate({ cn: 'lsp-fuzz.example.com' })).keyPem;
});

function keySlices(pem: string): string[] {
  const body = pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----')).join('');
  const slices = new Set<string>();
  for (let i = 0; i + 16 <= body.length; i++) slices.add(body.slice(i, i + 16));
  return [...slices];
}

/** The latest diagnostics for `uri` once the server has answered `version` and gone quiet for a moment. */
async function settledDiagnostics(client: LspClient, uri: string, version: number): Promise<Diagnostic[]> {
  await client.waitForDiagnostics(uri, () => client.latest.get(uri)?.version === version);
  // A cross-file re-check may follow 200 ms after an edit: wait until nothing new arrived for a while.
  let seen = -1;
  while (seen !== client.diagnostics.length) {
    seen = client.diagnostics.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  return client.latest.get(uri)!.diagnostics;
}

async function started(ws: string): Promise<LspClient> {
  const client = await startClient({ workspaceFolder: ws });
  await client.waitForProgressEnd('Gateway TLS');
  return client;
}

describe('fuzz: the server over stdio', { timeout: 120_000 }, () => {
  test('random didChange edits: every request answered, no key fragment written, final diagnostics equal a fresh open', async () => {
    const slices = keySlices(keyPem);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SEEDS.length - 1 }), fc.array(edit, { minLength: 3, maxLength: 10 }), fc.nat(), fc.nat(), async (seed, randomEdits, keyAt, keyStart) => {
        // At least one paste of the key, somewhere in the sequence.
        const at = keyAt % (randomEdits.length + 1);
        const edits: Edit[] = [...randomEdits.slice(0, at), { start: keyStart, length: 0, text: 'KEY' }, ...randomEdits.slice(at)];
        const ws = tempWorkspace({ ...OTHERS, [FILE]: SEEDS[seed]! });
        const uri = fileUri(path.join(ws, FILE));
        const client = await started(ws);
        let doc = TextDocument.create(uri, 'yaml', 1, SEEDS[seed]!);
        await client.open(uri, doc.getText());
        let version = 1;
        for (const e of edits) {
          const text = doc.getText();
          const start = e.start % (text.length + 1);
          const end = Math.min(text.length, start + e.length);
          const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
          const inserted = e.text === 'KEY' ? keyPem : e.text;
          version = await client.change(uri, [{ range, text: inserted }]);
          doc = TextDocument.update(doc, [{ range, text: inserted }], version);
          // Requests right after the change, at the edit and elsewhere: each gets an answer (null or a result).
          const at = doc.positionAt(start + inserted.length);
          const answers = await Promise.all([client.hover(uri, at), client.completion(uri, at), client.hover(uri, { line: 0, character: 2 }), client.completion(uri, doc.positionAt(Math.floor(doc.getText().length / 2)))]);
          assert.equal(answers.length, 4);
          assert.ok(client.isRunning, 'the server is still running');
        }
        const incremental = await settledDiagnostics(client, uri, version);
        assert.equal(await client.shutdown(), 0);
        const written = client.allOutput();
        for (const slice of slices) assert.ok(!written.includes(slice), `key fragment ${slice} written by the server`);

        // A fresh server on the same workspace, the final text on disk and opened.
        writeWorkspaceFile(ws, FILE, doc.getText());
        const fresh = await started(ws);
        await fresh.open(uri, doc.getText());
        const expected = await settledDiagnostics(fresh, uri, 1);
        assert.deepEqual(incremental, expected, `after edits ${JSON.stringify(edits)}`);
        assert.equal(await fresh.shutdown(), 0);
      }),
      { numRuns: 4, seed: 777, endOnFailure: true },
    );
  });
});
