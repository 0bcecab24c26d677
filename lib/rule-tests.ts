import { z } from 'zod';
import { DURATION_EXPECTED, durationSeconds, isDuration } from './duration';
import { ConfigError, describeValue } from './errors';
import { parsePromQL } from './promql';
import { toYaml } from './yaml';

/**
 * Unit tests of Prometheus rules, kept as data next to each rule (its `tests` field) and
 * rendered to promtool test files (`promtool test rules`).
 *
 * An alerting rule's tests feed its expression two runs of input series that start at t=0:
 * - the firing run: no alert one evaluation before `firesAfter` (by default the rule's `for`),
 *   then the alert, with the expected labels and rendered annotations, at `firesAfter`;
 * - the quiet run, with values just on the safe side of the threshold: no alert, even once every
 *   range window of the expression is full of them.
 * A recording rule's tests feed it series and name the output series it must record.
 *
 * Input series have one sample a minute, written in promtool's notation: 5 is held; '0+7'
 * grows by 7 a minute; '_' is no sample. The last term repeats until the end of the test;
 * earlier terms carry their count: '0+10x60 600' grows for an hour, then stays flat.
 */

/** The interval between two samples of an input series. */
const SAMPLE_INTERVAL = '1m';
const SAMPLE_SECONDS = durationSeconds(SAMPLE_INTERVAL);

const NUMBER = String.raw`-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;
/** One promtool term: _, _xN, stale, A, AxN, A+B, A+BxN, A-BxN. */
const TERM = new RegExp(`^(?:(_)|(stale)|(${NUMBER})(?:([+-])(${NUMBER}))?)(?:x(\\d+))?$`, 'i');

type SeriesValues = number | string;

/** Why a values string is not valid, or undefined when it is. */
function valuesProblem(values: string): string | undefined {
  const terms = values.trim().split(/\s+/);
  for (const [i, term] of terms.entries()) {
    const m = TERM.exec(term);
    if (!m || (m[2] !== undefined && m[6] !== undefined)) return `"${term}" is not a promtool value such as 5, 0+7, _ or 0+10x60`;
    const last = i === terms.length - 1;
    if (last && m[6] !== undefined) return `the last term "${term}" repeats until the end of the test: drop its x${m[6]}`;
    if (last && m[2] !== undefined) return 'the last term repeats until the end of the test: it cannot be "stale"';
    if (!last && m[4] !== undefined && m[6] === undefined) return `"${term}" grows until the end of the test: only the last term may, give the others a count (${term}x10)`;
  }
  return undefined;
}

const VALUES_EXPECTED = 'a number held, or promtool values whose last term repeats to the end, such as "0+7" or "0+10x60 600"';
const SERIES_EXPECTED = 'a series such as \'brain_worker_status{worker="w1"}\'';
const SERIES = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?$/;

const seriesValues = z.union([
  z.number(),
  z.string().superRefine((v, ctx) => {
    const problem = v.trim() === '' ? 'no values' : valuesProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `expected ${VALUES_EXPECTED} (${problem})`, input: v });
  }),
], { error: `expected ${VALUES_EXPECTED}` });

/** A record keyed by series, its keys checked with a message that says what a series is. */
function bySeries<T extends z.ZodType>(values: T) {
  return z.record(z.string(), values).superRefine((record, ctx) => {
    for (const key of Object.keys(record).filter((k) => !SERIES.test(k))) {
      ctx.addIssue({ code: 'custom', path: [key], message: `expected ${SERIES_EXPECTED}`, input: key });
    }
  });
}

const duration = z.string().refine(isDuration, { error: `expected ${DURATION_EXPECTED}` });

/** The tests of an alerting rule: what it is fed and what it must do. */
export const alertTestsSchema = z.strictObject({
  /** Input series: values shared by both runs, or { firing, quiet } where the runs differ. */
  series: bySeries(z.union([seriesValues, z.strictObject({ firing: seriesValues, quiet: seriesValues })])),
  /**
   * When the alert fires in the firing run. Required when the expression reads range windows
   * ([5m]), whose values take time to reach the threshold. @default the rule's for
   */
  firesAfter: duration.optional(),
  /** Labels of the firing alert besides the rule's own (severity...). @default none */
  labels: z.record(z.string(), z.string()).optional(),
  /** Every annotation of the firing alert, rendered. */
  annotations: z.record(z.string(), z.string()),
  /**
   * A third run, in which the condition held and then ended: the alert fires at `firingAt` (with
   * the labels and annotations above) and is gone at `quietAt`. `stillTrue` are conditions that
   * hold at `quietAt` and show why it resolved then (a long window still above its threshold
   * while the short one fell below). @default no such run
   */
  resolves: z
    .strictObject({
      series: bySeries(seriesValues),
      firingAt: duration,
      quietAt: duration,
      stillTrue: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  /** The alert fires whatever it is fed (a dead man's switch): tested firing from the start and an hour later, with no quiet run. */
  alwaysFires: z.literal(true).optional(),
});

/** The tests of a recording rule: input series and the series it records from them. */
export const recordingTestsSchema = z.strictObject({
  series: bySeries(seriesValues),
  /** When the output is read. @default once the longest range window of the expression is full */
  at: duration.optional(),
  /** Every output series, e.g. { 'lloom:request_rate:5m{model="llama"}': 0.1 }. */
  expect: bySeries(z.number()),
  /**
   * How far a recorded value may be from the expected one: for ratios of rates, whose last bits
   * depend on the order of floating-point operations. @default 0 (the exact value)
   */
  tolerance: z.number({ error: 'expected a positive number such as 1e-9' }).positive({ error: 'expected a positive number such as 1e-9' }).optional(),
});

export type AlertTests = z.infer<typeof alertTestsSchema>;
export type RecordingTests = z.infer<typeof recordingTestsSchema>;

/** The rule shapes this module reads (a spec's rules, or generated ones). */
export interface TestedAlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly tests?: AlertTests;
}

export interface TestedRecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly tests?: RecordingTests;
}

export interface TestedRuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly (TestedAlertRule | TestedRecordingRule)[];
}

/** One promtool test file: the tests of one rule. */
export interface PromtoolTestFile {
  readonly group: string;
  /** The alert or record name. */
  readonly rule: string;
  /** File name, unique within an environment; it sits next to the rule files it names. */
  readonly fileName: string;
  readonly content: string;
}

export interface PromtoolTestOptions {
  /** Environment name, for error messages. */
  readonly environment: string;
  /** Prometheus's global evaluation interval: groups without their own interval use it. */
  readonly evaluationInterval: string;
  /** The rule file (relative to the test files) that holds a group. */
  readonly ruleFile: (group: string) => string;
}

function ruleName(rule: TestedAlertRule | TestedRecordingRule): string {
  return 'alert' in rule ? rule.alert : rule.record;
}

/** "homelab-alerts/WorkerDown" for every rule that has no tests. */
export function rulesWithoutTests(groups: readonly TestedRuleGroup[]): string[] {
  return groups.flatMap((g) => g.rules.filter((r) => r.tests === undefined).map((r) => `${g.name}/${ruleName(r)}`));
}

/**
 * "2m", "1m45s", "0s", "1s500ms": the shortest duration promtool reads, to the millisecond (the
 * finest unit of a duration; durationSeconds reads it back).
 */
export function formatDuration(seconds: number): string {
  // Whole milliseconds: a spec's durations are, and seconds computed from them may carry float error.
  let rest = Math.round(seconds * 1000);
  if (rest === 0) return '0s';
  const units: Array<[string, number]> = [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

/** The longest range window ([5m], subquery [1h:1m]) the expression reads, in seconds. */
export function longestWindowSeconds(expr: string): number {
  const analysis = parsePromQL(expr);
  const subqueries = analysis.calls.flatMap((c) => c.args.filter((a) => a.kind === 'subquery').map((a) => a.rangeSeconds ?? 0));
  return Math.max(0, ...analysis.rangeSelectorsSeconds, ...subqueries);
}

/** promtool values with exactly `samples` samples (or more, when the fixed terms are longer). */
export function expandValues(values: SeriesValues, samples: number): string {
  const terms = typeof values === 'number' ? [String(values)] : values.trim().split(/\s+/);
  const problem = typeof values === 'number' ? undefined : valuesProblem(values);
  if (problem) throw new ConfigError(problem);
  let used = 0;
  for (const term of terms.slice(0, -1)) {
    const m = TERM.exec(term)!;
    const count = m[6] === undefined ? undefined : Number(m[6]);
    used += m[1] !== undefined ? (count ?? 1) : count === undefined ? 1 : count + 1;
  }
  const rest = Math.max(1, samples - used);
  const last = terms[terms.length - 1];
  const m = TERM.exec(last)!;
  const repeated = m[1] !== undefined ? `_x${rest}` : rest === 1 ? last : `${last}x${rest - 1}`;
  return [...terms.slice(0, -1), repeated].join(' ');
}

/** The path of a rule's tests in error messages. */
function where(options: PromtoolTestOptions, group: string, rule: string): string {
  return `environment "${options.environment}": rule group "${group}", ${rule}`;
}

function fail(at: string, field: string, expected: string, given: unknown): never {
  throw new ConfigError(`${at}: ${field}: expected ${expected}, got ${describeValue(given)}`);
}

function samplesUntil(seconds: number): number {
  // One sample past the last evaluation, so no series ends (or goes stale) inside the test.
  return Math.floor(seconds / SAMPLE_SECONDS) + 2;
}

function inputSeries(series: Record<string, SeriesValues>, samples: number): Array<{ series: string; values: string }> {
  return Object.entries(series).map(([name, values]) => ({ series: name, values: expandValues(values, samples) }));
}

function alertTests(rule: TestedAlertRule, tests: AlertTests, step: number, at: string): Record<string, unknown>[] {
  const forSeconds = rule.for ? durationSeconds(rule.for) : 0;
  const window = longestWindowSeconds(rule.expr);
  if (tests.firesAfter === undefined && window > 0) {
    fail(at, 'tests.firesAfter', `when the alert fires in the firing run: its expression reads a ${formatDuration(window)} window, whose values take time to reach the threshold`, undefined);
  }
  const fires = tests.firesAfter === undefined ? forSeconds : durationSeconds(tests.firesAfter);
  if (fires < forSeconds) {
    fail(at, 'tests.firesAfter', `at least the rule's for (${rule.for}): an alert fires only once its condition has held that long`, tests.firesAfter);
  }
  // In whole milliseconds: 0.3 % 0.1 is not 0 in floating point.
  if (Math.round(fires * 1000) % Math.round(step * 1000) !== 0) {
    fail(at, 'tests.firesAfter', `a multiple of the group's evaluation interval (${formatDuration(step)}), when rules are evaluated`, tests.firesAfter);
  }
  const differing = Object.values(tests.series).filter((v) => typeof v === 'object');
  if (differing.length === 0 && !tests.alwaysFires) {
    fail(at, 'tests.series', 'at least one series with { firing, quiet } values: the quiet run must differ from the firing run', Object.keys(tests.series));
  }
  const ruleAnnotations = Object.keys(rule.annotations ?? {}).sort();
  const testAnnotations = Object.keys(tests.annotations).sort();
  if (JSON.stringify(ruleAnnotations) !== JSON.stringify(testAnnotations)) {
    fail(at, 'tests.annotations', `every annotation the rule renders (${ruleAnnotations.join(', ') || 'none'})`, testAnnotations);
  }
  const quietAt = fires + window;
  const samples = samplesUntil(Math.max(fires, quietAt));
  const run = (which: 'firing' | 'quiet') =>
    inputSeries(Object.fromEntries(Object.entries(tests.series).map(([name, v]) => [name, typeof v === 'object' ? v[which] : v])), samples);
  const expected = {
    exp_labels: { ...(rule.labels ?? {}), ...(tests.labels ?? {}) },
    exp_annotations: { ...tests.annotations },
  };
  const firing = [
    ...(fires - step >= 0 ? [{ alertname: rule.alert, eval_time: formatDuration(fires - step) }] : []),
    { alertname: rule.alert, eval_time: formatDuration(fires), exp_alerts: [expected] },
  ];
  if (tests.alwaysFires) {
    return [
      {
        name: `${rule.alert} fires from ${formatDuration(fires)} on, whatever it is fed`,
        interval: SAMPLE_INTERVAL,
        input_series: run('firing'),
        alert_rule_test: [...firing, { alertname: rule.alert, eval_time: formatDuration(fires + 3600), exp_alerts: [expected] }],
      },
    ];
  }
  const resolves = tests.resolves === undefined ? [] : [resolvesTest(rule, tests.resolves, expected, step, at)];
  return [
    {
      name: `${rule.alert} fires ${formatDuration(fires)} after the firing series start, not one evaluation earlier`,
      interval: SAMPLE_INTERVAL,
      input_series: run('firing'),
      alert_rule_test: firing,
    },
    {
      name: `${rule.alert} stays quiet just below its threshold`,
      interval: SAMPLE_INTERVAL,
      input_series: run('quiet'),
      alert_rule_test: [{ alertname: rule.alert, eval_time: formatDuration(quietAt) }],
    },
    ...resolves,
  ];
}

/** The run in which the condition ends: firing at firingAt, gone at quietAt, stillTrue holding then. */
function resolvesTest(
  rule: TestedAlertRule,
  resolves: NonNullable<AlertTests['resolves']>,
  expected: Record<string, unknown>,
  step: number,
  at: string,
): Record<string, unknown> {
  const firingAt = durationSeconds(resolves.firingAt);
  const quietAt = durationSeconds(resolves.quietAt);
  if (quietAt <= firingAt) {
    fail(at, 'tests.resolves.quietAt', `a time after firingAt (${resolves.firingAt}): the alert resolves once it has fired`, resolves.quietAt);
  }
  for (const [field, seconds, given] of [['firingAt', firingAt, resolves.firingAt], ['quietAt', quietAt, resolves.quietAt]] as const) {
    if (Math.round(seconds * 1000) % Math.round(step * 1000) !== 0) {
      fail(at, `tests.resolves.${field}`, `a multiple of the group's evaluation interval (${formatDuration(step)}), when rules are evaluated`, given);
    }
  }
  // count(...) is 1 exactly when the condition holds for one series: a value-free check.
  const stillTrue = (resolves.stillTrue ?? []).map((condition) => ({
    expr: `count(${condition})`,
    eval_time: formatDuration(quietAt),
    exp_samples: [{ labels: '{}', value: 1 }],
  }));
  return {
    name: `${rule.alert} fires at ${formatDuration(firingAt)} and resolves by ${formatDuration(quietAt)} once its condition has ended`,
    interval: SAMPLE_INTERVAL,
    input_series: inputSeries(resolves.series, samplesUntil(quietAt)),
    alert_rule_test: [
      { alertname: rule.alert, eval_time: formatDuration(firingAt), exp_alerts: [expected] },
      { alertname: rule.alert, eval_time: formatDuration(quietAt) },
    ],
    ...(stillTrue.length ? { promql_expr_test: stillTrue } : {}),
  };
}

function recordingTests(rule: TestedRecordingRule, tests: RecordingTests, step: number, at: string): Record<string, unknown>[] {
  for (const name of Object.keys(tests.expect)) {
    if (name !== rule.record && !name.startsWith(`${rule.record}{`)) {
      fail(at, 'tests.expect', `series of ${rule.record}, such as '${rule.record}{model="llama"}'`, name);
    }
  }
  const window = longestWindowSeconds(rule.expr);
  const when = tests.at === undefined ? Math.ceil(window / step) * step : durationSeconds(tests.at);
  const evalTime = formatDuration(when);
  const tolerance = tests.tolerance;
  // Within a tolerance: one check per expected series that it is that close, and one that no other series is recorded.
  const checks =
    tolerance === undefined
      ? [{ expr: rule.record, eval_time: evalTime, exp_samples: Object.entries(tests.expect).map(([labels, value]) => ({ labels, value })) }]
      : [
          ...Object.entries(tests.expect).map(([series, value]) => ({
            expr: `abs(${series} - ${value}) <= bool ${tolerance}`,
            eval_time: evalTime,
            exp_samples: [{ labels: series.slice(rule.record.length) || '{}', value: 1 }],
          })),
          { expr: `count(${rule.record})`, eval_time: evalTime, exp_samples: [{ labels: '{}', value: Object.keys(tests.expect).length }] },
        ];
  return [
    {
      name: `${rule.record} records its output series at ${evalTime}`,
      interval: SAMPLE_INTERVAL,
      input_series: inputSeries(tests.series, samplesUntil(when)),
      promql_expr_test: checks,
    },
  ];
}

/** A file name that stays in its folder: "homelab-alerts.WorkerDown.test.yml". */
function testFileName(group: string, rule: string): string {
  return `${group}.${rule}.test.yml`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * One promtool test file per rule, each evaluating the rule's group at the group's own
 * interval (promtool evaluates every group at the test file's interval). Throws a ConfigError
 * for a rule without tests, or tests that cannot show what they must.
 */
export function promtoolTestFiles(groups: readonly TestedRuleGroup[], options: PromtoolTestOptions): PromtoolTestFile[] {
  const untested = rulesWithoutTests(groups);
  if (untested.length > 0) {
    throw new ConfigError(
      `environment "${options.environment}": every rule needs tests (input series and the expected result) next to its definition; these have none: ${untested.join(', ')}`,
    );
  }
  return groups.flatMap((group) => {
    const interval = group.interval ?? options.evaluationInterval;
    const step = durationSeconds(interval);
    return group.rules.map((rule) => {
      const name = ruleName(rule);
      const at = where(options, group.name, 'alert' in rule ? `alert "${name}"` : `record "${name}"`);
      const tests = 'alert' in rule ? alertTests(rule, rule.tests!, step, at) : recordingTests(rule, rule.tests!, step, at);
      return {
        group: group.name,
        rule: name,
        fileName: testFileName(group.name, name),
        content: toYaml({ rule_files: [options.ruleFile(group.name)], evaluation_interval: interval, tests }),
      };
    });
  });
}
