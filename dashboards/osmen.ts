/**
 * osmen (seed 003): the seed's five dashboards over the gateway's osmen_* metrics, cAdvisor's
 * container_* metrics, postgres-exporter's pg_* and redis-exporter's redis_* metrics.
 *
 * The seed lists its application metrics without labels; the panels assume the labels its log
 * format carries: `agent` on agent executions, durations, tokens and costs, and `status`
 * ("success", ...) on agent executions.
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, DashboardSources, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from './common';

const ENV = 'osmen';
const SEL = `{${JOB_INSTANCE}}`;

export function osmenDashboards(sources: DashboardSources): dashboard.Dashboard[] {
  const ds = sources.prometheus;
  const p = new Panels(ds);
  return [overview(ds, p), agentPerformance(ds, p), systemHealth(ds, p), database(ds, p), costs(ds, p)];
}

function overview(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  return buildDashboard({
    environment: ENV,
    uid: 'osmen-overview',
    title: 'Overview',
    description: 'The gateway at a glance: requests, errors, response time and active users.',
    variables: jobInstanceVariables(ds, 'osmen_gateway'),
    rows: [
      {
        title: 'Gateway',
        panels: [
          p.stat({
            title: 'Total requests/sec',
            description: 'Requests the gateway serves per second.',
            unit: 'reqps',
            sparkline: true,
            targets: [{ expr: `sum(rate(osmen_requests_total${SEL}[${RATE}]))` }],
          }),
          p.stat({
            title: 'Error rate',
            description: 'Errors per request. Above 0.1 errors/s for 5 minutes fires HighErrorRate.',
            unit: 'percentunit',
            steps: [[0.01, 'orange'], [0.05, 'red']],
            sparkline: true,
            targets: [{ expr: `sum(rate(osmen_errors_total${SEL}[${RATE}])) / sum(rate(osmen_requests_total${SEL}[${RATE}]))` }],
          }),
          p.stat({
            title: 'Average response time',
            description: 'Mean request duration (sum over count of osmen_request_duration_seconds).',
            unit: 's',
            steps: [[2, 'orange'], [10, 'red']],
            sparkline: true,
            targets: [{ expr: `sum(rate(osmen_request_duration_seconds_sum${SEL}[${RATE}])) / sum(rate(osmen_request_duration_seconds_count${SEL}[${RATE}]))` }],
          }),
          p.stat({
            title: 'Active users',
            description: 'Users active on OsMEN now (osmen_active_users).',
            unit: 'short',
            sparkline: true,
            targets: [{ expr: `sum(osmen_active_users${SEL})` }],
          }),
          p.timeseries({
            title: 'Requests and errors',
            description: 'Requests and errors per second.',
            unit: 'reqps',
            targets: [
              { expr: `sum(rate(osmen_requests_total${SEL}[${RATE}]))`, legend: 'requests' },
              { expr: `sum(rate(osmen_errors_total${SEL}[${RATE}]))`, legend: 'errors' },
            ],
          }),
          p.timeseries({
            title: 'Response time',
            description: 'Mean and 95th percentile request duration. The dashed line is the HighResponseTime threshold (p95 above 10 s).',
            unit: 's',
            steps: [[10, 'red']],
            targets: [
              { expr: `sum(rate(osmen_request_duration_seconds_sum${SEL}[${RATE}])) / sum(rate(osmen_request_duration_seconds_count${SEL}[${RATE}]))`, legend: 'mean' },
              { expr: `histogram_quantile(0.95, sum by (le) (rate(osmen_request_duration_seconds_bucket${SEL}[${RATE}])))`, legend: 'p95' },
            ],
          }),
          p.timeseries({
            title: 'Gateway up',
            description: 'Whether the gateway answered its scrapes (1 = up). Down for 1 minute fires ServiceDown.',
            unit: 'short',
            min: 0,
            max: 1,
            targets: [{ expr: `up${SEL}`, legend: '{{instance}}' }],
          }),
          p.timeseries({
            title: 'Active users over time',
            description: 'Users active on OsMEN.',
            unit: 'short',
            targets: [{ expr: `sum(osmen_active_users${SEL})`, legend: 'active users' }],
          }),
        ],
      },
    ],
  });
}

function agentPerformance(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const executions = (extra = '') => `rate(osmen_agent_executions_total{${JOB_INSTANCE}${extra}}[${RATE}])`;
  return buildDashboard({
    environment: ENV,
    uid: 'osmen-agent-performance',
    title: 'Agent Performance',
    description: 'Per agent: executions, execution time, success rate and token usage (osmen_agent_* and osmen_tokens_used_total, by agent).',
    variables: jobInstanceVariables(ds, 'osmen_gateway'),
    rows: [
      {
        title: 'Agents',
        panels: [
          p.timeseries({
            title: 'Executions per agent',
            description: 'Agent executions per second, by agent.',
            unit: 'ops',
            stack: true,
            targets: [{ expr: `sum by (agent) (${executions()})`, legend: '{{agent}}' }],
          }),
          p.timeseries({
            title: 'Average execution time',
            description: 'Mean execution time per agent (sum over count of osmen_agent_duration_seconds).',
            unit: 's',
            targets: [
              {
                expr: `sum by (agent) (rate(osmen_agent_duration_seconds_sum${SEL}[${RATE}])) / sum by (agent) (rate(osmen_agent_duration_seconds_count${SEL}[${RATE}]))`,
                legend: '{{agent}}',
              },
            ],
          }),
          p.barGauge({
            title: 'Success rate by agent',
            description: 'Share of executions with status="success", per agent, over the last rate interval.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            base: 'red',
            steps: [[0.9, 'orange'], [0.99, 'green']],
            targets: [{ expr: `sum by (agent) (${executions(', status="success"')}) / sum by (agent) (${executions()})`, legend: '{{agent}}' }],
          }),
          p.timeseries({
            title: 'Token usage by agent',
            description: 'LLM tokens used per second, by agent.',
            unit: 'short',
            stack: true,
            targets: [{ expr: `sum by (agent) (rate(osmen_tokens_used_total${SEL}[${RATE}]))`, legend: '{{agent}}' }],
          }),
        ],
      },
    ],
  });
}

function systemHealth(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const containers = (extra = '') => `{${JOB_INSTANCE}, name!=""${extra}}`;
  const gateway = `{${JOB_INSTANCE}, name="osmen-gateway"}`;
  return buildDashboard({
    environment: ENV,
    uid: 'osmen-system-health',
    title: 'System Health',
    description: 'CPU, memory, disk I/O and network of every container on the OsMEN host, by container name (cAdvisor).',
    variables: jobInstanceVariables(ds, 'docker'),
    rows: [
      {
        title: 'CPU and memory',
        panels: [
          p.timeseries({
            title: 'CPU usage by service',
            description: 'CPU time per second used by each container: 100% is one full core.',
            unit: 'percentunit',
            min: 0,
            targets: [{ expr: `sum by (name) (rate(container_cpu_usage_seconds_total${containers()}[${RATE}]))`, legend: '{{name}}' }],
          }),
          p.timeseries({
            title: 'Memory usage by service',
            description: 'Working-set memory of each container (what the kernel counts against its limit).',
            unit: 'bytes',
            targets: [{ expr: `sum by (name) (container_memory_working_set_bytes${containers()})`, legend: '{{name}}' }],
          }),
          p.gauge({
            title: 'Gateway memory vs limit',
            description: "osmen-gateway's memory use as a share of its limit. Above 90% for 5 minutes fires HighMemoryUsage.",
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.8, 'orange'], [0.9, 'red']],
            targets: [{ expr: `container_memory_usage_bytes${gateway} / container_spec_memory_limit_bytes${gateway}` }],
          }),
        ],
      },
      {
        title: 'Disk and network',
        panels: [
          p.timeseries({
            title: 'Disk I/O',
            description: 'Bytes each container reads and writes per second.',
            unit: 'Bps',
            targets: [
              { expr: `sum by (name) (rate(container_fs_reads_bytes_total${containers()}[${RATE}]))`, legend: '{{name}} read' },
              { expr: `sum by (name) (rate(container_fs_writes_bytes_total${containers()}[${RATE}]))`, legend: '{{name}} write' },
            ],
          }),
          p.timeseries({
            title: 'Network throughput',
            description: 'Bytes each container receives and sends per second.',
            unit: 'Bps',
            targets: [
              { expr: `sum by (name) (rate(container_network_receive_bytes_total${containers()}[${RATE}]))`, legend: '{{name}} in' },
              { expr: `sum by (name) (rate(container_network_transmit_bytes_total${containers()}[${RATE}]))`, legend: '{{name}} out' },
            ],
          }),
        ],
      },
    ],
  });
}

function database(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
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

function costs(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const spend = (by = '') => `sum${by}(rate(osmen_llm_cost_dollars${SEL}[${RATE}]))`;
  return buildDashboard({
    environment: ENV,
    uid: 'osmen-costs',
    title: 'Costs',
    description:
      'LLM API costs and token usage. osmen_llm_cost_dollars is read as the cumulative spend in USD (a counter); projections extrapolate the ' +
      'spend rate averaged over the dashboard time range.',
    variables: jobInstanceVariables(ds, 'osmen_gateway'),
    rows: [
      {
        title: 'Costs',
        panels: [
          p.stat({
            title: 'Daily projection',
            description: 'Spend over 24 hours at the average rate of the dashboard time range.',
            unit: 'currencyUSD',
            calc: 'mean',
            targets: [{ expr: `${spend()} * 86400` }],
          }),
          p.stat({
            title: 'Monthly projection',
            description: 'Spend over 30 days at the average rate of the dashboard time range.',
            unit: 'currencyUSD',
            calc: 'mean',
            targets: [{ expr: `${spend()} * 86400 * 30` }],
          }),
          p.timeseries({
            title: 'LLM API costs',
            description: 'USD spent on LLM APIs per hour.',
            unit: 'currencyUSD',
            targets: [{ expr: `${spend()} * 3600`, legend: 'USD per hour' }],
          }),
          p.timeseries({
            title: 'Cost per agent',
            description: 'USD spent per hour, by agent.',
            unit: 'currencyUSD',
            stack: true,
            targets: [{ expr: `${spend(' by (agent) ')} * 3600`, legend: '{{agent}}' }],
          }),
          p.timeseries({
            title: 'Token usage trends',
            description: 'LLM tokens used per second.',
            unit: 'short',
            targets: [{ expr: `sum(rate(osmen_tokens_used_total${SEL}[${RATE}]))`, legend: 'tokens' }],
          }),
        ],
      },
    ],
  });
}
