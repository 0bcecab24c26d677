import { ENVIRONMENTS } from '../../environments';
import { EnvironmentStack } from '../../runtimes/docker/environment-stack';
import { callsOf, isAppliedTo, nestedCalls, parsePromQL, PromQLAnalysis } from '../../lib/promql';
import {
  blackboxExporter,
  cadvisor,
  expandCatalog,
  MetricCatalog,
  nodeExporter,
  nvidiaDcgm,
  nvidiaGpuExporter,
  postgresExporter,
  redisExporter,
  ruleSeries,
  scrapeSeries,
} from '../../lib/catalogs';
import { cleanupOutdirs, resourcesOfType, synthEnvironment } from '../support/synth';
import { parseLogQL } from '../support/logql';
import { DashboardModel, dashboardsOf, Panel, Target } from '../support/dashboard-model';

afterAll(cleanupOutdirs);

/** The dashboards each environment must have: uid and title. */
const EXPECTED: Record<string, Array<[string, string]>> = {
  homelab: [
    ['homelab-business-overview', 'Business Overview'],
    ['homelab-hive-swarm', 'Hive Swarm'],
    ['homelab-brain-intelligence', 'Brain Intelligence'],
    ['homelab-system-infrastructure', 'System Infrastructure'],
    ['homelab-alerts', 'Alerts'],
    ['homelab-logs', 'Logs'],
  ],
  'llama-orch': [
    ['llama-orch-production', 'llama-orch Production Dashboard'],
    ['llama-orch-logs', 'Logs'],
  ],
  lloom: [
    ['lloom-overview', 'Lloom Overview'],
    ['lloom-executor-performance', 'Executor Performance'],
    ['lloom-network-health', 'Network Health'],
    ['lloom-request-flow', 'Lloom Request Flow'],
    ['lloom-cost-analysis', 'Cost Analysis'],
    ['lloom-slo', 'SLOs'],
    ['lloom-logs', 'Logs'],
  ],
  osmen: [
    ['osmen-overview', 'Overview'],
    ['osmen-agent-performance', 'Agent Performance'],
    ['osmen-system-health', 'System Health'],
    ['osmen-database', 'Database'],
    ['osmen-costs', 'Costs'],
    ['osmen-slo', 'SLOs'],
    ['osmen-logs', 'Logs'],
  ],
};

/**
 * The Logs dashboards query Loki only (LogQL, not PromQL): their queries, variables and panels
 * are checked in logs.test.ts; here they get the checks every dashboard gets.
 */
function isLogsDashboard(model: { uid: string }): boolean {
  return model.uid.endsWith('-logs');
}

/** Metrics each dashboard must query: the seed's panels and queries it is built from. */
const REQUIRED_METRICS: Record<string, string[]> = {
  'homelab-business-overview': ['up', 'probe_success', 'litellm_spend_metric_total', 'litellm_proxy_total_requests_metric_total', 'hive_swarm_tasks_completed_total'],
  'homelab-hive-swarm': ['hive_swarm_queue_depth', 'hive_swarm_workers', 'hive_swarm_tasks_completed_total', 'hive_swarm_tasks_failed_total'],
  'homelab-brain-intelligence': ['brain_lancedb_rows_total', 'brain_lancedb_size_bytes', 'brain_lancedb_ingestion_rate', 'probe_duration_seconds', 'brain_worker_memory_bytes', 'brain_worker_status', 'brain_signal_queue_total'],
  'homelab-system-infrastructure': [
    'node_cpu_seconds_total',
    'node_memory_MemAvailable_bytes',
    'node_filesystem_avail_bytes',
    'node_network_receive_bytes_total',
    'DCGM_FI_DEV_GPU_UTIL',
    'DCGM_FI_DEV_GPU_TEMP',
    'DCGM_FI_DEV_FB_USED',
  ],
  'homelab-alerts': ['ALERTS', 'ALERTS_FOR_STATE'],
  'llama-orch-production': [
    'rbee_hive_workers_total',
    'rbee_hive_memory_available_bytes',
    'rbee_hive_memory_total_bytes',
    'rbee_hive_disk_available_bytes',
    'rbee_hive_disk_total_bytes',
    'rbee_hive_shutdown_duration_seconds_bucket',
    'rbee_hive_workers_force_killed_total',
    'rbee_hive_worker_restart_failures_total',
  ],
  'lloom-overview': ['lloom:request_rate:5m', 'lloom_client_requests_total', 'lloom_request_duration_seconds_bucket', 'up'],
  'lloom-executor-performance': ['lloom_executor_requests_total', 'lloom_executor_tokens_per_second', 'lloom_executor_revenue_total', 'lloom_executor_gpu_utilization_percent'],
  'lloom-network-health': ['lloom_client_peers_connected', 'lloom_client_network_messages_total', 'lloom_client_executors_available', 'node_network_receive_bytes_total'],
  'lloom-request-flow': ['lloom_client_requests_total', 'lloom_request_duration_seconds_bucket'],
  'lloom-cost-analysis': ['lloom_client_cost_total', 'lloom_executor_revenue_total', 'lloom_client_tokens_used_total', 'lloom:revenue_projection:24h', 'lloom:token_usage_trend:1h'],
  // The SLOs dashboards read the SLOs' records, and the histogram of a latency SLO.
  'lloom-slo': ['slo:objective:ratio', 'slo:sli_error:ratio_rate1h', 'slo:error_budget:remaining_ratio', 'slo:burn_rate:rate1h', 'slo:burn_rate:rate6h', 'slo:burn_rate:rate1d', 'slo:burn_rate:rate3d', 'lloom_request_duration_seconds_bucket'],
  'osmen-overview': ['osmen_requests_total', 'osmen_errors_total', 'osmen_request_duration_seconds_bucket', 'osmen_active_users'],
  'osmen-agent-performance': ['osmen_agent_executions_total', 'osmen_agent_duration_seconds_sum', 'osmen_tokens_used_total'],
  'osmen-system-health': ['container_cpu_usage_seconds_total', 'container_memory_working_set_bytes', 'container_fs_reads_bytes_total', 'container_network_receive_bytes_total'],
  'osmen-database': ['pg_stat_database_xact_commit', 'pg_stat_activity_count', 'pg_stat_activity_max_tx_duration', 'pg_stat_database_blks_hit', 'redis_keyspace_hits_total'],
  'osmen-costs': ['osmen_llm_cost_dollars', 'osmen_tokens_used_total'],
  'osmen-slo': ['slo:objective:ratio', 'slo:sli_error:ratio_rate28m', 'slo:error_budget:remaining_ratio', 'slo:burn_rate:rate28m', 'osmen_request_duration_seconds_bucket'],
};

/**
 * Dashboards whose metrics carry no common job/instance: alerts carry their rules' labels, an
 * SLO's records are summed over every job and instance (the SLO is the service's, not a target's).
 */
const WITHOUT_JOB_INSTANCE = new Set(['homelab-alerts', 'lloom-slo', 'osmen-slo']);

/**
 * Where each environment's metrics come from: exporters with a catalog of their metrics, or the
 * environment's own applications (names the seed gives, with their prefix).
 */
const METRIC_SOURCES: Record<string, { exporters: Array<[RegExp, MetricCatalog]>; applications: RegExp }> = {
  homelab: {
    exporters: [
      [/^node_/, nodeExporter],
      [/^DCGM_/, nvidiaDcgm],
      [/^probe_/, blackboxExporter],
    ],
    applications: /^(brain_|litellm_|hive_swarm_)/,
  },
  'llama-orch': { exporters: [], applications: /^rbee_hive_/ },
  lloom: {
    exporters: [
      [/^node_/, nodeExporter],
      [/^nvidia_smi_/, nvidiaGpuExporter],
    ],
    applications: /^lloom_/,
  },
  osmen: {
    exporters: [
      [/^container_/, cadvisor],
      [/^pg_/, postgresExporter],
      [/^redis_/, redisExporter],
    ],
    applications: /^osmen_/,
  },
};
const PROMETHEUS_SERIES = expandCatalog([...scrapeSeries, ...ruleSeries]);

/** Grafana's unit ids (packages/grafana-data/src/valueFormats/categories.ts), as the dashboard linter lists them. */
const GRAFANA_UNITS = new Set(
  (
    'none string short percent percentunit humidity dB hex0x hex sci locale pixel ' +
    'currencyUSD currencyGBP currencyEUR currencyJPY currencyBTC ' +
    'bytes decbytes bits decbits kbytes deckbytes mbytes decmbytes gbytes decgbytes tbytes dectbytes ' +
    'pps binBps Bps binbps bps KiBs Kibits KBs Kbits MiBs Mibits MBs Mbits GiBs Gibits GBs Gbits ' +
    'dateTimeAsIso dateTimeAsIsoNoDateIfToday dateTimeAsUS dateTimeAsLocal dateTimeFromNow ' +
    'watt kwatt watth kwatth joule celsius fahrenheit kelvin ' +
    'hertz ns µs ms s m h d dtdurationms dtdurations dthms dtdhms timeticks clockms clocks ' +
    'cps ops reqps rps wps iops cpm opm rpm wpm bool bool_yes_no bool_on_off'
  ).split(' '),
);

const RATE_FUNCTIONS = ['rate', 'irate', 'increase'];

/** Every non-row panel, including those inside collapsed rows. */
function panelsOf(model: DashboardModel): Panel[] {
  return model.panels.flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
}

function isLoki(ref: { type?: string } | undefined): boolean {
  return ref?.type === 'loki';
}

/** A panel's targets that query Loki (LogQL), or every other (PromQL): a target's own data source, else its panel's. */
function targetsOf(panel: Panel, language: 'promql' | 'logql'): Target[] {
  return (panel.targets ?? []).filter((t) => isLoki(t.datasource ?? panel.datasource) === (language === 'logql'));
}

/** The PromQL queries of a dashboard: Loki's LogQL targets are left out (they are not PromQL). */
function queriesOf(model: DashboardModel): Array<{ panel: string; expr: string; analysis: PromQLAnalysis }> {
  return panelsOf(model).flatMap((p) => targetsOf(p, 'promql').map((t) => ({ panel: p.title ?? '?', expr: t.expr, analysis: parsePromQL(t.expr) })));
}

/** `label_values(<selector>, <label>)` split into its parts; Loki's `label_values(<label>)` has no selector. */
function labelValues(query: string): { selector?: string; label: string } {
  const m = /^label_values\((?:(.+),\s*)?([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(query);
  if (!m) throw new Error(`not a label_values() query: ${query}`);
  return { selector: m[1], label: m[2] };
}

// GIVEN every environment, synthesized through its EnvironmentStack
const environments = ENVIRONMENTS.map((spec) => {
  const { stack, json } = synthEnvironment(spec);
  return { name: spec.name, stack, json, dashboards: dashboardsOf(json) };
});

describe.each(environments.map((e) => [e.name, e] as const))('%s', (name, env) => {
  const models = env.dashboards.map((d) => d.model);

  test('has the expected dashboards, with their titles and stable uids', () => {
    // WHEN the stack's grafana_dashboard resources are read / THEN they are exactly the expected ones
    expect(models.map((m) => [m.uid, m.title]).sort()).toEqual([...EXPECTED[name]].sort());
  });

  test('every dashboard lives in the one folder of the environment', () => {
    // WHEN the folder and dashboards are read / THEN there is one folder, uid = title = environment, holding every dashboard
    const folders = resourcesOfType(env.json, 'grafana_folder');
    expect(folders.map((f) => ({ uid: f.uid, title: f.title }))).toEqual([{ uid: name, title: name }]);
    for (const { resource, model } of env.dashboards) {
      expect({ uid: model.uid, folder: resource.folder, overwrite: resource.overwrite }).toEqual({ uid: model.uid, folder: name, overwrite: true });
    }
  });

  test('the grafana resources use the aliased provider pointing at the Grafana container', () => {
    // WHEN providers and resources are read / THEN one aliased grafana provider on 127.0.0.1, auth from the variable
    const alias = name.replace(/-/g, '_');
    expect(env.json.provider?.grafana).toEqual([{ alias, url: 'http://127.0.0.1:3000', auth: 'admin:${var.grafana_admin_password}' }]);
    for (const type of ['grafana_data_source', 'grafana_folder', 'grafana_dashboard']) {
      for (const r of resourcesOfType(env.json, type)) expect(r.provider).toBe(`grafana.${alias}`);
    }
    const grafanaContainer = resourcesOfType(env.json, 'docker_container').find((c) => c.name === `${name}-grafana`);
    expect(grafanaContainer?.ports).toEqual([{ internal: 3000, external: 3000, ip: '127.0.0.1', protocol: 'tcp' }]);
  });

  test('Prometheus is the default data source, at the Prometheus container', () => {
    // WHEN the data sources are read / THEN Prometheus is there, default, with the environment's uid
    const prometheus = resourcesOfType(env.json, 'grafana_data_source').filter((d) => d.type === 'prometheus');
    expect(prometheus).toEqual([expect.objectContaining({ uid: `${name}-prometheus`, is_default: true, url: `http://${name}-prometheus:9090` })]);
    expect(env.stack.parts.grafana.prometheusDataSource.uid).toBe(`${name}-prometheus`);
  });

  test('every data source a panel, query or variable uses is a grafana_data_source of this stack', () => {
    // WHEN every data source reference is collected / THEN each names a data source of this stack, with its type
    const ours = new Map(resourcesOfType(env.json, 'grafana_data_source').map((d) => [d.uid as string, d.type as string]));
    const refs = models.flatMap((m) => [
      ...panelsOf(m).flatMap((p) => [p.datasource, ...(p.targets ?? []).map((t) => t.datasource)].map((ref) => ({ where: `${m.uid}/${p.title}`, ref }))),
      ...(m.templating.list ?? []).map((v) => ({ where: `${m.uid}/$${v.name}`, ref: v.datasource })),
    ]);
    expect(refs.length).toBeGreaterThan(0);
    for (const { where, ref } of refs) {
      expect({ where, known: ours.has(ref?.uid ?? ''), type: ref?.type }).toEqual({ where, known: true, type: ours.get(ref?.uid ?? '') });
    }
  });

  test('every panel has a title, a description and a valid Grafana unit', () => {
    for (const m of models) {
      const panels = panelsOf(m);
      expect(panels.length).toBeGreaterThanOrEqual(2);
      for (const p of panels) {
        const unit = p.fieldConfig?.defaults?.unit ?? '';
        expect({ dashboard: m.uid, title: p.title, hasDescription: (p.description ?? '').length >= 10, validUnit: GRAFANA_UNITS.has(unit) }).toEqual({
          dashboard: m.uid,
          title: expect.stringMatching(/\S/),
          hasDescription: true,
          validUnit: true,
        });
      }
    }
  });

  test('every dashboard has a description and tags, and is read-only in the UI (the code is the source of truth)', () => {
    for (const m of models) {
      expect({ uid: m.uid, editable: m.editable, tagged: m.tags.includes(name), described: (m.description ?? '').length > 20 }).toEqual({
        uid: m.uid,
        editable: false,
        tagged: true,
        described: true,
      });
    }
  });

  test('every query is valid PromQL, or, against Loki, valid LogQL', () => {
    // WHEN every panel query is parsed with Prometheus's grammar, or Grafana's LogQL grammar where it queries Loki / THEN none throws
    for (const m of models) {
      for (const p of panelsOf(m)) {
        for (const t of targetsOf(p, 'promql')) expect(() => parsePromQL(t.expr)).not.toThrow();
        for (const t of targetsOf(p, 'logql')) expect(() => parseLogQL(t.expr)).not.toThrow();
        expect((p.targets ?? []).length).toBeGreaterThan(0);
      }
    }
  });

  test('every rate(), irate() and increase() window is $__rate_interval', () => {
    for (const m of models) {
      for (const q of queriesOf(m)) {
        for (const call of q.analysis.calls.filter((c) => RATE_FUNCTIONS.includes(c.fn))) {
          expect({ dashboard: m.uid, panel: q.panel, call: call.text, range: call.rangeArgument?.range }).toEqual({
            dashboard: m.uid,
            panel: q.panel,
            call: call.text,
            range: '$__rate_interval',
          });
        }
      }
    }
  });

  test('dashboards carry job and instance variables as the linter wants them, and use them', () => {
    // Logs have no instance: the Logs dashboards' job, host and service variables are checked in logs.test.ts.
    for (const m of models.filter((d) => !WITHOUT_JOB_INSTANCE.has(d.uid) && !isLogsDashboard(d))) {
      const vars = new Map((m.templating.list ?? []).map((v) => [v.name, v]));
      for (const name of ['job', 'instance']) {
        const v = vars.get(name);
        expect({ dashboard: m.uid, name, type: v?.type, label: v?.label, multi: v?.multi, includeAll: v?.includeAll, allValue: v?.allValue, refresh: v?.refresh }).toEqual({
          dashboard: m.uid,
          name,
          type: 'query',
          label: name,
          multi: true,
          includeAll: true,
          allValue: '.+',
          refresh: 2,
        });
        expect(labelValues(v!.query).label).toBe(name);
      }
      // the instance list follows the chosen jobs
      expect(labelValues(vars.get('instance')!.query).selector).toBe('up{job=~"$job"}');
      const used = new Set(queriesOf(m).flatMap((q) => q.analysis.templateVariables));
      expect({ dashboard: m.uid, job: used.has('job'), instance: used.has('instance') }).toEqual({ dashboard: m.uid, job: true, instance: true });
    }
  });

  test('every variable a query uses is defined, every defined variable is used, variable queries parse', () => {
    for (const m of models) {
      const defined = (m.templating.list ?? []).map((v) => v.name);
      const logql = panelsOf(m).flatMap((p) => targetsOf(p, 'logql').map((t) => parseLogQL(t.expr)));
      const usedByPanels = [...queriesOf(m).flatMap((q) => q.analysis.templateVariables), ...logql.flatMap((q) => q.templateVariables)].filter((v) => !v.startsWith('__'));
      const usedByVariables = (m.templating.list ?? []).flatMap((v) => {
        const { selector } = labelValues(v.query);
        if (selector === undefined) return [];
        return isLoki(v.datasource) ? parseLogQL(selector).templateVariables : parsePromQL(selector).templateVariables;
      });
      expect({ dashboard: m.uid, undefined: [...new Set([...usedByPanels, ...usedByVariables])].filter((v) => !defined.includes(v)) }).toEqual({ dashboard: m.uid, undefined: [] });
      expect({ dashboard: m.uid, unused: defined.filter((v) => !usedByPanels.includes(v) && !usedByVariables.includes(v)) }).toEqual({ dashboard: m.uid, unused: [] });
      for (const v of m.templating.list ?? []) expect(v.refresh).toBe(2);
    }
  });

  test('queries read metrics this environment exposes: its exporters, its applications, its recording rules', () => {
    const sources = METRIC_SOURCES[name];
    const records = new Set(env.stack.parts.prometheus.ruleGroups.flatMap((g) => g.rules.flatMap((r) => ('record' in r ? [r.record] : []))));
    const exporterSeries = sources.exporters.map(([prefix, catalog]) => [prefix, expandCatalog(catalog)] as const);
    // Labels Prometheus attaches to every target of the environment's scrape jobs.
    const targetLabels = new Set(['job', 'instance', ...env.stack.parts.prometheus.scrapeJobs.flatMap((j) => j.staticConfigs.flatMap((s) => Object.keys(s.labels ?? {})))]);
    for (const m of models) {
      for (const q of queriesOf(m)) {
        for (const s of q.analysis.selectors) {
          const metric = s.metric ?? '';
          const where = { dashboard: m.uid, panel: q.panel, metric };
          const exporter = exporterSeries.find(([prefix]) => prefix.test(metric));
          if (exporter) {
            const series = exporter[1].get(metric);
            expect({ ...where, inCatalog: series !== undefined }).toEqual({ ...where, inCatalog: true });
            // Matchers only name labels the exporter or the scrape job gives the series.
            for (const matcher of s.matchers.filter((x) => x.label !== '__name__')) {
              expect({ ...where, label: matcher.label, known: series!.labels.has(matcher.label) || targetLabels.has(matcher.label) }).toEqual({ ...where, label: matcher.label, known: true });
            }
          } else if (metric.includes(':')) {
            expect({ ...where, recorded: records.has(metric) }).toEqual({ ...where, recorded: true });
          } else {
            expect({ ...where, source: PROMETHEUS_SERIES.has(metric) || sources.applications.test(metric) }).toEqual({ ...where, source: true });
          }
        }
      }
    }
  });

  test('panels fit the 24-column grid without overlapping, with unique ids', () => {
    for (const m of models) {
      const ids = m.panels.flatMap((p) => [p.id, ...(p.panels ?? []).map((c) => c.id)]);
      expect(new Set(ids).size).toBe(ids.length);
      const boxes = m.panels.map((p) => ({ title: p.title, ...p.gridPos }));
      for (const [i, a] of boxes.entries()) {
        expect({ dashboard: m.uid, title: a.title, fits: a.x >= 0 && a.w > 0 && a.x + a.w <= 24 && a.h > 0 }).toEqual({ dashboard: m.uid, title: a.title, fits: true });
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect({ dashboard: m.uid, a: a.title, b: b.title, overlap }).toEqual({ dashboard: m.uid, a: a.title, b: b.title, overlap: false });
        }
      }
    }
  });

  test("each dashboard queries the metrics of the seed's panels", () => {
    for (const m of models.filter((d) => !isLogsDashboard(d))) {
      const metrics = new Set(queriesOf(m).flatMap((q) => q.analysis.metrics));
      expect({ dashboard: m.uid, missing: (REQUIRED_METRICS[m.uid] ?? ['(no REQUIRED_METRICS entry)']).filter((x) => !metrics.has(x)) }).toEqual({ dashboard: m.uid, missing: [] });
    }
  });
});

function findDashboard(env: string, uid: string): DashboardModel {
  const model = environments.find((e) => e.name === env)!.dashboards.find((d) => d.model.uid === uid)?.model;
  if (!model) throw new Error(`no dashboard ${uid} in ${env}`);
  return model;
}

describe('llama-orch: the seed dashboard and its useful queries', () => {
  const model = findDashboard('llama-orch', 'llama-orch-production');
  const queries = queriesOf(model);
  const titles = panelsOf(model).map((p) => p.title);

  test("has the seed dashboard's four panels", () => {
    expect(titles).toEqual(expect.arrayContaining(['Worker Count by State', 'Memory Usage', 'Shutdown Duration', 'Force-Killed Workers']));
  });

  test.each([
    ['worker utilization', (a: PromQLAnalysis) => a.selectors.some((s) => s.metric === 'rbee_hive_workers_total' && s.matchers.some((x) => x.label === 'state' && x.value === 'busy')) && a.binaryOps.some((b) => b.op === '/')],
    ['memory usage %', (a: PromQLAnalysis) => a.metrics.includes('rbee_hive_memory_available_bytes') && a.metrics.includes('rbee_hive_memory_total_bytes') && a.binaryOps.some((b) => b.op === '-')],
    ['disk usage %', (a: PromQLAnalysis) => a.metrics.includes('rbee_hive_disk_available_bytes') && a.metrics.includes('rbee_hive_disk_total_bytes') && a.binaryOps.some((b) => b.op === '-')],
    ['shutdown p95', (a: PromQLAnalysis) => callsOf(a, 'histogram_quantile').some((c) => c.args[0].value === 0.95) && isAppliedTo(a, 'rate', 'rbee_hive_shutdown_duration_seconds_bucket')],
    ['force-kill rate', (a: PromQLAnalysis) => isAppliedTo(a, 'rate', 'rbee_hive_workers_force_killed_total')],
    ['restart failure rate', (a: PromQLAnalysis) => isAppliedTo(a, 'rate', 'rbee_hive_worker_restart_failures_total')],
  ])('runs the useful query "%s"', (_name, matches) => {
    expect(queries.some((q) => matches(q.analysis))).toBe(true);
  });

  test('the Memory Usage gauge shows the share used, not the share free', () => {
    const panel = panelsOf(model).find((p) => p.title === 'Memory Usage')!;
    expect(panel.type).toBe('gauge');
    expect(parsePromQL(panel.targets![0].expr).binaryOps.map((b) => b.op)).toEqual(['*', '-', '/']);
  });
});

describe('lloom: the SLOs dashboard', () => {
  const model = findDashboard('lloom', 'lloom-slo');
  const queries = queriesOf(model).map((q) => q.analysis);
  const rows = model.panels.filter((p) => p.type === 'row').map((p) => p.title);
  const steps = (title: string) =>
    panelsOf(model)
      .filter((p) => p.title === title)
      .map((p) => (p as unknown as { fieldConfig: { defaults: { thresholds: { steps: Array<{ value: number | null }> } } } }).fieldConfig.defaults.thresholds.steps.map((s) => s.value));
  const exprs = (title: string) => panelsOf(model).filter((p) => p.title === title).map((p) => p.targets![0].expr);

  test("one row per seed SLO, each naming its objective and period", () => {
    expect(rows).toEqual([
      'request-success: client requests that succeed, 99.9% over 30d',
      'request-latency: client requests served within 5 s, 99% over 30d',
      'availability: client requests answered (not timed out), 99.95% over 30d',
    ]);
  });

  test('the SLI now of each SLO is 1 minus its recorded error ratio, red below the objective', () => {
    expect(exprs('SLI, last 1h')).toEqual([
      '1 - slo:sli_error:ratio_rate1h{slo="request-success"}',
      '1 - slo:sli_error:ratio_rate1h{slo="request-latency"}',
      '1 - slo:sli_error:ratio_rate1h{slo="availability"}',
    ]);
    expect(steps('SLI, last 1h')).toEqual([[null, 0.999], [null, 0.99], [null, 0.9995]]);
  });

  test('success: successful client requests over all; availability: requests not timed out over all, not up', () => {
    const lloomStack = environments.find((e) => e.name === 'lloom')!.stack;
    const ratio = (slo: string) => lloomStack.sloRuleGroups.find((g) => g.slo.name === slo)!.rules.find((r) => 'record' in r && r.record === 'slo:sli_error:ratio_rate1h')!.expr;
    expect(ratio('request-success')).toBe('1 - (sum(rate(lloom_client_requests_total{status="success"}[1h])) or vector(0)) / sum(rate(lloom_client_requests_total[1h]))');
    expect(ratio('availability')).toBe('1 - (sum(rate(lloom_client_requests_total{status!="timeout"}[1h])) or vector(0)) / sum(rate(lloom_client_requests_total[1h]))');
    expect(queries.some((a) => a.metrics.includes('up'))).toBe(false);
  });

  test('p99 latency: histogram_quantile(0.99) over buckets summed by le, the 5 s threshold drawn', () => {
    expect(
      queries.some((a) =>
        callsOf(a, 'histogram_quantile').some((c) => c.args[0].value === 0.99 && nestedCalls(a, c).some((n) => n.fn === 'sum' && n.grouping?.labels.includes('le'))),
      ),
    ).toBe(true);
    expect(steps('p99 latency')).toEqual([[null, 5]]);
  });

  test("the budget left and the burn rate over each alert's window, the alerts' thresholds drawn", () => {
    expect(exprs('Budget left, 30d')).toEqual(['request-success', 'request-latency', 'availability'].map((s) => `slo:error_budget:remaining_ratio{slo="${s}"}`));
    const burn = panelsOf(model).find((p) => p.title === 'Burn rate by alert window (x budget)')!;
    expect(burn.targets!.map((t) => t.expr)).toEqual(['1h', '6h', '1d', '3d'].map((w) => `slo:burn_rate:rate${w}{slo="request-success"}`));
    expect(steps('Burn rate by alert window (x budget)')[0]).toEqual([null, 1, 3, 6, 14.4]);
  });
});

describe('homelab: alerts dashboard', () => {
  const model = findDashboard('homelab', 'homelab-alerts');
  const analyses = queriesOf(model).map((q) => q.analysis);

  test('shows firing alerts, their history, a count by severity, and how long each has been active', () => {
    expect(analyses.some((a) => a.selectors.some((s) => s.metric === 'ALERTS' && s.matchers.some((x) => x.label === 'alertstate' && x.value === 'firing')))).toBe(true);
    expect(analyses.some((a) => callsOf(a, 'count').some((c) => c.grouping?.labels.includes('severity')))).toBe(true);
    expect(analyses.some((a) => callsOf(a, 'count').some((c) => c.grouping?.labels.includes('alertname')))).toBe(true);
    expect(analyses.some((a) => a.metrics.includes('ALERTS_FOR_STATE') && callsOf(a, 'time').length === 1)).toBe(true);
  });
});

describe('no Grafana credential in cdktf.out', () => {
  test('every Grafana container reads its password from the file, no env var carries it', () => {
    for (const e of environments) {
      const c = resourcesOfType(e.json, 'docker_container').find((x) => x.name === `${e.name}-grafana`)!;
      const env = c.env as string[];
      expect(env).toContain('GF_SECURITY_ADMIN_PASSWORD__FILE=/run/secrets/grafana-admin-password');
      expect(env.filter((v) => /PASSWORD=/.test(v) || v.includes('${'))).toEqual([]);
      expect(c.upload).toContainEqual({ file: '/run/secrets/grafana-admin-password', content: '${var.grafana_admin_password}', permissions: '0444' });
      expect(e.json.variable?.grafana_admin_password).toMatchObject({ sensitive: true });
    }
  });
});

// The stack type is used so that a refactoring of EnvironmentParts shows up here at compile time.
export type _Stack = EnvironmentStack;
