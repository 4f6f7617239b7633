// Incremental checking stays correct: edits other files cannot see keep cross-file tables and cached findings,
// edits they can see (a Secret renamed, a grant added) re-check every file that depends on them.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { documents, gatewayYaml, referenceGrantYaml, secretYaml, shopGatewayYaml } from '../helpers/manifests';
import { plain, serviceWith } from '../helpers/service';

const GATEWAY = 'file:///workspace/gw.yaml';
const SECRETS = 'file:///workspace/secrets.yaml';
// The Secrets here carry placeholder data: their certificate-content findings are not what these tests are about.
const codes = (ds: { code?: unknown }[]) => ds.map((d) => String(d.code)).filter((c) => c !== 'certificate-invalid').sort();

describe('cross-file edits', () => {
  test('renaming the Secret, then restoring it, flips the Gateway between clean and not-found', () => {
    const service = serviceWith({ 'gw.yaml': shopGatewayYaml({ namespace: 'web' }), 'secrets.yaml': secretYaml('shop-cert', 'web') });
    assert.deepEqual(codes(service.doValidation(GATEWAY)), []);
    service.setDocument(SECRETS, secretYaml('shop-cert-old', 'web'));
    assert.deepEqual(codes(service.doValidation(GATEWAY)), ['certificate-secret-not-found']);
    service.setDocument(SECRETS, secretYaml('shop-cert', 'web'));
    assert.deepEqual(codes(service.doValidation(GATEWAY)), []);
  });

  test('a grant added in another file clears ref-not-permitted; removing the file brings it back', () => {
    const files = { 'gw.yaml': shopGatewayYaml({ namespace: 'team-a', secretNamespace: 'certs' }), 'secrets.yaml': secretYaml('shop-cert', 'certs') };
    const service = serviceWith(files);
    assert.deepEqual(codes(service.doValidation(GATEWAY)), ['ref-not-permitted']);
    service.setDocument('file:///workspace/grant.yaml', referenceGrantYaml());
    assert.deepEqual(codes(service.doValidation(GATEWAY)), []);
    service.removeDocument('file:///workspace/grant.yaml');
    assert.deepEqual(codes(service.doValidation(GATEWAY)), ['ref-not-permitted']);
  });

  test('an edit other files cannot see (a comment, a port) keeps the cross-file tables and the objects', () => {
    const gateway = shopGatewayYaml({ namespace: 'web' });
    const service = serviceWith({ 'gw.yaml': gateway, 'secrets.yaml': secretYaml('shop-cert', 'web') });
    service.doValidation(GATEWAY);
    const before = service.index.factsVersion;
    const object = service.index.getFile(GATEWAY)!.objects[0]!;
    service.setDocument(GATEWAY, `# a comment\n${gateway.replace('port: 443', 'port: 8443')}`);
    assert.equal(service.index.factsVersion, before, 'tables untouched');
    assert.equal(service.index.getFile(GATEWAY)!.objects[0], object, 'the object kept its identity');
    assert.equal(object.source.segmentOffset, 0);
    assert.equal((object.value.spec as { listeners: { port: number }[] }).listeners[0]!.port, 8443, 'and sees the new text');
    service.setDocument(GATEWAY, gateway.replace('name: shop-cert', 'name: other-cert'));
    assert.notEqual(service.index.factsVersion, before, 'a new reference is something other files can see');
  });
});

describe('one document of many', () => {
  const secret = (i: number) => secretYaml(`cert-${i}`, 'web');
  const gateway = (i: number, port: number) =>
    gatewayYaml({ name: `gw-${i}`, namespace: 'web', listeners: [{ name: 'https', port, hostname: `h${i}.example.com`, refs: [`cert-${i}`] }] });
  const file = (port: number) => documents(...Array.from({ length: 50 }, (_, i) => (i % 2 ? gateway(i, i === 25 ? port : 443) : secret(i + 1))));

  test('a port edited to an invalid value in the middle is reported on the right line, and clears again', () => {
    const uri = 'file:///workspace/big.yaml';
    const service = serviceWith({ 'big.yaml': file(443) });
    assert.deepEqual(codes(plain(service.doValidation(uri))), []);
    service.setDocument(uri, file(70000));
    const [d, ...rest] = plain(service.doValidation(uri)).filter((x) => x.code !== 'certificate-invalid');
    assert.equal(rest.length, 0);
    assert.equal(d!.code, 'schema');
    assert.equal(file(70000).split('\n')[d!.range.start.line], '    port: 70000');
    service.setDocument(uri, file(443));
    assert.deepEqual(codes(service.doValidation(uri)), []);
  });
});
