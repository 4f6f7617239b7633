// The YAML a grant fix writes, produced with the `yaml` library (never by concatenating values into YAML): a whole
// new ReferenceGrant document, or one `from`/`to` entry indented like its neighbours. Also the new grant's name.
import { Document, stringify } from 'yaml';
import { GATEWAY_GROUP } from '../../model/gateway';

export interface NewGrant {
  readonly apiVersion: string;
  readonly name: string;
  /** The Secret's namespace: a grant lives where the referent lives. */
  readonly namespace: string;
  readonly fromNamespace: string;
  /** Who refers: a Gateway unless said (a ListenerSet's refs need `from.kind: ListenerSet`, GEP-1713). */
  readonly from?: { readonly group: string; readonly kind: string };
  /** Set: only this Secret (`to.name`). Unset: every Secret of the namespace. */
  readonly secretName: string | undefined;
}

export function gatewayFromEntry(namespace: string): Record<string, string> {
  return fromEntry(namespace);
}

/** A `from` entry for objects of `group`/`kind` (a Gateway by default) in `namespace`. */
export function fromEntry(namespace: string, from: { readonly group: string; readonly kind: string } = { group: GATEWAY_GROUP, kind: 'Gateway' }): Record<string, string> {
  return { group: from.group, kind: from.kind, namespace };
}

/** `group: ""` is written out: the field is required, and "" is how the core group is spelled. */
export function secretToEntry(name: string | undefined): Record<string, string> {
  return name === undefined ? { group: '', kind: 'Secret' } : { group: '', kind: 'Secret', name };
}

/**
 * Whether a file writes block sequences indented under their key (`from:\n  - group`) or flush with it
 * (`from:\n- group`), so a grant appended to it looks like its neighbours. New files use the flush style of the
 * Gateway API docs.
 */
export function indentsSequences(text: string | undefined): boolean {
  const match = text === undefined ? null : /^( *)[\w.-]+:[ \t]*\r?\n( *)- /m.exec(text);
  return match !== null && match[2]!.length > match[1]!.length;
}

export function grantYaml(grant: NewGrant, eol = '\n', indentSeq = false): string {
  const document = new Document({
    apiVersion: `${GATEWAY_GROUP}/${grant.apiVersion}`,
    kind: 'ReferenceGrant',
    metadata: { name: grant.name, namespace: grant.namespace },
    spec: { from: [fromEntry(grant.fromNamespace, grant.from)], to: [secretToEntry(grant.secretName)] },
  });
  return withEol(document.toString({ lineWidth: 0, indentSeq }), eol);
}

/**
 * One sequence item as block YAML whose `-` sits at `dashColumn` and whose keys start at `keyColumn`, so it lines
 * up with the items already in the list (`- group:` or `  - group:`, two or four spaces after the dash).
 */
export function entryYaml(entry: Record<string, string>, dashColumn: number, keyColumn: number, eol = '\n'): string {
  const lines = stringify([entry], { lineWidth: 0 }).trimEnd().split('\n');
  const indented = lines.map((line, i) =>
    i === 0 ? `${' '.repeat(dashColumn)}-${' '.repeat(keyColumn - dashColumn - 1)}${line.slice(2)}` : `${' '.repeat(keyColumn)}${line.slice(2)}`,
  );
  return indented.map((line) => line + eol).join('');
}

function withEol(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

/** metadata.name is a DNS-1123 subdomain of at most 253 characters; leave room for a "-NN" de-duplication suffix. */
const NAME_BUDGET = 249;

/**
 * A readable, stable name: `allow-gateways-from-team-a` for every Secret, `allow-team-a-gateways-to-shop-cert` for
 * one (`listenersets` for a ListenerSet's grant). Dots become dashes (a Secret named after a host reads better that way), and a name already taken by a grant
 * in the same namespace gets `-2`, `-3`, ….
 */
export function grantName(fromNamespace: string, secretName: string | undefined, taken: ReadonlySet<string>, fromKind = 'Gateway'): string {
  const who = `${fromKind.toLowerCase()}s`;
  const raw = secretName === undefined ? `allow-${who}-from-${fromNamespace}` : `allow-${fromNamespace}-${who}-to-${secretName}`;
  const base = dnsName(raw);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function dnsName(raw: string): string {
  const cleaned = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-');
  return cleaned.slice(0, NAME_BUDGET).replace(/^-+|-+$/g, '') || 'allow-gateways';
}
