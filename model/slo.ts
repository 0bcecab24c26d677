import { z } from 'zod';
import { DURATION_EXPECTED, durationMilliseconds, isDuration } from '../lib/duration';
import { camelCase } from '../lib/names';
import { LabelMatcher, matcherMatches, parsePromQL, PromQLSyntaxError } from '../lib/promql';
import { AlertTests, formatDuration, RecordingTests, TestedAlertRule, TestedRecordingRule, TestedRuleGroup } from '../lib/rule-tests';

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
function num(value: number): number {
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

function periodOf(slo: SloSpec): string {
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
function windowName(seconds: number): string {
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
function seriesLabels(slo: SloSpec): Record<string, string> {
  return { slo: slo.name, ...(slo.labels ?? {}) };
}

function labelSet(labels: Readonly<Record<string, string>>): string {
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
const EVENTS_A_MINUTE = 1_000_000;

/** promtool input series where `bad` of every EVENTS_A_MINUTE events fail, from t=0. */
function burnSeries(slo: SloSpec, bad: number | { events: number; minutes: number }): Record<string, string> {
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

// ---------------------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------------------

export type SloAlertRule = TestedAlertRule & { readonly labels: Record<string, string>; readonly annotations: Record<string, string>; readonly tests: AlertTests };
export type SloRecordingRule = TestedRecordingRule & { readonly labels?: Record<string, string>; readonly tests: RecordingTests };
type Rule = SloAlertRule | SloRecordingRule;

export interface SloRuleGroup extends TestedRuleGroup {
  readonly slo: SloSpec;
  readonly rules: readonly Rule[];
}

/** The group name of an SLO's rules. */
export function sloGroupName(environment: string, slo: SloSpec): string {
  return `${environment}-slo-${slo.name}`;
}

/** The name of an SLO's alert for one burn rate: "RequestSuccessBudgetBurn1h". */
export function burnAlertName(slo: SloSpec, alert: BurnAlert): string {
  return `${camelCase(slo.name)}BudgetBurn${alert.long}`;
}

/** A ratio recorded over the first minute of a test: the windows hold two samples from then on. */
const RECORDED_AT = '1m';
const TOLERANCE = 1e-9;

function errorRatioRule(slo: SloSpec, window: string): Rule {
  const { good, total } = sliSelectors(slo);
  // Half the budget spent: every window shows the same ratio of a steady burn.
  const bad = Math.round(EVENTS_A_MINUTE * errorBudget(slo) * 0.5);
  return {
    record: SLO_RECORDS.errorRatio(window),
    // `or vector(0)`: a counter's labelled series appear with their first event, so while no
    // request has ever succeeded there is no good series, and the ratio must be 1, not empty.
    expr: `1 - (sum(rate(${good}[${window}])) or vector(0)) / sum(rate(${total}[${window}]))`,
    labels: seriesLabels(slo),
    tests: {
      series: burnSeries(slo, bad),
      at: RECORDED_AT,
      expect: { [`${SLO_RECORDS.errorRatio(window)}${labelSet(seriesLabels(slo))}`]: num(bad / EVENTS_A_MINUTE) },
      tolerance: TOLERANCE,
    },
  };
}

/** Good or total events a second over the shortest window: the period's ratio sums them. */
function eventRateRule(slo: SloSpec, which: 'good' | 'total', window: string): Rule {
  const selector = sliSelectors(slo)[which];
  const record = which === 'good' ? SLO_RECORDS.goodRate(window) : SLO_RECORDS.totalRate(window);
  const bad = Math.round(EVENTS_A_MINUTE * errorBudget(slo) * 0.5);
  const perSecond = (which === 'good' ? EVENTS_A_MINUTE - bad : EVENTS_A_MINUTE) / 60;
  return {
    record,
    // `or vector(0)`: no good series yet means none succeeded (see errorRatioRule).
    expr: which === 'good' ? `sum(rate(${selector}[${window}])) or vector(0)` : `sum(rate(${selector}[${window}]))`,
    labels: seriesLabels(slo),
    // Read once the window is full of samples: before, rate() divides what it holds by the whole window.
    tests: {
      series: burnSeries(slo, bad),
      at: window,
      expect: { [`${record}${labelSet(seriesLabels(slo))}`]: perSecond },
      tolerance: TOLERANCE * perSecond,
    },
  };
}

/**
 * The error ratio over the period, from the recorded event rates: a rate over 30 days of raw
 * samples, every minute, would read every sample of every series of the SLI; the recorded
 * rates are one series each, one sample a minute. Summed (not averaged), busy minutes weigh more.
 */
function periodRatioRule(slo: SloSpec, base: string): Rule {
  const period = periodOf(slo);
  const bad = Math.round(EVENTS_A_MINUTE * errorBudget(slo) * 0.5);
  // Each side summed to one series; the rule's labels put slo (and the SLO's labels) back.
  const sum = (record: string) => `sum(sum_over_time(${sloSeries(record, slo)}[${period}]))`;
  return {
    record: SLO_RECORDS.errorRatio(period),
    expr: `1 - ${sum(SLO_RECORDS.goodRate(base))} / ${sum(SLO_RECORDS.totalRate(base))}`,
    labels: seriesLabels(slo),
    tests: {
      series: burnSeries(slo, bad),
      at: RECORDED_AT,
      expect: { [`${SLO_RECORDS.errorRatio(period)}${labelSet(seriesLabels(slo))}`]: num(bad / EVENTS_A_MINUTE) },
      tolerance: TOLERANCE,
    },
  };
}

function constantRule(slo: SloSpec, record: string, value: number): Rule {
  return {
    record,
    expr: `vector(${value})`,
    labels: seriesLabels(slo),
    tests: { series: {}, at: '0s', expect: { [`${record}${labelSet(seriesLabels(slo))}`]: value } },
  };
}

function burnRateRule(slo: SloSpec, window: string): Rule {
  const budget = errorBudget(slo);
  const bad = Math.round(EVENTS_A_MINUTE * budget * 2);
  return {
    record: SLO_RECORDS.burnRate(window),
    expr: `${sloSeries(SLO_RECORDS.errorRatio(window), slo)} / ${budget}`,
    // The labels the input carries already: they tell the lint each SLO writes series of its own.
    labels: seriesLabels(slo),
    tests: {
      series: burnSeries(slo, bad),
      at: RECORDED_AT,
      expect: { [`${SLO_RECORDS.burnRate(window)}${labelSet(seriesLabels(slo))}`]: num(bad / EVENTS_A_MINUTE / budget) },
      tolerance: TOLERANCE,
    },
  };
}

function remainingRule(slo: SloSpec): Rule {
  const budget = errorBudget(slo);
  const period = periodOf(slo);
  const bad = Math.round(EVENTS_A_MINUTE * budget * 0.25);
  return {
    record: SLO_RECORDS.remaining,
    expr: `1 - ${sloSeries(SLO_RECORDS.errorRatio(period), slo)} / ${budget}`,
    labels: seriesLabels(slo),
    tests: {
      series: burnSeries(slo, bad),
      at: RECORDED_AT,
      expect: { [`${SLO_RECORDS.remaining}${labelSet(seriesLabels(slo))}`]: num(1 - bad / EVENTS_A_MINUTE / budget) },
      tolerance: TOLERANCE,
    },
  };
}

/** The bad events a minute, of EVENTS_A_MINUTE, that burn the budget `burn` times as fast as allowed. */
function badAt(slo: SloSpec, burn: number, round: (x: number) => number): number {
  return round(EVENTS_A_MINUTE * errorBudget(slo) * burn);
}

function burnAlertRule(slo: SloSpec, alert: BurnAlert, step: number): Rule {
  const budget = errorBudget(slo);
  const threshold = `(${alert.factor} * ${budget})`;
  const period = periodOf(slo);
  const severity = alert.kind === 'page' ? slo.alerts.page : slo.alerts.ticket;
  const lasts = windowName(durationMilliseconds(period) / 1000 / alert.factor);
  const annotations = {
    summary: `SLO ${slo.name}: error budget burning ${alert.factor}x as fast as the ${slo.objective}% objective allows`,
    description:
      `Over the last ${alert.long}, and still over the last ${alert.short}, ${slo.description} failed ${alert.factor} or more times ` +
      `as often as ${slo.objective}% over ${period} allows: at this rate the ${period} budget is gone in ${lasts}.`,
  };
  // Every window holds two samples of the test series from their first minute on.
  const fires = Math.ceil(60 / step) * step;
  // The resolving run burns at m times the threshold (8, or less where that would be more than
  // 95% of events) for D minutes, then stops. At its end the short window is at least
  // min(m, 2) times the threshold; one short window later it holds no bad event, while the long
  // one still holds the burn, m * D / (D + S) > 1 times the threshold since D >= 1.5 S / (m - 1).
  const shortMinutes = durationMilliseconds(alert.short) / 60_000;
  const m = Math.min(8, 0.95 / (alert.factor * budget));
  const burnMinutes = Math.ceil(Math.max(2 / m, 1.5 / (m - 1)) * shortMinutes);
  const quietAt = Math.ceil(((burnMinutes + shortMinutes) * 60) / step) * step;
  return {
    alert: burnAlertName(slo, alert),
    expr: `${sloSeries(SLO_RECORDS.errorRatio(alert.long), slo)} > ${threshold} and ${sloSeries(SLO_RECORDS.errorRatio(alert.short), slo)} > ${threshold}`,
    labels: { severity, long_window: alert.long, short_window: alert.short, burn_rate: String(alert.factor) },
    annotations,
    tests: {
      // 1% above the burn rate it is meant for fires; 1% below does not.
      series: mergeRuns(burnSeries(slo, badAt(slo, alert.factor * 1.01, Math.ceil)), burnSeries(slo, badAt(slo, alert.factor * 0.99, Math.floor))),
      firesAfter: formatDuration(fires),
      labels: seriesLabels(slo),
      annotations,
      resolves: {
        series: burnSeries(slo, { events: badAt(slo, alert.factor * m, Math.round), minutes: burnMinutes }),
        firingAt: formatDuration(Math.floor((burnMinutes * 60) / step) * step),
        quietAt: formatDuration(quietAt),
        stillTrue: [`${sloSeries(SLO_RECORDS.errorRatio(alert.long), slo)} > ${threshold}`],
      },
    },
  };
}

/** { firing, quiet } values of two runs over the same series. */
function mergeRuns(firing: Record<string, string>, quiet: Record<string, string>): AlertTests['series'] {
  return Object.fromEntries(Object.keys(firing).map((k) => [k, { firing: firing[k], quiet: quiet[k] }]));
}

/** Windows in ascending order, each once. */
function uniqueWindows(windows: readonly string[]): string[] {
  return [...new Set(windows)].sort((a, b) => durationMilliseconds(a) - durationMilliseconds(b));
}

/**
 * How often SLO groups are evaluated: their shortest window is minutes long, and ratios over
 * days are costly queries, so once a minute rather than at the global interval.
 */
export const SLO_EVALUATION_INTERVAL = '1m';

/**
 * One rule group per SLO, "<env>-slo-<name>": records first (each evaluation records the ratios
 * before the alerts read them), then the alerts.
 */
export function sloRuleGroups(environment: string, slos: readonly SloSpec[]): SloRuleGroup[] {
  const step = durationMilliseconds(SLO_EVALUATION_INTERVAL) / 1000;
  return slos.map((slo) => {
    const alerts = burnAlerts(slo);
    const windows = uniqueWindows(alerts.flatMap((a) => [a.short, a.long]));
    const rules: Rule[] = [
      constantRule(slo, SLO_RECORDS.objective, objectiveRatio(slo)),
      constantRule(slo, SLO_RECORDS.budget, errorBudget(slo)),
      ...windows.map((w) => errorRatioRule(slo, w)),
      eventRateRule(slo, 'good', windows[0]),
      eventRateRule(slo, 'total', windows[0]),
      periodRatioRule(slo, windows[0]),
      ...uniqueWindows(alerts.map((a) => a.long)).map((w) => burnRateRule(slo, w)),
      remainingRule(slo),
      ...alerts.map((a) => burnAlertRule(slo, a, step)),
    ];
    return { name: sloGroupName(environment, slo), interval: SLO_EVALUATION_INTERVAL, slo, rules };
  });
}
