// Go to definition: from a listener certificateRef to the Secret it resolves to, or to what will produce it (the
// name field of a cert-manager Certificate, ExternalSecret, SealedSecret or kustomize secretGenerator); from a
// BackendTLSPolicy target ref to the Service (from `sectionName`, to the port entry) and from a CA ref to the
// ConfigMap (its `ca.crt` key). Several candidates (Kustomize overlays, a Secret and its Certificate) give several
// locations.
import type { Location, Position } from 'vscode-languageserver-types';
import type { IndexedFile } from '../workspace/index';
import type { ServiceContext } from './context';
import { certificateRefAt } from './navigation/certificateRefs';
import { locationOf, uniqueLocations } from './navigation/locations';
import { policyRefAt, policyRefDefinitions } from './navigation/policyRefs';

export function doDefinition(file: IndexedFile, position: Position, context: ServiceContext): Location[] {
  const site = certificateRefAt(file, position, context);
  if (!site) {
    const policyRef = policyRefAt(file, position);
    return policyRef ? uniqueLocations(policyRefDefinitions(policyRef, context)) : [];
  }
  // Secret manifests first: they are the definition proper; producers come after.
  const records = site.resolutions.flatMap((r) => [...r.secrets, ...r.producers.filter((p) => p.producer !== 'Secret')]);
  return uniqueLocations(records.map((record) => locationOf(context.index, record.uri, record.object, record.path)));
}
