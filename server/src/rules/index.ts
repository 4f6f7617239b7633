// Every rule family the service runs, in reporting order.
import { backendTlsPolicyFamily } from './backendTlsPolicy';
import { certificateContentFamilies } from './certificateContent';
import { certificateRefFamily } from './certificateRefs';
import { connectionCoalescingFamily } from './connectionCoalescing';
import { deprecationFamily } from './deprecations';
import { gatewayTlsFamily } from './gatewayTls';
import { implementationFeatureFamily } from './implementationFeatures';
import { listenerFamily } from './listeners';
import { listenerSetFamily } from './listenerSets';
import { referenceGrantFamily } from './referenceGrants';
import { schemaFamily } from './schema';
import type { RuleFamily } from './types';

export const RULE_FAMILIES: readonly RuleFamily<any>[] = [schemaFamily, listenerFamily, listenerSetFamily, certificateRefFamily, ...certificateContentFamilies, gatewayTlsFamily, referenceGrantFamily, backendTlsPolicyFamily, deprecationFamily, implementationFeatureFamily, connectionCoalescingFamily];
