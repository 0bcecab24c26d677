import type { KubernetesRuntime } from './spec';
import type { IAlertmanager, IPrometheus, PlatformNames } from './operator-objects';

/**
 * The values given to each chart, typed by the keys this project sets (keys of the pinned chart
 * versions in releases.ts; a cluster's `helm install` is what proves the chart reads them as
 * meant). Object-storage credentials reach Loki and Tempo as environment variables from a
 * Secret, which their configs expand (`-config.expand-env=true`): no value is in the values.
 */

type Spec<T extends { spec?: unknown }> = NonNullable<T['spec']>;

/** kube-prometheus-stack: its CRDs off (their own release), its CRs from the typed documents. */
export interface KubePrometheusStackValues {
  fullnameOverride: string;
  cleanPrometheusOperatorObjectNames: true;
  /** On every object of the chart's templates, so its own ServiceMonitors (kubelet, cAdvisor) are selected. */
  commonLabels: Record<string, string>;
  'kube-state-metrics': { prometheus: { monitor: { additionalLabels: Record<string, string> } } };
  'prometheus-node-exporter': { prometheus: { monitor: { additionalLabels: Record<string, string> } } };
  crds: { enabled: false };
  /** The chart's rules for the cluster itself load only if labelled for the ruleSelector. */
  defaultRules: { create: boolean; labels: Record<string, string> };
  prometheus: { prometheusSpec: Record<string, unknown> };
  alertmanager: { alertmanagerSpec: Record<string, unknown> };
}

/**
 * The chart's prometheusSpec and alertmanagerSpec from the CRs: the chart copies most keys
 * through, but names storage `storageSpec`, alerting `alertingEndpoints`, the bucket Secret
 * `objectStorageConfig.existingSecret`, and uses its release label as selector unless told not to.
 */
export function kubePrometheusStackValues(names: PlatformNames, prometheus: IPrometheus, alertmanager: IAlertmanager): KubePrometheusStackValues {
  const p: Spec<IPrometheus> = prometheus.spec!;
  const a: Spec<IAlertmanager> = alertmanager.spec!;
  const labels = p.ruleSelector?.matchLabels ?? {};
  const monitorLabels = { ...(p.serviceMonitorSelector?.matchLabels ?? {}) };
  return {
    fullnameOverride: names.release,
    cleanPrometheusOperatorObjectNames: true,
    commonLabels: monitorLabels,
    'kube-state-metrics': { prometheus: { monitor: { additionalLabels: monitorLabels } } },
    'prometheus-node-exporter': { prometheus: { monitor: { additionalLabels: monitorLabels } } },
    crds: { enabled: false },
    defaultRules: { create: true, labels: { ...labels } },
    prometheus: {
      prometheusSpec: {
        replicas: p.replicas,
        scrapeInterval: p.scrapeInterval,
        evaluationInterval: p.evaluationInterval,
        retention: p.retention,
        resources: p.resources,
        storageSpec: p.storage,
        thanos: { image: p.thanos!.image, objectStorageConfig: { existingSecret: p.thanos!.objectStorageConfig } },
        alertingEndpoints: p.alerting!.alertmanagers,
        ...Object.fromEntries(
          (['serviceMonitor', 'podMonitor', 'probe', 'scrapeConfig', 'rule'] as const).flatMap((kind) => [
            [`${kind}SelectorNilUsesHelmValues`, false],
            [`${kind}Selector`, p[`${kind}Selector`]],
            [`${kind}NamespaceSelector`, p[`${kind}NamespaceSelector`]],
          ]),
        ),
      },
    },
    alertmanager: {
      alertmanagerSpec: {
        replicas: a.replicas,
        resources: a.resources,
        storage: a.storage,
        useExistingSecret: true,
        configSecret: a.configSecret,
        secrets: a.secrets,
      },
    },
  };
}

export interface GrafanaSettings {
  readonly environment: string;
  readonly adminSecret: string;
  readonly prometheusUrl: string;
  readonly lokiUrl: string;
  readonly tempoUrl: string;
}

/** The data source uids dashboards refer to. */
export function dataSourceUids(environment: string) {
  return { prometheus: `${environment}-prometheus`, loki: `${environment}-loki`, tempo: `${environment}-tempo` };
}

/** The label Grafana's sidecar finds dashboard ConfigMaps by. */
export const DASHBOARD_LABEL = { grafana_dashboard: '1' } as const;

/**
 * Grafana from kube-prometheus-stack: the admin from a Secret (never the chart's password), no
 * default Prometheus data source but Thanos Query (every replica, deduplicated, and the bucket),
 * Loki and Tempo, and dashboards from labelled ConfigMaps.
 */
export function grafanaValues(s: GrafanaSettings) {
  const uid = dataSourceUids(s.environment);
  return {
    enabled: true,
    admin: { existingSecret: s.adminSecret, userKey: 'admin-user', passwordKey: 'admin-password' },
    defaultDashboardsEnabled: true,
    sidecar: {
      dashboards: { enabled: true, label: Object.keys(DASHBOARD_LABEL)[0], labelValue: DASHBOARD_LABEL.grafana_dashboard, searchNamespace: 'ALL' },
      datasources: { enabled: true, defaultDatasourceEnabled: false },
    },
    additionalDataSources: [
      { name: 'Prometheus', uid: uid.prometheus, type: 'prometheus', access: 'proxy', url: s.prometheusUrl, isDefault: true },
      { name: 'Loki', uid: uid.loki, type: 'loki', access: 'proxy', url: s.lokiUrl },
      { name: 'Tempo', uid: uid.tempo, type: 'tempo', access: 'proxy', url: s.tempoUrl, jsonData: { tracesToLogsV2: { datasourceUid: uid.loki } } },
    ],
  };
}

/** The environment variables Loki and Tempo read the object-storage credentials from. */
export const OBJECT_STORAGE_ENV = { accessKey: 'S3_ACCESS_KEY_ID', secretKey: 'S3_SECRET_ACCESS_KEY' } as const;

const expandEnv = (name: string) => `\${${name}}`;

/**
 * Loki 3 in the chart's Monolithic mode, replicated, on the logs bucket; schema v13 on TSDB (the
 * seed's LokiStack named v12, which Loki 3 no longer writes structured metadata with); retention
 * applied by the compactor.
 */
export function lokiValues(runtime: KubernetesRuntime, storageSecret: string) {
  const s = runtime.objectStorage;
  return {
    deploymentMode: 'Monolithic',
    loki: {
      auth_enabled: false,
      commonConfig: { replication_factor: runtime.loki.replicas },
      schemaConfig: {
        configs: [{ from: '2026-01-01', store: 'tsdb', object_store: 's3', schema: 'v13', index: { prefix: 'index_', period: '24h' } }],
      },
      storage: {
        type: 's3',
        bucketNames: { chunks: s.buckets.logs, ruler: s.buckets.logs, admin: s.buckets.logs },
        s3: {
          endpoint: s.endpoint,
          ...(s.region ? { region: s.region } : {}),
          accessKeyId: expandEnv(OBJECT_STORAGE_ENV.accessKey),
          secretAccessKey: expandEnv(OBJECT_STORAGE_ENV.secretKey),
          s3ForcePathStyle: false,
          insecure: false,
        },
      },
      compactor: { retention_enabled: true, delete_request_store: 's3' },
      limits_config: { retention_period: runtime.loki.retention },
    },
    defaults: {
      extraArgs: ['-config.expand-env=true'],
      extraEnvFrom: [{ secretRef: { name: storageSecret } }],
    },
    singleBinary: {
      replicas: runtime.loki.replicas,
      persistence: { enabled: true, storageClass: runtime.storageClass, size: runtime.loki.storage },
    },
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
  };
}

/**
 * Tempo 2 from the single-binary chart, on the traces bucket, its WAL on a volume. The seed's
 * TempoStack split distributor, ingester and querier; the distributed chart of Tempo 3 needs a
 * Kafka the environment does not have (docs/kubernetes.md).
 */
export function tempoValues(runtime: KubernetesRuntime, storageSecret: string) {
  const s = runtime.objectStorage;
  return {
    replicas: 1,
    tempo: {
      retention: runtime.tempo.retention,
      extraArgs: { 'config.expand-env': 'true' },
      extraEnvFrom: [{ secretRef: { name: storageSecret } }],
      storage: {
        trace: {
          backend: 's3',
          s3: {
            bucket: s.buckets.traces,
            endpoint: s.endpoint,
            ...(s.region ? { region: s.region } : {}),
            access_key: expandEnv(OBJECT_STORAGE_ENV.accessKey),
            secret_key: expandEnv(OBJECT_STORAGE_ENV.secretKey),
          },
          wal: { path: '/var/tempo/wal' },
        },
      },
    },
    persistence: { enabled: true, storageClassName: runtime.storageClass, size: runtime.tempo.storage },
  };
}
