// Hover on a listener's hostname: which names it really serves next to the other listeners on its port (the
// spec's listener matching, reference §5.3), before the field documentation. The seed's wildcard example.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { listenerYaml, WILDCARD_GATEWAY } from '../helpers/manifests';
import { hoverMarkdown, lineOf, serviceWith } from '../helpers/service';

/** The seed's wildcard Gateway with three more listeners: one without a hostname on 443, one alone on 8443, an HTTP one. */
const GATEWAY =
  WILDCARD_GATEWAY +
  listenerYaml({ name: 'fallback', refs: ['default-cert'] }) +
  listenerYaml({ name: 'alone', port: 8443, hostname: 'bar.example.com', refs: ['bar-cert'] }) +
  listenerYaml({ name: 'plain', protocol: 'HTTP', port: 80, hostname: 'foo.example.com' });

/** The hover's Markdown with code spans unwrapped, so assertions read like the sentence a person reads. */
function hoverText(needle: string, shift = 1, occurrence = 0): string | undefined {
  const line = lineOf(GATEWAY, needle, occurrence);
  const hover = serviceWith({ 'g.yaml': GATEWAY }).doHover('file:///workspace/g.yaml', { line, character: GATEWAY.split('\n')[line]!.indexOf(needle) + shift });
  return hover ? hoverMarkdown(hover).replaceAll('`', '') : undefined;
}

describe('hover on a listener hostname', () => {
  test('a wildcard next to an exact hostname: every name except the exact one, which the other listener serves', () => {
    const text = hoverText('hostname: "*.example.com"', 12)!;
    assert.ok(text.startsWith('Listener wildcard-https (port 443) serves every name under example.com except foo.example.com, which listener foo-https serves with foo-example-com-cert.'), text);
    assert.ok(text.includes('It takes precedence over listener fallback (no hostname) for those names.'), text);
    assert.ok(text.includes('a *.example.com certificate covers only one'), text);
    // Then the field documentation the hover always showed.
    assert.match(text, /\n---\n\n\*\*spec\.listeners\[\]\.hostname\*\*/);
  });

  test('on the key as well as the value', () => {
    assert.match(hoverText('hostname: "*.example.com"', 2)!, /^Listener wildcard-https \(port 443\) serves every name under example\.com except/);
  });

  test('an exact hostname takes precedence over the wildcard for its name', () => {
    const text = hoverText('hostname: foo.example.com', 12)!;
    assert.ok(
      text.startsWith('Listener foo-https (port 443) takes precedence over listener wildcard-https (*.example.com) and listener fallback (no hostname) for foo.example.com.'),
      text,
    );
  });

  test('no hostname: every name on the port that no other listener claims, on the listener name', () => {
    const text = hoverText('name: fallback', 8)!;
    assert.ok(
      text.startsWith('Listener fallback (port 443) serves every name on port 443 that no other listener claims (listener foo-https claims foo.example.com, listener wildcard-https claims *.example.com).'),
      text,
    );
  });

  test('alone on its port; other ports and HTTP listeners are not counted', () => {
    assert.ok(hoverText('hostname: bar.example.com', 12)!.startsWith('Listener alone (port 8443) serves bar.example.com; no other listener on the port matches it.'));
    const http = hoverText('hostname: foo.example.com', 12, 1)!;
    assert.match(http, /^\*\*spec\.listeners\[\]\.hostname\*\*/);
    // A named listener with a hostname gets only the schema doc on its name.
    assert.match(hoverText('name: foo-https', 8)!, /^\*\*spec\.listeners\[\]\.name\*\*/);
  });
});
