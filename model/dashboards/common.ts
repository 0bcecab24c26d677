/**
 * Shared building blocks for the dashboards, on Grafana's own typed builders
 * (@grafana/grafana-foundation-sdk 0.0.x, the line for Grafana 12 and later: schemaVersion 42). They give every dashboard the same look
 * and the same quality rules (those of Grafana's dashboard linter):
 *
 * - every panel has a title, a description and a unit (a Grafana unit id, checked by type);
 * - every query names its data source by uid and is written in code mode (PromQL for
 *   Prometheus, LogQL for Loki: the panel factories follow the data source they are bound to);
 * - rate(), irate() and increase() windows are `$__rate_interval` (RATE below);
 * - job and instance are multi-value query variables (All = ".+") refreshed on time change;
 * - dashboards are read-only in the UI: the code is the source of truth.
 */
import * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as loki from '@grafana/grafana-foundation-sdk/loki';
import * as logs from '@grafana/grafana-foundation-sdk/logs';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as table from '@grafana/grafana-foundation-sdk/table';
import { fieldError } from '../../lib/errors';

/** The data sources a set of dashboards queries, as Grafana references them (type and uid). */
export interface DashboardSources {
  readonly prometheus: dashboard.DataSourceRef;
  /** The environment's Loki, when it has logs: it then gets a Logs dashboard. @default none */
  readonly loki?: dashboard.DataSourceRef;
}

/** The window of every rate(), irate() and increase() on a dashboard. */
export const RATE = '$__rate_interval';

/** Matchers that apply the dashboard's job and instance variables. */
export const JOB_INSTANCE = 'job=~"$job", instance=~"$instance"';

/**
 * The Grafana unit ids the dashboards use (from Grafana's valueFormats/categories.ts). "none" is
 * for amounts Grafana has no unit for (ETH); such panels name the unit in their title.
 */
export type Unit =
  | 'none'
  | 'short'
  | 'percent'
  | 'percentunit'
  | 'bytes'
  | 'mbytes'
  | 'Bps'
  | 's'
  | 'dtdurations'
  | 'celsius'
  | 'watt'
  | 'reqps'
  | 'ops'
  | 'cps'
  | 'currencyUSD';

export type Color = 'green' | 'yellow' | 'orange' | 'red' | 'blue' | 'purple';

/** One query of a panel. */
export interface Target {
  readonly expr: string;
  /** Legend template, e.g. "{{machine}}". @default the series' labels */
  readonly legend?: string;
  /** An instant query (one value per series), for tables. @default a range query */
  readonly instant?: boolean;
}

/** What every panel needs. */
export interface PanelSpec {
  readonly title: string;
  /** What the panel shows and how to read it: shown in the panel's (i) tooltip. */
  readonly description: string;
  readonly unit: Unit;
  readonly targets: readonly Target[];
  /** Width in grid columns, out of 24. @default 12 for graphs and tables, 6 for single values */
  readonly width?: number;
  /** Height in grid rows. @default 8 for graphs and tables, 4 for single values */
  readonly height?: number;
  readonly min?: number;
  readonly max?: number;
  readonly decimals?: number;
  /** Colour of values below the first step. @default green */
  readonly base?: Color;
  /** Colour steps, e.g. [[80, 'orange'], [90, 'red']]. @default none */
  readonly steps?: ReadonlyArray<readonly [number, Color]>;
}

export interface TimeseriesSpec extends PanelSpec {
  /** Stack the series. @default false */
  readonly stack?: boolean;
  /** Draw bars instead of lines. @default false */
  readonly bars?: boolean;
}

export interface SingleValueSpec extends PanelSpec {
  /** How the series over the time range become one value. @default lastNotNull */
  readonly calc?: 'lastNotNull' | 'mean' | 'max' | 'min';
  /** Draw the series behind the value. @default false */
  readonly sparkline?: boolean;
}

/** The methods every panel builder of the SDK shares. */
interface PanelBuilderBase<T> extends cog.Builder<dashboard.Panel> {
  title(title: string): T;
  description(description: string): T;
  unit(unit: string): T;
  datasource(datasource: dashboard.DataSourceRef): T;
  targets(targets: cog.Builder<cog.Dataquery>[]): T;
  span(w: number): T;
  height(h: number): T;
  min(min: number): T;
  max(max: number): T;
  decimals(decimals: number): T;
  thresholds(thresholds: cog.Builder<dashboard.ThresholdsConfig>): T;
}

const REF_IDS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Panel factories bound to one data source: Prometheus (PromQL queries) or Loki (LogQL queries). */
export class Panels {
  constructor(private readonly datasource: dashboard.DataSourceRef) {}

  /** A time series graph, legend as a table with mean, max and last. */
  timeseries(spec: TimeseriesSpec): timeseries.PanelBuilder {
    const panel = this.common(new timeseries.PanelBuilder(), spec, 12, 8)
      .lineWidth(1)
      .fillOpacity(spec.stack ? 35 : 10)
      .showPoints(common.VisibilityMode.Never)
      .legend(
        new common.VizLegendOptionsBuilder()
          .showLegend(true)
          .displayMode(common.LegendDisplayMode.Table)
          .placement(common.LegendPlacement.Bottom)
          .calcs(['mean', 'max', 'lastNotNull']),
      )
      .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
    if (spec.steps?.length) {
      // Thresholds are drawn as dashed lines: the alert levels are visible on the graph.
      panel.thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
    }
    if (spec.stack) panel.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
    if (spec.bars) panel.drawStyle(common.GraphDrawStyle.Bars);
    return panel;
  }

  /** One big number, coloured by the thresholds. */
  stat(spec: SingleValueSpec): stat.PanelBuilder {
    return this.common(new stat.PanelBuilder(), spec, 6, 4)
      .reduceOptions(reduce(spec.calc))
      .colorMode(common.BigValueColorMode.Value)
      .graphMode(spec.sparkline ? common.BigValueGraphMode.Area : common.BigValueGraphMode.None)
      .textMode(common.BigValueTextMode.Auto);
  }

  /** A gauge, for a share of a known maximum. */
  gauge(spec: SingleValueSpec): gauge.PanelBuilder {
    return this.common(new gauge.PanelBuilder(), spec, 6, 6)
      .reduceOptions(reduce(spec.calc))
      .showThresholdMarkers(true);
  }

  /** Horizontal bars, one per series: comparing many filesystems, jobs or models at a glance. */
  barGauge(spec: SingleValueSpec): bargauge.PanelBuilder {
    return this.common(new bargauge.PanelBuilder(), spec, 12, 8)
      .reduceOptions(reduce(spec.calc))
      .displayMode(common.BarGaugeDisplayMode.Gradient)
      .orientation(common.VizOrientation.Horizontal);
  }

  /**
   * A table of the series' labels and current values (instant queries). `hide` names label
   * columns that say nothing here (Time and __name__ are always hidden).
   */
  table(spec: PanelSpec & { readonly hide?: readonly string[] }): table.PanelBuilder {
    const excludeByName = Object.fromEntries(['Time', '__name__', ...(spec.hide ?? [])].map((name) => [name, true]));
    return this.common(new table.PanelBuilder(), { ...spec, targets: spec.targets.map((t) => ({ ...t, instant: true })) }, 12, 8)
      .withTransformation({ id: 'merge', options: {} })
      .withTransformation({ id: 'organize', options: { excludeByName } })
      .filterable(true);
  }

  /** Log lines, newest first, each line's labels and fields a click away (Loki only). */
  logs(spec: PanelSpec): logs.PanelBuilder {
    if (this.datasource.type !== 'loki') throw fieldError(`logs panel "${spec.title}"`, 'datasource', this.datasource.type, 'a Loki data source');
    return this.common(new logs.PanelBuilder(), spec, 24, 12)
      .showTime(true)
      .showLabels(true)
      .showCommonLabels(false)
      .wrapLogMessage(true)
      .prettifyLogMessage(false)
      .enableLogDetails(true)
      .sortOrder(common.LogsSortOrder.Descending)
      .dedupStrategy(common.LogsDedupStrategy.None);
  }

  private common<T extends PanelBuilderBase<T>>(panel: T, spec: PanelSpec, width: number, height: number): T {
    panel
      .title(spec.title)
      .description(spec.description)
      .unit(spec.unit)
      .datasource(this.datasource)
      .targets(spec.targets.map((t, i) => this.query(t, i)))
      .span(spec.width ?? width)
      .height(spec.height ?? height)
      .thresholds(
        new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
          { value: null, color: spec.base ?? 'green' },
          ...(spec.steps ?? []).map(([value, color]) => ({ value, color })),
        ]),
      );
    if (spec.min !== undefined) panel.min(spec.min);
    if (spec.max !== undefined) panel.max(spec.max);
    if (spec.decimals !== undefined) panel.decimals(spec.decimals);
    return panel;
  }

  private query(target: Target, index: number): cog.Builder<cog.Dataquery> {
    if (this.datasource.type === 'loki') {
      const query = new loki.DataqueryBuilder()
        .datasource(this.datasource)
        .refId(REF_IDS[index])
        .expr(target.expr)
        .editorMode(loki.QueryEditorMode.Code)
        .queryType(target.instant ? loki.LokiQueryType.Instant : loki.LokiQueryType.Range);
      if (target.legend !== undefined) query.legendFormat(target.legend);
      return query;
    }
    const query = new prometheus.DataqueryBuilder()
      .datasource(this.datasource)
      .refId(REF_IDS[index])
      .expr(target.expr)
      .editorMode(prometheus.QueryEditorMode.Code);
    if (target.legend !== undefined) query.legendFormat(target.legend);
    // Instant queries feed tables: one row per series, labels as columns.
    if (target.instant) query.instant().format(prometheus.PromQueryFormat.Table);
    else query.range();
    return query;
  }
}

function reduce(calc: SingleValueSpec['calc']): common.ReduceDataOptionsBuilder {
  return new common.ReduceDataOptionsBuilder().values(false).calcs([calc ?? 'lastNotNull']);
}

/**
 * A multi-value query variable over a label's values, with "All" meaning any value (".+"), as
 * the linter wants of job and instance. `query` is Grafana's `label_values(<selector>, <label>)`.
 */
export function labelVariable(datasource: dashboard.DataSourceRef, name: string, query: string): dashboard.QueryVariableBuilder {
  return new dashboard.QueryVariableBuilder(name)
    .label(name)
    .datasource(datasource)
    .query(query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.+')
    .current({ selected: true, text: 'All', value: '$__all' });
}

/**
 * The job and instance variables of a dashboard whose metrics come from these scrape jobs
 * (a regex, e.g. "node|gpu" or "lloom-.*"); instance lists the selected jobs' targets.
 */
export function jobInstanceVariables(datasource: dashboard.DataSourceRef, jobs: string): dashboard.QueryVariableBuilder[] {
  return [
    labelVariable(datasource, 'job', `label_values(up{job=~"${jobs}"}, job)`),
    labelVariable(datasource, 'instance', 'label_values(up{job=~"$job"}, instance)'),
  ];
}

export interface Row {
  readonly title: string;
  readonly panels: ReadonlyArray<cog.Builder<dashboard.Panel>>;
}

export interface DashboardSpec {
  /** The environment: the dashboard's first tag, and the set its link menu lists. */
  readonly environment: string;
  /** Stable uid, e.g. "homelab-system-infrastructure" (at most 40 characters). */
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  /** @default the environment only */
  readonly tags?: readonly string[];
  readonly variables?: ReadonlyArray<cog.Builder<dashboard.VariableModel>>;
  readonly rows: readonly Row[];
}

const GRID_WIDTH = 24;

/**
 * Builds a dashboard model: rows are expanded (their panels follow them at the top level, the
 * layout Grafana expects of open rows) and panels flow left to right, wrapping at 24 columns.
 */
export function buildDashboard(spec: DashboardSpec): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([spec.environment, ...(spec.tags ?? [])])
    .readonly()
    .timezone('browser')
    .time({ from: 'now-6h', to: 'now' })
    .refresh('1m')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .link(
      new dashboard.DashboardLinkBuilder(`${spec.environment} dashboards`)
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags([spec.environment])
        .asDropdown(true)
        .keepTime(true)
        .includeVars(false)
        .targetBlank(false),
    );
  for (const variable of spec.variables ?? []) builder.withVariable(variable);

  let id = 0;
  let x = 0;
  let y = 0;
  let lineHeight = 0;
  const newLine = () => {
    y += lineHeight;
    x = 0;
    lineHeight = 0;
  };
  for (const row of spec.rows) {
    if (x > 0) newLine();
    const rowPanel = new dashboard.RowBuilder(row.title).id(++id).collapsed(false).gridPos({ x: 0, y, w: GRID_WIDTH, h: 1 });
    builder.withRow(rowPanel);
    y += 1;
    for (const panelBuilder of row.panels) {
      const panel = panelBuilder.build();
      const { w, h } = panel.gridPos ?? dashboard.defaultGridPos();
      if (x + w > GRID_WIDTH) newLine();
      panel.id = ++id;
      panel.gridPos = { x, y, w, h };
      builder.withPanel({ build: () => panel });
      x += w;
      lineHeight = Math.max(lineHeight, h);
    }
  }
  return builder.build();
}
