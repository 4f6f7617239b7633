// Where a new ReferenceGrant is written: where the user keeps the namespace's objects. In order: the file of the
// Secret it opens up; a file of other objects of that namespace (one that already holds grants first); else a new
// file next to the Gateway. Files whose objects land in other namespaces too (a Kustomize base shared by
// overlays) and SOPS-encrypted files (an edit would break their MAC) are never chosen.
import type { K8sObject } from '../../model/object';
import { isRecord } from '../../model/object';
import { referenceGrantView } from '../../model/referenceGrant';
import type { IndexedFile, WorkspaceIndex } from '../../workspace/index';
import type { WorkspaceQueries } from '../../workspace/queries';
import { dirnameUri, normalizeUri } from '../../workspace/uris';
import { mayEdit } from './workspaceEdits';

export type Placement = { readonly kind: 'append'; readonly file: IndexedFile } | { readonly kind: 'create'; readonly uri: string };

/** Where the grant goes; undefined when nowhere is safe (a new file would land outside the workspace folders). */
export function placeGrant(gatewayFile: IndexedFile, fromNamespace: string, toNamespace: string, secretName: string, index: WorkspaceIndex, queries: WorkspaceQueries): Placement | undefined {
  // A file outside the workspace folders (opened from elsewhere) is never edited by a fix for another file.
  const usable = (file: IndexedFile | undefined): file is IndexedFile =>
    file !== undefined && mayEdit(file.uri, gatewayFile.uri, index.roots) && file.kind.kind === 'manifest' && file.yaml !== undefined && file.objects.length > 0 && file.objects.every((o) => !isRecord(o.value.sops) && onlyIn(index, o, toNamespace));

  for (const record of queries.producersOf(toNamespace, secretName)) {
    if (record.producer !== 'Secret') continue;
    const file = index.getFile(record.uri);
    if (usable(file)) return { kind: 'append', file };
  }

  const files = [...index.allFiles()].filter(usable).sort((a, b) => (normalizeUri(a.uri) < normalizeUri(b.uri) ? -1 : 1));
  const withGrants = files.find((f) => f.objects.some((o) => referenceGrantView(o) !== undefined));
  const chosen = withGrants ?? files[0];
  if (chosen) return { kind: 'append', file: chosen };

  const uri = newFileUri(gatewayFile.uri, `referencegrant-${fileNamePart(fromNamespace)}-to-${fileNamePart(toNamespace)}`, index);
  return mayEdit(uri, gatewayFile.uri, index.roots) ? { kind: 'create', uri } : undefined;
}

/**
 * A namespace (or name) as part of a file name: lower case, only `[a-z0-9.-]` (anything else, `/` and `%` and
 * control characters included, becomes `-`), no `..`, no leading or trailing dot or dash, at most 63 characters.
 * Namespaces come from the manifests and can be anything: `../../x` must not climb out of the directory.
 */
export function fileNamePart(value: string): string {
  const cleaned = value
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, 63)
    .replace(/^[.-]+|[.-]+$/g, '');
  return cleaned === '' ? 'x' : cleaned;
}

/** Every candidate namespace of the object is `namespace`. */
function onlyIn(index: WorkspaceIndex, object: K8sObject, namespace: string): boolean {
  return index.namespacesOf(object).every((c) => c.namespace === namespace);
}

/** `<dir of the Gateway>/<stem>.yaml`, or `<stem>-2.yaml`, … when the index already knows that file. */
function newFileUri(besideUri: string, stem: string, index: WorkspaceIndex): string {
  const dir = dirnameUri(besideUri).replace(/\/?$/, '/');
  for (let n = 1; ; n++) {
    // The stem is made of URI-safe characters already; encoded all the same, so nothing else could ever pass.
    const uri = `${dir}${encodeURIComponent(`${stem}${n === 1 ? '' : `-${n}`}.yaml`)}`;
    if (!index.hasFile(uri)) return uri;
  }
}
