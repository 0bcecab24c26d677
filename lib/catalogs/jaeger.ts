/**
 * jaegertracing/jaeger v1.5x all-in-one, admin port 14269 (/metrics), Prometheus metrics backend.
 * Verified against Jaeger 1.x /metrics expositions (collector, query and agent namespaces) and
 * jaegertracing/jaeger cmd/collector/app/metrics.go (metric names before Prometheus normalisation:
 * spans.dropped, queue-length, save-latency, saved-by-svc, ...).
 *
 * jaeger-lib normalises names: `.` and `-` become `_`, counters get `_total`, timers become histograms in
 * seconds *without* a `_seconds` suffix (jaeger_collector_save_latency_bucket). Host-level collector metrics
 * carry `host`. `svc` is capped at 2000 services ("other-services" beyond). The agent metrics only exist
 * while the all-in-one binary still embeds jaeger-agent.
 */
import type { MetricCatalog } from './types';

const RECEIVED = ['debug', 'format', 'svc', 'transport'];

export const jaeger: MetricCatalog = [
  // collector: span ingestion
  { name: 'jaeger_collector_spans_received_total', type: 'counter', labels: RECEIVED, help: 'received' },
  { name: 'jaeger_collector_spans_rejected_total', type: 'counter', labels: RECEIVED, help: 'rejected' },
  { name: 'jaeger_collector_traces_received_total', type: 'counter', labels: [...RECEIVED, 'sampler_type'], help: 'received' },
  { name: 'jaeger_collector_traces_rejected_total', type: 'counter', labels: [...RECEIVED, 'sampler_type'], help: 'rejected' },
  { name: 'jaeger_collector_spans_saved_by_svc_total', type: 'counter', labels: ['debug', 'result', 'svc'], help: 'saved-by-svc' },
  { name: 'jaeger_collector_traces_saved_by_svc_total', type: 'counter', labels: ['debug', 'result', 'sampler_type', 'svc'], help: 'saved-by-svc' },
  { name: 'jaeger_collector_spans_dropped_total', type: 'counter', labels: ['host'], help: 'spans.dropped' },
  // collector: queue
  { name: 'jaeger_collector_queue_length', type: 'gauge', labels: ['host'], help: 'queue-length' },
  { name: 'jaeger_collector_queue_capacity', type: 'gauge', labels: ['host'], help: 'queue-capacity' },
  { name: 'jaeger_collector_batch_size', type: 'gauge', labels: ['host'], help: 'batch-size' },
  { name: 'jaeger_collector_spans_bytes', type: 'gauge', labels: ['host'], help: 'spans.bytes' },
  { name: 'jaeger_collector_spans_serviceNames', type: 'gauge', labels: ['host'], help: 'spans.serviceNames' },
  { name: 'jaeger_collector_in_queue_latency', type: 'histogram', labels: ['host'], help: 'in-queue-latency' },
  { name: 'jaeger_collector_save_latency', type: 'histogram', labels: ['host'], help: 'save-latency' },
  // collector: HTTP
  { name: 'jaeger_collector_http_request_duration', type: 'histogram', labels: ['method', 'path', 'status'], help: 'Duration of HTTP requests' },
  { name: 'jaeger_collector_http_server_errors_total', type: 'counter', labels: ['source', 'status'], help: 'http-server.errors' },
  { name: 'jaeger_collector_http_server_requests_total', type: 'counter', labels: ['type'], help: 'http-server.requests' },
  { name: 'jaeger_collector_build_info', type: 'gauge', labels: ['build_date', 'revision', 'version'], help: 'build_info' },
  // query
  { name: 'jaeger_query_requests_total', type: 'counter', labels: ['operation', 'result'], help: 'requests' },
  { name: 'jaeger_query_latency', type: 'histogram', labels: ['operation', 'result'], help: 'latency' },
  // embedded agent (older 1.x all-in-one)
  { name: 'jaeger_agent_reporter_spans_submitted_total', type: 'counter', labels: ['format', 'protocol'], help: 'spans.submitted' },
  { name: 'jaeger_agent_reporter_spans_failures_total', type: 'counter', labels: ['format', 'protocol'], help: 'spans.failures' },
  { name: 'jaeger_agent_reporter_batches_submitted_total', type: 'counter', labels: ['format', 'protocol'], help: 'batches.submitted' },
  { name: 'jaeger_agent_reporter_batches_failures_total', type: 'counter', labels: ['format', 'protocol'], help: 'batches.failures' },
];
