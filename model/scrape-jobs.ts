import { z } from 'zod';
import { compact } from '../lib/yaml';
import { hostPort, labelName, port } from '../lib/schema';

/*
 * Scrape jobs: what Prometheus scrapes, whatever runs it. A runtime adds the targets it places
 * (with the labels it supplies, such as machine) and renders the jobs into prometheus.yml.
 */




export interface ScrapeJobOptions {
  /** @default /metrics */
  readonly metricsPath?: string;
  /** @default http */
  readonly scheme?: 'http' | 'https';
  /** How the server's certificate is verified (scheme https). @default the image's system CAs */
  readonly tlsConfig?: { readonly caFile: string };
  /** Basic authentication, the password read from a file in the container. @default none */
  readonly basicAuth?: { readonly username: string; readonly passwordFile: string };
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

/** One relabelling step as prometheus.yml writes it. */
export interface RelabelDocument {
  source_labels?: string[];
  separator?: string;
  regex?: string;
  modulus?: number;
  target_label?: string;
  replacement?: string;
  action?: RelabelConfig['action'];
}

/** One `scrape_configs` entry of prometheus.yml. */
export interface ScrapeConfigDocument {
  job_name: string;
  honor_labels?: boolean;
  scrape_interval?: string;
  scrape_timeout?: string;
  metrics_path?: string;
  scheme?: 'http' | 'https';
  params?: Record<string, string[]>;
  static_configs?: Array<{ targets: string[]; labels?: Record<string, string> }>;
  kubernetes_sd_configs?: Array<{ role: KubernetesSdConfig['role']; namespaces?: { names: string[] } }>;
  consul_sd_configs?: Array<{ server: string; services?: string[] }>;
  relabel_configs?: RelabelDocument[];
  metric_relabel_configs?: RelabelDocument[];
}

function renderRelabel(r: RelabelConfig): RelabelDocument {
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

/** A scrape job as prometheus.yml writes it. */
export function renderScrapeJob(job: ScrapeJob): ScrapeConfigDocument {
  const o = job.options;
  return compact({
    job_name: job.name,
    honor_labels: o.honorLabels,
    scrape_interval: o.scrapeInterval,
    scrape_timeout: o.scrapeTimeout,
    metrics_path: o.metricsPath,
    scheme: o.scheme,
    tls_config: o.tlsConfig ? { ca_file: o.tlsConfig.caFile } : undefined,
    basic_auth: o.basicAuth ? { username: o.basicAuth.username, password_file: o.basicAuth.passwordFile } : undefined,
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

/** Kubernetes service discovery: the objects of a role, in some namespaces (@default every namespace). */
export const kubernetesSdConfig = z.strictObject({
  role: z.enum(['pod', 'service', 'endpoints', 'node', 'ingress', 'endpointslice']),
  namespaces: z.array(z.string()).optional(),
});

/** Consul service discovery: host:port of the agent, and the services (@default every service). */
export const consulSdConfig = z.strictObject({ server: hostPort, services: z.array(z.string()).optional() });

/** One relabelling step (action @default replace). */
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

export type RelabelConfig = z.infer<typeof relabel>;
export type KubernetesSdConfig = z.infer<typeof kubernetesSdConfig>;
export type ConsulSdConfig = z.infer<typeof consulSdConfig>;
