import { EnvironmentSpec } from './spec';

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
    severities: ['critical', 'warning'],
    hosts: {
      monitoring: { engine: 'local', network: { subnet: '172.30.40.0/24', gateway: '172.30.40.1' } },
    },
    monitoringHost: 'monitoring',
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
      },
      { name: 'lloom-executor', targets: at(nodes.executors, LLOOM_PORTS.executor), metricsPath: '/metrics', scrapeInterval: '10s' },
      { name: 'lloom-validator', targets: at(nodes.validators, LLOOM_PORTS.validator) },
      { name: 'node', targets: at(allNodes, LLOOM_PORTS.node) },
      { name: 'nvidia-gpu', targets: at(nodes.executors, LLOOM_PORTS.nvidiaGpu) },
      // Geth serves Prometheus metrics under /debug/metrics/prometheus, not /metrics.
      { name: 'ethereum', targets: ['eth-node:6060'], metricsPath: '/debug/metrics/prometheus' },
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
      },
      { name: 'lloom-consul', consulSdConfigs: [{ server: 'consul:8500', services: ['lloom-client', 'lloom-executor', 'lloom-validator'] }] },
    ],
    ruleGroups: [
      {
        name: 'lloom_client_alerts',
        interval: '30s',
        rules: [
          {
            alert: 'HighClientErrorRate',
            expr: '(\n  rate(lloom_client_requests_total{status="failed"}[5m]) /\n  rate(lloom_client_requests_total[5m])\n) > 0.05',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'High client error rate on {{ $labels.instance }}',
              description: 'Error rate is {{ $value | humanizePercentage }} over the last 5 minutes',
            },
          },
          {
            alert: 'ClientRequestTimeout',
            expr: 'rate(lloom_client_requests_total{status="timeout"}[5m]) > 0.1',
            for: '5m',
            labels: { severity: 'critical' },
            annotations: { summary: 'Client experiencing timeouts', description: '{{ $labels.instance }} has {{ $value }} timeouts per second' },
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
          },
          {
            alert: 'ExecutorGPUMemoryHigh',
            expr: '(\n  lloom_executor_gpu_memory_used_bytes /\n  lloom_executor_gpu_memory_total_bytes\n) > 0.9',
            for: '5m',
            labels: { severity: 'critical' },
            annotations: {
              summary: 'GPU memory critically high',
              description: 'GPU {{ $labels.device }} on {{ $labels.instance }} at {{ $value | humanizePercentage }} capacity',
            },
          },
          {
            alert: 'ExecutorModelLoadFailure',
            expr: 'increase(lloom_executor_model_errors_total{error="load_failed"}[5m]) > 0',
            labels: { severity: 'critical' },
            annotations: { summary: 'Model load failure', description: 'Failed to load {{ $labels.model }} on {{ $labels.instance }}' },
          },
        ],
      },
      {
        name: 'lloom_validator_alerts',
        rules: [
          {
            alert: 'ValidatorHighViolationRate',
            expr: '(\n  rate(lloom_validator_violations_detected_total[1h]) /\n  rate(lloom_validator_validations_total[1h])\n) > 0.05',
            for: '15m',
            labels: { severity: 'critical' },
            annotations: {
              summary: 'High violation rate detected',
              description: 'Violation rate is {{ $value | humanizePercentage }} over the last hour',
            },
          },
          {
            alert: 'ValidatorStakeAtRisk',
            expr: 'lloom_validator_penalties_total > (lloom_validator_rewards_earned_total * 0.1)',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Validator penalties exceeding safe threshold',
              description: 'Penalties are {{ $value }} ETH, which is more than 10% of rewards',
            },
          },
        ],
      },
      {
        name: 'capacity_planning',
        interval: '5m',
        rules: [
          { record: 'lloom:request_rate:5m', expr: 'sum(rate(lloom_client_requests_total[5m])) by (model)' },
          { record: 'lloom:token_usage_trend:1h', expr: 'predict_linear(lloom_executor_tokens_processed_total[1h], 3600)' },
          { record: 'lloom:revenue_projection:24h', expr: 'predict_linear(lloom_executor_revenue_total[24h], 86400)' },
        ],
      },
    ],
    alertmanager: {
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
  };
}

export const lloom: EnvironmentSpec = lloomSpec(LLOOM_NODES);
