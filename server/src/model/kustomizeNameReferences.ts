// The Gateway API fields that name a Secret or a CA ConfigMap, in kustomize's `nameReference` terms. Kustomize's
// built-in table has none of them, so namePrefix, nameSuffix and generator hashes rename the object and leave these
// references behind. One table: the quick fix writes all of it, and reads an existing configuration against it.
export type ReferencedKind = 'Secret' | 'ConfigMap';

export interface NameReferenceField {
  /** The kind of the object the field names. */
  readonly referenceKind: ReferencedKind;
  /** The kind and API group of the object holding the field. */
  readonly kind: string;
  readonly group: string;
  /** Kustomize's field path: keys joined by `/`, sequences crossed implicitly. */
  readonly path: string;
}

const GATEWAY = 'gateway.networking.k8s.io';
const EXPERIMENTAL = 'gateway.networking.x-k8s.io';

export const GATEWAY_API_NAME_REFERENCES: readonly NameReferenceField[] = [
  { referenceKind: 'Secret', kind: 'Gateway', group: GATEWAY, path: 'spec/listeners/tls/certificateRefs/name' },
  { referenceKind: 'Secret', kind: 'ListenerSet', group: GATEWAY, path: 'spec/listeners/tls/certificateRefs/name' },
  { referenceKind: 'Secret', kind: 'XListenerSet', group: EXPERIMENTAL, path: 'spec/listeners/tls/certificateRefs/name' },
  { referenceKind: 'Secret', kind: 'Gateway', group: GATEWAY, path: 'spec/tls/backend/clientCertificateRef/name' },
  { referenceKind: 'ConfigMap', kind: 'BackendTLSPolicy', group: GATEWAY, path: 'spec/validation/caCertificateRefs/name' },
  // v1alpha2 named the field differently; still served by older implementations.
  { referenceKind: 'ConfigMap', kind: 'BackendTLSPolicy', group: GATEWAY, path: 'spec/tls/caCertRefs/name' },
  { referenceKind: 'ConfigMap', kind: 'Gateway', group: GATEWAY, path: 'spec/tls/frontend/default/validation/caCertificateRefs/name' },
  { referenceKind: 'ConfigMap', kind: 'Gateway', group: GATEWAY, path: 'spec/tls/frontend/perPort/tls/validation/caCertificateRefs/name' },
];

export const REFERENCED_KINDS: readonly ReferencedKind[] = ['Secret', 'ConfigMap'];

/** A kustomize transformer configuration (`configurations:` entry) teaching every field of the table. */
export function nameReferenceConfiguration(eol = '\n'): string {
  const lines = [
    '# Teaches kustomize the Gateway API reference fields, so that namePrefix, nameSuffix and generator hashes',
    '# are followed by Gateway, ListenerSet and BackendTLSPolicy references. Written by Gateway TLS.',
    'nameReference:',
  ];
  for (const referenceKind of REFERENCED_KINDS) {
    lines.push(`- kind: ${referenceKind}`, '  version: v1', '  fieldSpecs:');
    for (const field of GATEWAY_API_NAME_REFERENCES.filter((f) => f.referenceKind === referenceKind)) {
      lines.push(`  - kind: ${field.kind}`, `    group: ${field.group}`, `    path: ${field.path}`);
    }
  }
  return lines.map((line) => line + eol).join('');
}
