// The validators scripts/build.mjs precompiles with ajv (see standalone.ts), keyed by schemaIds() names. A
// bundle that was not built that way (none of ours) falls back to compiling at run time.
declare module 'gateway-tls:precompiled-validators' {
  import type { ValidateFunction } from 'ajv';
  const validators: Readonly<Record<string, ValidateFunction | undefined>>;
  export = validators;
}
