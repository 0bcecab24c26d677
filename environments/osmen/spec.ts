import { EnvironmentSpec } from '../spec';
import { OSMEN_GATEWAY_METRICS } from './catalog';

/**
 * osmen (seed 003): the OsMEN agent gateway with PostgreSQL and Redis, on one Docker host.
 * The stack's scrapers join the application's network ("osmen_default") to reach gateway,
 * postgres and redis by name, as the seed's compose files do.
 */
export const osmen: EnvironmentSpec = {
  name: 'osmen',
  description: 'OsMEN agent platform: gateway, PostgreSQL, Redis and their containers',
  monitoring: {
    severities: ['critical', 'warning'],
    prometheus: { scrapeInterval: '15s', evaluationInterval: '15s', retentionTime: '15d' },
    jobs: [
      { name: 'osmen_gateway', targets: ['gateway:8080'], metricsPath: '/metrics', metrics: OSMEN_GATEWAY_METRICS },
      {
        name: 'osmen_postgres',
        exporter: {
          kind: 'postgres-exporter',
          // A read-only monitoring role (GRANT pg_monitor TO postgres_exporter) on the app's database.
          postgres: { address: 'postgres:5432', database: 'osmen', user: 'postgres_exporter', passwordSecret: 'postgres_exporter_password' },
        },
      },
      { name: 'osmen_redis', exporter: { kind: 'redis-exporter', redisAddress: 'redis://redis:6379' } },
      { name: 'docker', exporter: { kind: 'cadvisor' } },
    ],
    ruleGroups: [
      {
        name: 'osmen_alerts',
        rules: [
          {
            alert: 'HighErrorRate',
            expr: 'rate(osmen_errors_total[5m]) > 0.1',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: { summary: 'High error rate detected', description: 'Error rate is {{ $value }} errors/sec' },
            tests: {
              // 7 errors a minute (0.117/s) fires once the 5m window holds enough of them; 6 a minute (0.1/s) does not.
              series: { 'osmen_errors_total{instance="gateway:8080"}': { firing: '0+7', quiet: '0+6' } },
              firesAfter: '9m30s',
              labels: { instance: 'gateway:8080' },
              annotations: { summary: 'High error rate detected', description: 'Error rate is 0.11666666666666667 errors/sec' },
            },
          },
          {
            alert: 'ServiceDown',
            expr: 'up{job="osmen_gateway"} == 0',
            for: '1m',
            labels: { severity: 'critical' },
            annotations: { summary: 'OsMEN Gateway is down', description: '{{ $labels.instance }} has not answered a scrape for 1 minute' },
            tests: {
              series: { 'up{job="osmen_gateway",instance="gateway:8080"}': { firing: 0, quiet: 1 } },
              labels: { job: 'osmen_gateway', instance: 'gateway:8080' },
              annotations: { summary: 'OsMEN Gateway is down', description: 'gateway:8080 has not answered a scrape for 1 minute' },
            },
          },
          {
            alert: 'HighResponseTime',
            expr: 'histogram_quantile(0.95, rate(osmen_request_duration_seconds_bucket[5m])) > 10',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: { summary: 'High response time', description: 'P95 latency is {{ $value }}s' },
            tests: {
              // Every request in the 10-15s bucket: p95 14.75s; in the 5-10s bucket: p95 9.75s.
              series: {
                'osmen_request_duration_seconds_bucket{instance="gateway:8080",le="5"}': 0,
                'osmen_request_duration_seconds_bucket{instance="gateway:8080",le="10"}': { firing: 0, quiet: '0+1' },
                'osmen_request_duration_seconds_bucket{instance="gateway:8080",le="15"}': '0+1',
                'osmen_request_duration_seconds_bucket{instance="gateway:8080",le="+Inf"}': '0+1',
              },
              firesAfter: '6m',
              labels: { instance: 'gateway:8080' },
              annotations: { summary: 'High response time', description: 'P95 latency is 14.75s' },
            },
          },
          {
            alert: 'HighMemoryUsage',
            expr: 'container_memory_usage_bytes{name="osmen-gateway"} / container_spec_memory_limit_bytes{name="osmen-gateway"} > 0.9',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: { summary: 'High memory usage', description: 'osmen-gateway uses {{ $value | humanizePercentage }} of its memory limit' },
            tests: {
              // A 1 GiB limit: one byte over 90% fires, one byte under does not; other containers never do.
              series: {
                'container_memory_usage_bytes{name="osmen-gateway"}': { firing: 966367642, quiet: 966367641 },
                'container_spec_memory_limit_bytes{name="osmen-gateway"}': 1073741824,
                'container_memory_usage_bytes{name="osmen-postgres"}': 1073741824,
                'container_spec_memory_limit_bytes{name="osmen-postgres"}': 1073741824,
              },
              labels: { name: 'osmen-gateway' },
              annotations: { summary: 'High memory usage', description: 'osmen-gateway uses 90% of its memory limit' },
            },
          },
          {
            alert: 'DatabasePoolExhausted',
            // pg_stat_activity_count is per database and state: the pool is their sum, measured
            // against the server's max_connections (the seed's "> 90" assumed 100).
            expr: 'sum by (instance) (pg_stat_activity_count) / on (instance) pg_settings_max_connections > 0.9',
            for: '5m',
            labels: { severity: 'critical' },
            annotations: {
              summary: 'Database connection pool nearly exhausted',
              description: '{{ $value | humanizePercentage }} of max_connections in use on {{ $labels.instance }}',
            },
            tests: {
              // 91 of 100 connections in use fires; 90 does not.
              series: {
                'pg_stat_activity_count{instance="osmen-postgres-exporter:9187",datname="osmen",state="active"}': 60,
                'pg_stat_activity_count{instance="osmen-postgres-exporter:9187",datname="osmen",state="idle"}': { firing: 31, quiet: 30 },
                'pg_settings_max_connections{instance="osmen-postgres-exporter:9187"}': 100,
              },
              labels: { instance: 'osmen-postgres-exporter:9187' },
              annotations: {
                summary: 'Database connection pool nearly exhausted',
                description: '91% of max_connections in use on osmen-postgres-exporter:9187',
              },
            },
          },
        ],
      },
    ],
    alertmanager: {
      // The dead man's switch: Watchdog every minute to an outside service that pages when it stops.
      heartbeat: { urlSecret: 'heartbeat_url' },
      resolveTimeout: '5m',
      // The seed names no mail server; e-mail needs one. Set to the team's relay.
      smtp: { from: 'alertmanager@osmen.dev', smarthost: 'smtp.osmen.dev:587', authUsername: 'alertmanager@osmen.dev', authPasswordSecret: 'smtp_password' },
      route: {
        receiver: 'default',
        // The seed also grouped by `cluster`, a label no osmen alert carries (one cluster, no external labels).
        groupBy: ['alertname'],
        groupWait: '10s',
        groupInterval: '10s',
        repeatInterval: '12h',
        routes: [
          { matchers: ['severity="critical"'], receiver: 'pagerduty' },
          { matchers: ['severity="warning"'], receiver: 'slack' },
        ],
      },
      // Critical alerts page; warnings go to Slack.
      expectedReceivers: { critical: ['pagerduty'], warning: ['slack'] },
      receivers: [
        { name: 'default', email: [{ to: 'alerts@osmen.dev' }] },
        { name: 'slack', slack: [{ apiUrlSecret: 'slack_webhook_url', channel: '#osmen-alerts' }] },
        { name: 'pagerduty', pagerduty: [{ serviceKeySecret: 'pagerduty_service_key' }] },
      ],
    },
    // The seed's Loki + Promtail, now Alloy, for its containers (gateway, postgres, redis, ...), kept as long as
    // the metrics; the gateway's JSON lines carry their level.
    logs: { retention: '15d', containers: true },
    // The seed's Jaeger, reached as "osmen-jaeger" on osmen_default. The seed sets no sampling rate:
    // every trace is kept, 72 hours.
    traces: { retention: '72h', samplingRate: 1 },
    // The seed's latency target, HighResponseTime's "P95 latency" under 10 s, as an SLO: 95% of gateway
    // requests within 10 s, over 14 days (Prometheus keeps 15). Its error target, rate(osmen_errors_total[5m]) > 0.1,
    // is an absolute rate with no objective, and errors of any kind are not a subset of requests:
    // it stays the HighErrorRate alert.
    slos: [
      {
        name: 'request-latency',
        description: 'gateway requests served within 10 s',
        objective: 95,
        period: '14d',
        sli: { latency: { histogram: 'osmen_request_duration_seconds', le: '10.0' } },
        alerts: { page: 'critical', ticket: 'warning' },
      },
    ],
  },
  runtime: {
    docker: {
      hosts: {
        osmen: { engine: 'local', network: { subnet: '172.30.30.0/24', gateway: '172.30.30.1', join: ['osmen_default'] } },
      },
      monitoringHost: 'osmen',
      placements: {
        osmen_postgres: { on: ['osmen'] },
        osmen_redis: { on: ['osmen'] },
        docker: { on: ['osmen'] },
      },
    },
  },
};
