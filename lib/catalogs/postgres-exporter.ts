/**
 * prometheus-community/postgres_exporter v0.13 - v0.15 with default collectors (default port 9187).
 * Verified against prometheus-community/postgres_exporter collector/pg_stat_database.go (CounterValue for the
 * cumulative columns, GaugeValue for numbackends; labels datid, datname), collector/pg_stat_bgwriter.go
 * (`_total` names) and cmd/postgres_exporter/postgres_exporter.go (builtin pg_stat_activity / pg_locks maps).
 *
 * Metric names mirror PostgreSQL view columns, so the pg_stat_database_* counters have no `_total` suffix.
 */
import type { MetricCatalog } from './types';

const DB = ['datid', 'datname'];

export const postgresExporter: MetricCatalog = [
  { name: 'pg_up', type: 'gauge', labels: [], help: 'Whether the last scrape of metrics from PostgreSQL was able to connect to the server (1 for yes, 0 for no).' },
  { name: 'pg_static', type: 'untyped', labels: ['short_version', 'version'], help: 'Version string as reported by postgres' },
  { name: 'pg_postmaster_start_time_seconds', type: 'gauge', labels: [], help: 'Time at which postmaster started' },
  // pg_stat_activity (builtin query map)
  { name: 'pg_stat_activity_count', type: 'gauge', labels: ['datname', 'state', 'usename', 'application_name', 'backend_type'], help: 'number of connections in this state' },
  { name: 'pg_stat_activity_max_tx_duration', type: 'gauge', labels: ['datname', 'state', 'usename', 'application_name', 'backend_type'], help: 'max duration in seconds any active transaction has been running' },
  // pg_settings: one gauge per setting
  { name: 'pg_settings_max_connections', type: 'gauge', labels: [], help: 'Sets the maximum number of concurrent connections.' },
  { name: 'pg_settings_shared_buffers_bytes', type: 'gauge', labels: [], help: 'Sets the number of shared memory buffers used by the server.' },
  // pg_stat_database collector
  { name: 'pg_stat_database_numbackends', type: 'gauge', labels: DB, help: 'Number of backends currently connected to this database.' },
  { name: 'pg_stat_database_xact_commit', type: 'counter', labels: DB, help: 'Number of transactions in this database that have been committed' },
  { name: 'pg_stat_database_xact_rollback', type: 'counter', labels: DB, help: 'Number of transactions in this database that have been rolled back' },
  { name: 'pg_stat_database_blks_read', type: 'counter', labels: DB, help: 'Number of disk blocks read in this database' },
  { name: 'pg_stat_database_blks_hit', type: 'counter', labels: DB, help: 'Number of times disk blocks were found already in the buffer cache' },
  { name: 'pg_stat_database_tup_returned', type: 'counter', labels: DB, help: 'Number of rows returned by queries in this database' },
  { name: 'pg_stat_database_tup_fetched', type: 'counter', labels: DB, help: 'Number of rows fetched by queries in this database' },
  { name: 'pg_stat_database_tup_inserted', type: 'counter', labels: DB, help: 'Number of rows inserted by queries in this database' },
  { name: 'pg_stat_database_tup_updated', type: 'counter', labels: DB, help: 'Number of rows updated by queries in this database' },
  { name: 'pg_stat_database_tup_deleted', type: 'counter', labels: DB, help: 'Number of rows deleted by queries in this database' },
  { name: 'pg_stat_database_conflicts', type: 'counter', labels: DB, help: 'Number of queries canceled due to conflicts with recovery in this database.' },
  { name: 'pg_stat_database_temp_files', type: 'counter', labels: DB, help: 'Number of temporary files created by queries in this database.' },
  { name: 'pg_stat_database_temp_bytes', type: 'counter', labels: DB, help: 'Total amount of data written to temporary files by queries in this database.' },
  { name: 'pg_stat_database_deadlocks', type: 'counter', labels: DB, help: 'Number of deadlocks detected in this database' },
  { name: 'pg_stat_database_blk_read_time', type: 'counter', labels: DB, help: 'Time spent reading data file blocks by backends in this database, in milliseconds' },
  { name: 'pg_stat_database_blk_write_time', type: 'counter', labels: DB, help: 'Time spent writing data file blocks by backends in this database, in milliseconds' },
  { name: 'pg_stat_database_stats_reset', type: 'counter', labels: DB, help: 'Time at which these statistics were last reset' },
  { name: 'pg_stat_database_active_time_seconds_total', type: 'counter', labels: DB, help: 'Time spent executing SQL statements in this database, in seconds (PostgreSQL 14+)' },
  // pg_database collector
  { name: 'pg_database_size_bytes', type: 'gauge', labels: ['datname'], help: 'Disk space used by the database' },
  { name: 'pg_database_connection_limit', type: 'gauge', labels: ['datname'], help: 'Connection limit set for the database' },
  // pg_locks
  { name: 'pg_locks_count', type: 'gauge', labels: ['datname', 'mode'], help: 'Number of locks' },
  // pg_stat_bgwriter collector
  { name: 'pg_stat_bgwriter_checkpoints_timed_total', type: 'counter', labels: [], help: 'Number of scheduled checkpoints that have been performed' },
  { name: 'pg_stat_bgwriter_checkpoints_req_total', type: 'counter', labels: [], help: 'Number of requested checkpoints that have been performed' },
  { name: 'pg_stat_bgwriter_buffers_alloc_total', type: 'counter', labels: [], help: 'Number of buffers allocated' },
  { name: 'pg_stat_bgwriter_buffers_backend_total', type: 'counter', labels: [], help: 'Number of buffers written directly by a backend' },
  // replication
  { name: 'pg_replication_lag_seconds', type: 'gauge', labels: [], help: 'Replication lag behind master in seconds' },
  { name: 'pg_replication_is_replica', type: 'gauge', labels: [], help: 'Indicates if the server is a replica' },
  // exporter
  { name: 'pg_exporter_last_scrape_error', type: 'gauge', labels: [], help: 'Whether the last scrape of metrics from PostgreSQL resulted in an error (1 for error, 0 for success).' },
  { name: 'pg_exporter_scrapes_total', type: 'counter', labels: [], help: 'Total number of times PostgreSQL was scraped for metrics.' },
  { name: 'postgres_exporter_build_info', type: 'gauge', labels: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], help: 'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which postgres_exporter was built, and the goos and goarch for the build.' },
  // stat_user_tables and statio_user_tables collectors (collector/pg_stat_user_tables.go, pg_statio_user_tables.go)
  { name: 'pg_stat_user_tables_seq_scan', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of sequential scans initiated on this table' },
  { name: 'pg_stat_user_tables_seq_tup_read', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of live rows fetched by sequential scans' },
  { name: 'pg_stat_user_tables_idx_scan', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of index scans initiated on this table' },
  { name: 'pg_stat_user_tables_idx_tup_fetch', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of live rows fetched by index scans' },
  { name: 'pg_stat_user_tables_n_tup_ins', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of rows inserted' },
  { name: 'pg_stat_user_tables_n_tup_upd', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of rows updated' },
  { name: 'pg_stat_user_tables_n_tup_del', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of rows deleted' },
  { name: 'pg_stat_user_tables_n_tup_hot_upd', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of rows HOT updated' },
  { name: 'pg_stat_user_tables_n_live_tup', type: 'gauge', labels: ['datname', 'schemaname', 'relname'], help: 'Estimated number of live rows' },
  { name: 'pg_stat_user_tables_n_dead_tup', type: 'gauge', labels: ['datname', 'schemaname', 'relname'], help: 'Estimated number of dead rows' },
  { name: 'pg_stat_user_tables_n_mod_since_analyze', type: 'gauge', labels: ['datname', 'schemaname', 'relname'], help: 'Estimated number of rows changed since last analyze' },
  { name: 'pg_stat_user_tables_last_vacuum', type: 'gauge', labels: ['datname', 'schemaname', 'relname'], help: 'Last time at which this table was manually vacuumed (not counting VACUUM FULL)' },
  { name: 'pg_stat_user_tables_last_autovacuum', type: 'gauge', labels: ['datname', 'schemaname', 'relname'], help: 'Last time at which this table was vacuumed by the autovacuum daemon' },
  { name: 'pg_stat_user_tables_last_analyze', type: 'gauge', labels: ['datname', 'schemaname', 'relname'], help: 'Last time at which this table was manually analyzed' },
  { name: 'pg_stat_user_tables_last_autoanalyze', type: 'gauge', labels: ['datname', 'schemaname', 'relname'], help: 'Last time at which this table was analyzed by the autovacuum daemon' },
  { name: 'pg_stat_user_tables_vacuum_count', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of times this table has been manually vacuumed (not counting VACUUM FULL)' },
  { name: 'pg_stat_user_tables_autovacuum_count', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of times this table has been vacuumed by the autovacuum daemon' },
  { name: 'pg_stat_user_tables_analyze_count', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of times this table has been manually analyzed' },
  { name: 'pg_stat_user_tables_autoanalyze_count', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of times this table has been analyzed by the autovacuum daemon' },
  { name: 'pg_stat_user_tables_index_size_bytes', type: 'gauge', labels: ['datname', 'schemaname', 'relname'], help: 'Total disk space used by this index, in bytes' },
  { name: 'pg_stat_user_tables_table_size_bytes', type: 'gauge', labels: ['datname', 'schemaname', 'relname'], help: 'Total disk space used by this table, in bytes' },
  { name: 'pg_statio_user_tables_heap_blocks_read', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of heap blocks read in this table' },
  { name: 'pg_statio_user_tables_heap_blocks_hit', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of heap blocks hit in this table' },
  { name: 'pg_statio_user_tables_idx_blocks_read', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of idx blocks read in this table' },
  { name: 'pg_statio_user_tables_idx_blocks_hit', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of idx blocks hit in this table' },
  { name: 'pg_statio_user_tables_toast_blocks_read', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of toast blocks read in this table' },
  { name: 'pg_statio_user_tables_toast_blocks_hit', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of toast blocks hit in this table' },
  { name: 'pg_statio_user_tables_tidx_blocks_read', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of tidx blocks read in this table' },
  { name: 'pg_statio_user_tables_tidx_blocks_hit', type: 'counter', labels: ['datname', 'schemaname', 'relname'], help: 'Number of tidx blocks hit in this table' },
  // The pg_settings family: one gauge per numeric setting, in base units (a selection of the ~300)
  { name: 'pg_settings_effective_cache_size_bytes', type: 'gauge', labels: [], help: 'Sets the planner\'s assumption about the total size of the data caches.' },
  { name: 'pg_settings_work_mem_bytes', type: 'gauge', labels: [], help: 'Sets the maximum memory to be used for query workspaces.' },
  { name: 'pg_settings_maintenance_work_mem_bytes', type: 'gauge', labels: [], help: 'Sets the maximum memory to be used for maintenance operations.' },
  { name: 'pg_settings_temp_buffers_bytes', type: 'gauge', labels: [], help: 'Sets the maximum number of temporary buffers used by each session.' },
  { name: 'pg_settings_wal_buffers_bytes', type: 'gauge', labels: [], help: 'Sets the number of disk-page buffers in shared memory for WAL.' },
  { name: 'pg_settings_max_wal_size_bytes', type: 'gauge', labels: [], help: 'Sets the WAL size that triggers a checkpoint.' },
  { name: 'pg_settings_min_wal_size_bytes', type: 'gauge', labels: [], help: 'Sets the minimum size to shrink the WAL to.' },
  { name: 'pg_settings_checkpoint_timeout_seconds', type: 'gauge', labels: [], help: 'Sets the maximum time between automatic WAL checkpoints.' },
  { name: 'pg_settings_superuser_reserved_connections', type: 'gauge', labels: [], help: 'Sets the number of connection slots reserved for superusers.' },
  { name: 'pg_settings_max_worker_processes', type: 'gauge', labels: [], help: 'Maximum number of concurrent worker processes.' },
  { name: 'pg_settings_max_parallel_workers', type: 'gauge', labels: [], help: 'Sets the maximum number of parallel workers that can be active at one time.' },
  { name: 'pg_settings_max_replication_slots', type: 'gauge', labels: [], help: 'Sets the maximum number of simultaneously defined replication slots.' },
  { name: 'pg_settings_max_wal_senders', type: 'gauge', labels: [], help: 'Sets the maximum number of simultaneously running WAL sender processes.' },
  { name: 'pg_settings_max_locks_per_transaction', type: 'gauge', labels: [], help: 'Sets the maximum number of locks per transaction.' },
  { name: 'pg_settings_statement_timeout_seconds', type: 'gauge', labels: [], help: 'Sets the maximum allowed duration of any statement.' },
  { name: 'pg_settings_lock_timeout_seconds', type: 'gauge', labels: [], help: 'Sets the maximum allowed duration of any wait for a lock.' },
  { name: 'pg_settings_idle_in_transaction_session_timeout_seconds', type: 'gauge', labels: [], help: 'Sets the maximum allowed idle time between queries, when in a transaction.' },
  { name: 'pg_settings_deadlock_timeout_seconds', type: 'gauge', labels: [], help: 'Sets the time to wait on a lock before checking for deadlock.' },
  { name: 'pg_settings_autovacuum', type: 'gauge', labels: [], help: 'Starts the autovacuum subprocess.' },
  { name: 'pg_settings_autovacuum_max_workers', type: 'gauge', labels: [], help: 'Sets the maximum number of simultaneously running autovacuum worker processes.' },
  { name: 'pg_settings_autovacuum_naptime_seconds', type: 'gauge', labels: [], help: 'Time to sleep between autovacuum runs.' },
  { name: 'pg_settings_autovacuum_vacuum_scale_factor', type: 'gauge', labels: [], help: 'Number of tuple updates or deletes prior to vacuum as a fraction of reltuples.' },
  { name: 'pg_settings_fsync', type: 'gauge', labels: [], help: 'Forces synchronization of updates to disk.' },
  { name: 'pg_settings_random_page_cost', type: 'gauge', labels: [], help: 'Sets the planner\'s estimate of the cost of a nonsequentially fetched disk page.' },
  { name: 'pg_settings_effective_io_concurrency', type: 'gauge', labels: [], help: 'Number of simultaneous requests that can be handled efficiently by the disk subsystem.' },
  { name: 'pg_settings_default_statistics_target', type: 'gauge', labels: [], help: 'Sets the default statistics target.' },
  { name: 'pg_settings_log_min_duration_statement_seconds', type: 'gauge', labels: [], help: 'Sets the minimum execution time above which all statements will be logged.' },
  { name: 'pg_settings_track_activities', type: 'gauge', labels: [], help: 'Collects information about executing commands.' },
  // replication_slot and wal collectors
  { name: 'pg_replication_slot_slot_current_wal_lsn', type: 'gauge', labels: ['slot_name', 'slot_type'], help: 'current wal lsn value' },
  { name: 'pg_replication_slot_slot_confirmed_flush_lsn', type: 'gauge', labels: ['slot_name', 'slot_type'], help: 'last lsn confirmed flushed to the replication slot' },
  { name: 'pg_replication_slot_slot_is_active', type: 'gauge', labels: ['slot_name', 'slot_type'], help: 'whether the replication slot is active or not' },
  { name: 'pg_replication_slot_safe_wal_size_bytes', type: 'gauge', labels: ['slot_name', 'slot_type'], help: 'number of bytes that can be written to WAL such that this slot is not in danger of getting in state lost' },
  { name: 'pg_replication_slot_wal_status', type: 'gauge', labels: ['slot_name', 'slot_type', 'wal_status'], help: 'availability of WAL files claimed by this slot' },
  { name: 'pg_wal_segments', type: 'gauge', labels: [], help: 'Number of WAL segments' },
  { name: 'pg_wal_size_bytes', type: 'gauge', labels: [], help: 'Total size of WAL segments' },
];
