// The subset of JSON Schema our own schemas use, plus the custom annotation keywords (see keywords.ts).
export interface JsonSchema {
  readonly $ref?: string;
  readonly $comment?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly type?: string;
  readonly description?: string;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly format?: string;
  readonly readOnly?: boolean;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly pattern?: string;
  /** Plain-words explanation of `pattern`, used in messages and hovers instead of the regex. */
  readonly 'x-pattern-hint'?: string;
  /** Values completion offers for a field that is not an enum (protocol is a pattern, yet has core values). */
  readonly 'x-suggestions'?: readonly string[];
  /** Fields that once existed here, each with what to do instead: an unknown-field report uses the advice. */
  readonly 'x-removed'?: Readonly<Record<string, string>>;
}
