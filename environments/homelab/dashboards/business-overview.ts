import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { H, L, ENV } from './shared';

export function businessOverview(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
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
