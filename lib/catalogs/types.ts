/** Types shared by the metric catalogs (re-exported from ./index). */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

/**
 * One metric family as an exporter exposes it.
 * `labels` are the labels the exporter itself attaches; the target labels Prometheus adds at scrape time
 * (`job`, `instance`, plus relabelling results) are implicit and not listed, except where the exporter
 * exposes them itself (e.g. the Pushgateway's grouping labels, or the synthetic scrape series).
 * For histograms and summaries, do not list `le` / `quantile`: `expandCatalog` adds them.
 */
export interface MetricDef {
  readonly name: string;
  readonly type: MetricType;
  readonly labels: readonly string[];
  readonly help?: string;
  /** A histogram's bucket bounds, as the exporter writes them in `le` ("0.5", "10.0", "+Inf"); SLIs read them. @default not listed */
  readonly buckets?: readonly string[];
}

export type MetricCatalog = ReadonlyArray<MetricDef>;

/** Type of one exposed series name after expanding histogram / summary families. */
export type SeriesType =
  | 'counter'
  | 'gauge'
  | 'histogram_bucket'
  | 'histogram_sum'
  | 'histogram_count'
  | 'summary_quantile'
  | 'summary_sum'
  | 'summary_count'
  | 'untyped';

export interface SeriesDef {
  type: SeriesType;
  labels: Set<string>;
  /** Name of the metric family the series belongs to (the histogram/summary base name). */
  family: string;
}
