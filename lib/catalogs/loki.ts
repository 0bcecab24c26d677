/**
 * grafana/loki 3.7 (single binary / monolithic, default port 3100). The names were taken from 2.9; the
 * distributor, push, ingester, validation and panic metrics were found again in the v3.7.6 source.
 * Verified against grafana/loki pkg/distributor (distributor_lines_received_total{tenant},
 * distributor_bytes_received_total{tenant,retention_hours}), pkg/ingester metrics and the weaveworks/dskit
 * request-duration instrumentation (method, route, status_code, ws).
 */
import type { MetricCatalog } from './types';

export const loki: MetricCatalog = [
  // HTTP / gRPC server
  { name: 'loki_request_duration_seconds', type: 'histogram', labels: ['method', 'route', 'status_code', 'ws'], help: 'Time (in seconds) spent serving HTTP requests.' },
  { name: 'loki_inflight_requests', type: 'gauge', labels: ['method', 'route'], help: 'Current number of inflight requests.' },
  // distributor
  { name: 'loki_distributor_lines_received_total', type: 'counter', labels: ['tenant'], help: 'The total number of lines received per tenant' },
  { name: 'loki_distributor_bytes_received_total', type: 'counter', labels: ['tenant', 'retention_hours'], help: 'The total number of uncompressed bytes received per tenant' },
  { name: 'loki_distributor_ingester_appends_total', type: 'counter', labels: ['ingester'], help: 'The total number of batch appends sent to ingesters.' },
  { name: 'loki_distributor_ingester_append_failures_total', type: 'counter', labels: ['ingester'], help: 'The total number of failed batch appends sent to ingesters.' },
  { name: 'loki_discarded_samples_total', type: 'counter', labels: ['reason', 'tenant'], help: 'The total number of samples that were discarded.' },
  { name: 'loki_discarded_bytes_total', type: 'counter', labels: ['reason', 'tenant'], help: 'The total number of bytes that were discarded.' },
  // ingester
  { name: 'loki_ingester_streams_created_total', type: 'counter', labels: ['tenant'], help: 'The total number of streams created per tenant.' },
  { name: 'loki_ingester_streams_removed_total', type: 'counter', labels: ['tenant'], help: 'The total number of streams removed per tenant.' },
  { name: 'loki_ingester_memory_streams', type: 'gauge', labels: ['tenant'], help: 'The total number of streams in memory per tenant.' },
  { name: 'loki_ingester_memory_chunks', type: 'gauge', labels: [], help: 'The total number of chunks in memory.' },
  { name: 'loki_ingester_chunks_flushed_total', type: 'counter', labels: ['reason'], help: 'Total flushed chunks per reason.' },
  { name: 'loki_ingester_chunk_age_seconds', type: 'histogram', labels: [], help: 'Distribution of chunk ages when flushed.' },
  // process-wide
  { name: 'loki_panic_total', type: 'counter', labels: [], help: 'The total number of panics triggered' },
  { name: 'loki_log_messages_total', type: 'counter', labels: ['level'], help: 'Total number of log messages.' },
  { name: 'loki_build_info', type: 'gauge', labels: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], help: 'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which loki was built, and the goos and goarch for the build.' },
];
