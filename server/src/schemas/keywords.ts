// Our custom schema keywords. They only annotate (ajv never validates with them), but they are registered with
// ajv so its strict mode stays on and still catches typos in the keywords it does validate.
import type Ajv from 'ajv';

export const CUSTOM_KEYWORDS = [
  { keyword: 'x-pattern-hint', schemaType: 'string' },
  { keyword: 'x-suggestions', schemaType: 'array' },
  { keyword: 'x-removed', schemaType: 'object' },
] as const;

export function registerCustomKeywords(ajv: Ajv): void {
  for (const { keyword, schemaType } of CUSTOM_KEYWORDS) ajv.addKeyword({ keyword, schemaType });
}
