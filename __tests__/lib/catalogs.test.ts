import * as catalogsModule from '../../lib/catalogs';
import { CATALOGS, expandCatalog, mergeCatalogs, type MetricCatalog, type MetricDef } from '../../lib/catalogs';

const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Counters whose names do not end in `_total`, with the reason. Anything else typed `counter` must end in
 * `_total` (Prometheus naming convention, enforced by client_golang for counters built with CounterOpts).
 */
const COUNTER_SUFFIX_EXCEPTIONS: Record<string, string> = {
  // cAdvisor keeps the cgroup file name.
  container_memory_failcnt: 'cAdvisor exposes the memory.failcnt cgroup value under its own name',
  // dcgm-exporter uses DCGM field identifiers verbatim as metric names.
  DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION: 'DCGM field id',
  DCGM_FI_DEV_PCIE_REPLAY_COUNTER: 'DCGM field id',
  DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL: 'DCGM field id (upper-case _TOTAL)',
  DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS: 'DCGM field id',
  DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS: 'DCGM field id',
  DCGM_FI_PROF_PCIE_TX_BYTES: 'DCGM field id',
  DCGM_FI_PROF_PCIE_RX_BYTES: 'DCGM field id',
  // postgres_exporter names metrics after pg_stat_database columns and emits them with CounterValue.
  pg_stat_database_xact_commit: 'pg_stat_database column name',
  pg_stat_database_xact_rollback: 'pg_stat_database column name',
  pg_stat_database_blks_read: 'pg_stat_database column name',
  pg_stat_database_blks_hit: 'pg_stat_database column name',
  pg_stat_database_tup_returned: 'pg_stat_database column name',
  pg_stat_database_tup_fetched: 'pg_stat_database column name',
  pg_stat_database_tup_inserted: 'pg_stat_database column name',
  pg_stat_database_tup_updated: 'pg_stat_database column name',
  pg_stat_database_tup_deleted: 'pg_stat_database column name',
  pg_stat_database_conflicts: 'pg_stat_database column name',
  pg_stat_database_temp_files: 'pg_stat_database column name',
  pg_stat_database_temp_bytes: 'pg_stat_database column name',
  pg_stat_database_deadlocks: 'pg_stat_database column name',
  pg_stat_database_blk_read_time: 'pg_stat_database column name',
  pg_stat_database_blk_write_time: 'pg_stat_database column name',
  pg_stat_database_stats_reset: 'pg_stat_database column name (a timestamp, but emitted as a counter)',
  // ...and the pg_stat_user_tables / pg_statio_user_tables columns likewise.
  ...Object.fromEntries(
    ['seq_scan', 'seq_tup_read', 'idx_scan', 'idx_tup_fetch', 'n_tup_ins', 'n_tup_upd', 'n_tup_del', 'n_tup_hot_upd', 'vacuum_count', 'autovacuum_count', 'analyze_count', 'autoanalyze_count'].map((c) => [`pg_stat_user_tables_${c}`, 'pg_stat_user_tables column name']),
  ),
  ...Object.fromEntries(
    ['heap', 'idx', 'toast', 'tidx'].flatMap((b) => ['read', 'hit'].map((h) => [`pg_statio_user_tables_${b}_blocks_${h}`, 'pg_statio_user_tables column name'])),
  ),
};

/** Metrics monitoring stacks commonly query, which each catalog must contain (name -> type). */
const REQUIRED: Record<string, Record<string, MetricDef['type']>> = {
  'node-exporter': {
    node_cpu_seconds_total: 'counter',
    node_load1: 'gauge',
    node_memory_MemAvailable_bytes: 'gauge',
    node_filesystem_avail_bytes: 'gauge',
    node_disk_io_time_seconds_total: 'counter',
    node_network_receive_bytes_total: 'counter',
    node_uname_info: 'gauge',
    node_vmstat_oom_kill: 'untyped',
  },
  cadvisor: {
    container_cpu_usage_seconds_total: 'counter',
    container_memory_working_set_bytes: 'gauge',
    container_spec_memory_limit_bytes: 'gauge',
    container_fs_writes_bytes_total: 'counter',
    container_network_transmit_bytes_total: 'counter',
    container_last_seen: 'gauge',
  },
  'nvidia-dcgm': { DCGM_FI_DEV_GPU_UTIL: 'gauge', DCGM_FI_DEV_FB_USED: 'gauge', DCGM_FI_DEV_POWER_USAGE: 'gauge', DCGM_FI_DEV_SM_CLOCK: 'gauge' },
  'nvidia-gpu-exporter': { nvidia_smi_utilization_gpu_ratio: 'gauge', nvidia_smi_memory_used_bytes: 'gauge', nvidia_smi_gpu_info: 'gauge' },
  pushgateway: { push_time_seconds: 'gauge', push_failure_time_seconds: 'gauge', pushgateway_build_info: 'gauge' },
  prometheus: {
    prometheus_tsdb_head_series: 'gauge',
    prometheus_target_interval_length_seconds: 'summary',
    prometheus_rule_evaluation_failures_total: 'counter',
    prometheus_notifications_dropped_total: 'counter',
    prometheus_engine_query_duration_seconds: 'summary',
  },
  'postgres-exporter': { pg_up: 'gauge', pg_stat_activity_count: 'gauge', pg_stat_database_xact_commit: 'counter', pg_database_size_bytes: 'gauge', pg_locks_count: 'gauge' },
  'redis-exporter': { redis_up: 'gauge', redis_keyspace_hits_total: 'counter', redis_db_keys: 'gauge', redis_commands_duration_seconds_total: 'counter' },
  'blackbox-exporter': { probe_success: 'gauge', probe_http_duration_seconds: 'gauge', probe_ssl_earliest_cert_expiry: 'gauge' },
  jaeger: { otelcol_receiver_accepted_spans_total: 'counter', otelcol_exporter_send_failed_spans_total: 'counter', otelcol_processor_batch_batch_send_size: 'histogram' },
  loki: { loki_request_duration_seconds: 'histogram', loki_distributor_lines_received_total: 'counter', loki_ingester_streams_created_total: 'counter' },
  alloy: { loki_write_sent_entries_total: 'counter', loki_source_file_read_bytes_total: 'gauge', loki_write_request_duration_seconds: 'histogram' },
  'process-go': { process_cpu_seconds_total: 'counter', go_goroutines: 'gauge', go_gc_duration_seconds: 'summary' },
  'scrape-series': { up: 'gauge', scrape_duration_seconds: 'gauge', scrape_samples_scraped: 'gauge', scrape_samples_post_metric_relabeling: 'gauge', scrape_series_added: 'gauge' },
  'rule-series': { ALERTS: 'gauge', ALERTS_FOR_STATE: 'gauge' },
};

const allEntries = Object.entries(CATALOGS);

describe('expandCatalog', () => {
  it('expands histograms into _bucket (with le), _sum and _count', () => {
    // GIVEN a histogram family with one label
    const catalog: MetricCatalog = [{ name: 'req_seconds', type: 'histogram', labels: ['route'] }];
    // WHEN expanded
    const series = expandCatalog(catalog);
    // THEN only the three histogram series exist, all of family req_seconds
    expect([...series.keys()].sort()).toEqual(['req_seconds_bucket', 'req_seconds_count', 'req_seconds_sum']);
    expect(series.get('req_seconds_bucket')).toEqual({ type: 'histogram_bucket', labels: new Set(['route', 'le']), family: 'req_seconds' });
    expect(series.get('req_seconds_sum')).toEqual({ type: 'histogram_sum', labels: new Set(['route']), family: 'req_seconds' });
    expect(series.get('req_seconds_count')).toEqual({ type: 'histogram_count', labels: new Set(['route']), family: 'req_seconds' });
  });

  it('expands summaries into the quantile series (with quantile), _sum and _count', () => {
    // GIVEN a summary family
    const series = expandCatalog([{ name: 'gc_seconds', type: 'summary', labels: [] }]);
    // THEN the base name carries quantile
    expect(series.get('gc_seconds')).toEqual({ type: 'summary_quantile', labels: new Set(['quantile']), family: 'gc_seconds' });
    expect(series.get('gc_seconds_sum')?.type).toBe('summary_sum');
    expect(series.get('gc_seconds_count')?.type).toBe('summary_count');
    expect(series.size).toBe(3);
  });

  it('keeps counters, gauges and untyped metrics as they are', () => {
    // GIVEN one family of each simple type
    const series = expandCatalog([
      { name: 'a_total', type: 'counter', labels: ['x'] },
      { name: 'b', type: 'gauge', labels: [] },
      { name: 'c', type: 'untyped', labels: [] },
    ]);
    // THEN each maps to itself with its type
    expect([...series].map(([n, d]) => [n, d.type, d.family])).toEqual([
      ['a_total', 'counter', 'a_total'],
      ['b', 'gauge', 'b'],
      ['c', 'untyped', 'c'],
    ]);
  });

  it('expands real catalogs', () => {
    // GIVEN the Prometheus and Loki catalogs WHEN expanded THEN their summaries / histograms are expanded
    const prom = expandCatalog(CATALOGS.prometheus.catalog);
    expect(prom.get('prometheus_target_interval_length_seconds')?.labels).toEqual(new Set(['interval', 'quantile']));
    expect(prom.get('prometheus_http_request_duration_seconds_bucket')?.labels).toEqual(new Set(['handler', 'le']));
    expect(prom.has('prometheus_http_request_duration_seconds')).toBe(false);
    const loki = expandCatalog(CATALOGS.loki.catalog);
    expect(loki.get('loki_request_duration_seconds_bucket')?.labels).toEqual(new Set(['method', 'route', 'status_code', 'ws', 'le']));
  });

  it('unions labels of a family defined twice the same way', () => {
    // GIVEN the same gauge twice with different labels (e.g. two merged catalogs)
    const series = expandCatalog(mergeCatalogs([{ name: 'g', type: 'gauge', labels: ['a'] }], [{ name: 'g', type: 'gauge', labels: ['b'] }]));
    // THEN one series with both labels
    expect(series.get('g')?.labels).toEqual(new Set(['a', 'b']));
  });

  it('rejects series names claimed by two families', () => {
    // GIVEN a histogram h and a counter named like its _count series
    const catalog: MetricCatalog = [
      { name: 'h', type: 'histogram', labels: [] },
      { name: 'h_count', type: 'gauge', labels: [] },
    ];
    // WHEN expanded THEN it throws
    expect(() => expandCatalog(catalog)).toThrow('series "h_count" is defined twice');
  });

  it('merges an exporter with the Go process metrics and the scrape series', () => {
    // GIVEN node_exporter + processGo + scrapeSeries
    const series = expandCatalog(mergeCatalogs(catalogsModule.nodeExporter, catalogsModule.processGo, catalogsModule.scrapeSeries));
    // THEN series of all three are present
    expect(series.has('node_load1')).toBe(true);
    expect(series.get('go_gc_duration_seconds_count')?.type).toBe('summary_count');
    expect(series.get('up')?.labels).toEqual(new Set(['job', 'instance']));
  });
});

describe('catalog contents', () => {
  it('every catalog array the index exports is non-empty and registered', () => {
    // GIVEN every exported value that is an array WHEN inspected THEN it is a non-empty catalog
    const arrays = Object.entries(catalogsModule).filter(([, v]) => Array.isArray(v)) as Array<[string, MetricCatalog]>;
    expect(arrays.length).toBeGreaterThanOrEqual(15);
    const registered = new Set(allEntries.flatMap(([, info]) => info.catalog));
    for (const [name, catalog] of arrays) {
      expect({ name, size: catalog.length > 0 }).toEqual({ name, size: true });
      // AND each of its metrics is reachable through CATALOGS
      for (const def of catalog) expect({ name, metric: def.name, registered: registered.has(def) }).toEqual({ name, metric: def.name, registered: true });
    }
  });

  it.each(allEntries)('%s: names are valid and unique, labels are valid', (name, info) => {
    const { catalog } = info;
    // GIVEN a catalog
    expect(catalog.length).toBeGreaterThan(0);
    // THEN metric names match the Prometheus metric name regex and are unique
    const names = catalog.map((d) => d.name);
    expect(names.filter((n) => !METRIC_NAME_RE.test(n))).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    // AND labels are valid, not reserved, not repeated, and le/quantile are left to expandCatalog
    for (const def of catalog) {
      const bad = def.labels.filter((l, i) => !LABEL_NAME_RE.test(l) || l.startsWith('__') || def.labels.indexOf(l) !== i);
      expect({ metric: def.name, bad }).toEqual({ metric: def.name, bad: [] });
      if (def.type === 'histogram') expect({ metric: def.name, le: def.labels.includes('le') }).toEqual({ metric: def.name, le: false });
      if (def.type === 'summary') expect({ metric: def.name, quantile: def.labels.includes('quantile') }).toEqual({ metric: def.name, quantile: false });
    }
    // AND expanding it yields no colliding series
    expect(() => expandCatalog(catalog)).not.toThrow();
    // AND its metadata is sane
    if (info.defaultPort !== undefined) expect(info.defaultPort).toBeGreaterThan(0);
    expect(name).toMatch(/^[a-z-]+$/);
  });

  it.each(allEntries)('%s: counters end in _total unless listed as exceptions', (_name, { catalog }) => {
    // GIVEN the counters of a catalog WHEN their names are checked THEN only documented exceptions lack _total
    const offenders = catalog
      .filter((d) => d.type === 'counter' && !d.name.endsWith('_total'))
      .map((d) => d.name)
      .filter((n) => !(n in COUNTER_SUFFIX_EXCEPTIONS));
    expect(offenders).toEqual([]);
  });

  it('every documented counter exception exists and is a counter without _total', () => {
    // GIVEN the exception list WHEN looked up across all catalogs THEN each entry is still needed
    const all = new Map(allEntries.flatMap(([, info]) => info.catalog.map((d) => [d.name, d] as const)));
    for (const name of Object.keys(COUNTER_SUFFIX_EXCEPTIONS)) {
      const def = all.get(name);
      expect({ name, type: def?.type, endsWithTotal: name.endsWith('_total') }).toEqual({ name, type: 'counter', endsWithTotal: false });
    }
  });

  it.each(Object.entries(REQUIRED))('%s contains the commonly queried metrics', (name, required) => {
    // GIVEN the catalog registered under this name
    const info = CATALOGS[name];
    expect(info).toBeDefined();
    const byName = new Map(info.catalog.map((d) => [d.name, d.type]));
    // THEN each required metric is present with the right type
    for (const [metric, type] of Object.entries(required)) expect([metric, byName.get(metric)]).toEqual([metric, type]);
  });

  it('documents the labels alert rules and dashboards rely on', () => {
    // GIVEN a few label sets that queries group or filter by
    const labelsOf = (catalog: MetricCatalog, metric: string): readonly string[] | undefined => catalog.find((d) => d.name === metric)?.labels;
    // THEN they are part of the catalogs
    expect(labelsOf(catalogsModule.nodeExporter, 'node_cpu_seconds_total')).toEqual(['cpu', 'mode']);
    expect(labelsOf(catalogsModule.nodeExporter, 'node_filesystem_avail_bytes')).toEqual(['device', 'fstype', 'mountpoint']);
    expect(labelsOf(catalogsModule.cadvisor, 'container_memory_usage_bytes')).toEqual(expect.arrayContaining(['id', 'image', 'name']));
    expect(labelsOf(catalogsModule.cadvisor, 'container_network_receive_bytes_total')).toContain('interface');
    expect(labelsOf(catalogsModule.nvidiaDcgm, 'DCGM_FI_DEV_GPU_UTIL')).toEqual(expect.arrayContaining(['gpu', 'UUID', 'device', 'modelName', 'Hostname']));
    expect(labelsOf(catalogsModule.nvidiaGpuExporter, 'nvidia_smi_memory_used_bytes')).toEqual(['uuid']);
    expect(labelsOf(catalogsModule.postgresExporter, 'pg_stat_database_deadlocks')).toEqual(['datid', 'datname']);
    expect(labelsOf(catalogsModule.redisExporter, 'redis_commands_total')).toEqual(['cmd']);
    expect(labelsOf(catalogsModule.jaeger, 'otelcol_receiver_accepted_spans_total')).toEqual(['service_instance_id', 'service_name', 'service_version', 'receiver', 'transport']);
    expect(labelsOf(catalogsModule.ruleSeries, 'ALERTS')).toEqual(['alertname', 'alertstate', 'severity']);
    expect(CATALOGS['nvidia-dcgm'].defaultPort).toBe(9400);
    expect(CATALOGS['nvidia-gpu-exporter'].defaultPort).toBe(9835);
    expect(CATALOGS.jaeger.defaultPort).toBe(8888);
  });
});
