import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, Panels } from '../../../model/dashboards/common';
import { ENV } from './shared';

/**
 * The seed's log queries (003, "Querying Logs") over the gateway's JSON lines, whose own
 * `service` field is the stream's service label: errors, one agent's lines, slow requests, and
 * the error rate.
 */
const GATEWAY = '{service="gateway"}';

export function gatewayLogs(loki: dashboard.DataSourceRef): dashboard.Dashboard {
  const p = new Panels(loki);
  return buildDashboard({
    environment: ENV,
    uid: 'osmen-gateway-logs',
    title: 'Gateway Logs',
    description: "The seed's log queries over the gateway's JSON lines in Loki: errors, agent executions, slow requests (duration_ms over 5000) and the error rate.",
    tags: ['logs'],
    rows: [
      {
        title: 'Errors',
        panels: [
          p.timeseries({
            title: 'Gateway error lines per second',
            description: 'Gateway lines that say ERROR, per second (the seed\'s rate({service="gateway"} |= "ERROR" [5m]), over the graph\'s interval).',
            unit: 'cps',
            targets: [{ expr: `sum(rate(${GATEWAY} |= "ERROR" [$__interval]))`, legend: 'errors' }],
          }),
          p.logs({
            title: 'Gateway errors',
            description: 'The latest gateway lines that say ERROR, newest first.',
            unit: 'none',
            targets: [{ expr: `${GATEWAY} |= "ERROR"` }],
          }),
        ],
      },
      {
        title: 'Agents and slow requests',
        panels: [
          p.logs({
            title: 'Agent executions',
            description: 'Gateway lines of agent executions (the JSON field agent is set), newest first; the agent, status and duration_ms are fields of each line.',
            unit: 'none',
            targets: [{ expr: `${GATEWAY} | json | agent != ""` }],
          }),
          p.logs({
            title: 'Slow requests (over 5 s)',
            description: 'Gateway lines whose duration_ms is over 5000, newest first (the seed\'s slow-request query).',
            unit: 'none',
            targets: [{ expr: `${GATEWAY} | json | duration_ms > 5000` }],
          }),
        ],
      },
    ],
  });
}
