// How reference features name places and producers: workspace-relative file paths, 1-based lines, and "what makes
// this Secret" in a few words. Hover and completion both use it, so a Secret is described the same way in both.
import { sourcePlace } from '../../workspace/origins';
import * as path from 'node:path';
import type { K8sObject } from '../../model/object';
import { secretView, TLS_SECRET_TYPE } from '../../model/secret';
import { locate } from '../../parser/locate';
import type { NodePath } from '../../parser/types';
import type { WorkspaceIndex } from '../../workspace/index';
import type { ProducerRecord } from '../../workspace/queries';
import { uriToPath } from '../../workspace/uris';

/** `certs/secrets.yaml` under a workspace root (the innermost one holding the file), else just the file name. */
export function displayPath(index: WorkspaceIndex, uri: string): string {
  const file = uriToPath(uri);
  let best: string | undefined;
  for (const root of index.roots) {
    const relative = path.relative(root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    if (best === undefined || relative.length < best.length) best = relative;
  }
  return (best ?? path.basename(file)).split(path.sep).join('/');
}

/**
 * The 1-based line of `nodePath` in an object's document, or in the first document of `uri` when there is no
 * object (a kustomization's secretGenerator).
 */
export function lineOf(index: WorkspaceIndex, uri: string, object: K8sObject | undefined, nodePath: NodePath): number | undefined {
  if (object) {
    const at = sourcePlace(index, object, nodePath, 'key');
    return at?.file.yaml ? at.file.yaml.lines.positionAt(at.range.start).line + 1 : undefined;
  }
  const yaml = index.getFile(uri)?.yaml;
  if (!yaml) return undefined;
  const segmentOffset = yaml.segments[0]?.offset ?? 0;
  const doc = yaml.segments[0]?.parse.documents[0]?.doc;
  const found = doc && locate(doc, nodePath, 'key');
  return found ? yaml.lines.positionAt(segmentOffset + found.range.start).line + 1 : undefined;
}

/** `certs/secrets.yaml` line 4, as Markdown. */
export function placeOf(index: WorkspaceIndex, uri: string, object: K8sObject | undefined, nodePath: NodePath): string {
  const line = lineOf(index, uri, object, nodePath);
  return `\`${displayPath(index, uri)}\`${line === undefined ? '' : ` line ${line}`}`;
}

/** What makes a Secret, in a few words: `Secret`, `cert-manager Certificate shop`, `SealedSecret sealed-tls`. */
export function producerName(record: ProducerRecord): string {
  const name = record.object?.name;
  switch (record.producer) {
    case 'Secret':
      return record.description === 'a SOPS-encrypted Secret' ? 'SOPS-encrypted Secret' : 'Secret';
    case 'Certificate':
      return `cert-manager Certificate ${name ?? '?'}`;
    case 'SealedSecret':
    case 'ExternalSecret':
      return `${record.producer} ${name ?? '?'}`;
    default:
      // Generators and annotations have no object name worth showing; their description says what they are.
      return record.description;
  }
}

/** `Secret in certs/secrets.yaml`, `cert-manager Certificate shop in certs/cert.yaml` (plain text, for details). */
export function producerLabel(index: WorkspaceIndex, record: ProducerRecord): string {
  if (record.producer === 'Gateway annotation') return producerName(record);
  return `${producerName(record)} in ${displayPath(index, record.uri)}`;
}

/**
 * Whether the Secret will be a TLS Secret, when the producer says: a Secret manifest's own type, always for
 * cert-manager; undefined when the producer does not tell (SealedSecret, ExternalSecret, generators).
 */
export function tlsTypeNote(record: ProducerRecord): string | undefined {
  if (record.producer === 'Certificate' || record.producer === 'Gateway annotation') return TLS_SECRET_TYPE;
  const secret = record.producer === 'Secret' && record.object ? secretView(record.object) : undefined;
  if (!secret) return undefined;
  return secret.type === TLS_SECRET_TYPE ? TLS_SECRET_TYPE : `${secret.type}, not ${TLS_SECRET_TYPE}`;
}

/** A grant as people name it: `certs/allow-team-a`. */
export function grantName(namespace: string, object: K8sObject): string {
  return `${namespace}/${object.name ?? '?'}`;
}

/** A listener as hovers name it: listener `foo-https`, or its position when it has no name. */
export function listenerName(listener: { readonly name: string | undefined; readonly index: number }): string {
  return listener.name ? `listener \`${listener.name}\`` : `listener \`spec.listeners[${listener.index}]\``;
}
