import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor' with { 'resolution-mode': 'import' };
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule' with { 'resolution-mode': 'import' };
import type { KubernetesRuntime, ServiceMonitorSpec } from './spec';

/**
 * The operator objects of an environment's monitoring content, as typed documents: one
 * ServiceMonitor per scrape job, one PrometheusRule per rule group. Both carry the labels the
 * Prometheus CR selects (the environment's selectorLabels) and live in its namespace.
 */

/** A ServiceMonitor in the monitoring namespace reading Services of an application namespace. */
export function serviceMonitorResource(runtime: KubernetesRuntime, monitor: ServiceMonitorSpec): IServiceMonitor {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: monitor.name, namespace: runtime.namespace, labels: { ...runtime.selectorLabels, ...monitor.labels } },
    spec: {
      jobLabel: monitor.jobLabel,
      selector: { matchLabels: { ...monitor.selector } },
      namespaceSelector: { matchNames: [monitor.namespace] },
      endpoints: monitor.endpoints.map((e) => ({
        port: e.port,
        path: e.path,
        interval: e.interval,
        ...(e.metricRelabelings ? { metricRelabelings: e.metricRelabelings.map((r) => ({ sourceLabels: [...r.sourceLabels], regex: r.regex, action: r.action })) } : {}),
      })),
    },
  };
}

/** The rule group as Prometheus reads it in a rule file (the `groups[]` item). */
export type RuleFileGroup = NonNullable<IPrometheusRule['spec']['groups']>[number];

/** A Kubernetes name for a rule group: "model.rules" -> "model-rules". */
export function ruleResourceName(group: string): string {
  return group.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A PrometheusRule holding one rule group. */
export function prometheusRuleResource(runtime: KubernetesRuntime, group: RuleFileGroup): IPrometheusRule {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: ruleResourceName(group.name), namespace: runtime.namespace, labels: { ...runtime.selectorLabels } },
    spec: { groups: [group] },
  };
}
