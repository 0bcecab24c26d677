/**
 * jaegertracing/jaeger v2 (2.20), metrics port 8888: Jaeger v2 is built on the OpenTelemetry
 * Collector, whose own telemetry (service.telemetry.metrics, level "detailed", Prometheus pull
 * reader) replaces v1's jaeger_collector_* / jaeger_query_* metrics. Names as the collector's
 * Prometheus reader writes them (counters with `_total`), verified against the OpenTelemetry
 * Collector's receiverhelper, exporterhelper and batchprocessor metadata. Every series also
 * carries the resource's `service_name` ("jaeger", from service.telemetry.resource),
 * `service_instance_id` and `service_version`.
 */
import type { MetricCatalog } from './types';

const RESOURCE = ['service_instance_id', 'service_name', 'service_version'];
const RECEIVER = [...RESOURCE, 'receiver', 'transport'];
const EXPORTER = [...RESOURCE, 'exporter'];

export const jaeger: MetricCatalog = [
  { name: 'otelcol_receiver_accepted_spans_total', type: 'counter', labels: RECEIVER, help: 'Number of spans successfully pushed into the pipeline.' },
  { name: 'otelcol_receiver_refused_spans_total', type: 'counter', labels: RECEIVER, help: 'Number of spans that could not be pushed into the pipeline.' },
  { name: 'otelcol_exporter_sent_spans_total', type: 'counter', labels: EXPORTER, help: 'Number of spans successfully sent to destination.' },
  { name: 'otelcol_exporter_send_failed_spans_total', type: 'counter', labels: EXPORTER, help: 'Number of spans in failed attempts to send to destination.' },
  { name: 'otelcol_processor_batch_batch_send_size', type: 'histogram', labels: [...RESOURCE, 'processor'], help: 'Number of units in the batch.' },
  { name: 'otelcol_process_uptime_seconds_total', type: 'counter', labels: RESOURCE, help: 'Uptime of the process.' },
  { name: 'target_info', type: 'gauge', labels: RESOURCE, help: 'Target metadata.' },
];
