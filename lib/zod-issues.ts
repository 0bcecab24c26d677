import { z } from 'zod';
/** jobs[3].targets[0] */
export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(spec)';
}

export type ZodIssue = z.core.$ZodIssue;

/**
 * The issue to report. For a union none of whose branches matched, the issue of the branch
 * whose fields the value has (no unknown field at its top), then that got furthest into the
 * value (deepest path, then fewest issues): the alerting rule that lacks an expr is reported
 * as such, not as a bad recording rule, even though both kinds of rule have deep `tests`.
 */
export function pickIssue(issue: ZodIssue): ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const depth = (issues: ZodIssue[]) => Math.max(...issues.map((i) => i.path.length));
  const foreign = (issues: ZodIssue[]) => (issues.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0) ? 1 : 0);
  const best = [...issue.errors].filter((b) => b.length > 0).sort((a, b) => foreign(a) - foreign(b) || depth(b) - depth(a) || a.length - b.length)[0];
  if (!best || depth(best) === 0) return issue;
  const inner = pickIssue(best[0]);
  return { ...inner, path: [...issue.path, ...inner.path] } as ZodIssue;
}

export function expectedFromZod(issue: ZodIssue): string {
  // The schema's own words first: every custom message starts with "expected".
  if (issue.message.startsWith('expected ')) return issue.message.slice('expected '.length);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `a value (${issue.expected})` : `a ${issue.expected}`;
    case 'invalid_value':
      return oneOf(issue.values.map(String));
    case 'unrecognized_keys':
      return `no field ${issue.keys.map((k) => `"${k}"`).join(', ')} (check its spelling)`;
    case 'too_small':
      return issue.origin === 'array' ? `at least ${issue.minimum} item(s)` : `at least ${issue.minimum}`;
    default:
      return issue.message;
  }
}

export type Path = ReadonlyArray<PropertyKey>;

export function oneOf(values: Iterable<string>): string {
  return `one of ${[...values].map((v) => JSON.stringify(v)).join(', ')}`;
}
