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
];
