/**
 * llama-orch (seed 001): the seed's production dashboard (its four panels) and every query of
 * its "Useful Queries", over the queen-rbee and rbee-hive scrape jobs.
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DashboardSources } from '../../../model/dashboards/common';
import { production } from './production';

export function llamaOrchDashboards(sources: DashboardSources): dashboard.Dashboard[] {
  return [production(sources.prometheus)];
}
