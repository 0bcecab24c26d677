/**
 * The SLOs dashboard of an environment with SLOs (lib/slo.ts): one row per SLO with its
 * objective, the SLI over the last hour, the budget left over the period and the burn rate, then
 * the burn rate over each alert's long window with the alerts' thresholds drawn, and the budget
 * left over time. A latency SLO also shows the quantile its objective names (99% within 5 s: the
 * p99), with the threshold drawn. Every query reads the SLO's recorded series, but the quantile.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, Color, Panels, RATE, Row } from './common';
import { burnAlerts, errorBudget, objectiveRatio, SLO_PERIOD_DEFAULT, SLO_RECORDS, sloSeries, SloSpec } from '../slo';

/** Colours of the alert thresholds on the burn-rate graph, slowest first. */
const THRESHOLD_COLOURS: readonly Color[] = ['yellow', 'orange', 'red', 'purple'];

/** The uid of an environment's SLOs dashboard. */
export function sloDashboardUid(environment: string): string {
  return `${environment}-slo`;
}

function sloRow(p: Panels, slo: SloSpec): Row {
  const period = slo.period ?? SLO_PERIOD_DEFAULT;
  const objective = objectiveRatio(slo);
  const alerts = burnAlerts(slo);
  const fastest = alerts[0];
  const series = (record: string) => sloSeries(record, slo);
  const stats = [
    p.stat({
      title: 'Objective',
      description: `The share of ${slo.description} the SLO keeps over ${period}; the budget is the rest (${Number((errorBudget(slo) * 100).toPrecision(12))}%).`,
      unit: 'percentunit',
      decimals: 3,
      base: 'blue',
      targets: [{ expr: series(SLO_RECORDS.objective) }],
    }),
    p.stat({
      title: `SLI, last ${fastest.long}`,
      description: `The share of ${slo.description} over the last ${fastest.long}; red below the objective.`,
      unit: 'percentunit',
      decimals: 3,
      base: 'red',
      steps: [[objective, 'green']],
      sparkline: true,
      targets: [{ expr: `1 - ${series(SLO_RECORDS.errorRatio(fastest.long))}` }],
    }),
    p.stat({
      title: `Budget left, ${period}`,
      description: `The share of the ${period} error budget not yet spent; red once it is gone (below 0).`,
      unit: 'percentunit',
      decimals: 1,
      base: 'red',
      steps: [[0, 'green']],
      sparkline: true,
      targets: [{ expr: series(SLO_RECORDS.remaining) }],
    }),
    p.stat({
      title: `Burn rate, last ${fastest.long} (x budget)`,
      description: `How many times faster than the budget allows ${slo.description} fail over the last ${fastest.long}: 1 spends the budget in exactly ${period}; the page fires at ${fastest.factor}.`,
      unit: 'none',
      decimals: 2,
      steps: [[1, 'yellow'], [fastest.factor, 'red']],
      sparkline: true,
      targets: [{ expr: series(SLO_RECORDS.burnRate(fastest.long)) }],
    }),
  ];
  const latency = slo.sli.latency;
  const width = latency ? 8 : 12;
  const graphs = [
    p.timeseries({
      title: 'Burn rate by alert window (x budget)',
      description:
        'The burn rate over the long window of each alert; the dashed lines are the alerts\' thresholds: ' +
        `${alerts.map((a) => `${a.kind} at ${a.factor}x over ${a.long} (and ${a.short})`).join(', ')}.`,
      unit: 'none',
      width,
      steps: [...alerts].reverse().map((a, i) => [a.factor, THRESHOLD_COLOURS[i]] as const),
      targets: alerts.map((a) => ({ expr: series(SLO_RECORDS.burnRate(a.long)), legend: `${a.long} (${a.kind} at ${a.factor}x)` })),
    }),
    p.timeseries({
      title: `Error budget left, ${period}`,
      description: `The share of the ${period} error budget not yet spent, over time; the dashed line is 0, where it is gone.`,
      unit: 'percentunit',
      width,
      base: 'red',
      steps: [[0, 'green']],
      targets: [{ expr: series(SLO_RECORDS.remaining), legend: 'budget left' }],
    }),
    ...(latency ? [latencyGraph(p, slo, latency.histogram, latency.le, width)] : []),
  ];
  return { title: `${slo.name}: ${slo.description}, ${slo.objective}% over ${period}`, panels: [...stats, ...graphs] };
}

/** The quantile a latency objective names, with the threshold drawn: 99% within 5 s is p99 under 5 s. */
function latencyGraph(p: Panels, slo: SloSpec, histogram: string, le: string, width: number): cog.Builder<dashboard.Panel> {
  const quantile = objectiveRatio(slo);
  return p.timeseries({
    title: `p${slo.objective} latency`,
    description: `The ${slo.objective}th percentile of ${histogram}, over all series; the dashed line is the SLO's threshold (${le} s).`,
    unit: 's',
    width,
    steps: [[Number(le), 'red']],
    targets: [{ expr: `histogram_quantile(${quantile}, sum by (le) (rate(${histogram}_bucket[${RATE}])))`, legend: `p${slo.objective}` }],
  });
}

/** The SLOs dashboard of an environment: one row per SLO. */
export function sloDashboard(environment: string, datasource: dashboard.DataSourceRef, slos: readonly SloSpec[]): dashboard.Dashboard {
  const p = new Panels(datasource);
  return buildDashboard({
    environment,
    uid: sloDashboardUid(environment),
    title: 'SLOs',
    description: `Service-level objectives and their error budgets: ${slos.map((s) => `${s.name} ${s.objective}%`).join(', ')}. Generated from the spec's slos with their rules and alerts.`,
    rows: slos.map((slo) => sloRow(p, slo)),
  });
}
