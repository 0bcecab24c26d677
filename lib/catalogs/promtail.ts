/**
 * Promtail 2.9 (grafana/loki clients/cmd/promtail, default HTTP port 9080).
 * Verified against grafana/loki clients/pkg/promtail/client/metrics.go (client counters, `host` = Loki push
 * host) and clients/pkg/promtail/targets/file/metrics.go, where read_bytes_total, file_bytes_total,
 * files_active_total and targets_active_total are gauges despite their `_total` names.
 */
import type { MetricCatalog } from './types';

export const promtail: MetricCatalog = [
  // client (push to Loki)
  { name: 'promtail_sent_entries_total', type: 'counter', labels: ['host'], help: 'Number of log entries sent to the ingester.' },
  { name: 'promtail_sent_bytes_total', type: 'counter', labels: ['host'], help: 'Number of bytes sent.' },
  { name: 'promtail_encoded_bytes_total', type: 'counter', labels: ['host'], help: 'Number of bytes encoded and ready to send.' },
  { name: 'promtail_dropped_entries_total', type: 'counter', labels: ['host', 'reason', 'tenant'], help: 'Number of log entries dropped because failed to be sent to the ingester after all retries.' },
  { name: 'promtail_dropped_bytes_total', type: 'counter', labels: ['host', 'reason', 'tenant'], help: 'Number of bytes dropped because failed to be sent to the ingester after all retries.' },
  { name: 'promtail_batch_retries_total', type: 'counter', labels: ['host', 'tenant'], help: 'Number of times batches has had to be retried.' },
  { name: 'promtail_request_duration_seconds', type: 'histogram', labels: ['status_code', 'host'], help: 'Duration of send requests.' },
  // file targets
  { name: 'promtail_read_bytes_total', type: 'gauge', labels: ['path'], help: 'Number of bytes read.' },
  { name: 'promtail_file_bytes_total', type: 'gauge', labels: ['path'], help: 'Number of bytes total.' },
  { name: 'promtail_read_lines_total', type: 'counter', labels: ['path'], help: 'Number of lines read.' },
  { name: 'promtail_files_active_total', type: 'gauge', labels: [], help: 'Number of active files.' },
  { name: 'promtail_targets_active_total', type: 'gauge', labels: [], help: 'Number of active total.' },
  { name: 'promtail_targets_failed_total', type: 'counter', labels: ['reason'], help: 'Number of failed targets.' },
  { name: 'promtail_build_info', type: 'gauge', labels: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], help: 'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which promtail was built, and the goos and goarch for the build.' },
];
