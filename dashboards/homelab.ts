/**
 * homelab (seed 000, GLM3): the seed's five dashboards, on the metrics of the stack's scrape jobs
 * (node, gpu, brain-worker, lancedb, litellm, hive-swarm, health, ...).
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { MetricCatalog } from '../lib/catalogs';
import { HIVE_SWARM_METRICS, LITELLM_METRICS } from '../stacks/catalogs/homelab';
import { buildDashboard, DashboardSources, JOB_INSTANCE, jobInstanceVariables, labelVariable, Panels, RATE } from './common';

const ENV = 'homelab';

/**
 * A metric of a job's catalog (stacks/catalogs/homelab.ts), by name: the catalog is the one list
 * of what the hive swarm and LiteLLM expose, and a name it does not list fails here, at load.
 */
function listed(catalog: MetricCatalog, name: string): string {
  if (!catalog.some((m) => m.name === name)) throw new Error(`dashboards/homelab.ts: ${name} is not in its job's catalog (stacks/catalogs/homelab.ts)`);
  return name;
}

/** The hive swarm's metrics the dashboards read; the seed names them only by prefix (hive_swarm_*). */
const H = {
  /** gauge: tasks waiting in the queue */
  queueDepth: listed(HIVE_SWARM_METRICS, 'hive_swarm_queue_depth'),
  /** gauge: workers, by status="busy|idle" */
  workers: listed(HIVE_SWARM_METRICS, 'hive_swarm_workers'),
  /** counter: tasks finished successfully */
  completed: listed(HIVE_SWARM_METRICS, 'hive_swarm_tasks_completed_total'),
  /** counter: tasks that failed */
  failed: listed(HIVE_SWARM_METRICS, 'hive_swarm_tasks_failed_total'),
};

/** LiteLLM's metrics the dashboards read (its proxy's `prometheus` callback; counters gain `_total`). */
const L = {
  spend: listed(LITELLM_METRICS, 'litellm_spend_metric_total'),
  requests: listed(LITELLM_METRICS, 'litellm_proxy_total_requests_metric_total'),
  failedRequests: listed(LITELLM_METRICS, 'litellm_proxy_failed_requests_metric_total'),
};

/** The Brain API's health check, probed by the blackbox exporter (job "health"). */
const BRAIN_API_PROBE = 'job="health", instance=~".*:8080/health"';

export function homelabDashboards(sources: DashboardSources): dashboard.Dashboard[] {
  const ds = sources.prometheus;
  const p = new Panels(ds);
  return [businessOverview(ds, p), hiveSwarm(ds, p), brainIntelligence(ds, p), systemInfrastructure(ds, p), alerts(ds, p)];
}

function businessOverview(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  return buildDashboard({
    environment: ENV,
    uid: 'homelab-business-overview',
    title: 'Business Overview',
    description:
      'High-level health of the homelab services and their use. No scrape job exposes revenue or user accounts, so the ' +
      "seed's \"revenue trends\" and \"user activity\" are shown by what is measured: LLM spend and requests through LiteLLM and hive swarm throughput.",
    variables: jobInstanceVariables(ds, '.+'),
    rows: [
      {
        title: 'Service health summary',
        panels: [
          p.stat({
            title: 'Targets up',
            description: 'Scrape targets of the selected jobs that answered their last scrape (up == 1).',
            unit: 'short',
            targets: [{ expr: `sum(up{${JOB_INSTANCE}})` }],
          }),
          p.stat({
            title: 'Targets down',
            description: 'Scrape targets of the selected jobs that did not answer their last scrape (up == 0). Anything above 0 needs a look.',
            unit: 'short',
            steps: [[1, 'red']],
            targets: [{ expr: `count(up{${JOB_INSTANCE}} == 0) or vector(0)` }],
          }),
          p.stat({
            title: 'Availability',
            description: 'Share of successful scrapes of the selected targets, averaged over the dashboard time range.',
            unit: 'percentunit',
            decimals: 2,
            base: 'red',
            steps: [[0.99, 'orange'], [0.999, 'green']],
            calc: 'mean',
            targets: [{ expr: `avg(avg_over_time(up{${JOB_INSTANCE}}[${RATE}]))` }],
          }),
          p.stat({
            title: 'Firing alerts',
            description: 'Alerts Prometheus is firing now (ALERTS{alertstate="firing"}); the Alerts dashboard lists them.',
            unit: 'short',
            steps: [[1, 'red']],
            targets: [{ expr: 'count(ALERTS{alertstate="firing"}) or vector(0)' }],
          }),
          p.timeseries({
            title: 'Availability by job',
            description: 'Share of successful scrapes per job: a drop means a service (or the machine it runs on) stopped answering.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            targets: [{ expr: `avg by (job) (avg_over_time(up{${JOB_INSTANCE}}[${RATE}]))`, legend: '{{job}}' }],
          }),
          p.timeseries({
            title: 'Health checks passing',
            description: "The seed's health endpoints (Brain API, LiteLLM), probed by the blackbox exporter: 1 = healthy, 0 = failing.",
            unit: 'short',
            min: 0,
            max: 1,
            targets: [{ expr: 'probe_success{job="health"}', legend: '{{instance}}' }],
          }),
        ],
      },
      {
        title: 'Usage (revenue and activity proxies)',
        panels: [
          p.timeseries({
            title: 'LLM spend per hour',
            description:
              "Stands in for the seed's \"revenue trends\", which no scrape job measures: what LiteLLM reports as spent on model calls, " +
              'in USD per hour, by model (litellm_spend_metric).',
            unit: 'currencyUSD',
            stack: true,
            targets: [{ expr: `sum by (model) (rate(${L.spend}{job="litellm"}[${RATE}])) * 3600`, legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'LLM requests',
            description: "Stands in for the seed's \"user activity\": requests per second through the LiteLLM proxy, by requested model.",
            unit: 'reqps',
            stack: true,
            targets: [{ expr: `sum by (requested_model) (rate(${L.requests}{job="litellm"}[${RATE}]))`, legend: '{{requested_model}}' }],
          }),
          p.timeseries({
            title: 'Hive swarm throughput',
            description: 'Tasks the hive swarm completes per second: the work the homelab delivers.',
            unit: 'ops',
            targets: [{ expr: `sum(rate(${H.completed}{job="hive-swarm"}[${RATE}]))`, legend: 'completed' }],
          }),
          p.timeseries({
            title: 'Error rates by service',
            description: 'Failures per second: LiteLLM requests that failed and hive swarm tasks that failed.',
            unit: 'cps',
            targets: [
              { expr: `sum(rate(${L.failedRequests}{job="litellm"}[${RATE}]))`, legend: 'LiteLLM failed requests' },
              { expr: `sum(rate(${H.failed}{job="hive-swarm"}[${RATE}]))`, legend: 'hive swarm failed tasks' },
            ],
          }),
        ],
      },
    ],
  });
}

function hiveSwarm(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const sel = `{${JOB_INSTANCE}}`;
  return buildDashboard({
    environment: ENV,
    uid: 'homelab-hive-swarm',
    title: 'Hive Swarm',
    description: `Task orchestration: queue, workers, completions and errors of the hive swarm (metrics ${Object.values(H).join(', ')}).`,
    variables: jobInstanceVariables(ds, 'hive-swarm'),
    rows: [
      {
        title: 'Task queue',
        panels: [
          p.stat({
            title: 'Hive swarm reachable',
            description: 'Whether Prometheus reached the hive swarm exporter on its last scrape (1 = yes).',
            unit: 'short',
            base: 'red',
            steps: [[1, 'green']],
            targets: [{ expr: `min(up${sel})` }],
          }),
          p.stat({
            title: 'Tasks queued',
            description: 'Tasks waiting for a worker now.',
            unit: 'short',
            sparkline: true,
            targets: [{ expr: `sum(${H.queueDepth}${sel})` }],
          }),
          p.gauge({
            title: 'Worker utilization',
            description: 'Share of hive swarm workers busy with a task now.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.8, 'orange'], [0.95, 'red']],
            targets: [{ expr: `sum(${H.workers}{${JOB_INSTANCE}, status="busy"}) / sum(${H.workers}${sel})` }],
          }),
          p.stat({
            title: 'Task error ratio',
            description: 'Share of finished tasks that failed, over the last rate interval.',
            unit: 'percentunit',
            steps: [[0.01, 'orange'], [0.05, 'red']],
            targets: [
              {
                expr: `sum(rate(${H.failed}${sel}[${RATE}])) / (sum(rate(${H.completed}${sel}[${RATE}])) + sum(rate(${H.failed}${sel}[${RATE}])))`,
              },
            ],
          }),
          p.timeseries({
            title: 'Task queue depth',
            description: 'Tasks waiting, by instance. A queue that only grows means the workers cannot keep up.',
            unit: 'short',
            targets: [{ expr: `sum by (instance) (${H.queueDepth}${sel})`, legend: '{{instance}}' }],
          }),
          p.timeseries({
            title: 'Workers by status',
            description: 'Hive swarm workers by status (busy, idle).',
            unit: 'short',
            stack: true,
            targets: [{ expr: `sum by (status) (${H.workers}${sel})`, legend: '{{status}}' }],
          }),
        ],
      },
      {
        title: 'Throughput and errors',
        panels: [
          p.timeseries({
            title: 'Task completion rate',
            description: 'Tasks finished per second: completed and failed.',
            unit: 'ops',
            targets: [
              { expr: `sum(rate(${H.completed}${sel}[${RATE}]))`, legend: 'completed' },
              { expr: `sum(rate(${H.failed}${sel}[${RATE}]))`, legend: 'failed' },
            ],
          }),
          p.timeseries({
            title: 'Task error rate',
            description: 'Share of finished tasks that failed.',
            unit: 'percentunit',
            min: 0,
            steps: [[0.05, 'red']],
            targets: [
              {
                expr: `sum(rate(${H.failed}${sel}[${RATE}])) / (sum(rate(${H.completed}${sel}[${RATE}])) + sum(rate(${H.failed}${sel}[${RATE}])))`,
                legend: 'error rate',
              },
            ],
          }),
        ],
      },
    ],
  });
}

function brainIntelligence(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const sel = `{${JOB_INSTANCE}}`;
  return buildDashboard({
    environment: ENV,
    uid: 'homelab-brain-intelligence',
    title: 'Brain Intelligence',
    description: 'The Brain: LanceDB records and ingestion, Brain API latency, worker memory and restarts, and the signal queue it works through.',
    variables: jobInstanceVariables(ds, 'brain-worker|lancedb'),
    rows: [
      {
        title: 'LanceDB',
        panels: [
          p.stat({
            title: 'LanceDB records',
            description: 'Records in LanceDB (brain_lancedb_rows_total).',
            unit: 'short',
            sparkline: true,
            targets: [{ expr: `sum(brain_lancedb_rows_total${sel})` }],
          }),
          p.stat({
            title: 'LanceDB size',
            description: 'Size of the LanceDB database on disk.',
            unit: 'bytes',
            sparkline: true,
            targets: [{ expr: `sum(brain_lancedb_size_bytes${sel})` }],
          }),
          p.timeseries({
            title: 'Ingestion rate',
            description:
              'Records per second: as the exporter reports it (brain_lancedb_ingestion_rate) and as the growth of the record count. ' +
              'A flat zero for 2 hours fires LanceDBStagnant.',
            unit: 'cps',
            targets: [
              { expr: `sum(brain_lancedb_ingestion_rate${sel})`, legend: 'reported' },
              { expr: `sum(rate(brain_lancedb_rows_total${sel}[${RATE}]))`, legend: 'record count growth' },
            ],
          }),
        ],
      },
      {
        title: 'Brain API',
        panels: [
          p.timeseries({
            title: 'Brain API latency',
            description: 'Time the Brain API takes to answer its /health check (blackbox probe every scrape): the API latency the stack measures.',
            unit: 's',
            steps: [[1, 'orange'], [5, 'red']],
            targets: [{ expr: `probe_duration_seconds{${BRAIN_API_PROBE}}`, legend: 'health check' }],
          }),
          p.stat({
            title: 'Brain API availability',
            description: 'Share of successful /health probes of the Brain API over the dashboard time range.',
            unit: 'percentunit',
            decimals: 2,
            base: 'red',
            steps: [[0.99, 'orange'], [0.999, 'green']],
            calc: 'mean',
            targets: [{ expr: `avg(avg_over_time(probe_success{${BRAIN_API_PROBE}}[${RATE}]))` }],
          }),
        ],
      },
      {
        title: 'Workers',
        panels: [
          p.stat({
            title: 'Workers up',
            description: 'Brain workers reporting status up (brain_worker_status == 1), on both machines.',
            unit: 'short',
            targets: [{ expr: `sum(brain_worker_status${sel})` }],
          }),
          p.stat({
            title: 'Workers down',
            description: 'Brain workers reporting status down; after 2 minutes each fires WorkerDown.',
            unit: 'short',
            steps: [[1, 'red']],
            targets: [{ expr: `count(brain_worker_status${sel} == 0) or vector(0)` }],
          }),
          p.timeseries({
            title: 'Worker memory',
            description: 'Memory used per worker. The dashed line is the 4 GiB WorkerHighMemory threshold.',
            unit: 'bytes',
            steps: [[4294967296, 'red']],
            targets: [{ expr: `brain_worker_memory_bytes${sel}`, legend: '{{machine}} {{worker}}' }],
          }),
          p.timeseries({
            title: 'Worker restarts',
            description: 'Restarts per worker in each rate interval (growth of brain_worker_restart_count).',
            unit: 'short',
            bars: true,
            targets: [{ expr: `sum by (machine, worker) (increase(brain_worker_restart_count${sel}[${RATE}]))`, legend: '{{machine}} {{worker}}' }],
          }),
          p.timeseries({
            title: 'Worker uptime',
            description: 'Time since each worker started; a drop to zero is a restart.',
            unit: 'dtdurations',
            targets: [{ expr: `brain_worker_uptime_seconds${sel}`, legend: '{{machine}} {{worker}}' }],
          }),
        ],
      },
      {
        title: 'Query patterns (signal queue)',
        panels: [
          p.timeseries({
            title: 'Signal queue by status',
            description:
              "Signals queued for the Brain by status (brain_signal_queue_total), the only measure of the Brain's query load the " +
              'exporters give. The dashed line is the SignalQueueBacklog threshold (2000 pending).',
            unit: 'short',
            width: 24,
            steps: [[2000, 'orange']],
            targets: [{ expr: `sum by (status) (brain_signal_queue_total${sel})`, legend: '{{status}}' }],
          }),
        ],
      },
    ],
  });
}

function systemInfrastructure(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const node = (extra = '') => `{${JOB_INSTANCE}${extra}}`;
  const filesystems = ', fstype!~"tmpfs|overlay|squashfs|ramfs"';
  const interfaces = ', device!~"lo|veth.*|docker.*|br-.*"';
  return buildDashboard({
    environment: ENV,
    uid: 'homelab-system-infrastructure',
    title: 'System Infrastructure',
    description: 'CPU, memory, disk and network of each machine (node exporter, labelled by machine) and the GPU of alienware (DCGM exporter).',
    variables: jobInstanceVariables(ds, 'node|gpu'),
    rows: [
      {
        title: 'CPU',
        panels: [
          p.timeseries({
            title: 'CPU usage',
            description: 'Share of CPU time not idle, averaged over all cores, per machine.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.8, 'orange'], [0.95, 'red']],
            targets: [{ expr: `1 - avg by (machine) (rate(node_cpu_seconds_total${node(', mode="idle"')}[${RATE}]))`, legend: '{{machine}}' }],
          }),
          p.timeseries({
            title: 'Load average (15 min)',
            description: '15-minute load average per machine. The dashed line is the HighCPULoad threshold (12).',
            unit: 'short',
            steps: [[12, 'red']],
            targets: [{ expr: `node_load15${node()}`, legend: '{{machine}}' }],
          }),
        ],
      },
      {
        title: 'Memory',
        panels: [
          p.timeseries({
            title: 'Memory used',
            description: 'Share of memory in use (not available to new processes), per machine.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.85, 'orange'], [0.95, 'red']],
            targets: [{ expr: `1 - node_memory_MemAvailable_bytes${node()} / node_memory_MemTotal_bytes${node()}`, legend: '{{machine}}' }],
          }),
          p.barGauge({
            title: 'Memory available',
            description: 'Memory available to new processes now, per machine.',
            unit: 'bytes',
            targets: [{ expr: `node_memory_MemAvailable_bytes${node()}`, legend: '{{machine}}' }],
          }),
        ],
      },
      {
        title: 'Disk',
        panels: [
          p.barGauge({
            title: 'Disk used',
            description: 'Share of each filesystem in use, per machine and mount point (tmpfs and overlay excluded).',
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.8, 'orange'], [0.9, 'red']],
            targets: [
              {
                expr: `1 - node_filesystem_avail_bytes${node(filesystems)} / node_filesystem_size_bytes${node(filesystems)}`,
                legend: '{{machine}} {{mountpoint}}',
              },
            ],
          }),
          p.timeseries({
            title: 'Disk I/O',
            description: 'Bytes read and written per second over all disks, per machine.',
            unit: 'Bps',
            targets: [
              { expr: `sum by (machine) (rate(node_disk_read_bytes_total${node()}[${RATE}]))`, legend: '{{machine}} read' },
              { expr: `sum by (machine) (rate(node_disk_written_bytes_total${node()}[${RATE}]))`, legend: '{{machine}} write' },
            ],
          }),
        ],
      },
      {
        title: 'Network',
        panels: [
          p.timeseries({
            title: 'Network traffic',
            description: 'Bytes received and sent per second on physical interfaces (loopback and Docker bridges excluded), per machine.',
            unit: 'Bps',
            targets: [
              { expr: `sum by (machine) (rate(node_network_receive_bytes_total${node(interfaces)}[${RATE}]))`, legend: '{{machine}} in' },
              { expr: `sum by (machine) (rate(node_network_transmit_bytes_total${node(interfaces)}[${RATE}]))`, legend: '{{machine}} out' },
            ],
          }),
          p.timeseries({
            title: 'Network errors',
            description: 'Receive and transmit errors per second, per machine. Anything above zero points at a cable, driver or duplex problem.',
            unit: 'cps',
            steps: [[0.1, 'red']],
            targets: [
              { expr: `sum by (machine) (rate(node_network_receive_errs_total${node(interfaces)}[${RATE}]))`, legend: '{{machine}} receive' },
              { expr: `sum by (machine) (rate(node_network_transmit_errs_total${node(interfaces)}[${RATE}]))`, legend: '{{machine}} transmit' },
            ],
          }),
        ],
      },
      {
        title: 'GPU',
        panels: [
          p.timeseries({
            title: 'GPU utilization',
            description: 'Share of time each GPU was busy (DCGM_FI_DEV_GPU_UTIL), per machine and GPU.',
            unit: 'percent',
            min: 0,
            max: 100,
            width: 8,
            targets: [{ expr: `DCGM_FI_DEV_GPU_UTIL${node()}`, legend: '{{machine}} GPU {{gpu}}' }],
          }),
          p.timeseries({
            title: 'GPU temperature',
            description: 'GPU core temperature (DCGM_FI_DEV_GPU_TEMP). Consumer GPUs throttle in the mid 80s °C.',
            unit: 'celsius',
            width: 8,
            steps: [[80, 'orange'], [87, 'red']],
            targets: [{ expr: `DCGM_FI_DEV_GPU_TEMP${node()}`, legend: '{{machine}} GPU {{gpu}}' }],
          }),
          p.timeseries({
            title: 'GPU memory used',
            description: 'Framebuffer memory in use (DCGM_FI_DEV_FB_USED, reported in MiB), per GPU.',
            unit: 'mbytes',
            width: 8,
            targets: [{ expr: `DCGM_FI_DEV_FB_USED${node()}`, legend: '{{machine}} GPU {{gpu}}' }],
          }),
        ],
      },
    ],
  });
}

function alerts(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const firing = 'alertstate="firing", severity=~"$severity"';
  return buildDashboard({
    environment: ENV,
    uid: 'homelab-alerts',
    title: 'Alerts',
    description:
      'Current and past alerts of the homelab rules, from the ALERTS and ALERTS_FOR_STATE series Prometheus writes. ' +
      'Alerts carry the labels of their rule (severity, machine, worker, ...), not one job: this dashboard filters by severity.',
    variables: [labelVariable(ds, 'severity', 'label_values(ALERTS, severity)')],
    rows: [
      {
        title: 'Now',
        panels: [
          p.stat({
            title: 'Firing alerts',
            description: 'Alerts firing now.',
            unit: 'short',
            steps: [[1, 'red']],
            targets: [{ expr: `count(ALERTS{${firing}}) or vector(0)` }],
          }),
          p.stat({
            title: 'Pending alerts',
            description: 'Alerts whose condition holds but whose "for" duration has not passed yet.',
            unit: 'short',
            steps: [[1, 'orange']],
            targets: [{ expr: 'count(ALERTS{alertstate="pending", severity=~"$severity"}) or vector(0)' }],
          }),
          p.barGauge({
            title: 'Firing alerts by severity',
            description: 'Firing alerts counted by severity (critical, high, warning, info).',
            unit: 'short',
            targets: [{ expr: `count by (severity) (ALERTS{${firing}})`, legend: '{{severity}}' }],
          }),
          p.table({
            title: 'Active alerts',
            description:
              'Every pending or firing alert with its labels, and how long it has been active (from ALERTS_FOR_STATE, the time each alert became active).',
            unit: 'dtdurations',
            width: 24,
            targets: [{ expr: 'time() - ALERTS_FOR_STATE{severity=~"$severity"}' }],
          }),
        ],
      },
      {
        title: 'History',
        panels: [
          p.timeseries({
            title: 'Alert history',
            description: 'Which alerts fired when, over the dashboard time range: one bar series per alert name.',
            unit: 'short',
            bars: true,
            stack: true,
            targets: [{ expr: `count by (alertname) (ALERTS{${firing}})`, legend: '{{alertname}}' }],
          }),
          p.timeseries({
            title: 'Firing alerts by severity over time',
            description: 'Count of firing alerts per severity over the dashboard time range.',
            unit: 'short',
            stack: true,
            targets: [{ expr: `count by (severity) (ALERTS{${firing}})`, legend: '{{severity}}' }],
          }),
        ],
      },
    ],
  });
}
