import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { H, ENV } from './shared';

export function hiveSwarm(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
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
