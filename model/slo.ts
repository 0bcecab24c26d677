import { durationMilliseconds } from '../lib/duration';
import { AlertTests, formatDuration, RecordingTests, TestedAlertRule, TestedRecordingRule, TestedRuleGroup } from '../lib/rule-tests';
import { burnAlertName, sloGroupName, SloSpec, sliSelectors, num, objectiveRatio, errorBudget, periodOf, windowName, BurnAlert, burnAlerts, SLO_RECORDS, sloSeries, seriesLabels, labelSet, EVENTS_A_MINUTE, burnSeries } from './slo-schema';
export { SLO_PERIOD_DEFAULT, sloSchema, checkSlos, sliSelectors, objectiveRatio, errorBudget, burnAlerts, SLO_RECORDS, sloSeries, parseSelector, sameMatcher, isHistogramPair, extraMatchers, hasTestSeries, sloGroupName, burnAlertName } from './slo-schema';
export type { SloSpec, BurnAlert, ParsedSelector } from './slo-schema';

/** An SLO's generated rule groups, each rule with its promtool tests (the schema, checks and series in slo-schema.ts). */

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
