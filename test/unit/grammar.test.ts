// The PEM injection grammar, tokenized by vscode-textmate (VS Code's own engine) inside a minimal YAML host grammar.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const PEM_SCOPE = 'pem.injection.gateway-tls';
// Stands in for VS Code's YAML grammar: just enough to put PEM text inside a block scalar, as the real one does.
const YAML_HOST = {
  scopeName: 'source.yaml',
  patterns: [
    { begin: '\\|[-+]?\\s*$', end: '^(?=\\S)', name: 'string.unquoted.block.yaml' },
    { match: '^\\s*[\\w.-]+(?=:)', name: 'entity.name.tag.yaml' },
  ],
};

let grammar: textmate.IGrammar;

before(async () => {
  const wasm = readFileSync(join(process.cwd(), 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'source.yaml') return textmate.parseRawGrammar(JSON.stringify(YAML_HOST), 'yaml.json');
      if (scopeName === PEM_SCOPE) return textmate.parseRawGrammar(readFileSync('syntaxes/pem.injection.tmLanguage.json', 'utf8'), 'pem.json');
      return null;
    },
    getInjections: (scopeName) => (scopeName === 'source.yaml' ? [PEM_SCOPE] : undefined),
  });
  grammar = (await registry.loadGrammar('source.yaml'))!;
});

/** The scopes of the first token on each line that contains `needle`. */
function scopesAt(text: string, needle: string): string[] {
  let stack = textmate.INITIAL;
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    const at = line.indexOf(needle);
    if (at !== -1) return result.tokens.find((t) => t.startIndex <= at && at < t.endIndex)!.scopes;
  }
  throw new Error(`${needle} not found`);
}

const SECRET = `stringData:
  tls.crt: |
    -----BEGIN CERTIFICATE-----
    MIIBcertificatebody
    -----END CERTIFICATE-----
  tls.key: |
    -----BEGIN EC PRIVATE KEY-----
    MHcCAQEEIkeybody
    -----END EC PRIVATE KEY-----
  note: |
    -----BEGIN PUBLIC KEY-----
    MFkwEwpublicbody
    -----END PUBLIC KEY-----
  broken: |
    -----BEGIN CERTIFICATE-----
    never ends
data:
  plain: value
`;

test('certificate blocks: markers and body scoped as a certificate', () => {
  assert.ok(scopesAt(SECRET, '-----BEGIN CERTIFICATE').includes('keyword.control.pem.begin.certificate.gateway-tls'));
  assert.ok(scopesAt(SECRET, 'MIIBcertificatebody').includes('string.unquoted.pem.certificate.gateway-tls'));
  assert.ok(scopesAt(SECRET, '-----END CERTIFICATE').includes('keyword.control.pem.end.certificate.gateway-tls'));
});

test('private keys are scoped distinctly from certificates', () => {
  const body = scopesAt(SECRET, 'MHcCAQEEIkeybody');
  assert.ok(body.includes('meta.pem.private-key.gateway-tls'));
  assert.ok(!body.includes('meta.pem.certificate.gateway-tls'));
  assert.ok(scopesAt(SECRET, '-----BEGIN EC PRIVATE KEY').includes('keyword.control.pem.begin.private-key.gateway-tls'));
});

test('other PEM blocks get the generic scope', () => {
  assert.ok(scopesAt(SECRET, 'MFkwEwpublicbody').includes('meta.pem.other.gateway-tls'));
});

test('an unterminated block ends at the next top-level key', () => {
  assert.ok(scopesAt(SECRET, 'never ends').includes('meta.pem.certificate.gateway-tls'));
  assert.ok(!scopesAt(SECRET, 'plain: value').includes('meta.pem.certificate.gateway-tls'));
});

test('package.json contributes the grammar as an injection into YAML', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.deepEqual(pkg.contributes.grammars, [{ scopeName: PEM_SCOPE, path: './syntaxes/pem.injection.tmLanguage.json', injectTo: ['source.yaml'] }]);
});
