/**
 * What llama-orch's services expose (seed 001, "Key Metrics"), for the monitoring lint.
 */
import { MetricCatalog } from '../../lib/catalogs';

/** rbee-hive pool managers (:8081): the seed's worker, resource, shutdown and model metrics. */
export const RBEE_HIVE_METRICS: MetricCatalog = [
  // Worker metrics
  { name: 'rbee_hive_workers_total', type: 'gauge', labels: ['state', 'backend', 'device'], help: 'Total workers by state.' },
  { name: 'rbee_hive_workers_failed_health_checks', type: 'gauge', labels: [], help: 'Workers with failed health checks.' },
  { name: 'rbee_hive_workers_restart_count', type: 'gauge', labels: [], help: 'Total restart count.' },
  { name: 'rbee_hive_worker_restart_failures_total', type: 'counter', labels: [], help: 'Total restart failures.' },
  { name: 'rbee_hive_circuit_breaker_activations_total', type: 'counter', labels: [], help: 'Circuit breaker activations.' },
  // Resource metrics
  { name: 'rbee_hive_memory_total_bytes', type: 'gauge', labels: [], help: 'Total system memory.' },
  { name: 'rbee_hive_memory_available_bytes', type: 'gauge', labels: [], help: 'Available memory.' },
  { name: 'rbee_hive_disk_total_bytes', type: 'gauge', labels: [], help: 'Total disk space.' },
  { name: 'rbee_hive_disk_available_bytes', type: 'gauge', labels: [], help: 'Available disk space.' },
  { name: 'rbee_hive_worker_spawn_resource_failures_total', type: 'counter', labels: [], help: 'Resource limit failures.' },
  // Shutdown metrics
  { name: 'rbee_hive_shutdown_duration_seconds', type: 'histogram', labels: [], help: 'Shutdown duration.' },
  { name: 'rbee_hive_workers_graceful_shutdown_total', type: 'counter', labels: [], help: 'Graceful shutdowns.' },
  { name: 'rbee_hive_workers_force_killed_total', type: 'counter', labels: [], help: 'Force-killed workers.' },
  // Model metrics
  { name: 'rbee_hive_models_downloaded_total', type: 'counter', labels: [], help: 'Total models downloaded.' },
  { name: 'rbee_hive_download_active', type: 'gauge', labels: [], help: 'Active downloads.' },
];

/**
 * queen-rbee (:8080). The seed lists no metric of the orchestrator's own: its job is watched
 * through up (ServiceDown). Add its metrics here when a rule or dashboard needs one.
 */
export const QUEEN_RBEE_METRICS: MetricCatalog = [];
