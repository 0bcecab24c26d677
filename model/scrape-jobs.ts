import { z } from 'zod';
import { compact } from '../lib/yaml';
import { labelName, port } from '../lib/schema';
export interface RelabelConfig {
  readonly sourceLabels?: string[];
  readonly separator?: string;
  readonly targetLabel?: string;
  readonly regex?: string;
  readonly replacement?: string;
  /** @default replace */
  readonly action?: 'replace' | 'keep' | 'drop' | 'labelmap' | 'labeldrop' | 'labelkeep' | 'hashmod';
  readonly modulus?: number;
}

export interface KubernetesSdConfig {
  readonly role: 'pod' | 'service' | 'endpoints' | 'node' | 'ingress' | 'endpointslice';
  /** @default every namespace */
  readonly namespaces?: string[];
}

export interface ConsulSdConfig {
  /** host:port of the Consul agent. */
  readonly server: string;
  /** @default every service */
  readonly services?: string[];
}

export interface ScrapeJobOptions {
  /** @default /metrics */
  readonly metricsPath?: string;
  /** @default http */
  readonly scheme?: 'http' | 'https';
  /** @default the global scrape interval */
  readonly scrapeInterval?: string;
  /** @default Prometheus's 10s, capped at the interval */
  readonly scrapeTimeout?: string;
  /** Keep labels the target exposes over Prometheus's own (pushgateway, federation). @default false */
  readonly honorLabels?: boolean;
  /** URL parameters, e.g. the blackbox exporter's module. @default none */
  readonly params?: Readonly<Record<string, string[]>>;
  readonly relabelConfigs?: RelabelConfig[];
  readonly metricRelabelConfigs?: RelabelConfig[];
  readonly kubernetesSdConfigs?: KubernetesSdConfig[];
  readonly consulSdConfigs?: ConsulSdConfig[];
}

/** A set of targets that share labels. */
export interface StaticTargets {
  readonly targets: string[];
  readonly labels?: Readonly<Record<string, string>>;
}

/** One scrape job of a PrometheusServer; exporters add their targets to it. */
export class ScrapeJob {
  private readonly groups: StaticTargets[] = [];

  constructor(readonly name: string, readonly options: ScrapeJobOptions) {}

  /** Adds targets ("host:port") with the labels they share; returns the job. */
  addTargets(targets: string[], labels?: Readonly<Record<string, string>>): this {
    this.groups.push({ targets: [...targets], labels });
    return this;
  }

  get staticConfigs(): readonly StaticTargets[] {
    return this.groups;
  }

  get targets(): string[] {
    return this.groups.flatMap((g) => g.targets);
  }
}

function renderRelabel(r: RelabelConfig): Record<string, unknown> {
  return compact({
    source_labels: r.sourceLabels,
    separator: r.separator,
    regex: r.regex,
    modulus: r.modulus,
    target_label: r.targetLabel,
    replacement: r.replacement,
    action: r.action,
  });
}

export function renderScrapeJob(job: ScrapeJob): Record<string, unknown> {
  const o = job.options;
  return compact({
    job_name: job.name,
    honor_labels: o.honorLabels,
    scrape_interval: o.scrapeInterval,
    scrape_timeout: o.scrapeTimeout,
    metrics_path: o.metricsPath,
    scheme: o.scheme,
    params: o.params ? { ...o.params } : undefined,
    static_configs: job.staticConfigs.length
      ? job.staticConfigs.map((g) => compact({ targets: g.targets, labels: g.labels ? { ...g.labels } : undefined }))
      : undefined,
    kubernetes_sd_configs: o.kubernetesSdConfigs?.map((k) =>
      compact({ role: k.role, namespaces: k.namespaces ? { names: k.namespaces } : undefined }),
    ),
    consul_sd_configs: o.consulSdConfigs?.map((c) => compact({ server: c.server, services: c.services })),
    relabel_configs: o.relabelConfigs?.map(renderRelabel),
    metric_relabel_configs: o.metricRelabelConfigs?.map(renderRelabel),
  });
}

export const relabel = z.strictObject({
  sourceLabels: z.array(z.string()).optional(),
  separator: z.string().optional(),
  targetLabel: z.string().optional(),
  regex: z.string().optional(),
  replacement: z.string().optional(),
  action: z.enum(['replace', 'keep', 'drop', 'labelmap', 'labeldrop', 'labelkeep', 'hashmod']).optional(),
  modulus: z.number().int().positive().optional(),
});

/** A target on one of the environment's hosts; it is labelled machine=<host>. */
export const hostTarget = z.strictObject({ host: z.string(), port });

/** A metric family a job exposes (lib/catalogs/types.ts MetricDef). */
export const metricCatalog = z
  .array(
    z
      .strictObject({
        name: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { error: 'expected a metric name such as "brain_worker_status"' }),
        type: z.enum(['counter', 'gauge', 'histogram', 'summary', 'untyped']),
        labels: z.array(labelName).readonly(),
        help: z.string().optional(),
        buckets: z.array(z.string().min(1)).readonly().optional(),
      })
      .readonly(),
  )
  .readonly();
