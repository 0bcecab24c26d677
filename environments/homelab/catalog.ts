/**
 * What the homelab's own endpoints expose (seed 000, GLM3), for the monitoring lint.
 *
 * The seed names the brain worker and LanceDB metrics. For the LiteLLM proxy the names are
 * LiteLLM's own (its `prometheus` callback, litellm/integrations/prometheus.py; Python's client
 * appends `_total` to counters). The LiteLLM usage exporter, the hive swarm and the opus router are
 * named by the seed only by prefix or purpose: the metrics below are the ones this project's rules
 * and dashboards read, and their names and types are this project's contract with those
 * exporters. Change them here (and in dashboards/) if an exporter's differ.
 */
import { MetricCatalog, processCollector } from '../../lib/catalogs';

/**
 * Brain V3 worker exporter (:9403 on alienware and pc). `machine` is also the target label every
 * brain-worker target carries. The signal queue (brain_signal_queue_*) has no endpoint of its
 * own in the seed: the worker exporter serves it.
 */
export const BRAIN_WORKER_METRICS: MetricCatalog = [
  { name: 'brain_worker_status', type: 'gauge', labels: ['worker', 'machine'], help: 'Worker status (0=down, 1=up).' },
  { name: 'brain_worker_memory_bytes', type: 'gauge', labels: ['worker', 'machine'], help: 'Memory usage of the worker.' },
  // No _total suffix in the seed, but it only grows: the dashboards read it with increase().
  { name: 'brain_worker_restart_count', type: 'counter', labels: ['worker', 'machine'], help: 'Restarts of the worker.' },
  { name: 'brain_worker_uptime_seconds', type: 'gauge', labels: ['worker', 'machine'], help: 'Seconds since the worker started.' },
  // A _total suffix, but a level: SignalQueueBacklog alerts on the number pending (> 2000).
  { name: 'brain_signal_queue_total', type: 'gauge', labels: ['status'], help: 'Signals in the queue, by status (pending, ...).' },
];

/** LanceDB metrics (:9105 on alienware). */
export const BRAIN_LANCEDB_METRICS: MetricCatalog = [
  // Records ingested: it only grows (LanceDBStagnant reads it with increase()). If rows can be
  // deleted, the exporter must expose the row count as a gauge and the alert use delta().
  { name: 'brain_lancedb_rows_total', type: 'counter', labels: [], help: 'Total records.' },
  { name: 'brain_lancedb_size_bytes', type: 'gauge', labels: [], help: 'Database size.' },
  { name: 'brain_lancedb_ingestion_rate', type: 'gauge', labels: [], help: 'Records ingested per second, as the exporter measures it.' },
];

/** Labels of LiteLLM's per-request metrics (PrometheusMetricLabels). */
const LITELLM_REQUEST = ['end_user', 'hashed_api_key', 'api_key_alias', 'requested_model', 'team', 'team_alias', 'user'];
const LITELLM_MODEL = ['end_user', 'hashed_api_key', 'api_key_alias', 'model', 'team', 'team_alias', 'user'];
const LITELLM_DEPLOYMENT = ['litellm_model_name', 'model_id', 'api_base', 'api_provider'];
const LITELLM_DEPLOYMENT_REQUEST = ['requested_model', ...LITELLM_DEPLOYMENT, 'hashed_api_key', 'api_key_alias', 'team', 'team_alias'];

/**
 * The LiteLLM proxy's /metrics (:9101), its `prometheus` callback. The token counter is
 * `litellm_total_tokens` (exposed as litellm_total_tokens_total), as the documented metric list
 * names it; releases since late 2025 also call it litellm_total_tokens_metric.
 */
export const LITELLM_METRICS: MetricCatalog = [
  { name: 'litellm_proxy_total_requests_metric_total', type: 'counter', labels: [...LITELLM_REQUEST, 'status_code'], help: 'Requests made to the proxy.' },
  { name: 'litellm_proxy_failed_requests_metric_total', type: 'counter', labels: [...LITELLM_REQUEST, 'exception_status', 'exception_class'], help: 'Requests the proxy failed.' },
  { name: 'litellm_requests_metric_total', type: 'counter', labels: LITELLM_MODEL, help: 'LLM calls by key, team and user (deprecated by LiteLLM).' },
  { name: 'litellm_spend_metric_total', type: 'counter', labels: LITELLM_MODEL, help: 'Total spend on LLM requests.' },
  { name: 'litellm_total_tokens_total', type: 'counter', labels: [...LITELLM_MODEL, 'requested_model'], help: 'Input + output tokens.' },
  { name: 'litellm_input_tokens_total', type: 'counter', labels: [...LITELLM_MODEL, 'requested_model'], help: 'Input tokens.' },
  { name: 'litellm_output_tokens_total', type: 'counter', labels: [...LITELLM_MODEL, 'requested_model'], help: 'Output tokens.' },
  { name: 'litellm_request_total_latency_metric', type: 'histogram', labels: [...LITELLM_REQUEST, 'model'], help: 'Total latency (seconds) of a request to the proxy.' },
  { name: 'litellm_llm_api_latency_metric', type: 'histogram', labels: [...LITELLM_MODEL, 'requested_model'], help: 'Latency (seconds) of the LLM API call alone.' },
  { name: 'litellm_llm_api_time_to_first_token_metric', type: 'histogram', labels: ['model', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias'], help: 'Time to first token (streaming requests).' },
  { name: 'litellm_deployment_success_responses_total', type: 'counter', labels: LITELLM_DEPLOYMENT_REQUEST, help: 'Successful LLM API calls of a deployment.' },
  { name: 'litellm_deployment_failure_responses_total', type: 'counter', labels: [...LITELLM_DEPLOYMENT_REQUEST, 'exception_status', 'exception_class'], help: 'Failed LLM API calls of a deployment.' },
  { name: 'litellm_deployment_total_requests_total', type: 'counter', labels: LITELLM_DEPLOYMENT_REQUEST, help: 'LLM API calls of a deployment.' },
  { name: 'litellm_deployment_state', type: 'gauge', labels: LITELLM_DEPLOYMENT, help: '0 = healthy, 1 = partial outage, 2 = complete outage.' },
  { name: 'litellm_remaining_requests_metric', type: 'gauge', labels: ['model_group', 'api_provider', 'api_base', 'litellm_model_name', 'hashed_api_key', 'api_key_alias'], help: 'x-ratelimit-remaining-requests of the deployment.' },
  { name: 'litellm_remaining_tokens_metric', type: 'gauge', labels: ['model_group', 'api_provider', 'api_base', 'litellm_model_name', 'hashed_api_key', 'api_key_alias'], help: 'x-ratelimit-remaining-tokens of the deployment.' },
  { name: 'litellm_remaining_team_budget_metric', type: 'gauge', labels: ['team', 'team_alias'], help: 'Remaining budget of a team.' },
  { name: 'litellm_remaining_api_key_budget_metric', type: 'gauge', labels: ['hashed_api_key', 'api_key_alias'], help: 'Remaining budget of an API key.' },
  // Python's prometheus_client default collectors.
  ...processCollector,
];

/**
 * The LiteLLM usage exporter (:9102), "detailed usage from database": totals read from LiteLLM's
 * spend logs, so levels (gauges) that may be recomputed, not counters. Contract names.
 */
export const LITELLM_USAGE_METRICS: MetricCatalog = [
  { name: 'litellm_usage_spend_dollars', type: 'gauge', labels: ['model', 'user'], help: 'Spend recorded in the database, in USD, today.' },
  { name: 'litellm_usage_requests', type: 'gauge', labels: ['model', 'user'], help: 'Requests recorded in the database, today.' },
  { name: 'litellm_usage_tokens', type: 'gauge', labels: ['model', 'user', 'type'], help: 'Tokens recorded in the database today, by type (prompt, completion).' },
];

/** Hive swarm (:8789): "task queue, worker status, throughput". Contract names (dashboards/). */
export const HIVE_SWARM_METRICS: MetricCatalog = [
  { name: 'hive_swarm_queue_depth', type: 'gauge', labels: [], help: 'Tasks waiting in the queue.' },
  { name: 'hive_swarm_workers', type: 'gauge', labels: ['status'], help: 'Workers, by status (busy, idle).' },
  { name: 'hive_swarm_tasks_completed_total', type: 'counter', labels: [], help: 'Tasks finished successfully.' },
  { name: 'hive_swarm_tasks_failed_total', type: 'counter', labels: [], help: 'Tasks that failed.' },
];

/** Opus router (192.168.68.54:8788): "API calls, latency, error rates". Contract names. */
export const OPUS_ROUTER_METRICS: MetricCatalog = [
  { name: 'opus_router_requests_total', type: 'counter', labels: ['model', 'status'], help: 'API calls routed, by model and status (success, error).' },
  { name: 'opus_router_request_duration_seconds', type: 'histogram', labels: ['model'], help: 'Latency of routed API calls.' },
];
