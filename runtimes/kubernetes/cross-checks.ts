import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor' with { 'resolution-mode': 'import' };
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule' with { 'resolution-mode': 'import' };
import { expandCatalog, MetricCatalog } from '../../lib/catalogs';
import { ConfigError, describeValue } from '../../lib/errors';
import { parsePromQL } from '../../lib/promql';
import { IPrometheus, NAMESPACE_NAME_LABEL } from './operator-objects';

/**
 * Checks across the objects of an environment on a cluster, which no schema sees: a
 * ServiceMonitor or PrometheusRule the Prometheus CR does not select loads nothing, a metric
 * its endpoint's metricRelabelings drop is never stored, a Secret key a pod mounts that the
 * Secret lacks keeps the pod from starting. Each refuses the synth with one line naming the
 * environment, the object, what it has and what to change.
 */

export type { IServiceMonitor, IPrometheusRule };

interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: ReadonlyArray<{ readonly key: string; readonly operator: string; readonly values?: readonly string[] }>;
}

/** Whether a Kubernetes label selector selects these labels (an empty selector selects everything). */
export function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const inValues = has && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

const show = (selector: LabelSelector | undefined) => describeValue(selector?.matchLabels ?? selector);

function objectName(kind: string, o: { metadata?: { namespace?: string; name?: string } }): string {
  return `${kind} ${o.metadata?.namespace}/${o.metadata?.name}`;
}

/** A selected object: its labels match the selector, its namespace the namespace selector. */
function selectionProblem(
  env: string,
  kind: string,
  object: { metadata?: { namespace?: string; name?: string; labels?: Record<string, string> } },
  prometheus: IPrometheus,
  selector: LabelSelector | undefined,
  namespaceSelector: LabelSelector | undefined,
  field: string,
): string | undefined {
  const where = `environment "${env}": ${objectName(kind, object)}`;
  const labels = object.metadata?.labels ?? {};
  if (!selects(selector, labels)) {
    return `${where}: metadata.labels: expected labels that ${objectName('Prometheus', prometheus)} ${field}Selector ${show(selector)} selects, got ${Object.keys(labels).length ? describeValue(labels) : 'no labels'}`;
  }
  const namespace = object.metadata?.namespace ?? '';
  // Kubernetes labels every namespace with its name; other namespace labels are not known here.
  if (!selects(namespaceSelector, { [NAMESPACE_NAME_LABEL]: namespace })) {
    return `${where}: metadata.namespace: expected a namespace that ${objectName('Prometheus', prometheus)} ${field}NamespaceSelector ${show(namespaceSelector)} selects, got ${describeValue(namespace)}`;
  }
  return undefined;
}

/** Every ServiceMonitor and PrometheusRule is selected by the Prometheus CR. */
export function selectionProblems(env: string, prometheus: IPrometheus, monitors: readonly IServiceMonitor[], rules: readonly IPrometheusRule[]): string[] {
  const spec = prometheus.spec ?? {};
  return [
    ...monitors.map((m) => selectionProblem(env, 'ServiceMonitor', m, prometheus, spec.serviceMonitorSelector, spec.serviceMonitorNamespaceSelector, 'serviceMonitor')),
    ...rules.map((r) => selectionProblem(env, 'PrometheusRule', r, prometheus, spec.ruleSelector, spec.ruleNamespaceSelector, 'rule')),
  ].filter((p): p is string => p !== undefined);
}

/** A ServiceMonitor's job label comes from a label its selector fixes, so rules can name the job. */
export function jobLabelProblems(env: string, monitors: readonly IServiceMonitor[]): string[] {
  return monitors.flatMap((m) => {
    const key = m.spec.jobLabel;
    const fixed = m.spec.selector.matchLabels ?? {};
    if (key !== undefined && Object.hasOwn(fixed, key)) return [];
    return [`environment "${env}": ${objectName('ServiceMonitor', m)}: spec.jobLabel: expected one of the selector's labels ${describeValue(Object.keys(fixed))}, so that its series' job is known, got ${describeValue(key)}`];
  });
}

/** What an endpoint of a ServiceMonitor exposes before its metricRelabelings. */
export interface EndpointCatalog {
  readonly monitor: IServiceMonitor;
  readonly endpoint: number;
  readonly metrics: MetricCatalog;
}

/** Something that reads metrics: an alert or a dashboard panel, and its PromQL. */
export interface MetricReader {
  readonly where: string;
  readonly exprs: readonly string[];
}

/** Whether a series name survives an endpoint's keep/drop relabelings on __name__. */
function survives(name: string, relabelings: NonNullable<IServiceMonitor['spec']['endpoints']>[number]['metricRelabelings']): { kept: boolean; by?: string } {
  for (const r of relabelings ?? []) {
    if (r.action !== 'keep' && r.action !== 'drop') continue;
    const sources = r.sourceLabels ?? [];
    if (sources.length !== 1 || sources[0] !== '__name__') continue;
    const matches = new RegExp(`^(?:${r.regex ?? '(.*)'})$`).test(name);
    if ((r.action === 'keep') !== matches) return { kept: false, by: `${r.action} ${describeValue(r.regex)}` };
  }
  return { kept: true };
}

/**
 * Every series an alert or panel reads that some endpoint exposes survives that endpoint's
 * metricRelabelings on at least one endpoint: otherwise it is dropped at scrape, and the rule
 * reads nothing (the seed's `inference_latency_.*` keep dropped the counters of HighErrorRate).
 */
export function relabelingProblems(env: string, endpoints: readonly EndpointCatalog[], readers: readonly MetricReader[]): string[] {
  const exposedBy = new Map<string, EndpointCatalog[]>();
  for (const e of endpoints) {
    for (const series of expandCatalog(e.metrics).keys()) {
      const list = exposedBy.get(series) ?? [];
      list.push(e);
      exposedBy.set(series, list);
    }
  }
  const problems: string[] = [];
  for (const reader of readers) {
    const read = new Set(reader.exprs.flatMap((expr) => parsePromQL(expr).metrics));
    for (const series of read) {
      const sources = exposedBy.get(series);
      if (!sources) continue;
      const verdicts = sources.map((e) => ({ e, ...survives(series, e.monitor.spec.endpoints[e.endpoint].metricRelabelings) }));
      if (verdicts.some((v) => v.kept)) continue;
      const { e, by } = verdicts[0];
      const endpoint = e.monitor.spec.endpoints[e.endpoint];
      problems.push(
        `environment "${env}": ${objectName('ServiceMonitor', e.monitor)}: spec.endpoints[${e.endpoint}].metricRelabelings: expected to keep ${series}, which ${reader.where} reads, got ${by} (path ${endpoint.path})`,
      );
    }
  }
  return problems;
}

/** A Secret as created: its name, namespace and keys. */
export interface SecretKeys {
  readonly namespace: string;
  readonly name: string;
  readonly keys: readonly string[];
}

/** A Secret key a resource reads. */
export interface SecretUse {
  readonly resource: string;
  readonly namespace: string;
  readonly secret: string;
  readonly key: string;
}

/** Every Secret key a resource mounts or reads exists in a Secret of the environment. */
export function secretKeyProblems(env: string, secrets: readonly SecretKeys[], uses: readonly SecretUse[]): string[] {
  return uses.flatMap((u) => {
    const secret = secrets.find((s) => s.namespace === u.namespace && s.name === u.secret);
    if (!secret) {
      const names = secrets.filter((s) => s.namespace === u.namespace).map((s) => s.name).sort();
      return [`environment "${env}": ${u.resource}: Secret ${u.namespace}/${u.secret}: expected one of the environment's Secrets (${names.join(', ')}), got ${describeValue(u.secret)}`];
    }
    if (secret.keys.includes(u.key)) return [];
    return [`environment "${env}": ${u.resource}: Secret ${u.namespace}/${u.secret} key: expected one of ${describeValue(secret.keys)}, got ${describeValue(u.key)}`];
  });
}

/** Throws one ConfigError for the first problem, if any: one clear line. */
export function refuse(problems: readonly string[]): void {
  if (problems.length > 0) throw new ConfigError(problems[0]);
}
