/**
 * The monitoring lint applied to a built environment: what each scrape job of its Prometheus
 * exposes, every rule group it loads (the spec's and the generated ones) and every PromQL query
 * of its dashboards, turned into the plain description lib/lint.ts checks.
 *
 * Where a job's catalog comes from:
 *   - an exporter container: the catalog of its kind (plus the Go process metrics where the
 *     exporter exposes them), and the spec's `metrics` for what it exposes beyond that;
 *   - an existing endpoint or service discovery: the spec's `metrics` (environments/<env>/catalog.ts);
 *   - the jobs the stack's own constructs add (prometheus, loki, alloy, jaeger): the catalog
 *     of that name.
 */
import type { TerraformStack } from 'cdktf';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { CATALOGS, MetricCatalog, mergeCatalogs, processGo } from './catalogs';
import { ConfigError } from './errors';
import { Finding, formatFinding, LintDashboard, LintEnvironment, LintJob, LintPanel, lintEnvironment, refuses } from './lint';
import { parsePromQL } from './promql';
import { WATCHDOG_ALERT } from './generated-rules';
import { HEARTBEAT_RECEIVER, withHeartbeat } from '../model/alertmanager';
import { lintSlos } from './slo-lint';
import { sloDashboardUid } from '../model/dashboards/slo';
import type { ExporterKind } from '../runtimes/docker/exporter';
import type { EnvironmentStack } from '../runtimes/docker/environment-stack';
import { ScrapeJob } from '../model/scrape-jobs';
import type { EnvironmentSpec } from '../environments/spec';

/** The catalog each exporter kind serves, by its name in lib/catalogs. */
const EXPORTER_CATALOG_NAMES: Readonly<Record<ExporterKind, string>> = {
  'node-exporter': 'node-exporter',
  cadvisor: 'cadvisor',
  'dcgm-exporter': 'nvidia-dcgm',
  pushgateway: 'pushgateway',
  'postgres-exporter': 'postgres-exporter',
  'redis-exporter': 'redis-exporter',
  'blackbox-exporter': 'blackbox-exporter',
};

/** Scrape jobs the stack's constructs add themselves, named after what they scrape. */
const STACK_JOB_CATALOG_NAMES: Readonly<Record<string, string>> = {
  prometheus: 'prometheus',
  loki: 'loki',
  alloy: 'alloy',
  jaeger: 'jaeger',
  alertmanager: 'alertmanager',
};

const catalogs = new Map<string, MetricCatalog>();

/** A named catalog of lib/catalogs, with the Go process metrics when that exporter exposes them. */
function namedCatalog(name: string): MetricCatalog {
  let catalog = catalogs.get(name);
  if (!catalog) {
    const info = CATALOGS[name];
    catalog = info.exposesProcessGo ? mergeCatalogs(info.catalog, processGo) : info.catalog;
    catalogs.set(name, catalog);
  }
  return catalog;
}

/** What an exporter container of this kind exposes. */
export function exporterCatalog(kind: ExporterKind): MetricCatalog {
  return namedCatalog(EXPORTER_CATALOG_NAMES[kind]);
}

/** Merged catalogs by a job's own catalog and exporter kind: the lint expands each catalog object once. */
const merged = new WeakMap<MetricCatalog, Map<ExporterKind, MetricCatalog>>();

/** An exporter's catalog with what a job's spec adds (its `metrics`), the same object every time. */
function exporterWith(kind: ExporterKind, own: MetricCatalog): MetricCatalog {
  let byKind = merged.get(own);
  if (!byKind) {
    byKind = new Map();
    merged.set(own, byKind);
  }
  let catalog = byKind.get(kind);
  if (!catalog) {
    catalog = mergeCatalogs(exporterCatalog(kind), own);
    byKind.set(kind, catalog);
  }
  return catalog;
}

/** Labels Prometheus adds to a job's series: static target labels and relabelling targets. */
function targetLabels(job: ScrapeJob): { labels: string[]; any: boolean } {
  const labels = new Set<string>();
  for (const group of job.staticConfigs) Object.keys(group.labels ?? {}).forEach((l) => labels.add(l));
  const relabels = [...(job.options.relabelConfigs ?? []), ...(job.options.metricRelabelConfigs ?? [])];
  for (const r of relabels) {
    if (r.targetLabel && !r.targetLabel.startsWith('__') && (r.action ?? 'replace') === 'replace') labels.add(r.targetLabel);
  }
  return { labels: [...labels].sort(), any: relabels.some((r) => r.action === 'labelmap') };
}

interface PanelLike {
  type?: string;
  title?: string;
  datasource?: dashboard.DataSourceRef;
  targets?: Array<{ expr?: string; refId?: string; legendFormat?: string; datasource?: dashboard.DataSourceRef }>;
  panels?: PanelLike[];
}

/** The PromQL queries of a dashboard model, panel by panel (rows flattened). */
export function dashboardQueries(model: dashboard.Dashboard): LintDashboard {
  const flat = ((model.panels ?? []) as PanelLike[]).flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
  const panels: LintPanel[] = flat.map((p) => ({
    title: p.title ?? '(untitled)',
    queries: (p.targets ?? [])
      .filter((t) => typeof t.expr === 'string' && (t.datasource ?? p.datasource)?.type === 'prometheus')
      .map((t) => ({ refId: t.refId, expr: t.expr!, legendFormat: t.legendFormat })),
  }));
  const variables = (model.templating?.list ?? [])
    .filter((v) => String(v.type) === 'query' && typeof v.query === 'string' && v.datasource?.type === 'prometheus')
    .map((v) => ({ name: v.name, query: v.query as string }));
  return { title: model.title ?? '(untitled)', panels: panels.filter((p) => p.queries.length > 0), variables };
}

/** The lint's view of a built environment. */
export function describeStack(stack: EnvironmentStack): LintEnvironment {
  const { spec, parts } = stack;
  const prometheus = parts.prometheus;
  const specJobs = new Map(spec.monitoring.jobs.map((j) => [j.name, j]));
  const jobs: LintJob[] = prometheus.scrapeJobs.map((job) => {
    const fromSpec = specJobs.get(job.name);
    const own = fromSpec?.metrics ?? [];
    let metrics: MetricCatalog = own;
    if (fromSpec?.exporter) metrics = own.length ? exporterWith(fromSpec.exporter.kind, own) : exporterCatalog(fromSpec.exporter.kind);
    else if (!fromSpec && Object.hasOwn(STACK_JOB_CATALOG_NAMES, job.name)) metrics = namedCatalog(STACK_JOB_CATALOG_NAMES[job.name]);
    const labels = targetLabels(job);
    const specIndex = spec.monitoring.jobs.findIndex((j) => j.name === job.name);
    return {
      name: job.name,
      scrapeInterval: job.options.scrapeInterval ?? prometheus.scrapeInterval,
      metrics,
      targetLabels: labels.labels,
      anyLabels: labels.any,
      scrapeTimeout: job.options.scrapeTimeout,
      targets: job.staticConfigs.flatMap((g) => g.targets),
      path: specIndex >= 0 ? `monitoring.jobs[${specIndex}]` : undefined,
      relabelConfigs: job.options.relabelConfigs,
      metricRelabelConfigs: job.options.metricRelabelConfigs,
    };
  });
  const specGroups = new Map(spec.monitoring.ruleGroups.map((g, i) => [g.name, i]));
  const userAlerts = spec.monitoring.ruleGroups.flatMap((g) => g.rules.flatMap((r) => ('alert' in r ? [r] : [])));
  const ruleGroups = prometheus.ruleGroups.map((g) => ({
    name: g.name,
    interval: g.interval,
    path: specGroups.has(g.name) ? `monitoring.ruleGroups[${specGroups.get(g.name)}]` : undefined,
    rules: specGroups.has(g.name) ? g.rules : g.rules.map((r) => withGeneratedFrom(r, userAlerts)),
  }));
  // The dashboards the stack deploys, as added to Grafana.
  const dashboards = parts.grafana.dashboardModels.map(dashboardQueries);
  return {
    name: spec.name,
    severities: spec.monitoring.severities,
    evaluationInterval: prometheus.evaluationInterval,
    jobs,
    ruleGroups,
    dashboards,
    externalLabels: prometheus.externalLabels,
    // As the construct renders it: with the heartbeat's receiver and route.
    alertmanager: { ...withHeartbeat(spec.monitoring.alertmanager, WATCHDOG_ALERT), heartbeat: spec.monitoring.alertmanager.heartbeat ? { alert: WATCHDOG_ALERT, receiver: HEARTBEAT_RECEIVER } : undefined },
    credentialFields: credentialFields(spec),
    ownTargets: ownTargets(spec, prometheus.scrapeJobs.filter((j) => !specJobs.has(j.name))),
  };
}

/** Each stack job's targets, and the same ports on the monitoring host's names and addresses. */
function ownTargets(spec: EnvironmentSpec, stackJobs: readonly ScrapeJob[]): Array<{ job: string; addresses: string[] }> {
  const host = spec.runtime.docker.hosts[spec.runtime.docker.monitoringHost];
  const names = [spec.runtime.docker.monitoringHost, 'localhost', '127.0.0.1', host?.network?.gateway, host?.address].filter((n): n is string => n !== undefined);
  return stackJobs.map((job) => {
    const targets = job.staticConfigs.flatMap((g) => g.targets);
    const ports = targets.map((t) => t.slice(t.lastIndexOf(':') + 1));
    return { job: job.name, addresses: [...new Set([...targets, ...ports.flatMap((p) => names.map((n) => `${n}:${p}`))])] };
  });
}

/** A generated Absent rule names the user's alerts that read its metric: its findings are theirs. */
function withGeneratedFrom<R extends { expr: string }>(rule: R, userAlerts: ReadonlyArray<{ alert: string; expr: string }>): R {
  if (!('alert' in rule)) return rule;
  let analysis;
  try {
    analysis = parsePromQL(rule.expr);
  } catch {
    return rule;
  }
  if (analysis.outermostCall?.fn !== 'absent') return rule;
  const readers = userAlerts.filter((a) => analysis.metrics.some((m) => parsePromQL(a.expr).metrics.includes(m))).map((a) => a.alert);
  return readers.length ? { ...rule, generatedFrom: readers } : rule;
}

/** Keys whose value names a sensitive variable, and keys whose value is an address. */
const ADDRESS_KEYS = new Set(['address', 'redisAddress', 'server', 'url', 'smarthost', 'targets', 'engine']);

/** Every secret-name and address field of a spec, with its path, for the credential check. */
function credentialFields(spec: EnvironmentSpec): Array<{ where: string; value: string; kind: 'secret-name' | 'address' }> {
  const out: Array<{ where: string; value: string; kind: 'secret-name' | 'address' }> = [];
  const walk = (value: unknown, path: string, key: string) => {
    if (typeof value === 'string') {
      if (/Secret$/.test(key)) out.push({ where: path, value, kind: 'secret-name' });
      else if (ADDRESS_KEYS.has(key)) out.push({ where: path, value, kind: 'address' });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`, key));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, k);
    }
  };
  walk(spec, '', '');
  return out;
}

/**
 * Every finding of a built environment. Where an SLI has findings, the rules and dashboard
 * generated from the SLOs are left out of the other checks: they would repeat them.
 */
export function lintStack(stack: EnvironmentStack, described: LintEnvironment = describeStack(stack)): Finding[] {
  const sli = lintSlos(described.name, stack.spec.monitoring.slos ?? [], described.jobs);
  if (sli.length === 0) return lintEnvironment(described);
  const generated = new Set(stack.sloRuleGroups.map((g) => g.name));
  const dashboardTitles = new Set(stack.parts.grafana.dashboardModels.filter((d) => d.uid === sloDashboardUid(described.name)).map((d) => d.title));
  return [
    ...lintEnvironment({
      ...described,
      ruleGroups: described.ruleGroups.filter((g) => !generated.has(g.name)),
      dashboards: described.dashboards?.filter((d) => !dashboardTitles.has(d.title)),
    }),
    ...sli,
  ];
}

/** One ConfigError listing every finding, one a line after a count; undefined when there is none. */
export function lintError(all: readonly Finding[]): ConfigError | undefined {
  // Warnings and findings a rule's lintDisable turns off are printed by lint:monitoring, not refused.
  const findings = all.filter(refuses);
  if (findings.length === 0) return undefined;
  // One finding is one line; several get a line that counts them first.
  if (findings.length === 1) return new ConfigError(formatFinding(findings[0]));
  const count = `${findings.length} monitoring lint findings (npm run lint:monitoring lists them):`;
  return new ConfigError([count, ...findings.map(formatFinding)].join('\n'));
}

/** A finding that lets synth finish, as recorded in its stack's cdk.tf.json. */
export interface RecordedFinding {
  readonly where: string;
  readonly check: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly disabledBecause?: string;
}

/**
 * Records the findings that do not refuse synth (warnings, and findings a lintDisable turns off
 * with its reason) under Terraform's comment key, `"//": { "monitoringLint": [...] }`, which
 * Terraform ignores and the review compares; in a fixed order, so an unchanged stack is unchanged.
 */
export function recordLintFindings(stack: TerraformStack, findings: readonly Finding[]): void {
  const kept: RecordedFinding[] = findings
    .filter((f) => !refuses(f))
    .map((f) => ({ where: f.where, check: f.check, severity: f.severity, message: f.message, ...(f.disabledBecause !== undefined ? { disabledBecause: f.disabledBecause } : {}) }))
    .sort((a, b) => `${a.where}\0${a.check}\0${a.message}`.localeCompare(`${b.where}\0${b.check}\0${b.message}`));
  if (kept.length) stack.addOverride('//.monitoringLint', kept);
}
