// Which implementation the checks assume, in the editor features: the hover on a Gateway's gatewayClassName (known
// through its GatewayClass, through a well-known class name, or through the setting; unknown; none), the hover on a
// TLS listener's name (the implementation's TLS features), completion of gatewayClassName, and the
// "Set gatewayTls.implementation to …" actions (a client command, no edit).
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { profileById } from '../../server/src/model/implementations';
import { documents, gatewayYaml } from '../helpers/manifests';
import { completeAt, hoverMarkdown, itemLabeled, lineOf, serviceWith, sortedLabels } from '../helpers/service';

const FILE = 'gateway.yaml';
const URI = `file:///workspace/${FILE}`;

function gatewayClass(name: string, controllerName: string): string {
  return ['apiVersion: gateway.networking.k8s.io/v1', 'kind: GatewayClass', 'metadata:', `  name: ${name}`, 'spec:', `  controllerName: ${controllerName}`, ''].join('\n');
}

function gateway(className: string, name = 'gw'): string {
  return gatewayYaml({ name, namespace: 'edge', gatewayClassName: className, listeners: [{ name: 'https', hostname: 'shop.example.com', refs: ['shop-cert'] }, { name: 'plain', protocol: 'HTTP', port: 80 }] });
}

/** The hover's Markdown at `needle` (+ shift) in gateway.yaml, in a workspace that also holds `files`. */
function hoverAt(text: string, needle: string, shift: number, files: Record<string, string> = {}, settings?: unknown): string | undefined {
  const line = lineOf(text, needle);
  const hover = serviceWith({ ...files, [FILE]: text }, settings).doHover(URI, { line, character: text.split('\n')[line]!.indexOf(needle) + shift });
  return hover ? hoverMarkdown(hover) : undefined;
}

const classHover = (text: string, files: Record<string, string> = {}, settings?: unknown, onKey = false) =>
  hoverAt(text, 'gatewayClassName:', onKey ? 3 : 'gatewayClassName: '.length + 1, files, settings)!;

const ENVOY = profileById('envoyproxy/envoy-gateway')!;
const ISTIO = profileById('istio/istio')!;

describe('hover on gatewayClassName', () => {
  test('known through a GatewayClass of the workspace: name, version, report, date, Gateway API version and how', () => {
    const text = classHover(gateway('edge-lb'), { 'class.yaml': gatewayClass('edge-lb', 'gateway.envoyproxy.io/gatewayclass-controller') });
    assert.ok(text.startsWith(`**Implementation: Envoy Gateway ${ENVOY.version}** (\`envoyproxy/envoy-gateway\`)`), text);
    assert.ok(text.includes('GatewayClass edge-lb has controllerName gateway.envoyproxy.io/gatewayclass-controller'), text);
    assert.ok(text.includes(`[conformance report](${ENVOY.reportUrl}) of ${ENVOY.reportDate} (Gateway API ${ENVOY.gatewayApiVersion})`), text);
    // Then the field documentation.
    assert.match(text, /\n---\n\n\*\*spec\.gatewayClassName\*\*/);
  });

  test('on the key as well as the value', () => {
    const text = classHover(gateway('istio'), {}, undefined, true);
    assert.ok(text.startsWith(`**Implementation: Istio ${ISTIO.version}**`), text);
  });

  test('known through a well-known class name when no GatewayClass of that name is in the workspace', () => {
    const text = classHover(gateway('istio'));
    assert.ok(text.startsWith(`**Implementation: Istio ${ISTIO.version}**`), text);
    assert.ok(text.includes('gatewayClassName istio is the class Istio installs'), text);
  });

  test('unknown: why, and how to set it', () => {
    const text = classHover(gateway('acme-lb'));
    assert.ok(text.startsWith('**Implementation: unknown** — GatewayClass acme-lb is not in the workspace and is not a well-known class name.'), text);
    assert.ok(text.includes('set `gatewayTls.implementation`'), text);
    const unknownController = classHover(gateway('acme-lb'), { 'class.yaml': gatewayClass('acme-lb', 'example.com/acme') });
    assert.ok(unknownController.includes('GatewayClass acme-lb has controllerName example.com/acme, which no conformance report names'), unknownController);
  });

  test('the setting names the implementation for every Gateway, over the GatewayClass', () => {
    const text = classHover(gateway('istio'), {}, { implementation: 'envoyproxy/envoy-gateway' });
    assert.ok(text.startsWith('**Implementation: Envoy Gateway'), text);
    assert.ok(text.includes('gatewayTls.implementation is envoyproxy/envoy-gateway'), text);
  });

  test('none: implementation checks are off', () => {
    assert.ok(classHover(gateway('istio'), {}, { implementation: 'none' }).startsWith('**Implementation checks are off**'));
  });

  test('not on other Gateway fields, nor on a GatewayClass-less kind', () => {
    const text = hoverAt(gateway('istio'), 'name: gw', 7)!;
    assert.ok(!text.includes('Implementation'), text);
  });
});

describe('hover on a listener name: the TLS features of the implementation', () => {
  test('✓, ✗ and – per TLS feature, with the report date, on a TLS listener', () => {
    const text = hoverAt(gateway('istio'), '- name: https', 4)!;
    assert.ok(text.includes(`**TLS features of Istio ${ISTIO.version}** ([report](${ISTIO.reportUrl}) of ${ISTIO.reportDate})`), text);
    assert.ok(text.includes('- ✓ BackendTLSPolicy (TLS to backends)\n'), text);
    assert.ok(text.includes('- ✗ ListenerSet listeners (unsupported)'), text);
    assert.ok(text.includes('- ✗ client certificate validation (`spec.tls.frontend`, mutual TLS) (unsupported)'), text);
    assert.equal(text.match(/^- [✓✗–] /gm)?.length, 9, text);
    assert.ok(!text.includes('[redacted]'), text);
    // On the value too.
    assert.ok(hoverAt(gateway('istio'), '- name: https', 10)!.includes('**TLS features of Istio'));
  });

  test('"not reported" for a feature the report does not mention', () => {
    const text = hoverAt(gateway('contour'), '- name: https', 4)!;
    assert.ok(text.includes('- – BackendTLSPolicy (TLS to backends) (not reported)'), text);
  });

  test('nothing on an HTTP listener, an unknown implementation or none', () => {
    const plain = hoverAt(gateway('istio'), '- name: plain', 4);
    assert.ok(!plain?.includes('TLS features'), plain);
    assert.ok(!hoverAt(gateway('acme-lb'), '- name: https', 4)?.includes('TLS features'));
    assert.ok(!hoverAt(gateway('istio'), '- name: https', 4, {}, { implementation: 'none' })?.includes('TLS features'));
  });
});

describe('completion of gatewayClassName', () => {
  const marked = gateway('|').replace('gatewayClassName: |', 'gatewayClassName: |');

  test('the workspace GatewayClasses with their implementation, then the well-known class names', () => {
    const items = completeAt(marked, FILE, {
      'classes.yaml': documents(gatewayClass('edge-lb', 'gateway.envoyproxy.io/gatewayclass-controller'), gatewayClass('acme-lb', 'example.com/acme'), gatewayClass('istio', 'istio.io/gateway-controller')),
    });
    assert.equal(itemLabeled(items, 'edge-lb').detail, `Envoy Gateway ${ENVOY.version}`);
    assert.equal(itemLabeled(items, 'acme-lb').detail, 'controller example.com/acme');
    assert.equal(itemLabeled(items, 'eg').detail, 'Envoy Gateway (well-known class)');
    assert.equal(itemLabeled(items, 'cilium').detail, 'Cilium (well-known class)');
    // A well-known name the workspace already has as a GatewayClass is offered once, as the workspace's.
    assert.equal(items.filter((i) => i.label === 'istio').length, 1);
    assert.equal(itemLabeled(items, 'istio').detail, `Istio ${ISTIO.version}`);
    // The workspace's first.
    assert.deepEqual(sortedLabels(items).slice(0, 3), ['acme-lb', 'edge-lb', 'istio']);
  });

  test('with no GatewayClass in the workspace: the well-known names only', () => {
    const items = completeAt(marked, FILE);
    assert.ok(items.length > 5);
    assert.ok(items.every((i) => i.detail?.endsWith('(well-known class)')), JSON.stringify(items.map((i) => i.detail)));
    assert.ok(items.some((i) => i.label === 'gke-l7-rilb'));
  });

  test('a partial word is replaced', () => {
    const items = completeAt(gateway('ist|'), FILE);
    const istio = itemLabeled(items, 'istio');
    assert.ok(istio.textEdit && 'range' in istio.textEdit);
    assert.equal(istio.textEdit.range.end.character - istio.textEdit.range.start.character, 3);
  });
});

describe('Set gatewayTls.implementation actions', () => {
  function actionsAt(text: string, files: Record<string, string> = {}, settings?: unknown, diagnostics: Diagnostic[] = []): CodeAction[] {
    const line = lineOf(text, 'gatewayClassName:');
    const character = text.split('\n')[line]!.indexOf('gatewayClassName:') + 'gatewayClassName: '.length + 1;
    return serviceWith({ ...files, [FILE]: text }, settings).doCodeActions(URI, { start: { line, character }, end: { line, character } }, diagnostics);
  }
  const summary = (actions: CodeAction[]) => actions.map((a) => [a.title, a.command?.command, ...(a.command?.arguments ?? [])]);

  test('an unknown class name near a well-known one: set that implementation (a command, no edit)', () => {
    const actions = actionsAt(gateway('istio-gw'));
    assert.deepEqual(summary(actions), [['Set gatewayTls.implementation to Istio', 'gatewayTls.setImplementation', 'istio/istio']]);
    assert.equal(actions[0]!.edit, undefined);
    assert.equal(actions[0]!.kind, 'quickfix');
  });

  test('the implementation the other Gateways of the workspace run on', () => {
    const actions = actionsAt(gateway('acme-lb'), { 'other.yaml': gateway('eg', 'other') });
    assert.deepEqual(summary(actions), [['Set gatewayTls.implementation to Envoy Gateway', 'gatewayTls.setImplementation', 'envoyproxy/envoy-gateway']]);
  });

  test('a GatewayClass whose controllerName is a near miss of a known one', () => {
    const actions = actionsAt(gateway('acme-lb'), { 'class.yaml': gatewayClass('acme-lb', 'gateway.envoyproxy.io/gatewayclass-controler') });
    assert.deepEqual(summary(actions).map((a) => a[2]), ['envoyproxy/envoy-gateway']);
  });

  test('a mistyped setting: its nearest ids', () => {
    const actions = actionsAt(gateway('acme-lb'), {}, { implementation: 'envoyproxy/envoy-gatway' });
    assert.deepEqual(summary(actions).map((a) => a[2]), ['envoyproxy/envoy-gateway']);
  });

  test('no hint, a known implementation, none, or the cursor elsewhere: no action', () => {
    assert.deepEqual(actionsAt(gateway('acme-lb')), []);
    assert.deepEqual(actionsAt(gateway('istio')), []);
    assert.deepEqual(actionsAt(gateway('istio-gw'), {}, { implementation: 'none' }), []);
    const text = gateway('istio-gw');
    const line = lineOf(text, 'hostname:');
    assert.deepEqual(serviceWith({ [FILE]: text }).doCodeActions(URI, { start: { line, character: 6 }, end: { line, character: 6 } }, []), []);
  });

  test('feature-unsupported: turn implementation checks off', () => {
    const text = gateway('istio');
    const line = lineOf(text, 'gatewayClassName:');
    const diagnostic: Diagnostic = {
      range: { start: { line, character: 2 }, end: { line, character: 10 } },
      message: 'Istio does not support …',
      source: 'gateway-tls',
      code: 'feature-unsupported',
      data: { implementation: 'istio/istio', feature: 'ListenerSet' },
    };
    const actions = serviceWith({ [FILE]: text }).doCodeActions(URI, diagnostic.range, [diagnostic]);
    assert.deepEqual(summary(actions), [['Set gatewayTls.implementation to none (turn implementation checks off)', 'gatewayTls.setImplementation', 'none']]);
    assert.deepEqual(actions[0]!.diagnostics, [diagnostic]);
    // Another tool's diagnostic with the same code is not ours.
    assert.deepEqual(serviceWith({ [FILE]: text }).doCodeActions(URI, diagnostic.range, [{ ...diagnostic, source: 'other' }]), []);
  });
});
