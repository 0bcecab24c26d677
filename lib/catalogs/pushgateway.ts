/**
 * prometheus/pushgateway v1.x own metrics (default port 9091). Go runtime / process metrics are in ./process-go.
 * Verified against prometheus/pushgateway handler/misc.go (http metrics) and the group metrics the gateway adds
 * to every pushed group (push_time_seconds / push_failure_time_seconds, gauges).
 *
 * push_time_seconds and push_failure_time_seconds carry the group's grouping labels: always `job`, usually
 * `instance`, plus any further grouping key labels of the push URL. Pushed user metrics are not listed.
 */
import type { MetricCatalog } from './types';

export const pushgateway: MetricCatalog = [
  { name: 'push_time_seconds', type: 'gauge', labels: ['job', 'instance'], help: 'Last Unix time when changing this group in the Pushgateway succeeded.' },
  { name: 'push_failure_time_seconds', type: 'gauge', labels: ['job', 'instance'], help: 'Last Unix time when changing this group in the Pushgateway failed.' },
  { name: 'pushgateway_http_requests_total', type: 'counter', labels: ['code', 'handler', 'method'], help: 'Total HTTP requests processed by the Pushgateway, excluding scrapes.' },
  { name: 'pushgateway_http_push_duration_seconds', type: 'summary', labels: ['method'], help: 'HTTP request duration for pushes to the Pushgateway.' },
  { name: 'pushgateway_http_push_size_bytes', type: 'summary', labels: ['method'], help: 'HTTP request size for pushes to the Pushgateway.' },
  { name: 'pushgateway_build_info', type: 'gauge', labels: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], help: 'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which pushgateway was built, and the goos and goarch for the build.' },
];
