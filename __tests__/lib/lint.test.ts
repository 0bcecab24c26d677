import { spawnSync } from 'child_process';
import * as path from 'path';
import { CATALOGS, MetricCatalog } from '../../lib/catalogs';
import { formatFinding, LintAlertRule, LintEnvironment, LintJob, LintRecordingRule, lintEnvironment } from '../../lib/lint';
import { describeStack, exporterCatalog, lintStack } from '../../lib/lint-environment';
import { EnvironmentStack } from '../../runtimes/docker/environment-stack';
import { ENVIRONMENTS, KUBERNETES_ENVIRONMENTS } from '../../environments';
import { lloomSpec } from '../../environments/lloom/spec';
import { cleanupOutdirs, testApp } from '../support/synth';

afterAll(cleanupOutdirs);

const APP: MetricCatalog = [
  { name: 'app_requests_total', type: 'counter', labels: ['status', 'model'] },
  { name: 'app_queue_size', type: 'gauge', labels: ['queue'] },
  { name: 'app_request_duration_seconds', type: 'histogram', labels: ['route'] },
];
const JOBS: LintJob[] = [
  { name: 'app', scrapeInterval: '15s', metrics: APP, targetLabels: ['machine'] },
  { name: 'discovered', scrapeInterval: '15s', metrics: [{ name: 'pod_restarts_total', type: 'counter', labels: [] }], targetLabels: [], anyLabels: true },
];
const ALERT = { labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd' } };

function lint(rules: Array<LintAlertRule | LintRecordingRule>, more: Partial<LintEnvironment> = {}): string[] {
  return lintEnvironment({
    name: 'test',
    severities: ['warning'],
    evaluationInterval: '15s',
    jobs: JOBS,
    ruleGroups: rules.length ? [{ name: 'g', path: 'monitoring.ruleGroups[0]', rules }] : [],
    ...more,
  }).map(formatFinding);
}

const alert = (expr: string): LintAlertRule => ({ alert: 'AppBroken', expr, ...ALERT });
const panel = (expr: string): Partial<LintEnvironment> => ({ dashboards: [{ title: 'App', panels: [{ title: 'P', queries: [{ expr }] }] }] });

const stacks = new Map(ENVIRONMENTS.map((spec) => [spec.name, new EnvironmentStack(testApp(), spec)]));

describe('every environment passes the monitoring lint', () => {
  test.each([...stacks.keys()])('%s: no findings', (name) => {
    // GIVEN the environment as synth builds it WHEN linted THEN nothing is found
    expect(lintStack(stacks.get(name)!).map(formatFinding)).toEqual([]);
  });

  test.each([...stacks.keys()])('%s: the lint reads every scrape job, rule group and dashboard query', (name) => {
    // GIVEN the environment WHEN described for the lint
    const stack = stacks.get(name)!;
    const env = describeStack(stack);
    // THEN it has every scrape job Prometheus scrapes, with a catalog for each but service-discovery-free ones that declare none
    expect(env.jobs.map((j) => j.name)).toEqual(stack.parts.prometheus.scrapeJobs.map((j) => j.name));
    for (const job of env.jobs) expect({ job: job.name, metrics: job.metrics.length > 0 || job.name === 'queen-rbee' }).toEqual({ job: job.name, metrics: true });
    // AND every rule group Prometheus loads, the generated ones included
    expect(env.ruleGroups.map((g) => g.name)).toEqual(stack.parts.prometheus.ruleGroups.map((g) => g.name));
    // AND the dashboards' PromQL queries and query variables
    const queries = (env.dashboards ?? []).flatMap((d) => d.panels.flatMap((p) => p.queries));
    expect(queries.length).toBeGreaterThan(10);
    expect((env.dashboards ?? []).flatMap((d) => d.variables ?? []).length).toBeGreaterThan(0);
  });

  test('exporter containers get the catalog of their kind, with the Go process metrics where they expose them', () => {
    const homelab = describeStack(stacks.get('homelab')!);
    const metricsOf = (job: string) => new Set(homelab.jobs.find((j) => j.name === job)!.metrics.map((m) => m.name));
    expect(metricsOf('node')).toEqual(new Set([...CATALOGS['node-exporter'].catalog, ...CATALOGS['process-go'].catalog].map((m) => m.name)));
    expect(metricsOf('gpu').has('DCGM_FI_DEV_GPU_UTIL')).toBe(true);
    expect(metricsOf('gpu').has('go_goroutines')).toBe(false);
    expect(metricsOf('prometheus').has('prometheus_tsdb_head_series')).toBe(true);
    expect(exporterCatalog('postgres-exporter').some((m) => m.name === 'pg_stat_activity_count')).toBe(true);
    // AND a job's target labels are what Prometheus attaches: static labels and relabel targets
    expect(homelab.jobs.find((j) => j.name === 'brain-worker')!.targetLabels).toEqual(['machine']);
    expect(homelab.jobs.find((j) => j.name === 'health')!.targetLabels).toEqual(['instance', 'machine']);
  });

  test("a job's merged catalog is one object per spec catalog and exporter kind, so the lint expands it once", () => {
    // GIVEN homelab whose node exporter job also declares a metric of its own
    const spec = JSON.parse(JSON.stringify(ENVIRONMENTS.find((e) => e.name === 'homelab')));
    spec.monitoring.jobs[0].metrics = [{ name: 'node_textfile_custom', type: 'gauge', labels: [] }];
    const stack = new EnvironmentStack(testApp(), spec);
    // WHEN described twice THEN the node job's catalog is the same merged object, with both parts
    const node = () => describeStack(stack).jobs.find((j) => j.name === 'node')!.metrics;
    expect(node()).toBe(node());
    expect(node().map((m) => m.name)).toEqual(expect.arrayContaining(['node_load15', 'node_textfile_custom']));
  });

  test('a 5000-node lloom lints in well under a second: targets are never iterated per rule', () => {
    // GIVEN lloom with 2000 clients, 2000 executors and 1000 validators
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const stack = new EnvironmentStack(testApp(), lloomSpec({ clients: ids('c', 2000), executors: ids('e', 2000), validators: ids('v', 1000) }));
    // WHEN linted THEN it is clean, and fast
    const start = process.hrtime.bigint();
    expect(lintStack(stack)).toEqual([]);
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(1000);
  });
});

describe('what the lint accepts', () => {
  test('target labels, job matchers by regex, and matchers that accept a missing label', () => {
    expect(lint([alert('app_queue_size{job=~"app|other", machine="pc", instance!="x", status=""} > 1')])).toEqual([]);
  });

  test('any label on a job whose relabelling maps labels it cannot know', () => {
    expect(lint([alert('increase(pod_restarts_total{namespace="lloom"}[10m]) > 3')])).toEqual([]);
  });

  test("absent() alerts need no comparison, and up exists for every job", () => {
    expect(lint([alert('absent(up{job="discovered"})'), { ...alert('absent_over_time(app_queue_size[10m])'), alert: 'AppQueueSizeAbsent' }])).toEqual([]);
  });

  test('absent() followed by a comment, or in parentheses, still needs no comparison', () => {
    expect(lint([alert('absent(app_queue_size) # vanished'), { ...alert('(\n  absent(up{job="app"})\n) # gone\n'), alert: 'AppDown' }])).toEqual([]);
  });

  test('a job regex JavaScript cannot compile is taken to select every job', () => {
    expect(lint([alert('app_queue_size{job=~"(?i)APP"} > 1')])).toEqual([]);
  });

  test('Grafana variables: $__rate_interval windows are not checked, $job values select no job statically', () => {
    expect(lint([], panel('sum by (machine) (rate(app_requests_total{job=~"$job", machine=~"$machine"}[$__rate_interval]))'))).toEqual([]);
  });

  test('ALERTS exists while alerting rules do', () => {
    expect(lint([alert('app_queue_size > 1')], panel('count(ALERTS{alertstate="firing", machine="pc"})'))).toEqual([]);
    expect(lint([], panel('count(ALERTS{alertstate="firing"})'))).toEqual([
      'environment "test": dashboard "App" panel "P": ALERTS at line 1, column 7: no scrape job exposes this metric and no recording rule records it',
    ]);
  });

  test('ratios aggregated to the same labels, and matched with on()', () => {
    expect(
      lint([
        alert('sum by (instance) (rate(app_requests_total{status="failed"}[5m])) / sum by (instance) (rate(app_requests_total[5m])) > 0.05'),
        { ...alert('app_queue_size / on (instance) group_left sum by (instance) (rate(app_requests_total[5m])) > 10'), alert: 'AppQueueSlow' },
        { ...alert('app_queue_size * 2 > app_queue_size'), alert: 'AppQueueDoubled' },
      ]),
    ).toEqual([]);
  });

  test('histogram_quantile() over buckets summed by le, and over a recorded rate of buckets', () => {
    const rules = [
      { record: 'route:app_request_duration_seconds_bucket:rate5m', expr: 'sum by (route, le) (rate(app_request_duration_seconds_bucket[5m]))' },
      alert('histogram_quantile(0.99, route:app_request_duration_seconds_bucket:rate5m) > 1'),
    ];
    expect(lint(rules, panel('histogram_quantile(0.9, sum without (route) (rate(app_request_duration_seconds_bucket[1m])))'))).toEqual([]);
  });
});

describe('recording rules add their outputs to the catalog', () => {
  const recorded = { record: 'app:requests:rate5m', expr: 'sum by (model) (rate(app_requests_total[5m]))' };

  test('with the labels their aggregation keeps, read by rules in any group order', () => {
    const groups = [
      { name: 'reads', path: 'monitoring.ruleGroups[0]', rules: [alert('app:requests:rate5m{model="llama"} > 10')] },
      { name: 'records', path: 'monitoring.ruleGroups[1]', rules: [recorded] },
    ];
    expect(lint([], { ruleGroups: groups })).toEqual([]);
  });

  test('a matcher on a label the aggregation dropped', () => {
    expect(lint([recorded, alert('app:requests:rate5m{status="failed"} > 10')])).toEqual([
      'environment "test": rule AppBroken (monitoring.ruleGroups[0].rules[1]): matcher status="failed" of app:requests:rate5m at line 1, column 1: app:requests:rate5m carries no label "status", so it never matches; its labels are model',
    ]);
  });

  test('as gauges: rate() of a recorded rate is refused', () => {
    expect(lint([recorded], panel('rate(app:requests:rate5m[5m])'))).toEqual([
      'environment "test": dashboard "App" panel "P": rate(app:requests:rate5m[5m]) at line 1, column 1: app:requests:rate5m is a gauge; rate(), irate() and increase() need a counter (use deriv() or delta() for a gauge)',
    ]);
  });
});

describe('npm run lint:monitoring', () => {
  test('prints "no findings" for every environment of a clean tree and exits 0', () => {
    // GIVEN this tree WHEN the script runs
    const root = path.resolve(__dirname, '../..');
    const run = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/lint-monitoring.ts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    // THEN it says so for each environment, in order, and succeeds
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 0,
      stdout: [...ENVIRONMENTS.map((e) => e.name), ...KUBERNETES_ENVIRONMENTS.map((e) => e.spec.name)].map((name) => `environment "${name}": no findings\n`).join(''),
      stderr: '',
    });
  });
});
