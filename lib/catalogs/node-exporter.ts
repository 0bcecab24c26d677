/**
 * prometheus/node_exporter v1.6.1, default collectors on Linux (default port 9100).
 * Verified against prometheus/node_exporter collector/{cpu_linux,diskstats_linux,filesystem_common}.go and the
 * collector/fixtures/e2e-output.txt exposition (vmstat and netstat values are untyped there).
 * Go runtime / process metrics are in ./process-go.
 */
import type { MetricCatalog } from './types';

const FS = ['device', 'fstype', 'mountpoint'];
const DEV = ['device'];

export const nodeExporter: MetricCatalog = [
  // cpu
  { name: 'node_cpu_seconds_total', type: 'counter', labels: ['cpu', 'mode'], help: 'Seconds the CPUs spent in each mode.' },
  { name: 'node_cpu_guest_seconds_total', type: 'counter', labels: ['cpu', 'mode'], help: 'Seconds the CPUs spent in guests (VMs) for each mode.' },
  // loadavg
  { name: 'node_load1', type: 'gauge', labels: [], help: '1m load average.' },
  { name: 'node_load5', type: 'gauge', labels: [], help: '5m load average.' },
  { name: 'node_load15', type: 'gauge', labels: [], help: '15m load average.' },
  // meminfo: one gauge per /proc/meminfo field, node_memory_<Field>_bytes
  { name: 'node_memory_MemTotal_bytes', type: 'gauge', labels: [], help: 'Memory information field MemTotal_bytes.' },
  { name: 'node_memory_MemFree_bytes', type: 'gauge', labels: [], help: 'Memory information field MemFree_bytes.' },
  { name: 'node_memory_MemAvailable_bytes', type: 'gauge', labels: [], help: 'Memory information field MemAvailable_bytes.' },
  { name: 'node_memory_Buffers_bytes', type: 'gauge', labels: [], help: 'Memory information field Buffers_bytes.' },
  { name: 'node_memory_Cached_bytes', type: 'gauge', labels: [], help: 'Memory information field Cached_bytes.' },
  { name: 'node_memory_Active_bytes', type: 'gauge', labels: [], help: 'Memory information field Active_bytes.' },
  { name: 'node_memory_Inactive_bytes', type: 'gauge', labels: [], help: 'Memory information field Inactive_bytes.' },
  { name: 'node_memory_Dirty_bytes', type: 'gauge', labels: [], help: 'Memory information field Dirty_bytes.' },
  { name: 'node_memory_Shmem_bytes', type: 'gauge', labels: [], help: 'Memory information field Shmem_bytes.' },
  { name: 'node_memory_SReclaimable_bytes', type: 'gauge', labels: [], help: 'Memory information field SReclaimable_bytes.' },
  { name: 'node_memory_SwapTotal_bytes', type: 'gauge', labels: [], help: 'Memory information field SwapTotal_bytes.' },
  { name: 'node_memory_SwapFree_bytes', type: 'gauge', labels: [], help: 'Memory information field SwapFree_bytes.' },
  // filesystem
  { name: 'node_filesystem_size_bytes', type: 'gauge', labels: FS, help: 'Filesystem size in bytes.' },
  { name: 'node_filesystem_free_bytes', type: 'gauge', labels: FS, help: 'Filesystem free space in bytes.' },
  { name: 'node_filesystem_avail_bytes', type: 'gauge', labels: FS, help: 'Filesystem space available to non-root users in bytes.' },
  { name: 'node_filesystem_files', type: 'gauge', labels: FS, help: 'Filesystem total file nodes.' },
  { name: 'node_filesystem_files_free', type: 'gauge', labels: FS, help: 'Filesystem total free file nodes.' },
  { name: 'node_filesystem_readonly', type: 'gauge', labels: FS, help: 'Filesystem read-only status.' },
  { name: 'node_filesystem_device_error', type: 'gauge', labels: FS, help: 'Whether an error occurred while getting statistics for the given device.' },
  // diskstats
  { name: 'node_disk_reads_completed_total', type: 'counter', labels: DEV, help: 'The total number of reads completed successfully.' },
  { name: 'node_disk_writes_completed_total', type: 'counter', labels: DEV, help: 'The total number of writes completed successfully.' },
  { name: 'node_disk_read_bytes_total', type: 'counter', labels: DEV, help: 'The total number of bytes read successfully.' },
  { name: 'node_disk_written_bytes_total', type: 'counter', labels: DEV, help: 'The total number of bytes written successfully.' },
  { name: 'node_disk_read_time_seconds_total', type: 'counter', labels: DEV, help: 'The total number of seconds spent by all reads.' },
  { name: 'node_disk_write_time_seconds_total', type: 'counter', labels: DEV, help: 'This is the total number of seconds spent by all writes.' },
  { name: 'node_disk_io_time_seconds_total', type: 'counter', labels: DEV, help: 'Total seconds spent doing I/Os.' },
  { name: 'node_disk_io_time_weighted_seconds_total', type: 'counter', labels: DEV, help: 'The weighted # of seconds spent doing I/Os.' },
  { name: 'node_disk_io_now', type: 'gauge', labels: DEV, help: 'The number of I/Os currently in progress.' },
  // netdev / netclass
  { name: 'node_network_receive_bytes_total', type: 'counter', labels: DEV, help: 'Network device statistic receive_bytes.' },
  { name: 'node_network_transmit_bytes_total', type: 'counter', labels: DEV, help: 'Network device statistic transmit_bytes.' },
  { name: 'node_network_receive_packets_total', type: 'counter', labels: DEV, help: 'Network device statistic receive_packets.' },
  { name: 'node_network_transmit_packets_total', type: 'counter', labels: DEV, help: 'Network device statistic transmit_packets.' },
  { name: 'node_network_receive_errs_total', type: 'counter', labels: DEV, help: 'Network device statistic receive_errs.' },
  { name: 'node_network_transmit_errs_total', type: 'counter', labels: DEV, help: 'Network device statistic transmit_errs.' },
  { name: 'node_network_receive_drop_total', type: 'counter', labels: DEV, help: 'Network device statistic receive_drop.' },
  { name: 'node_network_transmit_drop_total', type: 'counter', labels: DEV, help: 'Network device statistic transmit_drop.' },
  { name: 'node_network_up', type: 'gauge', labels: DEV, help: 'Value is 1 if operstate is \'up\', 0 otherwise.' },
  { name: 'node_network_info', type: 'gauge', labels: ['address', 'broadcast', 'device', 'duplex', 'ifalias', 'operstate'], help: 'Non-numeric data from /sys/class/net/<iface>, value is always 1.' },
  // stat
  { name: 'node_boot_time_seconds', type: 'gauge', labels: [], help: 'Node boot time, in unixtime.' },
  { name: 'node_context_switches_total', type: 'counter', labels: [], help: 'Total number of context switches.' },
  { name: 'node_forks_total', type: 'counter', labels: [], help: 'Total number of forks.' },
  { name: 'node_intr_total', type: 'counter', labels: [], help: 'Total number of interrupts serviced.' },
  { name: 'node_procs_running', type: 'gauge', labels: [], help: 'Number of processes in runnable state.' },
  { name: 'node_procs_blocked', type: 'gauge', labels: [], help: 'Number of processes blocked waiting for I/O to complete.' },
  // time, uname, os
  { name: 'node_time_seconds', type: 'gauge', labels: [], help: 'System time in seconds since epoch (1970).' },
  { name: 'node_uname_info', type: 'gauge', labels: ['domainname', 'machine', 'nodename', 'release', 'sysname', 'version'], help: 'Labeled system information as provided by the uname system call.' },
  { name: 'node_os_info', type: 'gauge', labels: ['build_id', 'id', 'id_like', 'image_id', 'image_version', 'name', 'pretty_name', 'variant', 'variant_id', 'version', 'version_codename', 'version_id'], help: 'A metric with a constant \'1\' value labeled by build_id, id, id_like, image_id, image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.' },
  // vmstat: exposed untyped
  { name: 'node_vmstat_oom_kill', type: 'untyped', labels: [], help: '/proc/vmstat information field oom_kill.' },
  { name: 'node_vmstat_pgfault', type: 'untyped', labels: [], help: '/proc/vmstat information field pgfault.' },
  { name: 'node_vmstat_pgmajfault', type: 'untyped', labels: [], help: '/proc/vmstat information field pgmajfault.' },
  { name: 'node_vmstat_pswpin', type: 'untyped', labels: [], help: '/proc/vmstat information field pswpin.' },
  { name: 'node_vmstat_pswpout', type: 'untyped', labels: [], help: '/proc/vmstat information field pswpout.' },
  // netstat (untyped), sockstat
  { name: 'node_netstat_Tcp_CurrEstab', type: 'untyped', labels: [], help: 'Statistic TcpCurrEstab.' },
  { name: 'node_netstat_Tcp_RetransSegs', type: 'untyped', labels: [], help: 'Statistic TcpRetransSegs.' },
  { name: 'node_sockstat_TCP_inuse', type: 'gauge', labels: [], help: 'Number of TCP sockets in state inuse.' },
  // filefd, entropy, timex, hwmon, pressure
  { name: 'node_filefd_allocated', type: 'gauge', labels: [], help: 'File descriptor statistics: allocated.' },
  { name: 'node_filefd_maximum', type: 'gauge', labels: [], help: 'File descriptor statistics: maximum.' },
  { name: 'node_entropy_available_bits', type: 'gauge', labels: [], help: 'Bits of available entropy.' },
  { name: 'node_timex_offset_seconds', type: 'gauge', labels: [], help: 'Time offset in between local system and reference clock.' },
  { name: 'node_timex_sync_status', type: 'gauge', labels: [], help: 'Is clock synchronized to a reliable server (1 = yes, 0 = no).' },
  { name: 'node_hwmon_temp_celsius', type: 'gauge', labels: ['chip', 'sensor'], help: 'Hardware monitor for temperature (input).' },
  { name: 'node_pressure_cpu_waiting_seconds_total', type: 'counter', labels: [], help: 'Total time in seconds that processes have waited for CPU time.' },
  { name: 'node_pressure_memory_waiting_seconds_total', type: 'counter', labels: [], help: 'Total time in seconds that processes have waited for memory.' },
  { name: 'node_pressure_memory_stalled_seconds_total', type: 'counter', labels: [], help: 'Total time in seconds no process could make progress due to memory congestion.' },
  { name: 'node_pressure_io_waiting_seconds_total', type: 'counter', labels: [], help: 'Total time in seconds that processes have waited due to IO congestion.' },
  { name: 'node_pressure_io_stalled_seconds_total', type: 'counter', labels: [], help: 'Total time in seconds no process could make progress due to IO congestion.' },
  // exporter self-metrics
  { name: 'node_scrape_collector_success', type: 'gauge', labels: ['collector'], help: 'node_exporter: Whether a collector succeeded.' },
  { name: 'node_scrape_collector_duration_seconds', type: 'gauge', labels: ['collector'], help: 'node_exporter: Duration of a collector scrape.' },
  { name: 'node_textfile_scrape_error', type: 'gauge', labels: [], help: '1 if there was an error opening or reading a file, 0 otherwise.' },
  { name: 'node_exporter_build_info', type: 'gauge', labels: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], help: 'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which node_exporter was built, and the goos and goarch for the build.' },
];
