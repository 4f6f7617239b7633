// Every rule family the service runs, in reporting order.
import { backendTlsPolicyFamily } from './backendTlsPolicy';
import { certificateContentFamilies } from './certificateContent';
import { certManagerFamilies } from './certManager';
import { certificateRefFamily } from './certificateRefs';
import { connectionCoalescingFamily } from './connectionCoalescing';
import { deprecationFamily } from './deprecations';
import { gatewayTlsFamily } from './gatewayTls';
import { implementationFeatureFamily } from './implementationFeatures';
import { listenerFamily } from './listeners';
import { listenerSetFamily } from './listenerSets';
import { referenceGrantFamily } from './referenceGrants';
import { routeFamily } from './routes';
import { schemaFamily } from './schema';
import type { RuleFamily } from './types';

export const RULE_FAMILIES: readonly RuleFamily<any>[] = [schemaFamily, listenerFamily, listenerSetFamily, certificateRefFamily, ...certificateContentFamilies, ...certManagerFamilies, gatewayTlsFamily, referenceGrantFamily, routeFamily, backendTlsPolicyFamily, deprecationFamily, implementationFeatureFamily, connectionCoalescingFamily];
