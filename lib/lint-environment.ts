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
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { CATALOGS, MetricCatalog, mergeCatalogs, processGo } from './catalogs';
import { ConfigError } from './errors';
import { Finding, formatFinding, LintDashboard, LintEnvironment, LintJob, LintPanel, lintEnvironment } from './lint';
import type { ExporterKind } from '../runtimes/docker/exporter';
import type { EnvironmentStack } from '../runtimes/docker/environment-stack';
import { ScrapeJob } from '../model/scrape-jobs';

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
  targets?: Array<{ expr?: string; refId?: string; datasource?: dashboard.DataSourceRef }>;
  panels?: PanelLike[];
}

/** The PromQL queries of a dashboard model, panel by panel (rows flattened). */
function dashboardQueries(model: dashboard.Dashboard): LintDashboard {
  const flat = ((model.panels ?? []) as PanelLike[]).flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
  const panels: LintPanel[] = flat.map((p) => ({
    title: p.title ?? '(untitled)',
    queries: (p.targets ?? [])
      .filter((t) => typeof t.expr === 'string' && (t.datasource ?? p.datasource)?.type === 'prometheus')
      .map((t) => ({ refId: t.refId, expr: t.expr! })),
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
  const specJobs = new Map(spec.jobs.map((j) => [j.name, j]));
  const jobs: LintJob[] = prometheus.scrapeJobs.map((job) => {
    const fromSpec = specJobs.get(job.name);
    const own = fromSpec?.metrics ?? [];
    let metrics: MetricCatalog = own;
    if (fromSpec?.exporter) metrics = own.length ? exporterWith(fromSpec.exporter.kind, own) : exporterCatalog(fromSpec.exporter.kind);
    else if (!fromSpec && Object.hasOwn(STACK_JOB_CATALOG_NAMES, job.name)) metrics = namedCatalog(STACK_JOB_CATALOG_NAMES[job.name]);
    const labels = targetLabels(job);
    return {
      name: job.name,
      scrapeInterval: job.options.scrapeInterval ?? prometheus.scrapeInterval,
      metrics,
      targetLabels: labels.labels,
      anyLabels: labels.any,
    };
  });
  const specGroups = new Map(spec.ruleGroups.map((g, i) => [g.name, i]));
  const ruleGroups = prometheus.ruleGroups.map((g) => ({
    name: g.name,
    interval: g.interval,
    path: specGroups.has(g.name) ? `ruleGroups[${specGroups.get(g.name)}]` : undefined,
    rules: g.rules,
  }));
  // The dashboards the stack deploys, as added to Grafana.
  const dashboards = parts.grafana.dashboardModels.map(dashboardQueries);
  return {
    name: spec.name,
    severities: spec.severities,
    evaluationInterval: prometheus.evaluationInterval,
    jobs,
    ruleGroups,
    dashboards,
  };
}

/** Every finding of a built environment. */
export function lintStack(stack: EnvironmentStack): Finding[] {
  return lintEnvironment(describeStack(stack));
}

/** One ConfigError listing every finding, one a line after a count; undefined when there is none. */
export function lintError(findings: readonly Finding[]): ConfigError | undefined {
  if (findings.length === 0) return undefined;
  // One finding is one line; several get a line that counts them first.
  if (findings.length === 1) return new ConfigError(formatFinding(findings[0]));
  const count = `${findings.length} monitoring lint findings (npm run lint:monitoring lists them):`;
  return new ConfigError([count, ...findings.map(formatFinding)].join('\n'));
}
