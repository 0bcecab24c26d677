import type { IPrometheus } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Prometheus' with { 'resolution-mode': 'import' };
import type { IAlertmanager } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Alertmanager' with { 'resolution-mode': 'import' };
import type { KubernetesRuntime } from './spec';
import { THANOS_IMAGE } from './releases';
import { OBJSTORE_KEY } from './thanos';

export type { IPrometheus, IAlertmanager };

/** How often Prometheus scrapes a ServiceMonitor endpoint without an interval, and evaluates rules. */
export const PROMETHEUS_INTERVAL = '30s';

/** The namespace label Kubernetes sets on every namespace (1.22+): selects a namespace by name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The names the platform gives what it creates; the openhands stack refers to them. */
export interface PlatformNames {
  /** The release and CR name of kube-prometheus-stack (`fullnameOverride`, clean CR names). */
  readonly release: string;
  /** The Secret Thanos reads its bucket from. */
  readonly objectStorageSecret: string;
  /** The Secret of Alertmanager's receiver credentials, mounted at /etc/alertmanager/secrets/<name>/. */
  readonly receiverSecret: string;
  /** The Secret the openhands stack writes alertmanager.yaml into (the Alertmanager's configSecret). */
  readonly alertmanagerConfigSecret: string;
}

/** The names of an environment's platform objects. */
export function platformNames(environment: string): PlatformNames {
  return {
    release: environment,
    objectStorageSecret: 'thanos-objstore',
    receiverSecret: 'alertmanager-receivers',
    alertmanagerConfigSecret: `alertmanager-${environment}`,
  };
}

/** The key of the whole-config Secret the operator reads alertmanager.yaml from. */
export const ALERTMANAGER_CONFIG_KEY = 'alertmanager.yaml';

/** The Alertmanager service the chart makes for its Alertmanager, and its port name. */
export function alertmanagerService(names: PlatformNames): { name: string; port: string } {
  return { name: `${names.release}-alertmanager`, port: 'http-web' };
}

/**
 * The Prometheus CR as the environment wants it: replicas, retention, a PVC per replica, the
 * Thanos sidecar uploading to the bucket, explicit selectors for ServiceMonitors and
 * PrometheusRules (never the chart's release-label default), and the Alertmanager to send to.
 */
export function prometheusResource(runtime: KubernetesRuntime, names: PlatformNames): IPrometheus {
  const own = { matchLabels: { [NAMESPACE_NAME_LABEL]: runtime.namespace } };
  const selector = { matchLabels: { ...runtime.selectorLabels } };
  const am = alertmanagerService(names);
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Prometheus',
    metadata: { name: names.release, namespace: runtime.namespace },
    spec: {
      replicas: runtime.prometheus.replicas,
      // The operator's defaults, written out: the lint and the rule tests read them.
      scrapeInterval: PROMETHEUS_INTERVAL,
      evaluationInterval: PROMETHEUS_INTERVAL,
      retention: runtime.prometheus.retention,
      resources: { requests: { ...runtime.prometheus.resources }, limits: { memory: runtime.prometheus.resources.memory } },
      storage: { volumeClaimTemplate: claim(runtime.storageClass, runtime.prometheus.storage) },
      thanos: { image: THANOS_IMAGE, objectStorageConfig: { name: names.objectStorageSecret, key: OBJSTORE_KEY } },
      serviceMonitorSelector: selector,
      serviceMonitorNamespaceSelector: own,
      podMonitorSelector: selector,
      podMonitorNamespaceSelector: own,
      probeSelector: selector,
      probeNamespaceSelector: own,
      scrapeConfigSelector: selector,
      scrapeConfigNamespaceSelector: own,
      ruleSelector: selector,
      ruleNamespaceSelector: own,
      alerting: { alertmanagers: [{ namespace: runtime.namespace, name: am.name, port: am.port, apiVersion: 'v2' }] },
    },
  };
}

/** The Alertmanager CR: replicas, a PVC each, the whole config from a Secret, the receivers' credentials mounted. */
export function alertmanagerResource(runtime: KubernetesRuntime, names: PlatformNames): IAlertmanager {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Alertmanager',
    metadata: { name: names.release, namespace: runtime.namespace },
    spec: {
      replicas: runtime.alertmanager.replicas,
      configSecret: names.alertmanagerConfigSecret,
      secrets: [names.receiverSecret],
      resources: { requests: { ...runtime.alertmanager.resources }, limits: { memory: runtime.alertmanager.resources.memory } },
      storage: { volumeClaimTemplate: claim(runtime.storageClass, runtime.alertmanager.storage) },
    },
  };
}

type VolumeClaim = NonNullable<NonNullable<NonNullable<IPrometheus['spec']>['storage']>['volumeClaimTemplate']>;

/**
 * One PVC per replica, of the environment's storage class. The generated type makes apiVersion
 * and kind required (with the operator's group); the CRD has them optional, and the operator
 * fills them in, so they are left out.
 */
function claim(storageClassName: string, storage: string): VolumeClaim {
  return { spec: { storageClassName, accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } } } as unknown as VolumeClaim;
}
