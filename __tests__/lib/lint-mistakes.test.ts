import { LintAlertmanager } from '../../lib/alertmanager-lint';
import { CATALOGS, mergeCatalogs, processGo } from '../../lib/catalogs';
import { Finding, LintAlertRule, LintEnvironment, LintJob, LintRecordingRule, lintEnvironment, refuses } from '../../lib/lint';

/**
 * The measurement: realistic mistakes, one each, grouped by class, made in a small correct
 * environment (node, PostgreSQL and Redis exporters, an application, Alertmanager with a pager and
 * a team route). Each row says which check refuses it, or `undefined` where the lint lets it through
 * (a known gap, kept here so that the count stays honest). docs/lint.md reports the counts.
 */

function job(name: string, catalog: string, targets: string[], more: Partial<LintJob> = {}): LintJob {
  const info = CATALOGS[catalog];
  return { name, scrapeInterval: '15s', metrics: info.exposesProcessGo ? mergeCatalogs(info.catalog, processGo) : info.catalog, targetLabels: ['machine'], targets, ...more };
}

const APP_METRICS = [
  { name: 'app_requests_total', type: 'counter', labels: ['status', 'route'] },
  { name: 'app_queue_size', type: 'gauge', labels: ['queue'] },
] as const;

const ANNOTATIONS = { summary: 'Something on {{ $labels.instance }}', description: 'What is wrong and what it breaks' };
const alert = (name: string, expr: string, more: Partial<LintAlertRule> = {}): LintAlertRule => ({ alert: name, expr, labels: { severity: 'warning' }, annotations: ANNOTATIONS, ...more });

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function base(): Mutable<LintEnvironment> & { ruleGroups: Array<{ name: string; path: string; rules: Array<LintAlertRule | LintRecordingRule> }>; jobs: LintJob[] } {
  const alertmanager: LintAlertmanager = {
    smtp: { from: 'am@example.com', smarthost: 'smtp.example.com:587' },
    route: { receiver: 'team', groupBy: ['alertname', 'instance'], groupInterval: '5m', repeatInterval: '4h', routes: [{ matchers: ['severity="critical"'], receiver: 'pager', continue: true }, { matchers: ['severity=~"critical|warning"'], receiver: 'team' }] },
    receivers: [{ name: 'team', email: [{}], slack: [{ title: '{{ .CommonLabels.alertname }}' }] }, { name: 'pager', pagerduty: [{ description: '{{ .CommonAnnotations.summary }}' }] }],
    inhibitRules: [{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="warning"'], equal: ['instance'] }],
    timeIntervals: [{ name: 'maintenance', intervals: [{ weekdays: ['sunday'], times: [{ start: '02:00', end: '04:00' }] }] }],
    expectedReceivers: { critical: ['pager', 'team'], warning: ['team'] },
  };
  return {
    name: 'shop',
    severities: ['critical', 'warning'],
    evaluationInterval: '30s',
    jobs: [
      job('node', 'node-exporter', ['db1:9100', 'web1:9100']),
      job('postgres', 'postgres-exporter', ['db1:9187']),
      job('redis', 'redis-exporter', ['cache1:9121']),
      { name: 'app', scrapeInterval: '15s', metrics: APP_METRICS, targetLabels: ['machine'], targets: ['web1:8080'] },
    ],
    ruleGroups: [
      {
        name: 'shop',
        path: 'ruleGroups[0]',
        rules: [
          alert('PostgresDown', 'pg_up == 0', { labels: { severity: 'critical' } }),
          alert('DiskAlmostFull', 'node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1'),
          alert('QueueBacklog', 'sum by (instance, queue) (app_queue_size) > 100', { for: '5m' }),
          { record: 'job:app_requests:rate5m', expr: 'sum by (job) (rate(app_requests_total[5m]))' },
        ],
      },
    ],
    alertmanager,
    dashboards: [{ title: 'Shop', panels: [{ title: 'Requests', queries: [{ expr: 'sum by (route) (rate(app_requests_total[$__rate_interval]))', legendFormat: '{{route}}' }] }] }],
    credentialFields: [{ where: 'jobs[2].exporter.redisAddress', value: 'redis://cache1:6379', kind: 'address' }],
    ownTargets: [{ job: 'alertmanager', addresses: ['shop-alertmanager:9093', 'monitor:9093', 'localhost:9093'] }],
  };
}

type Env = ReturnType<typeof base>;
const rules = (env: Env) => env.ruleGroups[0].rules;
const am = (env: Env) => env.alertmanager as Mutable<LintAlertmanager>;

/** [class, mistake, how it is made, the check that refuses it (undefined: let through)] */
const MISTAKES: Array<[string, string, (env: Env) => void, string | undefined]> = [
  // What Prometheus or Alertmanager refuses at load
  ['load', 'single closing brace in an annotation', (e) => (rules(e)[1] = alert('DiskAlmostFull', 'node_filesystem_avail_bytes < 1e9', { annotations: { ...ANNOTATIONS, summary: 'Disk full on {{ $labels.instance }' } })), 'template'],
  ['load', 'humanise instead of humanize', (e) => (rules(e)[1] = alert('DiskAlmostFull', 'node_filesystem_avail_bytes < 1e9', { annotations: { ...ANNOTATIONS, description: '{{ $value | humanise }} left' } })), 'template'],
  ['load', 'look-ahead in a relabel regex', (e) => (e.jobs[0] = { ...e.jobs[0], relabelConfigs: [{ sourceLabels: ['__address__'], regex: '(.*)(?=:9100)', targetLabel: 'host' }] }), 'regex'],
  ['load', 'dash in a rule label name', (e) => (rules(e)[0] = alert('PostgresDown', 'pg_up == 0', { labels: { severity: 'critical', 'owning-team': 'db' } })), 'label-name'],
  ['load', 'scrape_timeout longer than the interval', (e) => (e.jobs[1] = { ...e.jobs[1], scrapeTimeout: '30s' }), 'scrape-timeout'],
  ['load', 'weekday abbreviation in a time interval', (e) => (am(e).timeIntervals = [{ name: 'maintenance', intervals: [{ weekdays: ['sun'] }] }]), 'time-interval'],
  ['load', 'maintenance window across midnight', (e) => (am(e).timeIntervals = [{ name: 'maintenance', intervals: [{ times: [{ start: '23:00', end: '01:00' }] }] }]), 'time-interval'],
  ['load', 'e-mail receiver without SMTP settings', (e) => (am(e).smtp = undefined), 'receiver-globals'],
  ['load', 'broken receiver template', (e) => (am(e).receivers = [{ name: 'team', email: [{}], slack: [{ title: '{{ range .Alerts }}{{ .Labels.alertname }}' }] }, am(e).receivers[1]]), 'template'],
  // Alertmanager against the alerts the environment sends
  ['alertmanager', 'severity value misspelt in a route', (e) => (am(e).route = { ...am(e).route, routes: [{ matchers: ['severity="Critical"'], receiver: 'pager', continue: true }, am(e).route.routes![1]] }), 'route-matcher'],
  ['alertmanager', 'a receiver nothing routes to', (e) => (am(e).receivers = [...am(e).receivers, { name: 'db-team', email: [{}] }]), 'unreachable-receiver'],
  ['alertmanager', 'catch-all route before the pager route', (e) => (am(e).route = { ...am(e).route, routes: [{ receiver: 'team' }, { matchers: ['severity="critical"'], receiver: 'pager' }] }), 'unreachable-receiver'],
  ['alertmanager', 'inhibit on an alert name that does not exist', (e) => (am(e).inhibitRules = [{ sourceMatchers: ['alertname="PostgresqlDown"'], targetMatchers: ['severity="warning"'] }]), 'route-matcher'],
  ['alertmanager', 'inhibit equal on a label one side lacks', (e) => (am(e).inhibitRules = [{ sourceMatchers: ['alertname="PostgresDown"'], targetMatchers: ['alertname="QueueBacklog"'], equal: ['machine'] }]), 'inhibit'],
  ['alertmanager', 'repeat_interval under group_interval', (e) => (am(e).route = { ...am(e).route, repeatInterval: '1m' }), 'repeat-interval'],
  ['alertmanager', 'pager route without continue: critical never reaches the team', (e) => (am(e).route = { ...am(e).route, routes: [{ matchers: ['severity="critical"'], receiver: 'pager' }, am(e).route.routes![1]] }), 'expected-receivers'],
  ['alertmanager', 'group_by a label no alert has', (e) => (am(e).route = { ...am(e).route, groupBy: ['alertname', 'cluster'] }), undefined],
  // Label flow
  ['label-flow', 'annotation prints a label the sum drops', (e) => (rules(e)[2] = alert('QueueBacklog', 'sum by (queue) (app_queue_size) > 100')), 'label-flow'],
  ['label-flow', 'by clause on a label the metric lacks', (e) => (rules(e)[2] = alert('QueueBacklog', 'sum by (instance, topic) (app_queue_size) > 100')), 'label-flow'],
  ['label-flow', 'one-to-one on() keeps only instance, annotation prints mountpoint', (e) => (rules(e)[1] = alert('DiskAlmostFull', 'node_filesystem_avail_bytes / on (instance) node_memory_MemTotal_bytes < 0.1', { annotations: { ...ANNOTATIONS, summary: '{{ $labels.mountpoint }}' } })), 'label-flow'],
  ['label-flow', 'group_left copies a label the info metric lacks', (e) => (rules(e)[1] = alert('DiskAlmostFull', 'node_filesystem_avail_bytes * on (instance) group_left (hostname) node_uname_info < 1e9')), 'label-flow'],
  ['label-flow', 'label_replace from a missing label', (e) => (rules(e)[1] = alert('DiskAlmostFull', 'label_replace(node_filesystem_avail_bytes, "disk", "$1", "dev", "(.*)") < 1e9')), 'label-flow'],
  ['label-flow', 'legend names a label the query drops', (e) => (e.dashboards = [{ title: 'Shop', panels: [{ title: 'Requests', queries: [{ expr: 'sum by (route) (rate(app_requests_total[$__rate_interval]))', legendFormat: '{{status}}' }] }] }]), 'label-flow'],
  // Rule semantics
  ['rules', 'for shorter than the evaluation interval (warning only)', (e) => (rules(e)[0] = alert('PostgresDown', 'pg_up == 0', { for: '10s', labels: { severity: 'critical' } })), undefined],
  ['rules', 'record name used twice', (e) => rules(e).push({ record: 'job:app_requests:rate5m', expr: 'sum by (job) (rate(app_requests_total[1m]))' }), 'record-collision'],
  ['rules', 'record named like an exporter metric', (e) => rules(e).push({ record: 'pg_up', expr: 'max by (job) (pg_up)' }), 'record-collision'],
  ['rules', 'metric_relabel drop of a metric an alert reads', (e) => (e.jobs[1] = { ...e.jobs[1], metricRelabelConfigs: [{ sourceLabels: ['__name__'], regex: 'pg_(up|static)', action: 'drop' }] }), 'metric-relabel-drop'],
  ['rules', 'rate() over a gauge', (e) => (rules(e)[2] = alert('QueueBacklog', 'rate(app_queue_size[5m]) > 1')), 'counter-function'],
  ['rules', 'rate window shorter than two scrapes', (e) => (rules(e)[2] = alert('QueueBacklog', 'rate(app_requests_total[20s]) > 1')), 'rate-window'],
  ['rules', 'threshold on the wrong side (fires when healthy)', (e) => (rules(e)[0] = alert('PostgresDown', 'pg_up == 1', { labels: { severity: 'critical' } })), undefined],
  // Scrape and placement
  ['scrape', 'one exporter scraped by two jobs', (e) => e.jobs.push(job('db-node', 'node-exporter', ['db1:9100'])), 'scrape-duplicate'],
  ['scrape', "the seed's localhost:9093 kept as a target of its own job", (e) => e.jobs.push(job('alerting', 'alertmanager', ['localhost:9093'])), 'scrape-duplicate'],
  // Secrets
  ['secrets', 'PagerDuty key pasted into the secret-name field', (e) => (e.credentialFields = [{ where: 'alertmanager.receivers[1].pagerduty[0].serviceKeySecret', value: '0123456789abcdef0123456789abcdef', kind: 'secret-name' }]), 'credential'],
  ['secrets', 'Redis password in the address', (e) => (e.credentialFields = [{ where: 'jobs[2].exporter.redisAddress', value: 'redis://:s3cret@cache1:6379', kind: 'address' }]), 'credential'],
];

function refusingChecks(env: LintEnvironment): string[] {
  return [...new Set(lintEnvironment(env).filter(refuses).map((f: Finding) => f.check))];
}

test('the environment the mistakes are made in is correct', () => {
  expect(lintEnvironment(base()).map((f) => `${f.where}: ${f.message}`)).toEqual([]);
});

test.each(MISTAKES)('%s: %s', (_class, _name, make, check) => {
  // GIVEN the correct environment with one mistake WHEN linted THEN the expected check refuses it (or nothing does)
  const env = base();
  make(env);
  const checks = refusingChecks(env);
  if (check === undefined) expect(checks).toEqual([]);
  else expect(checks).toContain(check);
});

test('the counts per class, as docs/lint.md reports them', () => {
  const counts: Record<string, string> = {};
  for (const [cls, , , check] of MISTAKES) {
    const [refused, total] = (counts[cls] ?? '0/0').split('/').map(Number);
    counts[cls] = `${refused + (check ? 1 : 0)}/${total + 1}`;
  }
  expect(counts).toEqual({ load: '9/9', alertmanager: '7/8', 'label-flow': '6/6', rules: '5/7', scrape: '2/2', secrets: '2/2' });
});
