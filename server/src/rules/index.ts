// Every rule family the service runs, in reporting order.
import { listenerFamily } from './listeners';
import { schemaFamily } from './schema';
import type { RuleFamily } from './types';

export const RULE_FAMILIES: readonly RuleFamily<any>[] = [schemaFamily, listenerFamily];
