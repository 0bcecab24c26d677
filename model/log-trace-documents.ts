/**
 * The configuration documents of Loki 3 and Jaeger v2 as the Docker runtime renders them: only
 * the keys this project writes, each checked against the pinned version's documentation
 * (docs/logs-config-keys.md), so a misspelt key does not compile.
 */

/** A Loki schema period (schema_config.configs[]). */
export interface LokiSchemaPeriod {
  from: string;
  store: 'tsdb';
  object_store: 'filesystem';
  schema: 'v12' | 'v13';
  index: { prefix: string; period: string };
}

/** loki.yaml. */
export interface LokiConfig {
  auth_enabled: boolean;
  server: { http_listen_port: number };
  common: {
    path_prefix: string;
    storage: { filesystem: { chunks_directory: string; rules_directory: string } };
    replication_factor: number;
    ring: { kvstore: { store: 'inmemory' } };
  };
  schema_config: { configs: LokiSchemaPeriod[] };
  storage_config: { tsdb_shipper: { active_index_directory: string; cache_location: string } };
  compactor: { working_directory: string; retention_enabled: boolean; delete_request_store: 'filesystem' };
  limits_config: {
    allow_structured_metadata: boolean;
    retention_period: string;
    reject_old_samples?: boolean;
    reject_old_samples_max_age?: string;
    retention_stream?: Array<{ selector: string; priority: number; period: string }>;
  };
  analytics: { reporting_enabled: boolean };
}

/** An OpenTelemetry Collector endpoint setting. */
interface Endpoint {
  endpoint: string;
}

/** Jaeger v2's config.yaml (an OpenTelemetry Collector configuration). */
export interface JaegerConfig {
  service: {
    extensions: string[];
    pipelines: { traces: { receivers: string[]; processors: string[]; exporters: string[] } };
    telemetry: {
      resource: Record<string, string>;
      metrics: { level: 'none' | 'basic' | 'normal' | 'detailed'; readers: Array<{ pull: { exporter: { prometheus: { host: string; port: number } } } }> };
      logs: { level: 'debug' | 'info' | 'warn' | 'error' };
    };
  };
  extensions: {
    healthcheckv2: { use_v2: boolean; http: Endpoint };
    jaeger_query: { storage: { traces: string }; http: Endpoint };
    jaeger_storage: {
      backends: Record<string, { badger: { directories: { keys: string; values: string }; ephemeral: boolean; ttl: { spans: string } } }>;
    };
    remote_sampling: { file: { path: string }; http: Endpoint; grpc: Endpoint };
  };
  receivers: {
    otlp: { protocols: { grpc: Endpoint; http: Endpoint } };
    jaeger: { protocols: { grpc: Endpoint; thrift_http: Endpoint; thrift_compact: Endpoint; thrift_binary: Endpoint } };
    zipkin: Endpoint;
  };
  processors: { batch: Record<string, never> };
  exporters: { jaeger_storage_exporter: { trace_storage: string } };
}

/** Jaeger's sampling strategies file. */
export interface JaegerSamplingStrategies {
  default_strategy: { type: 'probabilistic'; param: number };
}
