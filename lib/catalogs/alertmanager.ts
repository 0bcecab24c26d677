/**
 * prometheus/alertmanager's own metrics (default port 9093): notifications, alerts, silences,
 * config reloads. Go runtime / process metrics are in ./process-go.
 * Generated from Debian's prometheus-alertmanager 0.25.0 /metrics on this machine
 * (scripts/catalog-from-metrics.ts), verified in __tests__/e2e/catalogs.e2e.test.ts.
 */
import type { MetricCatalog } from './types';

export const alertmanager: MetricCatalog = [
  { name: 'alertmanager_alerts', type: 'gauge', labels: ['state'], help: 'How many alerts by state.' },
  { name: 'alertmanager_alerts_invalid_total', type: 'counter', labels: ['version'], help: 'The total number of received alerts that were invalid.' },
  { name: 'alertmanager_alerts_received_total', type: 'counter', labels: ['status', 'version'], help: 'The total number of received alerts.' },
  { name: 'alertmanager_build_info', type: 'gauge', labels: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'version'], help: 'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which alertmanager was built, and the goos and goarch for the build.' },
  { name: 'alertmanager_cluster_enabled', type: 'gauge', labels: [], help: 'Indicates whether the clustering is enabled or not.' },
  { name: 'alertmanager_config_hash', type: 'gauge', labels: [], help: 'Hash of the currently loaded alertmanager configuration.' },
  { name: 'alertmanager_config_last_reload_success_timestamp_seconds', type: 'gauge', labels: [], help: 'Timestamp of the last successful configuration reload.' },
  { name: 'alertmanager_config_last_reload_successful', type: 'gauge', labels: [], help: 'Whether the last configuration reload attempt was successful.' },
  { name: 'alertmanager_dispatcher_aggregation_groups', type: 'gauge', labels: [], help: 'Number of active aggregation groups' },
  { name: 'alertmanager_dispatcher_alert_processing_duration_seconds', type: 'summary', labels: [], help: 'Summary of latencies for the processing of alerts.' },
  { name: 'alertmanager_http_concurrency_limit_exceeded_total', type: 'counter', labels: ['method'], help: 'Total number of times an HTTP request failed because the concurrency limit was reached.' },
  { name: 'alertmanager_http_request_duration_seconds', type: 'histogram', labels: ['handler', 'method'], help: 'Histogram of latencies for HTTP requests.' },
  { name: 'alertmanager_http_requests_in_flight', type: 'gauge', labels: ['method'], help: 'Current number of HTTP requests being processed.' },
  { name: 'alertmanager_http_response_size_bytes', type: 'histogram', labels: ['handler', 'method'], help: 'Histogram of response size for HTTP requests.' },
  { name: 'alertmanager_integrations', type: 'gauge', labels: [], help: 'Number of configured integrations.' },
  { name: 'alertmanager_marked_alerts', type: 'gauge', labels: ['state'], help: 'How many alerts by state are currently marked in the Alertmanager regardless of their expiry.' },
  { name: 'alertmanager_nflog_gc_duration_seconds', type: 'summary', labels: [], help: 'Duration of the last notification log garbage collection cycle.' },
  { name: 'alertmanager_nflog_gossip_messages_propagated_total', type: 'counter', labels: [], help: 'Number of received gossip messages that have been further gossiped.' },
  { name: 'alertmanager_nflog_queries_total', type: 'counter', labels: [], help: 'Number of notification log queries were received.' },
  { name: 'alertmanager_nflog_query_duration_seconds', type: 'histogram', labels: [], help: 'Duration of notification log query evaluation.' },
  { name: 'alertmanager_nflog_query_errors_total', type: 'counter', labels: [], help: 'Number notification log received queries that failed.' },
  { name: 'alertmanager_nflog_snapshot_duration_seconds', type: 'summary', labels: [], help: 'Duration of the last notification log snapshot.' },
  { name: 'alertmanager_nflog_snapshot_size_bytes', type: 'gauge', labels: [], help: 'Size of the last notification log snapshot in bytes.' },
  { name: 'alertmanager_notification_latency_seconds', type: 'histogram', labels: ['integration'], help: 'The latency of notifications in seconds.' },
  { name: 'alertmanager_notification_requests_failed_total', type: 'counter', labels: ['integration'], help: 'The total number of failed notification requests.' },
  { name: 'alertmanager_notification_requests_total', type: 'counter', labels: ['integration'], help: 'The total number of attempted notification requests.' },
  { name: 'alertmanager_notifications_failed_total', type: 'counter', labels: ['integration'], help: 'The total number of failed notifications.' },
  { name: 'alertmanager_notifications_total', type: 'counter', labels: ['integration'], help: 'The total number of attempted notifications.' },
  { name: 'alertmanager_receivers', type: 'gauge', labels: [], help: 'Number of configured receivers.' },
  { name: 'alertmanager_silences', type: 'gauge', labels: ['state'], help: 'How many silences by state.' },
  { name: 'alertmanager_silences_gc_duration_seconds', type: 'summary', labels: [], help: 'Duration of the last silence garbage collection cycle.' },
  { name: 'alertmanager_silences_gossip_messages_propagated_total', type: 'counter', labels: [], help: 'Number of received gossip messages that have been further gossiped.' },
  { name: 'alertmanager_silences_queries_total', type: 'counter', labels: [], help: 'How many silence queries were received.' },
  { name: 'alertmanager_silences_query_duration_seconds', type: 'histogram', labels: [], help: 'Duration of silence query evaluation.' },
  { name: 'alertmanager_silences_query_errors_total', type: 'counter', labels: [], help: 'How many silence received queries did not succeed.' },
  { name: 'alertmanager_silences_snapshot_duration_seconds', type: 'summary', labels: [], help: 'Duration of the last silence snapshot.' },
  { name: 'alertmanager_silences_snapshot_size_bytes', type: 'gauge', labels: [], help: 'Size of the last silence snapshot in bytes.' },
];
