/**
 * Metric catalogs of standard exporters: which metric families exist, their types and labels. Use
 * `expandCatalog` to get the series names as they appear in PromQL (histogram `_bucket`/`_sum`/`_count`, ...).
 */
import type { MetricCatalog, SeriesDef, SeriesType } from './types';
import { alertmanager } from './alertmanager';
import { alloy } from './alloy';
import { blackboxExporter } from './blackbox-exporter';
import { cadvisor } from './cadvisor';
import { jaeger } from './jaeger';
import { loki } from './loki';
import { nodeExporter } from './node-exporter';
import { nvidiaDcgm } from './nvidia-dcgm';
import { nvidiaGpuExporter } from './nvidia-gpu-exporter';
import { postgresExporter } from './postgres-exporter';
import { processCollector, processGo } from './process-go';
import { prometheus, ruleSeries, scrapeSeries } from './prometheus';
import { pushgateway } from './pushgateway';
import { redisExporter } from './redis-exporter';
import { ConfigError } from '../errors';

export type { MetricCatalog, MetricDef, MetricType, SeriesDef, SeriesType } from './types';
export {
  alertmanager,
  blackboxExporter,
  cadvisor,
  jaeger,
  loki,
  nodeExporter,
  nvidiaDcgm,
  nvidiaGpuExporter,
  postgresExporter,
  processCollector,
  processGo,
  prometheus,
  alloy,
  pushgateway,
  redisExporter,
  ruleSeries,
  scrapeSeries,
};

export interface CatalogInfo {
  catalog: MetricCatalog;
  /** Exporter version the catalog was written for. */
  version: string;
  /** Port the exporter serves /metrics on by default, when it is a standalone exporter. */
  defaultPort?: number;
  /** Whether the exporter also exposes the client_golang process/go collectors (`processGo`). */
  exposesProcessGo: boolean;
}

/** Every exporter catalog by name, with the facts needed to wire a scrape job. */
export const CATALOGS: Readonly<Record<string, CatalogInfo>> = {
  'node-exporter': { catalog: nodeExporter, version: 'v1.6.1', defaultPort: 9100, exposesProcessGo: true },
  cadvisor: { catalog: cadvisor, version: 'v0.47', defaultPort: 8080, exposesProcessGo: true },
  'nvidia-dcgm': { catalog: nvidiaDcgm, version: '3.x', defaultPort: 9400, exposesProcessGo: false },
  'nvidia-gpu-exporter': { catalog: nvidiaGpuExporter, version: 'v1.x', defaultPort: 9835, exposesProcessGo: true },
  pushgateway: { catalog: pushgateway, version: 'v1.x', defaultPort: 9091, exposesProcessGo: true },
  prometheus: { catalog: prometheus, version: '3.13', defaultPort: 9090, exposesProcessGo: true },
  alertmanager: { catalog: alertmanager, version: '0.25', defaultPort: 9093, exposesProcessGo: true },
  'postgres-exporter': { catalog: postgresExporter, version: 'v0.15', defaultPort: 9187, exposesProcessGo: true },
  'redis-exporter': { catalog: redisExporter, version: 'v1.5x', defaultPort: 9121, exposesProcessGo: true },
  'blackbox-exporter': { catalog: blackboxExporter, version: 'v0.2x', defaultPort: 9115, exposesProcessGo: true },
  jaeger: { catalog: jaeger, version: 'v2 (2.20)', defaultPort: 8888, exposesProcessGo: false },
  loki: { catalog: loki, version: '3.7', defaultPort: 3100, exposesProcessGo: true },
  alloy: { catalog: alloy, version: 'v1.18', defaultPort: 12345, exposesProcessGo: true },
  'process-go': { catalog: processGo, version: 'client_golang', exposesProcessGo: true },
  'scrape-series': { catalog: scrapeSeries, version: 'Prometheus 3.13', exposesProcessGo: false },
  'rule-series': { catalog: ruleSeries, version: 'Prometheus 3.13', exposesProcessGo: false },
};

/** Concatenates catalogs, e.g. `mergeCatalogs(nodeExporter, processGo, scrapeSeries)`. */
export function mergeCatalogs(...catalogs: MetricCatalog[]): MetricCatalog {
  return catalogs.flat();
}

/**
 * Expands metric families into the series names PromQL sees:
 *   histogram X -> X_bucket (labels + `le`), X_sum, X_count
 *   summary X   -> X (labels + `quantile`), X_sum, X_count
 *   counter / gauge / untyped X -> X
 * The same series defined twice with the same type and family (e.g. a catalog merged in twice) has its labels
 * unioned; a series name claimed by two different types or families throws, since that catalog is inconsistent.
 */
export function expandCatalog(catalog: MetricCatalog): Map<string, SeriesDef> {
  const series = new Map<string, SeriesDef>();
  const add = (name: string, type: SeriesType, labels: readonly string[], family: string): void => {
    const existing = series.get(name);
    if (!existing) {
      series.set(name, { type, labels: new Set(labels), family });
      return;
    }
    if (existing.type !== type || existing.family !== family) {
      throw new ConfigError(
        `series "${name}" is defined twice: as ${existing.type} of "${existing.family}" and as ${type} of "${family}"`,
      );
    }
    for (const l of labels) existing.labels.add(l);
  };

  for (const def of catalog) {
    switch (def.type) {
      case 'histogram':
        add(`${def.name}_bucket`, 'histogram_bucket', [...def.labels, 'le'], def.name);
        add(`${def.name}_sum`, 'histogram_sum', def.labels, def.name);
        add(`${def.name}_count`, 'histogram_count', def.labels, def.name);
        break;
      case 'summary':
        add(def.name, 'summary_quantile', [...def.labels, 'quantile'], def.name);
        add(`${def.name}_sum`, 'summary_sum', def.labels, def.name);
        add(`${def.name}_count`, 'summary_count', def.labels, def.name);
        break;
      default:
        add(def.name, def.type, def.labels, def.name);
    }
  }
  return series;
}
