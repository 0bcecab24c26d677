import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { ENV } from './shared';

export function systemInfrastructure(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const node = (extra = '') => `{${JOB_INSTANCE}${extra}}`;
  const filesystems = ', fstype!~"tmpfs|overlay|squashfs|ramfs"';
  const interfaces = ', device!~"lo|veth.*|docker.*|br-.*"';
  return buildDashboard({
    environment: ENV,
    uid: 'homelab-system-infrastructure',
    title: 'System Infrastructure',
    description: 'CPU, memory, disk and network of each machine (node exporter, labelled by machine) and the GPU of alienware (DCGM exporter).',
    variables: jobInstanceVariables(ds, 'node|gpu'),
    rows: [
      {
        title: 'CPU',
        panels: [
          p.timeseries({
            title: 'CPU usage',
            description: 'Share of CPU time not idle, averaged over all cores, per machine.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.8, 'orange'], [0.95, 'red']],
            targets: [{ expr: `1 - avg by (machine) (rate(node_cpu_seconds_total${node(', mode="idle"')}[${RATE}]))`, legend: '{{machine}}' }],
          }),
          p.timeseries({
            title: 'Load average (15 min)',
            description: '15-minute load average per machine. The dashed line is the HighCPULoad threshold (12).',
            unit: 'short',
            steps: [[12, 'red']],
            targets: [{ expr: `node_load15${node()}`, legend: '{{machine}}' }],
          }),
        ],
      },
      {
        title: 'Memory',
        panels: [
          p.timeseries({
            title: 'Memory used',
            description: 'Share of memory in use (not available to new processes), per machine.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.85, 'orange'], [0.95, 'red']],
            targets: [{ expr: `1 - node_memory_MemAvailable_bytes${node()} / node_memory_MemTotal_bytes${node()}`, legend: '{{machine}}' }],
          }),
          p.barGauge({
            title: 'Memory available',
            description: 'Memory available to new processes now, per machine.',
            unit: 'bytes',
            targets: [{ expr: `node_memory_MemAvailable_bytes${node()}`, legend: '{{machine}}' }],
          }),
        ],
      },
      {
        title: 'Disk',
        panels: [
          p.barGauge({
            title: 'Disk used',
            description: 'Share of each filesystem in use, per machine and mount point (tmpfs and overlay excluded).',
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.8, 'orange'], [0.9, 'red']],
            targets: [
              {
                expr: `1 - node_filesystem_avail_bytes${node(filesystems)} / node_filesystem_size_bytes${node(filesystems)}`,
                legend: '{{machine}} {{mountpoint}}',
              },
            ],
          }),
          p.timeseries({
            title: 'Disk I/O',
            description: 'Bytes read and written per second over all disks, per machine.',
            unit: 'Bps',
            targets: [
              { expr: `sum by (machine) (rate(node_disk_read_bytes_total${node()}[${RATE}]))`, legend: '{{machine}} read' },
              { expr: `sum by (machine) (rate(node_disk_written_bytes_total${node()}[${RATE}]))`, legend: '{{machine}} write' },
            ],
          }),
        ],
      },
      {
        title: 'Network',
        panels: [
          p.timeseries({
            title: 'Network traffic',
            description: 'Bytes received and sent per second on physical interfaces (loopback and Docker bridges excluded), per machine.',
            unit: 'Bps',
            targets: [
              { expr: `sum by (machine) (rate(node_network_receive_bytes_total${node(interfaces)}[${RATE}]))`, legend: '{{machine}} in' },
              { expr: `sum by (machine) (rate(node_network_transmit_bytes_total${node(interfaces)}[${RATE}]))`, legend: '{{machine}} out' },
            ],
          }),
          p.timeseries({
            title: 'Network errors',
            description: 'Receive and transmit errors per second, per machine. Anything above zero points at a cable, driver or duplex problem.',
            unit: 'cps',
            steps: [[0.1, 'red']],
            targets: [
              { expr: `sum by (machine) (rate(node_network_receive_errs_total${node(interfaces)}[${RATE}]))`, legend: '{{machine}} receive' },
              { expr: `sum by (machine) (rate(node_network_transmit_errs_total${node(interfaces)}[${RATE}]))`, legend: '{{machine}} transmit' },
            ],
          }),
        ],
      },
      {
        title: 'GPU',
        panels: [
          p.timeseries({
            title: 'GPU utilization',
            description: 'Share of time each GPU was busy (DCGM_FI_DEV_GPU_UTIL), per machine and GPU.',
            unit: 'percent',
            min: 0,
            max: 100,
            width: 8,
            targets: [{ expr: `DCGM_FI_DEV_GPU_UTIL${node()}`, legend: '{{machine}} GPU {{gpu}}' }],
          }),
          p.timeseries({
            title: 'GPU temperature',
            description: 'GPU core temperature (DCGM_FI_DEV_GPU_TEMP). Consumer GPUs throttle in the mid 80s °C.',
            unit: 'celsius',
            width: 8,
            steps: [[80, 'orange'], [87, 'red']],
            targets: [{ expr: `DCGM_FI_DEV_GPU_TEMP${node()}`, legend: '{{machine}} GPU {{gpu}}' }],
          }),
          p.timeseries({
            title: 'GPU memory used',
            description: 'Framebuffer memory in use (DCGM_FI_DEV_FB_USED, reported in MiB), per GPU.',
            unit: 'mbytes',
            width: 8,
            targets: [{ expr: `DCGM_FI_DEV_FB_USED${node()}`, legend: '{{machine}} GPU {{gpu}}' }],
          }),
        ],
      },
    ],
  });
}
