import { App } from 'cdktf';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { GENERATED_ALERT_DEFAULTS, generatedRuleGroups } from '../../lib/generated-rules';
import { LintEnvironment, LintJob } from '../../lib/lint';
import { dashboardQueries } from '../../lib/lint-environment';
import { toYaml } from '../../lib/yaml';
import { alertmanagerConfigDocument } from '../../model/alertmanager-config';
import { ruleGroupDocuments } from '../../model/rules';
import { mergeCatalogs, cadvisor, MetricCatalog } from '../../lib/catalogs';
import type { TestedRuleGroup } from '../../lib/rule-tests';
import { KubernetesPlatformStack, ALERTMANAGER_SECRETS_DIR } from './platform-stack';
import { KubernetesMonitoringStack } from './monitoring-stack';
import { dataSourceUids } from './chart-values';
import { platformNames, PROMETHEUS_INTERVAL } from './operator-objects';
import { jobLabelProblems, MetricReader, refuse, relabelingProblems, secretKeyProblems, selectionProblems, SecretUse } from './cross-checks';
import type { KubernetesEnvironmentSpec } from './environment-spec';
import { durationSeconds } from '../../lib/duration';

/** The series a ServiceMonitor's endpoints carry besides what the target exposes. */
const SERVICE_MONITOR_TARGET_LABELS = ['namespace', 'service', 'pod', 'container', 'endpoint'];

/** The kubelet's cAdvisor endpoint, scraped by kube-prometheus-stack's own ServiceMonitor (job "kubelet"). */
const KUBELET_JOB: LintJob = {
  name: 'kubelet',
  scrapeInterval: PROMETHEUS_INTERVAL,
  metrics: cadvisor,
  targetLabels: [...SERVICE_MONITOR_TARGET_LABELS, 'metrics_path', 'node'],
};

/** Builds an environment's dashboard models, their queries bound to its Prometheus data source. */
export type KubernetesDashboards = (sources: { prometheus: dashboard.DataSourceRef }) => dashboard.Dashboard[];

/**
 * An environment on a cluster: its platform stack (`<name>-platform`) and its monitoring stack
 * (`<name>`), the rule groups it loads (its own and the generated ones, each with its tests),
 * and what the monitoring lint reads. Building it runs the cross-object checks: a problem
 * refuses it with one line.
 */
export class KubernetesEnvironment {
  readonly spec: KubernetesEnvironmentSpec;
  readonly platform: KubernetesPlatformStack;
  readonly monitoring: KubernetesMonitoringStack;
  readonly ruleGroups: readonly TestedRuleGroup[];
  readonly dashboards: readonly dashboard.Dashboard[];
  readonly alertmanagerYaml: string;
  readonly lint: LintEnvironment;

  constructor(app: App, spec: KubernetesEnvironmentSpec, dashboards: KubernetesDashboards) {
    this.spec = spec;
    const env = spec.name;
    const runtime = spec.runtime;

    // The credentials Alertmanager reads: files the operator mounts from the receivers' Secret.
    const credentials = new Map<string, string>();
    const receiverSecret = platformNames(env).receiverSecret;
    const file = (name: string, description: string) => {
      credentials.set(name, description);
      return `${ALERTMANAGER_SECRETS_DIR}/${receiverSecret}/${name}`;
    };
    this.alertmanagerYaml = toYaml(alertmanagerConfigDocument(spec.alertmanager, { file }));
    this.platform = new KubernetesPlatformStack(app, {
      environment: env,
      runtime,
      receiverCredentials: [...credentials].map(([name, description]) => ({ name, description })),
    });

    const jobs = runtime.serviceMonitors.map((m) => m.selector[m.jobLabel] ?? m.name);
    const generated = generatedRuleGroups({
      environment: env,
      settings: GENERATED_ALERT_DEFAULTS,
      ruleGroups: spec.ruleGroups,
      jobs: jobs.map((name) => ({ name, staticConfigs: [] })),
    });
    this.ruleGroups = [...spec.ruleGroups, ...generated];
    const uids = dataSourceUids(env);
    this.dashboards = dashboards({ prometheus: { type: 'prometheus', uid: uids.prometheus } });

    this.monitoring = new KubernetesMonitoringStack(app, {
      environment: env,
      platform: this.platform,
      ruleGroups: ruleGroupDocuments(this.ruleGroups),
      alertmanagerConfig: this.alertmanagerYaml,
      dashboards: this.dashboards,
    });

    const lintDashboards = this.dashboards.map(dashboardQueries);
    this.lint = {
      name: env,
      severities: spec.severities,
      evaluationInterval: PROMETHEUS_INTERVAL,
      jobs: [...runtime.serviceMonitors.map((m, i): LintJob => lintJob(jobs[i], m.endpoints)), KUBELET_JOB],
      ruleGroups: this.ruleGroups.map((g, i) => ({ ...g, path: i < spec.ruleGroups.length ? `ruleGroups[${i}]` : undefined })),
      dashboards: lintDashboards,
    };

    // Cross-object checks: selection, job labels, relabelling, Secret keys.
    const readers: MetricReader[] = [
      ...this.ruleGroups.flatMap((g) => g.rules.map((r) => ({ where: 'alert' in r ? `alert ${r.alert}` : `rule ${r.record}`, exprs: [r.expr] }))),
      ...lintDashboards.flatMap((d) => d.panels.map((p) => ({ where: `dashboard "${d.title}" panel "${p.title}"`, exprs: p.queries.map((q) => q.expr) }))),
    ];
    const endpoints = this.monitoring.serviceMonitors.flatMap((monitor, m) =>
      runtime.serviceMonitors[m].endpoints.map((e, endpoint) => ({ monitor, endpoint, metrics: e.metrics })),
    );
    const secrets = [
      ...this.platform.secrets.map((s) => ({ namespace: s.namespace, name: s.secretName, keys: s.keys })),
      { namespace: runtime.namespace, name: this.platform.names.alertmanagerConfigSecret, keys: Object.keys(this.monitoring.alertmanagerSecret.dataInput ?? {}) },
    ];
    const uses: SecretUse[] = [
      ...this.platform.secretMounts.map((m) => ({ ...m, namespace: runtime.namespace })),
      ...[...credentials.keys()].map((key) => ({ resource: `Alertmanager ${runtime.namespace}/${env} (alertmanager.yaml)`, namespace: runtime.namespace, secret: receiverSecret, key })),
    ];
    refuse([
      ...selectionProblems(env, this.platform.prometheus, this.monitoring.serviceMonitors, this.monitoring.prometheusRules),
      ...jobLabelProblems(env, this.monitoring.serviceMonitors),
      ...relabelingProblems(env, endpoints, readers),
      ...secretKeyProblems(env, secrets, uses),
    ]);
  }
}

/** A ServiceMonitor as one scrape job: what survives its endpoints' relabelling, at its slowest interval. */
function lintJob(name: string, endpoints: KubernetesEnvironmentSpec['runtime']['serviceMonitors'][number]['endpoints']): LintJob {
  const kept = endpoints.map((e): MetricCatalog => e.metrics.filter((m) => keeps(e.metricRelabelings ?? [], m.name)));
  const slowest = endpoints.map((e) => e.interval).sort((a, b) => durationSeconds(b) - durationSeconds(a))[0];
  return { name, scrapeInterval: slowest, metrics: kept.reduce((a, b) => mergeCatalogs(a, b)), targetLabels: SERVICE_MONITOR_TARGET_LABELS };
}

/** Whether a family's series (name, name_bucket, name_sum, name_count) pass the keep/drop relabelings. */
function keeps(relabelings: ReadonlyArray<{ sourceLabels: readonly string[]; regex: string; action: 'keep' | 'drop' }>, family: string): boolean {
  const names = [family, `${family}_bucket`, `${family}_sum`, `${family}_count`];
  return names.some((name) =>
    relabelings.every((r) => r.sourceLabels.length !== 1 || r.sourceLabels[0] !== '__name__' || (r.action === 'keep') === new RegExp(`^(?:${r.regex})$`).test(name)),
  );
}
