// ReferenceGrant rules: a grant nobody uses is dead configuration, and often the sign of a grant that was meant
// for a reference it does not match.
import { referenceGrantView, type ReferenceGrantView } from '../model/referenceGrant';
import { grantUsage, isJudgeable } from '../workspace/grantUsage';
import type { RuleFamily, WorkspaceRule } from './types';

const referenceGrantUnused: WorkspaceRule<ReferenceGrantView> = {
  code: 'reference-grant-unused',
  check: (view, object, context) => {
    if (!isJudgeable(view)) return [];
    if ((grantUsage(context.queries).get(object) ?? []).length > 0) return [];
    const namespaces = context.namespacesOf(object).map((c) => c.namespace).join(', ');
    const from = view.from.map((f) => f.namespace ?? '?').join(', ');
    return [
      {
        code: 'reference-grant-unused',
        path: ['metadata', 'name'],
        message:
          `ReferenceGrant ${object.name ?? '?'} in ${namespaces} admits Gateways from ${from}, but no Gateway in the workspace refers to a Secret it covers. ` +
          `Remove it, or check that the Gateway's certificateRef names this namespace and (if to.name is set) this Secret.`,
      },
    ];
  },
};

export const referenceGrantFamily: RuleFamily<ReferenceGrantView> = {
  name: 'reference grants',
  view: referenceGrantView,
  workspaceRules: [referenceGrantUnused],
};
