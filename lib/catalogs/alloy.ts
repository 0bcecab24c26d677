/**
 * Grafana Alloy 1.18 (grafana/alloy, HTTP port 12345), the log shipper in Promtail's place.
 * Verified against grafana/alloy v1.18.1: internal/component/common/loki/client/metrics.go
 * (loki.write: `host` = Loki push host, `tenant`) and internal/component/loki/source/file/metrics.go
 * (read_bytes_total, file_bytes_total and files_active_total are gauges despite their `_total`
 * names, as in Promtail). Alloy registers component metrics with the component's `component_id`
 * and `component_path` labels.
 */
import type { MetricCatalog } from './types';

const COMPONENT = ['component_id', 'component_path'];

export const alloy: MetricCatalog = [
  // loki.write
  { name: 'loki_write_sent_entries_total', type: 'counter', labels: [...COMPONENT, 'host', 'tenant'], help: 'Number of log entries sent to the ingester.' },
  { name: 'loki_write_sent_bytes_total', type: 'counter', labels: [...COMPONENT, 'host', 'tenant'], help: 'Number of bytes sent.' },
  { name: 'loki_write_dropped_entries_total', type: 'counter', labels: [...COMPONENT, 'host', 'tenant', 'reason'], help: 'Number of log entries dropped because failed to be sent to the ingester after all retries.' },
  { name: 'loki_write_batch_retries_total', type: 'counter', labels: [...COMPONENT, 'host', 'tenant'], help: 'Number of times batches has had to be retried.' },
  { name: 'loki_write_request_duration_seconds', type: 'histogram', labels: [...COMPONENT, 'status_code', 'host', 'tenant'], help: 'Duration of send requests.' },
  // loki.source.file
  { name: 'loki_source_file_read_bytes_total', type: 'gauge', labels: [...COMPONENT, 'path'], help: 'Number of bytes read.' },
  { name: 'loki_source_file_file_bytes_total', type: 'gauge', labels: [...COMPONENT, 'path'], help: 'Number of bytes total.' },
  { name: 'loki_source_file_read_lines_total', type: 'counter', labels: [...COMPONENT, 'path'], help: 'Number of lines read.' },
  { name: 'loki_source_file_files_active_total', type: 'gauge', labels: COMPONENT, help: 'Number of active files.' },
  // Alloy itself
  { name: 'alloy_build_info', type: 'gauge', labels: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], help: 'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which alloy was built, and the goos and goarch for the build.' },
];
