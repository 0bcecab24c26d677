import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { applyBackend } from '../state-backend';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { terraformLiteral } from '../../lib/terraform';
import type { KubernetesPlatformStack } from './platform-stack';
import { DASHBOARD_LABEL } from './chart-values';
import { ALERTMANAGER_CONFIG_KEY } from './operator-objects';
import { IPrometheusRule, IServiceMonitor } from './cross-checks';
import { prometheusRuleResource, RuleFileGroup, serviceMonitorResource } from './service-monitor';

export interface MonitoringStackProps {
  /** The environment: the stack id. */
  readonly environment: string;
  /** The platform stack it runs on: its CRDs, namespace, Secrets and Grafana. */
  readonly platform: KubernetesPlatformStack;
  /** Every rule group Prometheus loads, as in a rule file. */
  readonly ruleGroups: readonly RuleFileGroup[];
  /** alertmanager.yaml, whole: the Alertmanager CR's configSecret. */
  readonly alertmanagerConfig: string;
  readonly dashboards: readonly dashboard.Dashboard[];
}

/**
 * The monitoring content of an environment on its cluster: a ServiceMonitor per scrape job, a
 * PrometheusRule per rule group, the Alertmanager configuration as the whole-config Secret the
 * Alertmanager CR names, and the dashboards as ConfigMaps Grafana's sidecar loads. Terraform
 * plans the operator objects against the CRDs the platform stack installed, so this stack
 * depends on it and is deployed after it.
 */
export class KubernetesMonitoringStack extends TerraformStack {
  readonly serviceMonitors: readonly IServiceMonitor[];
  readonly prometheusRules: readonly IPrometheusRule[];
  readonly alertmanagerSecret: SecretV1;
  readonly dashboardMaps: readonly ConfigMapV1[];

  constructor(scope: Construct, props: MonitoringStackProps) {
    super(scope, props.environment);
    const { platform } = props;
    const runtime = platform.runtime;
    this.addDependency(platform);

    // State: local, per stack, as every environment's (runtimes/state-backend.ts).
    applyBackend(this, this.node.id);
    // The cluster: the kubeconfig the provider reads from KUBE_CONFIG_PATH (and KUBE_CTX for a context).
    new KubernetesProvider(this, 'kubernetes', {});

    this.serviceMonitors = runtime.serviceMonitors.map((m) => serviceMonitorResource(runtime, m));
    this.prometheusRules = props.ruleGroups.map((g) => prometheusRuleResource(runtime, g));
    for (const object of [...this.serviceMonitors, ...this.prometheusRules]) {
      new Manifest(this, `${object.kind.toLowerCase()}-${object.metadata!.name}`, { manifest: literal(object) as Record<string, unknown> });
    }

    this.alertmanagerSecret = new SecretV1(this, 'alertmanager-config', {
      metadata: { name: platform.names.alertmanagerConfigSecret, namespace: runtime.namespace, labels: { 'app.kubernetes.io/managed-by': 'terraform' } },
      type: 'Opaque',
      // Credentials are files the config names (*_file), mounted from the platform's receivers Secret.
      data: { [ALERTMANAGER_CONFIG_KEY]: terraformLiteral(props.alertmanagerConfig) },
    });

    this.dashboardMaps = props.dashboards.map(
      (model) =>
        new ConfigMapV1(this, `dashboard-${model.uid}`, {
          metadata: { name: `dashboard-${model.uid}`, namespace: runtime.namespace, labels: { ...DASHBOARD_LABEL } },
          data: { [`${model.uid}.json`]: terraformLiteral(JSON.stringify(model)) },
        }),
    );
  }
}

/** A document with every string made literal for Terraform (`{{ $labels.x }}` stays, `${...}` is escaped). */
function literal(value: unknown): unknown {
  if (typeof value === 'string') return terraformLiteral(value);
  if (Array.isArray(value)) return value.map(literal);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v)]));
  return value;
}
