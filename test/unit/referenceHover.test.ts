import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import { certificateYaml, documents, gatewayYaml, referenceGrantYaml, secretYaml } from '../helpers/manifests';
import { hoverMarkdown, lineOf, serviceWith } from '../helpers/service';

// Base64 that must never appear in a hover (a private key body and a certificate body).
const KEY_DATA = 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2Z0lCQURBTkJna3Foa2lHOXcwQkFRRUZBQVNDQktnd2dnU2tBZ0VBQW9JQkFRQwo=';
const CERT_DATA = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM1ekNDQWMrZ0F3SUJBZ0lKQUxvb2tlZEF0TWUK';

const SECRET_DATA = { 'tls.crt': CERT_DATA, 'tls.key': KEY_DATA };

const CERTS = documents(secretYaml('shop-tls', 'certs', { data: SECRET_DATA }), secretYaml('opaque-thing', 'certs', { type: 'Opaque', stringData: { password: 'hunter2' } }));

const TEAM_A = documents(secretYaml('local-tls', 'team-a', { data: SECRET_DATA }), certificateYaml('shop', 'team-a', 'api-tls', { dnsNames: ['api.example.com'], clusterIssuer: 'le' }));

/** In certs: admits Gateways from team-a to the one Secret shop-tls. */
const GRANT = referenceGrantYaml({ name: 'allow-team-a', to: { name: 'shop-tls' } });

const GATEWAY = gatewayYaml({
  name: 'web',
  namespace: 'team-a',
  listeners: [
    {
      name: 'https',
      portFirst: true,
      refs: ['local-tls', { name: 'shop-tls', namespace: 'certs' }, { name: 'opaque-thing', namespace: 'certs' }, 'api-tls', 'locl-tls', { kind: 'Secret', name: 'vault-cert' }],
    },
    { name: 'passthrough', portFirst: true, port: 8443, protocol: 'TLS', mode: 'Passthrough', refs: ['local-tls'] },
  ],
});

const FILES = { 'certs/secrets.yaml': CERTS, 'certs/grant.yaml': GRANT, 'team-a/secrets.yaml': TEAM_A, 'team-a/gateway.yaml': GATEWAY };
const GATEWAY_URI = 'file:///workspace/team-a/gateway.yaml';

/** Hover on the `occurrence`-th `needle` of the Gateway, `shift` characters into it. */
function hoverAt(needle: string, { shift = 1, occurrence = 0, files = FILES, settings = undefined as unknown } = {}): Hover | null {
  const text = files['team-a/gateway.yaml'];
  const line = lineOf(text, needle, occurrence);
  const character = text.split('\n')[line]!.indexOf(needle) + shift;
  return serviceWith(files, settings).doHover(GATEWAY_URI, { line, character });
}

/** 1-based line of `needle` in `text`, as hovers print it. */
function line1(text: string, needle: string): number {
  return lineOf(text, needle) + 1;
}

describe('certificateRef hover', () => {
  test('a same-namespace Secret: where it is, its type and keys, permitted; then the field docs', () => {
    const md = hoverMarkdown(hoverAt('name: local-tls', { shift: 8 }));
    assert.match(md, /^\*\*Certificate reference\*\* → Secret `team-a\/local-tls`\n/);
    assert.ok(
      md.includes(`- Resolves to Secret \`team-a/local-tls\` in \`team-a/secrets.yaml\` line ${line1(TEAM_A, 'name: local-tls')} (type \`kubernetes.io/tls\`; keys \`tls.crt\`, \`tls.key\`).`),
      md,
    );
    assert.match(md, /- Permitted: same namespace \(`team-a`\), no ReferenceGrant needed\./);
    assert.match(md, /\n---\n\n\*\*spec\.listeners\[\]\.tls\.certificateRefs\[\]\.name\*\* · `string` · required/);
    assert.doesNotMatch(md, /NOT permitted|Ignored/);
  });

  test('on the key as well as the value, and on a sibling key of the item', () => {
    assert.match(hoverMarkdown(hoverAt('name: local-tls', { shift: 1 })), /Certificate reference\*\* → Secret `team-a\/local-tls`/);
    const md = hoverMarkdown(hoverAt('namespace: certs', { shift: 2 }));
    assert.match(md, /^\*\*Certificate reference\*\* → Secret `certs\/shop-tls`/);
    assert.match(md, /\*\*spec\.listeners\[\]\.tls\.certificateRefs\[\]\.namespace\*\*/);
  });

  test('a cross-namespace Secret admitted by a grant names the grant and where it is', () => {
    const md = hoverMarkdown(hoverAt('name: shop-tls', { shift: 8 }));
    assert.ok(md.includes(`- Resolves to Secret \`certs/shop-tls\` in \`certs/secrets.yaml\` line ${line1(CERTS, 'name: shop-tls')}`), md);
    assert.ok(md.includes(`- Permitted: allowed by ReferenceGrant \`certs/allow-team-a\` (\`certs/grant.yaml\` line ${line1(GRANT, '- group: gateway')}).`), md);
  });

  test('a denied reference says NOT permitted, what the controller reports, and the near miss', () => {
    const md = hoverMarkdown(hoverAt('name: opaque-thing', { shift: 8 }));
    assert.ok(
      md.includes('- **NOT permitted**: no ReferenceGrant in `certs` admits Gateways from `team-a`; the controller reports `ResolvedRefs=False`, reason `RefNotPermitted`.'),
      md,
    );
    assert.ok(md.includes(`Near miss: ReferenceGrant \`certs/allow-team-a\` (\`certs/grant.yaml\` line ${line1(GRANT, 'name: shop-tls')}): it admits only the Secret shop-tls, not opaque-thing.`), md);
    // The Secret itself is also unusable; its keys are named, its values are not.
    assert.match(md, /type `Opaque`; keys `password`\)\. \*\*Not usable as a certificate\*\*: its type is Opaque, not kubernetes\.io\/tls and it has no tls\.crt and no tls\.key\./);
    assert.doesNotMatch(md, /hunter2/);
  });

  test('a Secret produced by a cert-manager Certificate', () => {
    const md = hoverMarkdown(hoverAt('name: api-tls', { shift: 8 }));
    assert.ok(md.includes(`- Produced by cert-manager Certificate shop in \`team-a/secrets.yaml\` line ${line1(TEAM_A, 'secretName: api-tls')} (a \`kubernetes.io/tls\` Secret)`), md);
    assert.doesNotMatch(md, /Resolves to Secret/);
    assert.match(md, /Permitted: same namespace/);
  });

  test('a missing Secret: not found, with a did-you-mean', () => {
    const md = hoverMarkdown(hoverAt('name: locl-tls', { shift: 8 }));
    assert.match(md, /- Secret `team-a\/locl-tls` is \*\*not found in the workspace\*\*, and nothing here produces it\. Did you mean `local-tls`\?/);
    assert.match(md, /reason `InvalidCertificateRef`/);
  });

  test('an externally managed Secret is said to be external', () => {
    const md = hoverMarkdown(hoverAt('name: vault-cert', { shift: 8, settings: { secrets: { externallyManaged: ['team-a/vault-*'] } } }));
    assert.match(md, /- External: `team-a\/vault-cert` matches `gatewayTls\.secrets\.externallyManaged`/);
    assert.doesNotMatch(md, /not found/);
    const without = hoverMarkdown(hoverAt('name: vault-cert', { shift: 8 }));
    assert.match(without, /\*\*not found in the workspace\*\*/);
  });

  test('a ref of a Passthrough listener is said to be ignored', () => {
    const md = hoverMarkdown(hoverAt('name: local-tls', { shift: 8, occurrence: 1 }));
    assert.match(md, /Ignored by the controller: the listener passes TLS through \(`mode: Passthrough`\)/);
  });

  test('no hover contains Secret data: not the key, not the certificate', () => {
    const text = FILES['team-a/gateway.yaml'];
    const service = serviceWith(FILES);
    const lines = text.split('\n');
    let hovers = 0;
    for (let line = lineOf(text, 'certificateRefs:'); line < lines.length; line++) {
      for (let character = 0; character < lines[line]!.length; character++) {
        const hover = service.doHover(GATEWAY_URI, { line, character });
        if (!hover) continue;
        hovers++;
        const md = hoverMarkdown(hover);
        assert.ok(!md.includes(KEY_DATA) && !md.includes(CERT_DATA) && !md.includes('S0VZ') && !md.includes('hunter2'), md);
      }
    }
    assert.ok(hovers > 50, `only ${hovers} hovers`);
  });

  test('several candidate namespaces (Kustomize overlays): one section per namespace', () => {
    const files = {
      'base/gateway.yaml': GATEWAY.replace('  namespace: team-a\n', '').replace(/ {6}certificateRefs:\n[\s\S]*$/, '      certificateRefs:\n      - name: web-tls\n'),
      'base/kustomization.yaml': 'resources:\n- gateway.yaml\n',
      'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../../base\n',
      'overlays/staging/kustomization.yaml': 'namespace: staging\nresources:\n- ../../base\n',
      'prod/secret.yaml': secretYaml('web-tls', 'prod', { data: { 'tls.crt': 'Q0VSVA==', 'tls.key': 'S0VZ' } }),
    };
    const text = files['base/gateway.yaml'];
    const line = lineOf(text, 'name: web-tls');
    const hover = serviceWith(files).doHover('file:///workspace/base/gateway.yaml', { line, character: 16 });
    const md = hoverMarkdown(hover);
    assert.match(md, /^\*\*Certificate reference\*\* → Secret `web-tls`\n/);
    const prod = md.indexOf('**Gateway in namespace `prod`** (from `overlays/prod/kustomization.yaml` line 1)');
    const staging = md.indexOf('**Gateway in namespace `staging`** (from `overlays/staging/kustomization.yaml` line 1)');
    assert.ok(prod >= 0 && staging >= 0, md);
    const [first, second] = prod < staging ? [prod, staging] : [staging, prod];
    const sections = { [first]: md.slice(first, second), [second]: md.slice(second, md.indexOf('\n---\n')) };
    assert.match(sections[prod]!, /Resolves to Secret `prod\/web-tls` in `prod\/secret\.yaml` line 4/);
    assert.match(sections[staging]!, /Secret `staging\/web-tls` is \*\*not found in the workspace\*\*/);
  });

  test('no reference part outside certificateRef items, and none for grants and non-Gateway documents', () => {
    const md = hoverMarkdown(hoverAt('certificateRefs:', { shift: 2 }));
    assert.doesNotMatch(md, /Certificate reference/);
    assert.match(md, /^\*\*spec\.listeners\[\]\.tls\.certificateRefs\*\*/);
    const service = serviceWith(FILES);
    // An Opaque Secret no listener uses is not a certificate: no hover on its keys.
    assert.equal(service.doHover('file:///workspace/certs/secrets.yaml', { line: lineOf(CERTS, 'password'), character: 4 }), null);
  });
});
