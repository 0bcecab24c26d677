/**
 * homelab (seed 000, GLM3): the seed's five dashboards, on the metrics of the stack's scrape jobs
 * (node, gpu, brain-worker, lancedb, litellm, hive-swarm, health, ...).
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DashboardSources, Panels } from '../../../model/dashboards/common';
import { businessOverview } from './business-overview';
import { hiveSwarm } from './hive-swarm';
import { brainIntelligence } from './brain-intelligence';
import { systemInfrastructure } from './system-infrastructure';
import { alerts } from './alerts';

export function homelabDashboards(sources: DashboardSources): dashboard.Dashboard[] {
  const ds = sources.prometheus;
  const p = new Panels(ds);
  return [businessOverview(ds, p), hiveSwarm(ds, p), brainIntelligence(ds, p), systemInfrastructure(ds, p), alerts(ds, p)];
}
