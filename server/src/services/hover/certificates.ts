// The certificate part of hovers: what a TLS Secret manifest holds (from x509/, never computed here) and which
// listeners use it. Shown after a certificateRef's resolution and on the Secret itself. Only public facts of the
// certificate are ever put into words; the private key is reduced to its type and size by x509/, nothing more.
import { servedCertificateRefs } from '../../model/gateway';
import type { K8sObject } from '../../model/object';
import { isCoreSecret, secretView, tlsSecretProblems } from '../../model/secret';
import type { NodePath } from '../../parser/types';
import { coverageLine, describeCertificatePair } from '../../x509/describe';
import { certificateCovers } from '../../x509/hostnames';
import { secretCertificates } from '../../x509/tlsSecret';
import type { ServiceContext } from '../context';
import { certificateRefsNaming } from '../navigation/certificateRefs';
import { listenerName, placeOf } from './wording';

/**
 * The certificate summary of a Secret manifest as Markdown, with whether it covers `hostname` when one is given.
 * Undefined when the Secret cannot hold a certificate at all (the resolution text already says why).
 */
export function certificateSummary(secret: K8sObject, now: Date, hostname?: string): string | undefined {
  const view = secretView(secret);
  if (!view || !view.keys.has('tls.crt')) return undefined;
  if (view.sopsEncrypted) return 'Certificate: SOPS-encrypted, so its content cannot be read here.';
  const certificates = secretCertificates(secret);
  if (!certificates) return undefined;
  const { material, analysis } = certificates;
  const undecodable = [material.crt, material.key].find((m) => m?.problem);
  if (undecodable) return `Certificate: unreadable (${undecodable.problem})`;
  const coverage = coverageLine(analysis, hostname);
  const problems = analysis.chain.length > 0 ? analysis.problems.map((p) => `- **Problem**: ${p.message}`) : [];
  return [describeCertificatePair(analysis, now), ...(coverage ? [coverage] : []), ...problems].join('\n');
}

const SECRET_PATHS: readonly NodePath[] = [['metadata', 'name'], ['type']];
const MATERIAL_KEYS = new Set(['tls.crt', 'tls.key']);

/** Whether a hover on a Secret at `path` is ours: its name, its type, or one of its certificate keys. */
function isCertificatePlace(path: NodePath): boolean {
  if (SECRET_PATHS.some((p) => p.length === path.length && p.every((k, i) => k === path[i]))) return true;
  return path.length === 2 && (path[0] === 'data' || path[0] === 'stringData') && MATERIAL_KEYS.has(String(path[1]));
}

/**
 * Markdown for a hover on a Secret manifest (its name, type or certificate keys): the certificate summary and
 * the listeners that use it. Undefined for other Secrets and other places: we only speak about TLS material.
 */
export function secretHover(secret: K8sObject, path: NodePath, context: ServiceContext): string | undefined {
  if (!isCoreSecret(secret) || !isCertificatePlace(path)) return undefined;
  const view = secretView(secret)!;
  const users = listenersUsing(secret, context);
  const isTls = view.type === 'kubernetes.io/tls' || view.keys.has('tls.crt');
  if (!isTls && users.length === 0) return undefined;

  const lines = [`**TLS Secret** \`${secret.namespace ? `${secret.namespace}/` : ''}${secret.name ?? '?'}\``];
  const problems = tlsSecretProblems(view);
  if (problems.length > 0) lines.push('', `**Not usable as a certificate**: ${problems.join(' and ')}.`);
  const summary = certificateSummary(secret, new Date());
  if (summary) lines.push('', summary);
  lines.push('', users.length > 0 ? '**Used by**' : 'No listener in the workspace uses it.');
  if (users.length > 0) lines.push('', ...users.map((u) => `- ${u}`));
  return lines.join('\n');
}

/** One line per listener certificateRef that resolves to this very manifest. */
function listenersUsing(secret: K8sObject, context: ServiceContext): string[] {
  const leaf = secretView(secret)?.sopsEncrypted ? undefined : tlsMaterialAnalysis(secret)?.chain[0];
  const lines = new Set<string>();
  for (const site of certificateRefsNaming(new Set(secret.name ? [secret.name] : []), context)) {
    if (!site.resolutions.some((r) => r.secrets.some((record) => record.object === secret))) continue;
    const gateway = `${site.gateway.kind} \`${site.gateway.name ?? '?'}\``;
    const where = placeOf(context.index, site.gateway.source.uri, site.gateway, [...site.ref.path, 'name']);
    const host = site.listener.hostname ? ` (hostname \`${site.listener.hostname}\`)` : ' (no hostname)';
    let note = '';
    if (!servedCertificateRefs(site.listener).includes(site.ref)) note = ' — ignored: the listener serves no certificate';
    else if (leaf && site.listener.hostname && !certificateCovers(leaf.dnsNames, site.listener.hostname)) {
      note = ' — **the certificate does not cover this hostname**';
    }
    lines.add(`${listenerName(site.listener)}${host} of ${gateway} in ${where}${note}`);
  }
  return [...lines];
}

function tlsMaterialAnalysis(secret: K8sObject) {
  const certificates = secretCertificates(secret);
  return certificates && !certificates.material.crt?.problem ? certificates.analysis : undefined;
}
