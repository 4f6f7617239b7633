// What produces a Secret in a GitOps repo besides a Secret manifest: a table of producer kinds, each with a
// pure function that says which Secret names an object will make. Namespaces are added by the workspace, which
// knows effective namespaces.
import type { NodePath } from '../parser/types';
import { gatewayView } from './gateway';
import { isRecord, type K8sObject } from './object';

export type ProducerKind = 'Secret' | 'SealedSecret' | 'ExternalSecret' | 'Certificate' | 'Gateway annotation' | 'secretGenerator' | 'setting';

export interface ProducedSecret {
  readonly name: string;
  readonly producer: ProducerKind;
  /** Where the name is written in the producing object (for go-to-definition). */
  readonly path: NodePath;
  /** How a person would describe the producer, for hovers and messages. */
  readonly description: string;
  /** Set when the producing object fixes the namespace itself (a secretGenerator's own `namespace:`). */
  readonly namespace?: string;
}

interface ProducerSpec {
  readonly producer: ProducerKind;
  readonly matches: (object: K8sObject) => boolean;
  readonly produces: (object: K8sObject) => ProducedSecret[];
}

const CERT_MANAGER_ISSUER_ANNOTATIONS = ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer'];

const PRODUCERS: readonly ProducerSpec[] = [
  {
    producer: 'Secret',
    matches: (o) => o.kind === 'Secret' && o.group === '' && o.version === 'v1',
    produces: (o) => named(o, 'Secret', ['metadata', 'name'], isRecord(o.value.sops) ? 'a SOPS-encrypted Secret' : 'a Secret'),
  },
  {
    producer: 'SealedSecret',
    matches: (o) => o.kind === 'SealedSecret' && o.group === 'bitnami.com',
    produces: (o) => named(o, 'SealedSecret', ['metadata', 'name'], 'a SealedSecret'),
  },
  {
    producer: 'ExternalSecret',
    matches: (o) => o.kind === 'ExternalSecret' && o.group === 'external-secrets.io',
    produces: (o) => {
      const target = field(o.value, ['spec', 'target', 'name']);
      return typeof target === 'string' && target !== ''
        ? [{ name: target, producer: 'ExternalSecret', path: ['spec', 'target', 'name'], description: `ExternalSecret ${o.name ?? ''} (spec.target.name)` }]
        : named(o, 'ExternalSecret', ['metadata', 'name'], 'an ExternalSecret');
    },
  },
  {
    producer: 'Certificate',
    matches: (o) => o.kind === 'Certificate' && o.group === 'cert-manager.io',
    produces: (o) => {
      const secretName = field(o.value, ['spec', 'secretName']);
      return typeof secretName === 'string' && secretName !== ''
        ? [{ name: secretName, producer: 'Certificate', path: ['spec', 'secretName'], description: `cert-manager Certificate ${o.name ?? ''}` }]
        : [];
    },
  },
  {
    // cert-manager's gateway-shim issues a Certificate per eligible listener of an annotated Gateway.
    producer: 'Gateway annotation',
    matches: (o) => o.kind === 'Gateway',
    produces: (o) => {
      const view = gatewayView(o);
      if (!view) return [];
      const issuer = CERT_MANAGER_ISSUER_ANNOTATIONS.find((a) => view.annotations[a] !== undefined);
      if (!issuer) return [];
      return view.listeners.flatMap((l) => {
        if ((l.protocol !== 'HTTPS' && l.protocol !== 'TLS') || !l.hostname || !l.tls || l.tls.mode !== 'Terminate') return [];
        return l.tls.certificateRefs
          .filter((r) => r.name && r.namespace === undefined && (r.group === '' || r.group === 'core') && r.kind === 'Secret')
          .map((r) => ({
            name: r.name!,
            producer: 'Gateway annotation' as const,
            path: [...r.path, 'name'],
            description: `cert-manager (annotation ${issuer}=${view.annotations[issuer]} on Gateway ${o.name ?? ''})`,
          }));
      });
    },
  },
];

/** The Secrets an object produces (itself, for a Secret), in its own namespace unless a record says otherwise. */
export function producedSecrets(object: K8sObject): ProducedSecret[] {
  return PRODUCERS.filter((p) => p.matches(object)).flatMap((p) => p.produces(object));
}

/** Whether cert-manager's gateway-shim will create a Secret for a Gateway at all (any issuer annotation). */
export function hasCertManagerAnnotation(object: K8sObject): boolean {
  const view = gatewayView(object);
  return view !== undefined && CERT_MANAGER_ISSUER_ANNOTATIONS.some((a) => view.annotations[a] !== undefined);
}

function named(o: K8sObject, producer: ProducerKind, path: NodePath, description: string): ProducedSecret[] {
  return o.name ? [{ name: o.name, producer, path, description }] : [];
}

function field(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}
