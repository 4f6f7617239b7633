// How a suggested value is written in YAML. Only the empty string needs care today: `group: ""` (the core API
// group) must be quoted, because a bare `group:` is null, which the API server rejects for a required field.
export function yamlScalar(value: string): string {
  return value === '' ? '""' : value;
}
