/**
 * Default collectors of prometheus/client_golang, exposed by nearly every Go exporter (node_exporter, cAdvisor,
 * pushgateway, Prometheus, postgres/redis/blackbox exporters, Loki, Alloy, Jaeger, ...). Merge them into
 * an exporter's catalog with `mergeCatalogs(catalog, processGo)`.
 * Verified against the process_* and go_* families in the expositions of google/cadvisor
 * metrics/testdata/prometheus_metrics and node_exporter's collector/fixtures/e2e-output.txt.
 */
import type { MetricCatalog } from './types';

/** Process collector (Linux): process_*. */
export const processCollector: MetricCatalog = [
  { name: 'process_cpu_seconds_total', type: 'counter', labels: [], help: 'Total user and system CPU time spent in seconds.' },
  { name: 'process_resident_memory_bytes', type: 'gauge', labels: [], help: 'Resident memory size in bytes.' },
  { name: 'process_virtual_memory_bytes', type: 'gauge', labels: [], help: 'Virtual memory size in bytes.' },
  { name: 'process_virtual_memory_max_bytes', type: 'gauge', labels: [], help: 'Maximum amount of virtual memory available in bytes.' },
  { name: 'process_start_time_seconds', type: 'gauge', labels: [], help: 'Start time of the process since unix epoch in seconds.' },
  { name: 'process_open_fds', type: 'gauge', labels: [], help: 'Number of open file descriptors.' },
  { name: 'process_max_fds', type: 'gauge', labels: [], help: 'Maximum number of open file descriptors.' },
];

/** Go collector: go_*. */
export const goCollector: MetricCatalog = [
  { name: 'go_goroutines', type: 'gauge', labels: [], help: 'Number of goroutines that currently exist.' },
  { name: 'go_threads', type: 'gauge', labels: [], help: 'Number of OS threads created.' },
  { name: 'go_info', type: 'gauge', labels: ['version'], help: 'Information about the Go environment.' },
  { name: 'go_gc_duration_seconds', type: 'summary', labels: [], help: 'A summary of the pause duration of garbage collection cycles.' },
  { name: 'go_memstats_alloc_bytes', type: 'gauge', labels: [], help: 'Number of bytes allocated and still in use.' },
  { name: 'go_memstats_alloc_bytes_total', type: 'counter', labels: [], help: 'Total number of bytes allocated, even if freed.' },
  { name: 'go_memstats_heap_alloc_bytes', type: 'gauge', labels: [], help: 'Number of heap bytes allocated and still in use.' },
  { name: 'go_memstats_heap_inuse_bytes', type: 'gauge', labels: [], help: 'Number of heap bytes that are in use.' },
  { name: 'go_memstats_heap_objects', type: 'gauge', labels: [], help: 'Number of allocated objects.' },
  { name: 'go_memstats_sys_bytes', type: 'gauge', labels: [], help: 'Number of bytes obtained from system.' },
  { name: 'go_memstats_last_gc_time_seconds', type: 'gauge', labels: [], help: 'Number of seconds since 1970 of last garbage collection.' },
  { name: 'go_memstats_next_gc_bytes', type: 'gauge', labels: [], help: 'Number of heap bytes when next garbage collection will take place.' },  { name: 'go_memstats_buck_hash_sys_bytes', type: 'gauge', labels: [], help: 'Number of bytes used by the profiling bucket hash table.' },
  { name: 'go_memstats_frees_total', type: 'counter', labels: [], help: 'Total number of frees.' },
  { name: 'go_memstats_gc_sys_bytes', type: 'gauge', labels: [], help: 'Number of bytes used for garbage collection system metadata.' },
  { name: 'go_memstats_heap_idle_bytes', type: 'gauge', labels: [], help: 'Number of heap bytes waiting to be used.' },
  { name: 'go_memstats_heap_released_bytes', type: 'gauge', labels: [], help: 'Number of heap bytes released to OS.' },
  { name: 'go_memstats_heap_sys_bytes', type: 'gauge', labels: [], help: 'Number of heap bytes obtained from system.' },
  { name: 'go_memstats_lookups_total', type: 'counter', labels: [], help: 'Total number of pointer lookups.' },
  { name: 'go_memstats_mallocs_total', type: 'counter', labels: [], help: 'Total number of mallocs.' },
  { name: 'go_memstats_mcache_inuse_bytes', type: 'gauge', labels: [], help: 'Number of bytes in use by mcache structures.' },
  { name: 'go_memstats_mcache_sys_bytes', type: 'gauge', labels: [], help: 'Number of bytes used for mcache structures obtained from system.' },
  { name: 'go_memstats_mspan_inuse_bytes', type: 'gauge', labels: [], help: 'Number of bytes in use by mspan structures.' },
  { name: 'go_memstats_mspan_sys_bytes', type: 'gauge', labels: [], help: 'Number of bytes used for mspan structures obtained from system.' },
  { name: 'go_memstats_other_sys_bytes', type: 'gauge', labels: [], help: 'Number of bytes used for other system allocations.' },
  { name: 'go_memstats_stack_inuse_bytes', type: 'gauge', labels: [], help: 'Number of bytes in use by the stack allocator.' },
  { name: 'go_memstats_stack_sys_bytes', type: 'gauge', labels: [], help: 'Number of bytes obtained from system for stack allocator.' },
];

/** What newer client_golang releases add (Alertmanager 0.33, Prometheus 3.5 serve them; generated from their /metrics). */
export const newerGoRuntime: MetricCatalog = [
  { name: 'go_gc_gogc_percent', type: 'gauge', labels: [], help: 'Heap size target percentage configured by the user, otherwise 100. This value is set by the GOGC environment variable, and the runtime/debug.SetGCPercent function. Sourced from /gc/gogc:percent.' },
  { name: 'go_gc_gomemlimit_bytes', type: 'gauge', labels: [], help: 'Go runtime memory limit configured by the user, otherwise math.MaxInt64. This value is set by the GOMEMLIMIT environment variable, and the runtime/debug.SetMemoryLimit function. Sourced from /gc/gomemlimit:bytes.' },
  { name: 'go_sched_gomaxprocs_threads', type: 'gauge', labels: [], help: 'The current runtime.GOMAXPROCS setting, or the number of operating system threads that can execute user-level Go code simultaneously. Sourced from /sched/gomaxprocs:threads.' },
  { name: 'process_network_receive_bytes_total', type: 'counter', labels: [], help: 'Number of bytes received by the process over the network.' },
  { name: 'process_network_transmit_bytes_total', type: 'counter', labels: [], help: 'Number of bytes sent by the process over the network.' },
];

/** promhttp's instrumentation of the /metrics handler itself. */
export const promhttpHandler: MetricCatalog = [
  { name: 'promhttp_metric_handler_requests_total', type: 'counter', labels: ['code'], help: 'Total number of scrapes by HTTP status code.' },
  { name: 'promhttp_metric_handler_requests_in_flight', type: 'gauge', labels: [], help: 'Current number of scrapes being served.' },
  { name: 'promhttp_metric_handler_errors_total', type: 'counter', labels: ['cause'], help: 'Total number of internal errors encountered by the promhttp metric handler.' },
];

/** process_* + go_* + promhttp_*: what a Go exporter built on client_golang exposes by default. */
export const processGo: MetricCatalog = [...processCollector, ...goCollector, ...newerGoRuntime, ...promhttpHandler];
