/** The monitoring lint's series index and the helpers its checks share. */
import { expandCatalog, MetricCatalog, SeriesDef, SeriesType } from '../catalogs';
import { durationSeconds } from '../duration';
import { compileMatcherRegex, COUNTER_FUNCTIONS, LabelMatcher, lineAndColumn, matcherMatches, PromQLAnalysis, PromQLCall, Selector } from '../promql';

// ---------------------------------------------------------------------------------------------------------
// The series index
// ---------------------------------------------------------------------------------------------------------

/** Where a series comes from: a scrape job, a recording rule, or the rule evaluator (ALERTS). */
export interface Source {
  /** Scrape job name, when a job exposes it. */
  readonly job?: string;
  /** e.g. `job "node"` or `rule group "capacity_planning"`, for messages. */
  readonly origin: string;
  /** What "interval" means for its origin, for messages. */
  readonly intervalKind: 'scrape' | 'evaluation';
  readonly intervalSeconds: number;
  type: SeriesType;
  /** Every label its series carry, target labels included. */
  labels: Set<string>;
  anyLabels: boolean;
}

export const COUNTER_LIKE = new Set<SeriesType>(['counter', 'histogram_bucket', 'histogram_sum', 'histogram_count', 'summary_sum', 'summary_count']);

export const TYPE_WORDS: Record<SeriesType, string> = {
  counter: 'a counter',
  gauge: 'a gauge',
  histogram_bucket: "a histogram's buckets",
  histogram_sum: "a histogram's _sum",
  histogram_count: "a histogram's _count",
  summary_quantile: "a summary's quantiles",
  summary_sum: "a summary's _sum",
  summary_count: "a summary's _count",
  untyped: 'untyped',
};

export const expansions = new WeakMap<MetricCatalog, Map<string, SeriesDef>>();

/** expandCatalog, once per catalog object (many jobs share one). */
export function expanded(catalog: MetricCatalog): Map<string, SeriesDef> {
  let series = expansions.get(catalog);
  if (!series) {
    series = expandCatalog(catalog);
    expansions.set(catalog, series);
  }
  return series;
}

export class SeriesIndex {
  private readonly sources = new Map<string, Source[]>();

  add(name: string, source: Source): void {
    const list = this.sources.get(name);
    if (list) list.push(source);
    else this.sources.set(name, [source]);
  }

  get(name: string): readonly Source[] {
    return this.sources.get(name) ?? [];
  }

  names(): IterableIterator<string> {
    return this.sources.keys();
  }
}

export function seconds(duration: string | undefined, fallback: number): number {
  if (duration === undefined) return fallback;
  try {
    return durationSeconds(duration);
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Positions and small helpers
// ---------------------------------------------------------------------------------------------------------

/** "line 1, column 6" for a 0-based offset. */
export function at(expr: string, position: number): string {
  const { line, column } = lineAndColumn(expr, position);
  return `line ${line}, column ${column}`;
}

export function quoteList(values: Iterable<string>): string {
  return [...values].map((v) => `"${v}"`).join(', ');
}

export function matcherText(m: LabelMatcher): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}

export function hasTemplate(value: string): boolean {
  return /\$/.test(value);
}

/** Whether a matcher accepts a series that lacks the label (its value is then ""). */
export function matchesEmpty(m: LabelMatcher): boolean {
  if (hasTemplate(m.value)) return false; // a dashboard variable names values the label must have
  // An invalid regex is not this check's business: taken as matching "".
  if ((m.op === '=~' || m.op === '!~') && compileMatcherRegex(m.value) === undefined) return m.op === '=~';
  return matcherMatches(m, '');
}


// ---------------------------------------------------------------------------------------------------------
// Function families
// ---------------------------------------------------------------------------------------------------------

export const GAUGE_FUNCTIONS = new Set(['delta', 'idelta', 'deriv', 'predict_linear']);
/** Functions that need two samples in their window. */
export const WINDOW_FUNCTIONS = new Set([...COUNTER_FUNCTIONS, ...GAUGE_FUNCTIONS]);
/** Functions whose result keeps the labels of their (only) vector argument. */
export const LABEL_PRESERVING = new Set([
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'resets', 'changes',
  'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'last_over_time',
  'stddev_over_time', 'stdvar_over_time', 'quantile_over_time', 'mad_over_time', 'present_over_time',
  'abs', 'ceil', 'floor', 'round', 'sqrt', 'exp', 'ln', 'log2', 'log10', 'clamp', 'clamp_min', 'clamp_max', 'sgn',
]);
/** Aggregations whose output series keep their input labels (they pick series, not group them). */
export const SELECTING_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);
/** Alerts that fire on absence need no comparison. */
export const ABSENCE_FUNCTIONS = new Set(['absent', 'absent_over_time']);
export const SET_OPERATORS = new Set(['and', 'or', 'unless']);

// ---------------------------------------------------------------------------------------------------------
// The lint
// ---------------------------------------------------------------------------------------------------------

export type Flow = { readonly scalar: true } | { readonly scalar: false; readonly labels: ReadonlySet<string>; readonly any: boolean };
export const SCALAR: Flow = { scalar: true };

export function sorted(labels: Iterable<string>): string {
  const list = [...labels].filter((l) => l !== '__name__').sort();
  return list.length ? list.join(', ') : 'none';
}

export function jobMatches(m: LabelMatcher, job: string | undefined): boolean {
  if (job === undefined) return true; // recording rules and ALERTS keep whatever job label they read
  if ((m.op === '=~' || m.op === '!~') && compileMatcherRegex(m.value) === undefined) return true; // an invalid regex selects every job
  return matcherMatches(m, job);
}

/** Whether an aggregation's output keeps `label`. */
export function keepsLabel(call: PromQLCall, label: string): boolean {
  if (!call.grouping) return false;
  return call.grouping.mode === 'by' ? call.grouping.labels.includes(label) : !call.grouping.labels.includes(label);
}

/** The one selector of an operand made of a selector, label-preserving functions and scalar arithmetic. */
export function plainSide(analysis: PromQLAnalysis, from: number, to: number): Selector | undefined {
  const selectors = analysis.selectors.filter((s) => s.position >= from && s.end <= to);
  if (selectors.length !== 1) return undefined;
  const calls = analysis.calls.filter((c) => c.position >= from && c.end <= to);
  if (calls.some((c) => c.kind !== 'function' || !LABEL_PRESERVING.has(c.fn))) return undefined;
  const ops = analysis.binaryOps.filter((b) => b.from >= from && b.to <= to);
  if (ops.some((b) => b.matching || SET_OPERATORS.has(b.op))) return undefined;
  return selectors[0];
}

export function listShort(values: readonly string[]): string {
  return values.length <= 4 ? values.join(', ') : `${values.slice(0, 4).join(', ')} and ${values.length - 4} more`;
}

/** "2h", "90s", "1s500ms": in one unit where it is whole hours or minutes, to the millisecond. */
export function formatSeconds(seconds: number): string {
  // Whole milliseconds: a spec's durations are, and seconds computed from them may carry float error.
  const ms = Math.round(seconds * 1000);
  if (ms % 1000 !== 0) return `${ms >= 1000 ? `${Math.floor(ms / 1000)}s` : ''}${ms % 1000}ms`;
  const s = ms / 1000;
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600}h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}
