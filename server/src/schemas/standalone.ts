// Build-time only (scripts/build.mjs): ajv's standalone code for every schema, so the bundles carry compiled
// validators — no schema compilation and no ajv compiler at start-up, for the CLI and the server alike.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { registerCustomKeywords } from './keywords';
import { schemaIds } from './registry';

export function standaloneValidators(): string {
  // strict stays on: our custom keywords are registered instead of being tolerated wholesale.
  const ajv = new Ajv({ allErrors: true, strict: true, logger: false, code: { source: true } });
  registerCustomKeywords(ajv);
  const exports: Record<string, string> = {};
  for (const [schema, id] of schemaIds()) {
    ajv.addSchema(schema, id);
    exports[id] = id;
  }
  return standaloneCode(ajv, exports);
}
