import type { KubernetesRuntime } from '../../runtimes/kubernetes/spec';

/**
 * Where openhands runs (seed 002): the `monitoring` namespace of the fleet's cluster, volumes
 * on rook-ceph-block, metrics, logs and traces in S3 buckets. The seed's Prometheus: 2
 * replicas, 15 days, 100Gi each; Alertmanager 2 replicas; the store gateway 2 replicas, 100Gi.
 */
export const openhandsRuntime: KubernetesRuntime = {
  kind: 'kubernetes',
  namespace: 'monitoring',
  appNamespaces: ['openhands'],
  storageClass: 'rook-ceph-block',
  objectStorage: {
    endpoint: 's3.amazonaws.com',
    buckets: { metrics: 'openhands-metrics', logs: 'openhands-logs', traces: 'openhands-traces' },
    accessKeySecret: 'object_storage_access_key',
    secretKeySecret: 'object_storage_secret_key',
  },
  selectorLabels: { team: 'openhands' },
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
