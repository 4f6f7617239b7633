// The reference part of a hover on a Gateway listener's certificateRef: what the reference resolves to in the
// workspace and whether the Gateway may use it, once per candidate namespace (Kustomize overlays). All answers
// come from the one resolver (workspace/references.ts); this module only puts them into words. Secret values are
// never shown: only names, types, which keys are present and the certificate's public facts (hover/certificates.ts).
import { describeDifference } from '../../rules/certificateRefs/rules';
import { servedCertificateRefs, type Listener, type SecretObjectReference } from '../../model/gateway';
import type { K8sObject } from '../../model/object';
import { secretView, tlsSecretProblems } from '../../model/secret';
import type { NodePath } from '../../parser/types';
import { nearNames } from '../../util/nearNames';
import type { WorkspaceIndex } from '../../workspace/index';
import type { ProducerRecord } from '../../workspace/queries';
import type { Permission, SecretRefResolution } from '../../workspace/references';
import type { ServiceContext } from '../context';
import { certificateRefSiteAt } from '../navigation/certificateRefs';
import { certManagerLines } from './certManager';
import { certificateSummary } from './certificates';
import { grantName, placeOf, producerName } from './wording';

/** Markdown about the certificateRef that `path` is in (any key or value of the item), or undefined elsewhere. */
export function certificateRefHover(object: K8sObject, path: NodePath, context: ServiceContext): string | undefined {
  const site = certificateRefSiteAt(object, path, context);
  if (!site || site.ref.name === undefined) return undefined;
  const { listener, ref, resolutions } = site;
  const namespaces = context.workspace().namespacesOf(object);
  // With several candidate namespaces and no namespace written, the target differs per candidate: name only.
  const target = ref.namespace ?? (namespaces.length === 1 ? namespaces[0]!.namespace : undefined);
  const lines = [`**Certificate reference** → ${ref.kind} \`${target ? `${target}/${ref.name}` : ref.name}\``];
  const ignored = ignoredBecause(listener, ref);
  if (ignored) lines.push('', `Ignored by the controller: ${ignored}.`);
  const many = resolutions.length > 1;
  const described = new Set<K8sObject>();
  const now = new Date();
  for (const resolution of resolutions) {
    if (many) lines.push('', `**${object.kind} in namespace \`${resolution.from.namespace}\`**${overlay(resolution, context.index)}`);
    lines.push('', ...resolutionLines(resolution, context).map((l) => `- ${l}`));
    // What the Secret holds, once per manifest (overlays often resolve to the same one); hostname coverage only
    // when the controller will actually serve it on this listener.
    for (const record of resolution.supported ? resolution.secrets : []) {
      if (!record.object || described.has(record.object)) continue;
      described.add(record.object);
      const summary = certificateSummary(record.object, now, ignored ? undefined : listener.hostname);
      if (summary) lines.push('', `**Certificate in \`${record.namespace}/${record.name}\`**`, '', summary);
    }
    lines.push(...certManagerLines(resolution, described, ignored ? undefined : listener.hostname, context));
  }
  return lines.join('\n');
}

function ignoredBecause(listener: Listener, ref: SecretObjectReference): string | undefined {
  if (servedCertificateRefs(listener).includes(ref)) return undefined;
  if (listener.tls?.mode === 'Passthrough') return 'the listener passes TLS through (`mode: Passthrough`), so it serves no certificate';
  return `a \`${listener.protocol ?? '?'}\` listener may not have \`tls\``;
}

function overlay(resolution: SecretRefResolution, index: WorkspaceIndex): string {
  return resolution.from.via ? ` (from ${placeOf(index, resolution.from.via, undefined, ['namespace'])})` : '';
}

function resolutionLines(resolution: SecretRefResolution, context: ServiceContext): string[] {
  const { spec } = resolution;
  const lines: string[] = [];
  if (!resolution.supported) {
    lines.push(
      `Refers to kind \`${spec.to.kind}\` in group \`${spec.to.group === '' ? '""' : spec.to.group}\`, not a core Secret: ` +
        'implementation-specific, and a conformant controller reports `ResolvedRefs=False`, reason `InvalidCertificateRef`.',
    );
  } else {
    lines.push(...targetLines(resolution, context));
  }
  lines.push(permissionLine(resolution.permission, resolution, context.index));
  return lines;
}

function targetLines(resolution: SecretRefResolution, context: ServiceContext): string[] {
  const { namespace, name } = resolution.spec.to;
  const lines = resolution.secrets.map((record) => `Resolves to Secret \`${namespace}/${name}\` in ${placeOf(context.index, record.uri, record.object, record.path)}${secretFacts(record)}`);
  for (const record of resolution.producers) {
    if (record.producer === 'Secret') continue;
    lines.push(`Produced by ${producerName(record)} in ${placeOf(context.index, record.uri, record.object, record.path)}${record.producer === 'Certificate' ? ' (a `kubernetes.io/tls` Secret)' : ''}`);
  }
  if (resolution.external) lines.push(`External: \`${namespace}/${name}\` matches \`gatewayTls.secrets.externallyManaged\``);
  if (lines.length === 0) {
    const near = nearNames(name, context.workspace().queries.producedIn(namespace).map((p) => p.name));
    lines.push(
      `Secret \`${namespace}/${name}\` is **not found in the workspace**, and nothing here produces it.` +
        `${near.length > 0 ? ` Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : ''}` +
        ' Without it the controller reports `ResolvedRefs=False`, reason `InvalidCertificateRef`.',
    );
  }
  return lines;
}

/** Type, keys present and whether it can serve as a certificate. Never the values. */
function secretFacts(record: ProducerRecord): string {
  const secret = record.object && secretView(record.object);
  if (!secret) return '';
  const keys = [...secret.keys].sort().map((k) => `\`${k}\``).join(', ');
  const facts = [`type \`${secret.type}\``, keys ? `keys ${keys}` : 'no keys'];
  if (secret.sopsEncrypted) facts.push('SOPS-encrypted');
  const problems = tlsSecretProblems(secret);
  const verdict = problems.length > 0 ? ` **Not usable as a certificate**: ${problems.join(' and ')}.` : '';
  return ` (${facts.join('; ')}).${verdict}`;
}

function permissionLine(permission: Permission, resolution: SecretRefResolution, index: WorkspaceIndex): string {
  const { from, to } = resolution.spec;
  switch (permission.kind) {
    case 'same-namespace':
      return `Permitted: same namespace (\`${to.namespace}\`), no ReferenceGrant needed.`;
    case 'granted': {
      const { grant, fromIndex } = permission;
      const entry = grant.view.from[fromIndex];
      return `Permitted: allowed by ReferenceGrant \`${grantName(grant.namespace.namespace, grant.view.object)}\` (${placeOf(index, grant.view.object.source.uri, grant.view.object, entry?.path ?? ['metadata', 'name'])}).`;
    }
    case 'not-permitted': {
      const misses = permission.nearMisses.map((miss) => {
        const where = placeOf(index, miss.grant.view.object.source.uri, miss.grant.view.object, miss.differences[0]?.path ?? ['metadata', 'name']);
        return ` Near miss: ReferenceGrant \`${grantName(miss.grant.namespace.namespace, miss.grant.view.object)}\` (${where}): ${miss.differences.map((d) => describeDifference(d, from.kind)).join('; ')}.`;
      });
      return (
        `**NOT permitted**: no ReferenceGrant in \`${to.namespace}\` admits ${from.kind}s from \`${from.namespace}\`; ` +
        `the controller reports \`ResolvedRefs=False\`, reason \`RefNotPermitted\`.${misses.join('')}`
      );
    }
  }
}
