import { z } from 'zod';
import { DURATION_EXPECTED, durationMilliseconds, isDuration } from '../lib/duration';
import { camelCase } from '../lib/names';
import { LabelMatcher, matcherMatches, parsePromQL, PromQLSyntaxError } from '../lib/promql';
import { formatDuration } from '../lib/rule-tests';

/**
 * Service-level objectives as code: an SLO declared in a few lines becomes, with no hand-written
 * rule, the recording rules and alerts of the Google SRE workbook's multi-window, multi-burn-rate
 * method, each with its promtool tests:
 *
 * - slo:sli_error:ratio_rate<w>: the share of bad events over each window the alerts read, and
 *   over the whole period (the budget spent), the latter from slo:sli_good:rate<w> and
 *   slo:sli_total:rate<w>, the event rates over the shortest window;
 * - slo:objective:ratio, slo:error_budget:ratio: the objective and the budget (1 - objective);
 * - slo:burn_rate:rate<w>: how many times faster than the budget allows events fail, over each
 *   alert's long window (1 means the budget lasts exactly the period);
 * - slo:error_budget:remaining_ratio: the share of the period's budget left (negative once spent);
 * - four alerts, one per workbook pair: page at 14.4x over 1h (and 5m) and 6x over 6h (and 30m),
 *   ticket at 3x over 1d (and 2h) and 1x over 3d (and 6h), windows scaled to the period (these
 *   are a 30d period's). The long window makes an alert significant, the short one ends it soon
 *   after the burn ends.
 *
 * Every series carries `slo="<name>"` and the SLO's labels.
 */

/** The period the workbook's windows are written for. */
const WORKBOOK_PERIOD = '30d';

/** The workbook's burn-rate alerts for a 30-day period: the share of the budget each spends. */
const BURN_ALERTS = [
  { kind: 'page', factor: 14.4, long: '1h', short: '5m' },
  { kind: 'page', factor: 6, long: '6h', short: '30m' },
  { kind: 'ticket', factor: 3, long: '1d', short: '2h' },
  { kind: 'ticket', factor: 1, long: '3d', short: '6h' },
] as const;

/** @default period */
export const SLO_PERIOD_DEFAULT = '30d';

const SELECTOR_EXPECTED = 'a PromQL selector of a counter, such as \'lloom_client_requests_total{status="success"}\'';
const metricName = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { error: 'expected a metric name such as "lloom_request_duration_seconds"' });
/** One vector selector, parsed with Prometheus's grammar: good and total are compared matcher by matcher. */
const selector = z.string({ error: `expected ${SELECTOR_EXPECTED}` }).superRefine((text, ctx) => {
  let problem: string | undefined;
  try {
    const analysis = parsePromQL(text);
    const plain = analysis.selectors.length === 1 && analysis.calls.length === 0 && analysis.binaryOps.length === 0;
    if (!plain || analysis.selectors[0].metric === undefined || analysis.selectors[0].range !== undefined) problem = 'an expression that is not one selector';
  } catch (error) {
    if (!(error instanceof PromQLSyntaxError)) throw error;
    problem = error.message;
  }
  if (problem) ctx.addIssue({ code: 'custom', message: `expected ${SELECTOR_EXPECTED} (${problem})`, input: text });
});
/** The fastest burn alerted on: the objective must leave room for it (errors cannot pass 100%). */
const FASTEST_BURN = Math.max(...BURN_ALERTS.map((a) => a.factor));
/** The lowest objective: the fastest page fires when 90% of events fail. */
const LOWEST_OBJECTIVE = 100 - 90 / FASTEST_BURN;
const OBJECTIVE_EXPECTED = `expected a percentage from ${LOWEST_OBJECTIVE} to below 100, such as 99.9 (below ${LOWEST_OBJECTIVE}, the ${FASTEST_BURN}x page would need more than 90% of events to fail)`;
/** Labels the generated series and alerts set themselves. */
const GENERATED_LABELS = ['slo', 'severity', 'long_window', 'short_window', 'burn_rate'];
const severity = z.string().regex(/^[a-z]+$/, { error: 'expected a severity of the environment, such as "critical"' });

export const sloSchema = z.strictObject({
  /** Lower-case name, unique in the environment: the `slo` label of every series. */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'expected a lower-case name such as "request-success" (letters, digits, "-")' }),
  /** What is measured, in a few words ("client requests that succeed"): alerts and panels say it. */
  description: z.string().min(1),
  /** Percentage of good events the period must keep. */
  objective: z.number({ error: OBJECTIVE_EXPECTED }).min(LOWEST_OBJECTIVE, { error: OBJECTIVE_EXPECTED }).lt(100, { error: OBJECTIVE_EXPECTED }),
  /** The budget's period. @default 30d */
  period: z.string().refine(isDuration, { error: `expected ${DURATION_EXPECTED}` }).optional(),
  /**
   * The SLI: good and total events as selectors of one counter, good with more matchers than
   * total (so good is a subset of total by construction); or the requests a histogram counts
   * within a bucket's bound `le` ("5"), out of all it counts.
   */
  sli: z
    .strictObject({
      events: z.strictObject({ good: selector, total: selector }).optional(),
      latency: z.strictObject({ histogram: metricName, le: z.string().min(1) }).optional(),
    })
    .refine((sli) => (sli.events === undefined) !== (sli.latency === undefined), {
      error: 'expected { events: { good, total } } or { latency: { histogram, le } }',
    }),
  /** Labels on every series and alert of the SLO (besides those the generator sets). @default none */
  labels: z
    .record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { error: 'expected a label name such as "team"' }), z.string())
    .superRefine((labels, ctx) => {
      for (const label of Object.keys(labels).filter((l) => GENERATED_LABELS.includes(l))) {
        ctx.addIssue({ code: 'custom', path: [label], input: label, message: `expected a label name other than ${GENERATED_LABELS.join(', ')}, which the generated rules set` });
      }
    })
    .optional(),
  /** The severities of the page and ticket alerts: routed where the environment sends them. */
  alerts: z.strictObject({ page: severity, ticket: severity }),
});

export type SloSpec = z.infer<typeof sloSchema>;

/**
 * What the schema cannot see: unique names, periods Prometheus keeps, severities of the
 * environment, alert names that no rule of the spec takes. The path is under `slos`.
 */
export function checkSlos(
  slos: readonly SloSpec[],
  environment: { readonly severities: readonly string[]; readonly alertNames: ReadonlySet<string>; readonly retentionTime: string },
): { path: PropertyKey[]; given: unknown; expected: string } | undefined {
  const { severities, alertNames, retentionTime } = environment;
  const names = new Map<string, number>();
  for (const [i, slo] of slos.entries()) {
    if (names.has(slo.name)) return { path: [i, 'name'], given: slo.name, expected: `a name no other SLO has (slos[${names.get(slo.name)}] is "${slo.name}" already)` };
    names.set(slo.name, i);
    if (durationMilliseconds(periodOf(slo)) > durationMilliseconds(retentionTime)) {
      return { path: [i, 'period'], given: periodOf(slo), expected: `at most the ${retentionTime} Prometheus keeps (prometheus.retentionTime): the budget is counted over the whole period` };
    }
    for (const kind of ['page', 'ticket'] as const) {
      if (!severities.includes(slo.alerts[kind])) {
        return { path: [i, 'alerts', kind], given: slo.alerts[kind], expected: `one of ${severities.map((s) => JSON.stringify(s)).join(', ')}` };
      }
    }
    const taken = burnAlerts(slo).map((a) => burnAlertName(slo, a)).find((a) => alertNames.has(a));
    if (taken) return { path: [i, 'name'], given: slo.name, expected: `a name whose generated alerts no rule of ruleGroups takes (there is an alert "${taken}")` };
  }
  return undefined;
}

/** The good and total selectors of an SLI, as PromQL. */
export function sliSelectors(slo: SloSpec): { good: string; total: string } {
  if (slo.sli.events) return slo.sli.events;
  const { histogram, le } = slo.sli.latency!;
  return { good: `${histogram}_bucket{le=${JSON.stringify(le)}}`, total: `${histogram}_count` };
}

/** A number as PromQL and promtool read it, without float noise: 100 - 99.9 is 0.1, not 0.09999999999999432. */
export function num(value: number): number {
  return Number(value.toPrecision(12));
}

/** The objective as a ratio: 99.9 -> 0.999. */
export function objectiveRatio(slo: SloSpec): number {
  return num(slo.objective / 100);
}

/** The budget as a ratio: 99.9 -> 0.001. */
export function errorBudget(slo: SloSpec): number {
  return num((100 - slo.objective) / 100);
}

export function periodOf(slo: SloSpec): string {
  return slo.period ?? SLO_PERIOD_DEFAULT;
}

/**
 * A workbook window scaled to the period, in whole minutes, at least two: a rate window holds two
 * samples of the tests' one-a-minute series even where the range excludes its start (Prometheus 3).
 */
function scaled(window: string, period: string): string {
  const ms = (durationMilliseconds(window) * durationMilliseconds(period)) / durationMilliseconds(WORKBOOK_PERIOD);
  return windowName(Math.max(2, Math.round(ms / 60_000)) * 60);
}

/** "1d", "3d", "6h", "1h30m": whole days in days (record names read like the workbook's windows). */
export function windowName(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds - days * 86_400;
  return `${days ? `${days}d` : ''}${rest || !days ? formatDuration(rest) : ''}`;
}

/** One burn-rate alert of an SLO, its windows scaled to the period. */
export interface BurnAlert {
  readonly kind: 'page' | 'ticket';
  readonly factor: number;
  readonly long: string;
  readonly short: string;
}

export function burnAlerts(slo: SloSpec): BurnAlert[] {
  const period = periodOf(slo);
  return BURN_ALERTS.map((a) => ({ kind: a.kind, factor: a.factor, long: scaled(a.long, period), short: scaled(a.short, period) }));
}

/** Record names, each for one window (or none). */
export const SLO_RECORDS = {
  errorRatio: (window: string) => `slo:sli_error:ratio_rate${window}`,
  goodRate: (window: string) => `slo:sli_good:rate${window}`,
  totalRate: (window: string) => `slo:sli_total:rate${window}`,
  burnRate: (window: string) => `slo:burn_rate:rate${window}`,
  objective: 'slo:objective:ratio',
  budget: 'slo:error_budget:ratio',
  remaining: 'slo:error_budget:remaining_ratio',
} as const;

/** `slo:x{slo="request-success"}`: one SLO's series of a record. */
export function sloSeries(record: string, slo: SloSpec): string {
  return `${record}{slo=${JSON.stringify(slo.name)}}`;
}

/** The labels of every series of an SLO: slo and its own. */
export function seriesLabels(slo: SloSpec): Record<string, string> {
  return { slo: slo.name, ...(slo.labels ?? {}) };
}

export function labelSet(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

// ---------------------------------------------------------------------------------------------------------
// Test series: events that the good and total selectors count
// ---------------------------------------------------------------------------------------------------------

/** Values tried for a label a matcher constrains, besides those the matcher names. */
const CANDIDATES = ['success', 'ok', 'error', 'failed', 'timeout', '200', '500', 'other'];

/** Values a matcher names: `status=~"2..|3.."` names none that match, `le="5"` names "5". */
function named(m: LabelMatcher): string[] {
  return m.op === '=' || m.op === '!=' ? [m.value] : m.value.split('|').filter((v) => /^[A-Za-z0-9_.:+-]+$/.test(v));
}

/** A value for which every matcher on the label holds (or, with `violate`, the first one fails). */
function valueFor(matchers: readonly LabelMatcher[], violate?: LabelMatcher): string | undefined {
  const candidates = [...matchers.flatMap(named), ...CANDIDATES].filter((v) => v !== '');
  return candidates.find((v) => (violate ? !matcherMatches(violate, v) : true) && matchers.filter((m) => m !== violate).every((m) => matcherMatches(m, v)));
}

export interface ParsedSelector {
  readonly metric: string;
  readonly matchers: readonly LabelMatcher[];
}

export function parseSelector(text: string): ParsedSelector {
  const s = parsePromQL(text).selectors[0];
  return { metric: s.metric!, matchers: s.matchers.filter((m) => m.label !== '__name__') };
}

/** Same label, operator and value. */
export function sameMatcher(a: LabelMatcher, b: LabelMatcher): boolean {
  return a.label === b.label && a.op === b.op && a.value === b.value;
}

/**
 * Two event series for the tests: one good (every good matcher holds) and one bad (a total but
 * not a good event: a matcher good has beyond total fails). Undefined when no value is found.
 */
function eventSeries(slo: SloSpec): { good: string; bad: string; total?: string } | undefined {
  const { good, total } = sliSelectors(slo);
  const g = parseSelector(good);
  const t = parseSelector(total);
  const goodLabels = labelsFor(g.matchers);
  if (!goodLabels) return undefined;
  if (isHistogramPair(g, t)) {
    // Every request is counted in _count, the fast ones in the bucket too.
    const totalLabels = labelsFor(t.matchers);
    return totalLabels && { good: `${g.metric}${labelSet(goodLabels)}`, bad: '', total: `${t.metric}${labelSet(totalLabels)}` };
  }
  if (g.metric !== t.metric) return undefined;
  for (const violated of extraMatchers(g, t)) {
    const badLabels = labelsFor(g.matchers, violated);
    if (badLabels) return { good: `${g.metric}${labelSet(goodLabels)}`, bad: `${g.metric}${labelSet(badLabels)}` };
  }
  return undefined;
}

/** A histogram's bucket (good) and count (total): a bucket counts a subset of the requests by construction. */
export function isHistogramPair(good: ParsedSelector, total: ParsedSelector): boolean {
  return good.metric.endsWith('_bucket') && total.metric === `${good.metric.slice(0, -'_bucket'.length)}_count`;
}

/** The matchers of good that total lacks. */
export function extraMatchers(good: ParsedSelector, total: ParsedSelector): LabelMatcher[] {
  return good.matchers.filter((m) => !total.matchers.some((n) => sameMatcher(m, n)));
}

/** Label values satisfying the matchers (violating `violate`), undefined when none is found. */
function labelsFor(matchers: readonly LabelMatcher[], violate?: LabelMatcher): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const label of [...new Set(matchers.map((m) => m.label))]) {
    const on = matchers.filter((m) => m.label === label);
    const value = valueFor(on, on.includes(violate!) ? violate : undefined);
    if (value === undefined) return undefined;
    out[label] = value;
  }
  return out;
}

/** Events a minute in the test series: large, so that 1% around a threshold is whole events. */
export const EVENTS_A_MINUTE = 1_000_000;

/** promtool input series where `bad` of every EVENTS_A_MINUTE events fail, from t=0. */
export function burnSeries(slo: SloSpec, bad: number | { events: number; minutes: number }): Record<string, string> {
  // An SLI without such series is refused by the lint (lib/slo-lint.ts) before anything is synthesized.
  const series = eventSeries(slo);
  if (!series) return {};
  const T = EVENTS_A_MINUTE;
  // A burn that ends: `events` bad a minute for `minutes`, then none.
  const grow = (perMinute: number, after: number) =>
    typeof bad === 'number' ? `0+${perMinute}` : `0+${perMinute}x${bad.minutes} ${perMinute * bad.minutes + after}+${after}`;
  const badPerMinute = typeof bad === 'number' ? bad : bad.events;
  if (series.total !== undefined) {
    return { [series.good]: grow(T - badPerMinute, T), [series.total]: `0+${T}` };
  }
  return { [series.good]: grow(T - badPerMinute, T), [series.bad]: grow(badPerMinute, 0) };
}

/** Whether test series can be made for the SLI (the lint says why not). */
export function hasTestSeries(slo: SloSpec): boolean {
  return eventSeries(slo) !== undefined;
}

/** The group name of an SLO's rules. */
export function sloGroupName(environment: string, slo: SloSpec): string {
  return `${environment}-slo-${slo.name}`;
}

/** The name of an SLO's alert for one burn rate: "RequestSuccessBudgetBurn1h". */
export function burnAlertName(slo: SloSpec, alert: BurnAlert): string {
  return `${camelCase(slo.name)}BudgetBurn${alert.long}`;
}
