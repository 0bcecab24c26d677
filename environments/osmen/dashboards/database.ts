import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { SEL, ENV } from './shared';

export function database(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const db = `{${JOB_INSTANCE}, datname!~"template.*"}`;
  const blocks = (counter: string) => `sum(rate(pg_stat_database_${counter}${db}[${RATE}]))`;
  return buildDashboard({
    environment: ENV,
    uid: 'osmen-database',
    title: 'Database',
    description: 'PostgreSQL (postgres-exporter) and Redis (redis-exporter): query rate, connection pool, slow queries and cache hit rates.',
    variables: jobInstanceVariables(ds, 'osmen_postgres|osmen_redis'),
    rows: [
      {
        title: 'PostgreSQL',
        panels: [
          p.timeseries({
            title: 'Query rate',
            description: 'Transactions committed and rolled back per second, over all databases.',
            unit: 'ops',
            targets: [
              { expr: blocks('xact_commit'), legend: 'commits' },
              { expr: blocks('xact_rollback'), legend: 'rollbacks' },
            ],
          }),
          p.gauge({
            title: 'Connection pool usage',
            description: 'Connections open as a share of max_connections. Above 90% for 5 minutes fires DatabasePoolExhausted.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.75, 'orange'], [0.9, 'red']],
            targets: [{ expr: `sum by (instance) (pg_stat_activity_count${SEL}) / on (instance) pg_settings_max_connections${SEL}` }],
          }),
          p.timeseries({
            title: 'Slow queries',
            description: 'Age of the longest-running transaction, by state: a long "active" one is a slow query, a long "idle in transaction" one holds locks.',
            unit: 's',
            steps: [[30, 'orange'], [300, 'red']],
            targets: [{ expr: `max by (state) (pg_stat_activity_max_tx_duration${db})`, legend: '{{state}}' }],
          }),
          p.timeseries({
            title: 'PostgreSQL cache hit rate',
            description: 'Share of block reads served from shared buffers rather than disk.',
            unit: 'percentunit',
            max: 1,
            base: 'red',
            steps: [[0.9, 'orange'], [0.99, 'green']],
            targets: [{ expr: `${blocks('blks_hit')} / (${blocks('blks_hit')} + ${blocks('blks_read')})`, legend: 'hit rate' }],
          }),
        ],
      },
      {
        title: 'Redis',
        panels: [
          p.timeseries({
            title: 'Redis cache hit rate',
            description: 'Share of key lookups that found their key.',
            unit: 'percentunit',
            max: 1,
            targets: [
              {
                expr: `sum(rate(redis_keyspace_hits_total${SEL}[${RATE}])) / (sum(rate(redis_keyspace_hits_total${SEL}[${RATE}])) + sum(rate(redis_keyspace_misses_total${SEL}[${RATE}])))`,
                legend: 'hit rate',
              },
            ],
          }),
          p.timeseries({
            title: 'Redis commands',
            description: 'Commands Redis processes per second.',
            unit: 'ops',
            targets: [{ expr: `sum(rate(redis_commands_processed_total${SEL}[${RATE}]))`, legend: 'commands' }],
          }),
          p.timeseries({
            title: 'Redis memory',
            description: 'Memory Redis uses.',
            unit: 'bytes',
            targets: [{ expr: `sum(redis_memory_used_bytes${SEL})`, legend: 'used' }],
          }),
          p.timeseries({
            title: 'Redis clients',
            description: 'Clients connected to Redis.',
            unit: 'short',
            targets: [{ expr: `sum(redis_connected_clients${SEL})`, legend: 'clients' }],
          }),
        ],
      },
    ],
  });
}
