// Private keys pasted where a name or hostname belongs never come back out: `redact` masks PEM private keys and
// key-like base64 and cuts over-long words, and every string the service returns (diagnostic messages, related
// information and data, hovers, code lenses, symbols, code action titles, completions) goes through it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import type { Position } from 'vscode-languageserver-types';
import type { LanguageService } from '../../server/src/languageService';
import { MAX_WORD_LENGTH, REDACTED_KEY, redact } from '../../server/src/util/redact';
import { encryptedKey, makeCertificate, traditionalKey, type TestCertificate } from '../helpers/certs';
import { backendTlsPolicyYaml, literalBlock, secretYaml, serviceYaml } from '../helpers/manifests';
import { serviceWith } from '../helpers/service';

/** The base64 body of a PEM (its lines joined). */
function pemBody(pem: string): string {
  return pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----') && !l.includes(':')).join('');
}

/** Every 16-character slice of each key's body, and of the base64 of each whole PEM (a Secret's `data` form). */
function slices(keyPems: readonly string[]): string[] {
  const out = new Set<string>();
  for (const pem of keyPems) {
    for (const body of [pemBody(pem), Buffer.from(pem).toString('base64')]) {
      for (let i = 0; i + 16 <= body.length; i++) out.add(body.slice(i, i + 16));
    }
  }
  return [...out];
}

/** Every string anywhere in `value`. */
function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, into);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) strings(v, into);
  return into;
}

/** Fails with the first key fragment found in any string of `output` (as is, and with whitespace removed). */
function assertNoKey(output: unknown, keyPems: readonly string[], what: string): void {
  const texts = strings(output);
  const joined = texts.join('\u0000');
  const squeezed = texts.map((t) => t.replace(/\s+|\\n/g, '')).join('\u0000');
  for (const fragment of slices(keyPems)) {
    assert.ok(!joined.includes(fragment), `${what}: key fragment ${fragment} in ${JSON.stringify(texts.find((t) => t.includes(fragment)))?.slice(0, 400)}`);
    assert.ok(!squeezed.includes(fragment), `${what}: key fragment ${fragment} (line breaks removed)`);
  }
  assert.ok(!/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/.test(joined), `${what}: a PEM header`);
}

/** Everything the service says about `uri`: diagnostics, hovers and completions at every line, lenses, symbols, fixes. */
function everything(service: LanguageService, uris: readonly string[]): unknown[] {
  const out: unknown[] = [];
  for (const uri of uris) {
    const diagnostics = service.doValidation(uri);
    out.push(diagnostics);
    const text = service.index.getFile(uri)?.yaml?.text ?? '';
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      for (const character of new Set([0, 2, 4, 6, 8, 10, 12, 16, 24, Math.max(0, lines[line]!.length - 1)])) {
        const position: Position = { line, character };
        out.push(service.doHover(uri, position), service.doComplete(uri, position));
      }
    }
    out.push(service.doCodeLens(uri));
    out.push(service.doCodeActions(uri, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, diagnostics));
    for (const d of diagnostics) out.push(service.doCodeActions(uri, d.range, [d]));
  }
  for (const query of ['', 'a', 'M', 'MII', 'gw', 'https', 'Gateway']) out.push(service.doWorkspaceSymbols(query));
  return out;
}

function gateway(opts: { namespace: string; hostname: string; refNamespace?: string; options?: string }): string {
  return [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: Gateway',
    'metadata:',
    '  name: gw',
    `  namespace: ${opts.namespace}`,
    'spec:',
    '  gatewayClassName: acme',
    '  listeners:',
    '  - name: https',
    '    protocol: HTTPS',
    '    port: 443',
    `    hostname: ${opts.hostname}`,
    '    tls:',
    '      certificateRefs:',
    '      - name: shop-cert',
    ...(opts.refNamespace === undefined ? [] : [`        namespace: ${opts.refNamespace}`]),
    ...(opts.options === undefined ? [] : ['      options:', `        ${opts.options}: "x"`]),
    '',
  ].join('\n');
}

let rsa: TestCertificate;
let ec: TestCertificate;
before(async () => {
  [rsa, ec] = await Promise.all([makeCertificate({ cn: 'shop.example.com', algorithm: 'RSA', dnsNames: ['shop.example.com'] }), makeCertificate({ cn: 'ec.example.com', dnsNames: ['ec.example.com'] })]);
});

describe('redact', () => {
  test('masks PEM private keys in every form: PKCS#8, traditional, encrypted, folded, escaped, cut short', () => {
    for (const pem of [rsa.keyPem, ec.keyPem, traditionalKey(rsa.keyPem), traditionalKey(ec.keyPem), encryptedKey(ec.keyPem)]) {
      const forms = [
        pem,
        `Listener "https" of Gateway ${pem}/gw is wrong.`,
        pem.trim().split('\n').join(' '),
        JSON.stringify(pem),
        `"${pem.slice(0, 60)}..."`,
        `"${pem.slice(0, 400)}..." is not valid`,
        `tail: ${pem.slice(pem.length / 2)}`,
      ];
      for (const form of forms) {
        const out = redact(form);
        assertNoKey(out, [pem], `redact(${JSON.stringify(form.slice(0, 40))}…)`);
      }
      assert.equal(redact(`Gateway ${pem.trimEnd()}/gw`), `Gateway ${REDACTED_KEY}/gw`);
    }
  });

  test('masks key-looking base64 without a PEM header: a bare key body, a base64-encoded PEM', () => {
    const bare = pemBody(ec.keyPem);
    const encoded = Buffer.from(rsa.keyPem).toString('base64');
    for (const form of [bare, `namespace ${bare.slice(0, 60)}`, encoded, `key "${encoded.slice(0, 57)}..."`]) {
      assertNoKey(redact(form), [ec.keyPem, rsa.keyPem].filter((p) => form.includes(pemBody(p).slice(0, 16)) || form.includes(Buffer.from(p).toString('base64').slice(0, 16))), form.slice(0, 30));
      assert.notEqual(redact(form), form);
    }
  });

  test('leaves ordinary messages, subjects, hostnames, paths, patterns and fingerprints alone', () => {
    const ordinary = [
      'Listener "https" uses Secret other/shop-cert: tls.key is not a PEM private key: it holds no PEM private key (-----BEGIN … PRIVATE KEY-----). The controller sets ResolvedRefs=False, reason InvalidCertificateRef.',
      'Listener "https" refers to Secret app/shop-cert, which is not in the workspace and nothing here produces it (Secret, SealedSecret, ExternalSecret, cert-manager Certificate or annotation, kustomize secretGenerator).',
      'Subject: CN=shop.example.com, O=Example Corp, C=DE; issuer CN=Example Root CA 2024',
      '*.example.com → shop-cert (kubernetes.io/tls), wildcard-example-com-cert',
      'in `examples/broken/backendtlspolicy-v1alpha2-guide.yaml:12` and `gateways/Prod2/gateway.yaml`',
      '- Format: matches `^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&\'()*+,;=:]+$`',
      '- SHA-256: `3A:7F:00:12:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01`',
      'serial 0a1b2c3d4e5f60718293a4b5c6d7e8f9, apiVersion gateway.networking.k8s.io/v1beta1, spec.listeners[].tls.certificateRefs',
      'BackendTLSPolicy wellKnownCACertificates caCertificateRefs ListenerConditionConflicted gatewayTls.certificates.expiryWarningDays',
      'Gateway web/shop',
      'https (shop.example.com)',
      '',
    ];
    for (const text of ordinary) assert.equal(redact(text), text);
  });

  test('cuts over-long words and is idempotent', () => {
    const long = `${'a.'.repeat(MAX_WORD_LENGTH)}z`;
    const out = redact(`hostname "${long}" is not valid`);
    assert.ok(out.length < 120, out);
    assert.ok(out.includes('…'));
    assert.ok(out.endsWith(' is not valid'));
    // A value with spaces in it: the line is cut.
    const spaced = redact(`listener "${'ab '.repeat(5000)}" is not valid\nsecond line`);
    assert.ok(spaced.length < 2100, String(spaced.length));
    assert.ok(spaced.endsWith('…\nsecond line'));
    for (const text of [out, spaced, redact(rsa.keyPem), redact(`x ${pemBody(ec.keyPem)} y`)]) assert.equal(redact(text), text);
  });
});

test('redact stays linear on hostile text (no backtracking blow-up)', () => {
  const body = 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQghsTMF8eo2cV2irGn\n';
  const texts = [
    `PRIVATE KEY----- ${'ab cd '.repeat(100_000)} -----END x`,
    '-----BEGIN PRIVATE KEY----- a: '.repeat(20_000),
    `PRIVATE KEY----- ${'ab -----END PRIVATE KEY-----'.repeat(20_000)}`,
    `-----BEGIN PRIVATE KEY-----\n${body.repeat(20_000)}`,
    `${body.repeat(20_000)}-----END PRIVATE KEY----- PRIVATE KEY-----`,
    'word '.repeat(200_000),
    `${'x '.repeat(1500)}\n`.repeat(300),
  ];
  const start = Date.now();
  for (const text of texts) redact(text);
  assert.ok(Date.now() - start < 3000, `took ${Date.now() - start} ms`);
});

describe('no key fragment leaves the service', () => {
  const FILE = 'file:///workspace/gw.yaml';
  const SECRETS = 'file:///workspace/secrets.yaml';

  /** The workspace around a Gateway: a Secret it uses in `other` (so the Secret's hover lists it under "Used by"). */
  function check(gw: string, keys: readonly string[], what: string): void {
    const service = serviceWith({ 'gw.yaml': gw, 'secrets.yaml': secretYaml('shop-cert', 'other') });
    assertNoKey(everything(service, [FILE, SECRETS]), keys, what);
  }

  test('a key in a listener `hostname: |` block', () => {
    for (const pem of [rsa.keyPem, ec.keyPem, traditionalKey(ec.keyPem)]) {
      check(gateway({ namespace: 'app', hostname: literalBlock(pem, 6), refNamespace: 'other' }), [pem], 'hostname block');
      check(gateway({ namespace: 'app', hostname: JSON.stringify(pem), refNamespace: 'other' }), [pem], 'quoted hostname');
      check(gateway({ namespace: 'app', hostname: `>\n${pem.trim().split('\n').map((l) => `      ${l}`).join('\n')}`, refNamespace: 'other' }), [pem], 'folded hostname');
    }
  });

  test('a key as the Gateway namespace (the Secret hover\'s "Used by", grant fixes, symbols)', () => {
    for (const pem of [ec.keyPem, rsa.keyPem]) {
      check(gateway({ namespace: JSON.stringify(pem), hostname: 'shop.example.com', refNamespace: 'other' }), [pem], 'namespace');
      check(gateway({ namespace: pemBody(pem).slice(0, 200), hostname: 'shop.example.com', refNamespace: 'other' }), [pem], 'bare body as namespace');
    }
  });

  test('a key as a tls.options key, and as a certificateRef namespace', () => {
    for (const pem of [ec.keyPem, rsa.keyPem]) {
      // A plain key is at most 1024 characters: the folded one-line form of a P-256 key, the start of an RSA one.
      const oneLine = pem.trim().split('\n').join(' ');
      check(gateway({ namespace: 'app', hostname: 'shop.example.com', options: JSON.stringify(oneLine.length < 1000 ? oneLine : oneLine.slice(0, 900)) }), [pem], 'option key');
      check(gateway({ namespace: 'app', hostname: 'shop.example.com', refNamespace: JSON.stringify(pem) }), [pem], 'ref namespace');
    }
  });

  test('a key as a Secret name and in a Secret\'s data', () => {
    const pem = ec.keyPem;
    const service = serviceWith({
      'gw.yaml': gateway({ namespace: 'app', hostname: 'shop.example.com', refNamespace: 'other' }),
      'secrets.yaml': [secretYaml(JSON.stringify(pem), 'other'), secretYaml('shop-cert', 'other', { data: { 'tls.crt': Buffer.from(ec.certPem).toString('base64'), 'tls.key': Buffer.from(rsa.keyPem).toString('base64') } })].join('---\n'),
    });
    assertNoKey(everything(service, [FILE, SECRETS]), [pem, rsa.keyPem], 'secret name');
  });
});

describe('no key fragment in BackendTLSPolicy messages, nor in the CLI\'s text, JSON and SARIF', () => {
  test('a key as a policy hostname, a target name, a CA ref name and a subjectAltName', () => {
    for (const pem of [ec.keyPem, rsa.keyPem]) {
      const quoted = JSON.stringify(pem);
      const policies = [
        backendTlsPolicyYaml({ validation: ['    wellKnownCACertificates: System', `    hostname: ${quoted}`].join('\n') }),
        backendTlsPolicyYaml({ target: quoted }),
        backendTlsPolicyYaml({ ca: quoted }),
        backendTlsPolicyYaml({ validation: ['    wellKnownCACertificates: System', '    hostname: auth.example.com', '    subjectAltNames:', '    - type: Hostname', `      hostname: ${quoted}`].join('\n') }),
        backendTlsPolicyYaml({ name: quoted }),
      ];
      for (const policy of policies) {
        const service = serviceWith({ 'policy.yaml': policy, 'service.yaml': serviceYaml('auth-service', 'backend', [{ name: 'https', port: 443 }]) });
        assertNoKey(everything(service, ['file:///workspace/policy.yaml']), [pem], 'policy');
      }
    }
  });

  test('gateway-tls check, every format', () => {
    const cli = path.resolve('dist/cli.js');
    assert.ok(existsSync(cli), 'npm run build first');
    const dir = mkdtempSync(path.join(tmpdir(), 'gateway-tls-redaction-'));
    try {
      const pem = ec.keyPem;
      writeFileSync(path.join(dir, 'hostname.yaml'), gateway({ namespace: 'app', hostname: literalBlock(pem, 6), refNamespace: 'other' }));
      writeFileSync(path.join(dir, 'namespace.yaml'), gateway({ namespace: JSON.stringify(pem), hostname: 'shop.example.com', refNamespace: 'other' }));
      writeFileSync(path.join(dir, 'option.yaml'), gateway({ namespace: 'web', hostname: 'shop.example.com', options: JSON.stringify(pem.trim().split('\n').join(' ')) }));
      writeFileSync(path.join(dir, 'secrets.yaml'), secretYaml('shop-cert', 'other'));
      for (const format of ['text', 'json', 'sarif']) {
        const run = spawnSync(process.execPath, [cli, 'check', dir, '--format', format], { encoding: 'utf8' });
        assert.ok(run.stdout.length > 0, `${format}: ${run.stderr}`);
        assert.match(run.stdout, /listener-tls-options-invalid/);
        assertNoKey([run.stdout, run.stderr], [pem], `CLI ${format}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
