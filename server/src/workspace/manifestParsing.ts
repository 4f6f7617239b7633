// How manifests are parsed: documents of kinds the product never reads are not parsed at all, and Services and
// ConfigMaps only once something reads them. Shared by workspace files and Kustomize build outputs.
import { readHeader } from '../parser/header';
import { mayMatter } from '../parser/prescan';
import { LOOKUP_ONLY_KINDS } from '../model/relevantKinds';
import type { ParseOptions } from '../parser/yamlFile';

const LOOKUP_ONLY_KIND_LINE = new RegExp(`^kind:[ \\t]*["']?(?:${[...LOOKUP_ONLY_KINDS].map((k) => k.split('/').pop()).join('|')})\\b`, 'm');

/** Manifests: documents of other kinds are never parsed; Services and ConfigMaps only once something reads them. */
export const MANIFEST_PARSING: ParseOptions = {
  mayMatter,
  deferrable: (segmentText: string) => {
    // The header scan accepts `kind:` only at the start of a line, plain or quoted: without such a line naming a
    // lookup-only kind there is nothing to defer, and no need to scan.
    if (!LOOKUP_ONLY_KIND_LINE.test(segmentText)) return undefined;
    const header = readHeader(segmentText);
    return header && LOOKUP_ONLY_KINDS.has(`${header.apiVersion}/${header.kind}`) ? header : undefined;
  },
};
