import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { SEL, ENV } from './shared';

export function executorPerformance(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const gpu = `{${JOB_INSTANCE}}`;
  return buildDashboard({
    environment: ENV,
    uid: 'lloom-executor-performance',
    title: 'Executor Performance',
    description: 'Executors: model performance, token throughput, revenue and resource use (executor metrics and the nvidia-gpu exporter).',
    variables: jobInstanceVariables(ds, 'lloom-executor|nvidia-gpu'),
    rows: [
      {
        title: 'Model performance',
        panels: [
          p.timeseries({
            title: 'Requests by model and status',
            description: 'Requests executed per second, by model and status.',
            unit: 'reqps',
            targets: [{ expr: `sum by (model, status) (rate(lloom_executor_requests_total${SEL}[${RATE}]))`, legend: '{{model}} {{status}}' }],
          }),
          p.timeseries({
            title: 'Mean request duration',
            description: 'Mean time an executor takes per request (sum over count of lloom_executor_request_duration_seconds), per executor.',
            unit: 's',
            targets: [
              {
                expr: `sum by (instance) (rate(lloom_executor_request_duration_seconds_sum${SEL}[${RATE}])) / sum by (instance) (rate(lloom_executor_request_duration_seconds_count${SEL}[${RATE}]))`,
                legend: '{{instance}}',
              },
            ],
          }),
          p.barGauge({
            title: 'Model load time',
            description: 'Time the last load of each model took, slowest executor.',
            unit: 's',
            targets: [{ expr: `max by (model) (lloom_executor_model_load_time_seconds${SEL})`, legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Model errors',
            description: 'Model errors per second by model and error; any load_failed fires ExecutorModelLoadFailure.',
            unit: 'cps',
            targets: [{ expr: `sum by (model, error) (rate(lloom_executor_model_errors_total${SEL}[${RATE}]))`, legend: '{{model}} {{error}}' }],
          }),
        ],
      },
      {
        title: 'Token throughput',
        panels: [
          p.timeseries({
            title: 'Tokens per second by model',
            description: 'Generation speed each executor reports, summed per model (lloom_executor_tokens_per_second).',
            unit: 'short',
            targets: [{ expr: `sum by (model) (lloom_executor_tokens_per_second${SEL})`, legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Queue size by priority',
            description: 'Requests waiting per priority (low, normal, high). The dashed line is the ExecutorHighQueueSize threshold.',
            unit: 'short',
            steps: [[100, 'red']],
            targets: [{ expr: `sum by (priority) (lloom_executor_queue_size${SEL})`, legend: '{{priority}}' }],
          }),
        ],
      },
      {
        title: 'Revenue',
        panels: [
          p.timeseries({
            title: 'Revenue per hour (ETH)',
            description: 'ETH earned per hour, per executor (rate of lloom_executor_revenue_total).',
            unit: 'none',
            targets: [{ expr: `sum by (instance) (rate(lloom_executor_revenue_total${SEL}[${RATE}])) * 3600`, legend: '{{instance}}' }],
          }),
          p.barGauge({
            title: 'Revenue per request (ETH)',
            description: 'ETH earned per request, by model (lloom_executor_revenue_per_request).',
            unit: 'none',
            targets: [{ expr: `avg by (model) (lloom_executor_revenue_per_request${SEL})`, legend: '{{model}}' }],
          }),
        ],
      },
      {
        title: 'Resource utilization',
        panels: [
          p.timeseries({
            title: 'GPU utilization',
            description: 'GPU busy share per executor and device, as the executor reports it (lloom_executor_gpu_utilization_percent).',
            unit: 'percent',
            min: 0,
            max: 100,
            targets: [{ expr: `lloom_executor_gpu_utilization_percent${SEL}`, legend: '{{instance}} GPU {{device}}' }],
          }),
          p.timeseries({
            title: 'GPU memory used',
            description: 'Share of GPU memory in use per device (nvidia-gpu exporter). Executors alert above 90% (ExecutorGPUMemoryHigh).',
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.9, 'red']],
            targets: [{ expr: `nvidia_smi_memory_used_bytes${gpu} / nvidia_smi_memory_total_bytes${gpu}`, legend: '{{instance}} {{uuid}}' }],
          }),
          p.timeseries({
            title: 'GPU temperature',
            description: 'GPU core temperature (°C) per device, from the nvidia-gpu exporter.',
            unit: 'celsius',
            steps: [[80, 'orange'], [87, 'red']],
            targets: [{ expr: `nvidia_smi_temperature_gpu${gpu}`, legend: '{{instance}} {{uuid}}' }],
          }),
          p.timeseries({
            title: 'Executor CPU usage',
            description: 'CPU use each executor process reports (lloom_executor_cpu_usage_percent). Above 80% sustained is the scaling signal of the capacity-planning queries.',
            unit: 'percent',
            min: 0,
            max: 100,
            steps: [[80, 'orange']],
            targets: [{ expr: `lloom_executor_cpu_usage_percent${SEL}`, legend: '{{instance}}' }],
          }),
        ],
      },
    ],
  });
}
