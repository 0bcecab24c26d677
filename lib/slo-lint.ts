/**
 * The monitoring lint's checks of SLIs (check `sli`), against what the environment's scrape jobs
 * expose:
 *   - every event selector names a counter a job exposes (a histogram's buckets and count are
 *     counters), with labels its series carry;
 *   - a latency SLI names a histogram whose catalog lists the bucket `le`;
 *   - good events are a subset of total events by construction: the same counter with more
 *     matchers, or a histogram's bucket out of its count. Two counters (errors_total out of
 *     requests_total) are refused: nothing makes every counted error a counted request.
 * An SLI with a finding here is not linted again through the rules generated from it.
 */
import { expandCatalog, MetricDef, SeriesDef, SeriesType } from './catalogs';
import { Finding, LintJob } from './lint';
import { LabelMatcher } from './promql';
import { extraMatchers, hasTestSeries, isHistogramPair, parseSelector, ParsedSelector, sameMatcher, sliSelectors, SloSpec } from '../model/slo';

const EVENT_TYPES = new Set<SeriesType>(['counter', 'histogram_bucket', 'histogram_count']);

const TYPE_WORDS: Partial<Record<SeriesType, string>> = {
  gauge: 'a gauge',
  histogram_sum: "a histogram's _sum",
  summary_quantile: "a summary's quantiles",
  summary_sum: "a summary's _sum",
  summary_count: "a summary's _count",
  untyped: 'untyped',
};

/** What the jobs expose, by series name: its type, every label it may carry, its family's definition. */
interface Exposed {
  readonly type: SeriesType;
  readonly labels: Set<string>;
  readonly anyLabels: boolean;
  readonly def?: MetricDef;
}

function exposedSeries(jobs: readonly LintJob[]): Map<string, Exposed> {
  const out = new Map<string, Exposed>();
  for (const job of jobs) {
    const defs = new Map(job.metrics.map((d) => [d.name, d]));
    let expandedSeries: Map<string, SeriesDef>;
    try {
      expandedSeries = expandCatalog(job.metrics);
    } catch {
      continue; // an inconsistent catalog: the lint's catalog check reports it
    }
    for (const [name, series] of expandedSeries) {
      const seen = out.get(name);
      const labels = new Set([...(seen?.labels ?? []), ...series.labels, ...job.targetLabels, 'job', 'instance']);
      out.set(name, { type: series.type, labels, anyLabels: (seen?.anyLabels ?? false) || (job.anyLabels ?? false), def: seen?.def ?? defs.get(series.family) });
    }
  }
  return out;
}

function renderMatcher(m: LabelMatcher): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}

/** Findings of one selector: known, a counter, labels it carries. */
function selectorProblems(field: string, text: string, exposed: Map<string, Exposed>): string[] {
  const s = parseSelector(text);
  const found = exposed.get(s.metric);
  if (!found) return [`${field}: ${s.metric}: no scrape job exposes this metric; an SLI counts events a job exposes`];
  const problems: string[] = [];
  if (!EVENT_TYPES.has(found.type)) {
    problems.push(`${field}: ${s.metric} is ${TYPE_WORDS[found.type] ?? found.type}; an SLI counts events, so good and total must be counters`);
  }
  for (const m of s.matchers) {
    if (!found.anyLabels && !found.labels.has(m.label)) {
      problems.push(`${field}: matcher ${renderMatcher(m)} of ${s.metric}: ${s.metric} carries no label "${m.label}", so it never matches; its labels are ${[...found.labels].sort().join(', ')}`);
    }
  }
  return problems;
}

/** Why good is not a subset of total by construction, if it is not. */
function subsetProblem(good: ParsedSelector, total: ParsedSelector): string | undefined {
  if (isHistogramPair(good, total)) return undefined;
  if (good.metric !== total.metric) {
    return (
      `sli.events: good counts ${good.metric} and total ${total.metric}, so good events are not a subset of total events by construction; ` +
      `select both from one counter, good with more matchers (such as ${total.metric}{status="success"})`
    );
  }
  const missing = total.matchers.filter((m) => !good.matchers.some((n) => sameMatcher(m, n)));
  if (missing.length) {
    return `sli.events.good: it lacks total's matcher ${missing.map(renderMatcher).join(', ')}, so good events are not a subset of total events by construction; add it to good`;
  }
  if (extraMatchers(good, total).length === 0) {
    return 'sli.events.good: it selects the same events as total, so nothing can fail; add the matcher that tells good events apart (such as status="success")';
  }
  return undefined;
}

function latencyProblems(histogram: string, le: string, exposed: Map<string, Exposed>): string[] {
  const found = exposed.get(`${histogram}_bucket`);
  if (!found || found.type !== 'histogram_bucket') {
    const other = exposed.get(histogram);
    const what = other ? `${histogram} is ${TYPE_WORDS[other.type] ?? `a ${other.type}`}` : `no scrape job exposes ${histogram}`;
    return [`sli.latency.histogram: ${what}; a latency SLI counts requests in a histogram's buckets`];
  }
  const buckets = found.def?.buckets;
  if (!buckets) {
    return [`sli.latency.le: the catalog of ${histogram} lists no buckets, so le="${le}" cannot be checked; list the bounds the exporter serves (buckets: ["0.5", "1", "5", "+Inf"])`];
  }
  if (!buckets.includes(le)) {
    return [`sli.latency.le: ${histogram} has no bucket le="${le}"; its buckets are ${buckets.join(', ')}: the threshold must be a bucket's bound, written as the exporter serves it`];
  }
  return [];
}

/** Every SLI finding of an environment's SLOs. */
export function lintSlos(environment: string, slos: readonly SloSpec[], jobs: readonly LintJob[]): Finding[] {
  const exposed = exposedSeries(jobs);
  return slos.flatMap((slo, i) => {
    let problems: string[];
    if (slo.sli.events) {
      const { good, total } = slo.sli.events;
      problems = [...selectorProblems('sli.events.good', good, exposed), ...selectorProblems('sli.events.total', total, exposed)];
      const subset = subsetProblem(parseSelector(good), parseSelector(total));
      if (subset) problems.push(subset);
    } else {
      problems = latencyProblems(slo.sli.latency!.histogram, slo.sli.latency!.le, exposed);
    }
    if (problems.length === 0 && !hasTestSeries(slo)) {
      const { good } = sliSelectors(slo);
      problems.push(`sli.events.good: no label values satisfy ${good} while failing one of its own matchers, so no test series can be made; use = and != matchers, or regexes of plain alternatives`);
    }
    return problems.map((message) => ({ environment, where: `SLO "${slo.name}" (slos[${i}])`, check: 'sli' as const, severity: 'error' as const, message }));
  });
}
