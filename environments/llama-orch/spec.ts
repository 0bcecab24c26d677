import { EnvironmentSpec } from '../spec';
import { QUEEN_RBEE_METRICS, RBEE_HIVE_METRICS } from './catalog';

const SERVICE_SCRAPE = { metricsPath: '/metrics', scrapeInterval: '15s', scrapeTimeout: '10s' } as const;

/**
 * llama-orch (seed 001): the queen-rbee orchestrator, on the machine that runs the stack, and
 * three rbee-hive pool managers, in production.
 */
export const llamaOrch: EnvironmentSpec = {
  name: 'llama-orch',
  description: 'llama-orch production: queen-rbee orchestrator and rbee-hive pool managers',
  monitoring: {
    severities: ['critical', 'warning'],
    prometheus: {
      scrapeInterval: '15s',
      evaluationInterval: '15s',
      externalLabels: { cluster: 'llama-orch-prod', environment: 'production' },
      retentionTime: '15d',
    },
    jobs: [
      { name: 'queen-rbee', targets: [{ host: 'queen', port: 8080 }], ...SERVICE_SCRAPE, metrics: QUEEN_RBEE_METRICS },
      { name: 'rbee-hive', targets: ['hive1.example.com:8081', 'hive2.example.com:8081', 'hive3.example.com:8081'], ...SERVICE_SCRAPE, metrics: RBEE_HIVE_METRICS },
    ],
    ruleGroups: [
      {
        name: 'llama-orch-alerts',
        interval: '30s',
        rules: [
          {
            alert: 'HighFailedHealthChecks',
            expr: 'rbee_hive_workers_failed_health_checks > 3',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: { summary: 'High number of failed health checks', description: '{{ $value }} workers have failed health checks' },
            tests: {
              series: { 'rbee_hive_workers_failed_health_checks{instance="hive1.example.com:8081"}': { firing: 4, quiet: 3 } },
              labels: { instance: 'hive1.example.com:8081' },
              annotations: { summary: 'High number of failed health checks', description: '4 workers have failed health checks' },
            },
          },
          {
            alert: 'NoIdleWorkers',
            expr: 'sum(rbee_hive_workers_total{state="idle"}) == 0',
            for: '10m',
            labels: { severity: 'warning' },
            annotations: { summary: 'No idle workers available', description: 'All workers are busy or loading' },
            tests: {
              series: {
                'rbee_hive_workers_total{instance="hive1.example.com:8081",state="idle"}': { firing: 0, quiet: 1 },
                'rbee_hive_workers_total{instance="hive1.example.com:8081",state="busy"}': 4,
              },
              annotations: { summary: 'No idle workers available', description: 'All workers are busy or loading' },
            },
          },
          {
            alert: 'LowMemory',
            expr: 'rbee_hive_memory_available_bytes / rbee_hive_memory_total_bytes < 0.1',
            for: '5m',
            labels: { severity: 'critical' },
            annotations: { summary: 'Low memory available', description: 'Only {{ $value | humanizePercentage }} memory available' },
            tests: {
              // 16 GB: just under 10% free fires, exactly 10% does not.
              series: {
                'rbee_hive_memory_available_bytes{instance="hive1.example.com:8081"}': { firing: 1599999999, quiet: 1600000000 },
                'rbee_hive_memory_total_bytes{instance="hive1.example.com:8081"}': 16000000000,
              },
              labels: { instance: 'hive1.example.com:8081' },
              annotations: { summary: 'Low memory available', description: 'Only 10% memory available' },
            },
          },
          {
            alert: 'LowDiskSpace',
            expr: 'rbee_hive_disk_available_bytes / rbee_hive_disk_total_bytes < 0.1',
            for: '5m',
            labels: { severity: 'critical' },
            annotations: { summary: 'Low disk space', description: 'Only {{ $value | humanizePercentage }} disk space available' },
            tests: {
              // 1 TB: just under 10% free fires, exactly 10% does not.
              series: {
                'rbee_hive_disk_available_bytes{instance="hive1.example.com:8081"}': { firing: 99999999999, quiet: 100000000000 },
                'rbee_hive_disk_total_bytes{instance="hive1.example.com:8081"}': 1000000000000,
              },
              labels: { instance: 'hive1.example.com:8081' },
              annotations: { summary: 'Low disk space', description: 'Only 10% disk space available' },
            },
          },
          {
            alert: 'HighForceKillRate',
            expr: 'rate(rbee_hive_workers_force_killed_total[5m]) > 0.1',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: { summary: 'High rate of force-killed workers', description: '{{ $value }} workers/sec being force-killed' },
            tests: {
              // 7 kills a minute (0.117/s) fires once the 5m window holds enough of them; 6 a minute (0.1/s) does not.
              series: { 'rbee_hive_workers_force_killed_total{instance="hive1.example.com:8081"}': { firing: '0+7', quiet: '0+6' } },
              firesAfter: '9m30s',
              labels: { instance: 'hive1.example.com:8081' },
              annotations: { summary: 'High rate of force-killed workers', description: '0.11666666666666667 workers/sec being force-killed' },
            },
          },
          {
            alert: 'SlowShutdown',
            expr: 'histogram_quantile(0.95, rate(rbee_hive_shutdown_duration_seconds_bucket[5m])) > 25',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: { summary: 'Slow graceful shutdown', description: '95th percentile shutdown time is {{ $value }}s' },
            tests: {
              // Every shutdown in the 25-30s bucket: p95 29.75s; in the 10-25s bucket: p95 24.25s.
              series: {
                'rbee_hive_shutdown_duration_seconds_bucket{instance="hive1.example.com:8081",le="10"}': 0,
                'rbee_hive_shutdown_duration_seconds_bucket{instance="hive1.example.com:8081",le="25"}': { firing: 0, quiet: '0+1' },
                'rbee_hive_shutdown_duration_seconds_bucket{instance="hive1.example.com:8081",le="30"}': '0+1',
                'rbee_hive_shutdown_duration_seconds_bucket{instance="hive1.example.com:8081",le="+Inf"}': '0+1',
              },
              firesAfter: '6m',
              labels: { instance: 'hive1.example.com:8081' },
              annotations: { summary: 'Slow graceful shutdown', description: '95th percentile shutdown time is 29.75s' },
            },
          },
          {
            alert: 'ServiceDown',
            expr: 'up{job=~"queen-rbee|rbee-hive"} == 0',
            for: '1m',
            labels: { severity: 'critical' },
            annotations: { summary: 'Service {{ $labels.job }} is down', description: '{{ $labels.instance }} has been down for 1 minute' },
            tests: {
              series: { 'up{job="rbee-hive",instance="hive2.example.com:8081"}': { firing: 0, quiet: 1 } },
              labels: { job: 'rbee-hive', instance: 'hive2.example.com:8081' },
              annotations: { summary: 'Service rbee-hive is down', description: 'hive2.example.com:8081 has been down for 1 minute' },
            },
          },
          {
            alert: 'HighRestartRate',
            expr: 'rate(rbee_hive_worker_restart_failures_total[5m]) > 0.5',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: { summary: 'High worker restart failure rate', description: '{{ $value }} restart failures/sec' },
            tests: {
              // 31 failures a minute (0.517/s) fires; 30 a minute (0.5/s) does not. The description is
              // $value as Prometheus 3.5 computes the rate (2.x's floating-point sum ended in ...667).
              series: { 'rbee_hive_worker_restart_failures_total{instance="hive1.example.com:8081"}': { firing: '0+31', quiet: '0+30' } },
              firesAfter: '10m',
              labels: { instance: 'hive1.example.com:8081' },
              annotations: { summary: 'High worker restart failure rate', description: '0.5166666666666666 restart failures/sec' },
            },
          },
          {
            alert: 'CircuitBreakerActive',
            expr: 'increase(rbee_hive_circuit_breaker_activations_total[5m]) > 0',
            for: '1m',
            labels: { severity: 'critical' },
            annotations: { summary: 'Circuit breaker activated', description: 'Worker restart circuit breaker has been activated' },
            tests: {
              // One activation at 1m: increase() sees it at once, for runs 1m.
              series: { 'rbee_hive_circuit_breaker_activations_total{instance="hive1.example.com:8081"}': { firing: '0 1', quiet: 0 } },
              firesAfter: '2m',
              labels: { instance: 'hive1.example.com:8081' },
              annotations: { summary: 'Circuit breaker activated', description: 'Worker restart circuit breaker has been activated' },
            },
          },
        ],
      },
    ],
    alertmanager: {
      // The dead man's switch: Watchdog every minute to an outside service that pages when it stops.
      heartbeat: { urlSecret: 'heartbeat_url' },
      resolveTimeout: '5m',
      route: {
        receiver: 'team-notifications',
        groupBy: ['alertname', 'cluster'],
        groupWait: '10s',
        groupInterval: '10s',
        repeatInterval: '12h',
      },
      // Every alert reaches the team.
      expectedReceivers: { critical: ['team-notifications'], warning: ['team-notifications'] },
      receivers: [
        {
          name: 'team-notifications',
          email: [
            {
              to: 'ops-team@example.com',
              from: 'alertmanager@example.com',
              smarthost: 'smtp.example.com:587',
              authUsername: 'alertmanager@example.com',
              authPasswordSecret: 'smtp_password',
            },
          ],
          slack: [
            {
              apiUrlSecret: 'slack_webhook_url',
              channel: '#llama-orch-alerts',
              title: '{{ .GroupLabels.alertname }}',
              text: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}',
            },
          ],
        },
      ],
      inhibitRules: [{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="warning"'], equal: ['alertname', 'cluster'] }],
    },
    // The seed's journald units and its NDJSON audit log. Audit entries are kept 90 days (the seed's
    // retention_policy); everything else as long as the metrics.
    logs: {
      retention: '15d',
      streamRetention: [{ selector: '{job="llama-orch-audit"}', period: '90d' }],
      journal: { units: ['queen-rbee', 'rbee-hive'] },
      files: [
        {
          name: 'llama-orch-audit',
          service: 'llama-orch',
          // Only the live files: the seed gzips them after 30 days (*.ndjson.gz).
          paths: ['/var/log/llama-orch/audit/*.ndjson'],
          pipeline: [
            { json: { expressions: { timestamp: 'timestamp', level: 'level' } } },
            { timestamp: { source: 'timestamp', format: 'RFC3339' } },
            { labels: ['level'] },
          ],
        },
      ],
    },
  },
  runtime: {
    docker: {
      hosts: {
        queen: { engine: 'local', network: { subnet: '172.30.20.0/24', gateway: '172.30.20.1' } },
      },
      monitoringHost: 'queen',
    },
  },
};
