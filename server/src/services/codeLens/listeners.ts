// Code lenses: what each HTTPS/TLS listener will serve, on its `- name:` line: "foo.example.com → foo-cert,
// expires 2027-03-01". Resolution is the resolver's (workspace/references.ts), certificate facts are x509/'s;
// this only puts them into a title. Clicking opens what the refs resolve to (Secret manifests, else whatever
// produces them) through `gatewayTls.showReferences`; with nothing to open the lens is title-only.
import type { CodeLens } from 'vscode-languageserver-types';
import { servedCertificateRefs, type Listener, type SecretObjectReference } from '../../model/gateway';
import { isTlsListener } from '../../model/listenerPrecedence';
import { listenerOwnerView } from '../../model/listenerSet';
import { secretView, tlsSecretProblems } from '../../model/secret';
import type { IndexedFile } from '../../workspace/index';
import type { ProducerRecord } from '../../workspace/queries';
import { resolveSecretRef, type SecretRefResolution } from '../../workspace/references';
import { shortStatus } from '../../x509/describe';
import { secretCertificates } from '../../x509/tlsSecret';
import type { ServiceContext } from '../context';
import { locationOf } from '../navigation/locations';
import { lensRange, toCodeLens } from './command';

export function listenerLenses(file: IndexedFile, context: ServiceContext): CodeLens[] {
  const now = new Date();
  return file.objects.flatMap((object): CodeLens[] => {
    const view = listenerOwnerView(object);
    if (!view) return [];
    const workspace = context.workspace();
    // A ListenerSet's refs are its own: a grant must name its kind (GEP-1713).
    const from = { group: object.group, kind: object.kind, namespaces: workspace.namespacesOf(object) };
    return view.listeners.filter(isTlsListener).flatMap((listener): CodeLens[] => {
      const range = lensRange(context.index, object, [[[...listener.path, 'name'], 'pair'], [listener.path, 'key']]);
      if (!range) return [];
      const served = servedTargets(listener, (ref) => resolveSecretRef(workspace.queries, context.settings.externalSecrets, from, ref), now);
      const title = `${listener.hostname || '*'} → ${served.text}`;
      return [toCodeLens(file.uri, range, title, served.records.map((r) => locationOf(context.index, r.uri, r.object, r.path)))];
    });
  });
}

interface Served {
  readonly text: string;
  /** What to open on click: Secret manifests when there are any, else what produces the Secret. */
  readonly records: readonly ProducerRecord[];
}

function servedTargets(listener: Listener, resolve: (ref: SecretObjectReference) => SecretRefResolution[], now: Date): Served {
  if (listener.tls?.mode === 'Passthrough') return { text: 'passthrough (no certificate)', records: [] };
  const refs = servedCertificateRefs(listener);
  if (refs.length === 0) return { text: listener.tls ? 'no certificateRef' : 'no tls (no certificate)', records: [] };
  const records: ProducerRecord[] = [];
  const texts = refs.map((ref) => {
    const resolutions = resolve(ref);
    const label = `${ref.namespace ? `${ref.namespace}/` : ''}${ref.name ?? '?'}`;
    // Overlays may resolve differently; each distinct answer is shown once.
    const states = [...new Set(resolutions.map((r) => refState(r, now)))];
    for (const r of resolutions) records.push(...(r.secrets.length > 0 ? r.secrets : r.producers));
    return `${label}${states.length > 0 ? states.join(' | ') : ''}`;
  });
  return { text: texts.join('; '), records };
}

/**
 * What follows the ref's name: ", expires 2027-03-01" when the Secret's content is known, else a note in
 * parentheses: " (not found)", " (cert-manager)"; problems that stop the listener join the parentheses.
 */
function refState(resolution: SecretRefResolution, now: Date): string {
  if (!resolution.supported) return ` (kind ${resolution.spec.to.kind}, implementation-specific)`;
  let status = '';
  const notes: string[] = [];
  const manifest = resolution.secrets.find((r) => r.object)?.object;
  if (manifest) {
    const view = secretView(manifest)!;
    const certificates = tlsSecretProblems(view).length === 0 && !view.sopsEncrypted ? secretCertificates(manifest) : undefined;
    if (view.sopsEncrypted) notes.push('SOPS-encrypted');
    else if (!certificates) notes.push('not a TLS Secret');
    else if (certificates.material.crt?.problem || certificates.material.key?.problem) status = ', unreadable';
    else status = `, ${shortStatus(certificates.analysis, now)}`;
  } else if (resolution.producers.length > 0) {
    notes.push(producerWord(resolution.producers[0]!));
  } else if (resolution.external) {
    notes.push('managed outside the workspace');
  } else {
    notes.push('not found');
  }
  if (resolution.permission.kind === 'not-permitted') notes.push('not permitted: no ReferenceGrant');
  return `${status}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

function producerWord(record: ProducerRecord): string {
  switch (record.producer) {
    case 'Certificate':
    case 'Gateway annotation':
      return 'cert-manager';
    case 'Secret':
      return 'Secret';
    default:
      return record.producer;
  }
}
