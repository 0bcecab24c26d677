/**
 * What the OsMEN gateway exposes (seed 003, "Key Metrics to Monitor"), for the monitoring lint.
 * The seed names the metrics without types or labels; the types follow the names and the way the
 * seed's alerts read them, the labels the dashboards' breakdowns (dashboards/).
 */
import { MetricCatalog } from '../../lib/catalogs';

/** The gateway's /metrics (gateway:8080). */
export const OSMEN_GATEWAY_METRICS: MetricCatalog = [
  // Request rate
  { name: 'osmen_requests_total', type: 'counter', labels: ['endpoint', 'method', 'status'], help: 'Requests served.' },
  { name: 'osmen_requests_per_second', type: 'gauge', labels: [], help: 'Requests per second, as the gateway measures it.' },
  // Response time: HighResponseTime reads its buckets.
  // The gateway is Python (FastAPI): prometheus_client's default buckets, written as it writes them
  // ("10.0"). The latency SLO counts le="10.0".
  {
    name: 'osmen_request_duration_seconds',
    type: 'histogram',
    labels: ['endpoint', 'method'],
    help: 'Request duration.',
    buckets: ['0.005', '0.01', '0.025', '0.05', '0.075', '0.1', '0.25', '0.5', '0.75', '1.0', '2.5', '5.0', '7.5', '10.0', '+Inf'],
  },
  // Error rate
  { name: 'osmen_errors_total', type: 'counter', labels: ['type'], help: 'Errors.' },
  { name: 'osmen_error_rate', type: 'gauge', labels: [], help: 'Errors per second, as the gateway measures it.' },
  // Agent executions
  { name: 'osmen_agent_executions_total', type: 'counter', labels: ['agent', 'status'], help: 'Agent executions, by agent and status (success, error).' },
  { name: 'osmen_agent_duration_seconds', type: 'histogram', labels: ['agent'], help: 'Agent execution duration.' },
  // Active users
  { name: 'osmen_active_users', type: 'gauge', labels: [], help: 'Users active now.' },
  // Token usage
  { name: 'osmen_tokens_used_total', type: 'counter', labels: ['agent', 'model'], help: 'LLM tokens used.' },
  // The cumulative spend in USD: a counter, though the seed's name lacks the _total suffix.
  { name: 'osmen_llm_cost_dollars', type: 'counter', labels: ['agent', 'model'], help: 'LLM API spend in USD.' },
];
