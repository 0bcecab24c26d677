import { EnvironmentSpec } from '../spec';
import { BRAIN_LANCEDB_METRICS, BRAIN_WORKER_METRICS, HIVE_SWARM_METRICS, LITELLM_METRICS, LITELLM_USAGE_METRICS, OPUS_ROUTER_METRICS } from './catalog';

/**
 * homelab (seed 000, GLM3): two machines. "alienware" (192.168.68.58, local Docker, GPU) runs
 * the stack; "pc" (192.168.68.50) is reached over ssh and runs its own node-exporter.
 */
/**
 * The seed's structured log fields ("All logs include structured fields": timestamp, level,
 * service, ...): the JSON line's time and level. Lines that are not JSON are shipped as they are.
 */
const STRUCTURED_LOG = [
  { json: { expressions: { timestamp: 'timestamp', level: 'level' } } },
  { timestamp: { source: 'timestamp', format: 'RFC3339' as const } },
  { labels: ['level'] },
];

export const homelab: EnvironmentSpec = {
  name: 'homelab',
  description: 'GLM3 homelab: alienware (GPU, runs the stack) and pc, brain workers, LanceDB, LiteLLM, hive swarm, opus router',
  monitoring: {
    // The seed's table has CRITICAL/HIGH/WARNING/INFO; its rules use critical, warning and info.
    severities: ['critical', 'high', 'warning', 'info'],
    prometheus: { scrapeInterval: '15s', evaluationInterval: '15s', retentionTime: '15d' },
    jobs: [
      { name: 'node', exporter: { kind: 'node-exporter' } },
      { name: 'gpu', exporter: { kind: 'dcgm-exporter' } },
      {
        name: 'brain-worker',
        targets: [
          { host: 'alienware', port: 9403 },
          { host: 'pc', port: 9403 },
        ],
        metrics: BRAIN_WORKER_METRICS,
      },
      { name: 'lancedb', targets: [{ host: 'alienware', port: 9105 }], metrics: BRAIN_LANCEDB_METRICS },
      { name: 'litellm', targets: [{ host: 'alienware', port: 9101 }], metrics: LITELLM_METRICS },
      { name: 'litellm-usage', targets: [{ host: 'alienware', port: 9102 }], metrics: LITELLM_USAGE_METRICS },
      { name: 'hive-swarm', targets: [{ host: 'alienware', port: 8789 }], metrics: HIVE_SWARM_METRICS },
      { name: 'opus-router', targets: ['192.168.68.54:8788'], metrics: OPUS_ROUTER_METRICS },
      {
        name: 'pushgateway',
        honorLabels: true,
        exporter: {
          kind: 'pushgateway',
        },
      },
      {
        // The seed's health checks, probed continuously instead of by hand with curl.
        name: 'health',
        exporter: {
          kind: 'blackbox-exporter',
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
            tests: {
              series: { 'brain_worker_status{worker="w1",machine="alienware"}': { firing: 0, quiet: 1 } },
              labels: { worker: 'w1', machine: 'alienware' },
              annotations: { summary: 'Worker w1 on alienware is down', description: 'Worker has been stopped for more than 2 minutes' },
            },
          },
          {
            alert: 'SignalQueueBacklog',
            expr: 'brain_signal_queue_total{status="pending"} > 2000',
            for: '30m',
            labels: { severity: 'warning' },
            annotations: { summary: 'Signal queue has >2000 pending items', description: 'Current pending: {{ $value }}' },
            tests: {
              series: { 'brain_signal_queue_total{status="pending"}': { firing: 2001, quiet: 2000 } },
              labels: { status: 'pending' },
              annotations: { summary: 'Signal queue has >2000 pending items', description: 'Current pending: 2001' },
            },
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
            tests: {
              series: { 'node_load15{machine="pc"}': { firing: 12.01, quiet: 12 } },
              labels: { machine: 'pc' },
              annotations: { summary: 'pc 15-min load average above 12', description: '15-minute load average is 12.01 on pc' },
            },
          },
          {
            alert: 'WorkerHighMemory',
            expr: 'brain_worker_memory_bytes > 4294967296',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: { summary: 'Worker {{ $labels.worker }} using >4GB memory', description: 'Memory usage: {{ $value | humanize1024 }}' },
            tests: {
              series: { 'brain_worker_memory_bytes{worker="w1",machine="pc"}': { firing: 4294967297, quiet: 4294967296 } },
              labels: { worker: 'w1', machine: 'pc' },
              annotations: { summary: 'Worker w1 using >4GB memory', description: 'Memory usage: 4Gi' },
            },
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
            tests: {
              // Flat rows: increase() has its two samples at 1m, then for runs 2h. One new row a minute is quiet.
              series: { 'brain_lancedb_rows_total{instance="alienware:9105"}': { firing: 6000, quiet: '6000+1' } },
              firesAfter: '2h1m',
              labels: { instance: 'alienware:9105' },
              annotations: {
                summary: 'No new records ingested to Brain in 2 hours',
                description: 'brain_lancedb_rows_total has not grown for 2 hours on alienware:9105',
              },
            },
          },
        ],
      },
    ],
    // A target down or a metric gone blinds the alerts: the seed's HIGH, "alert to ops team".
    generatedAlerts: { severity: 'high' },
    alertmanager: {
      // The dead man's switch: Watchdog every minute to an outside service that pages when it stops.
      heartbeat: { urlSecret: 'heartbeat_url' },
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
      // PagerDuty and the team for critical alerts (continue), the team for the rest.
      expectedReceivers: { critical: ['pagerduty', 'ops-team'], high: ['ops-team'], warning: ['ops-team'], info: ['ops-team'] },
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
    // The centralized logging the seed planned, on alienware: its containers and the log files it
    // lists under /var/log, and pc's, kept 7 days like its logrotate'd system logs.
    logs: {
      retention: '7d',
      containers: true,
      files: [
        { name: 'syslog', service: 'syslog', paths: ['/var/log/syslog'] },
        { name: 'brain-api', service: 'brain-api', paths: ['/var/log/brain-api.log'], pipeline: STRUCTURED_LOG },
        { name: 'brain-workers', service: 'brain-workers', paths: ['/var/log/supervisor/*.log'], pipeline: STRUCTURED_LOG },
        { name: 'mvps', service: 'mvps', paths: ['/var/log/mvps/*.log'], pipeline: STRUCTURED_LOG },
      ],
      otherHosts: {
        // The seed's pc log locations: an Alloy on pc pushes them to Loki on alienware over the LAN.
        pc: {
          files: [
            { name: 'syslog', service: 'syslog', paths: ['/var/log/syslog'] },
            // Rotated, compressed archives are left out: *.log only.
            { name: 'research', service: 'research', paths: ['/home/p/dev/research/logs/*.log'], pipeline: STRUCTURED_LOG },
          ],
          directories: ['/home/p/dev/research/logs'],
        },
      },
    },
  },
  runtime: {
    docker: {
      hosts: {
        alienware: { engine: 'local', address: '192.168.68.58', network: { subnet: '172.30.10.0/24', gateway: '172.30.10.1' } },
        // pc's network is for its Alloy, the one bridge container there (node-exporter shares the host's).
        pc: { engine: 'ssh://p@192.168.68.50:22', address: '192.168.68.50', network: { subnet: '172.30.11.0/24', gateway: '172.30.11.1' } },
      },
      monitoringHost: 'alienware',
      placements: {
        // pc's node-exporter listens on its LAN address: TLS and basic auth, on alienware's too (one job, one scheme).
        node: { on: ['alienware', 'pc'], tls: true, authentication: {} },
        gpu: { on: ['alienware'], publish: {} },
        pushgateway: {
          on: ['alienware'],
          publish: { ip: '192.168.68.58', exposedBecause: 'pc pushes its metrics here over the LAN (the seed\'s WSL2 workaround)' },
          // pc pushes as user "pc" (password: `terraform output -raw pushgateway-pc-password`), over TLS.
          tls: true,
          authentication: { users: ['pc'] },
        },
        health: { on: ['alienware'] },
      },
    },
  },
};
