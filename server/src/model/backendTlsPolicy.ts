// One typed view of BackendTLSPolicy across its three shapes: v1alpha2 (`targetRef` + `tls{caCertRefs,
// wellKnownCACerts, hostname}`), v1alpha3 and v1 (`targetRefs` + `validation{caCertificateRefs,
// wellKnownCACertificates, hostname, subjectAltNames}`). Each field keeps the path it was read from, so rules
// report on what the user wrote whatever the version.
import type { NodePath } from '../parser/types';
import { GATEWAY_GROUP } from './gateway';
import { isRecord, type K8sObject } from './object';

export type BackendTlsPolicyVersion = 'v1alpha2' | 'v1alpha3' | 'v1';
export const BACKEND_TLS_POLICY_VERSIONS: readonly BackendTlsPolicyVersion[] = ['v1alpha2', 'v1alpha3', 'v1'];

/** Field names by version: the migration and every message use this table. */
export const FIELD_NAMES = {
  v1alpha2: { block: 'tls', caRefs: 'caCertRefs', wellKnown: 'wellKnownCACerts' },
  v1alpha3: { block: 'validation', caRefs: 'caCertificateRefs', wellKnown: 'wellKnownCACertificates' },
  v1: { block: 'validation', caRefs: 'caCertificateRefs', wellKnown: 'wellKnownCACertificates' },
} as const;

export interface PolicyTarget {
  readonly group: string | undefined;
  readonly kind: string | undefined;
  readonly name: string | undefined;
  readonly sectionName: string | undefined;
  /** v1alpha2 only. */
  readonly namespace: string | undefined;
  readonly path: NodePath;
}

export interface CaRef {
  readonly group: string | undefined;
  readonly kind: string | undefined;
  readonly name: string | undefined;
  /** Not part of any version's CA ref; read so it can be reported. */
  readonly namespace: string | undefined;
  readonly path: NodePath;
}

export interface SubjectAltName {
  readonly type: string | undefined;
  readonly hostname: string | undefined;
  readonly uri: string | undefined;
  readonly path: NodePath;
}

export interface BackendTlsPolicyView {
  readonly object: K8sObject;
  readonly version: BackendTlsPolicyVersion;
  readonly targets: readonly PolicyTarget[];
  /** Path of `tls` (v1alpha2) or `validation`; undefined when the block is missing. */
  readonly blockPath: NodePath | undefined;
  readonly caRefs: readonly CaRef[];
  /** Whether the CA refs field is present (even empty). */
  readonly hasCaRefsField: boolean;
  readonly wellKnown: string | undefined;
  readonly hostname: string | undefined;
  readonly subjectAltNames: readonly SubjectAltName[];
  readonly creationTimestamp: string | undefined;
}

export function isBackendTlsPolicy(object: K8sObject): boolean {
  return object.kind === 'BackendTLSPolicy' && object.group === GATEWAY_GROUP && (BACKEND_TLS_POLICY_VERSIONS as readonly string[]).includes(object.version);
}

export function backendTlsPolicyView(object: K8sObject): BackendTlsPolicyView | undefined {
  if (!isBackendTlsPolicy(object)) return undefined;
  const version = object.version as BackendTlsPolicyVersion;
  const names = FIELD_NAMES[version];
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  const targets =
    version === 'v1alpha2'
      ? 'targetRef' in spec ? [readTarget(spec.targetRef, ['spec', 'targetRef'])] : []
      : Array.isArray(spec.targetRefs) ? spec.targetRefs.map((t, i) => readTarget(t, ['spec', 'targetRefs', i])) : [];
  const block = isRecord(spec[names.block]) ? (spec[names.block] as Record<string, unknown>) : undefined;
  const blockPath: NodePath | undefined = block ? ['spec', names.block] : undefined;
  const caList = block && Array.isArray(block[names.caRefs]) ? (block[names.caRefs] as unknown[]) : [];
  const sans = block && Array.isArray(block.subjectAltNames) ? block.subjectAltNames : [];
  const metadata = isRecord(object.value.metadata) ? object.value.metadata : {};
  return {
    object,
    version,
    targets,
    blockPath,
    caRefs: caList.map((raw, i) => {
      const r = isRecord(raw) ? raw : {};
      return { group: str(r.group), kind: str(r.kind), name: str(r.name), namespace: str(r.namespace), path: ['spec', names.block, names.caRefs, i] };
    }),
    hasCaRefsField: block !== undefined && names.caRefs in block,
    wellKnown: block ? str(block[names.wellKnown]) || undefined : undefined,
    hostname: block ? str(block.hostname) : undefined,
    subjectAltNames: sans.map((raw, i) => {
      const s = isRecord(raw) ? raw : {};
      return { type: str(s.type), hostname: str(s.hostname), uri: str(s.uri), path: ['spec', names.block, 'subjectAltNames', i] };
    }),
    creationTimestamp: str(metadata.creationTimestamp),
  };
}

function readTarget(raw: unknown, path: NodePath): PolicyTarget {
  const t = isRecord(raw) ? raw : {};
  return { group: str(t.group), kind: str(t.kind), name: str(t.name), sectionName: str(t.sectionName) || undefined, namespace: str(t.namespace) || undefined, path };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** What a Service target's `sectionName` can select: its named ports, with their number and where each is written. */
export interface ServiceSection {
  readonly name: string;
  readonly port: number | undefined;
  /** Path of the port entry in the Service. */
  readonly path: NodePath;
}

export function serviceSections(service: K8sObject): ServiceSection[] {
  const spec = isRecord(service.value.spec) ? service.value.spec : {};
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  return ports.flatMap((p, i): ServiceSection[] =>
    isRecord(p) && typeof p.name === 'string' && p.name !== '' ? [{ name: p.name, port: typeof p.port === 'number' ? p.port : undefined, path: ['spec', 'ports', i] }] : [],
  );
}
