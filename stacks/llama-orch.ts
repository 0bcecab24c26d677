import { EnvironmentSpec } from './spec';

const SERVICE_SCRAPE = { metricsPath: '/metrics', scrapeInterval: '15s', scrapeTimeout: '10s' } as const;

/**
 * llama-orch (seed 001): the queen-rbee orchestrator, on the machine that runs the stack, and
 * three rbee-hive pool managers, in production.
 */
export const llamaOrch: EnvironmentSpec = {
  name: 'llama-orch',
  description: 'llama-orch production: queen-rbee orchestrator and rbee-hive pool managers',
  severities: ['critical', 'warning'],
  hosts: {
    queen: { engine: 'local', network: { subnet: '172.30.20.0/24', gateway: '172.30.20.1' } },
  },
  monitoringHost: 'queen',
  prometheus: {
    scrapeInterval: '15s',
    evaluationInterval: '15s',
    externalLabels: { cluster: 'llama-orch-prod', environment: 'production' },
    retentionTime: '15d',
  },
  jobs: [
    { name: 'queen-rbee', targets: [{ host: 'queen', port: 8080 }], ...SERVICE_SCRAPE },
    { name: 'rbee-hive', targets: ['hive1.example.com:8081', 'hive2.example.com:8081', 'hive3.example.com:8081'], ...SERVICE_SCRAPE },
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
        },
        {
          alert: 'NoIdleWorkers',
          expr: 'sum(rbee_hive_workers_total{state="idle"}) == 0',
          for: '10m',
          labels: { severity: 'warning' },
          annotations: { summary: 'No idle workers available', description: 'All workers are busy or loading' },
        },
        {
          alert: 'LowMemory',
          expr: 'rbee_hive_memory_available_bytes / rbee_hive_memory_total_bytes < 0.1',
          for: '5m',
          labels: { severity: 'critical' },
          annotations: { summary: 'Low memory available', description: 'Only {{ $value | humanizePercentage }} memory available' },
        },
        {
          alert: 'LowDiskSpace',
          expr: 'rbee_hive_disk_available_bytes / rbee_hive_disk_total_bytes < 0.1',
          for: '5m',
          labels: { severity: 'critical' },
          annotations: { summary: 'Low disk space', description: 'Only {{ $value | humanizePercentage }} disk space available' },
        },
        {
          alert: 'HighForceKillRate',
          expr: 'rate(rbee_hive_workers_force_killed_total[5m]) > 0.1',
          for: '5m',
          labels: { severity: 'warning' },
          annotations: { summary: 'High rate of force-killed workers', description: '{{ $value }} workers/sec being force-killed' },
        },
        {
          alert: 'SlowShutdown',
          expr: 'histogram_quantile(0.95, rate(rbee_hive_shutdown_duration_seconds_bucket[5m])) > 25',
          for: '5m',
          labels: { severity: 'warning' },
          annotations: { summary: 'Slow graceful shutdown', description: '95th percentile shutdown time is {{ $value }}s' },
        },
        {
          alert: 'ServiceDown',
          expr: 'up{job=~"queen-rbee|rbee-hive"} == 0',
          for: '1m',
          labels: { severity: 'critical' },
          annotations: { summary: 'Service {{ $labels.job }} is down', description: '{{ $labels.instance }} has been down for 1 minute' },
        },
        {
          alert: 'HighRestartRate',
          expr: 'rate(rbee_hive_worker_restart_failures_total[5m]) > 0.5',
          for: '5m',
          labels: { severity: 'warning' },
          annotations: { summary: 'High worker restart failure rate', description: '{{ $value }} restart failures/sec' },
        },
        {
          alert: 'CircuitBreakerActive',
          expr: 'increase(rbee_hive_circuit_breaker_activations_total[5m]) > 0',
          for: '1m',
          labels: { severity: 'critical' },
          annotations: { summary: 'Circuit breaker activated', description: 'Worker restart circuit breaker has been activated' },
        },
      ],
    },
  ],
  alertmanager: {
    resolveTimeout: '5m',
    route: {
      receiver: 'team-notifications',
      groupBy: ['alertname', 'cluster'],
      groupWait: '10s',
      groupInterval: '10s',
      repeatInterval: '12h',
    },
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
};
