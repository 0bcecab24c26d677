import type { AlertmanagerSpec, RuleGroupSpec } from '../spec';

/**
 * What openhands monitors (seed 002), whatever runs it: the seed's four alerts of model.rules,
 * each with its tests, and its Alertmanager routing (critical to PagerDuty, the rest to Slack).
 */

export const OPENHANDS_SEVERITIES = ['critical', 'warning'];

const LATENCY = 'job="model-server",model="llama3",version="1"';

export const OPENHANDS_RULE_GROUPS: RuleGroupSpec[] = [
  {
    name: 'model.rules',
    rules: [
      {
        alert: 'HighInferenceLatency',
        expr: 'rate(inference_latency_seconds_sum[5m]) / rate(inference_latency_seconds_count[5m]) > 0.5',
        for: '5m',
        labels: { severity: 'warning' },
        annotations: { summary: 'High inference latency', description: 'Model {{ $labels.model }} has high latency' },
        tests: {
          // 60 requests a minute taking 36s in all (0.6s each) fires; 30s in all (0.5s each) does not.
          series: {
            [`inference_latency_seconds_sum{${LATENCY}}`]: { firing: '0+36', quiet: '0+30' },
            [`inference_latency_seconds_count{${LATENCY}}`]: '0+60',
          },
          firesAfter: '6m',
          labels: { job: 'model-server', model: 'llama3', version: '1' },
          annotations: { summary: 'High inference latency', description: 'Model llama3 has high latency' },
        },
      },
      {
        alert: 'HighErrorRate',
        expr: 'sum(rate(inference_errors_total[5m])) / sum(rate(inference_requests_total[5m])) > 0.05',
        for: '5m',
        labels: { severity: 'critical' },
        annotations: { summary: 'High error rate', description: 'Error rate is above 5%' },
        tests: {
          // 6 errors in 100 requests a minute fires; 5 in 100 (exactly 5%) does not.
          series: {
            'inference_errors_total{job="model-server",model="llama3",version="1",error_type="timeout"}': { firing: '0+6', quiet: '0+5' },
            'inference_requests_total{job="model-server",model="llama3",version="1"}': '0+100',
          },
          firesAfter: '6m',
          annotations: { summary: 'High error rate', description: 'Error rate is above 5%' },
        },
      },
      {
        // The seed read nvidia_gpu_duty_cycle, which nothing on the cluster exposes; the GPU
        // Operator's DCGM exporter reports the same utilization (%) as DCGM_FI_DEV_GPU_UTIL.
        alert: 'LowGPUUtilization',
        expr: 'avg_over_time(DCGM_FI_DEV_GPU_UTIL[5m]) < 30',
        for: '15m',
        labels: { severity: 'warning' },
        annotations: { summary: 'Low GPU utilization', description: 'GPU utilization is below 30%' },
        tests: {
          // 10% from the start is below 30 on average at once; 30% never is.
          series: { 'DCGM_FI_DEV_GPU_UTIL{job="nvidia-dcgm-exporter",gpu="0",Hostname="gpu-node-1"}': { firing: 10, quiet: 30 } },
          firesAfter: '15m',
          labels: { job: 'nvidia-dcgm-exporter', gpu: '0', Hostname: 'gpu-node-1' },
          annotations: { summary: 'Low GPU utilization', description: 'GPU utilization is below 30%' },
        },
      },
      {
        // A container without a memory limit reports a limit of 0: the seed's ratio was +Inf for
        // it, always firing. Only containers with a limit are compared; the working set is what
        // the kernel reclaims last and the OOM killer judges by.
        alert: 'HighMemoryUsage',
        expr: 'container_memory_working_set_bytes{container!=""} / (container_spec_memory_limit_bytes{container!=""} > 0) * 100 > 85',
        for: '5m',
        labels: { severity: 'warning' },
        annotations: { summary: 'High memory usage', description: 'Container {{ $labels.container }} using > 85% memory' },
        tests: {
          series: {
            'container_memory_working_set_bytes{job="kubelet",namespace="openhands",pod="ollama-0",container="ollama"}': { firing: 900, quiet: 850 },
            'container_spec_memory_limit_bytes{job="kubelet",namespace="openhands",pod="ollama-0",container="ollama"}': 1000,
            // No limit: never compared, in either run.
            'container_memory_working_set_bytes{job="kubelet",namespace="openhands",pod="model-server-0",container="server"}': 500,
            'container_spec_memory_limit_bytes{job="kubelet",namespace="openhands",pod="model-server-0",container="server"}': 0,
          },
          labels: { job: 'kubelet', namespace: 'openhands', pod: 'ollama-0', container: 'ollama' },
          annotations: { summary: 'High memory usage', description: 'Container ollama using > 85% memory' },
        },
      },
    ],
  },
];

/**
 * The seed's routing: everything to Slack #alerts, critical to PagerDuty. The Slack URL and
 * the PagerDuty key were inline in the seed; they are sensitive variables, read from files.
 */
export const OPENHANDS_ALERTMANAGER: AlertmanagerSpec = {
  resolveTimeout: '5m',
  route: {
    receiver: 'slack-notifications',
    groupBy: ['alertname', 'cluster', 'service'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [
      { matchers: ['severity="critical"'], receiver: 'pagerduty-critical' },
      { matchers: ['severity="warning"'], receiver: 'slack-notifications' },
    ],
  },
  expectedReceivers: { critical: ['pagerduty-critical'], warning: ['slack-notifications'] },
  receivers: [
    {
      name: 'slack-notifications',
      slack: [
        {
          apiUrlSecret: 'slack_webhook_url',
          channel: '#alerts',
          sendResolved: true,
          title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}',
          text: [
            '{{ range .Alerts }}',
            '  *Alert:* {{ .Annotations.summary }}',
            '  *Description:* {{ .Annotations.description }}',
            '  *Severity:* {{ .Labels.severity }}',
            '  *Started:* {{ .StartsAt }}',
            '{{ end }}',
          ].join('\n'),
        },
      ],
    },
    { name: 'pagerduty-critical', pagerduty: [{ serviceKeySecret: 'pagerduty_service_key', sendResolved: true }] },
  ],
};
