import * as fs from 'fs';
import * as path from 'path';
import { MetricCatalog } from '../../lib/catalogs';
import { formatFinding, LintAlertRule, LintEnvironment, LintJob, LintRecordingRule, lintEnvironment } from '../../lib/lint';
import { homelab } from '../../environments/homelab/spec';
import { llamaOrch } from '../../environments/llama-orch/spec';
import { removeTempDirs, tempDir } from '../support/files';
import { cleanupOutdirs, clone, testApp } from '../support/synth';
import { Testing } from 'cdktf';
import { EnvironmentStack } from '../../runtimes/docker/environment-stack';
import { appError, specError } from '../support/spec';

/** A small application: one of each metric type, scraped by two jobs at different intervals. */
const APP: MetricCatalog = [
  { name: 'app_requests_total', type: 'counter', labels: ['status'] },
  { name: 'app_queue_size', type: 'gauge', labels: ['queue'] },
  { name: 'app_request_duration_seconds', type: 'histogram', labels: ['route'] },
  { name: 'app_latency_seconds', type: 'summary', labels: [] },
];
const DB: MetricCatalog = [
  { name: 'db_queries_total', type: 'counter', labels: ['table'] },
  { name: 'db_connections', type: 'gauge', labels: ['pool'] },
];

const JOBS: LintJob[] = [
  { name: 'app', scrapeInterval: '15s', metrics: APP, targetLabels: ['machine'] },
  { name: 'db', scrapeInterval: '1m', metrics: DB, targetLabels: [] },
];

const ALERT = { labels: { severity: 'warning' }, annotations: { summary: 'Something is wrong', description: 'What is wrong and what it breaks' } };

/** GIVEN an environment with these rules (in ruleGroups[0]) and dashboards, WHEN linted, THEN the findings, one a line. */
function lint(rules: Array<LintAlertRule | LintRecordingRule>, more: Partial<LintEnvironment> = {}): string[] {
  return lintEnvironment({
    name: 'test',
    severities: ['critical', 'warning'],
    evaluationInterval: '15s',
    jobs: JOBS,
    ruleGroups: rules.length ? [{ name: 'test-alerts', path: 'monitoring.ruleGroups[0]', rules }] : [],
    ...more,
  }).map(formatFinding);
}

function alert(expr: string, name = 'AppBroken'): LintAlertRule {
  return { alert: name, expr, ...ALERT };
}

function panel(expr: string, title = 'Requests'): Partial<LintEnvironment> {
  return { dashboards: [{ title: 'App', panels: [{ title, queries: [{ refId: 'A', expr }] }] }] };
}

describe('the monitoring lint names the environment, the rule or panel, the position and what is expected', () => {
  test('a syntax error, with its position', () => {
    expect(lint([], panel('sum(rate(app_requests_total[5m])'))).toEqual([
      'environment "test": dashboard "App" panel "Requests": syntax error at line 1, column 33: unexpected end of input',
    ]);
  });

  test('an empty expression is a syntax error', () => {
    expect(lint([alert('  ')])).toEqual(['environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): syntax error at line 1, column 1: expression is empty']);
  });

  test('a metric no job exposes, with the nearest known name', () => {
    expect(lint([alert('app_queue_sizes > 10')])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): app_queue_sizes at line 1, column 1: no scrape job exposes this metric and no recording rule records it (did you mean app_queue_size?)',
    ]);
  });

  test('a metric the job its job matcher names does not expose', () => {
    expect(lint([alert('db_connections{job="app"} > 90')])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): db_connections at line 1, column 1: job "app" does not expose it; it is exposed by job "db"',
    ]);
  });

  test('a job matcher that matches no job', () => {
    expect(lint([alert('up{job="ap"} == 0')])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): up at line 1, column 1: no scrape job matches job="ap"; it is exposed by job "app", job "db"',
    ]);
  });

  test('a matcher on a label the metric does not carry', () => {
    expect(lint([alert('app_queue_size{status="pending"} > 100')])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): matcher status="pending" of app_queue_size at line 1, column 1: app_queue_size carries no label "status", so it never matches; its labels are instance, job, machine, queue',
    ]);
  });

  test('an external label is not on the series rules and dashboards read', () => {
    expect(lint([], panel('db_connections{cluster="prod"}'))).toEqual([
      'environment "test": dashboard "App" panel "Requests": matcher cluster="prod" of db_connections at line 1, column 1: db_connections carries no label "cluster", so it never matches; its labels are instance, job, pool',
    ]);
  });

  test('rate() over a gauge', () => {
    expect(lint([alert('rate(app_queue_size[5m]) > 1')])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): rate(app_queue_size[5m]) at line 1, column 1: app_queue_size is a gauge; rate(), irate() and increase() need a counter (use deriv() or delta() for a gauge)',
    ]);
  });

  test("increase() over a summary's quantiles", () => {
    expect(lint([], panel('increase(app_latency_seconds[5m])'))).toEqual([
      `environment "test": dashboard "App" panel "Requests": increase(app_latency_seconds[5m]) at line 1, column 1: app_latency_seconds is a summary's quantiles; rate(), irate() and increase() need a counter (use deriv() or delta() for a gauge)`,
    ]);
  });

  test('predict_linear() over a counter', () => {
    expect(lint([{ record: 'app:requests:forecast', expr: 'predict_linear(app_requests_total[1h], 3600)' }])).toEqual([
      'environment "test": rule app:requests:forecast (monitoring.ruleGroups[0].rules[0]): predict_linear(app_requests_total[1h]) at line 1, column 1: app_requests_total is a counter; delta(), idelta(), deriv() and predict_linear() need a gauge (apply them to rate() of a counter, or use increase())',
    ]);
  });

  test('histogram_quantile() over a summary', () => {
    expect(lint([alert('histogram_quantile(0.99, rate(app_latency_seconds_sum[5m])) > 1')])).toEqual([
      `environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): histogram_quantile() at line 1, column 1: app_latency_seconds_sum is a summary's _sum, not a histogram's _bucket series; histogram_quantile() needs buckets with their le label`,
    ]);
    expect(lint([], panel('histogram_quantile(0.99, app_latency_seconds)'))).toEqual([
      `environment "test": dashboard "App" panel "Requests": histogram_quantile() at line 1, column 1: app_latency_seconds is a summary's quantiles, not a histogram's _bucket series; histogram_quantile() needs buckets with their le label (read a summary's quantile with app_latency_seconds{quantile="0.99"})`,
    ]);
  });

  test('histogram_quantile() over buckets summed without le', () => {
    expect(lint([], panel('histogram_quantile(0.95, sum by (route) (rate(app_request_duration_seconds_bucket[5m])))'))).toEqual([
      'environment "test": dashboard "App" panel "Requests": histogram_quantile() at line 1, column 1: the sum at line 1, column 26 aggregates the le label away; histogram_quantile() needs it: aggregate by (route, le)',
    ]);
  });

  test("a rate window shorter than twice the job's scrape interval", () => {
    expect(lint([alert('rate(db_queries_total[90s]) > 10')])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): rate(db_queries_total[90s]) at line 1, column 1: the 90s window is shorter than twice the 1m scrape interval of job "db"; rate() needs two samples: use at least 2m',
    ]);
  });

  test('a sub-second scrape interval and the window it needs are written to the millisecond, as Prometheus durations', () => {
    // GIVEN the app scraped every 700ms (0.7000000000000001 s once read) and a 1s rate() window
    const jobs = JOBS.map((j) => (j.name === 'app' ? { ...j, scrapeInterval: '700ms' } : j));
    expect(lint([alert('rate(app_requests_total[1s]) > 10')], { jobs })).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): rate(app_requests_total[1s]) at line 1, column 1: the 1s window is shorter than twice the 700ms scrape interval of job "app"; rate() needs two samples: use at least 1s400ms',
    ]);
  });

  test("a window over a recording rule's output shorter than twice its group's interval", () => {
    const rules = [{ record: 'app:requests:rate5m', expr: 'sum by (status) (rate(app_requests_total[5m]))' }];
    const groups = [
      { name: 'recorded', interval: '5m', path: 'monitoring.ruleGroups[0]', rules },
      { name: 'reads', path: 'monitoring.ruleGroups[1]', rules: [alert('deriv(app:requests:rate5m[5m]) > 1')] },
    ];
    expect(lint([], { ruleGroups: groups })).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[1].rules[0]): deriv(app:requests:rate5m[5m]) at line 1, column 1: the 5m window is shorter than twice the 5m evaluation interval of rule group "recorded"; deriv() needs two samples: use at least 10m',
    ]);
  });

  test('a ratio of two metrics with different labels, always empty', () => {
    expect(lint([alert('rate(db_queries_total[5m]) / db_connections > 10')])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): "/" at line 1, column 28: db_queries_total carries table and db_connections carries pool, so one-to-one matching pairs no series and the result is always empty; aggregate both sides to the same labels (e.g. sum by (instance)) or match with on(...)',
    ]);
  });

  test('a ratio of a metric to itself, each series paired with itself', () => {
    expect(lint([alert('rate(app_requests_total{status="failed"}[5m]) / rate(app_requests_total[5m]) > 0.05')])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): "/" at line 1, column 47: both sides read app_requests_total and one-to-one matching pairs each series with itself (status="failed" on one side meets the same series on the other), so the result compares a series to itself; aggregate status away on both sides, e.g. sum without (status) (...)',
    ]);
  });

  test('a ratio of one metric to itself with different values of a label, always empty', () => {
    expect(lint([], panel('app_requests_total{status="failed"} / app_requests_total{status="ok"}'))).toEqual([
      'environment "test": dashboard "App" panel "Requests": "/" at line 1, column 37: both sides read app_requests_total, one with status="failed" and the other with status="ok", so one-to-one matching pairs no series and the result is always empty; aggregate status away on both sides, e.g. sum without (status) (...)',
    ]);
  });

  test('an alert without a comparison fires for every series', () => {
    expect(lint([alert('rate(app_requests_total{status="failed"}[5m])')])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): expr: expected a condition such as "... > 0.9" at the top level, got an expression without one: the alert would fire for every series it returns',
    ]);
  });

  test('an alert without a comparison is found with a comment after it too', () => {
    expect(lint([alert('rate(app_requests_total{status="failed"}[5m]) # no threshold')])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): expr: expected a condition such as "... > 0.9" at the top level, got an expression without one: the alert would fire for every series it returns',
    ]);
  });

  test('an alert name that is not CamelCase', () => {
    expect(lint([alert('app_queue_size > 100', 'app_queue_full')])).toEqual([
      'environment "test": rule app_queue_full (monitoring.ruleGroups[0].rules[0]): alert: expected a CamelCase name (letters and digits, starting with a capital) such as "AppQueueFull", got "app_queue_full"',
    ]);
  });

  test('a severity outside the environment set, and none', () => {
    const urgent = { ...alert('app_queue_size > 100'), labels: { severity: 'urgent' } };
    const none = { ...alert('app_queue_size > 100', 'AppQueueFull'), labels: {} };
    expect(lint([urgent, none])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): labels.severity: expected one of "critical", "warning", got "urgent"',
      'environment "test": rule AppQueueFull (monitoring.ruleGroups[0].rules[1]): labels.severity: expected one of "critical", "warning", got nothing',
    ]);
  });

  test('a missing summary and an empty description', () => {
    const rule = { ...alert('app_queue_size > 100'), annotations: { description: ' ' } };
    expect(lint([rule])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): annotations.summary: expected a one-line summary, got nothing',
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[0]): annotations.description: expected a description of what is wrong and its impact, got " "',
    ]);
  });

  test('a label_values() variable on a label the metric does not carry', () => {
    const dashboards = [{ title: 'App', panels: [], variables: [{ name: 'pool', query: 'label_values(app_queue_size, pool)' }] }];
    expect(lint([], { dashboards })).toEqual([
      'environment "test": dashboard "App" variable "pool": label_values() label "pool": app_queue_size carries no label "pool", so the variable has no values; its labels are instance, job, machine, queue',
    ]);
  });

  test('a catalog that defines one series twice', () => {
    const jobs = [...JOBS, { name: 'broken', scrapeInterval: '15s', metrics: [{ name: 'x', type: 'histogram', labels: [] }, { name: 'x_count', type: 'gauge', labels: [] }], targetLabels: [] } as LintJob];
    expect(lint([], { jobs })).toEqual([
      'environment "test": job "broken" metrics: series "x_count" is defined twice: as histogram_count of "x" and as gauge of "x_count": expected each series name once',
    ]);
  });

  test('every finding of an expression is reported, in order', () => {
    expect(lint([], panel('rate(app_queue_size{status="x"}[20s])'))).toEqual([
      'environment "test": dashboard "App" panel "Requests": matcher status="x" of app_queue_size at line 1, column 6: app_queue_size carries no label "status", so it never matches; its labels are instance, job, machine, queue',
      'environment "test": dashboard "App" panel "Requests": rate(app_queue_size{status="x"}[20s]) at line 1, column 1: app_queue_size is a gauge; rate(), irate() and increase() need a counter (use deriv() or delta() for a gauge)',
      'environment "test": dashboard "App" panel "Requests": rate(app_queue_size{status="x"}[20s]) at line 1, column 1: the 20s window is shorter than twice the 15s scrape interval of job "app"; rate() needs two samples: use at least 30s',
    ]);
  });
});

describe('in an environment spec', () => {
  test("a rule's PromQL syntax error is refused with the rule's path and the position", () => {
    expect(specError((s) => (s.monitoring.ruleGroups[0].rules[5].expr = 'rate(rbee_hive_workers_force_killed_total[5m) > 0.1'), llamaOrch)).toBe(
      'environment "llama-orch": monitoring.ruleGroups[0].rules[5].expr: expected a PromQL expression (syntax error at line 1, column 45: unexpected ")"), got "rate(rbee_hive_workers_force_killed_total[5m) > 0.1"',
    );
  });

  test('a catalog with a type that does not exist', () => {
    expect(specError((s) => (s.monitoring.jobs[2].metrics = [{ name: 'brain_worker_status', type: 'boolean', labels: [] }]))).toBe(
      'environment "homelab": monitoring.jobs[2].metrics[0].type: expected one of "counter", "gauge", "histogram", "summary", "untyped", got "boolean"',
    );
  });

  describe('the lint is a validation of the environment stack', () => {
    afterAll(cleanupOutdirs);

    test('Testing.synth with validations runs it, on a stack built without buildApp', () => {
      // GIVEN homelab's WorkerDown alert taking rate() of a gauge, built as a stack alone
      const spec = clone(homelab) as any;
      spec.monitoring.ruleGroups[0].rules[0].expr = 'rate(brain_worker_status[5m]) > 0';
      delete spec.monitoring.ruleGroups[0].rules[0].tests;
      const stack = new EnvironmentStack(testApp(), spec);
      // WHEN it is synthesized with validations THEN the finding fails it, under the stack's path
      expect(() => Testing.synth(stack, true)).toThrow(
        '[homelab] environment "homelab": rule WorkerDown (monitoring.ruleGroups[0].rules[0]): rate(brain_worker_status[5m]) at line 1, column 1: brain_worker_status is a gauge; rate(), irate() and increase() need a counter (use deriv() or delta() for a gauge)',
      );
      // AND the seed's own stack passes the same validation
      expect(() => Testing.synth(new EnvironmentStack(testApp(), homelab), true)).not.toThrow();
    });
  });

  describe('synth refuses a spec the lint finds broken, and writes nothing', () => {
    afterAll(removeTempDirs);

    test('rate() over a gauge in a seed rule', () => {
      // GIVEN homelab with its WorkerDown alert rewritten to take rate() of a gauge, and a typo
      const spec = clone(homelab) as any;
      spec.monitoring.ruleGroups[0].rules[0].expr = 'rate(brain_worker_status[5m]) > 0 or brain_worker_stats == 0';
      delete spec.monitoring.ruleGroups[0].rules[0].tests;
      const outdir = path.join(tempDir('obs-lint-'), 'out');
      // WHEN the app is built THEN one ConfigError lists every finding after their count, each
      // mistake once: the generated Absent alert for the misspelt metric adds no second finding
      expect(appError(outdir, [spec]).split('\n')).toEqual([
        '2 monitoring lint findings (npm run lint:monitoring lists them):',
        'environment "homelab": rule WorkerDown (monitoring.ruleGroups[0].rules[0]): brain_worker_stats at line 1, column 38: no scrape job exposes this metric and no recording rule records it (did you mean brain_worker_status?)',
        'environment "homelab": rule WorkerDown (monitoring.ruleGroups[0].rules[0]): rate(brain_worker_status[5m]) at line 1, column 1: brain_worker_status is a gauge; rate(), irate() and increase() need a counter (use deriv() or delta() for a gauge)',
      ]);
      // AND nothing was written, not even the output folder
      expect(fs.existsSync(outdir)).toBe(false);
    });
  });
});
