/**
 * The Loki 2.9 and Promtail 2.9 configuration keys this project renders, each with the
 * documentation page it was checked against. Neither server runs on the machines that build
 * this project, so the rendered configs are held to this list instead: a key that is not here
 * was never checked, and `unknownKeyPaths` reports it.
 *
 * A path names a key from the top of the file: `compactor.retention_enabled`. `[]` stands for
 * every item of a list (`schema_config.configs[].schema`), and a trailing `.*` for a map whose
 * keys are free (label names: `clients[].external_labels.*`).
 */

export interface ConfigKey {
  readonly path: string;
  /** The documentation page (and section) the key, its meaning and its placement were checked against. */
  readonly doc: string;
}

const LOKI = 'https://grafana.com/docs/loki/v2.9.x';
const LOKI_CONFIG = `${LOKI}/configure/`;
const LOKI_RETENTION = `${LOKI}/operations/storage/retention/`;
const LOKI_TSDB = `${LOKI}/operations/storage/tsdb/`;
const PROMTAIL_CONFIG = `${LOKI}/send-data/promtail/configuration/`;
const PROMTAIL_STAGES = `${LOKI}/send-data/promtail/stages/`;

/** Keys of the Loki config file (loki.yaml) the project relies on. */
export const LOKI_KEYS: readonly ConfigKey[] = [
  { path: 'auth_enabled', doc: `${LOKI_CONFIG}#supported-contents-and-default-values-of-lokiyaml` },
  { path: 'server.http_listen_port', doc: `${LOKI_CONFIG}#server` },
  { path: 'common.path_prefix', doc: `${LOKI_CONFIG}#common` },
  { path: 'common.replication_factor', doc: `${LOKI_CONFIG}#common` },
  { path: 'common.ring.kvstore.store', doc: `${LOKI_CONFIG}#common` },
  { path: 'common.storage.filesystem.chunks_directory', doc: `${LOKI_CONFIG}#common` },
  { path: 'common.storage.filesystem.rules_directory', doc: `${LOKI_CONFIG}#common` },
  { path: 'schema_config.configs[].from', doc: `${LOKI_CONFIG}#period_config` },
  { path: 'schema_config.configs[].store', doc: `${LOKI_TSDB}#example-configuration` },
  { path: 'schema_config.configs[].object_store', doc: `${LOKI_CONFIG}#period_config` },
  { path: 'schema_config.configs[].schema', doc: `${LOKI_TSDB}#example-configuration` },
  { path: 'schema_config.configs[].index.prefix', doc: `${LOKI_CONFIG}#period_config` },
  { path: 'schema_config.configs[].index.period', doc: `${LOKI_RETENTION}#compactor` },
  { path: 'storage_config.tsdb_shipper.active_index_directory', doc: `${LOKI_TSDB}#example-configuration` },
  { path: 'storage_config.tsdb_shipper.cache_location', doc: `${LOKI_TSDB}#example-configuration` },
  { path: 'storage_config.tsdb_shipper.shared_store', doc: `${LOKI_TSDB}#example-configuration` },
  { path: 'compactor.working_directory', doc: `${LOKI_RETENTION}#retention-configuration` },
  { path: 'compactor.shared_store', doc: `${LOKI_RETENTION}#retention-configuration` },
  { path: 'compactor.retention_enabled', doc: `${LOKI_RETENTION}#retention-configuration` },
  { path: 'compactor.delete_request_store', doc: `${LOKI_CONFIG}#compactor` },
  { path: 'limits_config.retention_period', doc: `${LOKI_RETENTION}#configuring-the-retention-period` },
  { path: 'limits_config.retention_stream[].selector', doc: `${LOKI_RETENTION}#configuring-the-retention-period` },
  { path: 'limits_config.retention_stream[].priority', doc: `${LOKI_RETENTION}#configuring-the-retention-period` },
  { path: 'limits_config.retention_stream[].period', doc: `${LOKI_RETENTION}#configuring-the-retention-period` },
  { path: 'analytics.reporting_enabled', doc: `${LOKI_CONFIG}#analytics` },
];

/** Keys of the Promtail config file (promtail.yaml) the project relies on. */
export const PROMTAIL_KEYS: readonly ConfigKey[] = [
  { path: 'server.http_listen_port', doc: `${PROMTAIL_CONFIG}#server` },
  { path: 'server.grpc_listen_port', doc: `${PROMTAIL_CONFIG}#server` },
  { path: 'positions.filename', doc: `${PROMTAIL_CONFIG}#positions` },
  { path: 'clients[].url', doc: `${PROMTAIL_CONFIG}#clients` },
  { path: 'clients[].basic_auth.username', doc: `${PROMTAIL_CONFIG}#clients` },
  { path: 'clients[].basic_auth.password_file', doc: `${PROMTAIL_CONFIG}#clients` },
  { path: 'clients[].tls_config.ca_file', doc: `${PROMTAIL_CONFIG}#tls_config` },
  { path: 'clients[].external_labels.*', doc: `${PROMTAIL_CONFIG}#clients` },
  { path: 'scrape_configs[].job_name', doc: `${PROMTAIL_CONFIG}#scrape_configs` },
  { path: 'scrape_configs[].static_configs[].targets', doc: `${PROMTAIL_CONFIG}#example-static-config` },
  { path: 'scrape_configs[].static_configs[].labels.*', doc: `${PROMTAIL_CONFIG}#example-static-config` },
  { path: 'scrape_configs[].docker_sd_configs[].host', doc: `${PROMTAIL_CONFIG}#docker_sd_configs` },
  { path: 'scrape_configs[].docker_sd_configs[].refresh_interval', doc: `${PROMTAIL_CONFIG}#docker_sd_configs` },
  { path: 'scrape_configs[].journal.max_age', doc: `${PROMTAIL_CONFIG}#journal` },
  { path: 'scrape_configs[].journal.labels.*', doc: `${PROMTAIL_CONFIG}#journal` },
  { path: 'scrape_configs[].relabel_configs[].source_labels', doc: `${PROMTAIL_CONFIG}#relabel_configs` },
  { path: 'scrape_configs[].relabel_configs[].target_label', doc: `${PROMTAIL_CONFIG}#relabel_configs` },
  { path: 'scrape_configs[].relabel_configs[].regex', doc: `${PROMTAIL_CONFIG}#relabel_configs` },
  { path: 'scrape_configs[].relabel_configs[].replacement', doc: `${PROMTAIL_CONFIG}#relabel_configs` },
  { path: 'scrape_configs[].relabel_configs[].action', doc: `${PROMTAIL_CONFIG}#relabel_configs` },
  { path: 'scrape_configs[].pipeline_stages[].regex.expression', doc: `${PROMTAIL_STAGES}regex/` },
  { path: 'scrape_configs[].pipeline_stages[].json.expressions.*', doc: `${PROMTAIL_STAGES}json/` },
  { path: 'scrape_configs[].pipeline_stages[].timestamp.source', doc: `${PROMTAIL_STAGES}timestamp/` },
  { path: 'scrape_configs[].pipeline_stages[].timestamp.format', doc: `${PROMTAIL_STAGES}timestamp/` },
  { path: 'scrape_configs[].pipeline_stages[].labels.*', doc: `${PROMTAIL_STAGES}labels/` },
];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every key path of a parsed config file that is not on the list, in document order. A list of
 * scalars (`targets: [localhost]`) is one value; a list of maps is walked item by item.
 */
export function unknownKeyPaths(config: unknown, keys: readonly ConfigKey[]): string[] {
  const exact = new Set(keys.filter((k) => !k.path.endsWith('.*')).map((k) => k.path));
  const freeMaps = new Set(keys.filter((k) => k.path.endsWith('.*')).map((k) => k.path.slice(0, -2)));
  const unknown: string[] = [];
  const report = (path: string) => {
    if (!unknown.includes(path)) unknown.push(path);
  };
  const walk = (value: unknown, path: string): void => {
    if (isPlainObject(value)) {
      if (freeMaps.has(path)) {
        // Free keys (label names), but their values must be plain values, not more structure.
        for (const [key, v] of Object.entries(value)) if (isPlainObject(v) || Array.isArray(v)) report(`${path}.${key}`);
        return;
      }
      for (const [key, v] of Object.entries(value)) walk(v, path === '' ? key : `${path}.${key}`);
      return;
    }
    if (Array.isArray(value) && value.some((item) => isPlainObject(item) || Array.isArray(item))) {
      for (const item of value) walk(item, `${path}[]`);
      return;
    }
    if (!exact.has(path)) report(path);
  };
  walk(config, '');
  return unknown;
}
