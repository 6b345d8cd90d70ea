import type { ConfigIssue } from '../errors.js';

type Json = unknown;

/**
 * Replaces every `{ "$param": name }` in a rule by the parameter's value (with optional overrides),
 * without touching the input. Unknown parameters become issues at their JSON path.
 *
 * @param node - the rule document (its `parameters` block is left as is)
 * @param values - parameter name → value
 * @param issues - collects problems
 * @returns a deep copy with references resolved
 */
export function resolveParams(node: Json, values: ReadonlyMap<string, unknown>, issues: ConfigIssue[], path: (string | number)[] = []): Json {
  if (Array.isArray(node)) return node.map((v, i) => resolveParams(v, values, issues, [...path, i]));
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === '$param' && typeof obj.$param === 'string') {
    if (!values.has(obj.$param)) {
      issues.push({ code: 'unknown_parameter', path, message: `unknown parameter "${obj.$param}" (declare it under "parameters")` });
      return node;
    }
    return structuredClone(values.get(obj.$param));
  }
  // Own enumerable keys only, into a null-prototype object: "__proto__" in a rule file stays a plain key.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const k of keys) out[k] = k === 'parameters' && path.length === 0 ? obj[k] : resolveParams(obj[k], values, issues, [...path, k]);
  return out;
}
