import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, Panels } from '../../../model/dashboards/common';

/**
 * The seed's key log patterns (000, "Log Analysis") in Loki: worker start and stop events from
 * supervisord, API latency outliers from the structured lines' duration_ms, and the duration of
 * database queries. Structured lines carry the seed's fields (level, service, duration_ms, message).
 */
const WORKERS = '{job="brain-workers"}';
const API = '{job="brain-api"}';
/** supervisord's words for a program starting and stopping. */
const START_STOP = '(?i)(spawned|entered RUNNING|exited|stopped|gave up)';

export function brainLogs(loki: dashboard.DataSourceRef): dashboard.Dashboard {
  const p = new Panels(loki);
  return buildDashboard({
    environment: 'homelab',
    uid: 'homelab-brain-logs',
    title: 'Brain Logs',
    description: "The seed's key log patterns: brain worker start and stop events, Brain API latency outliers (duration_ms) and database query durations, from Loki.",
    tags: ['logs'],
    rows: [
      {
        title: 'Workers',
        panels: [
          p.timeseries({
            title: 'Worker start and stop events',
            description: "supervisord's lines about brain workers starting (spawned, entered RUNNING) and stopping (exited, stopped, gave up), per interval.",
            unit: 'short',
            bars: true,
            targets: [{ expr: `sum(count_over_time(${WORKERS} |~ \`${START_STOP}\` [$__interval]))`, legend: 'events' }],
          }),
          p.logs({
            title: 'Worker start and stop lines',
            description: 'The latest start and stop lines of the brain workers, newest first.',
            unit: 'none',
            targets: [{ expr: `${WORKERS} |~ \`${START_STOP}\`` }],
          }),
        ],
      },
      {
        title: 'API latency and queries',
        panels: [
          p.timeseries({
            title: 'Brain API p99 request duration',
            description: "99th percentile of the Brain API's logged duration_ms over each interval: the line the outliers stand out from.",
            unit: 'ms',
            targets: [{ expr: `quantile_over_time(0.99, ${API} | json | unwrap duration_ms [$__interval]) by (service)`, legend: 'p99' }],
          }),
          p.logs({
            title: 'Brain API latency outliers (over 1 s)',
            description: 'Brain API lines whose duration_ms is over 1000, newest first.',
            unit: 'none',
            targets: [{ expr: `${API} | json | duration_ms > 1000` }],
          }),
          p.timeseries({
            title: 'Database query duration p95',
            description: 'The 95th percentile duration_ms of Brain API and worker lines whose message is about a query (LanceDB), over each interval, by service.',
            unit: 'ms',
            targets: [
              {
                expr: `quantile_over_time(0.95, {job=~"brain-api|brain-workers"} | json | message =~ \`(?i).*quer(y|ies).*\` | unwrap duration_ms [$__interval]) by (service)`,
                legend: '{{service}}',
              },
            ],
          }),
        ],
      },
    ],
  });
}
