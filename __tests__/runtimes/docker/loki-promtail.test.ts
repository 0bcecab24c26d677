import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { CertificateAuthority } from '../../../runtimes/docker/certificates';
import { PrometheusServer } from '../../../runtimes/docker/prometheus-server';
import { LokiPromtail, LokiPromtailProps } from '../../../runtimes/docker/loki-promtail';
import { LOKI_STRUCTURED_METADATA, LOKI_V13_FROM } from '../../../runtimes/docker/loki';
import { CONTAINER_LEVEL_EXPRESSION } from '../../../runtimes/docker/alloy';
import { re2GroupNames } from '../../../model/logs';
import { LOKI_KEYS, unknownAlloyPaths, unknownKeyPaths } from '../../../lib/loki-keys';
import { alloyBlock, parseAlloy, ParsedBlock } from '../../support/alloy';
import { cleanupOutdirs, container, resourcesOfType, synthJson, testApp, TfJson, uploadedText, uploadedYaml } from '../../support/synth';

afterAll(cleanupOutdirs);

interface Built {
  json: TfJson;
  logs: LokiPromtail;
  prometheus: PrometheusServer;
}

function build(props: Partial<LokiPromtailProps> = {}, namePrefix = 'env'): Built {
  const stack = new TerraformStack(testApp(), 'test');
  const host = new DockerHost(stack, 'box', { engine: 'local', network: { name: 'env', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
  const prometheus = new PrometheusServer(stack, 'prometheus', { host, namePrefix });
  const logs = new LokiPromtail(stack, 'logs', { host, namePrefix, retention: '7d', containers: true, prometheus, ...props });
  return { json: synthJson(stack), logs, prometheus };
}

const LOKI_CONFIG = '/etc/loki/loki.yaml';
const ALLOY_CONFIG = '/etc/alloy/config.alloy';

/** config.alloy as uploaded into a container, read back into blocks. */
function alloyConfig(c: Record<string, any>): ParsedBlock[] {
  return parseAlloy(uploadedText(c, ALLOY_CONFIG));
}

/** The attributes of every rule block of a relabel component, in order. */
function rules(block: ParsedBlock): Array<Record<string, unknown>> {
  return block.blocks.filter((b) => b.name === 'rule').map((b) => b.attributes);
}

/** The seed's lloom_logs pipeline (004). */
const LLOOM_PIPELINE = [
  { regex: { expression: '^(?P<timestamp>\\S+)\\s+(?P<level>\\S+)\\s+(?P<component>\\S+)\\s+(?P<message>.*)$' } },
  { timestamp: { source: 'timestamp', format: 'RFC3339' as const } },
  { labels: ['level', 'component'] },
];

/** Every source at once: containers, a journal, and a file job with a pipeline. */
const EVERYTHING: Partial<LokiPromtailProps> = {
  retention: '15d',
  streamRetention: [{ selector: '{job="audit"}', period: '90d' }],
  containers: true,
  journal: { units: ['queen-rbee', 'rbee-hive'] },
  files: [
    { name: 'lloom_logs', job: 'lloom', service: 'lloom', paths: ['/var/log/lloom/*.log'], pipeline: LLOOM_PIPELINE },
    { name: 'audit', service: 'app', paths: ['/var/log/app/audit/*.ndjson', '/var/log/app/old/*.ndjson'], labels: { kind: 'audit' } },
  ],
};

/** A relabel rule applied the way Prometheus does: regex anchored at both ends. */
function relabelMatches(rule: { regex: string }, value: string): RegExpMatchArray | null {
  return value.match(new RegExp(`^(?:${rule.regex})$`));
}

/** An RE2 expression run with JavaScript's engine, as checkPipeline validates it. */
function runRe2(expression: string, line: string): Record<string, string> | undefined {
  const flags = /^\(\?([ims]+)\)/.exec(expression);
  const body = (flags ? expression.slice(flags[0].length) : expression).replace(/\(\?P</g, '(?<');
  return new RegExp(body, flags?.[1]).exec(line)?.groups;
}

describe('Loki', () => {
  test('keeps TSDB index, chunks and compactor state under /loki, the named volume, and deletes what is older than the retention', () => {
    // GIVEN logs kept 15 days, and 90 days for the audit job
    const { json } = build(EVERYTHING);
    // WHEN loki.yaml is parsed back
    const loki = container(json, 'env-loki');
    const config = uploadedYaml(loki, LOKI_CONFIG);
    // THEN storage is the filesystem of the volume mounted at /loki
    const dataMount = loki.volumes.find((v: { container_path: string }) => v.container_path === '/loki');
    expect(dataMount.volume_name).toMatch(/^\$\{docker_volume\.logs_loki_service_volume-env-loki-data_[0-9A-F]+\.name\}$/);
    const paths = [
      config.common.path_prefix,
      config.common.storage.filesystem.chunks_directory,
      config.common.storage.filesystem.rules_directory,
      config.storage_config.tsdb_shipper.active_index_directory,
      config.storage_config.tsdb_shipper.cache_location,
      config.compactor.working_directory,
    ];
    for (const p of paths) expect(p).toMatch(/^\/loki(\/|$)/);
    // AND the v12 period Loki 2.9 wrote stays readable, and v13 starts on a later day
    expect(config.schema_config.configs).toEqual([
      { from: '2023-10-01', store: 'tsdb', object_store: 'filesystem', schema: 'v12', index: { prefix: 'index_', period: '24h' } },
      { from: '2027-01-01', store: 'tsdb', object_store: 'filesystem', schema: 'v13', index: { prefix: 'index_', period: '24h' } },
    ]);
    // AND no key Loki 3 removed
    expect(config.storage_config.tsdb_shipper).not.toHaveProperty('shared_store');
    expect(config.compactor).not.toHaveProperty('shared_store');
    // AND the compactor deletes: retention enabled, and the periods in hours
    expect(config.compactor).toEqual({ working_directory: '/loki/compactor', retention_enabled: true, delete_request_store: 'filesystem' });
    expect(config.limits_config).toEqual({
      allow_structured_metadata: false,
      retention_period: '360h',
      retention_stream: [{ selector: '{job="audit"}', priority: 1, period: '2160h' }],
    });
    // AND one tenant, single binary, no usage reports
    expect(config).toMatchObject({ auth_enabled: false, server: { http_listen_port: 3100 }, common: { replication_factor: 1, ring: { kvstore: { store: 'inmemory' } } }, analytics: { reporting_enabled: false } });
  });

  test('structured metadata is off only while the v12 period is the active one (Loki 3 refuses it then); this fails from the v13 day until it is turned on', () => {
    const v13Active = Date.now() >= Date.parse(`${LOKI_V13_FROM}T00:00:00Z`);
    expect({ today: new Date().toISOString().slice(0, 10), structuredMetadata: LOKI_STRUCTURED_METADATA }).toEqual({ today: expect.any(String), structuredMetadata: v13Active });
  });

  test('runs grafana/loki:3.7.6 with the uploaded config, a /ready healthcheck and its API on 127.0.0.1 only', () => {
    const { json } = build();
    const loki = container(json, 'env-loki');
    expect(resourcesOfType(json, 'docker_image').map((i) => i.name)).toContain('grafana/loki:3.7.6');
    expect(loki.command).toEqual([`-config.file=${LOKI_CONFIG}`]);
    expect(loki.healthcheck.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:3100/ready']);
    expect(loki.ports).toEqual([{ internal: 3100, external: 3100, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(loki.upload.map((u: { file: string; permissions: string }) => [u.file, u.permissions])).toEqual([[LOKI_CONFIG, '0444']]);
    const volume = resourcesOfType(json, 'docker_volume').find((v) => v.name === 'env-loki-data');
    expect(volume?.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('leaves retention_stream out when no stream has its own period', () => {
    const { json } = build({ retention: '30d' });
    expect(uploadedYaml(container(json, 'env-loki'), LOKI_CONFIG).limits_config).toEqual({ allow_structured_metadata: false, retention_period: '720h' });
  });
});

describe('Alloy', () => {
  test('pushes to the Loki construct it is given: its alias on the stack network and its port', () => {
    // GIVEN two stacks whose Loki containers have different names
    for (const prefix of ['env', 'other']) {
      const { json, logs } = build({}, prefix);
      // WHEN config.alloy is read back
      const write = alloyBlock(alloyConfig(container(json, `${prefix}-alloy`)), 'loki.write', 'default');
      const url = write.blocks[0].attributes.url;
      // THEN the endpoint names the Loki container by its network alias, on port 3100
      const loki = container(json, `${prefix}-loki`);
      expect(loki.networks_advanced[0].aliases).toEqual([`${prefix}-loki`]);
      expect(url).toBe(`http://${loki.networks_advanced[0].aliases[0]}:3100/loki/api/v1/push`);
      expect(url).toBe(logs.loki.pushUrl);
      expect(logs.lokiUrl).toBe(`http://${prefix}-loki:3100`);
    }
  });

  test('satisfies the shape Grafana takes a logs source in', () => {
    const { logs } = build();
    const source: { readonly lokiUrl: string } = logs;
    expect(source.lokiUrl).toBe('http://env-loki:3100');
  });

  test('mounts only the host paths its sources need, read-only, and keeps positions on a named volume', () => {
    // GIVEN container logs only, then every source
    const containersOnly = container(build().json, 'env-alloy');
    const everything = container(build(EVERYTHING).json, 'env-alloy');
    const hostPaths = (c: Record<string, any>) => c.volumes.filter((v: { host_path?: string }) => v.host_path).map((v: { host_path: string; container_path: string; read_only: boolean }) => [v.host_path, v.container_path, v.read_only]);
    // THEN container logs need the Docker socket alone
    expect(hostPaths(containersOnly)).toEqual([['/var/run/docker.sock', '/var/run/docker.sock', true]]);
    // AND files and the journal add /var/log, the volatile journal and the machine id
    expect(hostPaths(everything)).toEqual([
      ['/var/run/docker.sock', '/var/run/docker.sock', true],
      ['/var/log', '/var/log', true],
      ['/run/log/journal', '/run/log/journal', true],
      ['/etc/machine-id', '/etc/machine-id', true],
    ]);
    // AND positions live in Alloy's storage path, the volume mounted at /var/lib/alloy/data
    expect(everything.command).toContain('--storage.path=/var/lib/alloy/data');
    expect(everything.volumes[0]).toEqual({ container_path: '/var/lib/alloy/data', volume_name: expect.stringContaining('volume-env-alloy-data') });
    expect(everything.privileged).toBe(false);
  });

  test('runs grafana/alloy:v1.18.1 on its config with a bash TCP healthcheck (the Ubuntu image has no wget) after Loki is healthy', () => {
    const { json } = build();
    const alloy = container(json, 'env-alloy');
    expect(resourcesOfType(json, 'docker_image').map((i) => i.name)).toContain('grafana/alloy:v1.18.1');
    expect(alloy.command).toEqual(['run', '--server.http.listen-addr=0.0.0.0:12345', '--storage.path=/var/lib/alloy/data', '--disable-reporting', ALLOY_CONFIG]);
    expect(alloy.healthcheck.test).toEqual(['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/12345']);
    expect(alloy.ports).toBeUndefined();
    expect(alloy.depends_on).toEqual([expect.stringMatching(/^docker_container\.logs_loki_service_container_[0-9A-F]+$/)]);
  });

  test('the uploaded file reads back to exactly the blocks the construct built', () => {
    const { json, logs } = build(EVERYTHING);
    const strip = (b: any): any => ({
      name: b.name,
      ...(b.label === undefined ? {} : { label: b.label }),
      attributes: JSON.parse(JSON.stringify(b.attributes ?? {}, (_k, v) => (v && typeof v === 'object' && 'path' in v && Object.keys(v).length === 1 ? { ref: v.path } : v))),
      blocks: (b.blocks ?? []).map(strip),
    });
    expect(alloyConfig(container(json, 'env-alloy'))).toEqual(logs.alloy.configBlocks().map(strip));
  });

  test('finds containers through the Docker socket and labels them job=docker, service=<container name>, level where the line says it', () => {
    const config = alloyConfig(container(build().json, 'env-alloy'));
    expect(alloyBlock(config, 'loki.write', 'default').attributes.external_labels).toEqual({ host: 'box' });
    expect(alloyBlock(config, 'discovery.docker', 'docker').attributes).toEqual({ host: 'unix:///var/run/docker.sock', refresh_interval: '15s' });
    const relabel = alloyBlock(config, 'discovery.relabel', 'docker');
    expect(rules(relabel)).toEqual([
      { target_label: 'job', replacement: 'docker' },
      { source_labels: ['__meta_docker_container_name'], regex: '/(.*)', target_label: 'service' },
    ]);
    expect(relabelMatches(rules(relabel)[1] as { regex: string }, '/osmen-gateway')?.[1]).toBe('osmen-gateway');
    // THEN the source reads the discovered containers with those rules, through the level stage, to Loki
    expect(alloyBlock(config, 'loki.source.docker', 'docker').attributes).toEqual({
      host: 'unix:///var/run/docker.sock',
      targets: { ref: 'discovery.docker.docker.targets' },
      relabel_rules: { ref: 'discovery.relabel.docker.rules' },
      forward_to: [{ ref: 'loki.process.docker.receiver' }],
    });
    const process = alloyBlock(config, 'loki.process', 'docker');
    expect(process.attributes.forward_to).toEqual([{ ref: 'loki.write.default.receiver' }]);
    expect(process.blocks).toEqual([
      { name: 'stage.regex', attributes: { expression: CONTAINER_LEVEL_EXPRESSION }, blocks: [] },
      { name: 'stage.labels', attributes: { values: { level: 'level' } }, blocks: [] },
    ]);
    // AND the level stage extracts logfmt and JSON levels, and nothing from a line without one
    expect(runRe2(CONTAINER_LEVEL_EXPRESSION, 'ts=2023-10-01T00:00:00Z level=warn msg="compaction"')?.level).toBe('warn');
    expect(runRe2(CONTAINER_LEVEL_EXPRESSION, '{"timestamp":"2024-11-18T10:00:00Z","level": "ERROR","service":"gateway"}')?.level).toBe('ERROR');
    expect(runRe2(CONTAINER_LEVEL_EXPRESSION, '{"level":"warning"}')?.level).toBe('warning');
    expect(runRe2(CONTAINER_LEVEL_EXPRESSION, 'LOG:  checkpoint starting: time')).toBeUndefined();
    expect(runRe2(CONTAINER_LEVEL_EXPRESSION, 'risk level=highest')).toBeUndefined();
  });

  test('keeps only the journal entries of the given units, labelled by unit and priority', () => {
    const config = alloyConfig(container(build(EVERYTHING).json, 'env-alloy'));
    expect(alloyBlock(config, 'loki.source.journal', 'journal').attributes).toEqual({
      max_age: '12h',
      labels: { job: 'systemd-journal' },
      relabel_rules: { ref: 'loki.relabel.journal.rules' },
      forward_to: [{ ref: 'loki.write.default.receiver' }],
    });
    const [keep, service, level] = rules(alloyBlock(config, 'loki.relabel', 'journal')) as Array<{ regex: string }>;
    expect(keep).toEqual({ source_labels: ['__journal__systemd_unit'], regex: '(queen-rbee|rbee-hive)\\.service', action: 'keep' });
    expect(relabelMatches(keep, 'queen-rbee.service')).not.toBeNull();
    expect(relabelMatches(keep, 'rbee-hive.service')).not.toBeNull();
    expect(relabelMatches(keep, 'sshd.service')).toBeNull();
    expect(relabelMatches(keep, 'queen-rbeeXservice')).toBeNull();
    expect(service).toEqual({ source_labels: ['__journal__systemd_unit'], regex: '(.+)\\.service', target_label: 'service' });
    expect(relabelMatches(service, 'rbee-hive.service')?.[1]).toBe('rbee-hive');
    expect(level).toEqual({ source_labels: ['__journal_priority_keyword'], regex: '(.+)', target_label: 'level' });
  });

  test('reads each file glob with the job, service and constant labels, through every stage of its pipeline', () => {
    const config = alloyConfig(container(build(EVERYTHING).json, 'env-alloy'));
    expect(config.filter((b) => b.name === 'loki.source.file').map((b) => b.label)).toEqual(['file_lloom_logs', 'file_audit']);
    expect(alloyBlock(config, 'local.file_match', 'file_lloom_logs').attributes.path_targets).toEqual([{ __path__: '/var/log/lloom/*.log', job: 'lloom', service: 'lloom' }]);
    expect(alloyBlock(config, 'loki.source.file', 'file_lloom_logs').attributes).toEqual({
      targets: { ref: 'local.file_match.file_lloom_logs.targets' },
      forward_to: [{ ref: 'loki.process.file_lloom_logs.receiver' }],
    });
    const lloom = alloyBlock(config, 'loki.process', 'file_lloom_logs');
    expect(lloom.blocks.map((b) => [b.name, b.attributes])).toEqual([
      ['stage.regex', { expression: '^(?P<timestamp>\\S+)\\s+(?P<level>\\S+)\\s+(?P<component>\\S+)\\s+(?P<message>.*)$' }],
      ['stage.timestamp', { source: 'timestamp', format: 'RFC3339' }],
      ['stage.labels', { values: { level: 'level', component: 'component' } }],
    ]);
    // The seed's regex, run on a line as lloom writes it, yields the fields the later stages read.
    const groups = runRe2(lloom.blocks[0].attributes.expression as string, '2024-05-01T12:00:00Z INFO executor model loaded in 2.1s');
    expect(groups).toEqual({ timestamp: '2024-05-01T12:00:00Z', level: 'INFO', component: 'executor', message: 'model loaded in 2.1s' });
    expect(alloyBlock(config, 'local.file_match', 'file_audit').attributes.path_targets).toEqual([
      { __path__: '/var/log/app/audit/*.ndjson', job: 'audit', service: 'app', kind: 'audit' },
      { __path__: '/var/log/app/old/*.ndjson', job: 'audit', service: 'app', kind: 'audit' },
    ]);
    // AND a job without a pipeline goes straight to Loki
    expect(alloyBlock(config, 'loki.source.file', 'file_audit').attributes.forward_to).toEqual([{ ref: 'loki.write.default.receiver' }]);
    expect(config.some((b) => b.name === 'loki.process' && b.label === 'file_audit')).toBe(false);
  });

  test('renders only configuration keys and blocks checked against the Loki 3.7 and Alloy 1.18 docs, and the check catches one that was not', () => {
    const { json } = build(EVERYTHING);
    const loki = uploadedYaml(container(json, 'env-loki'), LOKI_CONFIG);
    const alloy = alloyConfig(container(json, 'env-alloy'));
    expect(unknownKeyPaths(loki, LOKI_KEYS)).toEqual([]);
    expect(unknownAlloyPaths(alloy)).toEqual([]);
    // GIVEN keys nobody checked: a compactor setting, a journal path, an unlisted stage
    loki.compactor.compaction_interval = '10m';
    alloyBlock(alloy, 'loki.source.journal', 'journal').attributes.path = '/var/log/journal';
    alloyBlock(alloy, 'loki.process', 'docker').blocks.push({ name: 'stage.drop', attributes: {}, blocks: [] });
    // THEN each is reported by its path
    expect(unknownKeyPaths(loki, LOKI_KEYS)).toEqual(['compactor.compaction_interval']);
    expect(unknownAlloyPaths(alloy)).toEqual(['loki.process > stage.drop', 'loki.source.journal.path']);
  });
});

describe('metrics', () => {
  test('Loki and Alloy register their own /metrics with the Prometheus they are given', () => {
    const { prometheus } = build();
    expect(prometheus.findScrapeJob('loki')?.targets).toEqual(['env-loki:3100']);
    expect(prometheus.findScrapeJob('alloy')?.targets).toEqual(['env-alloy:12345']);
  });
});

describe('re2GroupNames', () => {
  test('names the groups of RE2 expressions and refuses what only JavaScript accepts', () => {
    expect(re2GroupNames('^(?P<a>\\S+) (?P<b_2>.*)$')).toEqual(['a', 'b_2']);
    expect(re2GroupNames('(?i)level=(?P<level>\\w+)')).toEqual(['level']);
    expect(re2GroupNames('no groups')).toEqual([]);
    expect(re2GroupNames('(?<level>\\w+)')).toBeUndefined();
    expect(re2GroupNames('(?P<a>x)(?=y)')).toBeUndefined();
    expect(re2GroupNames('(?P<a>x)\\1')).toBeUndefined();
    expect(re2GroupNames('(?P<a>[x)')).toBeUndefined();
  });
});

describe('another machine ships its logs over the LAN', () => {
  /** Loki on "box" (192.168.1.10), and an Alloy on "remote", a Docker engine reached over ssh. */
  function buildRemote(): Built & { remote: DockerHost } {
    const stack = new TerraformStack(testApp(), 'test');
    const host = new DockerHost(stack, 'box', { engine: 'local', address: '192.168.1.10', network: { name: 'env', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
    const remote = new DockerHost(stack, 'remote', { engine: 'ssh://me@192.168.1.20:22', address: '192.168.1.20', network: { name: 'env', subnet: '172.31.1.0/24', gateway: '172.31.1.1' } });
    const prometheus = new PrometheusServer(stack, 'prometheus', { host, namePrefix: 'env' });
    const logs = new LokiPromtail(stack, 'logs', {
      host,
      namePrefix: 'env',
      retention: '7d',
      containers: true,
      prometheus,
      authority: new CertificateAuthority(stack, 'ca', { environment: 'env' }),
      otherHosts: [
        {
          host: remote,
          files: [
            { name: 'syslog', service: 'syslog', paths: ['/var/log/syslog'] },
            { name: 'research', service: 'research', paths: ['/home/me/research/logs/*.log'] },
          ],
          directories: ['/home/me/research/logs'],
        },
      ],
    });
    return { json: synthJson(stack), logs, prometheus, remote };
  }

  test("an Alloy on that host, through its provider, pushes to the gateway on Loki's host address, over TLS as its host's user", () => {
    // GIVEN Loki on box and an Alloy on remote
    const { json, logs } = buildRemote();
    const alloy = container(json, 'env-remote-alloy');
    const write = alloyBlock(alloyConfig(alloy), 'loki.write', 'default');
    // THEN it runs on remote's engine, on remote's stack network, after Loki is healthy
    expect(alloy.provider).toBe('docker.remote');
    expect(alloy.networks_advanced).toEqual([{ name: expect.stringMatching(/^\$\{docker_network\.remote_network_[0-9A-F]+\.name\}$/), aliases: ['env-remote-alloy'] }]);
    expect(alloy.depends_on).toEqual([expect.stringMatching(/^docker_container\.logs_loki_service_container_[0-9A-F]+$/)]);
    // AND its endpoint is box's address and Loki's port, over TLS (the environment's CA) as user "remote", its streams labelled host=remote
    expect(write.attributes).toEqual({ external_labels: { host: 'remote' } });
    expect(write.blocks).toEqual([
      {
        name: 'endpoint',
        attributes: { url: 'https://192.168.1.10:3100/loki/api/v1/push' },
        blocks: [
          { name: 'basic_auth', attributes: { username: 'remote', password_file: '/etc/alloy/secrets/loki-password' }, blocks: [] },
          { name: 'tls_config', attributes: { ca_file: '/etc/alloy/tls/ca.crt' }, blocks: [] },
        ],
      },
    ]);
    expect(logs.otherAlloys.map((p) => p.clientUrl)).toEqual([logs.loki.pushAccessFrom(logs.otherAlloys[0].service.host).url]);
    // AND the password it pushes with is its user's, Terraform's random_password, and the CA the environment's
    expect(uploadedText(alloy, '/etc/alloy/secrets/loki-password')).toMatch(/^\$\{random_password\.logs_remote-push-user_password_[0-9A-F]+\.result\}$/);
    expect(uploadedText(alloy, '/etc/alloy/tls/ca.crt')).toMatch(/^\$\{tls_self_signed_cert\.ca_[0-9A-F]+\.cert_pem\}$/);
    // AND the Alloy beside Loki still pushes on the stack network, in clear and without a password
    expect(alloyBlock(alloyConfig(container(json, 'env-alloy')), 'loki.write', 'default').blocks).toEqual([
      { name: 'endpoint', attributes: { url: 'http://env-loki:3100/loki/api/v1/push' }, blocks: [] },
    ]);
  });

  test('Loki stays on 127.0.0.1; its gateway publishes the port on its host address, saying why, with TLS and basic auth', () => {
    const { json, logs } = buildRemote();
    expect(container(json, 'env-loki').ports).toEqual([{ internal: 3100, external: 3100, ip: '127.0.0.1', protocol: 'tcp' }]);
    const gateway = container(json, 'env-loki-gateway');
    expect(gateway.ports).toEqual([{ internal: 3100, external: 3100, ip: '192.168.1.10', protocol: 'tcp' }]);
    expect(gateway.depends_on).toEqual([expect.stringMatching(/^docker_container\.logs_loki_service_container_[0-9A-F]+$/)]);
    expect(logs.loki.exposedBecause).toBe('alloy on remote pushes logs over the LAN');
    // AND the gateway lets remote push and grafana read, each against its own bcrypt hash; its certificate names its alias, host and address
    expect(uploadedText(gateway, '/etc/nginx/loki-push.htpasswd')).toMatch(/^remote:\$\{random_password\.logs_remote-push-user_password_[0-9A-F]+\.bcrypt_hash\}\n$/);
    expect(uploadedText(gateway, '/etc/nginx/loki-read.htpasswd')).toMatch(/^grafana:\$\{random_password\.logs_loki_grafana-user_password_[0-9A-F]+\.bcrypt_hash\}\n$/);
    expect(uploadedText(gateway, '/etc/nginx/conf.d/default.conf')).toContain('proxy_pass http://env-loki:3100;');
    expect(uploadedText(gateway, '/etc/nginx/tls/tls.key')).toMatch(/^\$\{tls_private_key\.ca_box-loki-gateway-key_[0-9A-F]+\.private_key_pem\}$/);
    const [request] = resourcesOfType(json, 'tls_cert_request');
    expect(request).toMatchObject({ dns_names: ['env-loki-gateway', 'box'], ip_addresses: ['192.168.1.10'] });
    expect(gateway.healthcheck.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8081/healthz']);
    // AND Grafana reads through the gateway as grafana, trusting the environment's CA
    expect(logs.lokiUrl).toBe('https://env-loki-gateway:3100');
    expect(logs.lokiAuth?.username).toBe('grafana');
  });

  test('the remote Alloy reads its files read-only, /var/log and the listed directory only, and publishes no port', () => {
    const { json } = buildRemote();
    const alloy = container(json, 'env-remote-alloy');
    expect(alloy.volumes).toEqual([
      { container_path: '/var/lib/alloy/data', volume_name: expect.stringContaining('volume-env-remote-alloy-data') },
      { host_path: '/var/log', container_path: '/var/log', read_only: true },
      { host_path: '/home/me/research/logs', container_path: '/home/me/research/logs', read_only: true },
    ]);
    expect(alloy.ports).toBeUndefined();
    const config = alloyConfig(alloy);
    expect(config.filter((b) => b.name === 'local.file_match').map((b) => [b.label, b.attributes.path_targets])).toEqual([
      ['file_syslog', [{ __path__: '/var/log/syslog', job: 'syslog', service: 'syslog' }]],
      ['file_research', [{ __path__: '/home/me/research/logs/*.log', job: 'research', service: 'research' }]],
    ]);
    expect(unknownAlloyPaths(config)).toEqual([]);
  });

  test('Prometheus scrapes the Alloy beside it only: the remote one has no port to scrape', () => {
    const { prometheus } = buildRemote();
    expect(prometheus.findScrapeJob('alloy')?.targets).toEqual(['env-alloy:12345']);
  });

  test('without other hosts, Loki is on 127.0.0.1 only and an Alloy elsewhere is refused', () => {
    // GIVEN logs of the monitoring host only
    const { logs } = build();
    const elsewhere = new DockerHost(logs.node.scope as TerraformStack, 'elsewhere', { engine: 'ssh://me@192.168.1.30:22', address: '192.168.1.30' });
    // THEN Loki has no LAN address and no gateway, and asking for a push URL from another host says why there is none
    expect(logs.loki.lanAddress).toBeUndefined();
    expect(logs.loki.gateway).toBeUndefined();
    expect(logs.lokiUrl).toBe('http://env-loki:3100');
    expect(() => logs.loki.pushAccessFrom(elsewhere)).toThrow('test/logs/loki: lan: expected a pusher named "elsewhere" in Loki\'s LAN access, since an Alloy on that host pushes over the LAN, got "elsewhere"');
  });
});
