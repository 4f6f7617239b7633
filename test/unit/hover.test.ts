import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { TEST_URI, serviceWith } from '../helpers/service';

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
spec:
  gatewayClassName: acme-lb
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    hostname: "*.example.com"
    tls:
      mode: Terminate
      certificateRefs:
      - name: cert
    allowedRoutes:
      namespaces:
        from: All
  tls:
    frontend:
      default:
        validation:
          caCertificateRefs:
          - {group: "", kind: ConfigMap, name: ca}
`;

/** Hover at the `occurrence`-th `needle`, `shift` characters into it. */
function hoverAt(text: string, needle: string, shift = 0, occurrence = 0): Hover | null {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not in text`);
  const before = text.slice(0, index + shift).split('\n');
  return serviceWith({ 'test.yaml': text }).doHover(TEST_URI, { line: before.length - 1, character: before[before.length - 1]!.length });
}

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

function hoveredText(text: string, hover: Hover | null): string {
  assert.ok(hover?.range);
  const line = text.split('\n')[hover.range.start.line]!;
  return line.slice(hover.range.start.character, hover.range.end.character);
}

test('a key: path, type, description, range and constraints', () => {
  const hover = hoverAt(GATEWAY, 'port: 443', 1);
  const md = markdown(hover);
  assert.match(md, /^\*\*spec\.listeners\[\]\.port\*\* · `integer` · required/);
  assert.match(md, /network port/);
  assert.match(md, /Value: between 1 and 65535/);
  assert.equal(hoveredText(GATEWAY, hover), 'port');
});

test('a value: enum values and default, range on the value', () => {
  const hover = hoverAt(GATEWAY, 'Terminate', 2);
  const md = markdown(hover);
  assert.match(md, /\*\*spec\.listeners\[\]\.tls\.mode\*\* · `string`/);
  assert.match(md, /Allowed values: `Terminate`, `Passthrough`/);
  assert.match(md, /Default: `Terminate`/);
  assert.equal(hoveredText(GATEWAY, hover), 'Terminate');
});

test('pattern fields explain the pattern in words, and protocol lists its core values', () => {
  assert.match(markdown(hoverAt(GATEWAY, 'hostname:')), /Format: a lower-case DNS name, optionally prefixed by \*\./);
  assert.match(markdown(hoverAt(GATEWAY, 'hostname:')), /Length: between 1 and 253 characters/);
  assert.match(markdown(hoverAt(GATEWAY, 'protocol:')), /Common values: `HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP`/);
});

test('arrays show their item limits; object defaults are shown', () => {
  assert.match(markdown(hoverAt(GATEWAY, 'listeners:')), /`array of object` · required[\s\S]*Items: between 1 and 64/);
  assert.match(markdown(hoverAt(GATEWAY, 'allowedRoutes:')), /Default: `\{"namespaces":\{"from":"Same"\}\}`/);
  assert.match(markdown(hoverAt(GATEWAY, 'caCertificateRefs:')), /Items: between 1 and 16/);
});

test('fields inside flow maps and Gateway-level TLS', () => {
  const md = markdown(hoverAt(GATEWAY, 'ConfigMap'));
  assert.match(md, /\*\*spec\.tls\.frontend\.default\.validation\.caCertificateRefs\[\]\.kind\*\*/);
  assert.match(md, /required/);
});

test('no hover on unknown fields, blank space, or objects without a schema', () => {
  const unknown = GATEWAY.replace('    port: 443\n', '    port: 443\n    bogus: 1\n');
  assert.equal(hoverAt(unknown, 'bogus'), null);
  const route = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\n';
  assert.equal(hoverAt(route, 'name'), null);
  const service = 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n  - port: 443\n';
  assert.equal(hoverAt(service, 'port'), null);
});

test('the right document of a multi-document file', () => {
  const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n---\n${GATEWAY}`;
  assert.equal(hoverAt(text, 'port: 80'), null);
  const hover = hoverAt(text, 'port: 443', 1);
  assert.match(markdown(hover), /spec\.listeners\[\]\.port/);
  assert.equal(hover!.range!.start.line, text.split('\n').findIndex((l) => l.includes('port: 443')));
});

test('v1beta1 Gateways get the same docs', () => {
  const text = GATEWAY.replace('/v1\n', '/v1beta1\n');
  assert.match(markdown(hoverAt(text, 'gatewayClassName')), /GatewayClass/);
});
