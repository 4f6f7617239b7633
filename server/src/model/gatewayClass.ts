// A GatewayClass as the product reads it: the controller that serves its Gateways (`spec.controllerName`), which
// names the implementation (model/implementations.ts).
import { isRecord, type K8sObject } from './object';

export function controllerNameOf(gatewayClass: K8sObject): string | undefined {
  const spec = isRecord(gatewayClass.value.spec) ? gatewayClass.value.spec : {};
  return typeof spec.controllerName === 'string' && spec.controllerName !== '' ? spec.controllerName : undefined;
}
