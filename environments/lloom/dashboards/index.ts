/**
 * lloom (seed 004): the seed's dashboards (overview, executor performance, network health), its
 * custom Request Flow and Cost Analysis dashboards. Its SLOs are the spec's `slos`, whose dashboard
 * (model/dashboards/slo.ts) is generated with their rules.
 * Amounts in ETH have no Grafana unit: their panels use "none" and say ETH in the title.
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DashboardSources, Panels } from '../../../model/dashboards/common';
import { executorPerformance } from './executor-performance';
import { networkHealth } from './network-health';
import { requestFlow } from './request-flow';
import { costAnalysis } from './cost-analysis';
import { overview } from './overview';

export function lloomDashboards(sources: DashboardSources): dashboard.Dashboard[] {
  const ds = sources.prometheus;
  const p = new Panels(ds);
  return [overview(ds, p), executorPerformance(ds, p), networkHealth(ds, p), requestFlow(ds, p), costAnalysis(ds, p)];
}
