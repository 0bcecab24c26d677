import { ConfigError } from './errors';
import { camelCase } from './names';
import { COUNTER_FUNCTIONS, LabelMatcher, matcherMatches, parsePromQL } from './promql';
import { AlertTests, TestedAlertRule, TestedRuleGroup } from './rule-tests';

/**
 * Alerts for what an environment's own rules cannot see, each with its tests:
 * - <Job>TargetDown (`up{job="node"} == 0`) for every scrape job no rule watches with `up`:
 *   a target that stopped answering silences every alert on its metrics;
 * - <Metric>Absent (`absent(brain_worker_status)`) for every metric an alert reads as a state:
 *   a metric that vanished (renamed, exporter changed) makes `brain_worker_status == 0` silently
 *   false. Event counters are left out: a counter an alert reads through rate() or increase()
 *   and fires when it grows (`rate(x_total[5m]) > 0.1`) has labelled series that appear only
 *   with their first event, so absent() would fire on a healthy, quiet system. The check is on
 *   the metric name, not the alert's label matchers, for the same reason.
 */

export interface GeneratedAlertSettings {
  /** How long a target must be down before its TargetDown alert fires. */
  readonly targetDownFor: string;
  /** Severity of every generated alert. */
  readonly severity: string;
}

/** What an environment gets unless its spec says otherwise (generatedAlerts). */
export const GENERATED_ALERT_DEFAULTS: GeneratedAlertSettings = { targetDownFor: '2m', severity: 'warning' };

/** How long a metric must be missing before its Absent alert fires. */
const ABSENT_FOR = '10m';

/** The scrape job parts read here (a PrometheusServer's ScrapeJob). */
export interface WatchedJob {
  readonly name: string;
  readonly staticConfigs: readonly { readonly targets: readonly string[]; readonly labels?: Readonly<Record<string, string>> }[];
}

export interface GeneratedRulesInput {
  readonly environment: string;
  readonly settings: GeneratedAlertSettings;
  /** The environment's own rule groups. */
  readonly ruleGroups: readonly TestedRuleGroup[];
  /** The scrape jobs to watch (the environment's, not Prometheus's watch of itself). */
  readonly jobs: readonly WatchedJob[];
}

type GeneratedRule = TestedAlertRule & { readonly labels: { severity: string }; readonly annotations: Record<string, string>; readonly tests: AlertTests };

export interface GeneratedRuleGroup extends TestedRuleGroup {
  readonly rules: readonly GeneratedRule[];
}

/** `{a="b",c="d"}` with PromQL string quoting. */
function labelSet(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}` : '';
}

function alertRules(groups: readonly TestedRuleGroup[]): TestedAlertRule[] {
  return groups.flatMap((g) => g.rules.filter((r): r is TestedAlertRule => 'alert' in r));
}

/**
 * Whether an `up` selector's job matchers select this job (no job matcher selects every job). A regex
 * JavaScript cannot compile selects none: the job then keeps its generated alert.
 */
function selectsJob(matchers: readonly LabelMatcher[], job: string): boolean {
  return matchers.filter((m) => m.label === 'job').every((m) => matcherMatches(m, job));
}

/** Jobs some alert already watches with up{job=...}. */
function watchedJobs(alerts: readonly TestedAlertRule[], jobs: readonly WatchedJob[]): Set<string> {
  const upSelectors = alerts.flatMap((a) => parsePromQL(a.expr).selectors.filter((s) => s.metric === 'up'));
  return new Set(jobs.filter((j) => upSelectors.some((s) => selectsJob(s.matchers, j.name))).map((j) => j.name));
}

/** Metrics an alert reads as a state: all but up and the event counters it fires on the growth of. */
function stateMetrics(expr: string): string[] {
  const analysis = parsePromQL(expr);
  const condition = analysis.binaryOps.find((b) => b.isComparison && !b.bool);
  const firesOnGrowth = condition !== undefined && (condition.op === '>' || condition.op === '>=');
  const eventReads = new Set(
    analysis.calls.filter((c) => COUNTER_FUNCTIONS.has(c.fn)).flatMap((c) => c.rangeArgument?.selectors ?? []),
  );
  const states = analysis.selectors.filter((s) => s.metric !== undefined && s.metric !== 'up' && !(firesOnGrowth && eventReads.has(s)));
  return [...new Set(states.map((s) => s.metric!))];
}

function targetDownRule(job: WatchedJob, settings: GeneratedAlertSettings): GeneratedRule {
  // The test feeds the job's first target as Prometheus labels it; jobs found by service
  // discovery have none until run time, so an example address stands in.
  const first = job.staticConfigs[0];
  const instance = first?.targets[0] ?? 'discovered-target:9100';
  const seriesLabels = { job: job.name, instance, ...(first?.labels ?? {}) };
  const summary = (target: string) => `Target ${target} of job ${job.name} is down`;
  const description = (target: string) => `Prometheus has not scraped ${target} for ${settings.targetDownFor}: alerts on its metrics cannot fire.`;
  return {
    alert: `${camelCase(job.name)}TargetDown`,
    expr: `up{job=${JSON.stringify(job.name)}} == 0`,
    for: settings.targetDownFor,
    labels: { severity: settings.severity },
    annotations: { summary: summary('{{ $labels.instance }}'), description: description('{{ $labels.instance }}') },
    tests: {
      series: { [`up${labelSet(seriesLabels)}`]: { firing: 0, quiet: 1 } },
      labels: seriesLabels,
      annotations: { summary: summary(instance), description: description(instance) },
    },
  };
}

function absentRule(metric: string, readers: readonly string[], settings: GeneratedAlertSettings): GeneratedRule {
  const annotations = {
    summary: `No series of ${metric}`,
    description: `${metric} has not been scraped for ${ABSENT_FOR}: ${readers.join(', ')} cannot fire.`,
  };
  return {
    alert: `${camelCase(metric)}Absent`,
    expr: `absent(${metric})`,
    for: ABSENT_FOR,
    labels: { severity: settings.severity },
    annotations,
    tests: { series: { [metric]: { firing: '_', quiet: 1 } }, annotations },
  };
}

/** The alert that always fires, so that its absence at the heartbeat receiver says the pipeline is down. */
export const WATCHDOG_ALERT = 'Watchdog';

/** Where the stack's own Prometheus and Alertmanager are scraped, as their series are labelled. */
export interface PipelineTargets {
  readonly prometheus: { readonly job: string; readonly instance: string };
  readonly alertmanager: { readonly job: string; readonly instance: string };
}

/** An alert on one of the pipeline's own metrics, firing when `firing` is fed and quiet on `quiet`. */
function pipelineRule(
  alert: string,
  expr: string,
  forDuration: string | undefined,
  series: { metric: string; labels: Record<string, string>; firing: string | number; quiet: string | number },
  firesAfter: string | undefined,
  text: { summary: (labels: Record<string, string>) => string; description: (labels: Record<string, string>) => string },
  settings: GeneratedAlertSettings,
): GeneratedRule {
  const template = new Proxy({}, { get: (_t, name) => `{{ $labels.${String(name)} }}` }) as Record<string, string>;
  return {
    alert,
    expr,
    ...(forDuration ? { for: forDuration } : {}),
    labels: { severity: settings.severity },
    annotations: { summary: text.summary(template), description: text.description(template) },
    tests: {
      series: { [`${series.metric}${labelSet(series.labels)}`]: { firing: series.firing, quiet: series.quiet } },
      ...(firesAfter ? { firesAfter } : {}),
      labels: series.labels,
      annotations: { summary: text.summary(series.labels), description: text.description(series.labels) },
    },
  };
}

/**
 * "<env>-pipeline": the watch on the watchers. Watchdog always fires and is routed to the heartbeat
 * receiver, an outside dead man's switch that pages when the heartbeats stop (Prometheus or
 * Alertmanager down, or the path between them broken). The others fire on what breaks the
 * notification path while both still run: notifications failing or dropped, no Alertmanager to
 * send to, rule evaluations failing, a configuration that did not reload.
 */
export function pipelineRuleGroup(environment: string, settings: GeneratedAlertSettings, targets: PipelineTargets): GeneratedRuleGroup {
  const prom = { job: targets.prometheus.job, instance: targets.prometheus.instance };
  const am = { job: targets.alertmanager.job, instance: targets.alertmanager.instance };
  const watchdogText = {
    summary: () => `Watchdog of ${environment}: the alerting pipeline works`,
    description: () => `This alert always fires. The heartbeat receiver expects it every few minutes; when it stops arriving, Prometheus, Alertmanager or the path between them is down.`,
  };
  const watchdog: GeneratedRule = {
    alert: WATCHDOG_ALERT,
    expr: 'vector(1)',
    labels: { severity: settings.severity },
    annotations: { summary: watchdogText.summary(), description: watchdogText.description() },
    tests: { series: {}, alwaysFires: true, annotations: { summary: watchdogText.summary(), description: watchdogText.description() } },
  };
  const rules: GeneratedRule[] = [
    watchdog,
    pipelineRule(
      'AlertmanagerNotificationsFailing',
      `rate(alertmanager_notifications_failed_total{job=${JSON.stringify(am.job)}}[5m]) > 0`,
      '5m',
      { metric: 'alertmanager_notifications_failed_total', labels: { ...am, integration: 'webhook' }, firing: '0+1', quiet: 0 },
      '6m',
      {
        summary: (l) => `Alertmanager ${l.instance} fails to send ${l.integration} notifications`,
        description: (l) => `Notifications through ${l.integration} have failed for 5 minutes: alerts are not reaching people. Check the receiver's URL, credentials and the network.`,
      },
      settings,
    ),
    pipelineRule(
      'PrometheusNotificationsDropped',
      `increase(prometheus_notifications_dropped_total{job=${JSON.stringify(prom.job)}}[5m]) > 0`,
      undefined,
      { metric: 'prometheus_notifications_dropped_total', labels: prom, firing: '0+1', quiet: 0 },
      '1m',
      {
        summary: (l) => `Prometheus ${l.instance} drops alerts`,
        description: () => 'Prometheus dropped alert notifications instead of sending them to Alertmanager: some alerts reached no one.',
      },
      settings,
    ),
    pipelineRule(
      'PrometheusAlertmanagerMissing',
      `prometheus_notifications_alertmanagers_discovered{job=${JSON.stringify(prom.job)}} < 1`,
      '5m',
      { metric: 'prometheus_notifications_alertmanagers_discovered', labels: prom, firing: 0, quiet: 1 },
      undefined,
      {
        summary: (l) => `Prometheus ${l.instance} has no Alertmanager to send to`,
        description: () => 'Prometheus has found no Alertmanager for 5 minutes: every alert stays in Prometheus.',
      },
      settings,
    ),
    pipelineRule(
      'PrometheusRuleEvaluationFailures',
      `increase(prometheus_rule_evaluation_failures_total{job=${JSON.stringify(prom.job)}}[5m]) > 0`,
      undefined,
      { metric: 'prometheus_rule_evaluation_failures_total', labels: { ...prom, rule_group: `/etc/prometheus/rules/${environment}.yml;${environment}` }, firing: '0+1', quiet: 0 },
      '1m',
      {
        summary: (l) => `Rules of ${l.rule_group} fail to evaluate`,
        description: (l) => `Prometheus ${l.instance} failed to evaluate rules of ${l.rule_group} in the last 5 minutes: their alerts cannot fire.`,
      },
      settings,
    ),
    pipelineRule(
      'PrometheusConfigReloadFailed',
      `prometheus_config_last_reload_successful{job=${JSON.stringify(prom.job)}} == 0`,
      '5m',
      { metric: 'prometheus_config_last_reload_successful', labels: prom, firing: 0, quiet: 1 },
      undefined,
      {
        summary: (l) => `Prometheus ${l.instance} did not reload its configuration`,
        description: () => 'The last configuration reload failed: Prometheus runs an older configuration than the one deployed.',
      },
      settings,
    ),
    pipelineRule(
      'AlertmanagerConfigReloadFailed',
      `alertmanager_config_last_reload_successful{job=${JSON.stringify(am.job)}} == 0`,
      '5m',
      { metric: 'alertmanager_config_last_reload_successful', labels: am, firing: 0, quiet: 1 },
      undefined,
      {
        summary: (l) => `Alertmanager ${l.instance} did not reload its configuration`,
        description: () => 'The last configuration reload failed: Alertmanager routes with an older configuration than the one deployed.',
      },
      settings,
    ),
  ];
  return { name: `${environment}-pipeline`, rules };
}

/**
 * The generated groups: "<env>-targets" (TargetDown alerts) and "<env>-absent" (Absent alerts),
 * each left out when it would be empty.
 */
export function generatedRuleGroups(input: GeneratedRulesInput): GeneratedRuleGroup[] {
  const alerts = alertRules(input.ruleGroups);
  const watched = watchedJobs(alerts, input.jobs);
  const targetDown = input.jobs.filter((j) => !watched.has(j.name)).map((j) => targetDownRule(j, input.settings));

  const readers = new Map<string, string[]>();
  for (const alert of alerts) {
    for (const metric of stateMetrics(alert.expr)) readers.set(metric, [...(readers.get(metric) ?? []), alert.alert]);
  }
  const absent = [...readers].map(([metric, names]) => absentRule(metric, names, input.settings));

  const names = new Set(alerts.map((a) => a.alert));
  for (const rule of [...targetDown, ...absent]) {
    if (names.has(rule.alert)) {
      throw new ConfigError(`environment "${input.environment}": alert "${rule.alert}" is generated (lib/generated-rules.ts); rename the rule of that name in ruleGroups`);
    }
  }
  return [
    { name: `${input.environment}-targets`, rules: targetDown },
    { name: `${input.environment}-absent`, rules: absent },
  ].filter((g) => g.rules.length > 0);
}
