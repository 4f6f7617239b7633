// The TLS map's fixture workspace: a Gateway with a wildcard and an exact HTTPS listener (real certificates, one
// expiring in 10 days), a listener whose Secret a cert-manager Certificate makes, and one whose Secret is missing
// (a listener problem); HTTPRoutes attached to the exact and the wildcard listener.
import { makeCertificate, tlsSecretYaml } from './certs';
import { certificateYaml, documents, gatewayYaml } from './manifests';

export const GATEWAY_FILE = 'gateway.yaml';

export const GATEWAY = gatewayYaml({
  name: 'edge',
  namespace: 'infra',
  gatewayClassName: 'acme',
  listeners: [
    { name: 'wildcard', hostname: '"*.example.com"', refs: ['wildcard-cert'] },
    { name: 'shop', hostname: 'shop.example.com', refs: ['shop-cert'] },
    { name: 'api', hostname: 'api.example.org', refs: ['api-cert'] },
    { name: 'legacy', hostname: 'legacy.example.net', refs: ['legacy-cert'] },
  ],
});

export const ROUTES = documents(
  [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: HTTPRoute',
    'metadata:',
    '  name: shop',
    '  namespace: infra',
    'spec:',
    '  parentRefs:',
    '  - name: edge',
    '  hostnames: [shop.example.com, blog.example.com]',
    '',
  ].join('\n'),
  [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: HTTPRoute',
    'metadata:',
    '  name: api',
    '  namespace: infra',
    'spec:',
    '  parentRefs:',
    '  - name: edge',
    '    sectionName: api',
    '',
  ].join('\n'),
);

/** path → text of the fixture workspace (certificates made now). */
export async function tlsMapFixture(): Promise<Record<string, string>> {
  const wildcard = await makeCertificate({ cn: 'wildcard', dnsNames: ['*.example.com'], notAfterDays: 200 });
  const shop = await makeCertificate({ cn: 'shop', dnsNames: ['shop.example.com'], notAfterDays: 10 });
  return {
    [GATEWAY_FILE]: GATEWAY,
    'routes.yaml': ROUTES,
    'secrets.yaml': documents(tlsSecretYaml('wildcard-cert', 'infra', wildcard.certPem, wildcard.keyPem), tlsSecretYaml('shop-cert', 'infra', shop.certPem, shop.keyPem)),
    'certificate.yaml': certificateYaml('api', 'infra', 'api-cert', { dnsNames: ['api.example.org'], clusterIssuer: 'letsencrypt' }),
  };
}
