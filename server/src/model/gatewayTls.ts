// A typed view of a Gateway's own TLS settings (`spec.tls`, Standard since Gateway API v1.5): the client
// certificate it presents to backends, and the CA bundles it validates client certificates with, by default and
// per port. Frontend CA refs have no defaults (group and kind are required); the client certificate ref defaults
// to a core Secret like listener refs.
import type { NodePath } from '../parser/types';
import { readSecretRef, type GatewayView, type SecretObjectReference } from './gateway';
import { isRecord } from './object';

export interface CaCertificateRef {
  readonly group: string | undefined;
  readonly kind: string | undefined;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly path: NodePath;
}

export interface FrontendValidation {
  /** `default`, or the port of a `perPort` entry. */
  readonly scope: 'default' | number;
  readonly caRefs: readonly CaCertificateRef[];
  /** `validation.mode` as written (AllowValidOnly is the default), with where it is. */
  readonly mode: { readonly value: string; readonly path: NodePath } | undefined;
  /** The `perPort[]` entry (or `default`) itself, for findings about the scope. */
  readonly path: NodePath;
}

export interface GatewayTls {
  readonly clientCertificateRef: SecretObjectReference | undefined;
  readonly frontend: readonly FrontendValidation[];
}

export function gatewayTls(view: GatewayView): GatewayTls | undefined {
  const spec = isRecord(view.object.value.spec) ? view.object.value.spec : {};
  const tls = isRecord(spec.tls) ? spec.tls : undefined;
  if (!tls) return undefined;
  const backend = isRecord(tls.backend) ? tls.backend : {};
  const clientPath: NodePath = ['spec', 'tls', 'backend', 'clientCertificateRef'];
  const frontend = isRecord(tls.frontend) ? tls.frontend : {};
  const scopes: FrontendValidation[] = [];
  if (isRecord(frontend.default)) scopes.push(readScope('default', frontend.default, ['spec', 'tls', 'frontend', 'default']));
  const perPort = Array.isArray(frontend.perPort) ? frontend.perPort : [];
  perPort.forEach((entry, i) => {
    if (!isRecord(entry) || typeof entry.port !== 'number') return;
    const path: NodePath = ['spec', 'tls', 'frontend', 'perPort', i];
    scopes.push(readScope(entry.port, isRecord(entry.tls) ? entry.tls : {}, [...path, 'tls'], path));
  });
  return {
    clientCertificateRef: isRecord(backend.clientCertificateRef) ? readSecretRef(backend.clientCertificateRef, clientPath) : undefined,
    frontend: scopes,
  };
}

function readScope(scope: 'default' | number, config: Record<string, unknown>, configPath: NodePath, entryPath: NodePath = configPath): FrontendValidation {
  const validation = isRecord(config.validation) ? config.validation : {};
  const refs = Array.isArray(validation.caCertificateRefs) ? validation.caCertificateRefs : [];
  return {
    scope,
    path: entryPath,
    mode: typeof validation.mode === 'string' ? { value: validation.mode, path: [...configPath, 'validation', 'mode'] } : undefined,
    caRefs: refs.map((raw, i) => {
      const r = isRecord(raw) ? raw : {};
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      return { group: str(r.group), kind: str(r.kind), name: str(r.name), namespace: str(r.namespace) || undefined, path: [...configPath, 'validation', 'caCertificateRefs', i] };
    }),
  };
}
