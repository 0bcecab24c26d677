import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { BRAIN_API_PROBE, ENV } from './shared';

export function brainIntelligence(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
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
