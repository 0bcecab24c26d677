import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { p99Latency, LLOOM_JOBS, SEL, ENV } from './shared';

export function requestFlow(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  return buildDashboard({
    environment: ENV,
    uid: 'lloom-request-flow',
    title: 'Lloom Request Flow',
    description: "A request's path from client to executor and back: the seed's Request Flow dashboard (request rate and p99 latency), with errors and queues.",
    variables: jobInstanceVariables(ds, LLOOM_JOBS),
    rows: [
      {
        title: 'Clients',
        panels: [
          p.timeseries({
            title: 'Request Rate',
            description: 'Client requests per second, per client and status (success, failed, timeout).',
            unit: 'reqps',
            targets: [{ expr: `sum by (instance, status) (rate(lloom_client_requests_total${SEL}[${RATE}]))`, legend: '{{instance}} - {{status}}' }],
          }),
          p.timeseries({
            title: 'Request Latency',
            description: "99th percentile of request duration. The seed's query took the quantile per series; this one sums the buckets by le first, as histogram_quantile needs.",
            unit: 's',
            steps: [[5, 'red']],
            targets: [{ expr: p99Latency(JOB_INSTANCE), legend: 'p99 latency' }],
          }),
          p.timeseries({
            title: 'Client error ratio',
            description: 'Share of client requests that failed, per client. Above 5% for 5 minutes fires HighClientErrorRate.',
            unit: 'percentunit',
            min: 0,
            steps: [[0.05, 'red']],
            targets: [
              {
                expr: `sum by (instance) (rate(lloom_client_requests_total{${JOB_INSTANCE}, status="failed"}[${RATE}])) / sum by (instance) (rate(lloom_client_requests_total${SEL}[${RATE}]))`,
                legend: '{{instance}}',
              },
            ],
          }),
          p.timeseries({
            title: 'Timeouts',
            description: 'Client requests timing out per second. Above 0.1/s for 5 minutes fires ClientRequestTimeout.',
            unit: 'reqps',
            steps: [[0.1, 'red']],
            targets: [{ expr: `sum by (instance) (rate(lloom_client_requests_total{${JOB_INSTANCE}, status="timeout"}[${RATE}]))`, legend: '{{instance}}' }],
          }),
        ],
      },
      {
        title: 'Executors',
        panels: [
          p.timeseries({
            title: 'Requests in flight',
            description: 'Requests open on clients and executing on executors.',
            unit: 'short',
            targets: [
              { expr: `sum(lloom_client_active_requests${SEL})`, legend: 'clients waiting' },
              { expr: `sum(lloom_executor_active_requests${SEL})`, legend: 'executors running' },
            ],
          }),
          p.timeseries({
            title: 'Executor queues',
            description: 'Requests waiting on each executor.',
            unit: 'short',
            steps: [[100, 'red']],
            targets: [{ expr: `sum by (instance) (lloom_executor_queue_size${SEL})`, legend: '{{instance}}' }],
          }),
        ],
      },
    ],
  });
}
