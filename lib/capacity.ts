import { durationSeconds, isDuration } from './duration';
import { CATALOGS, mergeCatalogs, processGo, scrapeSeries, type MetricCatalog } from './catalogs';

/**
 * The load a Prometheus will carry, estimated from what it scrapes: active series = targets ×
 * the series one target of the job exposes (from its metric catalog), samples per second =
 * series ÷ scrape interval, disk = samples over the retention × bytes a sample takes once
 * compacted. A catalog lists metric families, not label values, so each family counts once per
 * label combination it is sure to have: one series for a counter or gauge, the buckets plus
 * `_sum` and `_count` for a histogram, the quantiles plus `_sum` and `_count` for a summary. The
 * estimate is therefore a floor: exporters with per-device or per-request labels expose more.
 */

/** Buckets of a histogram whose `le` values the catalog does not list: client_golang's default set (11) plus +Inf. */
export const HISTOGRAM_BUCKETS = 12;
/** Quantiles of a summary: the common 0.5, 0.9, 0.99. */
export const SUMMARY_QUANTILES = 3;
/** Bytes per sample on disk after compaction (Prometheus's storage docs: 1 to 2). */
export const BYTES_PER_SAMPLE = 2;

/** The series one target exposes, per the catalog (see above), plus the series every scrape adds. */
export function seriesPerTarget(catalog: MetricCatalog): number {
  let series = 0;
  for (const family of mergeCatalogs(catalog, scrapeSeries)) {
    if (family.type === 'histogram') series += HISTOGRAM_BUCKETS + 2;
    else if (family.type === 'summary') series += SUMMARY_QUANTILES + 2;
    else series += 1;
  }
  return series;
}

/** The series a target of a named catalog of lib/catalogs exposes, with the Go process metrics where it serves them. */
export function namedCatalogSeries(name: string): number | undefined {
  const info = CATALOGS[name];
  if (!info) return undefined;
  return seriesPerTarget(info.exposesProcessGo ? mergeCatalogs(info.catalog, processGo) : info.catalog);
}

export interface CapacityJob {
  name: string;
  targets: number;
  /** The job's scrape interval. */
  interval: string;
  /** Series a target exposes; undefined when no catalog describes the job. */
  seriesPerTarget?: number;
}

export interface CapacityEstimate {
  targets: number;
  activeSeries: number;
  samplesPerSecond: number;
  /** Disk for the retention time, capped by the retention size when there is one. */
  diskBytes?: number;
  /** Jobs whose targets are counted but whose series are not, for want of a catalog. */
  uncatalogued: string[];
}

/** The estimate for a Prometheus scraping these jobs and keeping samples this long (and at most `size`). */
export function estimateCapacity(jobs: readonly CapacityJob[], retention: { time?: string; size?: string }): CapacityEstimate {
  let targets = 0;
  let activeSeries = 0;
  let samplesPerSecond = 0;
  const uncatalogued: string[] = [];
  for (const job of jobs) {
    targets += job.targets;
    if (job.seriesPerTarget === undefined) {
      if (job.targets > 0) uncatalogued.push(job.name);
      continue;
    }
    const series = job.targets * job.seriesPerTarget;
    activeSeries += series;
    samplesPerSecond += isDuration(job.interval) ? series / durationSeconds(job.interval) : 0;
  }
  let diskBytes = retention.time && isDuration(retention.time) ? samplesPerSecond * durationSeconds(retention.time) * BYTES_PER_SAMPLE : undefined;
  const cap = retention.size ? sizeBytes(retention.size) : undefined;
  if (diskBytes !== undefined && cap !== undefined) diskBytes = Math.min(diskBytes, cap);
  return { targets, activeSeries, samplesPerSecond, diskBytes, uncatalogued: uncatalogued.sort() };
}

const SIZE_UNITS: Record<string, number> = { B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40, PB: 2 ** 50, EB: 2 ** 60 };

/** Prometheus's retention size ("100GB", base 2 as Prometheus reads it) in bytes; undefined when unreadable. */
export function sizeBytes(size: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(B|KB|MB|GB|TB|PB|EB)$/.exec(size);
  return m ? Number(m[1]) * SIZE_UNITS[m[2]] : undefined;
}

/** Bytes as "1.4 GB" (base 2, like Prometheus's sizes). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
