/**
 * google/cadvisor v0.47 standalone (default port 8080).
 * Verified against google/cadvisor docs/storage/prometheus.md (names, types) and
 * metrics/testdata/prometheus_metrics (label sets).
 *
 * Every container series carries `id` (cgroup path), `image` and `name` (container name). cAdvisor also adds
 * one `container_label_<docker label>` / `container_env_<var>` label per Docker label / whitelisted env var;
 * those are dynamic and not listed. Under the kubelet, `container`, `namespace` and `pod` are added instead.
 */
import type { MetricCatalog } from './types';

const C = ['id', 'image', 'name'];
const CDEV = [...C, 'device'];
const CNET = [...C, 'interface'];

export const cadvisor: MetricCatalog = [
  // cpu
  { name: 'container_cpu_usage_seconds_total', type: 'counter', labels: [...C, 'cpu'], help: 'Cumulative cpu time consumed in seconds.' },
  { name: 'container_cpu_user_seconds_total', type: 'counter', labels: C, help: 'Cumulative user cpu time consumed in seconds.' },
  { name: 'container_cpu_system_seconds_total', type: 'counter', labels: C, help: 'Cumulative system cpu time consumed in seconds.' },
  { name: 'container_cpu_cfs_periods_total', type: 'counter', labels: C, help: 'Number of elapsed enforcement period intervals.' },
  { name: 'container_cpu_cfs_throttled_periods_total', type: 'counter', labels: C, help: 'Number of throttled period intervals.' },
  { name: 'container_cpu_cfs_throttled_seconds_total', type: 'counter', labels: C, help: 'Total time duration the container has been throttled.' },
  { name: 'container_cpu_load_average_10s', type: 'gauge', labels: C, help: 'Value of container cpu load average over the last 10 seconds.' },
  // memory
  { name: 'container_memory_usage_bytes', type: 'gauge', labels: C, help: 'Current memory usage in bytes, including all memory regardless of when it was accessed.' },
  { name: 'container_memory_working_set_bytes', type: 'gauge', labels: C, help: 'Current working set in bytes.' },
  { name: 'container_memory_rss', type: 'gauge', labels: C, help: 'Size of RSS in bytes.' },
  { name: 'container_memory_cache', type: 'gauge', labels: C, help: 'Number of bytes of page cache memory.' },
  { name: 'container_memory_swap', type: 'gauge', labels: C, help: 'Container swap usage in bytes.' },
  { name: 'container_memory_mapped_file', type: 'gauge', labels: C, help: 'Size of memory mapped files in bytes.' },
  { name: 'container_memory_max_usage_bytes', type: 'gauge', labels: C, help: 'Maximum memory usage recorded in bytes.' },
  { name: 'container_memory_failcnt', type: 'counter', labels: C, help: 'Number of memory usage hits limits.' },
  { name: 'container_memory_failures_total', type: 'counter', labels: [...C, 'failure_type', 'scope'], help: 'Cumulative count of memory allocation failures.' },
  { name: 'container_oom_events_total', type: 'counter', labels: C, help: 'Count of out of memory events observed for the container.' },
  // spec
  { name: 'container_spec_memory_limit_bytes', type: 'gauge', labels: C, help: 'Memory limit for the container.' },
  { name: 'container_spec_memory_reservation_limit_bytes', type: 'gauge', labels: C, help: 'Memory reservation limit for the container.' },
  { name: 'container_spec_memory_swap_limit_bytes', type: 'gauge', labels: C, help: 'Memory swap limit for the container.' },
  { name: 'container_spec_cpu_period', type: 'gauge', labels: C, help: 'CPU period of the container.' },
  { name: 'container_spec_cpu_quota', type: 'gauge', labels: C, help: 'CPU quota of the container.' },
  { name: 'container_spec_cpu_shares', type: 'gauge', labels: C, help: 'CPU share of the container.' },
  // filesystem (disk / diskIO)
  { name: 'container_fs_usage_bytes', type: 'gauge', labels: CDEV, help: 'Number of bytes that are consumed by the container on this filesystem.' },
  { name: 'container_fs_limit_bytes', type: 'gauge', labels: CDEV, help: 'Number of bytes that can be consumed by the container on this filesystem.' },
  { name: 'container_fs_inodes_free', type: 'gauge', labels: CDEV, help: 'Number of available Inodes.' },
  { name: 'container_fs_inodes_total', type: 'gauge', labels: CDEV, help: 'Number of Inodes.' },
  { name: 'container_fs_reads_total', type: 'counter', labels: CDEV, help: 'Cumulative count of reads completed.' },
  { name: 'container_fs_writes_total', type: 'counter', labels: CDEV, help: 'Cumulative count of writes completed.' },
  { name: 'container_fs_reads_bytes_total', type: 'counter', labels: CDEV, help: 'Cumulative count of bytes read.' },
  { name: 'container_fs_writes_bytes_total', type: 'counter', labels: CDEV, help: 'Cumulative count of bytes written.' },
  { name: 'container_fs_io_current', type: 'gauge', labels: CDEV, help: 'Number of I/Os currently in progress.' },
  { name: 'container_fs_io_time_seconds_total', type: 'counter', labels: CDEV, help: 'Cumulative count of seconds spent doing I/Os.' },
  // network
  { name: 'container_network_receive_bytes_total', type: 'counter', labels: CNET, help: 'Cumulative count of bytes received.' },
  { name: 'container_network_transmit_bytes_total', type: 'counter', labels: CNET, help: 'Cumulative count of bytes transmitted.' },
  { name: 'container_network_receive_packets_total', type: 'counter', labels: CNET, help: 'Cumulative count of packets received.' },
  { name: 'container_network_transmit_packets_total', type: 'counter', labels: CNET, help: 'Cumulative count of packets transmitted.' },
  { name: 'container_network_receive_errors_total', type: 'counter', labels: CNET, help: 'Cumulative count of errors encountered while receiving.' },
  { name: 'container_network_transmit_errors_total', type: 'counter', labels: CNET, help: 'Cumulative count of errors encountered while transmitting.' },
  { name: 'container_network_receive_packets_dropped_total', type: 'counter', labels: CNET, help: 'Cumulative count of packets dropped while receiving.' },
  { name: 'container_network_transmit_packets_dropped_total', type: 'counter', labels: CNET, help: 'Cumulative count of packets dropped while transmitting.' },
  // lifecycle / tasks
  { name: 'container_last_seen', type: 'gauge', labels: C, help: 'Last time a container was seen by the exporter.' },
  { name: 'container_start_time_seconds', type: 'gauge', labels: C, help: 'Start time of the container since unix epoch in seconds.' },
  { name: 'container_tasks_state', type: 'gauge', labels: [...C, 'state'], help: 'Number of tasks in given state.' },
  { name: 'container_processes', type: 'gauge', labels: C, help: 'Number of processes running inside the container.' },
  { name: 'container_scrape_error', type: 'gauge', labels: [], help: '1 if there was an error while getting container metrics, 0 otherwise.' },
  // machine / version
  { name: 'machine_cpu_cores', type: 'gauge', labels: [], help: 'Number of logical CPU cores.' },
  { name: 'machine_memory_bytes', type: 'gauge', labels: [], help: 'Amount of memory installed on the machine.' },
  { name: 'cadvisor_version_info', type: 'gauge', labels: ['cadvisorRevision', 'cadvisorVersion', 'dockerVersion', 'kernelVersion', 'osVersion'], help: 'A metric with a constant \'1\' value labeled by kernel version, OS version, docker version, cadvisor version & cadvisor revision.' },
];
