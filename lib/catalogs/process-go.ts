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
  { name: 'go_memstats_next_gc_bytes', type: 'gauge', labels: [], help: 'Number of heap bytes when next garbage collection will take place.' },
];

/** promhttp's instrumentation of the /metrics handler itself. */
export const promhttpHandler: MetricCatalog = [
  { name: 'promhttp_metric_handler_requests_total', type: 'counter', labels: ['code'], help: 'Total number of scrapes by HTTP status code.' },
  { name: 'promhttp_metric_handler_requests_in_flight', type: 'gauge', labels: [], help: 'Current number of scrapes being served.' },
];

/** process_* + go_* + promhttp_*: what a Go exporter built on client_golang exposes by default. */
export const processGo: MetricCatalog = [...processCollector, ...goCollector, ...promhttpHandler];
