import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { ENV } from './shared';

export function systemHealth(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const containers = (extra = '') => `{${JOB_INSTANCE}, name!=""${extra}}`;
  const gateway = `{${JOB_INSTANCE}, name="osmen-gateway"}`;
  return buildDashboard({
    environment: ENV,
    uid: 'osmen-system-health',
    title: 'System Health',
    description: 'CPU, memory, disk I/O and network of every container on the OsMEN host, by container name (cAdvisor).',
    variables: jobInstanceVariables(ds, 'docker'),
    rows: [
      {
        title: 'CPU and memory',
        panels: [
          p.timeseries({
            title: 'CPU usage by service',
            description: 'CPU time per second used by each container: 100% is one full core.',
            unit: 'percentunit',
            min: 0,
            targets: [{ expr: `sum by (name) (rate(container_cpu_usage_seconds_total${containers()}[${RATE}]))`, legend: '{{name}}' }],
          }),
          p.timeseries({
            title: 'Memory usage by service',
            description: 'Working-set memory of each container (what the kernel counts against its limit).',
            unit: 'bytes',
            targets: [{ expr: `sum by (name) (container_memory_working_set_bytes${containers()})`, legend: '{{name}}' }],
          }),
          p.gauge({
            title: 'Gateway memory vs limit',
            description: "osmen-gateway's memory use as a share of its limit. Above 90% for 5 minutes fires HighMemoryUsage.",
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.8, 'orange'], [0.9, 'red']],
            targets: [{ expr: `container_memory_usage_bytes${gateway} / container_spec_memory_limit_bytes${gateway}` }],
          }),
        ],
      },
      {
        title: 'Disk and network',
        panels: [
          p.timeseries({
            title: 'Disk I/O',
            description: 'Bytes each container reads and writes per second.',
            unit: 'Bps',
            targets: [
              { expr: `sum by (name) (rate(container_fs_reads_bytes_total${containers()}[${RATE}]))`, legend: '{{name}} read' },
              { expr: `sum by (name) (rate(container_fs_writes_bytes_total${containers()}[${RATE}]))`, legend: '{{name}} write' },
            ],
          }),
          p.timeseries({
            title: 'Network throughput',
            description: 'Bytes each container receives and sends per second.',
            unit: 'Bps',
            targets: [
              { expr: `sum by (name) (rate(container_network_receive_bytes_total${containers()}[${RATE}]))`, legend: '{{name}} in' },
              { expr: `sum by (name) (rate(container_network_transmit_bytes_total${containers()}[${RATE}]))`, legend: '{{name}} out' },
            ],
          }),
        ],
      },
    ],
  });
}
