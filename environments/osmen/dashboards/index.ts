/**
 * osmen (seed 003): the seed's five dashboards over the gateway's osmen_* metrics, cAdvisor's
 * container_* metrics, postgres-exporter's pg_* and redis-exporter's redis_* metrics.
 *
 * The seed lists its application metrics without labels; the panels assume the labels its log
 * format carries: `agent` on agent executions, durations, tokens and costs, and `status`
 * ("success", ...) on agent executions.
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DashboardSources, Panels } from '../../../model/dashboards/common';
import { agentPerformance } from './agent-performance';
import { systemHealth } from './system-health';
import { database } from './database';
import { costs } from './costs';
import { overview } from './overview';

export function osmenDashboards(sources: DashboardSources): dashboard.Dashboard[] {
  const ds = sources.prometheus;
  const p = new Panels(ds);
  return [overview(ds, p), agentPerformance(ds, p), systemHealth(ds, p), database(ds, p), costs(ds, p)];
}
