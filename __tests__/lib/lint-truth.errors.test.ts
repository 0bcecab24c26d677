import * as fs from 'fs';
import * as path from 'path';
import { LintAlertmanager } from '../../lib/alertmanager-lint';
import { buildApp } from '../../app';
import { homelab } from '../../environments/homelab/spec';
import { removeTempDirs, tempDir } from '../support/files';
import { specError } from '../support/spec';
import { clone } from '../support/synth';
import { MetricCatalog } from '../../lib/catalogs';
import { formatFinding, LintAlertRule, LintEnvironment, LintJob, LintRecordingRule, lintEnvironment } from '../../lib/lint';

/**
 * Exact messages of the checks that catch what Prometheus or Alertmanager would refuse at load, or
 * what would load and be silently wrong: one test per check, each with one mistake.
 */

const NODE: MetricCatalog = [
  { name: 'node_cpu_seconds_total', type: 'counter', labels: ['cpu', 'mode'] },
  { name: 'node_uname_info', type: 'gauge', labels: ['nodename', 'release'] },
  { name: 'node_filesystem_avail_bytes', type: 'gauge', labels: ['device', 'fstype', 'mountpoint'] },
];
const APP: MetricCatalog = [
  { name: 'app_requests_total', type: 'counter', labels: ['status'] },
  { name: 'app_queue_size', type: 'gauge', labels: ['queue'] },
];

const JOBS: LintJob[] = [
  { name: 'node', scrapeInterval: '15s', metrics: NODE, targetLabels: ['machine'], targets: ['alienware:9100'], path: 'jobs[0]' },
  { name: 'app', scrapeInterval: '15s', metrics: APP, targetLabels: [], targets: ['alienware:8080'], path: 'jobs[1]' },
];

const ANNOTATIONS = { summary: 'Something is wrong', description: 'What is wrong and what it breaks' };

/** An alert with a severity and annotations; `more` overrides. */
function alert(expr: string, more: Partial<LintAlertRule> = {}): LintAlertRule {
  return { alert: 'AppBroken', expr, labels: { severity: 'warning' }, annotations: ANNOTATIONS, ...more };
}

const ALERTMANAGER: LintAlertmanager = {
  smtp: { from: 'am@example.com', smarthost: 'smtp.example.com:587' },
  route: {
    receiver: 'team',
    groupBy: ['alertname'],
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [{ matchers: ['severity="critical"'], receiver: 'pager' }],
  },
  receivers: [{ name: 'team', email: [{}] }, { name: 'pager', pagerduty: [{}] }],
};

const RULES: LintAlertRule[] = [
  alert('app_queue_size > 100', { alert: 'QueueFull', labels: { severity: 'warning' } }),
  alert('up == 0', { alert: 'TargetDown', labels: { severity: 'critical' } }),
];

/** GIVEN an environment with these rules (ruleGroups[0]) and settings, WHEN linted, THEN its findings, one a line. */
function lint(rules: Array<LintAlertRule | LintRecordingRule>, more: Partial<LintEnvironment> = {}): string[] {
  return lintEnvironment({
    name: 'test',
    severities: ['critical', 'warning'],
    evaluationInterval: '30s',
    jobs: JOBS,
    ruleGroups: rules.length ? [{ name: 'test-alerts', path: 'ruleGroups[0]', rules }] : [],
    ...more,
  }).map(formatFinding);
}

const WHERE = 'environment "test": rule AppBroken (ruleGroups[0].rules[0])';

describe('what Prometheus refuses when it loads the rule file or the config', () => {
  test.each([
    ['an unclosed action', '{{ $labels.instance }', 'line 1: unclosed action: a single "}" where "}}" ends it'],
    ['an if without end', '{{ if gt $value 0.9 }}high', 'line 1: unexpected EOF: {{ if }} has no {{ end }}'],
    ['a misspelt function', 'at {{ $value | humanise }}', 'line 1: function "humanise" not defined'],
    ['a misspelt variable', '{{ $lables.instance }}', 'line 1: undefined variable "$lables"'],
    ['an unterminated string', '{{ printf "%.2f }}', 'line 1: unterminated quoted string'],
    ['an end without a block', 'done {{ end }}', 'line 1: unexpected {{end}}'],
  ])('Go template syntax in an annotation: %s', (_name, text, problem) => {
    expect(lint([alert('app_queue_size > 100', { annotations: { ...ANNOTATIONS, description: text } })])).toEqual([
      `${WHERE}: annotations.description: Prometheus cannot parse the template (${problem}), so it refuses the rule file: ${JSON.stringify(text)}`,
    ]);
  });

  test('a label name Prometheus does not accept', () => {
    expect(lint([alert('app_queue_size > 100', { labels: { severity: 'warning', 'team-name': 'ops' } })])).toEqual([
      `${WHERE}: labels: "team-name" is not a label name Prometheus accepts (letters, digits and "_", not starting with a digit or "__"); rename it, e.g. "team_name"`,
    ]);
  });

  test('an annotation name Prometheus does not accept', () => {
    expect(lint([alert('app_queue_size > 100', { annotations: { ...ANNOTATIONS, 'runbook-url': 'https://runbooks.example.com/queue' } })])).toEqual([
      `${WHERE}: annotations: "runbook-url" is not an annotation name Prometheus accepts (letters, digits and "_", not starting with a digit); rename it, e.g. "runbook_url"`,
    ]);
  });

  test('a relabel regex RE2 does not compile (JavaScript would)', () => {
    const jobs = [{ ...JOBS[0], relabelConfigs: [{ sourceLabels: ['__address__'], regex: '([^:]+)(?=:\\d+)', targetLabel: 'host' }] }, JOBS[1]];
    expect(lint([], { jobs })).toEqual([
      'environment "test": job "node" (jobs[0]).relabelConfigs[0]: regex "([^:]+)(?=:\\\\d+)": Prometheus does not compile it (invalid or unsupported Perl syntax: `(?=`); write it in RE2 syntax',
    ]);
  });

  test('a relabel target label that is not a label name', () => {
    const jobs = [{ ...JOBS[0], relabelConfigs: [{ sourceLabels: ['__address__'], targetLabel: 'node-name' }] }, JOBS[1]];
    expect(lint([], { jobs })).toEqual([
      'environment "test": job "node" (jobs[0]).relabelConfigs[0]: targetLabel "node-name" is not a label name Prometheus accepts (letters, digits and "_", not starting with a digit); Prometheus refuses the config',
    ]);
  });

  test('scrape_timeout above scrape_interval', () => {
    const jobs = [{ ...JOBS[0], scrapeInterval: '15s', scrapeTimeout: '20s' }, JOBS[1]];
    expect(lint([], { jobs })).toEqual([
      'environment "test": job "node" (jobs[0]): scrapeTimeout 20s is longer than the 15s scrape interval; Prometheus refuses the config: make it at most 15s',
    ]);
  });
});

describe('what Alertmanager refuses when it loads its config', () => {
  test('a route matcher regex RE2 does not compile', () => {
    const am = { ...ALERTMANAGER, route: { ...ALERTMANAGER.route, routes: [{ matchers: ['severity=~"(?!info).*"'], receiver: 'pager' }] } };
    expect(lint(RULES, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.route.routes[0].matchers[0]: severity=~"(?!info).*": Alertmanager does not compile the regex (invalid or unsupported Perl syntax: `(?!`); write it in RE2 syntax',
    ]);
  });

  test.each([
    ['a weekday that is not one', { weekdays: ['sat:sunday'] }, 'weekdays[0]: "sat" is not a weekday name (sunday, monday, tuesday, wednesday, thursday, friday, saturday)'],
    [
      'a weekday range across the end of the week',
      { weekdays: ['saturday:sunday'] },
      'weekdays[0]: "saturday:sunday" ends before it starts; Alertmanager ranges do not wrap around the week: split it in two, e.g. "saturday:saturday" and "sunday:monday"',
    ],
    [
      'a time range across midnight',
      { times: [{ start: '22:00', end: '06:00' }] },
      'times[0]: 22:00 to 06:00: Alertmanager needs the end after the start within one day; split a range across midnight in two, e.g. 22:00–24:00 and 00:00–06:00',
    ],
    ['a day of the month out of range', { daysOfMonth: ['32'] }, 'daysOfMonth[0]: "32" is not a day from 1 to 31 (or -31 to -1, counted from the end)'],
    ['a month that is not one', { months: ['13'] }, 'months[0]: "13" is not a month name or 1 to 12'],
  ])('a malformed time interval: %s', (_name, interval, message) => {
    const am = { ...ALERTMANAGER, timeIntervals: [{ name: 'window', intervals: [interval] }] };
    expect(lint(RULES, { alertmanager: am })).toEqual([`environment "test": alertmanager.timeIntervals[0].intervals[0].${message}`]);
  });

  test('e-mail without an SMTP server', () => {
    const am = { ...ALERTMANAGER, smtp: undefined };
    expect(lint(RULES, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.receivers[0].email[0]: receiver "team" sends e-mail but neither it nor alertmanager.smtp has a smarthost; Alertmanager refuses the config: set alertmanager.smtp { from, smarthost }',
    ]);
  });

  test('Go template syntax in a receiver template', () => {
    const am = { ...ALERTMANAGER, receivers: [ALERTMANAGER.receivers[0], { name: 'pager', pagerduty: [{ description: '{{ .CommonLabels.alertname }' }] }] };
    expect(lint(RULES, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.receivers[1].pagerduty[0].description: Alertmanager cannot parse the template (line 1: unclosed action: a single "}" where "}}" ends it): "{{ .CommonLabels.alertname }"',
    ]);
  });
});

describe('Alertmanager against the alerts this environment sends', () => {
  test('a route matcher no alert satisfies, with the values alerts have', () => {
    const am = { ...ALERTMANAGER, route: { ...ALERTMANAGER.route, routes: [{ matchers: ['severity="crit"'], receiver: 'pager' }] } };
    expect(lint(RULES, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.route.routes[0].matchers[0]: severity="crit" matches no alert this environment sends (severity is one of "critical", "warning"); match a value an alert has',
      'environment "test": alertmanager.receivers[1]: receiver "pager" receives no alert: the routes that name it match no alert or are shadowed by an earlier route without continue; route alerts to it or remove it',
    ]);
  });

  test('a receiver no route names', () => {
    const am = { ...ALERTMANAGER, receivers: [...ALERTMANAGER.receivers, { name: 'slack', slack: [{}] }] };
    expect(lint(RULES, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.receivers[2]: receiver "slack" receives no alert: no route names it; route alerts to it or remove it',
    ]);
  });

  test('a receiver behind a catch-all route without continue', () => {
    const am = { ...ALERTMANAGER, route: { ...ALERTMANAGER.route, routes: [{ receiver: 'team' }, { matchers: ['severity="critical"'], receiver: 'pager' }] } };
    expect(lint(RULES, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.receivers[1]: receiver "pager" receives no alert: the routes that name it match no alert or are shadowed by an earlier route without continue; route alerts to it or remove it',
    ]);
  });

  test('a group_by label no alert carries is a warning', () => {
    const am = { ...ALERTMANAGER, route: { ...ALERTMANAGER.route, groupBy: ['alertname', 'cluster'] } };
    expect(lint(RULES, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.route.groupBy[1]: warning: "cluster" is a label no alert carries, so it groups nothing; alerts carry alertname, instance, job, machine, queue, severity',
    ]);
  });

  test('an inhibit rule whose source matches no alert', () => {
    const am = { ...ALERTMANAGER, inhibitRules: [{ sourceMatchers: ['alertname="NodeDown"'], targetMatchers: ['severity="warning"'], equal: ['instance'] }] };
    expect(lint(RULES, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.inhibitRules[0].sourceMatchers[0]: alertname="NodeDown" matches no alert this environment sends (alertname is one of "QueueFull", "TargetDown"); match a value an alert has',
    ]);
  });

  test('an inhibit equal label one side never carries', () => {
    const am = { ...ALERTMANAGER, inhibitRules: [{ sourceMatchers: ['alertname="TargetDown"'], targetMatchers: ['alertname="QueueFull"'], equal: ['machine'] }] };
    const rules = [alert('sum by (queue) (app_queue_size) > 100', { alert: 'QueueFull' }), RULES[1]];
    expect(lint(rules, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.inhibitRules[0].equal[0]: "machine" is a label no target alert carries, so it is "" on that side and the rule inhibits across every machine; use a label both sides carry',
    ]);
  });

  test('repeat_interval shorter than group_interval', () => {
    const am = { ...ALERTMANAGER, route: { ...ALERTMANAGER.route, routes: [{ matchers: ['severity="critical"'], receiver: 'pager', repeatInterval: '1m' }] } };
    expect(lint(RULES, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.route.routes[0]: repeatInterval 1m is shorter than groupInterval (inherited, 300s): notifications repeat only once per group interval; make repeatInterval at least the group interval',
    ]);
  });

  test("the spec's expectedReceivers, evaluated as Alertmanager routes", () => {
    const am = { ...ALERTMANAGER, expectedReceivers: { critical: ['pager', 'team'], warning: ['team'] } };
    expect(lint(RULES, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.expectedReceivers.critical: TargetDown (rule TargetDown (ruleGroups[0].rules[1])) reaches "pager", expected "pager", "team"; change the routes or expectedReceivers',
    ]);
  });
});

describe('label flow: every label a template, a clause or a legend uses is one the series carry', () => {
  test('an annotation printing a label the aggregation drops', () => {
    expect(lint([alert('sum by (queue) (app_queue_size) > 100', { annotations: { ...ANNOTATIONS, summary: 'Queue full on {{ $labels.instance }}' } })])).toEqual([
      `${WHERE}: annotations.summary: {{ $labels.instance }} prints "" because the alert's series carry no label "instance" (they carry queue, severity); print one of those, or keep instance through the expression (by (...), group_left(...))`,
    ]);
  });

  test('an annotation printing a label after one-to-one on(), which keeps only the on() labels', () => {
    const expr = 'app_queue_size / on (instance) app_requests_total > 2';
    expect(lint([alert(expr, { annotations: { ...ANNOTATIONS, summary: 'Queue {{ $labels.queue }} is long' } })])).toEqual([
      `${WHERE}: annotations.summary: {{ $labels.queue }} prints "" because the alert's series carry no label "queue" (they carry instance, severity); print one of those, or keep queue through the expression (by (...), group_left(...))`,
    ]);
  });

  test('a by clause on a label what it aggregates does not carry', () => {
    expect(lint([alert('sum by (pod) (app_queue_size) > 100')])).toEqual([
      `${WHERE}: sum by (pod) at line 1, column 1: what it aggregates carries no label "pod" (its labels are instance, job, queue), so every series falls in one group with pod=""; group by labels it carries`,
    ]);
  });

  test('a without clause on a label what it aggregates does not carry is a warning', () => {
    expect(lint([alert('sum without (pod) (app_queue_size) > 100')])).toEqual([
      `${WHERE}: warning: sum without (pod) at line 1, column 1: what it aggregates carries no label "pod" (its labels are instance, job, queue), so without removes nothing for it; name a label it carries`,
    ]);
  });

  test('group_left copying a label the other side does not carry', () => {
    const expr = 'node_filesystem_avail_bytes * on (instance) group_left (hostname) node_uname_info < 1e9';
    expect(lint([alert(expr)])).toEqual([
      `${WHERE}: group_left(hostname) at line 1, column 29: the right side carries no label "hostname" (its labels are instance, job, machine, nodename, release), so it copies nothing; copy labels that side carries`,
    ]);
  });

  test('label_replace from a source label the series lack', () => {
    expect(lint([alert('label_replace(app_queue_size, "host", "$1", "node", "(.*)") > 100')])).toEqual([
      `${WHERE}: label_replace() at line 1, column 1: its source label "node" is not on the series (their labels are instance, job, queue), so "host" is set from ""; use a label they carry`,
    ]);
  });

  test('a legend naming a label the query drops', () => {
    const dashboards = [{ title: 'App', panels: [{ title: 'Queues', queries: [{ expr: 'sum by (queue) (app_queue_size)', legendFormat: '{{instance}} {{queue}}' }] }] }];
    expect(lint([], { dashboards })).toEqual([
      'environment "test": dashboard "App" panel "Queues": legend "{{instance}} {{queue}}": {{instance}} prints nothing because the query\'s series carry no label "instance" (they carry queue); use one of those, or keep instance with by (...)',
    ]);
  });
});

describe('rule semantics, scraping and secrets', () => {
  test('for shorter than the evaluation interval is a warning', () => {
    expect(lint([alert('app_queue_size > 100', { for: '10s' })])).toEqual([
      `${WHERE}: warning: for: 10s is shorter than the 30s evaluation interval of its group, so the alert fires on its second evaluation, 30s later; say for: 30s (or more) to mean what happens`,
    ]);
  });

  test('a record name used twice', () => {
    const rules = [{ record: 'job:app_requests:rate5m', expr: 'sum by (job) (rate(app_requests_total[5m]))' }, { record: 'job:app_requests:rate5m', expr: 'sum by (job) (rate(app_requests_total[1m]))' }];
    expect(lint(rules)).toEqual([
      'environment "test": rule job:app_requests:rate5m (ruleGroups[0].rules[1]): record: job:app_requests:rate5m is recorded by rule job:app_requests:rate5m (ruleGroups[0].rules[0]) too; the two write the same series and overwrite each other: give one another name',
    ]);
  });

  test('one record name written by two rules whose own labels tell their series apart is no collision; the same label value is', () => {
    const rule = (slo: string) => ({ record: 'slo:app_errors:rate5m', expr: 'sum(rate(app_requests_total{status="error"}[5m]))', labels: { slo } });
    expect(lint([rule('a'), rule('b')])).toEqual([]);
    expect(lint([rule('a'), rule('a')])).toEqual([
      'environment "test": rule slo:app_errors:rate5m (ruleGroups[0].rules[1]): record: slo:app_errors:rate5m is recorded by rule slo:app_errors:rate5m (ruleGroups[0].rules[0]) too; the two write the same series and overwrite each other: give one another name',
    ]);
  });

  test('a record named like a metric a job exposes', () => {
    expect(lint([{ record: 'app_queue_size', expr: 'sum by (job) (app_queue_size)' }])).toEqual([
      'environment "test": rule app_queue_size (ruleGroups[0].rules[0]): record: app_queue_size is a metric job "app" exposes; the rule and the scrape write the same series: name the record level:metric:operations, e.g. "job:app_queue_size:sum"',
    ]);
  });

  test('a metric_relabel drop of a metric a rule reads', () => {
    const jobs = [JOBS[0], { ...JOBS[1], metricRelabelConfigs: [{ sourceLabels: ['__name__'], regex: 'app_queue.*', action: 'drop' }] }];
    expect(lint([alert('app_queue_size > 100')], { jobs })).toEqual([
      'environment "test": job "app" (jobs[1]).metricRelabelConfigs[0]: drop "app_queue.*" removes app_queue_size, which alert AppBroken reads: it would never have data; narrow the regex',
    ]);
  });

  test('one host:port scraped by two jobs', () => {
    const jobs = [JOBS[0], { ...JOBS[1], targets: ['alienware:9100'] }];
    expect(lint([], { jobs })).toEqual([
      'environment "test": job "app" (jobs[1]): target alienware:9100 is scraped by job "node" too: every series is stored twice under two job names and alerts on either fire twice; scrape it in one job',
    ]);
  });

  test("a target that is one of the stack's own services under another job's name", () => {
    const ownTargets = [{ job: 'alertmanager', addresses: ['test-alertmanager:9093', 'alienware:9093', 'localhost:9093'] }];
    const jobs = [JOBS[0], { ...JOBS[1], targets: ['alienware:9093'] }];
    expect(lint([], { jobs, ownTargets })).toEqual([
      'environment "test": job "app" (jobs[1]): target alienware:9093 is the stack\'s own alertmanager, which Prometheus scrapes already as job "alertmanager": its series would be stored twice under two job names; remove the target',
    ]);
  });

  test('a secret-name field holding what looks like the secret', () => {
    const credentialFields = [{ where: 'alertmanager.receivers[1].pagerduty[0].serviceKeySecret', value: 'a3f9c2e1b4d5a6f7e8d9c0b1a2f3e4d5', kind: 'secret-name' as const }];
    expect(lint([], { credentialFields })).toEqual([
      'environment "test": alertmanager.receivers[1].pagerduty[0].serviceKeySecret: expected the name of a sensitive variable such as "slack_webhook_url", got what looks like a hex key (32 characters, not shown): a secret in the spec ends up in git and in cdktf.out; move the value to TF_VAR_<name> and put the name here',
    ]);
  });

  test('an address with a password in it', () => {
    const credentialFields = [{ where: 'jobs[2].exporter.redisAddress', value: 'redis://default:hunter2@redis:6379', kind: 'address' as const }];
    expect(lint([], { credentialFields })).toEqual([
      'environment "test": jobs[2].exporter.redisAddress: the address carries a user and password (redis://<user>:<password>@redis:6379): it ends up in git and in cdktf.out; give the password through a sensitive variable and keep the address without it',
    ]);
  });
});

describe('each mistake once, and lintDisable', () => {
  test("a generated Absent rule's finding is the user's rule's, reported once", () => {
    const generated: LintAlertRule = { alert: 'AppQueueSizzeAbsent', expr: 'absent(app_queue_sizze)', labels: { severity: 'warning' }, annotations: ANNOTATIONS, generatedFrom: ['AppBroken'] };
    const lines = lintEnvironment({
      name: 'test',
      severities: ['warning'],
      evaluationInterval: '30s',
      jobs: JOBS,
      ruleGroups: [
        { name: 'test-alerts', path: 'ruleGroups[0]', rules: [alert('app_queue_sizze > 100')] },
        { name: 'test-absent', rules: [generated] },
      ],
    }).map(formatFinding);
    expect(lines).toEqual([
      `${WHERE}: app_queue_sizze at line 1, column 1: no scrape job exposes this metric and no recording rule records it (did you mean app_queue_size?)`,
    ]);
  });

  test('a disabled check prints with its reason and refuses nothing', () => {
    const findings = lintEnvironment({
      name: 'test',
      severities: ['warning'],
      evaluationInterval: '30s',
      jobs: JOBS,
      ruleGroups: [{ name: 'g', path: 'ruleGroups[0]', rules: [alert('sum by (pod) (app_queue_size) > 100', { lintDisable: [{ check: 'label-flow', reason: 'pod arrives with the v2 exporter next week' }] })] }],
    });
    expect(findings.map(formatFinding)).toEqual([
      `${WHERE}: disabled (label-flow: pod arrives with the v2 exporter next week): sum by (pod) at line 1, column 1: what it aggregates carries no label "pod" (its labels are instance, job, queue), so every series falls in one group with pod=""; group by labels it carries`,
    ]);
    expect(findings.map((f) => f.disabledBecause)).toEqual(['pod arrives with the v2 exporter next week']);
  });

  test('lintDisable needs a known check and a reason', () => {
    expect(lint([alert('app_queue_size > 100', { lintDisable: [{ check: 'label-flow', reason: ' ' }] })])).toEqual([
      `${WHERE}: lintDisable[0].reason: expected why label-flow does not apply to this rule, got nothing`,
    ]);
  });
});

describe('the heartbeat', () => {
  const HEARTBEAT = { ...ALERTMANAGER, heartbeat: { alert: 'Watchdog', receiver: 'heartbeat' } };
  const watchdog = alert('vector(1)', { alert: 'Watchdog' });

  test('a Watchdog that reaches other receivers than the heartbeat', () => {
    const am = { ...HEARTBEAT, receivers: [...ALERTMANAGER.receivers, { name: 'heartbeat', webhook: [{}] }] };
    expect(lint([...RULES, watchdog], { alertmanager: am })).toEqual([
      'environment "test": alertmanager.receivers[2]: receiver "heartbeat" receives no alert: no route names it; route alerts to it or remove it',
      'environment "test": alertmanager.heartbeat: Watchdog reaches "team", expected "heartbeat" alone: the dead man\'s switch would page while everything works; keep the heartbeat route first',
    ]);
  });

  test('another alert reaching the heartbeat receiver', () => {
    const route = { ...ALERTMANAGER.route, routes: [{ matchers: ['severity="warning"'], receiver: 'heartbeat' }, ...ALERTMANAGER.route.routes!] };
    const am = { ...HEARTBEAT, route, receivers: [...ALERTMANAGER.receivers, { name: 'heartbeat', webhook: [{}] }] };
    expect(lint([...RULES, watchdog], { alertmanager: am })).toEqual([
      'environment "test": alertmanager.heartbeat: QueueFull (rule QueueFull (ruleGroups[0].rules[0])) reaches the heartbeat receiver "heartbeat", which expects only Watchdog; match it on alertname',
    ]);
  });
});

describe('lintDisable in a spec', () => {
  afterAll(removeTempDirs);

  test('a reason is required', () => {
    expect(specError((s) => (s.monitoring.ruleGroups[0].rules[0].lintDisable = [{ check: 'label-flow', reason: ' ' }]))).toBe(
      'environment "homelab": monitoring.ruleGroups[0].rules[0].lintDisable[0].reason: expected why the check does not apply to this rule, got " "',
    );
  });

  test('the check must be one of the lint\'s', () => {
    expect(specError((s) => (s.monitoring.ruleGroups[0].rules[0].lintDisable = [{ check: 'labels', reason: 'x' }]))).toMatch(
      /^environment "homelab": monitoring\.ruleGroups\[0\]\.rules\[0\]\.lintDisable\[0\]\.check: expected one of "syntax", "unknown-metric", .*, got "labels"$/,
    );
  });

  test('a disabled finding lets synth finish and is printed with its reason', () => {
    // GIVEN homelab with an alert whose summary prints a label its sum drops, and that check disabled for a reason
    const spec = clone(homelab) as any;
    const rule = spec.monitoring.ruleGroups[0].rules[0];
    rule.annotations.summary = 'Workers down on {{ $labels.pod }}';
    delete rule.tests;
    rule.lintDisable = [{ check: 'label-flow', reason: 'pod arrives with the next worker release' }];
    const outdir = path.join(tempDir('obs-disable-'), 'out');
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    try {
      // WHEN the app is built THEN it is, and stderr names the rule, the reason and the finding
      buildApp(outdir, [spec]);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toMatch(/^environment "homelab": rule WorkerDown \(monitoring\.ruleGroups\[0\]\.rules\[0\]\): disabled \(label-flow: pod arrives with the next worker release\): annotations\.summary: \{\{ \$labels\.pod \}\} prints ""/);
    expect(fs.existsSync(outdir)).toBe(true);
  });
});

describe('suggestions name what exists', () => {
  test('an alert name misspelt in an inhibit rule, among many alerts: the nearest one', () => {
    const many = ['DiskFull', 'DiskSlow', 'HostDown', 'HostHot', 'MemoryLow', 'NetworkDown', 'PostgresDown'].map((name) =>
      alert('app_queue_size > 1', { alert: name, labels: { severity: name === 'HostDown' ? 'critical' : 'warning' } }),
    );
    const am = { ...ALERTMANAGER, inhibitRules: [{ sourceMatchers: ['alertname="PostgresqlDown"'], targetMatchers: ['severity="warning"'] }] };
    expect(lint(many, { alertmanager: am })).toEqual([
      'environment "test": alertmanager.inhibitRules[0].sourceMatchers[0]: alertname="PostgresqlDown" matches no alert this environment sends (alertname has 7 values; did you mean "PostgresDown"?); match a value an alert has',
    ]);
  });
});
