// A Kubernetes object found in a YAML document: its identity plus the document it came from.
import { DeferredDocument } from '../parser/parseSegment';
import type { ParsedYamlDocument } from '../parser/types';

export interface ObjectSource {
  readonly uri: string;
  /** Offset of the object's segment in the file; add it to the document's relative offsets. */
  readonly segmentOffset: number;
  readonly document: ParsedYamlDocument;
}

export interface K8sObject {
  readonly apiVersion: string;
  /** The API group; "" for the core group (`apiVersion: v1`). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string | undefined;
  /** `metadata.namespace` as written; the effective namespace comes from the workspace (Kustomize). */
  readonly namespace: string | undefined;
  readonly value: Readonly<Record<string, unknown>>;
  readonly source: ObjectSource;
  /**
   * Set for an object of a Kustomize build's output: `source` is then the build's output, and findings are
   * reported on the source line the object came from (workspace/origins.ts).
   */
  readonly rendered?: RenderedBy;
}

/** Which build rendered an object. */
export interface RenderedBy {
  /** URI of the root kustomization that was built. */
  readonly root: string;
  /** The directory the build's origin annotations are relative to. */
  readonly originBase: string;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Moves an object to a new parse of its document (same identity and cross-file facts, new text) or a new offset.
 * The index keeps one object per live document so that cross-file tables stay valid across edits that other
 * files cannot see; this is the only place an object changes.
 */
export function retarget(object: K8sObject, document: ParsedYamlDocument, segmentOffset: number): void {
  const mutable = object as { -readonly [K in keyof K8sObject]: K8sObject[K] };
  if (document !== object.source.document) {
    const value = document.value;
    if (isRecord(value)) mutable.value = value;
  }
  mutable.source = { uri: object.source.uri, segmentOffset, document };
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/** Reads the identity of a document; returns undefined for documents that are not Kubernetes objects. */
export function toK8sObject(document: ParsedYamlDocument, uri: string, segmentOffset: number, rendered?: RenderedBy): K8sObject | undefined {
  if (document instanceof DeferredDocument) return new DeferredObject(document, uri, segmentOffset, rendered);
  const value = document.value;
  if (!isRecord(value)) return undefined;
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') return undefined;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  return {
    apiVersion,
    ...splitApiVersion(apiVersion),
    kind,
    name: typeof metadata.name === 'string' ? metadata.name : undefined,
    namespace: typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined,
    value,
    source: { uri, segmentOffset, document },
    ...(rendered ? { rendered } : {}),
  };
}

/** An object known by its header: the value is parsed when a rule or feature first reads it. */
class DeferredObject implements K8sObject {
  readonly apiVersion: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly source: ObjectSource;
  readonly rendered: RenderedBy | undefined;
  private replaced: Readonly<Record<string, unknown>> | undefined;

  constructor(document: DeferredDocument, uri: string, segmentOffset: number, rendered: RenderedBy | undefined) {
    const { apiVersion, kind, name, namespace } = document.header;
    const { group, version } = splitApiVersion(apiVersion);
    this.apiVersion = apiVersion;
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.name = name;
    this.namespace = namespace === '' ? undefined : namespace;
    this.source = { uri, segmentOffset, document };
    this.rendered = rendered;
  }

  get value(): Readonly<Record<string, unknown>> {
    if (this.replaced) return this.replaced;
    const value = this.source.document.value;
    return isRecord(value) ? value : EMPTY;
  }

  /** retarget() moves an object to another parse of the same facts. */
  set value(value: Readonly<Record<string, unknown>>) {
    this.replaced = value;
  }
}

/**
 * Why an object's content cannot be read, for documents parsed on first use (their syntax is not checked on
 * their own): a reference that needs the content says so instead of reporting it empty.
 */
export function unreadableReason(object: K8sObject): string | undefined {
  const document = object.source.document;
  if (!(document instanceof DeferredDocument)) return undefined;
  const problem = document.readProblems[0];
  return problem ? `it is not valid YAML: ${problem.message}` : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
