/**
 * What the openhands fleet exposes (seed 002, "Custom Metrics"), for the monitoring lint: the
 * model server's prometheus_client metrics and the Ollama fleet's. Types and labels are the
 * seed's Counter/Histogram/Gauge declarations.
 */
import type { MetricCatalog } from '../../lib/catalogs';

/** The model server's /metrics: requests, errors, latency, GPU memory and cache counters. */
export const MODEL_SERVER_METRICS: MetricCatalog = [
  { name: 'inference_requests_total', type: 'counter', labels: ['model', 'version'], help: 'Total number of inference requests' },
  { name: 'inference_errors_total', type: 'counter', labels: ['model', 'version', 'error_type'], help: 'Total number of inference errors' },
  { name: 'inference_latency_seconds', type: 'histogram', labels: ['model', 'version'], help: 'Time spent processing inference requests' },
  { name: 'gpu_memory_usage_bytes', type: 'gauge', labels: ['gpu_id', 'model'], help: 'GPU memory usage in bytes' },
  { name: 'cache_hits_total', type: 'counter', labels: ['model', 'version'], help: 'Total number of cache hits' },
  { name: 'cache_misses_total', type: 'counter', labels: ['model', 'version'], help: 'Total number of cache misses' },
];

/** The model server's /metrics/detailed: per-model memory. */
export const MODEL_SERVER_DETAILED_METRICS: MetricCatalog = [
  { name: 'model_memory_usage_bytes', type: 'gauge', labels: ['model', 'version'], help: 'Model memory usage in bytes' },
];

/** Every Ollama server's /metrics. */
export const OLLAMA_METRICS: MetricCatalog = [
  { name: 'ollama_queue_size', type: 'gauge', labels: ['model', 'instance'], help: 'Number of requests in queue' },
  { name: 'ollama_model_load_seconds', type: 'histogram', labels: ['model', 'version'], help: 'Time taken to load model' },
  { name: 'ollama_memory_usage_bytes', type: 'gauge', labels: ['instance', 'model'], help: 'Memory usage per OLLAMA instance' },
];
