// BackendTLSPolicy v1alpha2/v1alpha3 → v1 on the `yaml` Document AST: keys are renamed in place, so comments, key
// order and quoting survive, and the library writes the result (never string surgery on YAML). v1alpha3 and v1
// have the same shape, so only its apiVersion changes. The parsed document is cached and shared: we edit a clone.
import { isMap, isScalar, YAMLSeq, type Document, type Pair, type YAMLMap } from 'yaml';
import { FIELD_NAMES, type BackendTlsPolicyVersion } from '../../model/backendTlsPolicy';
import { GATEWAY_GROUP } from '../../model/gateway';
import { keyText } from '../../parser/locate';

const MIGRATED_API_VERSION = `${GATEWAY_GROUP}/v1`;

/** How the document is laid out, so the rewritten text looks like what the user wrote. */
export interface Layout {
  readonly indent: number;
  /** `key:\n  - item` (true) or `key:\n- item` (false). */
  readonly indentSeq: boolean;
}

/** The migrated document as text, or undefined when it cannot be migrated without losing something. */
export function migratePolicyDocument(doc: Document.Parsed, from: BackendTlsPolicyVersion, layout: Layout): string | undefined {
  const copy = doc.clone();
  const root = copy.contents;
  if (!isMap(root)) return undefined;
  const apiVersion = pairOf(root, 'apiVersion');
  if (!apiVersion || !isScalar(apiVersion.value)) return undefined;
  apiVersion.value.value = MIGRATED_API_VERSION;
  if (from === 'v1alpha2' && !reshapeV1alpha2(root)) return undefined;
  return copy.toString({ lineWidth: 0, indent: layout.indent, indentSeq: layout.indentSeq });
}

function reshapeV1alpha2(root: YAMLMap): boolean {
  const spec = pairOf(root, 'spec')?.value;
  if (!isMap(spec)) return true;
  const old = FIELD_NAMES.v1alpha2;
  const next = FIELD_NAMES.v1;
  const target = pairOf(spec, 'targetRef');
  if (target) {
    if (!rename(spec, target, 'targetRefs')) return false;
    // v1 targets are always in the policy's own namespace: the field does not exist any more.
    if (isMap(target.value)) target.value.delete('namespace');
    const list = new YAMLSeq();
    list.items.push(target.value);
    list.flow = isMap(target.value) && target.value.flow === true;
    target.value = list;
  }
  const block = pairOf(spec, old.block);
  if (!block) return true;
  if (!rename(spec, block, next.block)) return false;
  if (!isMap(block.value)) return true;
  const caRefs = pairOf(block.value, old.caRefs);
  if (caRefs) {
    if (!rename(block.value, caRefs, next.caRefs)) return false;
    const items = caRefs.value instanceof YAMLSeq ? (caRefs.value.items as unknown[]) : [];
    for (const item of items) {
      const kind = isMap(item) ? pairOf(item, 'kind') : undefined;
      // The old guide's example kind; the API never had it (backend-tls-ca-ref-unsupported says so).
      if (kind && isScalar(kind.value) && kind.value.value === 'ConfigMapReference') kind.value.value = 'ConfigMap';
    }
  }
  const wellKnown = pairOf(block.value, old.wellKnown);
  if (wellKnown && !rename(block.value, wellKnown, next.wellKnown)) return false;
  return true;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item) => keyText(item.key) === key);
}

/** Renames a key in place; refuses when the new name is already there (the result would have a duplicate key). */
function rename(map: YAMLMap, pair: Pair, to: string): boolean {
  if (pairOf(map, to)) return false;
  if (isScalar(pair.key)) pair.key.value = to;
  else pair.key = to;
  return true;
}
