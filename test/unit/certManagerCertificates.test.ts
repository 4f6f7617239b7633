// cert-manager Certificates as the certificates listeners present: certificate-hostname-mismatch from their
// dnsNames (commonName when there are none), the gateway-shim annotation (issued for the listener hostnames), the
// certificate-issuer-not-found hint, and what a hover on the certificateRef says about the Certificate.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { certificateYaml, documents, shopGatewayYaml } from '../helpers/manifests';
import { hoverMarkdown, lineOf, plain, serviceWith, underlined, withCode } from '../helpers/service';

const GATEWAY = shopGatewayYaml({ namespace: 'web' });
const GATEWAY_URI = 'file:///workspace/gw.yaml';

function run(files: Record<string, string>, uri = GATEWAY_URI) {
  return plain(serviceWith(files).doValidation(uri));
}

function rawCertificate(spec: string[]): string {
  return ['apiVersion: cert-manager.io/v1', 'kind: Certificate', 'metadata:', '  name: shop', '  namespace: web', 'spec:', '  secretName: shop-cert', ...spec.map((l) => `  ${l}`), ''].join('\n');
}

const ISSUER = (kind: 'Issuer' | 'ClusterIssuer', name: string, namespace?: string) =>
  ['apiVersion: cert-manager.io/v1', `kind: ${kind}`, 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : []), 'spec:', '  selfSigned: {}', ''].join('\n');

describe('certificate-hostname-mismatch from a cert-manager Certificate', () => {
  test('dnsNames that do not cover the listener hostname: on the ref, naming the Certificate; related on its dnsNames', () => {
    const cert = certificateYaml('shop', 'web', 'shop-cert', { dnsNames: ['other.example.com', '"*.shop.example.com"'] });
    const [d, ...rest] = withCode(run({ 'gw.yaml': GATEWAY, 'cert.yaml': cert }), 'certificate-hostname-mismatch');
    assert.ok(d);
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 2);
    assert.equal(underlined(GATEWAY, d), 'shop-cert');
    assert.match(d.message, /Listener "https" uses Secret web\/shop-cert: the names come from cert-manager Certificate web\/shop, which issues it: its dnsNames other\.example\.com, \*\.shop\.example\.com do not cover the listener hostname shop\.example\.com/);
    assert.equal(d.relatedInformation?.[0]?.location.uri, 'file:///workspace/cert.yaml');
    assert.equal(d.relatedInformation?.[0]?.location.range.start.line, lineOf(cert, 'dnsNames'));
  });

  test('dnsNames that cover it (exactly or by a one-label wildcard): nothing', () => {
    for (const names of [['shop.example.com'], ['"*.example.com"']]) {
      const cert = certificateYaml('shop', 'web', 'shop-cert', { dnsNames: names });
      assert.deepEqual(withCode(run({ 'gw.yaml': GATEWAY, 'cert.yaml': cert }), 'certificate-hostname-mismatch'), []);
    }
  });

  test('commonName only when there are no dnsNames', () => {
    assert.deepEqual(withCode(run({ 'gw.yaml': GATEWAY, 'cert.yaml': rawCertificate(['commonName: shop.example.com']) }), 'certificate-hostname-mismatch'), []);
    const [d] = withCode(run({ 'gw.yaml': GATEWAY, 'cert.yaml': rawCertificate(['commonName: other.example.com']) }), 'certificate-hostname-mismatch');
    assert.ok(d);
    assert.match(d.message, /its commonName \(it has no dnsNames\) other\.example\.com does not cover/);
    // dnsNames win over the commonName.
    const both = rawCertificate(['commonName: shop.example.com', 'dnsNames: [other.example.com]']);
    assert.equal(withCode(run({ 'gw.yaml': GATEWAY, 'cert.yaml': both }), 'certificate-hostname-mismatch').length, 1);
  });

  test('the gateway-shim annotation issues for the listener hostnames: no mismatch, no missing Secret', () => {
    const gateway = shopGatewayYaml({ namespace: 'web', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } });
    const ds = run({ 'gw.yaml': gateway, 'issuer.yaml': ISSUER('ClusterIssuer', 'letsencrypt') });
    assert.deepEqual(withCode(ds, 'certificate-hostname-mismatch'), []);
    assert.deepEqual(withCode(ds, 'certificate-secret-not-found'), []);
    assert.deepEqual(withCode(ds, 'certificate-issuer-not-found'), []);
  });
});

describe('certificate-issuer-not-found', () => {
  test("a Certificate's ClusterIssuer absent from the workspace: a hint on issuerRef's name; present: nothing", () => {
    const cert = certificateYaml('shop', 'web', 'shop-cert', { dnsNames: ['shop.example.com'], clusterIssuer: 'letsencrypt' });
    const [d] = withCode(run({ 'cert.yaml': cert }, 'file:///workspace/cert.yaml'), 'certificate-issuer-not-found');
    assert.ok(d);
    assert.equal(d.severity, 4);
    assert.equal(underlined(cert, d), 'letsencrypt');
    assert.match(d.message, /ClusterIssuer "letsencrypt" is not in the workspace: cert-manager issues this Certificate \(Secret shop-cert\) only once it exists/);
    assert.deepEqual(withCode(run({ 'cert.yaml': cert, 'issuer.yaml': ISSUER('ClusterIssuer', 'letsencrypt') }, 'file:///workspace/cert.yaml'), 'certificate-issuer-not-found'), []);
  });

  test("an Issuer (the default kind) is looked up in the Certificate's namespace", () => {
    const cert = rawCertificate(['dnsNames: [shop.example.com]', 'issuerRef: {name: local}']);
    const issues = (files: Record<string, string>) => withCode(run({ 'cert.yaml': cert, ...files }, 'file:///workspace/cert.yaml'), 'certificate-issuer-not-found');
    const [d] = issues({ 'issuer.yaml': ISSUER('Issuer', 'local', 'other') });
    assert.ok(d);
    assert.match(d.message, /^Issuer "local" in namespace web is not in the workspace/);
    assert.deepEqual(issues({ 'issuer.yaml': ISSUER('Issuer', 'local', 'web') }), []);
    // An external issuer's group is not ours to look up.
    const external = rawCertificate(['issuerRef: {name: pca, kind: AWSPCAClusterIssuer, group: awspca.cert-manager.io}']);
    assert.deepEqual(withCode(run({ 'cert.yaml': external }, 'file:///workspace/cert.yaml'), 'certificate-issuer-not-found'), []);
  });

  test("the gateway-shim annotation's issuer: a hint on the annotation", () => {
    const gateway = shopGatewayYaml({ namespace: 'web', annotations: { 'cert-manager.io/issuer': 'team-issuer' } });
    const [d] = withCode(run({ 'gw.yaml': gateway }), 'certificate-issuer-not-found');
    assert.ok(d);
    assert.equal(d.severity, 4);
    assert.equal(underlined(gateway, d), 'team-issuer');
    assert.match(d.message, /Issuer "team-issuer" in namespace web is not in the workspace: cert-manager issues the listeners' certificates \(annotation cert-manager\.io\/issuer\)/);
    assert.deepEqual(withCode(run({ 'gw.yaml': gateway, 'issuer.yaml': ISSUER('Issuer', 'team-issuer', 'web') }), 'certificate-issuer-not-found'), []);
  });
});

describe('hover on a certificateRef that a cert-manager Certificate makes', () => {
  test("shows the Certificate's dnsNames, issuer, duration and renewBefore, and whether it covers the listener", () => {
    const cert = rawCertificate(['dnsNames: [other.example.com]', 'issuerRef: {name: letsencrypt, kind: ClusterIssuer}', 'duration: 720h', 'renewBefore: 240h']);
    const files = { 'gw.yaml': GATEWAY, 'cert.yaml': cert };
    const line = lineOf(GATEWAY, 'name: shop-cert');
    const character = GATEWAY.split('\n')[line]!.indexOf('shop-cert') + 2;
    const md = hoverMarkdown(serviceWith(files).doHover(GATEWAY_URI, { line, character }));
    assert.match(md, /Produced by cert-manager Certificate shop/);
    assert.match(md, /\*\*cert-manager Certificate `web\/shop`\*\* \(`cert\.yaml` line 4\)/);
    assert.match(md, /- DNS names: `other\.example\.com`/);
    assert.match(md, /- Issuer: ClusterIssuer `letsencrypt` — not in the workspace/);
    assert.match(md, /- Duration: `720h`/);
    assert.match(md, /- Renew before: `240h`/);
    assert.match(md, /\*\*Does not cover\*\* the listener hostname `shop\.example\.com`/);
  });

  test('defaults: duration and renewBefore not set; commonName; an Issuer present in the workspace', () => {
    const cert = rawCertificate(['commonName: shop.example.com', 'issuerRef: {name: local}']);
    const files = { 'gw.yaml': GATEWAY, 'cert.yaml': documents(cert, ISSUER('Issuer', 'local', 'web')) };
    const line = lineOf(GATEWAY, 'name: shop-cert');
    const md = hoverMarkdown(serviceWith(files).doHover(GATEWAY_URI, { line, character: GATEWAY.split('\n')[line]!.indexOf('shop-cert') + 2 }));
    assert.match(md, /- Common name: `shop\.example\.com` \(no dnsNames/);
    assert.match(md, /- Issuer: Issuer `local`\n/);
    assert.match(md, /- Duration: not set \(cert-manager default `2160h`, 90 days\)/);
    assert.match(md, /- Renew before: not set/);
    assert.match(md, /- Covers the listener hostname `shop\.example\.com`/);
  });
});
