/**
 * Prometheus 3.13 self-monitoring metrics (default port 9090; first listed from 2.45, every prometheus_* name
 * found again in the v3.13.2 source), plus the series Prometheus synthesises:
 * `scrapeSeries` (written for every scrape target of every job) and `ruleSeries` (written while alerting
 * rules are loaded). Go runtime / process metrics are in ./process-go.
 * Names, types and labels checked against Prometheus /metrics expositions (e.g. the tsdb head samples counter
 * carries `type="float"|"histogram"` since 2.40) and prometheus/prometheus rules/alerting.go for ALERTS.
 */
import type { MetricCatalog } from './types';

const BUILD = ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'];

export const prometheus: MetricCatalog = [
  // TSDB
  { name: 'prometheus_tsdb_head_series', type: 'gauge', labels: [], help: 'Total number of series in the head block.' },
  { name: 'prometheus_tsdb_head_chunks', type: 'gauge', labels: [], help: 'Total number of chunks in the head block.' },
  { name: 'prometheus_tsdb_head_samples_appended_total', type: 'counter', labels: ['type'], help: 'Total number of appended samples.' },
  { name: 'prometheus_tsdb_storage_blocks_bytes', type: 'gauge', labels: [], help: 'The number of bytes that are currently used for local storage by all blocks.' },
  { name: 'prometheus_tsdb_blocks_loaded', type: 'gauge', labels: [], help: 'Number of currently loaded data blocks.' },
  { name: 'prometheus_tsdb_compactions_failed_total', type: 'counter', labels: [], help: 'Total number of compactions that failed for the partition.' },
  { name: 'prometheus_tsdb_reloads_failures_total', type: 'counter', labels: [], help: 'Number of times the database failed to reloadBlocks block data from disk.' },
  { name: 'prometheus_tsdb_wal_corruptions_total', type: 'counter', labels: [], help: 'Total number of WAL corruptions.' },
  { name: 'prometheus_tsdb_out_of_order_samples_total', type: 'counter', labels: ['type'], help: 'Total number of out of order samples ingestion failed attempts due to out of order being disabled.' },
  { name: 'prometheus_tsdb_retention_limit_bytes', type: 'gauge', labels: [], help: 'Max number of bytes to be retained in the tsdb blocks, configured 0 means disabled' },
  // scraping
  { name: 'prometheus_target_interval_length_seconds', type: 'summary', labels: ['interval'], help: 'Actual intervals between scrapes.' },
  { name: 'prometheus_target_scrape_pool_targets', type: 'gauge', labels: ['scrape_job'], help: 'Current number of targets in this scrape pool.' },
  { name: 'prometheus_target_scrapes_exceeded_sample_limit_total', type: 'counter', labels: [], help: 'Total number of scrapes that hit the sample limit and were rejected.' },
  { name: 'prometheus_target_sync_length_seconds', type: 'summary', labels: ['scrape_job'], help: 'Actual interval to sync the scrape pool.' },
  { name: 'prometheus_sd_discovered_targets', type: 'gauge', labels: ['config', 'name'], help: 'Current number of discovered targets.' },
  // rules
  { name: 'prometheus_rule_evaluations_total', type: 'counter', labels: ['rule_group'], help: 'The total number of rule evaluations.' },
  { name: 'prometheus_rule_evaluation_failures_total', type: 'counter', labels: ['rule_group'], help: 'The total number of rule evaluation failures.' },
  { name: 'prometheus_rule_group_last_duration_seconds', type: 'gauge', labels: ['rule_group'], help: 'The duration of the last rule group evaluation.' },
  { name: 'prometheus_rule_group_interval_seconds', type: 'gauge', labels: ['rule_group'], help: 'The interval of a rule group.' },
  { name: 'prometheus_rule_group_iterations_missed_total', type: 'counter', labels: ['rule_group'], help: 'The total number of rule group evaluations missed due to slow rule group evaluation.' },
  { name: 'prometheus_rule_group_rules', type: 'gauge', labels: ['rule_group'], help: 'The number of rules.' },
  { name: 'prometheus_rule_evaluation_duration_seconds', type: 'summary', labels: [], help: 'The duration for a rule to execute.' },
  // notifier
  { name: 'prometheus_notifications_dropped_total', type: 'counter', labels: [], help: 'Total number of alerts dropped due to errors when sending to Alertmanager.' },
  { name: 'prometheus_notifications_errors_total', type: 'counter', labels: ['alertmanager'], help: 'Total number of errors sending alert notifications.' },
  { name: 'prometheus_notifications_sent_total', type: 'counter', labels: ['alertmanager'], help: 'Total number of alerts sent.' },
  { name: 'prometheus_notifications_queue_length', type: 'gauge', labels: [], help: 'The number of alert notifications in the queue.' },
  { name: 'prometheus_notifications_queue_capacity', type: 'gauge', labels: [], help: 'The capacity of the alert notifications queue.' },
  { name: 'prometheus_notifications_alertmanagers_discovered', type: 'gauge', labels: [], help: 'The number of alertmanagers discovered and active.' },
  // config, web, engine
  { name: 'prometheus_config_last_reload_successful', type: 'gauge', labels: [], help: 'Whether the last configuration reload attempt was successful.' },
  { name: 'prometheus_config_last_reload_success_timestamp_seconds', type: 'gauge', labels: [], help: 'Timestamp of the last successful configuration reload.' },
  { name: 'prometheus_http_requests_total', type: 'counter', labels: ['code', 'handler'], help: 'Counter of HTTP requests.' },
  { name: 'prometheus_http_request_duration_seconds', type: 'histogram', labels: ['handler'], help: 'Histogram of latencies for HTTP requests.' },
  { name: 'prometheus_engine_query_duration_seconds', type: 'summary', labels: ['slice'], help: 'Query timings' },
  { name: 'prometheus_engine_queries', type: 'gauge', labels: [], help: 'The current number of queries being executed or waiting.' },
  { name: 'prometheus_ready', type: 'gauge', labels: [], help: 'Whether Prometheus startup was fully completed and the server is ready for normal operation.' },
  { name: 'prometheus_build_info', type: 'gauge', labels: BUILD, help: 'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which prometheus was built, and the goos and goarch for the build.' },
];

/**
 * Series Prometheus writes for every scrape of every target (all jobs), labelled with the target labels.
 * They are not exposed by any exporter, so they are typed here as gauges.
 */
export const scrapeSeries: MetricCatalog = [
  { name: 'up', type: 'gauge', labels: ['job', 'instance'], help: '1 if the instance is healthy, i.e. reachable, or 0 if the scrape failed.' },
  { name: 'scrape_duration_seconds', type: 'gauge', labels: ['job', 'instance'], help: 'Duration of the scrape.' },
  { name: 'scrape_samples_scraped', type: 'gauge', labels: ['job', 'instance'], help: 'The number of samples the target exposed.' },
  { name: 'scrape_samples_post_metric_relabeling', type: 'gauge', labels: ['job', 'instance'], help: 'The number of samples remaining after metric relabeling was applied.' },
  { name: 'scrape_series_added', type: 'gauge', labels: ['job', 'instance'], help: 'The approximate number of new series in this scrape.' },
];

/**
 * Series Prometheus writes while alerting rules are loaded: one per pending/firing alert, carrying the
 * alert's labels (the rule's own labels such as `severity`, plus the labels of the alerting series).
 */
export const ruleSeries: MetricCatalog = [
  { name: 'ALERTS', type: 'gauge', labels: ['alertname', 'alertstate', 'severity'], help: 'Pending (alertstate="pending") and firing (alertstate="firing") alerts.' },
  { name: 'ALERTS_FOR_STATE', type: 'gauge', labels: ['alertname', 'severity'], help: 'Unix timestamp at which each active alert became active; used to restore the for-state.' },
];
