import { CATALOGS, mergeCatalogs, processGo } from '../../lib/catalogs';
import { formatFinding, LintAlertRule, LintJob, lintEnvironment } from '../../lib/lint';

/**
 * The lint refuses no correct rule: the patterns the issue names (info-metric joins, comparisons
 * inside aggregations, a condition on either side of and/unless, offset as Prometheus binds it, a
 * dead man's switch), and a set of standard alerts for the exporters this project has catalogs for,
 * written here in the style of the widely used public alert collections. Each must lint clean
 * against the real catalogs.
 */

function job(name: string, catalog: string): LintJob {
  const info = CATALOGS[catalog];
  return { name, scrapeInterval: '15s', metrics: info.exposesProcessGo ? mergeCatalogs(info.catalog, processGo) : info.catalog, targetLabels: ['machine'] };
}

const JOBS: LintJob[] = [
  job('node', 'node-exporter'),
  job('prometheus', 'prometheus'),
  job('alertmanager', 'alertmanager'),
  job('blackbox', 'blackbox-exporter'),
  job('postgres', 'postgres-exporter'),
  job('redis', 'redis-exporter'),
  job('pushgateway', 'pushgateway'),
];

/** [name, expr, summary template]: each is an alert with a severity and a description. */
const PATTERNS: Array<[string, string, string]> = [
  // The patterns the issue names.
  ['InfoMetricJoin', '(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.1) * on (instance) group_left (nodename) node_uname_info', 'Memory low on {{ $labels.nodename }}'],
  ['ComparisonInsideAggregation', 'count by (instance) (node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1) > 0', 'Full filesystems on {{ $labels.instance }}'],
  ['ConditionLeftOfAnd', 'node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1 and node_filesystem_readonly == 0', '{{ $labels.mountpoint }} almost full'],
  ['ConditionRightOfAnd', 'rate(node_network_receive_errs_total[2m]) and rate(node_network_receive_errs_total[2m]) / rate(node_network_receive_packets_total[2m]) > 0.01', 'Receive errors on {{ $labels.device }}'],
  ['ConditionLeftOfUnless', 'node_filesystem_avail_bytes < 1e9 unless on (instance, device, mountpoint) node_filesystem_readonly == 1', '{{ $labels.mountpoint }} has under 1 GB'],
  ['ConditionRightOfUnless', 'up{job="postgres"} unless on (instance) pg_up == 1', 'PostgreSQL down behind {{ $labels.instance }}'],
  ['OffsetOnTheRightOnly', 'node_boot_time_seconds != node_boot_time_seconds offset 5m', '{{ $labels.instance }} rebooted'],
  ['OffsetInsideRate', 'rate(prometheus_http_requests_total[5m]) > 3 * rate(prometheus_http_requests_total[5m] offset 1d)', 'Traffic tripled on {{ $labels.handler }}'],
  ['DeadMansSwitch', 'vector(1)', 'The alerting pipeline works'],
  // Node
  ['HostOutOfMemory', 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes * 100 < 10', 'Out of memory on {{ $labels.instance }}'],
  ['HostHighCpuLoad', 'sum by (instance) (avg by (mode, instance) (rate(node_cpu_seconds_total{mode!="idle"}[2m]))) > 0.8', 'CPU load high on {{ $labels.instance }}'],
  ['HostOomKill', 'increase(node_vmstat_oom_kill[1m]) > 0', 'OOM kill on {{ $labels.instance }}'],
  ['HostClockSkew', '(node_timex_offset_seconds > 0.05 and deriv(node_timex_offset_seconds[5m]) >= 0) or (node_timex_offset_seconds < -0.05 and deriv(node_timex_offset_seconds[5m]) <= 0)', 'Clock skew on {{ $labels.instance }}'],
  ['HostClockNotSynchronising', 'min_over_time(node_timex_sync_status[1m]) == 0 and node_timex_maxerror_seconds >= 16', 'Clock not synchronising on {{ $labels.instance }}'],
  ['HostNetworkInterfaceSaturated', '(rate(node_network_receive_bytes_total{device!~"^tap.*"}[1m]) + rate(node_network_transmit_bytes_total{device!~"^tap.*"}[1m])) / node_network_speed_bytes{device!~"^tap.*"} > 0.8 < 10000', '{{ $labels.device }} saturated'],
  ['HostConntrackLimit', 'node_nf_conntrack_entries / node_nf_conntrack_entries_limit > 0.8', 'Conntrack table filling on {{ $labels.instance }}'],
  ['HostEdacCorrectableErrors', 'increase(node_edac_correctable_errors_total[1m]) > 0', 'Memory errors on {{ $labels.controller }}'],
  ['HostRaidDiskFailure', 'node_md_disks{state="failed"} > 0', 'RAID {{ $labels.device }} lost a disk'],
  ['HostRaidArrayDegraded', 'node_md_disks_required - ignoring (state) (node_md_disks{state="active"}) > 0', 'RAID {{ $labels.device }} degraded'],
  ['HostBondingDegraded', 'node_bonding_slaves - node_bonding_active != 0', 'Bond {{ $labels.master }} degraded'],
  ['HostSensorHot', 'node_hwmon_temp_celsius * ignoring (label) group_left (label) node_hwmon_sensor_label > 80', 'Sensor {{ $labels.label }} hot on {{ $labels.chip }}'],
  ['HostSwapHeavy', 'rate(node_vmstat_pswpin[5m]) + rate(node_vmstat_pswpout[5m]) > 1000', 'Swapping on {{ $labels.instance }}'],
  ['HostDiskWillFillIn24Hours', 'predict_linear(node_filesystem_avail_bytes{fstype!~"tmpfs"}[6h], 24 * 3600) < 0 and on (instance, device, mountpoint) node_filesystem_readonly == 0', '{{ $labels.mountpoint }} fills within a day'],
  ['HostContextSwitching', 'rate(node_context_switches_total[5m]) / on (instance) group_left count by (instance) (node_cpu_seconds_total{mode="idle"}) > 10000', 'Context switching on {{ $labels.instance }}'],
  ['HostFileDescriptorsExhausted', 'node_filefd_allocated / node_filefd_maximum > 0.9', 'File descriptors low on {{ $labels.instance }}'],
  // Prometheus
  ['PrometheusConfigReloadFailed', 'prometheus_config_last_reload_successful != 1', 'Prometheus config reload failed on {{ $labels.instance }}'],
  ['PrometheusRuleEvaluationFailures', 'increase(prometheus_rule_evaluation_failures_total[3m]) > 0', 'Rule group {{ $labels.rule_group }} fails'],
  ['PrometheusNotificationsDropped', 'increase(prometheus_notifications_dropped_total[5m]) > 0', 'Prometheus dropped notifications'],
  ['PrometheusAlertmanagerMissing', 'min_over_time(prometheus_notifications_alertmanagers_discovered[1m]) < 1', 'No Alertmanager for {{ $labels.instance }}'],
  ['PrometheusTsdbCompactionsFailing', 'increase(prometheus_tsdb_compactions_failed_total[1h]) > 0', 'TSDB compactions failing'],
  ['PrometheusTargetScrapeSlow', 'prometheus_target_interval_length_seconds{quantile="0.9"} / on (interval, instance, job) prometheus_target_interval_length_seconds{quantile="0.5"} > 1.05', 'Scrapes slower than {{ $labels.interval }}'],
  ['PrometheusTooManyRestarts', 'changes(process_start_time_seconds{job=~"prometheus|alertmanager"}[15m]) > 2', '{{ $labels.job }} restarts'],
  ['PrometheusRuleGroupSlow', 'prometheus_rule_group_last_duration_seconds > prometheus_rule_group_interval_seconds', 'Rule group {{ $labels.rule_group }} slower than its interval'],
  // Alertmanager
  ['AlertmanagerConfigReloadFailed', 'max_over_time(alertmanager_config_last_reload_successful[5m]) == 0', 'Alertmanager config reload failed'],
  ['AlertmanagerNotificationsFailing', 'sum without (reason) (rate(alertmanager_notifications_failed_total[5m])) / rate(alertmanager_notifications_total[5m]) > 0.01', 'Notifications to {{ $labels.integration }} fail'],
  // Blackbox
  ['BlackboxProbeFailed', 'probe_success == 0', 'Probe of {{ $labels.instance }} failed'],
  ['BlackboxSslCertificateWillExpireSoon', 'probe_ssl_earliest_cert_expiry - time() < 86400 * 20', 'Certificate of {{ $labels.instance }} expires soon'],
  ['BlackboxProbeHttpFailure', 'probe_http_status_code <= 199 or probe_http_status_code >= 400', 'HTTP {{ $value }} from {{ $labels.instance }}'],
  ['BlackboxProbeSlow', 'avg_over_time(probe_duration_seconds[1m]) > 1', 'Probe of {{ $labels.instance }} slow'],
  // PostgreSQL
  ['PostgresqlDown', 'pg_up == 0', 'PostgreSQL down on {{ $labels.instance }}'],
  ['PostgresqlTooManyConnections', 'sum by (instance) (pg_stat_activity_count) > on (instance) pg_settings_max_connections * 0.8', 'Connections near the limit on {{ $labels.instance }}'],
  ['PostgresqlDeadLocks', 'increase(pg_stat_database_deadlocks{datname!~"template.*|postgres"}[1m]) > 5', 'Deadlocks in {{ $labels.datname }}'],
  ['PostgresqlTableNotAutoVacuumed', '(pg_stat_user_tables_last_autovacuum > 0) and (time() - pg_stat_user_tables_last_autovacuum) > 60 * 60 * 24 * 10', '{{ $labels.relname }} not vacuumed'],
  ['PostgresqlHighDeadTuples', 'pg_stat_user_tables_n_dead_tup / (pg_stat_user_tables_n_live_tup + pg_stat_user_tables_n_dead_tup) > 0.1 unless on (instance) pg_replication_is_replica == 1', 'Dead tuples in {{ $labels.relname }}'],
  ['PostgresqlReplicationSlotInactive', 'pg_replication_slot_slot_is_active == 0', 'Slot {{ $labels.slot_name }} inactive'],
  ['PostgresqlCacheHitRatioLow', 'sum by (datname) (rate(pg_stat_database_blks_hit[5m])) / (sum by (datname) (rate(pg_stat_database_blks_hit[5m])) + sum by (datname) (rate(pg_stat_database_blks_read[5m]))) < 0.9', 'Cache hit ratio low in {{ $labels.datname }}'],
  // Redis
  ['RedisDown', 'redis_up == 0', 'Redis down on {{ $labels.instance }}'],
  ['RedisOutOfConfiguredMemory', 'redis_memory_used_bytes / redis_memory_max_bytes > 0.9 and on (instance) redis_memory_max_bytes > 0', 'Redis memory full on {{ $labels.instance }}'],
  ['RedisTooManyConnections', 'redis_connected_clients / redis_config_maxclients > 0.9', 'Redis connections near the limit'],
  ['RedisRejectedConnections', 'increase(redis_rejected_connections_total[1m]) > 0', 'Redis rejects connections'],
  ['RedisMissingBackup', 'time() - redis_rdb_last_save_timestamp_seconds > 60 * 60 * 24', 'No Redis backup for a day'],
  ['RedisClusterFailing', 'redis_cluster_enabled == 1 and redis_cluster_state == 0', 'Redis cluster failing'],
  // Pushgateway
  ['PushgatewayJobStale', 'time() - push_time_seconds > 3600', 'Job {{ $labels.job }} has not pushed for an hour'],
];

test.each(PATTERNS)('%s lints clean', (alert, expr, summary) => {
  // GIVEN a correct alert with a summary that prints labels its series carry
  const rule: LintAlertRule = { alert, expr, labels: { severity: 'warning' }, annotations: { summary, description: `${summary}: see the runbook.` } };
  // WHEN linted against the real catalogs THEN nothing is found
  const findings = lintEnvironment({ name: 'standard', severities: ['critical', 'warning'], evaluationInterval: '15s', jobs: JOBS, ruleGroups: [{ name: 'standard', rules: [rule] }] });
  expect(findings.map(formatFinding)).toEqual([]);
});
