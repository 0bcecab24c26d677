import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { p99Latency, LLOOM_JOBS, successRatio, SEL, ENV } from './shared';

export function slo(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const success = `(${successRatio(JOB_INSTANCE)}) * 100`;
  const availability = `avg(avg_over_time(up${SEL}[${RATE}])) * 100`;
  return buildDashboard({
    environment: ENV,
    uid: 'lloom-slo',
    title: 'SLOs',
    description: "The seed's service level objectives: request success rate 99.9%, p99 latency under 5 s, availability 99.95%. Single values are averaged over the time range.",
    variables: jobInstanceVariables(ds, LLOOM_JOBS),
    rows: [
      {
        title: 'Objectives',
        panels: [
          p.stat({
            title: 'Success rate (SLO 99.9%)',
            description: 'Share of client requests that succeeded, averaged over the dashboard time range; red below the 99.9% objective.',
            unit: 'percent',
            decimals: 3,
            width: 8,
            base: 'red',
            steps: [[99.9, 'green']],
            calc: 'mean',
            sparkline: true,
            targets: [{ expr: success }],
          }),
          p.stat({
            title: 'p99 latency (SLO < 5 s)',
            description: '99th percentile of request duration, averaged over the dashboard time range; red at or above the 5 s objective.',
            unit: 's',
            width: 8,
            steps: [[5, 'red']],
            calc: 'mean',
            sparkline: true,
            targets: [{ expr: p99Latency(JOB_INSTANCE) }],
          }),
          p.stat({
            title: 'Availability (SLO 99.95%)',
            description: 'Share of successful scrapes of the Lloom nodes, averaged over the dashboard time range; red below the 99.95% objective.',
            unit: 'percent',
            decimals: 3,
            width: 8,
            base: 'red',
            steps: [[99.95, 'green']],
            calc: 'mean',
            sparkline: true,
            targets: [{ expr: availability }],
          }),
        ],
      },
      {
        title: 'Over time',
        panels: [
          p.timeseries({
            title: 'Request success rate',
            description: 'Share of client requests that succeeded; the dashed line is the 99.9% objective.',
            unit: 'percent',
            width: 8,
            base: 'red',
            steps: [[99.9, 'green']],
            targets: [{ expr: success, legend: 'success rate' }],
          }),
          p.timeseries({
            title: 'Request latency p99',
            description: '99th percentile of request duration; the dashed line is the 5 s objective.',
            unit: 's',
            width: 8,
            steps: [[5, 'red']],
            targets: [{ expr: p99Latency(JOB_INSTANCE), legend: 'p99' }],
          }),
          p.timeseries({
            title: 'Availability by role',
            description: 'Share of successful scrapes per role; the dashed line is the 99.95% objective.',
            unit: 'percent',
            width: 8,
            base: 'red',
            steps: [[99.95, 'green']],
            targets: [{ expr: `avg by (job) (avg_over_time(up${SEL}[${RATE}])) * 100`, legend: '{{job}}' }],
          }),
        ],
      },
    ],
  });
}
