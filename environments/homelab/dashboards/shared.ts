import type { MetricCatalog } from '../../../lib/catalogs';
import { HIVE_SWARM_METRICS, LITELLM_METRICS } from '../catalog';
import { fieldError } from '../../../lib/errors';

export const ENV = 'homelab';

/**
 * A metric of a job's catalog (../catalog.ts), by name: the catalog is the one list
 * of what the hive swarm and LiteLLM expose, and a name it does not list fails here, at load.
 */
export function listed(catalog: MetricCatalog, name: string): string {
  if (!catalog.some((m) => m.name === name)) throw fieldError('environment "homelab": dashboards', 'metric', name, 'a metric of its job\'s catalog (environments/homelab/catalog.ts)');
  return name;
}

/** The hive swarm's metrics the dashboards read; the seed names them only by prefix (hive_swarm_*). */
export const H = {
  /** gauge: tasks waiting in the queue */
  queueDepth: listed(HIVE_SWARM_METRICS, 'hive_swarm_queue_depth'),
  /** gauge: workers, by status="busy|idle" */
  workers: listed(HIVE_SWARM_METRICS, 'hive_swarm_workers'),
  /** counter: tasks finished successfully */
  completed: listed(HIVE_SWARM_METRICS, 'hive_swarm_tasks_completed_total'),
  /** counter: tasks that failed */
  failed: listed(HIVE_SWARM_METRICS, 'hive_swarm_tasks_failed_total'),
};

/** LiteLLM's metrics the dashboards read (its proxy's `prometheus` callback; counters gain `_total`). */
export const L = {
  spend: listed(LITELLM_METRICS, 'litellm_spend_metric_total'),
  requests: listed(LITELLM_METRICS, 'litellm_proxy_total_requests_metric_total'),
  failedRequests: listed(LITELLM_METRICS, 'litellm_proxy_failed_requests_metric_total'),
};

/** The Brain API's health check, probed by the blackbox exporter (job "health"). */
export const BRAIN_API_PROBE = 'job="health", instance=~".*:8080/health"';
