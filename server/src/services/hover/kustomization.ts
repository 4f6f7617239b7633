// Hover on a kustomization's top-level keys: how its build went (Kustomize builds are run by the shells; the
// index holds their results), so "why does this overlay report nothing?" has an answer where the question arises.
import { rootLabel } from '../../workspace/builds';
import type { IndexedFile } from '../../workspace/index';
import type { ServiceContext } from '../context';

export function kustomizationHover(file: IndexedFile, context: ServiceContext): string | undefined {
  const index = context.index;
  if (index.kustomizeMode === 'files') {
    return '**Kustomize build**: not checked — kustomize v4+ was not found or `gatewayTls.kustomize.builds` is `off`; files are checked as written.';
  }
  const isRoot = index.kustomizeRoots().some((root) => root.uri === file.uri);
  if (!isRoot) {
    const roots = index.rootsOfFile(file.uri);
    return `**Kustomize build**: included by ${roots.length === 0 ? 'other kustomizations' : roots.map((r) => `\`${rootLabel(r.uri, index.roots)}\``).join(', ')}; checked through ${roots.length === 1 ? 'that build' : 'their builds'}.`;
  }
  const result = index.buildOf(file.uri);
  switch (result.state) {
    case 'pending':
      return '**Kustomize build**: running…';
    case 'built':
      return `**Kustomize build**: built at ${time(result.finishedAt)} in ${result.ms} ms — ${result.build.objects.length} object${result.build.objects.length === 1 ? '' : 's'} the product reads, checked on their source lines.`;
    case 'failed':
      return `**Kustomize build**: failed at ${time(result.finishedAt)} after ${result.ms} ms — nothing it applies is checked.\n\n\`\`\`\n${result.message}\n\`\`\``;
  }
}

function time(date: Date): string {
  return date.toISOString().slice(11, 19) + ' UTC';
}
