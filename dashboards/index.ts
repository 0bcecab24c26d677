import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DashboardSources } from './common';
import { homelabDashboards } from './homelab';
import { llamaOrchDashboards } from './llama-orch';
import { lloomDashboards } from './lloom';
import { osmenDashboards } from './osmen';
import { logsDashboard } from './logs';

export type { DashboardSources } from './common';

/** Builds an environment's dashboard models, their queries bound to the given data sources. */
type DashboardSet = (sources: DashboardSources) => dashboard.Dashboard[];

/** Each environment's dashboards, by environment name (the stack id). */
const DASHBOARDS: Readonly<Record<string, DashboardSet>> = {
  homelab: homelabDashboards,
  'llama-orch': llamaOrchDashboards,
  lloom: lloomDashboards,
  osmen: osmenDashboards,
};

/**
 * The dashboards of an environment (none for an environment that has no dashboards yet), and its
 * Logs dashboard when it has a Loki data source.
 */
export function dashboardsFor(environment: string, sources: DashboardSources): dashboard.Dashboard[] {
  return [
    ...(Object.hasOwn(DASHBOARDS, environment) ? DASHBOARDS[environment](sources) : []),
    ...(sources.loki ? [logsDashboard(environment, sources.loki)] : []),
  ];
}
