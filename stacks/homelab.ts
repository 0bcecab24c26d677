import { EnvironmentSpec } from './spec';

/**
 * homelab (seed 000, GLM3): two machines. "alienware" (192.168.68.58, local Docker, GPU) runs
 * the stack; "pc" (192.168.68.50) is reached over ssh and runs its own node-exporter.
 */
export const homelab: EnvironmentSpec = {
  name: 'homelab',
  description: 'GLM3 homelab: alienware (GPU, runs the stack) and pc, brain workers, LanceDB, LiteLLM, hive swarm, opus router',
  // The seed's table has CRITICAL/HIGH/WARNING/INFO; its rules use critical, warning and info.
  severities: ['critical', 'high', 'warning', 'info'],
  hosts: {
    alienware: { engine: 'local', address: '192.168.68.58', network: { subnet: '172.30.10.0/24', gateway: '172.30.10.1' } },
    pc: { engine: 'ssh://p@192.168.68.50:22', address: '192.168.68.50' },
  },
  monitoringHost: 'alienware',
  prometheus: { scrapeInterval: '15s', evaluationInterval: '15s', retentionTime: '15d' },
  jobs: [
    { name: 'node', exporter: { kind: 'node-exporter', on: ['alienware', 'pc'] } },
    { name: 'gpu', exporter: { kind: 'dcgm-exporter', on: ['alienware'], publish: {} } },
    {
      name: 'brain-worker',
      targets: [
        { host: 'alienware', port: 9403 },
        { host: 'pc', port: 9403 },
      ],
    },
    { name: 'lancedb', targets: [{ host: 'alienware', port: 9105 }] },
    { name: 'litellm', targets: [{ host: 'alienware', port: 9101 }] },
    { name: 'litellm-usage', targets: [{ host: 'alienware', port: 9102 }] },
    { name: 'hive-swarm', targets: [{ host: 'alienware', port: 8789 }] },
    { name: 'opus-router', targets: ['192.168.68.54:8788'] },
    {
      name: 'pushgateway',
      honorLabels: true,
      exporter: {
        kind: 'pushgateway',
        on: ['alienware'],
        publish: { ip: '192.168.68.58', exposedBecause: 'pc pushes its metrics here over the LAN (the seed\'s WSL2 workaround)' },
      },
    },
    {
      // The seed's health checks, probed continuously instead of by hand with curl.
      name: 'health',
      exporter: {
        kind: 'blackbox-exporter',
        on: ['alienware'],
        probe: {
          module: 'http_2xx',
          // Brain API and LiteLLM on alienware.
          targets: ['http://alienware:8080/health', 'http://alienware:4001/health'],
        },
      },
    },
  ],
  ruleGroups: [
    {
      name: 'homelab-alerts',
      rules: [
        {
          alert: 'WorkerDown',
          expr: 'brain_worker_status == 0',
          for: '2m',
          labels: { severity: 'critical' },
          annotations: {
            summary: 'Worker {{ $labels.worker }} on {{ $labels.machine }} is down',
            description: 'Worker has been stopped for more than 2 minutes',
          },
        },
        {
          alert: 'SignalQueueBacklog',
          expr: 'brain_signal_queue_total{status="pending"} > 2000',
          for: '30m',
          labels: { severity: 'warning' },
          annotations: { summary: 'Signal queue has >2000 pending items', description: 'Current pending: {{ $value }}' },
        },
        {
          alert: 'HighCPULoad',
          expr: 'node_load15 > 12',
          for: '10m',
          labels: { severity: 'warning' },
          annotations: {
            summary: '{{ $labels.machine }} 15-min load average above 12',
            description: '15-minute load average is {{ $value }} on {{ $labels.machine }}',
          },
        },
        {
          alert: 'WorkerHighMemory',
          expr: 'brain_worker_memory_bytes > 4294967296',
          for: '5m',
          labels: { severity: 'warning' },
          annotations: { summary: 'Worker {{ $labels.worker }} using >4GB memory', description: 'Memory usage: {{ $value | humanize1024 }}' },
        },
        {
          alert: 'LanceDBStagnant',
          expr: 'increase(brain_lancedb_rows_total[2h]) == 0',
          for: '2h',
          labels: { severity: 'info' },
          annotations: {
            summary: 'No new records ingested to Brain in 2 hours',
            description: 'brain_lancedb_rows_total has not grown for 2 hours on {{ $labels.instance }}',
          },
        },
      ],
    },
  ],
  alertmanager: {
    resolveTimeout: '5m',
    smtp: {
      from: 'alertmanager@example.com',
      smarthost: 'smtp.example.com:587',
      authUsername: 'alertmanager@example.com',
      authPasswordSecret: 'smtp_password',
    },
    route: {
      receiver: 'ops-team',
      groupBy: ['alertname', 'machine'],
      groupWait: '30s',
      groupInterval: '5m',
      repeatInterval: '4h',
      routes: [
        // PagerDuty for critical alerts only, as the seed asks; they reach the team too.
        { matchers: ['severity="critical"'], receiver: 'pagerduty', groupWait: '10s', repeatInterval: '1h', continue: true },
        { matchers: ['severity="critical"'], receiver: 'ops-team', groupWait: '10s' },
        // Everything else waits out the weekly maintenance window.
        { matchers: ['severity=~"high|warning|info"'], receiver: 'ops-team', muteTimeIntervals: ['weekly-maintenance'] },
      ],
    },
    receivers: [
      {
        // The team: Slack #alerts, e-mail, and the internal alert system's webhook.
        name: 'ops-team',
        email: [{ to: 'ops-team@example.com', sendResolved: true }],
        slack: [
          {
            apiUrlSecret: 'slack_webhook_url',
            channel: '#alerts',
            title: '{{ .CommonLabels.severity | toUpper }}: {{ .GroupLabels.alertname }}',
            text: '{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.description }}\n{{ end }}',
            sendResolved: true,
          },
        ],
        webhook: [{ urlSecret: 'alert_webhook_url' }],
      },
      { name: 'pagerduty', pagerduty: [{ serviceKeySecret: 'pagerduty_service_key', description: '{{ .GroupLabels.alertname }}: {{ .CommonAnnotations.summary }}' }] },
    ],
    inhibitRules: [
      // A worker that is down also stops ingesting: the critical alert silences the info one.
      { sourceMatchers: ['alertname="WorkerDown"'], targetMatchers: ['alertname="LanceDBStagnant"'] },
    ],
    timeIntervals: [{ name: 'weekly-maintenance', intervals: [{ weekdays: ['sunday'], times: [{ start: '02:00', end: '04:00' }] }] }],
  },
};
