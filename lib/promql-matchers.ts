/** PromQL label matchers: RE2 matching as Prometheus does it. */

import { re2Compiles, re2FullMatch, re2Problem } from './re2';
import { TEMPLATE_VAR_RE } from './promql-syntax';
import type { LabelMatcher } from './promql-types';

// ---------------------------------------------------------------------------------------------------------
// Label matchers
// ---------------------------------------------------------------------------------------------------------

/** A Grafana variable anywhere in a value. */
const HAS_TEMPLATE_VAR = new RegExp(TEMPLATE_VAR_RE.source);

/** A `=~` / `!~` matcher value compiled as Prometheus does it (RE2, anchored to the whole label value). */
export interface CompiledMatcherRegex {
  test(value: string): boolean;
}

const MATCHER_REGEXES = new Map<string, CompiledMatcherRegex | null>();

/**
 * A `=~` / `!~` matcher value compiled with RE2 anchored to the whole label value (`^(?:value)$`), once
 * per pattern; undefined when RE2 does not compile it. Callers decide what such a matcher means for them.
 */
export function compileMatcherRegex(pattern: string): CompiledMatcherRegex | undefined {
  let re = MATCHER_REGEXES.get(pattern);
  if (re === undefined) {
    re = re2Compiles(pattern) ? { test: (value: string) => re2FullMatch(pattern, value) } : null;
    MATCHER_REGEXES.set(pattern, re);
  }
  return re ?? undefined;
}

/** Whether a matcher accepts a label value ("" for a series without the label); false for a regex that does not compile. */
export function matcherMatches(m: LabelMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return m.value === value;
    case '!=':
      return m.value !== value;
    case '=~':
    case '!~': {
      const re = compileMatcherRegex(m.value);
      if (!re) return false;
      return re.test(value) === (m.op === '=~');
    }
  }
}

/** Whether a matcher accepts a series that lacks the label (its value is then ""). */
export function matchesEmpty(m: LabelMatcher): boolean {
  // A regex that does not compile matches nothing here, so `!~` it accepts the empty value.
  if ((m.op === '=~' || m.op === '!~') && compileMatcherRegex(m.value) === undefined) return m.op === '!~';
  return matcherMatches(m, '');
}

/**
 * Why Prometheus would refuse a `=~` / `!~` matcher value (it fails the rule file at load), in Go's RE2
 * words, or undefined when it compiles. A value with a Grafana variable is left alone: Grafana replaces
 * the variable before Prometheus reads the query.
 */
export function regexProblem(pattern: string): string | undefined {
  if (HAS_TEMPLATE_VAR.test(pattern)) return undefined;
  return re2Problem(pattern);
}
