// `api-version-deprecated` for the kinds of the deprecation table (TLSRoute, XListenerSet); BackendTLSPolicy has
// its own rule because its migration renames fields.
import { deprecationOf, type Deprecation } from '../model/deprecations';
import type { K8sObject } from '../model/object';
import type { ObjectRule, RuleFamily } from './types';

const apiVersionDeprecated: ObjectRule<{ object: K8sObject; deprecation: Deprecation }> = {
  code: 'api-version-deprecated',
  check: ({ object, deprecation }) => [
    {
      code: 'api-version-deprecated',
      path: ['apiVersion'],
      message: `${object.kind} ${object.apiVersion} is deprecated and not served by the Standard channel: ${deprecation.note}. Migrate to ${deprecation.replacement.kind} ${deprecation.replacement.apiVersion} (quick fix available).`,
      data: { apiVersion: deprecation.replacement.apiVersion, kind: deprecation.replacement.kind },
    },
  ],
};

export const deprecationFamily: RuleFamily<{ object: K8sObject; deprecation: Deprecation }> = {
  name: 'deprecated API versions',
  view: (object) => {
    const deprecation = deprecationOf(object);
    return deprecation ? { object, deprecation } : undefined;
  },
  rules: [apiVersionDeprecated],
};
