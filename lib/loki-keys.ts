/**
 * The Loki 3.7 configuration keys and the Alloy 1.18 blocks this project renders, each with the
 * documentation page it was checked against. Neither runs on the machines that build this
 * project, so the rendered configs are held to these lists instead: a key or block that is not
 * here was never checked, and `unknownKeyPaths` / `unknownAlloyPaths` report it.
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

const LOKI = 'https://grafana.com/docs/loki/v3.7.x';
const LOKI_CONFIG = `${LOKI}/configure/`;
const LOKI_RETENTION = `${LOKI}/operations/storage/retention/`;
const LOKI_TSDB = `${LOKI}/operations/storage/tsdb/`;

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
  { path: 'compactor.working_directory', doc: `${LOKI_RETENTION}#retention-configuration` },
  { path: 'compactor.retention_enabled', doc: `${LOKI_RETENTION}#retention-configuration` },
  { path: 'compactor.delete_request_store', doc: `${LOKI_CONFIG}#compactor` },
  { path: 'limits_config.allow_structured_metadata', doc: `${LOKI_CONFIG}#limits_config` },
  { path: 'limits_config.retention_period', doc: `${LOKI_RETENTION}#configuring-the-retention-period` },
  { path: 'limits_config.retention_stream[].selector', doc: `${LOKI_RETENTION}#configuring-the-retention-period` },
  { path: 'limits_config.retention_stream[].priority', doc: `${LOKI_RETENTION}#configuring-the-retention-period` },
  { path: 'limits_config.retention_stream[].period', doc: `${LOKI_RETENTION}#configuring-the-retention-period` },
  { path: 'analytics.reporting_enabled', doc: `${LOKI_CONFIG}#analytics` },
];

const ALLOY = 'https://grafana.com/docs/alloy/v1.18/reference/components';

/**
 * The Alloy blocks this project renders (config.alloy), each with the attributes and nested
 * blocks it writes and the reference page they were checked against (Alloy v1.18).
 */
export const ALLOY_BLOCKS: ReadonlyArray<{ readonly block: string; readonly attributes: readonly string[]; readonly doc: string }> = [
  { block: 'loki.write', attributes: ['external_labels'], doc: `${ALLOY}/loki/loki.write/` },
  { block: 'loki.write > endpoint', attributes: ['url'], doc: `${ALLOY}/loki/loki.write/#endpoint` },
  { block: 'loki.write > endpoint > basic_auth', attributes: ['username', 'password_file'], doc: `${ALLOY}/loki/loki.write/#basic_auth` },
  { block: 'loki.write > endpoint > tls_config', attributes: ['ca_file'], doc: `${ALLOY}/loki/loki.write/#tls_config` },
  { block: 'discovery.docker', attributes: ['host', 'refresh_interval'], doc: `${ALLOY}/discovery/discovery.docker/` },
  { block: 'discovery.relabel', attributes: ['targets'], doc: `${ALLOY}/discovery/discovery.relabel/` },
  { block: 'discovery.relabel > rule', attributes: ['source_labels', 'regex', 'target_label', 'replacement', 'action'], doc: `${ALLOY}/discovery/discovery.relabel/#rule` },
  { block: 'loki.source.docker', attributes: ['host', 'targets', 'relabel_rules', 'forward_to'], doc: `${ALLOY}/loki/loki.source.docker/` },
  { block: 'loki.relabel', attributes: ['forward_to'], doc: `${ALLOY}/loki/loki.relabel/` },
  { block: 'loki.relabel > rule', attributes: ['source_labels', 'regex', 'target_label', 'replacement', 'action'], doc: `${ALLOY}/loki/loki.relabel/#rule` },
  { block: 'loki.source.journal', attributes: ['max_age', 'labels', 'relabel_rules', 'forward_to'], doc: `${ALLOY}/loki/loki.source.journal/` },
  { block: 'local.file_match', attributes: ['path_targets'], doc: `${ALLOY}/local/local.file_match/` },
  { block: 'loki.source.file', attributes: ['targets', 'forward_to'], doc: `${ALLOY}/loki/loki.source.file/` },
  { block: 'loki.process', attributes: ['forward_to'], doc: `${ALLOY}/loki/loki.process/` },
  { block: 'loki.process > stage.regex', attributes: ['expression'], doc: `${ALLOY}/loki/loki.process/#stageregex` },
  { block: 'loki.process > stage.json', attributes: ['expressions'], doc: `${ALLOY}/loki/loki.process/#stagejson` },
  { block: 'loki.process > stage.timestamp', attributes: ['source', 'format'], doc: `${ALLOY}/loki/loki.process/#stagetimestamp` },
  { block: 'loki.process > stage.labels', attributes: ['values'], doc: `${ALLOY}/loki/loki.process/#stagelabels` },
];

/** A block as rendered or read back: its name, attributes and nested blocks. */
interface BlockLike {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly blocks?: readonly BlockLike[];
}

/** Every block (`loki.process > stage.json`) or attribute (`loki.write.max_streams`) not in ALLOY_BLOCKS. */
export function unknownAlloyPaths(blocks: readonly BlockLike[]): string[] {
  const known = new Map(ALLOY_BLOCKS.map((b) => [b.block, new Set(b.attributes)]));
  const unknown: string[] = [];
  const walk = (block: BlockLike, path: string) => {
    const attributes = known.get(path);
    if (!attributes) {
      unknown.push(path);
      return;
    }
    for (const key of Object.keys(block.attributes ?? {})) if (!attributes.has(key)) unknown.push(`${path}.${key}`);
    for (const nested of block.blocks ?? []) walk(nested, `${path} > ${nested.name}`);
  };
  for (const b of blocks) walk(b, b.name);
  return unknown;
}

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
