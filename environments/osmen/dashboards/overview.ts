import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { SEL, ENV } from './shared';

export function overview(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  return buildDashboard({
    environment: ENV,
    uid: 'osmen-overview',
    title: 'Overview',
    description: 'The gateway at a glance: requests, errors, response time and active users.',
    variables: jobInstanceVariables(ds, 'osmen_gateway'),
    rows: [
      {
        title: 'Gateway',
        panels: [
          p.stat({
            title: 'Total requests/sec',
            description: 'Requests the gateway serves per second.',
            unit: 'reqps',
            sparkline: true,
            targets: [{ expr: `sum(rate(osmen_requests_total${SEL}[${RATE}]))` }],
          }),
          p.stat({
            title: 'Error rate',
            description: 'Errors per request. Above 0.1 errors/s for 5 minutes fires HighErrorRate.',
            unit: 'percentunit',
            steps: [[0.01, 'orange'], [0.05, 'red']],
            sparkline: true,
            targets: [{ expr: `sum(rate(osmen_errors_total${SEL}[${RATE}])) / sum(rate(osmen_requests_total${SEL}[${RATE}]))` }],
          }),
          p.stat({
            title: 'Average response time',
            description: 'Mean request duration (sum over count of osmen_request_duration_seconds).',
            unit: 's',
            steps: [[2, 'orange'], [10, 'red']],
            sparkline: true,
            targets: [{ expr: `sum(rate(osmen_request_duration_seconds_sum${SEL}[${RATE}])) / sum(rate(osmen_request_duration_seconds_count${SEL}[${RATE}]))` }],
          }),
          p.stat({
            title: 'Active users',
            description: 'Users active on OsMEN now (osmen_active_users).',
            unit: 'short',
            sparkline: true,
            targets: [{ expr: `sum(osmen_active_users${SEL})` }],
          }),
          p.timeseries({
            title: 'Requests and errors',
            description: 'Requests and errors per second.',
            unit: 'reqps',
            targets: [
              { expr: `sum(rate(osmen_requests_total${SEL}[${RATE}]))`, legend: 'requests' },
              { expr: `sum(rate(osmen_errors_total${SEL}[${RATE}]))`, legend: 'errors' },
            ],
          }),
          p.timeseries({
            title: 'Response time',
            description: 'Mean and 95th percentile request duration. The dashed line is the HighResponseTime threshold (p95 above 10 s).',
            unit: 's',
            steps: [[10, 'red']],
            targets: [
              { expr: `sum(rate(osmen_request_duration_seconds_sum${SEL}[${RATE}])) / sum(rate(osmen_request_duration_seconds_count${SEL}[${RATE}]))`, legend: 'mean' },
              { expr: `histogram_quantile(0.95, sum by (le) (rate(osmen_request_duration_seconds_bucket${SEL}[${RATE}])))`, legend: 'p95' },
            ],
          }),
          p.timeseries({
            title: 'Gateway up',
            description: 'Whether the gateway answered its scrapes (1 = up). Down for 1 minute fires ServiceDown.',
            unit: 'short',
            min: 0,
            max: 1,
            targets: [{ expr: `up${SEL}`, legend: '{{instance}}' }],
          }),
          p.timeseries({
            title: 'Active users over time',
            description: 'Users active on OsMEN.',
            unit: 'short',
            targets: [{ expr: `sum(osmen_active_users${SEL})`, legend: 'active users' }],
          }),
        ],
      },
    ],
  });
}
