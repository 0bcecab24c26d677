import type { KubernetesRuntime } from '../../runtimes/kubernetes/spec';
import { nvidiaDcgm } from '../../lib/catalogs/nvidia-dcgm';
import { MODEL_SERVER_DETAILED_METRICS, MODEL_SERVER_METRICS, OLLAMA_METRICS } from './catalog';

/**
 * Where openhands runs (seed 002): the `monitoring` namespace of the fleet's cluster, volumes
 * on rook-ceph-block, metrics, logs and traces in S3 buckets. The seed's Prometheus: 2
 * replicas, 15 days, 100Gi each; Alertmanager 2 replicas; the store gateway 2 replicas, 100Gi.
 */
export const openhandsRuntime: KubernetesRuntime = {
  kind: 'kubernetes',
  namespace: 'monitoring',
  appNamespaces: ['openhands', 'gpu-operator'],
  storageClass: 'rook-ceph-block',
  objectStorage: {
    endpoint: 's3.amazonaws.com',
    buckets: { metrics: 'openhands-metrics', logs: 'openhands-logs', traces: 'openhands-traces' },
    accessKeySecret: 'object_storage_access_key',
    secretKeySecret: 'object_storage_secret_key',
  },
  selectorLabels: { team: 'openhands' },
  serviceMonitors: [
    {
      // The seed's two endpoints; /metrics keeps every inference_ series (the seed kept only
      // inference_latency_.*, which dropped the counters HighErrorRate divides).
      name: 'model-server',
      namespace: 'openhands',
      selector: { app: 'model-server' },
      jobLabel: 'app',
      endpoints: [
        {
          port: 'metrics',
          path: '/metrics',
          interval: '15s',
          metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'inference_.*', action: 'keep' }],
          metrics: MODEL_SERVER_METRICS,
        },
        {
          port: 'metrics',
          path: '/metrics/detailed',
          interval: '30s',
          metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'model_.*', action: 'keep' }],
          metrics: MODEL_SERVER_DETAILED_METRICS,
        },
      ],
    },
    {
      name: 'ollama-fleet',
      namespace: 'openhands',
      selector: { app: 'ollama-server' },
      jobLabel: 'app',
      endpoints: [
        {
          port: 'metrics',
          path: '/metrics',
          interval: '15s',
          metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'ollama_.*', action: 'keep' }],
          metrics: OLLAMA_METRICS,
        },
      ],
    },
    {
      // The NVIDIA GPU Operator's DCGM exporter on every GPU node: nothing in the seed exposed
      // the nvidia_gpu_duty_cycle its LowGPUUtilization read; DCGM_FI_DEV_GPU_UTIL is the same.
      name: 'gpu-fleet',
      namespace: 'gpu-operator',
      selector: { app: 'nvidia-dcgm-exporter' },
      jobLabel: 'app',
      endpoints: [{ port: 'gpu-metrics', path: '/metrics', interval: '15s', metrics: nvidiaDcgm }],
    },
  ],
  prometheus: { replicas: 2, retention: '15d', storage: '100Gi', resources: { cpu: '1', memory: '4Gi' } },
  alertmanager: { replicas: 2, storage: '1Gi', resources: { cpu: '100m', memory: '256Mi' } },
  thanos: {
    store: { replicas: 2, storage: '100Gi', resources: { cpu: '500m', memory: '2Gi' } },
    query: { replicas: 2, resources: { cpu: '500m', memory: '1Gi' } },
    compactor: { storage: '100Gi', resources: { cpu: '1', memory: '2Gi' }, retention: { raw: '30d', fiveMinutes: '180d', oneHour: '2y' } },
  },
  loki: { replicas: 2, storage: '20Gi', retention: '30d' },
  tempo: { storage: '20Gi', retention: '336h' },
  grafana: { adminPasswordSecret: 'grafana_admin_password' },
};
