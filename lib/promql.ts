/**
 * PromQL analysis on top of Prometheus's own lezer grammar (@prometheus-io/lezer-promql).
 *
 * `parsePromQL` parses an expression (alert rule or Grafana panel query), rejects syntax errors with a
 * precise line/column, and returns a flat, easy-to-query description of it: every selector (metric,
 * matchers, range), every function call / aggregation with its arguments, every binary operation with
 * its vector matching, and whether the expression filters at the top level (an alert condition).
 */

import { Analyzer, exprTree, isFilteringExpression, outermostCall, SemanticError } from './promql-analyzer';
import { checkSyntax, lezer, PromQLSyntaxError, skipTrivia, substituteTemplateVariables } from './promql-syntax';
import type { PromQLAnalysis, PromQLCall } from './promql-types';

export * from './promql-types';
export { PromQLSyntaxError, lineAndColumn } from './promql-syntax';
export { COUNTER_FUNCTIONS } from './promql-analyzer';
export { compileMatcherRegex, matcherMatches, type CompiledMatcherRegex } from './promql-matchers';

/**
 * Parses a PromQL expression with Prometheus's grammar and analyses it.
 * Grafana variables are accepted in ranges/offsets (`[$__rate_interval]`) and label matcher values.
 * @throws PromQLSyntaxError on an empty expression, a syntax error, or one of Prometheus's parse-time
 *   checks (empty selector, range on a non-selector, metric name set twice, unknown function, a regex
 *   matcher that does not compile).
 */
export function parsePromQL(expr: string): PromQLAnalysis {
  // Validation, generated rules and the lint read the same expressions: parse each once.
  const known = PARSED.get(expr);
  if (known instanceof PromQLSyntaxError) throw known;
  if (known) return known;
  try {
    const analysis = analyze(expr);
    PARSED.set(expr, analysis);
    return analysis;
  } catch (e) {
    if (e instanceof PromQLSyntaxError) PARSED.set(expr, e);
    throw e;
  }
}

/** Analyses by expression; an analysis is never changed after it is made. */
const PARSED = new Map<string, PromQLAnalysis | PromQLSyntaxError>();

function analyze(expr: string): PromQLAnalysis {
  const { text, substitutions, names } = substituteTemplateVariables(expr);
  if (skipTrivia(text, 0) >= text.length) {
    throw new PromQLSyntaxError(expr, 0, 'expression is empty');
  }
  const tree = lezer.parser.parse(text);
  checkSyntax(expr, tree);

  const top = tree.topNode.firstChild ?? tree.topNode;
  const analyzer = new Analyzer(expr, substitutions);
  try {
    analyzer.walk(top);
  } catch (e) {
    if (e instanceof SemanticError) throw new PromQLSyntaxError(expr, e.position, e.detail);
    throw e;
  }

  const { selectors, calls, binaryOps } = analyzer;
  const groupingLabels = [
    ...calls.flatMap((c) => c.grouping?.labels ?? []),
    ...binaryOps.flatMap((b) => [...(b.matching?.labels ?? []), ...(b.matching?.include ?? [])]),
  ];
  return {
    expr,
    tree: exprTree(top, analyzer),
    selectors,
    calls,
    binaryOps,
    metrics: [...new Set(selectors.flatMap((s) => (s.metric === undefined ? [] : [s.metric])))],
    groupingLabels: [...new Set(groupingLabels)],
    hasTopLevelComparison: isFilteringExpression(top),
    outermostCall: outermostCall(top, calls),
    rangeSelectorsSeconds: selectors.flatMap((s) => (s.rangeSeconds === undefined ? [] : [s.rangeSeconds])),
    templateVariables: names,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Query helpers
// ---------------------------------------------------------------------------------------------------------

/** Calls of `fn` (function or aggregation), outermost first. */
export function callsOf(analysis: PromQLAnalysis, fn: string): PromQLCall[] {
  return analysis.calls.filter((c) => c.fn === fn);
}

/** True when `fn` (e.g. "rate") is applied to a range vector of `metric`. */
export function isAppliedTo(analysis: PromQLAnalysis, fn: string, metric: string): boolean {
  return callsOf(analysis, fn).some((c) => c.rangeArgument?.metrics.includes(metric) ?? false);
}

/** Calls and aggregations located inside `call`'s argument list (e.g. the `sum by (le)` of histogram_quantile). */
export function nestedCalls(analysis: PromQLAnalysis, call: PromQLCall): PromQLCall[] {
  return analysis.calls.filter((c) => c !== call && c.position >= call.position && c.end <= call.end);
}
