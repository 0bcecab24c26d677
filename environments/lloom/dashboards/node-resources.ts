/**
 * lloom (seed 004, "System Metrics"): CPU, memory, disk, load and network of every node, from
 * node-exporter (the `node` job, on every client, executor and validator).
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';

const NODE = `job="node", ${JOB_INSTANCE}`;

export function nodeResources(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  return buildDashboard({
    environment: 'lloom',
    uid: 'lloom-node-resources',
    title: 'Node Resources',
    description: 'CPU, memory, disk, load and network of every lloom node, as node-exporter (job node) measures them.',
    variables: jobInstanceVariables(ds, 'node'),
    rows: [
      {
        title: 'CPU and load',
        panels: [
          p.timeseries({
            title: 'CPU busy by node',
            description: 'Share of CPU time not idle, per node (node job), averaged over its cores.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.8, 'orange'], [0.95, 'red']],
            targets: [{ expr: `1 - avg by (instance) (rate(node_cpu_seconds_total{${NODE}, mode="idle"}[${RATE}]))`, legend: '{{instance}}' }],
          }),
          p.timeseries({
            title: 'Load average by node',
            description: '1, 5 and 15 minute load averages per node (node job).',
            unit: 'short',
            targets: [
              { expr: `node_load1{${NODE}}`, legend: '{{instance}} 1m' },
              { expr: `node_load5{${NODE}}`, legend: '{{instance}} 5m' },
              { expr: `node_load15{${NODE}}`, legend: '{{instance}} 15m' },
            ],
          }),
        ],
      },
      {
        title: 'Memory',
        panels: [
          p.timeseries({
            title: 'Memory available by node',
            description: 'Share of memory available per node (node job). Below 10% for 5 minutes fires NodeMemoryPressure.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            base: 'red',
            steps: [[0.1, 'orange'], [0.2, 'green']],
            targets: [{ expr: `node_memory_MemAvailable_bytes{${NODE}} / node_memory_MemTotal_bytes{${NODE}}`, legend: '{{instance}}' }],
          }),
          p.table({
            title: 'Memory and swap size by node',
            description: 'Total memory and swap per node (node job).',
            unit: 'bytes',
            hide: ['job'],
            targets: [
              { expr: `node_memory_MemTotal_bytes{${NODE}}`, legend: 'memory' },
              { expr: `node_memory_SwapTotal_bytes{${NODE}}`, legend: 'swap' },
            ],
          }),
        ],
      },
      {
        title: 'Disk',
        panels: [
          p.barGauge({
            title: 'Root filesystem free by node',
            description: 'Share of / that is free per node (node job).',
            unit: 'percentunit',
            min: 0,
            max: 1,
            base: 'red',
            steps: [[0.1, 'orange'], [0.2, 'green']],
            targets: [{ expr: `node_filesystem_avail_bytes{${NODE}, mountpoint="/"} / node_filesystem_size_bytes{${NODE}, mountpoint="/"}`, legend: '{{instance}}' }],
          }),
          p.timeseries({
            title: 'Disk busy by node and device',
            description: 'Share of time each disk was busy with I/O, per node (node job) and device.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            targets: [{ expr: `rate(node_disk_io_time_seconds_total{${NODE}}[${RATE}])`, legend: '{{instance}} {{device}}' }],
          }),
          p.timeseries({
            title: 'Disk throughput by node',
            description: 'Bytes read (negative: written) per second, per node (node job), all devices.',
            unit: 'Bps',
            targets: [
              { expr: `sum by (instance) (rate(node_disk_read_bytes_total{${NODE}}[${RATE}]))`, legend: '{{instance}} read' },
              { expr: `-sum by (instance) (rate(node_disk_written_bytes_total{${NODE}}[${RATE}]))`, legend: '{{instance}} written' },
            ],
          }),
        ],
      },
      {
        title: 'Network',
        panels: [
          p.timeseries({
            title: 'Network traffic by node',
            description: 'Bytes received (negative: sent) per second, per node (node job), all interfaces but loopback.',
            unit: 'Bps',
            targets: [
              { expr: `sum by (instance) (rate(node_network_receive_bytes_total{${NODE}, device!="lo"}[${RATE}]))`, legend: '{{instance}} received' },
              { expr: `-sum by (instance) (rate(node_network_transmit_bytes_total{${NODE}, device!="lo"}[${RATE}]))`, legend: '{{instance}} sent' },
            ],
          }),
        ],
      },
    ],
  });
}
