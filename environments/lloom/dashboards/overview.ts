import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels } from '../../../model/dashboards/common';
import { p99Latency, successRatio, LLOOM_JOBS, SEL, ENV } from './shared';

export function overview(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  return buildDashboard({
    environment: ENV,
    uid: 'lloom-overview',
    title: 'Lloom Overview',
    description: 'The Lloom network at a glance: traffic, success, latency, nodes up per role, queues and peers.',
    variables: jobInstanceVariables(ds, LLOOM_JOBS),
    rows: [
      {
        title: 'Golden signals',
        panels: [
          p.stat({
            title: 'Request rate',
            description: 'Client requests per second over all models, from the capacity_planning recording rule lloom:request_rate:5m.',
            unit: 'reqps',
            sparkline: true,
            targets: [{ expr: 'sum(lloom:request_rate:5m)' }],
          }),
          p.stat({
            title: 'Success rate',
            description: 'Share of client requests that succeeded, over the last rate interval.',
            unit: 'percentunit',
            decimals: 2,
            base: 'red',
            steps: [[0.95, 'orange'], [0.999, 'green']],
            targets: [{ expr: successRatio(JOB_INSTANCE) }],
          }),
          p.stat({
            title: 'p99 latency',
            description: '99th percentile of request duration over all requests.',
            unit: 's',
            steps: [[2, 'orange'], [5, 'red']],
            targets: [{ expr: p99Latency(JOB_INSTANCE) }],
          }),
          p.stat({
            title: 'Executor queue',
            description: 'Requests waiting in executor queues, all priorities. Above 100 on one executor for 10 minutes fires ExecutorHighQueueSize.',
            unit: 'short',
            steps: [[50, 'orange'], [100, 'red']],
            targets: [{ expr: `sum(lloom_executor_queue_size${SEL})` }],
          }),
          p.barGauge({
            title: 'Nodes up by role',
            description: 'Targets of each role (client, executor, validator) that answered their last scrape.',
            unit: 'short',
            targets: [{ expr: `sum by (job) (up${SEL})`, legend: '{{job}}' }],
          }),
          p.timeseries({
            title: 'Requests by model',
            description: 'Client requests per second by model (lloom:request_rate:5m).',
            unit: 'reqps',
            stack: true,
            targets: [{ expr: 'lloom:request_rate:5m', legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Active requests',
            description: 'Requests in flight on clients and executors.',
            unit: 'short',
            targets: [
              { expr: `sum(lloom_client_active_requests${SEL})`, legend: 'clients' },
              { expr: `sum(lloom_executor_active_requests${SEL})`, legend: 'executors' },
            ],
          }),
          p.timeseries({
            title: 'Peers connected',
            description: 'P2P peers each client is connected to.',
            unit: 'short',
            targets: [{ expr: `lloom_client_peers_connected${SEL}`, legend: '{{instance}}' }],
          }),
        ],
      },
    ],
  });
}
