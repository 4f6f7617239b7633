import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import { hoverMarkdown, serviceWith, TEST_URI } from '../helpers/service';
import { positionOf } from '../lsp/client';

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
  return serviceWith({ 'test.yaml': text }).doHover(TEST_URI, positionOf(text, needle, shift, occurrence));
}

function hoveredText(text: string, hover: Hover | null): string {
  assert.ok(hover?.range);
  const line = text.split('\n')[hover.range.start.line]!;
  return line.slice(hover.range.start.character, hover.range.end.character);
}

test('a key: path, type, description, range and constraints', () => {
  const hover = hoverAt(GATEWAY, 'port: 443', 1);
  const md = hoverMarkdown(hover);
  assert.match(md, /^\*\*spec\.listeners\[\]\.port\*\* · `integer` · required/);
  assert.match(md, /network port/);
  assert.match(md, /Value: between 1 and 65535/);
  assert.equal(hoveredText(GATEWAY, hover), 'port');
});

test('a value: enum values and default, range on the value', () => {
  const hover = hoverAt(GATEWAY, 'Terminate', 2);
  const md = hoverMarkdown(hover);
  assert.match(md, /\*\*spec\.listeners\[\]\.tls\.mode\*\* · `string`/);
  assert.match(md, /Allowed values: `Terminate`, `Passthrough`/);
  assert.match(md, /Default: `Terminate`/);
  assert.equal(hoveredText(GATEWAY, hover), 'Terminate');
});

test('pattern fields explain the pattern in words, and protocol lists its core values', () => {
  assert.match(hoverMarkdown(hoverAt(GATEWAY, 'hostname:')), /Format: a lower-case DNS name, optionally prefixed by \*\./);
  assert.match(hoverMarkdown(hoverAt(GATEWAY, 'hostname:')), /Length: between 1 and 253 characters/);
  assert.match(hoverMarkdown(hoverAt(GATEWAY, 'protocol:')), /Common values: `HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP`/);
});

test('arrays show their item limits; object defaults are shown', () => {
  assert.match(hoverMarkdown(hoverAt(GATEWAY, 'listeners:')), /`array of object` · required[\s\S]*Items: between 1 and 64/);
  assert.match(hoverMarkdown(hoverAt(GATEWAY, 'allowedRoutes:')), /Default: `\{"namespaces":\{"from":"Same"\}\}`/);
  assert.match(hoverMarkdown(hoverAt(GATEWAY, 'caCertificateRefs:')), /Items: between 1 and 16/);
});

test('fields inside flow maps and Gateway-level TLS', () => {
  const md = hoverMarkdown(hoverAt(GATEWAY, 'ConfigMap'));
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
  assert.match(hoverMarkdown(hover), /spec\.listeners\[\]\.port/);
  assert.equal(hover!.range!.start.line, text.split('\n').findIndex((l) => l.includes('port: 443')));
});

test('v1beta1 Gateways get the same docs', () => {
  const text = GATEWAY.replace('/v1\n', '/v1beta1\n');
  assert.match(hoverMarkdown(hoverAt(text, 'gatewayClassName')), /GatewayClass/);
});
