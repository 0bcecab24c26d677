import { Construct } from 'constructs';
import { applyBackend } from '../state-backend';
import { Fn, TerraformStack, Token } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { stringify } from 'yaml';
import { terraformLiteral } from '../../lib/terraform';
import { CHARTS, ChartPin } from './releases';
import { KubernetesSecret } from './secret';
import type { KubernetesRuntime } from './spec';
import { OBJSTORE_KEY, SecretMount, Thanos } from './thanos';
import { ALERTMANAGER_CONFIG_KEY, alertmanagerResource, IAlertmanager, IPrometheus, PlatformNames, platformNames, prometheusResource } from './operator-objects';
import { grafanaValues, kubePrometheusStackValues, lokiValues, OBJECT_STORAGE_ENV, tempoValues } from './chart-values';

/** A credential Alertmanager reads from a file: its key in the receivers' Secret and what it is. */
export interface ReceiverCredential {
  readonly name: string;
  readonly description: string;
}

export interface PlatformStackProps {
  /** The environment: the stack is `<environment>-platform`. */
  readonly environment: string;
  readonly runtime: KubernetesRuntime;
  /** Every credential the environment's Alertmanager configuration reads from a file. */
  readonly receiverCredentials: readonly ReceiverCredential[];
}

/** Where the operator mounts each Secret listed in the Alertmanager CR's `secrets`. */
export const ALERTMANAGER_SECRETS_DIR = '/etc/alertmanager/secrets';

/**
 * What runs the monitoring of an environment on a cluster, in a stack of its own because
 * Terraform plans a custom resource by reading its kind's schema from the cluster: the CRDs
 * must exist before the `<environment>` stack's ServiceMonitors and PrometheusRules can even be
 * planned. It holds the namespace; every Secret, from sensitive variables (write-only); the
 * prometheus-operator CRDs; kube-prometheus-stack without its CRDs, with the Prometheus and
 * Alertmanager CRs as the environment wants them and Grafana logging in with the admin Secret;
 * Thanos store, query and compactor; Loki and Tempo on object storage.
 */
export class KubernetesPlatformStack extends TerraformStack {
  readonly runtime: KubernetesRuntime;
  readonly names: PlatformNames;
  readonly namespace: NamespaceV1;
  readonly secrets: readonly KubernetesSecret[];
  readonly prometheus: IPrometheus;
  readonly alertmanager: IAlertmanager;
  readonly thanos: Thanos;
  readonly releases: { readonly crds: Release; readonly kubePrometheusStack: Release; readonly loki: Release; readonly tempo: Release };
  /** The Prometheus data source Grafana queries: Thanos Query, which sees every replica and the bucket. */
  readonly prometheusUrl: string;
  readonly lokiUrl: string;
  readonly tempoUrl: string;

  constructor(scope: Construct, props: PlatformStackProps) {
    super(scope, `${props.environment}-platform`);
    const { runtime, environment } = props;
    this.runtime = runtime;
    const ns = runtime.namespace;
    this.names = platformNames(environment);

    // State: local, per stack, as every environment's (runtimes/state-backend.ts).
    applyBackend(this, this.node.id);
    // The cluster: the kubeconfig the provider reads from KUBE_CONFIG_PATH (and KUBE_CTX for a context).
    new KubernetesProvider(this, 'kubernetes', {});
    new HelmProvider(this, 'helm', {});

    this.namespace = new NamespaceV1(this, 'namespace', {
      metadata: { name: ns, labels: { 'app.kubernetes.io/part-of': 'monitoring', 'app.kubernetes.io/managed-by': 'terraform' } },
    });
    const inNamespace = (id: string, name: string, data: ConstructorParameters<typeof KubernetesSecret>[2]['data']) =>
      new KubernetesSecret(this, id, { namespace: ns, name, data, dependsOn: [this.namespace] });

    // Object storage: the same bucket credentials for Thanos (a config file) and Loki and Tempo
    // (environment variables their configs expand), each in its own bucket.
    const storage = runtime.objectStorage;
    const accessKey = (v: (n: string, d: string) => string) => v(storage.accessKeySecret, `Access key id of the object storage at ${storage.endpoint}`);
    const secretKey = (v: (n: string, d: string) => string) => v(storage.secretKeySecret, `Secret access key of the object storage at ${storage.endpoint}`);
    const objectStorage = inNamespace('thanos-objstore', this.names.objectStorageSecret, (v) => ({
      // yamlencode at apply time: the key is quoted correctly whatever it holds.
      [OBJSTORE_KEY]: Token.asString(
        Fn.yamlencode({
          type: 'S3',
          config: { bucket: storage.buckets.metrics, endpoint: storage.endpoint, ...(storage.region ? { region: storage.region } : {}), access_key: accessKey(v), secret_key: secretKey(v) },
        }),
      ),
    }));
    const storageEnv = (id: string, name: string) =>
      inNamespace(id, name, (v) => ({ [OBJECT_STORAGE_ENV.accessKey]: accessKey(v), [OBJECT_STORAGE_ENV.secretKey]: secretKey(v) }));
    const lokiStorage = storageEnv('loki-storage', 'loki-object-storage');
    const tempoStorage = storageEnv('tempo-storage', 'tempo-object-storage');
    const receivers = inNamespace('alertmanager-receivers', this.names.receiverSecret, (v) =>
      Object.fromEntries(props.receiverCredentials.map((c) => [c.name, v(c.name, c.description)])),
    );
    const grafanaAdmin = inNamespace('grafana-admin', 'grafana-admin', (v) => ({
      'admin-user': 'admin',
      'admin-password': v(runtime.grafana.adminPasswordSecret, `Grafana's admin password in ${environment}`),
    }));
    this.secrets = [objectStorage, lokiStorage, tempoStorage, receivers, grafanaAdmin];

    // The operator's CRDs, alone in their release: a CRD upgrade never waits on the stack's.
    const crds = this.release('operator-crds', CHARTS.operatorCrds, 'prometheus-operator-crds', {}, [this.namespace]);

    this.prometheus = prometheusResource(runtime, this.names);
    this.alertmanager = alertmanagerResource(runtime, this.names);
    this.thanos = new Thanos(this, 'thanos', {
      namespace: ns,
      storageClass: runtime.storageClass,
      settings: runtime.thanos,
      objectStorage,
      sidecarService: 'prometheus-operated',
      dependsOn: [this.namespace],
    });
    this.prometheusUrl = this.thanos.queryUrl;
    this.lokiUrl = `http://loki-gateway.${ns}.svc`;
    this.tempoUrl = `http://tempo.${ns}.svc:3200`;

    const kubePrometheusStack = this.release(
      'kube-prometheus-stack',
      CHARTS.kubePrometheusStack,
      environment,
      {
        ...kubePrometheusStackValues(this.names, this.prometheus, this.alertmanager),
        grafana: grafanaValues({ adminSecret: grafanaAdmin.secretName, prometheusUrl: this.prometheusUrl, lokiUrl: this.lokiUrl, tempoUrl: this.tempoUrl, environment }),
      },
      [crds.resource, objectStorage.resource, receivers.resource, grafanaAdmin.resource],
    );
    const loki = this.release('loki', CHARTS.loki, 'loki', lokiValues(runtime, lokiStorage.secretName), [lokiStorage.resource]);
    const tempo = this.release('tempo', CHARTS.tempo, 'tempo', tempoValues(runtime, tempoStorage.secretName), [tempoStorage.resource]);
    this.releases = { crds: crds.resource, kubePrometheusStack: kubePrometheusStack.resource, loki: loki.resource, tempo: tempo.resource };
  }

  /** Every Secret key a resource of the platform mounts or reads, for the cross-object checks. */
  get secretMounts(): SecretMount[] {
    const env = (resource: string, secret: string) => Object.values(OBJECT_STORAGE_ENV).map((key) => ({ resource, secret, key }));
    const sidecar = this.prometheus.spec!.thanos!.objectStorageConfig!;
    return [
      ...this.thanos.secretMounts,
      { resource: `Prometheus ${this.runtime.namespace}/${this.names.release} (thanos sidecar)`, secret: sidecar.name!, key: sidecar.key },
      { resource: `Alertmanager ${this.runtime.namespace}/${this.names.release} (configSecret)`, secret: this.alertmanager.spec!.configSecret!, key: ALERTMANAGER_CONFIG_KEY },
      { resource: 'Grafana (admin.existingSecret)', secret: 'grafana-admin', key: 'admin-user' },
      { resource: 'Grafana (admin.existingSecret)', secret: 'grafana-admin', key: 'admin-password' },
      ...env('Loki (extraEnvFrom)', 'loki-object-storage'),
      ...env('Tempo (extraEnvFrom)', 'tempo-object-storage'),
    ];
  }

  private release(id: string, pin: ChartPin, name: string, values: object, dependsOn: ConstructorParameters<typeof Release>[2]['dependsOn']): { resource: Release } {
    const resource = new Release(this, id, {
      name,
      namespace: this.namespace.metadata.name,
      repository: pin.repository,
      chart: pin.chart,
      version: pin.version,
      values: [helmValues(values)],
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: 900,
      dependsOn,
    });
    return { resource };
  }
}

/**
 * A chart's values as YAML for helm, which reads YAML 1.1: every string is double-quoted, so
 * that a date ("2026-01-01"), "on" or "no" stays a string. `${...}` in them is for the charts'
 * own expansion, so Terraform is told to leave it.
 */
export function helmValues(values: object): string {
  return terraformLiteral(stringify(values, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }));
}
