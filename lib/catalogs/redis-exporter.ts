/**
 * oliver006/redis_exporter v1.5x (default port 9121), namespace `redis`.
 * Verified against oliver006/redis_exporter exporter/exporter.go (metricMapGauges / metricMapCounters, which
 * map INFO fields to metric names, and the labelled metric descriptions).
 */
import type { MetricCatalog } from './types';

export const redisExporter: MetricCatalog = [
  { name: 'redis_up', type: 'gauge', labels: [], help: 'Information about the Redis instance' },
  { name: 'redis_instance_info', type: 'gauge', labels: ['role', 'redis_version', 'redis_build_id', 'redis_mode', 'os', 'maxmemory_policy', 'tcp_port', 'run_id', 'process_id'], help: 'Information about the Redis instance' },
  { name: 'redis_uptime_in_seconds', type: 'gauge', labels: [], help: 'uptime_in_seconds metric' },
  { name: 'redis_start_time_seconds', type: 'gauge', labels: [], help: 'Start time of the Redis instance since unix epoch in seconds.' },
  // clients
  { name: 'redis_connected_clients', type: 'gauge', labels: [], help: 'connected_clients metric' },
  { name: 'redis_blocked_clients', type: 'gauge', labels: [], help: 'blocked_clients metric' },
  { name: 'redis_connections_received_total', type: 'counter', labels: [], help: 'connections_received_total metric' },
  { name: 'redis_rejected_connections_total', type: 'counter', labels: [], help: 'rejected_connections_total metric' },
  // memory
  { name: 'redis_memory_used_bytes', type: 'gauge', labels: [], help: 'memory_used_bytes metric' },
  { name: 'redis_memory_used_rss_bytes', type: 'gauge', labels: [], help: 'memory_used_rss_bytes metric' },
  { name: 'redis_memory_used_peak_bytes', type: 'gauge', labels: [], help: 'memory_used_peak_bytes metric' },
  { name: 'redis_memory_max_bytes', type: 'gauge', labels: [], help: 'memory_max_bytes metric' },
  { name: 'redis_mem_fragmentation_ratio', type: 'gauge', labels: [], help: 'mem_fragmentation_ratio metric' },
  // stats
  { name: 'redis_commands_processed_total', type: 'counter', labels: [], help: 'commands_processed_total metric' },
  { name: 'redis_keyspace_hits_total', type: 'counter', labels: [], help: 'keyspace_hits_total metric' },
  { name: 'redis_keyspace_misses_total', type: 'counter', labels: [], help: 'keyspace_misses_total metric' },
  { name: 'redis_evicted_keys_total', type: 'counter', labels: [], help: 'evicted_keys_total metric' },
  { name: 'redis_expired_keys_total', type: 'counter', labels: [], help: 'expired_keys_total metric' },
  { name: 'redis_net_input_bytes_total', type: 'counter', labels: [], help: 'net_input_bytes_total metric' },
  { name: 'redis_net_output_bytes_total', type: 'counter', labels: [], help: 'net_output_bytes_total metric' },
  { name: 'redis_cpu_sys_seconds_total', type: 'counter', labels: [], help: 'cpu_sys_seconds_total metric' },
  { name: 'redis_cpu_user_seconds_total', type: 'counter', labels: [], help: 'cpu_user_seconds_total metric' },
  // commandstats
  { name: 'redis_commands_total', type: 'counter', labels: ['cmd'], help: 'Total number of calls per command' },
  { name: 'redis_commands_duration_seconds_total', type: 'counter', labels: ['cmd'], help: 'Total amount of time in seconds spent per command' },
  // keyspace
  { name: 'redis_db_keys', type: 'gauge', labels: ['db'], help: 'Total number of keys by DB' },
  { name: 'redis_db_keys_expiring', type: 'gauge', labels: ['db'], help: 'Total number of expiring keys by DB' },
  { name: 'redis_db_avg_ttl_seconds', type: 'gauge', labels: ['db'], help: 'Avg TTL in seconds' },
  // persistence
  { name: 'redis_rdb_last_save_timestamp_seconds', type: 'gauge', labels: [], help: 'rdb_last_save_timestamp_seconds metric' },
  { name: 'redis_rdb_changes_since_last_save', type: 'gauge', labels: [], help: 'rdb_changes_since_last_save metric' },
  { name: 'redis_aof_enabled', type: 'gauge', labels: [], help: 'aof_enabled metric' },
  // replication
  { name: 'redis_connected_slaves', type: 'gauge', labels: [], help: 'connected_slaves metric' },
  { name: 'redis_master_link_up', type: 'gauge', labels: ['master_host', 'master_port'], help: 'Master link status on Redis slave' },
  { name: 'redis_connected_slave_lag_seconds', type: 'gauge', labels: ['slave_ip', 'slave_port', 'slave_state'], help: 'Lag of connected slave' },
  // slowlog, exporter
  { name: 'redis_slowlog_length', type: 'gauge', labels: [], help: 'Total slowlog' },
  { name: 'redis_exporter_last_scrape_error', type: 'gauge', labels: ['err'], help: 'The last scrape error status.' },
  { name: 'redis_exporter_build_info', type: 'gauge', labels: ['version', 'commit_sha', 'build_date', 'golang_version'], help: 'redis exporter build_info' },
  // config and cluster metrics (exporter/info.go, exporter/exporter.go)
  { name: 'redis_config_maxclients', type: 'gauge', labels: [], help: 'config_maxclients' },
  { name: 'redis_config_maxmemory', type: 'gauge', labels: [], help: 'config_maxmemory' },
  { name: 'redis_config_io_threads', type: 'gauge', labels: [], help: 'config_io_threads' },
  { name: 'redis_config_key_value', type: 'gauge', labels: ['key', 'value'], help: 'Config key and value' },
  { name: 'redis_config_value', type: 'gauge', labels: ['key'], help: 'Config key and value as metric' },
  { name: 'redis_cluster_enabled', type: 'gauge', labels: [], help: 'cluster_enabled metric' },
  { name: 'redis_cluster_state', type: 'gauge', labels: [], help: 'cluster_state metric' },
  { name: 'redis_cluster_slots_assigned', type: 'gauge', labels: [], help: 'cluster_slots_assigned metric' },
  { name: 'redis_cluster_slots_ok', type: 'gauge', labels: [], help: 'cluster_slots_ok metric' },
  { name: 'redis_cluster_slots_pfail', type: 'gauge', labels: [], help: 'cluster_slots_pfail metric' },
  { name: 'redis_cluster_slots_fail', type: 'gauge', labels: [], help: 'cluster_slots_fail metric' },
  { name: 'redis_cluster_known_nodes', type: 'gauge', labels: [], help: 'cluster_known_nodes metric' },
  { name: 'redis_cluster_size', type: 'gauge', labels: [], help: 'cluster_size metric' },
  { name: 'redis_cluster_current_epoch', type: 'gauge', labels: [], help: 'cluster_current_epoch metric' },
  { name: 'redis_cluster_my_epoch', type: 'gauge', labels: [], help: 'cluster_my_epoch metric' },
  { name: 'redis_cluster_messages_sent_total', type: 'counter', labels: [], help: 'cluster_stats_messages_sent metric' },
  { name: 'redis_cluster_messages_received_total', type: 'counter', labels: [], help: 'cluster_stats_messages_received metric' },
  { name: 'redis_master_repl_offset', type: 'gauge', labels: [], help: 'master_repl_offset metric' },
  { name: 'redis_connected_slave_offset_bytes', type: 'gauge', labels: ['slave_ip', 'slave_port', 'slave_state'], help: 'Offset of connected slave' },
  { name: 'redis_rdb_last_bgsave_status', type: 'gauge', labels: [], help: 'rdb_last_bgsave_status metric' },
  { name: 'redis_aof_last_bgrewrite_status', type: 'gauge', labels: [], help: 'aof_last_bgrewrite_status metric' },
  { name: 'redis_aof_last_write_status', type: 'gauge', labels: [], help: 'aof_last_write_status metric' },
  { name: 'redis_rdb_bgsave_in_progress', type: 'gauge', labels: [], help: 'rdb_bgsave_in_progress metric' },
  { name: 'redis_loading_dump_file', type: 'gauge', labels: [], help: 'loading metric' },
];
