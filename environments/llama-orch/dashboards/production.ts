import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';

export function production(ds: dashboard.DataSourceRef): dashboard.Dashboard {
  const p = new Panels(ds);
  const sel = `{${JOB_INSTANCE}}`;
  const memoryUsed = `(1 - rbee_hive_memory_available_bytes${sel} / rbee_hive_memory_total_bytes${sel}) * 100`;
  const diskUsed = `(1 - rbee_hive_disk_available_bytes${sel} / rbee_hive_disk_total_bytes${sel}) * 100`;
  return buildDashboard({
    environment: 'llama-orch',
    uid: 'llama-orch-production',
    title: 'llama-orch Production Dashboard',
    description: "Workers, resources, shutdowns and restarts of the rbee-hive pool managers and the queen-rbee orchestrator (seed 001's production dashboard and useful queries).",
    variables: jobInstanceVariables(ds, 'queen-rbee|rbee-hive'),
    rows: [
      {
        title: 'Workers',
        panels: [
          p.stat({
            title: 'Services up',
            description: 'queen-rbee and rbee-hive targets that answered their last scrape; one missing for 1 minute fires ServiceDown.',
            unit: 'short',
            targets: [{ expr: `sum(up${sel})` }],
          }),
          p.gauge({
            title: 'Worker utilization',
            description: 'Share of workers busy (useful query "Worker utilization"): sum of busy workers over all workers.',
            unit: 'percent',
            min: 0,
            max: 100,
            steps: [[80, 'orange'], [95, 'red']],
            targets: [{ expr: `sum(rbee_hive_workers_total{${JOB_INSTANCE}, state="busy"}) / sum(rbee_hive_workers_total${sel}) * 100` }],
          }),
          p.stat({
            title: 'Idle workers',
            description: 'Workers free to take a request. None for 10 minutes fires NoIdleWorkers.',
            unit: 'short',
            base: 'red',
            steps: [[1, 'green']],
            targets: [{ expr: `sum(rbee_hive_workers_total{${JOB_INSTANCE}, state="idle"}) or vector(0)` }],
          }),
          p.stat({
            title: 'Failed health checks',
            description: 'Workers whose health checks fail now; above 3 for 5 minutes fires HighFailedHealthChecks.',
            unit: 'short',
            steps: [[1, 'orange'], [4, 'red']],
            targets: [{ expr: `sum(rbee_hive_workers_failed_health_checks${sel})` }],
          }),
          p.timeseries({
            title: 'Worker Count by State',
            description: "Workers by state (idle, busy, loading, ...) over all hives: the seed's first panel.",
            unit: 'short',
            stack: true,
            targets: [{ expr: `sum by (state) (rbee_hive_workers_total${sel})`, legend: '{{state}}' }],
          }),
          p.timeseries({
            title: 'Worker utilization over time',
            description: 'Share of workers busy over time (useful query "Worker utilization").',
            unit: 'percent',
            min: 0,
            max: 100,
            targets: [{ expr: `sum(rbee_hive_workers_total{${JOB_INSTANCE}, state="busy"}) / sum(rbee_hive_workers_total${sel}) * 100`, legend: 'busy' }],
          }),
        ],
      },
      {
        title: 'Resources',
        panels: [
          p.gauge({
            title: 'Memory Usage',
            description:
              "Share of each hive's memory in use (useful query \"Memory usage percentage\"). The seed's gauge divided available by total, " +
              'which is the share free; this panel shows the share used, as its title says. Below 10% free for 5 minutes fires LowMemory.',
            unit: 'percent',
            min: 0,
            max: 100,
            width: 12,
            steps: [[80, 'orange'], [90, 'red']],
            targets: [{ expr: memoryUsed, legend: '{{instance}}' }],
          }),
          p.gauge({
            title: 'Disk Usage',
            description: "Share of each hive's disk in use (useful query \"Disk usage percentage\"). Below 10% free for 5 minutes fires LowDiskSpace.",
            unit: 'percent',
            min: 0,
            max: 100,
            width: 12,
            steps: [[80, 'orange'], [90, 'red']],
            targets: [{ expr: diskUsed, legend: '{{instance}}' }],
          }),
          p.timeseries({
            title: 'Memory and disk usage over time',
            description: 'Memory and disk in use per hive, in percent.',
            unit: 'percent',
            min: 0,
            max: 100,
            width: 24,
            steps: [[90, 'red']],
            targets: [
              { expr: memoryUsed, legend: '{{instance}} memory' },
              { expr: diskUsed, legend: '{{instance}} disk' },
            ],
          }),
        ],
      },
      {
        title: 'Shutdowns and restarts',
        panels: [
          p.timeseries({
            title: 'Shutdown Duration',
            description: '95th percentile of graceful shutdown time per hive (useful query "Average shutdown duration (95th percentile)"). Above 25 s for 5 minutes fires SlowShutdown.',
            unit: 's',
            steps: [[25, 'red']],
            targets: [
              {
                expr: `histogram_quantile(0.95, sum by (le, instance) (rate(rbee_hive_shutdown_duration_seconds_bucket${sel}[${RATE}])))`,
                legend: '{{instance}} p95',
              },
            ],
          }),
          p.timeseries({
            title: 'Force-Killed Workers',
            description: 'Workers force-killed per second, per hive (useful query "Force-kill rate"). Above 0.1/s for 5 minutes fires HighForceKillRate.',
            unit: 'cps',
            steps: [[0.1, 'red']],
            targets: [{ expr: `sum by (instance) (rate(rbee_hive_workers_force_killed_total${sel}[${RATE}]))`, legend: '{{instance}}' }],
          }),
          p.timeseries({
            title: 'Worker restart failure rate',
            description: 'Failed worker restarts per second, per hive (useful query "Worker restart failure rate"). Above 0.5/s for 5 minutes fires HighRestartRate.',
            unit: 'cps',
            steps: [[0.5, 'red']],
            targets: [{ expr: `sum by (instance) (rate(rbee_hive_worker_restart_failures_total${sel}[${RATE}]))`, legend: '{{instance}}' }],
          }),
          p.timeseries({
            title: 'Circuit breaker activations',
            description: 'Worker-restart circuit breaker activations per rate interval; any fires CircuitBreakerActive.',
            unit: 'short',
            bars: true,
            targets: [{ expr: `sum by (instance) (increase(rbee_hive_circuit_breaker_activations_total${sel}[${RATE}]))`, legend: '{{instance}}' }],
          }),
        ],
      },
    ],
  });
}
