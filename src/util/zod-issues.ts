import type { z } from 'zod';
import type { ConfigIssue } from '../errors.js';

type ZIssue = z.core.$ZodIssue;

/**
 * Flattens zod issues into {@link ConfigIssue}s with absolute paths.
 * For a failed union, keeps the branch that got furthest (fewest issues, deepest path), so a typo in
 * one operator reports that operator, not every alternative the union tried.
 */
export function fromZodIssues(issues: readonly ZIssue[], base: readonly (string | number)[] = [], file?: string, ruleId?: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors) && issue.errors.length > 0) {
      const branches = issue.errors as ZIssue[][];
      const best = [...branches].sort((a, b) => score(a) - score(b))[0]!;
      out.push(...fromZodIssues(best, path, file, ruleId));
      continue;
    }
    let message = issue.message;
    if (issue.code === 'unrecognized_keys' && 'keys' in issue) message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    out.push({ code: issue.code, path, message, ...(file === undefined ? {} : { file }), ...(ruleId === undefined ? {} : { ruleId }) });
  }
  return out;
}

function score(branch: readonly ZIssue[]): number {
  // Fewer issues is better; a deeper first issue means the branch matched more of the input.
  const depth = Math.max(0, ...branch.map((i) => i.path.length));
  const rootUnknown = branch.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0) ? 50 : 0;
  return branch.length * 10 - depth + rootUnknown;
}
