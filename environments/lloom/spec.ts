import { EnvironmentSpec } from '../spec';
import { GETH_METRICS, LLOOM_CLIENT_METRICS, LLOOM_EXECUTOR_METRICS, LLOOM_NODE_METRICS, LLOOM_VALIDATOR_METRICS, NODE_METRICS, NVIDIA_GPU_METRICS } from './catalog';

/** The nodes of a Lloom network, by role. A real network grows to hundreds of each. */
export interface LloomNodes {
  readonly clients: readonly string[];
  readonly executors: readonly string[];
  readonly validators: readonly string[];
}

/** The nodes the seed names. */
export const LLOOM_NODES: LloomNodes = {
  clients: ['client1', 'client2'],
  executors: ['executor1', 'executor2'],
  validators: ['validator1'],
};

/** Ports each role serves its metrics on, and the node-level exporters (seed 004). */
export const LLOOM_PORTS = { client: 9091, executor: 9092, validator: 9093, node: 9100, nvidiaGpu: 9835 } as const;

const at = (hosts: readonly string[], port: number): string[] => hosts.map((h) => `${h}:${port}`);

/**
 * lloom (seed 004): a P2P inference network of client, executor and validator nodes, their
 * GPUs and an Ethereum node, plus Kubernetes and Consul discovery for dynamic deployments.
 */
export function lloomSpec(nodes: LloomNodes): EnvironmentSpec {
  const allNodes = [...nodes.clients, ...nodes.executors, ...nodes.validators];
  return {
    name: 'lloom',
    description: 'Lloom P2P inference network: clients, executors, validators, GPUs and an Ethereum node',
    monitoring: {
      severities: ['critical', 'warning'],
      prometheus: {
        scrapeInterval: '15s',
        evaluationInterval: '15s',
        externalLabels: { cluster: 'lloom-prod', region: 'us-east-1' },
        retentionTime: '30d',
        retentionSize: '100GB',
      },
      jobs: [
        {
          name: 'lloom-client',
          targets: at(nodes.clients, LLOOM_PORTS.client),
          // instance is the node's name without the port.
          relabelConfigs: [{ sourceLabels: ['__address__'], targetLabel: 'instance', regex: '([^:]+):.*' }],
          metrics: LLOOM_CLIENT_METRICS,
        },
        { name: 'lloom-executor', targets: at(nodes.executors, LLOOM_PORTS.executor), metricsPath: '/metrics', scrapeInterval: '10s', metrics: LLOOM_EXECUTOR_METRICS },
        { name: 'lloom-validator', targets: at(nodes.validators, LLOOM_PORTS.validator), metrics: LLOOM_VALIDATOR_METRICS },
        { name: 'node', targets: at(allNodes, LLOOM_PORTS.node), metrics: NODE_METRICS },
        { name: 'nvidia-gpu', targets: at(nodes.executors, LLOOM_PORTS.nvidiaGpu), metrics: NVIDIA_GPU_METRICS },
        // Geth serves Prometheus metrics under /debug/metrics/prometheus, not /metrics.
        { name: 'ethereum', targets: ['eth-node:6060'], metricsPath: '/debug/metrics/prometheus', metrics: GETH_METRICS },
        {
          name: 'lloom-k8s',
          kubernetesSdConfigs: [{ role: 'pod', namespaces: ['lloom'] }],
          relabelConfigs: [
            { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], action: 'keep', regex: 'true' },
            {
              sourceLabels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'],
              action: 'replace',
              targetLabel: '__address__',
              regex: '([^:]+)(?::\\d+)?;(\\d+)',
              replacement: '$1:$2',
            },
          ],
          metrics: LLOOM_NODE_METRICS,
        },
        { name: 'lloom-consul', consulSdConfigs: [{ server: 'consul:8500', services: ['lloom-client', 'lloom-executor', 'lloom-validator'] }], metrics: LLOOM_NODE_METRICS },
      ],
      ruleGroups: [
        {
          name: 'lloom_client_alerts',
          interval: '30s',
          rules: [
            {
              alert: 'HighClientErrorRate',
              // Failed requests over all requests of each client. The seed divided the two rates
              // series by series, which matched the failed series with itself: 100% at the first failure.
              expr: '(\n  sum by (instance) (rate(lloom_client_requests_total{status="failed"}[5m])) /\n  sum by (instance) (rate(lloom_client_requests_total[5m]))\n) > 0.05',
              for: '5m',
              labels: { severity: 'warning' },
              annotations: {
                summary: 'High client error rate on {{ $labels.instance }}',
                description: 'Error rate is {{ $value | humanizePercentage }} over the last 5 minutes',
              },
              tests: {
                // 6 of 100 requests a minute failing (6%) fires; 4 of 100 (4%) does not.
                series: {
                  'lloom_client_requests_total{instance="client1",status="failed"}': { firing: '0+6', quiet: '0+4' },
                  'lloom_client_requests_total{instance="client1",status="ok"}': { firing: '0+94', quiet: '0+96' },
                },
                firesAfter: '6m',
                labels: { instance: 'client1' },
                annotations: { summary: 'High client error rate on client1', description: 'Error rate is 6% over the last 5 minutes' },
              },
            },
            {
              alert: 'ClientRequestTimeout',
              expr: 'rate(lloom_client_requests_total{status="timeout"}[5m]) > 0.1',
              for: '5m',
              labels: { severity: 'critical' },
              annotations: { summary: 'Client experiencing timeouts', description: '{{ $labels.instance }} has {{ $value }} timeouts per second' },
              tests: {
                // 7 timeouts a minute (0.117/s) fires; 6 a minute (0.1/s) does not.
                series: { 'lloom_client_requests_total{instance="client1",status="timeout"}': { firing: '0+7', quiet: '0+6' } },
                firesAfter: '9m30s',
                labels: { instance: 'client1', status: 'timeout' },
                annotations: { summary: 'Client experiencing timeouts', description: 'client1 has 0.11666666666666667 timeouts per second' },
              },
            },
          ],
        },
        {
          name: 'lloom_executor_alerts',
          rules: [
            {
              alert: 'ExecutorHighQueueSize',
              expr: 'lloom_executor_queue_size > 100',
              for: '10m',
              labels: { severity: 'warning' },
              annotations: { summary: 'Executor queue backing up', description: 'Queue size is {{ $value }} on {{ $labels.instance }}' },
              tests: {
                series: { 'lloom_executor_queue_size{instance="executor1:9092"}': { firing: 101, quiet: 100 } },
                labels: { instance: 'executor1:9092' },
                annotations: { summary: 'Executor queue backing up', description: 'Queue size is 101 on executor1:9092' },
              },
            },
            {
              alert: 'ExecutorGPUMemoryHigh',
              // The seed divided by lloom_executor_gpu_memory_total_bytes, which no executor exposes;
              // the GPU exporter on every executor measures each GPU's used and total memory.
              expr: 'nvidia_smi_memory_used_bytes / nvidia_smi_memory_total_bytes > 0.9',
              for: '5m',
              labels: { severity: 'critical' },
              annotations: {
                summary: 'GPU memory critically high',
                description: 'GPU {{ $labels.uuid }} on {{ $labels.instance }} at {{ $value | humanizePercentage }} capacity',
              },
              tests: {
                // 24 GB GPU: 21.7 GB used fires, 21.6 GB (exactly 90%) does not.
                series: {
                  'nvidia_smi_memory_used_bytes{instance="executor1:9835",uuid="GPU-8a1c2f3e"}': { firing: 21700000000, quiet: 21600000000 },
                  'nvidia_smi_memory_total_bytes{instance="executor1:9835",uuid="GPU-8a1c2f3e"}': 24000000000,
                },
                labels: { instance: 'executor1:9835', uuid: 'GPU-8a1c2f3e' },
                annotations: { summary: 'GPU memory critically high', description: 'GPU GPU-8a1c2f3e on executor1:9835 at 90.42% capacity' },
              },
            },
            {
              alert: 'ExecutorModelLoadFailure',
              expr: 'increase(lloom_executor_model_errors_total{error="load_failed"}[5m]) > 0',
              labels: { severity: 'critical' },
              annotations: { summary: 'Model load failure', description: 'Failed to load {{ $labels.model }} on {{ $labels.instance }}' },
              tests: {
                // One failed load at 1m fires at once (no for); other errors (oom) never do.
                series: {
                  'lloom_executor_model_errors_total{instance="executor1:9092",model="llama-3-8b",error="load_failed"}': { firing: '0 1', quiet: 0 },
                  'lloom_executor_model_errors_total{instance="executor1:9092",model="llama-3-8b",error="oom"}': '0+1',
                },
                firesAfter: '1m',
                labels: { instance: 'executor1:9092', model: 'llama-3-8b', error: 'load_failed' },
                annotations: { summary: 'Model load failure', description: 'Failed to load llama-3-8b on executor1:9092' },
              },
            },
          ],
        },
        {
          name: 'lloom_validator_alerts',
          rules: [
            {
              alert: 'ValidatorHighViolationRate',
              // Per validator: the seed divided series by series, and violations (by type) and
              // validations (by result) share no label set, so the ratio was always empty.
              expr: '(\n  sum by (instance) (rate(lloom_validator_violations_detected_total[1h])) /\n  sum by (instance) (rate(lloom_validator_validations_total[1h]))\n) > 0.05',
              for: '15m',
              labels: { severity: 'critical' },
              annotations: {
                summary: 'High violation rate detected',
                description: 'Violation rate is {{ $value | humanizePercentage }} over the last hour',
              },
              tests: {
                // 6 violations in 100 validations a minute (6%) fires; 4 in 100 (4%) does not.
                series: {
                  'lloom_validator_violations_detected_total{instance="validator1:9093"}': { firing: '0+6', quiet: '0+4' },
                  'lloom_validator_validations_total{instance="validator1:9093"}': '0+100',
                },
                firesAfter: '16m',
                labels: { instance: 'validator1:9093' },
                annotations: { summary: 'High violation rate detected', description: 'Violation rate is 6% over the last hour' },
              },
            },
            {
              alert: 'ValidatorStakeAtRisk',
              // Per validator: penalties (by reason) and rewards (by currency) share no label set.
              expr: 'sum by (instance) (lloom_validator_penalties_total) > 0.1 * sum by (instance) (lloom_validator_rewards_earned_total)',
              labels: { severity: 'warning' },
              annotations: {
                summary: 'Validator penalties exceeding safe threshold',
                description: 'Penalties are {{ $value }} ETH, which is more than 10% of rewards',
              },
              tests: {
                // Penalties of 11 against 100 earned fire at once (no for); 10 is the safe limit.
                series: {
                  'lloom_validator_penalties_total{instance="validator1:9093"}': { firing: 11, quiet: 10 },
                  'lloom_validator_rewards_earned_total{instance="validator1:9093"}': 100,
                },
                labels: { instance: 'validator1:9093' },
                annotations: {
                  summary: 'Validator penalties exceeding safe threshold',
                  description: 'Penalties are 11 ETH, which is more than 10% of rewards',
                },
              },
            },
          ],
        },
        {
          name: 'capacity_planning',
          interval: '5m',
          rules: [
            {
              record: 'lloom:request_rate:5m',
              expr: 'sum(rate(lloom_client_requests_total[5m])) by (model)',
              tests: {
                // Requests a minute, by model, whatever their status and client.
                series: {
                  'lloom_client_requests_total{instance="client1",model="llama-3-8b",status="ok"}': '0+54',
                  'lloom_client_requests_total{instance="client1",model="llama-3-8b",status="failed"}': '0+6',
                  'lloom_client_requests_total{instance="client2",model="mistral-7b",status="ok"}': '0+30',
                },
                expect: { 'lloom:request_rate:5m{model="llama-3-8b"}': 1, 'lloom:request_rate:5m{model="mistral-7b"}': 0.5 },
              },
            },
            {
              record: 'lloom:token_usage_trend:1h',
              // The count an hour ahead at the last hour's pace. predict_linear() fits a line to a
              // gauge; on a counter, a restart in the window bends the fit (increase() handles it).
              expr: 'lloom_executor_tokens_processed_total + increase(lloom_executor_tokens_processed_total[1h])',
              tests: {
                // 1000 tokens a minute: 60k after the first hour, 120k an hour later.
                series: { 'lloom_executor_tokens_processed_total{instance="executor1:9092"}': '0+1000' },
                expect: { 'lloom:token_usage_trend:1h{instance="executor1:9092"}': 120000 },
              },
            },
            {
              record: 'lloom:revenue_projection:24h',
              // As above: the revenue a day ahead at the last day's pace, robust to restarts.
              expr: 'lloom_executor_revenue_total + increase(lloom_executor_revenue_total[24h])',
              tests: {
                // 0.25 a minute: 360 after the first day, 720 a day later.
                series: { 'lloom_executor_revenue_total{instance="executor1:9092"}': '0+0.25' },
                expect: { 'lloom:revenue_projection:24h{instance="executor1:9092"}': 720 },
              },
            },
          ],
        },
      ],
      alertmanager: {
        // The dead man's switch: Watchdog every minute to an outside service that pages when it stops.
        heartbeat: { urlSecret: 'heartbeat_url' },
        resolveTimeout: '5m',
        smtp: {
          from: 'alerts@lloom.network',
          smarthost: 'smtp.gmail.com:587',
          authUsername: 'alerts@lloom.network',
          authPasswordSecret: 'smtp_password',
        },
        route: {
          receiver: 'default',
          groupBy: ['alertname', 'cluster', 'severity'],
          groupWait: '10s',
          groupInterval: '10s',
          repeatInterval: '12h',
          routes: [
            { matchers: ['severity="critical"'], receiver: 'pagerduty', continue: true },
            // The seed's `continue` meant critical alerts to reach e-mail too; a route that matched
            // hides the root receiver, so that takes a route of its own.
            { matchers: ['severity="critical"'], receiver: 'default' },
            { matchers: ['severity="warning"'], receiver: 'slack' },
          ],
        },
        // Critical alerts page and e-mail (continue); warnings go to Slack.
        expectedReceivers: { critical: ['pagerduty', 'default'], warning: ['slack'] },
        receivers: [
          { name: 'default', email: [{ to: 'ops@lloom.network', headers: { Subject: 'Lloom Alert: {{ .GroupLabels.alertname }}' } }] },
          { name: 'pagerduty', pagerduty: [{ serviceKeySecret: 'pagerduty_service_key', description: '{{ .GroupLabels.alertname }}: {{ .CommonAnnotations.summary }}' }] },
          {
            name: 'slack',
            slack: [
              {
                apiUrlSecret: 'slack_webhook_url',
                channel: '#lloom-alerts',
                title: 'Lloom Alert',
                text: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}',
              },
            ],
          },
        ],
      },
      // The seed's Promtail job (shipped by Alloy), pipeline as written there, plus the monitoring host's containers
      // (the seed mounts their logs too). Kept as long as the metrics.
      logs: {
        retention: '30d',
        containers: true,
        files: [
          {
            name: 'lloom_logs',
            job: 'lloom',
            service: 'lloom',
            paths: ['/var/log/lloom/*.log'],
            pipeline: [
              { regex: { expression: '^(?P<timestamp>\\S+)\\s+(?P<level>\\S+)\\s+(?P<component>\\S+)\\s+(?P<message>.*)$' } },
              { timestamp: { source: 'timestamp', format: 'RFC3339' } },
              { labels: ['level', 'component'] },
            ],
          },
        ],
      },
      // The seed's [tracing] section: lloom nodes send to the collector (http://<jaeger>:14268/api/traces)
      // and sample 10% of requests; Jaeger serves the same rate to clients that sample remotely.
      traces: { samplingRate: 0.1 },
      // The seed's SLOs ("Performance Dashboards"). Its availability query, avg_over_time(up{job=~"lloom-.*"}[5m]),
      // is not an SLI: it averages scrapes of every node, executors and validators alike, so one of a
      // thousand nodes down is 0.1% "unavailable" while clients may be served, and a network that
      // answers no request stays "available" while its nodes answer scrapes. What clients see is
      // whether a request was answered: requests that did not time out, out of all.
      slos: [
        {
          name: 'request-success',
          description: 'client requests that succeed',
          objective: 99.9,
          sli: { events: { good: 'lloom_client_requests_total{status="success"}', total: 'lloom_client_requests_total' } },
          alerts: { page: 'critical', ticket: 'warning' },
        },
        {
          // p99 < 5 s: 99% of requests complete within 5 s, counted in the histogram's 5 s bucket.
          name: 'request-latency',
          description: 'client requests served within 5 s',
          objective: 99,
          sli: { latency: { histogram: 'lloom_request_duration_seconds', le: '5' } },
          alerts: { page: 'critical', ticket: 'warning' },
        },
        {
          name: 'availability',
          description: 'client requests answered (not timed out)',
          objective: 99.95,
          sli: { events: { good: 'lloom_client_requests_total{status!="timeout"}', total: 'lloom_client_requests_total' } },
          alerts: { page: 'critical', ticket: 'warning' },
        },
      ],
    },
    runtime: {
      docker: {
        hosts: {
          monitoring: { engine: 'local', network: { subnet: '172.30.40.0/24', gateway: '172.30.40.1' } },
        },
        monitoringHost: 'monitoring',
      },
    },
  };
}

export const lloom: EnvironmentSpec = lloomSpec(LLOOM_NODES);
