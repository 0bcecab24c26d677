/**
 * What the Lloom network's nodes expose (seed 004, "Key Metrics"), for the monitoring lint.
 *
 * The seed lists the metrics with their labels but mostly without types: the types follow the
 * names (`_total` counters; levels, rates and percentages gauges) and the seed's own queries.
 *
 * Some metrics the seed's queries read are not in its Key Metrics. The rule followed here: such a
 * metric is added (this project's contract with the nodes) when nothing listed measures the same
 * thing; otherwise the query is rewritten to read what is listed.
 *   - `lloom_request_duration_seconds` (histogram): the seed's Request Flow dashboard and its
 *     latency SLO read its _bucket series; Key Metrics has the client's latency only as the
 *     summary `lloom_client_request_duration_seconds{quantile}`, whose quantiles cannot be
 *     aggregated across clients, so an SLO over the network needs the histogram. Clients expose both.
 *   - `lloom_executor_tokens_processed_total` (counter): the seed's capacity planning reads it;
 *     `lloom_executor_tokens_per_second` is a rate, not the count of tokens processed.
 *   - `lloom_executor_gpu_memory_total_bytes`: only the seed's ExecutorGPUMemoryHigh alert reads
 *     it, and the GPU exporter that runs on every executor measures the same memory: the alert
 *     reads nvidia_smi_memory_used_bytes / nvidia_smi_memory_total_bytes instead.
 *   - `lloom_executor_request_duration_seconds` has no type in the seed: a histogram
 *     (executor-side processing time, aggregatable).
 */
import { mergeCatalogs, MetricCatalog, nodeExporter, nvidiaGpuExporter, processGo } from '../../lib/catalogs';

/** Client nodes (:9091). */
export const LLOOM_CLIENT_METRICS: MetricCatalog = [
  // Request metrics
  // model: the seed's recording rule lloom:request_rate:5m sums it by model.
  { name: 'lloom_client_requests_total', type: 'counter', labels: ['status', 'model'], help: 'Requests, by status (success, failed, timeout).' },
  { name: 'lloom_client_request_duration_seconds', type: 'summary', labels: [], help: 'Request duration, quantiles 0.5, 0.9 and 0.99.' },
  // Buckets: this project's contract with the clients; the latency SLO (99% within 5 s) counts le="5".
  {
    name: 'lloom_request_duration_seconds',
    type: 'histogram',
    labels: [],
    help: 'Request duration, for latency percentiles across clients (the SLO).',
    buckets: ['0.1', '0.25', '0.5', '1', '2.5', '5', '10', '30', '60', '+Inf'],
  },
  { name: 'lloom_client_active_requests', type: 'gauge', labels: [], help: 'Requests in flight.' },
  // Token metrics
  { name: 'lloom_client_tokens_used_total', type: 'counter', labels: ['type'], help: 'Tokens used, by type (inbound, outbound).' },
  { name: 'lloom_client_tokens_per_request', type: 'gauge', labels: ['model'], help: 'Tokens per request.' },
  // Cost metrics
  { name: 'lloom_client_cost_total', type: 'counter', labels: ['currency'], help: 'Cost paid (ETH).' },
  { name: 'lloom_client_cost_per_request', type: 'gauge', labels: ['model'], help: 'Cost per request.' },
  // Network metrics
  { name: 'lloom_client_peers_connected', type: 'gauge', labels: [], help: 'Peers connected.' },
  { name: 'lloom_client_executors_available', type: 'gauge', labels: ['model'], help: 'Executors available, by model.' },
  { name: 'lloom_client_network_messages_total', type: 'counter', labels: ['type'], help: 'Network messages, by type (sent, received).' },
];

/** Executor nodes (:9092). */
export const LLOOM_EXECUTOR_METRICS: MetricCatalog = [
  // Request processing
  { name: 'lloom_executor_requests_total', type: 'counter', labels: ['model', 'status'], help: 'Requests processed.' },
  { name: 'lloom_executor_request_duration_seconds', type: 'histogram', labels: [], help: 'Request processing duration.' },
  { name: 'lloom_executor_queue_size', type: 'gauge', labels: ['priority'], help: 'Queued requests, by priority (low, normal, high).' },
  { name: 'lloom_executor_active_requests', type: 'gauge', labels: ['model'], help: 'Requests being processed.' },
  // Model metrics
  { name: 'lloom_executor_model_load_time_seconds', type: 'gauge', labels: ['model'], help: 'Time the model took to load.' },
  { name: 'lloom_executor_tokens_per_second', type: 'gauge', labels: ['model'], help: 'Token throughput.' },
  { name: 'lloom_executor_tokens_processed_total', type: 'counter', labels: ['model'], help: 'Tokens processed.' },
  { name: 'lloom_executor_model_errors_total', type: 'counter', labels: ['model', 'error'], help: 'Model errors (load_failed, ...).' },
  // Revenue metrics
  { name: 'lloom_executor_revenue_total', type: 'counter', labels: ['currency'], help: 'Revenue earned (ETH).' },
  { name: 'lloom_executor_revenue_per_request', type: 'gauge', labels: ['model'], help: 'Revenue per request.' },
  // Resource metrics
  { name: 'lloom_executor_gpu_utilization_percent', type: 'gauge', labels: ['device'], help: 'GPU utilization, by device (0, 1, 2, 3).' },
  { name: 'lloom_executor_gpu_memory_used_bytes', type: 'gauge', labels: ['device'], help: 'GPU memory used, by device.' },
  { name: 'lloom_executor_cpu_usage_percent', type: 'gauge', labels: [], help: 'CPU usage.' },
  { name: 'lloom_executor_memory_usage_bytes', type: 'gauge', labels: [], help: 'Memory usage.' },
];

/** Validator nodes (:9093). */
export const LLOOM_VALIDATOR_METRICS: MetricCatalog = [
  // Validation metrics
  { name: 'lloom_validator_validations_total', type: 'counter', labels: ['result'], help: 'Validations, by result (pass, fail).' },
  { name: 'lloom_validator_validation_duration_seconds', type: 'histogram', labels: [], help: 'Validation duration.' },
  { name: 'lloom_validator_violations_detected_total', type: 'counter', labels: ['type'], help: 'Violations detected, by type.' },
  // Network observation
  { name: 'lloom_validator_transactions_observed_total', type: 'counter', labels: [], help: 'Transactions observed.' },
  { name: 'lloom_validator_transactions_validated_total', type: 'counter', labels: [], help: 'Transactions validated.' },
  { name: 'lloom_validator_validation_sampling_rate', type: 'gauge', labels: [], help: 'Share of transactions validated.' },
  // Economic metrics
  { name: 'lloom_validator_rewards_earned_total', type: 'counter', labels: ['currency'], help: 'Rewards earned (ETH).' },
  { name: 'lloom_validator_penalties_total', type: 'counter', labels: ['reason'], help: 'Penalties (ETH), by reason.' },
  { name: 'lloom_validator_stake_amount', type: 'gauge', labels: ['currency'], help: 'Amount staked (ETH).' },
];

/** Any Lloom node, as the Kubernetes and Consul discovery jobs find them. */
export const LLOOM_NODE_METRICS: MetricCatalog = mergeCatalogs(LLOOM_CLIENT_METRICS, LLOOM_EXECUTOR_METRICS, LLOOM_VALIDATOR_METRICS);

/** node_exporter on every node (:9100). */
export const NODE_METRICS: MetricCatalog = mergeCatalogs(nodeExporter, processGo);

/** utkuozdemir/nvidia_gpu_exporter on every executor (:9835). */
export const NVIDIA_GPU_METRICS: MetricCatalog = mergeCatalogs(nvidiaGpuExporter, processGo);

/**
 * Geth's /debug/metrics/prometheus (eth-node:6060): go-ethereum's metrics registry, names with
 * "/" turned to "_". Its exporter writes counters as gauges. Only the chain, peer and pool levels.
 */
export const GETH_METRICS: MetricCatalog = [
  { name: 'chain_head_block', type: 'gauge', labels: [], help: 'Number of the current head block.' },
  { name: 'chain_head_header', type: 'gauge', labels: [], help: 'Number of the current head header.' },
  { name: 'chain_head_receipt', type: 'gauge', labels: [], help: 'Number of the current head receipt (fast sync).' },
  { name: 'chain_head_finalized', type: 'gauge', labels: [], help: 'Number of the finalized block.' },
  { name: 'chain_head_safe', type: 'gauge', labels: [], help: 'Number of the safe block.' },
  { name: 'p2p_peers', type: 'gauge', labels: [], help: 'Connected peers.' },
  { name: 'txpool_pending', type: 'gauge', labels: [], help: 'Executable transactions in the pool.' },
  { name: 'txpool_queued', type: 'gauge', labels: [], help: 'Non-executable transactions in the pool.' },
];
