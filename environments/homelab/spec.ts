import { EnvironmentSpec } from '../spec';
import { NotificationTemplate } from '../../lib/notification-template';
import { BRAIN_LANCEDB_METRICS, BRAIN_WORKER_METRICS, HIVE_SWARM_METRICS, LITELLM_METRICS, LITELLM_USAGE_METRICS, OPUS_ROUTER_METRICS } from './catalog';

/**
 * homelab (seed 000, GLM3): two machines. "alienware" (192.168.68.58, local Docker, GPU) runs
 * the stack; "pc" (192.168.68.50) is reached over ssh and runs its own node-exporter.
 */
/**
 * The seed's structured log fields ("All logs include structured fields": timestamp, level,
 * service, ...): the JSON line's time and level. Lines that are not JSON are shipped as they are.
 */
const STRUCTURED_LOG = [{ json: { expressions: { timestamp: 'timestamp', level: 'level' } } }, { timestamp: { source: 'timestamp', format: 'RFC3339' as const } }, { labels: ['level'] }];

/**
 * The seed's alert templates (🚨 critical, ⚠️ the rest): service (the scrape job), issue
 * (summary), how long it has been firing, impact or status, and the action every alert carries.
 */
const ACTION = { firstOf: [{ annotation: 'action' }, { annotation: 'runbook_url' }] } as const;
const HOMELAB_NOTIFICATIONS: NotificationTemplate = {
  name: 'homelab',
  service: { label: 'job' },
  issue: { annotation: 'summary' },
  formats: [
    {
      severity: 'critical',
      marker: '🚨',
      lines: [
        { title: 'Duration', value: { firingFor: true } },
        { title: 'Impact', value: { firstOf: [{ annotation: 'impact' }, { annotation: 'description' }] } },
        { title: 'Action', value: ACTION },
      ],
    },
    {
      marker: '⚠️',
      lines: [
        { title: 'Duration', value: { firingFor: true } },
        { title: 'Status', value: { status: true } },
        { title: 'Action', value: ACTION },
      ],
    },
  ],
};
const TITLE = '{{ template "homelab.title" . }}';
const TEXT = '{{ template "homelab.text" . }}';

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
      // The seed's network checks between the machines: ping and open ports of pc, from alienware.
      { name: 'ping', exporter: { kind: 'blackbox-exporter', probe: { module: 'icmp', targets: ['pc'] } } },
      {
        name: 'tcp',
        // ssh, the Docker provider's way to pc (pc's exporters' ports are watched by their own jobs' up).
        exporter: { kind: 'blackbox-exporter', probe: { module: 'tcp_connect', targets: ['pc:22'] } },
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
              action: 'Restart the worker (supervisorctl restart {{ $labels.worker }} on {{ $labels.machine }}) and read its log in /var/log/supervisor',
            },
            tests: {
              series: { 'brain_worker_status{worker="w1",machine="alienware"}': { firing: 0, quiet: 1 } },
              labels: { worker: 'w1', machine: 'alienware' },
              annotations: {
                summary: 'Worker w1 on alienware is down',
                description: 'Worker has been stopped for more than 2 minutes',
                action: 'Restart the worker (supervisorctl restart w1 on alienware) and read its log in /var/log/supervisor',
              },
            },
          },
          {
            alert: 'SignalQueueBacklog',
            expr: 'brain_signal_queue_total{status="pending"} > 2000',
            for: '30m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Signal queue has >2000 pending items',
              description: 'Current pending: {{ $value }}',
              action: 'Check that the brain workers are up and consuming; add a worker if the backlog keeps growing',
            },
            tests: {
              series: { 'brain_signal_queue_total{status="pending"}': { firing: 2001, quiet: 2000 } },
              labels: { status: 'pending' },
              annotations: {
                summary: 'Signal queue has >2000 pending items',
                description: 'Current pending: 2001',
                action: 'Check that the brain workers are up and consuming; add a worker if the backlog keeps growing',
              },
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
              action: 'Find the busy processes on {{ $labels.machine }} (top) and move or stop work',
            },
            tests: {
              series: { 'node_load15{machine="pc"}': { firing: 12.01, quiet: 12 } },
              labels: { machine: 'pc' },
              annotations: { summary: 'pc 15-min load average above 12', description: '15-minute load average is 12.01 on pc', action: 'Find the busy processes on pc (top) and move or stop work' },
            },
          },
          {
            alert: 'WorkerHighMemory',
            expr: 'brain_worker_memory_bytes > 4294967296',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Worker {{ $labels.worker }} using >4GB memory',
              description: 'Memory usage: {{ $value | humanize1024 }}',
              action: 'Restart worker {{ $labels.worker }} on {{ $labels.machine }} if it keeps growing; look for a leak in its log',
            },
            tests: {
              series: { 'brain_worker_memory_bytes{worker="w1",machine="pc"}': { firing: 4294967297, quiet: 4294967296 } },
              labels: { worker: 'w1', machine: 'pc' },
              annotations: { summary: 'Worker w1 using >4GB memory', description: 'Memory usage: 4Gi', action: 'Restart worker w1 on pc if it keeps growing; look for a leak in its log' },
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
              action: 'Check the ingestion workers and the signal queue; a quiet source is fine',
            },
            tests: {
              // Flat rows: increase() has its two samples at 1m, then for runs 2h. One new row a minute is quiet.
              series: { 'brain_lancedb_rows_total{instance="alienware:9105"}': { firing: 6000, quiet: '6000+1' } },
              firesAfter: '2h1m',
              labels: { instance: 'alienware:9105' },
              annotations: {
                summary: 'No new records ingested to Brain in 2 hours',
                description: 'brain_lancedb_rows_total has not grown for 2 hours on alienware:9105',
                action: 'Check the ingestion workers and the signal queue; a quiet source is fine',
              },
            },
          },
          {
            // The seed's revenue_drop escalation: LLM spend through LiteLLM is the measured stand-in
            // for revenue (see the Business Overview dashboard). The last hour against the hour before.
            alert: 'RevenueDrop',
            expr: '100 * (1 - sum(increase(litellm_spend_metric_total{job="litellm"}[1h])) / sum(increase(litellm_spend_metric_total{job="litellm"}[1h] offset 1h))) > 20',
            for: '5m',
            labels: { severity: 'critical' },
            annotations: {
              summary: 'Revenue dropped {{ $value | printf "%.0f" }}%',
              description: 'LLM spend through LiteLLM in the last hour is {{ $value | printf "%.0f" }}% below the hour before',
              impact: 'Fewer paid requests are served: revenue is falling',
              action: 'Check LiteLLM (its health probe and failed requests) and the brain workers; look for a provider outage or a lost client',
            },
            tests: {
              // 100 a minute for two hours, then 70 a minute (30% less): the last hour falls below
              // 80% of the one before 40 minutes after the change, then for runs 5 minutes. Steady spend is quiet.
              series: { 'litellm_spend_metric_total{job="litellm",model="gpt-4o"}': { firing: '0+100x120 12000+70', quiet: '0+100' } },
              firesAfter: '2h43m',
              annotations: {
                summary: 'Revenue dropped 23%',
                description: 'LLM spend through LiteLLM in the last hour is 23% below the hour before',
                impact: 'Fewer paid requests are served: revenue is falling',
                action: 'Check LiteLLM (its health probe and failed requests) and the brain workers; look for a provider outage or a lost client',
              },
            },
          },
          {
            // The seed's network checks: pc answers ping from alienware (blackbox icmp, job ping).
            alert: 'PcUnreachable',
            expr: 'probe_success{job="ping", instance="pc"} == 0',
            for: '2m',
            labels: { severity: 'high' },
            annotations: {
              summary: 'pc does not answer ping from alienware',
              description: 'ICMP echo from alienware to pc has failed for 2 minutes: its workers, node-exporter and logs are out of reach',
              action: 'Check that pc is powered on and on the LAN (192.168.68.50); then its network settings (WSL2 port forwarding)',
            },
            tests: {
              series: { 'probe_success{job="ping",instance="pc",machine="alienware"}': { firing: 0, quiet: 1 } },
              labels: { job: 'ping', instance: 'pc', machine: 'alienware' },
              annotations: {
                summary: 'pc does not answer ping from alienware',
                description: 'ICMP echo from alienware to pc has failed for 2 minutes: its workers, node-exporter and logs are out of reach',
                action: 'Check that pc is powered on and on the LAN (192.168.68.50); then its network settings (WSL2 port forwarding)',
              },
            },
          },
        ],
      },
      {
        // The seed's "predictive alerts" and "capacity planning": where each machine is heading.
        name: 'homelab-capacity',
        rules: [
          {
            record: 'machine:node_cpu_busy:ratio5m',
            expr: '1 - avg by (machine) (rate(node_cpu_seconds_total{job="node", mode="idle"}[5m]))',
            tests: {
              // Two cores, idle 45 of every 60 seconds each: 25% busy.
              series: {
                'node_cpu_seconds_total{job="node",machine="pc",cpu="0",mode="idle"}': '0+45',
                'node_cpu_seconds_total{job="node",machine="pc",cpu="1",mode="idle"}': '0+45',
              },
              expect: { 'machine:node_cpu_busy:ratio5m{machine="pc"}': 0.25 },
            },
          },
          {
            record: 'machine:node_memory_available:ratio',
            expr: 'sum by (machine) (node_memory_MemAvailable_bytes{job="node"}) / sum by (machine) (node_memory_MemTotal_bytes{job="node"})',
            tests: {
              series: { 'node_memory_MemAvailable_bytes{job="node",machine="alienware"}': 8e9, 'node_memory_MemTotal_bytes{job="node",machine="alienware"}': 32e9 },
              expect: { 'machine:node_memory_available:ratio{machine="alienware"}': 0.25 },
            },
          },
          {
            record: 'machine_mountpoint:node_filesystem_avail_bytes:predict_linear24h',
            expr: 'predict_linear(node_filesystem_avail_bytes{job="node", fstype!~"tmpfs|overlay|squashfs"}[6h], 86400)',
            tests: {
              // 1 GB free, shrinking 1 MB a minute: 1.44 GB less in a day.
              series: { 'node_filesystem_avail_bytes{job="node",machine="pc",mountpoint="/",device="/dev/sda1",fstype="ext4",instance="pc:9100"}': '1e9-1e6' },
              at: '6h',
              expect: {
                'machine_mountpoint:node_filesystem_avail_bytes:predict_linear24h{job="node",machine="pc",mountpoint="/",device="/dev/sda1",fstype="ext4",instance="pc:9100"}': -0.8e9,
              },
            },
          },
          {
            alert: 'DiskWillFillIn24h',
            expr: 'machine_mountpoint:node_filesystem_avail_bytes:predict_linear24h < 0',
            for: '30m',
            labels: { severity: 'warning' },
            annotations: {
              summary: '{{ $labels.mountpoint }} on {{ $labels.machine }} will be full within 24 hours',
              description: 'At the rate of the last 6 hours, {{ $labels.mountpoint }} on {{ $labels.machine }} runs out of space within a day',
              action: 'Free space on {{ $labels.machine }} (old logs, docker system prune) or grow the disk',
            },
            tests: {
              series: {
                'machine_mountpoint:node_filesystem_avail_bytes:predict_linear24h{machine="pc",mountpoint="/"}': { firing: -1e8, quiet: 0 },
              },
              labels: { machine: 'pc', mountpoint: '/' },
              annotations: {
                summary: '/ on pc will be full within 24 hours',
                description: 'At the rate of the last 6 hours, / on pc runs out of space within a day',
                action: 'Free space on pc (old logs, docker system prune) or grow the disk',
              },
            },
          },
        ],
      },
    ],
    // A target down or a metric gone blinds the alerts: the seed's HIGH, "alert to ops team".
    generatedAlerts: { severity: 'high' },
    alertmanager: {
      resolveTimeout: '5m',
      smtp: {
        from: 'alertmanager@example.com',
        smarthost: 'smtp.example.com:587',
        authUsername: 'alertmanager@example.com',
        authPasswordSecret: 'smtp_password',
      },
      // The seed's severity table: CRITICAL pages the founder at once (15 min response), HIGH alerts
      // the ops team (30 min), WARNING is logged for review (an hourly e-mail digest, 1 h), INFO is
      // informational only (no notification; the Alerts dashboard shows it).
      route: {
        receiver: 'ops-team',
        groupBy: ['alertname', 'machine'],
        groupWait: '30s',
        groupInterval: '5m',
        repeatInterval: '30m',
        routes: [
          { matchers: ['severity="critical"'], receiver: 'pagerduty', groupWait: '10s', repeatInterval: '15m', continue: true },
          { matchers: ['severity="critical"'], receiver: 'ops-team', groupWait: '10s', repeatInterval: '15m' },
          // Everything else waits out the weekly maintenance window.
          { matchers: ['severity="high"'], receiver: 'ops-team', repeatInterval: '30m', muteTimeIntervals: ['weekly-maintenance'] },
          { matchers: ['severity="warning"'], receiver: 'review', groupBy: ['severity'], groupWait: '5m', groupInterval: '1h', repeatInterval: '1h', muteTimeIntervals: ['weekly-maintenance'] },
          { matchers: ['severity="info"'], receiver: 'informational' },
        ],
      },
      // The dead man's switch: Watchdog every minute to an outside service that pages when it stops.
      heartbeat: { urlSecret: 'heartbeat_url' },
      expectedReceivers: { critical: ['pagerduty', 'ops-team'], high: ['ops-team'], warning: ['review'], info: ['informational'] },
      templates: [HOMELAB_NOTIFICATIONS],
      receivers: [
        {
          // The team: Slack #alerts, e-mail, and the internal alert system's webhook.
          name: 'ops-team',
          email: [{ to: 'ops-team@example.com', sendResolved: true, headers: { Subject: TITLE }, text: TEXT }],
          slack: [{ apiUrlSecret: 'slack_webhook_url', channel: '#alerts', title: TITLE, text: TEXT, sendResolved: true }],
          webhook: [{ urlSecret: 'alert_webhook_url' }],
        },
        // The founder, paged at once: PagerDuty carries critical alerts only, as the seed asks.
        { name: 'pagerduty', pagerduty: [{ serviceKeySecret: 'pagerduty_service_key', description: TITLE }] },
        // Warnings, logged for review: one e-mail an hour with every warning firing, no chat, no page.
        { name: 'review', email: [{ to: 'ops-team@example.com', headers: { Subject: `[review] ${TITLE}` }, text: TEXT }] },
        // Info: no notification; the alert stays visible in Prometheus and on the Alerts dashboard.
        { name: 'informational' },
      ],
      inhibitRules: [
        // A worker that is down also stops ingesting: the critical alert silences the info one.
        { sourceMatchers: ['alertname="WorkerDown"'], targetMatchers: ['alertname="LanceDBStagnant"'] },
      ],
      timeIntervals: [{ name: 'weekly-maintenance', intervals: [{ weekdays: ['sunday'], times: [{ start: '02:00', end: '04:00' }] }] }],
    },
    // The centralized logging the seed planned, on alienware: its containers and the log files it
    // lists under /var/log, and pc's, kept 30 days: the seed's RetentionPolicy for centralized logs.
    logs: {
      retention: '30d',
      containers: true,
      files: [
        { name: 'syslog', service: 'syslog', paths: ['/var/log/syslog'] },
        { name: 'brain-api', service: 'brain-api', paths: ['/var/log/brain-api.log'], pipeline: STRUCTURED_LOG },
        { name: 'brain-workers', service: 'brain-workers', paths: ['/var/log/supervisor/*.log'], pipeline: STRUCTURED_LOG },
        // Each MVP's JSON line names its service: that becomes the stream's service label.
        { name: 'mvps', service: 'mvps', paths: ['/var/log/mvps/*.log'], pipeline: STRUCTURED_LOG, serviceFromField: 'service' },
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
    // The seed's planned distributed tracing (Jaeger integration, request tracing), as the other
    // environments have it: the brain services send spans to homelab-jaeger on alienware.
    traces: {},
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
        ping: { on: ['alienware'] },
        tcp: { on: ['alienware'] },
      },
    },
  },
};
