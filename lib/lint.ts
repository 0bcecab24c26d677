/**
 * The monitoring lint: cross-checks every PromQL expression of an environment (alerting rules,
 * recording rules, dashboard queries) against what its scrape jobs expose.
 *
 * `lintEnvironment` is a pure function over a plain description of an environment (jobs with
 * their metric catalogs, rule groups, dashboards, severities) and returns every finding; it
 * never throws for bad input. lib/lint-environment.ts builds that description from a stack, and
 * main.ts refuses to synthesize while there is a finding.
 *
 * Checks (the `check` of a Finding):
 *   syntax              the expression does not parse with Prometheus's grammar
 *   unknown-metric      no scrape job exposes the metric and no recording rule records it
 *                       (or none of the jobs its job matcher selects does)
 *   unknown-label       a matcher needs a label the metric does not carry
 *   counter-function    rate(), irate() or increase() over something that is not a counter
 *   gauge-function      delta(), idelta(), deriv() or predict_linear() over a counter
 *   histogram-quantile  histogram_quantile() over something that is not a histogram's buckets,
 *                       or over an aggregation that drops `le`
 *   rate-window         a range window shorter than twice the scrape (or evaluation) interval
 *   vector-matching     a binary operation whose one-to-one matching is always empty, or pairs
 *                       each series with itself
 *   alert-comparison    an alert that fires for every series (no comparison at the top level)
 *   alert-name          an alert name that is not CamelCase
 *   severity            an alert without a severity of the environment's set
 *   annotations         an alert without a summary or a description
 *   catalog             a job's catalog defines one series name twice, differently
 *
 * Performance: catalogs are expanded once per catalog object and indexed by series name; each
 * expression is then checked against that index, never against targets, so the lint is linear
 * in jobs, catalog sizes and expressions whatever the number of targets.
 */
import { Finding, LintEnvironment } from './lint/types';
import { Linter } from './lint/rule-checks';

export * from './lint/types';

/** Every finding of one environment, in the order of its rules and dashboards. */
export function lintEnvironment(env: LintEnvironment): Finding[] {
  return new Linter(env).run();
}
