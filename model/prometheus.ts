import { z } from 'zod';
import { duration, labels } from '../lib/schema';
import { compact } from '../lib/yaml';
import { renderScrapeJob, ScrapeConfigDocument, ScrapeJob } from './scrape-jobs';

/** The Prometheus settings of an environment: intervals, external labels, retention. */
export const prometheusSpec = z.strictObject({
  scrapeInterval: duration.optional(),
  evaluationInterval: duration.optional(),
  externalLabels: labels.optional(),
  retentionTime: duration,
  retentionSize: z.string().regex(/^\d+(B|KB|MB|GB|TB|PB|EB)$/, { error: 'expected a size such as "100GB"' }).optional(),
});

/** prometheus.yml, as Prometheus reads it. */
export interface PrometheusConfig {
  global: { scrape_interval: string; evaluation_interval: string; external_labels?: Record<string, string> };
  alerting?: { alertmanagers: Array<{ static_configs: Array<{ targets: string[] }> }> };
  rule_files?: string[];
  scrape_configs: ScrapeConfigDocument[];
}

/** What prometheus.yml is made of; the runtime supplies the addresses and paths. */
export interface PrometheusConfigInput {
  readonly scrapeInterval: string;
  readonly evaluationInterval: string;
  readonly externalLabels: Readonly<Record<string, string>>;
  /** host:port of each Alertmanager, as the server reaches it. */
  readonly alertmanagers: readonly string[];
  /** Globs of the rule files the server loads. @default none */
  readonly ruleFiles?: readonly string[];
  readonly jobs: readonly ScrapeJob[];
}

/** Renders prometheus.yml from typed parts: a pure function of its input. */
export function renderPrometheusConfig(input: PrometheusConfigInput): PrometheusConfig {
  return compact({
    global: compact({
      scrape_interval: input.scrapeInterval,
      evaluation_interval: input.evaluationInterval,
      external_labels: Object.keys(input.externalLabels).length ? { ...input.externalLabels } : undefined,
    }),
    alerting: input.alertmanagers.length ? { alertmanagers: [{ static_configs: [{ targets: [...input.alertmanagers] }] }] } : undefined,
    rule_files: input.ruleFiles?.length ? [...input.ruleFiles] : undefined,
    scrape_configs: input.jobs.map(renderScrapeJob),
  });
}
