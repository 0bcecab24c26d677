import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, labelVariable, Panels } from '../../../model/dashboards/common';
import { ENV } from './shared';

export function alerts(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const firing = 'alertstate="firing", severity=~"$severity"';
  return buildDashboard({
    environment: ENV,
    uid: 'homelab-alerts',
    title: 'Alerts',
    description:
      'Current and past alerts of the homelab rules, from the ALERTS and ALERTS_FOR_STATE series Prometheus writes. ' +
      'Alerts carry the labels of their rule (severity, machine, worker, ...), not one job: this dashboard filters by severity.',
    variables: [labelVariable(ds, 'severity', 'label_values(ALERTS, severity)')],
    rows: [
      {
        title: 'Now',
        panels: [
          p.stat({
            title: 'Firing alerts',
            description: 'Alerts firing now.',
            unit: 'short',
            steps: [[1, 'red']],
            targets: [{ expr: `count(ALERTS{${firing}}) or vector(0)` }],
          }),
          p.stat({
            title: 'Pending alerts',
            description: 'Alerts whose condition holds but whose "for" duration has not passed yet.',
            unit: 'short',
            steps: [[1, 'orange']],
            targets: [{ expr: 'count(ALERTS{alertstate="pending", severity=~"$severity"}) or vector(0)' }],
          }),
          p.barGauge({
            title: 'Firing alerts by severity',
            description: 'Firing alerts counted by severity (critical, high, warning, info).',
            unit: 'short',
            targets: [{ expr: `count by (severity) (ALERTS{${firing}})`, legend: '{{severity}}' }],
          }),
          p.table({
            title: 'Active alerts',
            description:
              'Every pending or firing alert with its labels, and how long it has been active (from ALERTS_FOR_STATE, the time each alert became active).',
            unit: 'dtdurations',
            width: 24,
            targets: [{ expr: 'time() - ALERTS_FOR_STATE{severity=~"$severity"}' }],
          }),
        ],
      },
      {
        title: 'History',
        panels: [
          p.timeseries({
            title: 'Alert history',
            description: 'Which alerts fired when, over the dashboard time range: one bar series per alert name.',
            unit: 'short',
            bars: true,
            stack: true,
            targets: [{ expr: `count by (alertname) (ALERTS{${firing}})`, legend: '{{alertname}}' }],
          }),
          p.timeseries({
            title: 'Firing alerts by severity over time',
            description: 'Count of firing alerts per severity over the dashboard time range.',
            unit: 'short',
            stack: true,
            targets: [{ expr: `count by (severity) (ALERTS{${firing}})`, legend: '{{severity}}' }],
          }),
        ],
      },
    ],
  });
}
