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
import { AlertmanagerFinding, LABEL_NAME, LintAlertmanager, lintAlertmanager, SentAlert } from './alertmanager-lint';
import { readTemplate } from './go-template';
import { re2FullMatch, re2Problem } from './re2';
import { expandCatalog, MetricCatalog, ruleSeries, scrapeSeries, SeriesDef, SeriesType } from './catalogs';
import { durationSeconds } from './duration';
import { camelCase, levenshtein } from './names';
import {
  BinaryOperation,
  compileMatcherRegex,
  ExprNode,
  COUNTER_FUNCTIONS,
  LabelMatcher,
  lineAndColumn,
  matcherMatches,
  nestedCalls,
  parsePromQL,
  PromQLAnalysis,
  PromQLCall,
  PromQLSyntaxError,
  Selector,
} from './promql';

// ---------------------------------------------------------------------------------------------------------
// Input and output
// ---------------------------------------------------------------------------------------------------------

/** One scrape job: what it exposes and which labels its targets add. */
export interface LintJob {
  readonly name: string;
  /** The job's scrape interval, e.g. "15s". */
  readonly scrapeInterval: string;
  /** The metric families its targets expose (up and scrape_* are implied). */
  readonly metrics: MetricCatalog;
  /**
   * Labels Prometheus attaches to the job's series besides job and instance: static target
   * labels (machine, ...) and relabelling target labels. External labels are not among them.
   */
  readonly targetLabels: readonly string[];
  /** The job's relabelling maps labels it cannot know (labelmap): any label may be carried. */
  readonly anyLabels?: boolean;
  /** @default Prometheus's 10s, capped at the interval */
  readonly scrapeTimeout?: string;
  /** The host:port of each static target. */
  readonly targets?: readonly string[];
  /** How findings name the job, e.g. "jobs[3]". @default job "<name>" */
  readonly path?: string;
  readonly relabelConfigs?: readonly LintRelabel[];
  readonly metricRelabelConfigs?: readonly LintRelabel[];
}

/** A relabel_configs / metric_relabel_configs entry, as in prometheus.yml. */
export interface LintRelabel {
  readonly sourceLabels?: readonly string[];
  readonly separator?: string;
  readonly regex?: string;
  readonly action?: string;
  readonly targetLabel?: string;
}

/** Turns a check off for one rule, for a reason that `npm run lint:monitoring` prints. */
export interface LintDisable {
  readonly check: string;
  readonly reason: string;
}

export interface LintAlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly lintDisable?: readonly LintDisable[];
  /**
   * For a rule the project generated from the user's (an Absent alert): the user's alert names. A
   * finding in it is reported once, at the first of those rules.
   */
  readonly generatedFrom?: readonly string[];
}

export interface LintRecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly lintDisable?: readonly LintDisable[];
}

export interface LintRuleGroup {
  readonly name: string;
  /** @default the environment's evaluation interval */
  readonly interval?: string;
  /** How findings name the group, e.g. "ruleGroups[0]" (its path in the spec). @default rule group "<name>" */
  readonly path?: string;
  readonly rules: ReadonlyArray<LintAlertRule | LintRecordingRule>;
}

export interface LintPanel {
  readonly title: string;
  /** The panel's PromQL queries (queries of other data sources are left out). */
  readonly queries: ReadonlyArray<{ readonly refId?: string; readonly expr: string; readonly legendFormat?: string }>;
}

export interface LintDashboard {
  readonly title: string;
  readonly panels: readonly LintPanel[];
  /** Query variables, e.g. { name: 'instance', query: 'label_values(up{job=~"$job"}, instance)' }. */
  readonly variables?: ReadonlyArray<{ readonly name: string; readonly query: string }>;
}

/** An environment as the lint sees it. */
export interface LintEnvironment {
  readonly name: string;
  /** Severities alerts may carry. */
  readonly severities: readonly string[];
  /** The global evaluation interval, for rule groups without their own. */
  readonly evaluationInterval: string;
  readonly jobs: readonly LintJob[];
  readonly ruleGroups: readonly LintRuleGroup[];
  readonly dashboards?: readonly LintDashboard[];
  /** Labels Prometheus adds to the alerts it sends (and templates read as $externalLabels). */
  readonly externalLabels?: Readonly<Record<string, string>>;
  readonly alertmanager?: LintAlertmanager;
  /**
   * The stack's own services Prometheus scrapes (prometheus, alertmanager, loki, ...): every
   * host:port that reaches each, its container alias and the monitoring host's names with its port.
   */
  readonly ownTargets?: ReadonlyArray<{ readonly job: string; readonly addresses: readonly string[] }>;
  /** Values of fields that name a secret, and addresses: none may hold a credential. */
  readonly credentialFields?: ReadonlyArray<{ readonly where: string; readonly value: string; readonly kind: 'secret-name' | 'address' }>;
}

export type CheckId =
  | 'syntax'
  | 'unknown-metric'
  | 'unknown-label'
  | 'counter-function'
  | 'gauge-function'
  | 'histogram-quantile'
  | 'rate-window'
  | 'vector-matching'
  | 'alert-comparison'
  | 'alert-name'
  | 'severity'
  | 'annotations'
  | 'catalog'
  | 'template'
  | 'label-name'
  | 'label-flow'
  | 'without-label'
  | 'for-interval'
  | 'record-collision'
  | 'metric-relabel-drop'
  | 'scrape-timeout'
  | 'scrape-duplicate'
  | 'regex'
  | 'credential'
  | 'lint-disable'
  | 'sli'
  | AlertmanagerFinding['check'];

/** Checks whose findings print but let synth finish; every other check refuses it. */
export const WARNING_CHECKS: ReadonlySet<CheckId> = new Set<CheckId>(['for-interval', 'group-by', 'without-label']);

export const CHECK_IDS: readonly CheckId[] = [
  'syntax', 'unknown-metric', 'unknown-label', 'counter-function', 'gauge-function', 'histogram-quantile', 'rate-window',
  'vector-matching', 'alert-comparison', 'alert-name', 'severity', 'annotations', 'catalog', 'template', 'label-name', 'label-flow', 'without-label',
  'for-interval', 'record-collision', 'metric-relabel-drop', 'scrape-timeout', 'scrape-duplicate', 'regex', 'credential', 'lint-disable', 'sli',
  'route-matcher', 'unreachable-receiver', 'group-by', 'inhibit', 'repeat-interval', 'expected-receivers', 'time-interval', 'receiver-globals',
];

export interface Finding {
  readonly environment: string;
  /** e.g. `rule WorkerDown (ruleGroups[0].rules[0])` or `dashboard "System Infrastructure" panel "CPU"`. */
  readonly where: string;
  readonly check: CheckId;
  /** What is wrong and what is expected, with the position in the expression. */
  readonly message: string;
  /** Errors refuse synth; warnings are printed. */
  readonly severity: 'error' | 'warning';
  /** The reason of the rule's lintDisable entry for this check: the finding refuses nothing. */
  readonly disabledBecause?: string;
}

/** `environment "homelab": rule WorkerDown (ruleGroups[0].rules[0]): <message>` (warnings and disabled ones say so). */
export function formatFinding(f: Finding): string {
  const tag = f.disabledBecause !== undefined ? `disabled (${f.check}: ${f.disabledBecause}): ` : f.severity === 'warning' ? 'warning: ' : '';
  return `environment "${f.environment}": ${f.where}: ${tag}${f.message}`;
}

/** Whether a finding refuses synth. */
export function refuses(f: Finding): boolean {
  return f.severity === 'error' && f.disabledBecause === undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The series index
// ---------------------------------------------------------------------------------------------------------

/** Where a series comes from: a scrape job, a recording rule, or the rule evaluator (ALERTS). */
interface Source {
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

const COUNTER_LIKE = new Set<SeriesType>(['counter', 'histogram_bucket', 'histogram_sum', 'histogram_count', 'summary_sum', 'summary_count']);

const TYPE_WORDS: Record<SeriesType, string> = {
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

const expansions = new WeakMap<MetricCatalog, Map<string, SeriesDef>>();

/** expandCatalog, once per catalog object (many jobs share one). */
function expanded(catalog: MetricCatalog): Map<string, SeriesDef> {
  let series = expansions.get(catalog);
  if (!series) {
    series = expandCatalog(catalog);
    expansions.set(catalog, series);
  }
  return series;
}

class SeriesIndex {
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

function seconds(duration: string | undefined, fallback: number): number {
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
function at(expr: string, position: number): string {
  const { line, column } = lineAndColumn(expr, position);
  return `line ${line}, column ${column}`;
}

function quoteList(values: Iterable<string>): string {
  return [...values].map((v) => `"${v}"`).join(', ');
}

function matcherText(m: LabelMatcher): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}

function hasTemplate(value: string): boolean {
  return /\$/.test(value);
}

/** Whether a matcher accepts a series that lacks the label (its value is then ""). */
function matchesEmpty(m: LabelMatcher): boolean {
  if (hasTemplate(m.value)) return false; // a dashboard variable names values the label must have
  // An invalid regex is not this check's business: taken as matching "".
  if ((m.op === '=~' || m.op === '!~') && compileMatcherRegex(m.value) === undefined) return m.op === '=~';
  return matcherMatches(m, '');
}


// ---------------------------------------------------------------------------------------------------------
// Function families
// ---------------------------------------------------------------------------------------------------------

const GAUGE_FUNCTIONS = new Set(['delta', 'idelta', 'deriv', 'predict_linear']);
/** Functions that need two samples in their window. */
const WINDOW_FUNCTIONS = new Set([...COUNTER_FUNCTIONS, ...GAUGE_FUNCTIONS]);
/** Functions whose result keeps the labels of their (only) vector argument. */
const LABEL_PRESERVING = new Set([
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'resets', 'changes',
  'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'last_over_time',
  'stddev_over_time', 'stdvar_over_time', 'quantile_over_time', 'mad_over_time', 'present_over_time',
  'abs', 'ceil', 'floor', 'round', 'sqrt', 'exp', 'ln', 'log2', 'log10', 'clamp', 'clamp_min', 'clamp_max', 'sgn',
]);
/** Aggregations whose output series keep their input labels (they pick series, not group them). */
const SELECTING_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);
/** Alerts that fire on absence need no comparison. */
const ABSENCE_FUNCTIONS = new Set(['absent', 'absent_over_time']);
const SET_OPERATORS = new Set(['and', 'or', 'unless']);

// ---------------------------------------------------------------------------------------------------------
// The lint
// ---------------------------------------------------------------------------------------------------------

interface Context {
  readonly where: string;
  readonly expr: string;
}

class Linter {
  private readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();
  private readonly index = new SeriesIndex();
  private readonly jobNames: string[];
  private readonly evaluationSeconds: number;

  constructor(private readonly env: LintEnvironment) {
    this.jobNames = env.jobs.map((j) => j.name);
    this.evaluationSeconds = seconds(env.evaluationInterval, 15);
  }

  /** Per rule: its lintDisable entries, and for a generated rule the user's rule its findings go to. */
  private readonly rules = new Map<string, { disable: readonly LintDisable[]; reportAt?: string }>();
  /** Where each user alert is, by name. */
  private readonly alertWhere = new Map<string, string>();

  private report(where: string, check: CheckId, message: string): void {
    const rule = this.rules.get(where);
    const at = rule?.reportAt ?? where;
    // One mistake, one finding: a generated rule's finding is the user's rule's, wherever it points.
    const key = `${at}\u0000${check}\u0000${message.replace(/ at line \d+, column \d+/g, '')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const disable = (this.rules.get(at)?.disable ?? []).find((d) => d.check === check && d.reason.trim() !== '');
    this.findings.push({
      environment: this.env.name,
      where: at,
      check,
      message,
      severity: WARNING_CHECKS.has(check) ? 'warning' : 'error',
      ...(disable ? { disabledBecause: disable.reason } : {}),
    });
  }

  run(): Finding[] {
    this.indexJobs();
    const parsed = this.parseRules();
    for (const { where, rule } of parsed) if ('alert' in rule && !rule.generatedFrom) this.alertWhere.set(rule.alert, where);
    for (const { where, rule } of parsed) {
      const reportAt = 'alert' in rule && rule.generatedFrom?.length ? this.alertWhere.get(rule.generatedFrom[0]) : undefined;
      this.rules.set(where, { disable: rule.lintDisable ?? [], reportAt });
    }
    this.indexRecordingRules(parsed);
    this.checkJobs();
    for (const { where, group, rule, analysis } of parsed) {
      this.checkDisable(where, rule.lintDisable ?? []);
      this.checkRuleLabels(where, rule);
      if ('alert' in rule) this.checkAlert(where, rule, analysis, group);
      if (analysis) this.checkExpression({ where, expr: rule.expr }, analysis);
      if (analysis && 'alert' in rule) this.checkAnnotationLabels(where, rule, analysis);
    }
    this.checkRecordCollisions(parsed);
    this.checkCredentials();
    if (this.env.alertmanager) this.checkAlertmanager(parsed);
    for (const dashboard of this.env.dashboards ?? []) {
      for (const variable of dashboard.variables ?? []) this.checkVariable(`dashboard ${JSON.stringify(dashboard.title)} variable ${JSON.stringify(variable.name)}`, variable.query);
      for (const panel of dashboard.panels) {
        for (const [i, query] of panel.queries.entries()) {
          const which = panel.queries.length > 1 ? ` query ${query.refId ?? `[${i}]`}` : '';
          const where = `dashboard ${JSON.stringify(dashboard.title)} panel ${JSON.stringify(panel.title)}${which}`;
          const analysis = this.parse(where, query.expr);
          if (analysis) this.checkExpression({ where, expr: query.expr }, analysis);
          if (analysis && query.legendFormat) this.checkLegend(where, query.legendFormat, analysis);
        }
      }
    }
    return this.findings;
  }

  // -- index ------------------------------------------------------------------------------------------

  private indexJobs(): void {
    for (const job of this.env.jobs) {
      const targetLabels = ['job', 'instance', ...job.targetLabels];
      const base = {
        job: job.name,
        origin: `job "${job.name}"`,
        intervalKind: 'scrape' as const,
        intervalSeconds: seconds(job.scrapeInterval, this.evaluationSeconds),
        anyLabels: job.anyLabels ?? false,
      };
      let series: Map<string, SeriesDef>;
      try {
        series = expanded(job.metrics);
      } catch (e) {
        this.report(`job "${job.name}" metrics`, 'catalog', `${(e as Error).message}: expected each series name once`);
        series = new Map();
      }
      for (const [name, def] of [...expanded(scrapeSeries), ...series]) {
        this.index.add(name, { ...base, type: def.type, labels: new Set([...def.labels, ...targetLabels]) });
      }
    }
  }

  private parse(where: string, expr: string): PromQLAnalysis | undefined {
    try {
      return parsePromQL(expr);
    } catch (e) {
      if (e instanceof PromQLSyntaxError) {
        this.report(where, 'syntax', e.message);
        return undefined;
      }
      throw e;
    }
  }

  private parseRules(): Array<{ where: string; group: LintRuleGroup; rule: LintAlertRule | LintRecordingRule; analysis?: PromQLAnalysis }> {
    return this.env.ruleGroups.flatMap((group) => {
      return group.rules.map((rule, r) => {
        const name = 'alert' in rule ? rule.alert : rule.record;
        const where = `rule ${name} (${group.path ? `${group.path}.rules[${r}]` : `rule group ${JSON.stringify(group.name)}, rules[${r}]`})`;
        return { where, group, rule, analysis: this.parse(where, rule.expr) };
      });
    });
  }

  /** Recording rules add their outputs; ALERTS exists while alerting rules do. */
  private indexRecordingRules(parsed: ReturnType<Linter['parseRules']>): void {
    const recorded: Array<{ source: Source; rule: LintRecordingRule; analysis?: PromQLAnalysis }> = [];
    for (const { group, rule, analysis } of parsed) {
      if ('alert' in rule) continue;
      // Registered before any is described, so that rules may read each other in any order.
      const source: Source = {
        origin: `rule group "${group.name}"`,
        intervalKind: 'evaluation',
        intervalSeconds: seconds(group.interval, this.evaluationSeconds),
        type: 'gauge',
        labels: new Set(),
        anyLabels: true,
      };
      this.index.add(rule.record, source);
      recorded.push({ source, rule, analysis });
    }
    for (const { source, rule, analysis } of recorded) {
      if (!analysis) continue;
      const described = this.describeOutput(analysis);
      source.type = described.type;
      source.labels = new Set([...described.labels, ...Object.keys(rule.labels ?? {})]);
      source.anyLabels = described.anyLabels;
    }
    if (parsed.some(({ rule }) => 'alert' in rule)) {
      for (const [name, def] of expanded(ruleSeries)) {
        this.index.add(name, {
          origin: 'the rule evaluator',
          intervalKind: 'evaluation',
          intervalSeconds: this.evaluationSeconds,
          type: def.type,
          labels: new Set(def.labels),
          anyLabels: true, // ALERTS carries the labels of every alerting series
        });
      }
    }
  }

  /** Type and labels of what an expression records. */
  private describeOutput(analysis: PromQLAnalysis): { type: SeriesType; labels: Set<string>; anyLabels: boolean } {
    const sources = analysis.selectors.flatMap((s) => this.sourcesOf(s).selected);
    const types = new Set(sources.map((s) => s.type));
    const outer = analysis.outermostCall;
    const aggregations = analysis.calls.filter((c) => c.kind === 'aggregation' && !SELECTING_AGGREGATIONS.has(c.fn));
    const keepsLe = aggregations.every((c) => keepsLabel(c, 'le'));
    const functions = analysis.calls.filter((c) => c.kind === 'function');
    let type: SeriesType = 'gauge';
    if (sources.length > 0 && types.size === 1 && types.has('histogram_bucket') && keepsLe && analysis.binaryOps.length === 0) {
      type = 'histogram_bucket'; // sum by (le) (rate(x_bucket[5m])): still buckets for histogram_quantile
    } else if (sources.length > 0 && types.size === 1 && types.has('counter') && functions.length === 0 && analysis.binaryOps.length === 0) {
      type = 'counter'; // sum by (...) (x_total): still a counter
    }

    let labels = new Set<string>();
    let anyLabels = false;
    if (outer && outer.kind === 'aggregation' && !SELECTING_AGGREGATIONS.has(outer.fn) && outer.grouping?.mode !== 'without') {
      labels = new Set(outer.grouping?.labels ?? []);
    } else {
      for (const s of sources) {
        s.labels.forEach((l) => labels.add(l));
        anyLabels ||= s.anyLabels;
      }
      if (outer?.grouping?.mode === 'without') outer.grouping.labels.forEach((l) => labels.delete(l));
      if (outer?.fn === 'histogram_quantile') labels.delete('le');
    }
    for (const c of analysis.calls) {
      if ((c.fn === 'label_replace' || c.fn === 'label_join') && typeof c.args[1]?.value === 'string') labels.add(c.args[1].value);
      if (c.fn === 'count_values' && typeof c.args[0]?.value === 'string') labels.add(c.args[0].value);
    }
    return { type, labels, anyLabels };
  }

  // -- selectors ----------------------------------------------------------------------------------------

  /** The sources of a selector's metric, and those its job matchers select. */
  private sourcesOf(selector: Selector): { all: readonly Source[]; selected: readonly Source[] } {
    const all = selector.metric === undefined ? [] : this.index.get(selector.metric);
    const jobMatchers = selector.matchers.filter((m) => m.label === 'job' && !hasTemplate(m.value));
    if (jobMatchers.length === 0) return { all, selected: all };
    const selected = all.filter((s) => jobMatchers.every((m) => jobMatches(m, s.job)));
    return { all, selected };
  }

  private checkSelector(ctx: Context, s: Selector): readonly Source[] {
    if (s.metric === undefined) return [];
    const { all, selected } = this.sourcesOf(s);
    const here = `${s.metric} at ${at(ctx.expr, s.position)}`;
    if (all.length === 0) {
      this.report(ctx.where, 'unknown-metric', `${here}: no scrape job exposes this metric and no recording rule records it${this.suggestion(s.metric)}`);
      return [];
    }
    if (selected.length === 0) {
      const matchers = s.matchers.filter((m) => m.label === 'job').map(matcherText).join(', ');
      const exposing = [...new Set(all.map((x) => x.origin))];
      const named = this.jobNames.filter((j) => s.matchers.filter((m) => m.label === 'job').every((m) => jobMatches(m, j)));
      const jobs = named.length ? `job ${quoteList(named)} does not expose it` : `no scrape job matches ${matchers}`;
      this.report(ctx.where, 'unknown-metric', `${here}: ${jobs}; it is exposed by ${listShort(exposing)}`);
      return [];
    }
    if (!selected.some((x) => x.anyLabels)) {
      const carried = new Set(selected.flatMap((x) => [...x.labels]));
      for (const m of s.matchers) {
        if (m.label === '__name__' || carried.has(m.label) || matchesEmpty(m)) continue;
        this.report(
          ctx.where,
          'unknown-label',
          `matcher ${matcherText(m)} of ${here}: ${s.metric} carries no label "${m.label}", so it never matches; its labels are ${[...carried].sort().join(', ')}`,
        );
      }
    }
    return selected;
  }

  private suggestion(metric: string): string {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(metric.length / 6)) + 1;
    for (const name of this.index.names()) {
      if (Math.abs(name.length - metric.length) >= bestDistance) continue;
      const d = levenshtein(metric, name);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best ? ` (did you mean ${best}?)` : '';
  }

  /** `label_values(<selector>, <label>)`: the selector is a query, and its metric must carry the label. */
  private checkVariable(where: string, query: string): void {
    const m = /^\s*label_values\(\s*(.+?)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/s.exec(query);
    if (!m) return; // other variable queries (label_names(), metrics(), query_result()) are not read
    const [, selector, label] = m;
    const analysis = this.parse(where, selector);
    if (!analysis) return;
    this.checkExpression({ where, expr: selector }, analysis);
    for (const s of analysis.selectors) {
      const { selected } = this.sourcesOf(s);
      if (selected.length === 0 || selected.some((x) => x.anyLabels)) continue;
      const carried = new Set(selected.flatMap((x) => [...x.labels]));
      if (!carried.has(label)) {
        this.report(where, 'unknown-label', `label_values() label "${label}": ${s.metric} carries no label "${label}", so the variable has no values; its labels are ${[...carried].sort().join(', ')}`);
      }
    }
  }

  // -- expressions ----------------------------------------------------------------------------------------

  private checkExpression(ctx: Context, analysis: PromQLAnalysis): void {
    const sources = new Map<Selector, readonly Source[]>();
    for (const s of analysis.selectors) sources.set(s, this.checkSelector(ctx, s));
    for (const call of analysis.calls) {
      if (WINDOW_FUNCTIONS.has(call.fn)) this.checkRangeFunction(ctx, call, sources);
      if (call.fn === 'histogram_quantile') this.checkHistogramQuantile(ctx, analysis, call, sources);
    }
    for (const op of analysis.binaryOps) this.checkVectorMatching(ctx, analysis, op, sources);
    this.flow(analysis.tree, ctx);
  }

  private checkRangeFunction(ctx: Context, call: PromQLCall, sources: ReadonlyMap<Selector, readonly Source[]>): void {
    const arg = call.rangeArgument;
    if (!arg || arg.kind !== 'matrix_selector' || arg.selectors.length !== 1) return;
    const selector = arg.selectors[0];
    const from = sources.get(selector) ?? [];
    if (from.length === 0) return;
    const here = `${call.fn}(${selector.text}) at ${at(ctx.expr, call.position)}`;
    const known = from.filter((s) => s.type !== 'untyped');
    if (COUNTER_FUNCTIONS.has(call.fn) && known.length > 0 && !known.some((s) => COUNTER_LIKE.has(s.type))) {
      this.report(ctx.where, 'counter-function', `${here}: ${selector.metric} is ${TYPE_WORDS[known[0].type]}; rate(), irate() and increase() need a counter (use deriv() or delta() for a gauge)`);
    }
    if (GAUGE_FUNCTIONS.has(call.fn) && known.length > 0 && known.every((s) => COUNTER_LIKE.has(s.type))) {
      this.report(ctx.where, 'gauge-function', `${here}: ${selector.metric} is ${TYPE_WORDS[known[0].type]}; delta(), idelta(), deriv() and predict_linear() need a gauge (apply them to rate() of a counter, or use increase())`);
    }
    if (arg.rangeSeconds !== undefined && !arg.rangeIsTemplate) {
      const slowest = from.reduce((a, b) => (b.intervalSeconds > a.intervalSeconds ? b : a));
      if (arg.rangeSeconds < 2 * slowest.intervalSeconds) {
        this.report(
          ctx.where,
          'rate-window',
          `${here}: the ${arg.range} window is shorter than twice the ${formatSeconds(slowest.intervalSeconds)} ${slowest.intervalKind} interval of ${slowest.origin}; ${call.fn}() needs two samples: use at least ${formatSeconds(2 * slowest.intervalSeconds)}`,
        );
      }
    }
  }

  private checkHistogramQuantile(ctx: Context, analysis: PromQLAnalysis, call: PromQLCall, sources: ReadonlyMap<Selector, readonly Source[]>): void {
    const arg = call.args[1];
    if (!arg) return;
    const here = `histogram_quantile() at ${at(ctx.expr, call.position)}`;
    for (const selector of arg.selectors) {
      const known = (sources.get(selector) ?? []).filter((s) => s.type !== 'untyped');
      if (known.length === 0 || known.some((s) => s.type === 'histogram_bucket')) continue;
      const hint = known[0].type === 'summary_quantile' ? ` (read a summary's quantile with ${selector.metric}{quantile="0.99"})` : '';
      this.report(ctx.where, 'histogram-quantile', `${here}: ${selector.metric} is ${TYPE_WORDS[known[0].type]}, not a histogram's _bucket series; histogram_quantile() needs buckets with their le label${hint}`);
    }
    for (const inner of nestedCalls(analysis, call)) {
      if (inner.kind !== 'aggregation' || SELECTING_AGGREGATIONS.has(inner.fn) || inner.position < arg.from || inner.end > arg.to) continue;
      if (keepsLabel(inner, 'le')) continue;
      const fix = inner.grouping?.mode === 'by' ? `by (${[...inner.grouping.labels, 'le'].join(', ')})` : inner.grouping?.mode === 'without' ? `without (${inner.grouping.labels.filter((l) => l !== 'le').join(', ')})` : 'by (le)';
      this.report(ctx.where, 'histogram-quantile', `${here}: the ${inner.fn} at ${at(ctx.expr, inner.position)} aggregates the le label away; histogram_quantile() needs it: aggregate ${fix}`);
    }
  }

  /**
   * One-to-one matching pairs series with identical label sets. Where both sides are one selector
   * under label-preserving functions, their label sets are known: when they differ, the result is
   * always empty; when both sides read the same metric with different matchers, each series is
   * paired with itself (x{status="failed"} / x is 1 for every failed series).
   */
  private checkVectorMatching(ctx: Context, analysis: PromQLAnalysis, op: BinaryOperation, sources: ReadonlyMap<Selector, readonly Source[]>): void {
    if (op.matching || SET_OPERATORS.has(op.op)) return;
    const left = plainSide(analysis, op.from, op.position);
    const right = plainSide(analysis, op.position + op.op.length, op.to);
    if (!left || !right) return;
    const ls = sources.get(left) ?? [];
    const rs = sources.get(right) ?? [];
    if (ls.length === 0 || rs.length === 0 || ls.some((s) => s.anyLabels) || rs.some((s) => s.anyLabels)) return;
    const here = `"${op.op}" at ${at(ctx.expr, op.position)}`;
    const labelsOf = (list: readonly Source[]) => new Set(list.flatMap((s) => [...s.labels]));
    const ll = labelsOf(ls);
    const rl = labelsOf(rs);
    const onlyLeft = [...ll].filter((l) => !rl.has(l)).sort();
    const onlyRight = [...rl].filter((l) => !ll.has(l)).sort();
    if (onlyLeft.length || onlyRight.length) {
      const has = (metric: string | undefined, only: string[]) => `${metric} ${only.length ? `carries ${only.join(', ')}` : 'carries no label the other lacks'}`;
      this.report(
        ctx.where,
        'vector-matching',
        `${here}: ${has(left.metric, onlyLeft)} and ${has(right.metric, onlyRight)}, so one-to-one matching pairs no series and the result is always empty; aggregate both sides to the same labels (e.g. sum by (instance)) or match with on(...)`,
      );
      return;
    }
    if (left.metric === right.metric) {
      const key = (s: Selector) => s.matchers.map(matcherText).sort().join(',');
      if (key(left) === key(right)) return;
      const narrowed = [...left.matchers, ...right.matchers].filter((m) => m.label !== '__name__' && m.label !== 'job' && !matchesEmpty(m));
      const labels = [...new Set(narrowed.map((m) => m.label))];
      if (labels.length === 0) return;
      const equal = (s: Selector, label: string) => s.matchers.find((m) => m.label === label && m.op === '=');
      const disjoint = labels.find((l) => equal(left, l) && equal(right, l) && equal(left, l)!.value !== equal(right, l)!.value);
      if (disjoint) {
        this.report(
          ctx.where,
          'vector-matching',
          `${here}: both sides read ${left.metric}, one with ${matcherText(equal(left, disjoint)!)} and the other with ${matcherText(equal(right, disjoint)!)}, so one-to-one matching pairs no series and the result is always empty; aggregate ${disjoint} away on both sides, e.g. sum without (${disjoint}) (...)`,
        );
        return;
      }
      this.report(
        ctx.where,
        'vector-matching',
        `${here}: both sides read ${left.metric} and one-to-one matching pairs each series with itself (${narrowed.map(matcherText).join(', ')} on one side meets the same series on the other), so the result compares a series to itself; aggregate ${labels.join(', ')} away on both sides, e.g. sum without (${labels.join(', ')}) (...)`,
      );
    }
  }

  // -- label flow -----------------------------------------------------------------------------------------

  /**
   * The labels an expression's result can carry, followed through selectors (catalog and target
   * labels), aggregations, functions, joins and label_replace, as Prometheus computes them. With a
   * context, a grouping or matching label the operand cannot carry is reported.
   */
  private flow(node: ExprNode, ctx?: Context): Flow {
    switch (node.kind) {
      case 'number':
      case 'string':
        return SCALAR;
      case 'subquery':
        return this.flow(node.inner, ctx);
      case 'selector': {
        const selected = this.sourcesOf(node.selector).selected;
        if (selected.length === 0 || selected.some((x) => x.anyLabels)) return { scalar: false, labels: new Set(), any: true };
        return { scalar: false, labels: new Set(selected.flatMap((x) => [...x.labels])), any: false };
      }
      case 'call':
        return this.callFlow(node.call, node.args, ctx);
      case 'binary':
        return this.binaryFlow(node.op, node.lhs, node.rhs, ctx);
    }
  }

  private callFlow(call: PromQLCall, args: readonly ExprNode[], ctx?: Context): Flow {
    const vectorArg = (i?: number): Flow => {
      const flows = (i === undefined ? args : [args[i]]).filter((a) => a !== undefined).map((a) => this.flow(a, ctx));
      return flows.find((f) => !f.scalar) ?? (flows.length ? flows[0] : SCALAR);
    };
    if (call.kind === 'aggregation') {
      const inner = vectorArg(args.length - 1);
      const carried = inner.scalar ? { labels: new Set<string>(), any: false } : inner;
      if (SELECTING_AGGREGATIONS.has(call.fn)) return inner;
      const extra = call.fn === 'count_values' && typeof call.args[0]?.value === 'string' ? [call.args[0].value] : [];
      if (call.grouping?.mode === 'by') {
        if (ctx && !carried.any) {
          for (const l of call.grouping.labels) {
            if (!carried.labels.has(l)) {
              this.report(ctx.where, 'label-flow', `${call.fn} by (${call.grouping.labels.join(', ')}) at ${at(ctx.expr, call.position)}: what it aggregates carries no label "${l}" (its labels are ${sorted(carried.labels)}), so every series falls in one group with ${l}=""; group by labels it carries`);
            }
          }
        }
        return { scalar: false, labels: new Set([...call.grouping.labels, ...extra]), any: false };
      }
      if (call.grouping?.mode === 'without') {
        if (ctx && !carried.any) {
          for (const l of call.grouping.labels.filter((x) => !carried.labels.has(x))) {
            this.report(ctx.where, 'without-label', `${call.fn} without (${call.grouping.labels.join(', ')}) at ${at(ctx.expr, call.position)}: what it aggregates carries no label "${l}" (its labels are ${sorted(carried.labels)}), so without removes nothing for it; name a label it carries`);
          }
        }
        const labels = new Set(carried.labels);
        call.grouping.labels.forEach((l) => labels.delete(l));
        extra.forEach((l) => labels.add(l));
        return { scalar: false, labels, any: carried.any };
      }
      return { scalar: false, labels: new Set(extra), any: false };
    }
    switch (call.fn) {
      case 'label_replace':
      case 'label_join': {
        const inner = vectorArg(0);
        const dst = call.args[1]?.value;
        if (inner.scalar || typeof dst !== 'string') return inner;
        const src = call.fn === 'label_replace' ? [call.args[3]?.value] : call.args.slice(2).map((a) => a.value);
        if (ctx && !inner.any) {
          for (const l of src) {
            if (typeof l === 'string' && l !== '' && !inner.labels.has(l)) {
              this.report(ctx.where, 'label-flow', `${call.fn}() at ${at(ctx.expr, call.position)}: its source label "${l}" is not on the series (their labels are ${sorted(inner.labels)}), so "${dst}" is set from ""; use a label they carry`);
            }
          }
        }
        return { scalar: false, labels: new Set([...inner.labels, dst]), any: inner.any };
      }
      case 'histogram_quantile': {
        const inner = vectorArg(1);
        if (inner.scalar) return inner;
        const labels = new Set(inner.labels);
        labels.delete('le');
        return { scalar: false, labels, any: inner.any };
      }
      case 'absent':
      case 'absent_over_time': {
        const selector = call.args[0]?.selectors[0];
        const labels = (selector?.matchers ?? []).filter((m) => m.op === '=' && m.label !== '__name__').map((m) => m.label);
        return { scalar: false, labels: new Set(labels), any: false };
      }
      case 'scalar':
      case 'time':
      case 'pi':
        return SCALAR;
      case 'vector':
        return { scalar: false, labels: new Set(), any: false };
      default:
        return vectorArg();
    }
  }

  private binaryFlow(op: BinaryOperation, lhs: ExprNode, rhs: ExprNode, ctx?: Context): Flow {
    const l = this.flow(lhs, ctx);
    const r = this.flow(rhs, ctx);
    if (l.scalar) return r;
    if (r.scalar) return l;
    if (op.op === 'and' || op.op === 'unless') return l;
    if (op.op === 'or') return { scalar: false, labels: new Set([...l.labels, ...r.labels]), any: l.any || r.any };
    const m = op.matching;
    if (!m) return l;
    if (ctx && m.mode === 'on') {
      for (const label of m.labels) {
        const side = !l.any && !l.labels.has(label) ? l : !r.any && !r.labels.has(label) ? r : undefined;
        if (side) {
          this.report(ctx.where, 'label-flow', `"${op.op}" on (${m.labels.join(', ')}) at ${at(ctx.expr, op.position)}: the ${side === l ? 'left' : 'right'} side carries no label "${label}" (its labels are ${sorted(side.labels)}), so every series matches on ${label}=""; match on labels both sides carry`);
        }
      }
    }
    if (m.group) {
      const many = m.group === 'left' ? l : r;
      const one = m.group === 'left' ? r : l;
      if (ctx && !one.any) {
        for (const label of m.include) {
          if (!one.labels.has(label)) {
            this.report(ctx.where, 'label-flow', `group_${m.group}(${m.include.join(', ')}) at ${at(ctx.expr, op.position)}: the ${m.group === 'left' ? 'right' : 'left'} side carries no label "${label}" (its labels are ${sorted(one.labels)}), so it copies nothing; copy labels that side carries`);
          }
        }
      }
      return { scalar: false, labels: new Set([...many.labels, ...m.include]), any: many.any };
    }
    // One-to-one: Prometheus keeps only the on() labels, or drops the ignoring() ones.
    if (m.mode === 'on') return { scalar: false, labels: new Set(m.labels), any: false };
    const labels = new Set(l.labels);
    m.labels.forEach((x) => labels.delete(x));
    return { scalar: false, labels, any: l.any };
  }

  /** A legend's {{label}} must be a label the query's series carry. */
  private checkLegend(where: string, legend: string, analysis: PromQLAnalysis): void {
    const result = this.flow(analysis.tree);
    if (result.scalar || result.any) return;
    for (const [, label] of legend.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) {
      if (result.labels.has(label)) continue;
      this.report(where, 'label-flow', `legend ${JSON.stringify(legend)}: {{${label}}} prints nothing because the query's series carry no label "${label}" (they carry ${sorted(result.labels)}); use one of those, or keep ${label} with by (...)`);
    }
  }

  /** Labels an annotation or label template prints must be ones the alert's series carry. */
  private checkAnnotationLabels(where: string, rule: LintAlertRule, analysis: PromQLAnalysis): void {
    const result = this.flow(analysis.tree);
    if (result.scalar || result.any) return;
    const carried = new Set([...result.labels, ...Object.keys(rule.labels ?? {})]);
    carried.delete('__name__');
    const fields = [...Object.entries(rule.annotations ?? {}).map(([k, v]) => [`annotations.${k}`, v]), ...Object.entries(rule.labels ?? {}).map(([k, v]) => [`labels.${k}`, v])];
    for (const [field, text] of fields) {
      const reading = readTemplate(text, 'prometheus');
      for (const label of reading.labels) {
        if (carried.has(label)) continue;
        this.report(where, 'label-flow', `${field}: {{ $labels.${label} }} prints "" because the alert's series carry no label "${label}" (they carry ${sorted(carried)}); print one of those, or keep ${label} through the expression (by (...), group_left(...))`);
      }
    }
  }

  // -- rules, jobs, secrets -------------------------------------------------------------------------------

  /** lintDisable names a check and gives a reason. */
  private checkDisable(where: string, disable: readonly LintDisable[]): void {
    for (const [i, d] of disable.entries()) {
      if (!(CHECK_IDS as readonly string[]).includes(d.check)) {
        this.report(where, 'lint-disable', `lintDisable[${i}].check: expected one of the lint's checks (${CHECK_IDS.join(', ')}), got "${d.check}"`);
      } else if (d.reason.trim() === '') {
        this.report(where, 'lint-disable', `lintDisable[${i}].reason: expected why ${d.check} does not apply to this rule, got nothing`);
      }
    }
  }

  /** Label and annotation names Prometheus accepts, and templates it parses. */
  private checkRuleLabels(where: string, rule: LintAlertRule | LintRecordingRule): void {
    for (const name of Object.keys(rule.labels ?? {})) {
      if (!LABEL_NAME.test(name) || name.startsWith('__')) this.report(where, 'label-name', `labels: "${name}" is not a label name Prometheus accepts (letters, digits and "_", not starting with a digit or "__"); rename it, e.g. "${name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z]+/, '') || 'label'}"`);
    }
    if (!('alert' in rule)) return;
    for (const name of Object.keys(rule.annotations ?? {})) {
      if (!LABEL_NAME.test(name)) this.report(where, 'label-name', `annotations: "${name}" is not an annotation name Prometheus accepts (letters, digits and "_", not starting with a digit); rename it, e.g. "${name.replace(/[^A-Za-z0-9_]/g, '_')}"`);
    }
    for (const [field, values] of [['annotations', rule.annotations], ['labels', rule.labels]] as const) {
      for (const [k, v] of Object.entries(values ?? {})) {
        const problem = readTemplate(v, 'prometheus').problem;
        if (problem) this.report(where, 'template', `${field}.${k}: Prometheus cannot parse the template (${problem}), so it refuses the rule file: ${JSON.stringify(v)}`);
      }
    }
  }

  /**
   * A recorded name must be the only one of its name: not recorded twice, not a metric a job
   * exposes. Two rules of one name whose own labels give one label different values (an SLO's
   * slo="request-success" and slo="availability") write different series.
   */
  private checkRecordCollisions(parsed: ReturnType<Linter['parseRules']>): void {
    const first = new Map<string, Array<{ where: string; labels: Readonly<Record<string, string>> }>>();
    const apart = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) => Object.keys(a).some((k) => k in b && a[k] !== b[k]);
    for (const { where, rule } of parsed) {
      if ('alert' in rule) continue;
      const labels = rule.labels ?? {};
      const earlier = first.get(rule.record) ?? [];
      const before = earlier.find((e) => !apart(e.labels, labels));
      if (before) {
        this.report(where, 'record-collision', `record: ${rule.record} is recorded by ${before.where} too; the two write the same series and overwrite each other: give one another name`);
        continue;
      }
      first.set(rule.record, [...earlier, { where, labels }]);
      if (earlier.length) continue;
      const scraped = this.index.get(rule.record).filter((x) => x.job !== undefined);
      if (scraped.length) {
        this.report(where, 'record-collision', `record: ${rule.record} is a metric ${listShort([...new Set(scraped.map((x) => x.origin))])} exposes; the rule and the scrape write the same series: name the record level:metric:operations, e.g. "job:${rule.record}:sum"`);
      }
    }
  }

  private jobWhere(job: LintJob): string {
    return job.path ? `job "${job.name}" (${job.path})` : `job "${job.name}"`;
  }

  /** Scrape timeouts, targets scraped twice, relabel regexes and target labels, drops of metrics read. */
  private checkJobs(): void {
    const scrapedBy = new Map<string, string>();
    const own = new Map((this.env.ownTargets ?? []).flatMap((o) => o.addresses.map((a) => [a, o.job] as const)));
    for (const job of this.env.jobs) {
      const where = this.jobWhere(job);
      const interval = seconds(job.scrapeInterval, this.evaluationSeconds);
      if (job.scrapeTimeout !== undefined && seconds(job.scrapeTimeout, 0) > interval) {
        this.report(where, 'scrape-timeout', `scrapeTimeout ${job.scrapeTimeout} is longer than the ${job.scrapeInterval} scrape interval; Prometheus refuses the config: make it at most ${job.scrapeInterval}`);
      }
      for (const target of job.targets ?? []) {
        const service = own.get(target);
        if (service && service !== job.name) {
          this.report(where, 'scrape-duplicate', `target ${target} is the stack's own ${service}, which Prometheus scrapes already as job "${service}": its series would be stored twice under two job names; remove the target`);
          continue;
        }
        const other = scrapedBy.get(target);
        if (other && other !== job.name) {
          this.report(where, 'scrape-duplicate', `target ${target} is scraped by job "${other}" too: every series is stored twice under two job names and alerts on either fire twice; scrape it in one job`);
        } else scrapedBy.set(target, job.name);
      }
      for (const [kind, list] of [['relabelConfigs', job.relabelConfigs], ['metricRelabelConfigs', job.metricRelabelConfigs]] as const) {
        for (const [i, r] of (list ?? []).entries()) {
          const here = `${where}.${kind}[${i}]`;
          const problem = r.regex !== undefined ? re2Problem(r.regex) : undefined;
          if (problem) this.report(here, 'regex', `regex ${JSON.stringify(r.regex)}: Prometheus does not compile it (${problem}); write it in RE2 syntax`);
          const action = r.action ?? 'replace';
          if (r.targetLabel !== undefined && (action === 'replace' || action === 'hashmod') && !/^(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*$/.test(r.targetLabel)) {
            this.report(here, 'label-name', `targetLabel "${r.targetLabel}" is not a label name Prometheus accepts (letters, digits and "_", not starting with a digit); Prometheus refuses the config`);
          }
          for (const l of r.sourceLabels ?? []) {
            if (!LABEL_NAME.test(l)) this.report(here, 'label-name', `sourceLabels: "${l}" is not a label name; expected letters, digits and "_", not starting with a digit`);
          }
          if (kind === 'metricRelabelConfigs' && !problem) this.checkMetricDrop(here, job, r);
        }
      }
    }
  }

  /** A metric_relabel_configs drop (or keep) that removes a metric a rule or a panel reads. */
  private checkMetricDrop(where: string, job: LintJob, r: LintRelabel): void {
    const action = r.action ?? 'replace';
    if ((action !== 'drop' && action !== 'keep') || (r.sourceLabels ?? []).join(',') !== '__name__') return;
    const regex = r.regex ?? '(.*)';
    const dropped = (name: string) => (action === 'drop') === re2FullMatch(regex, name);
    const readers = this.readers();
    for (const [metric, reader] of readers) {
      const fromJob = this.index.get(metric).filter((x) => x.job === job.name);
      if (fromJob.length === 0 || !dropped(metric)) continue;
      const others = this.index.get(metric).filter((x) => x.job !== job.name);
      if (others.length) continue;
      this.report(where, 'metric-relabel-drop', `${action} ${JSON.stringify(regex)} removes ${metric}, which ${reader} reads: it would never have data; ${action === 'drop' ? 'narrow the regex' : 'keep it too'}`);
    }
  }

  private readersCache?: Map<string, string>;

  /** Every metric a rule or a panel reads, with the first reader. */
  private readers(): Map<string, string> {
    if (this.readersCache) return this.readersCache;
    const readers = new Map<string, string>();
    const add = (where: string, expr: string) => {
      try {
        for (const m of parsePromQL(expr).metrics) if (!readers.has(m)) readers.set(m, where);
      } catch {
        // a syntax error is reported where the expression is checked
      }
    };
    for (const g of this.env.ruleGroups) for (const r of g.rules) if (!('alert' in r && r.generatedFrom)) add('alert' in r ? `alert ${r.alert}` : `recording rule ${r.record}`, r.expr);
    for (const d of this.env.dashboards ?? []) for (const p of d.panels) for (const q of p.queries) add(`dashboard ${JSON.stringify(d.title)} panel ${JSON.stringify(p.title)}`, q.expr);
    this.readersCache = readers;
    return readers;
  }

  /** A secret's name that looks like the secret itself, and an address with a password in it. */
  private checkCredentials(): void {
    for (const field of this.env.credentialFields ?? []) {
      const v = field.value;
      if (field.kind === 'secret-name') {
        const looks = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? 'a URL' : /^[0-9a-f]{20,}$/i.test(v) ? 'a hex key' : /^[A-Za-z0-9+/_-]{24,}={0,2}$/.test(v) && /\d/.test(v) && /[A-Z]/.test(v) ? 'a base64 key' : undefined;
        if (looks) this.report(field.where, 'credential', `expected the name of a sensitive variable such as "slack_webhook_url", got what looks like ${looks} (${v.length} characters, not shown): a secret in the spec ends up in git and in cdktf.out; move the value to TF_VAR_<name> and put the name here`);
      } else if (/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i.test(v)) {
        this.report(field.where, 'credential', `the address carries a user and password (${v.replace(/\/\/[^/@\s]*:[^/@\s]*@/, '//<user>:<password>@')}): it ends up in git and in cdktf.out; give the password through a sensitive variable and keep the address without it`);
      }
    }
  }

  // -- alertmanager ---------------------------------------------------------------------------------------

  /** The alerts this environment sends, with the labels each can carry, checked against Alertmanager. */
  private checkAlertmanager(parsed: ReturnType<Linter['parseRules']>): void {
    const external = this.env.externalLabels ?? {};
    const alerts: SentAlert[] = [];
    for (const { where, rule, analysis } of parsed) {
      if (!('alert' in rule)) continue;
      const result = analysis ? this.flow(analysis.tree) : undefined;
      const any = !result || result.scalar || result.any;
      alerts.push({
        alert: rule.alert,
        where,
        known: { ...external, ...(rule.labels ?? {}), alertname: rule.alert },
        carried: result && !result.scalar ? result.labels : new Set(),
        anyLabel: any && !(result && result.scalar),
      });
    }
    for (const f of lintAlertmanager(this.env.alertmanager!, alerts)) this.report(f.where, f.check, f.message);
  }

  // -- alerts ---------------------------------------------------------------------------------------------

  private checkAlert(where: string, rule: LintAlertRule, analysis: PromQLAnalysis | undefined, group: LintRuleGroup): void {
    const interval = seconds(group.interval, this.evaluationSeconds);
    if (rule.for !== undefined && seconds(rule.for, 0) > 0 && seconds(rule.for, 0) < interval) {
      this.report(where, 'for-interval', `for: ${rule.for} is shorter than the ${formatSeconds(interval)} evaluation interval of its group, so the alert fires on its second evaluation, ${formatSeconds(interval)} later; say for: ${formatSeconds(interval)} (or more) to mean what happens`);
    }
    if (!/^[A-Z][A-Za-z0-9]*$/.test(rule.alert)) {
      const suggestion = camelCase(rule.alert);
      this.report(where, 'alert-name', `alert: expected a CamelCase name (letters and digits, starting with a capital)${/^[A-Z]/.test(suggestion) ? ` such as "${suggestion}"` : ''}, got "${rule.alert}"`);
    }
    const severities = `one of ${quoteList(this.env.severities)}`;
    const severity = rule.labels?.severity;
    if (severity === undefined) this.report(where, 'severity', `labels.severity: expected ${severities}, got nothing`);
    else if (!this.env.severities.includes(severity)) this.report(where, 'severity', `labels.severity: expected ${severities}, got "${severity}"`);
    for (const [name, what] of [['summary', 'a one-line summary'], ['description', 'a description of what is wrong and its impact']] as const) {
      const value = rule.annotations?.[name];
      if (value === undefined || value.trim() === '') this.report(where, 'annotations', `annotations.${name}: expected ${what}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
    }
    // absent() fires on absence, and vector(1) always: a dead man's switch, on purpose.
    if (analysis && !analysis.hasTopLevelComparison && !ABSENCE_FUNCTIONS.has(analysis.outermostCall?.fn ?? '') && analysis.outermostCall?.fn !== 'vector') {
      this.report(where, 'alert-comparison', 'expr: expected a condition such as "... > 0.9" at the top level, got an expression without one: the alert would fire for every series it returns');
    }
  }
}

type Flow = { readonly scalar: true } | { readonly scalar: false; readonly labels: ReadonlySet<string>; readonly any: boolean };
const SCALAR: Flow = { scalar: true };

function sorted(labels: Iterable<string>): string {
  const list = [...labels].filter((l) => l !== '__name__').sort();
  return list.length ? list.join(', ') : 'none';
}

function jobMatches(m: LabelMatcher, job: string | undefined): boolean {
  if (job === undefined) return true; // recording rules and ALERTS keep whatever job label they read
  if ((m.op === '=~' || m.op === '!~') && compileMatcherRegex(m.value) === undefined) return true; // an invalid regex selects every job
  return matcherMatches(m, job);
}

/** Whether an aggregation's output keeps `label`. */
function keepsLabel(call: PromQLCall, label: string): boolean {
  if (!call.grouping) return false;
  return call.grouping.mode === 'by' ? call.grouping.labels.includes(label) : !call.grouping.labels.includes(label);
}

/** The one selector of an operand made of a selector, label-preserving functions and scalar arithmetic. */
function plainSide(analysis: PromQLAnalysis, from: number, to: number): Selector | undefined {
  const selectors = analysis.selectors.filter((s) => s.position >= from && s.end <= to);
  if (selectors.length !== 1) return undefined;
  const calls = analysis.calls.filter((c) => c.position >= from && c.end <= to);
  if (calls.some((c) => c.kind !== 'function' || !LABEL_PRESERVING.has(c.fn))) return undefined;
  const ops = analysis.binaryOps.filter((b) => b.from >= from && b.to <= to);
  if (ops.some((b) => b.matching || SET_OPERATORS.has(b.op))) return undefined;
  return selectors[0];
}

function listShort(values: readonly string[]): string {
  return values.length <= 4 ? values.join(', ') : `${values.slice(0, 4).join(', ')} and ${values.length - 4} more`;
}

/** "2h", "90s", "1s500ms": in one unit where it is whole hours or minutes, to the millisecond. */
function formatSeconds(seconds: number): string {
  // Whole milliseconds: a spec's durations are, and seconds computed from them may carry float error.
  const ms = Math.round(seconds * 1000);
  if (ms % 1000 !== 0) return `${ms >= 1000 ? `${Math.floor(ms / 1000)}s` : ''}${ms % 1000}ms`;
  const s = ms / 1000;
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600}h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

/** Every finding of one environment, in the order of its rules and dashboards. */
export function lintEnvironment(env: LintEnvironment): Finding[] {
  return new Linter(env).run();
}
