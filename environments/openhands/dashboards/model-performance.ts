/**
 * openhands (seed 002): the seed's Model Performance dashboard (latency, request rate, error
 * rate by model), and what an operator of the fleet reads next to it: latency quantiles from
 * the histogram's buckets, the error ratio against its alert, the Ollama queues and the GPUs.
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, labelVariable, Panels, RATE } from '../../../model/dashboards/common';

const MODEL = 'job="model-server", model=~"$model"';

export function modelPerformance(ds: dashboard.DataSourceRef): dashboard.Dashboard {
  const p = new Panels(ds);
  const rate = (metric: string, extra = '') => `rate(${metric}{${MODEL}${extra}}[${RATE}])`;
  return buildDashboard({
    environment: 'openhands',
    uid: 'openhands-model-performance',
    title: 'Model Performance',
    description: 'Inference latency, traffic and errors of the model server by model; the Ollama fleet\'s queues and the GPUs.',
    variables: [labelVariable(ds, 'model', 'label_values(inference_requests_total{job="model-server"}, model)')],
    rows: [
      {
        title: 'Inference',
        panels: [
          p.timeseries({
            title: 'Inference Latency',
            description: 'Mean time per inference request, by model (sum over count of inference_latency_seconds). Above 0.5 s for 5 minutes fires HighInferenceLatency.',
            unit: 's',
            steps: [[0.5, 'red']],
            targets: [{ expr: `sum by (model) (${rate('inference_latency_seconds_sum')}) / sum by (model) (${rate('inference_latency_seconds_count')})`, legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Latency quantiles',
            description: 'The 50th, 95th and 99th percentile of inference time over every model selected, from the histogram buckets (0.005 s to 5 s).',
            unit: 's',
            targets: [0.5, 0.95, 0.99].map((q) => ({
              expr: `histogram_quantile(${q}, sum by (le) (${rate('inference_latency_seconds_bucket')}))`,
              legend: `p${Math.round(q * 100)}`,
            })),
          }),
          p.timeseries({
            title: 'Request Rate',
            description: 'Inference requests per second, by model.',
            unit: 'reqps',
            stack: true,
            targets: [{ expr: `sum by (model) (${rate('inference_requests_total')})`, legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Error Rate',
            description: 'Failed inference requests per request, by model. Above 5% over all models for 5 minutes fires HighErrorRate (critical).',
            unit: 'percentunit',
            steps: [[0.05, 'red']],
            targets: [{ expr: `sum by (model) (${rate('inference_errors_total')}) / sum by (model) (${rate('inference_requests_total')})`, legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Errors by type',
            description: 'Failed inference requests per second, by error type.',
            unit: 'reqps',
            stack: true,
            targets: [{ expr: `sum by (error_type) (${rate('inference_errors_total')})`, legend: '{{error_type}}' }],
          }),
          p.timeseries({
            title: 'Model memory',
            description: 'Memory each loaded model takes (model_memory_usage_bytes, from /metrics/detailed).',
            unit: 'bytes',
            targets: [{ expr: `sum by (model) (model_memory_usage_bytes{${MODEL}})`, legend: '{{model}}' }],
          }),
        ],
      },
      {
        title: 'Ollama fleet',
        panels: [
          p.timeseries({
            title: 'Queue size',
            description: 'Requests waiting in each Ollama server\'s queue, by model.',
            unit: 'short',
            stack: true,
            targets: [{ expr: 'sum by (model) (ollama_queue_size{job="ollama-server", model=~"$model"})', legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Ollama memory',
            description: 'Memory each Ollama instance uses, by model.',
            unit: 'bytes',
            targets: [{ expr: 'sum by (instance, model) (ollama_memory_usage_bytes{job="ollama-server", model=~"$model"})', legend: '{{instance}} {{model}}' }],
          }),
        ],
      },
      {
        title: 'GPUs',
        panels: [
          p.timeseries({
            title: 'GPU utilization',
            description: 'Share of time each GPU was busy (DCGM_FI_DEV_GPU_UTIL). Under 30% on average for 15 minutes fires LowGPUUtilization.',
            unit: 'percent',
            min: 0,
            max: 100,
            base: 'red',
            steps: [[30, 'green']],
            targets: [{ expr: 'DCGM_FI_DEV_GPU_UTIL{job="nvidia-dcgm-exporter"}', legend: '{{Hostname}} GPU {{gpu}}' }],
          }),
          p.timeseries({
            title: 'GPU memory used',
            description: 'Frame buffer memory in use on each GPU (DCGM_FI_DEV_FB_USED, MiB).',
            unit: 'mbytes',
            targets: [{ expr: 'DCGM_FI_DEV_FB_USED{job="nvidia-dcgm-exporter"}', legend: '{{Hostname}} GPU {{gpu}}' }],
          }),
        ],
      },
    ],
  });
}
