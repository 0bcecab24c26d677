import * as fs from 'fs';
import * as path from 'path';
import { ENVIRONMENTS } from '../../environments';
import { ALLOY_BLOCKS, LOKI_KEYS, unknownAlloyPaths, unknownKeyPaths } from '../../lib/loki-keys';
import { alloyBlock, parseAlloy, ParsedBlock } from '../support/alloy';
import { cleanupOutdirs, container, synthEveryEnvironment, uploadedText, uploadedYaml } from '../support/synth';

afterAll(cleanupOutdirs);

// GIVEN every environment, synthesized
const env = synthEveryEnvironment();

const loki = (name: string) => uploadedYaml(container(env(name).json, `${name}-loki`), '/etc/loki/loki.yaml');
const alloy = (name: string, containerName = `${name}-alloy`) => parseAlloy(uploadedText(container(env(name).json, containerName), '/etc/alloy/config.alloy'));
const prometheusYml = (name: string) => uploadedYaml(container(env(name).json, `${name}-prometheus`), '/etc/prometheus/prometheus.yml');

type ScrapeConfig = Record<string, any>;

/** The source components of a config (containers, journal, each file job), by label. */
const sources = (config: ParsedBlock[]) => config.filter((b) => b.name.startsWith('loki.source.')).map((b) => b.label);
/** A file job's path targets. */
const pathTargets = (config: ParsedBlock[], job: string) => alloyBlock(config, 'local.file_match', `file_${job.replace(/[^A-Za-z0-9_]/g, '_')}`).attributes.path_targets;
/** A file job's pipeline stages, as [stage, attributes]. */
const stages = (config: ParsedBlock[], job: string) => alloyBlock(config, 'loki.process', `file_${job.replace(/[^A-Za-z0-9_]/g, '_')}`).blocks.map((b) => [b.name, b.attributes]);
const rules = (block: ParsedBlock) => block.blocks.filter((b) => b.name === 'rule').map((b) => b.attributes as Record<string, any>);

function hostPaths(name: string): string[] {
  return container(env(name).json, `${name}-alloy`)
    .volumes.filter((v: { host_path?: string }) => v.host_path)
    .map((v: { host_path: string }) => v.host_path);
}

/** A relabel rule applied as Prometheus does: the regex anchored at both ends. */
function matches(regex: string, value: string): boolean {
  return new RegExp(`^(?:${regex})$`).test(value);
}

describe('what each environment ships', () => {
  test('homelab: alienware\'s containers and the /var/log files its seed lists, kept 7 days like its log rotation', () => {
    const config = alloy('homelab');
    expect(sources(config)).toEqual(['docker', 'file_syslog', 'file_brain_api', 'file_brain_workers', 'file_mvps']);
    expect(config.filter((b) => b.name === 'local.file_match').flatMap((b) => (b.attributes.path_targets as ScrapeConfig[]).map((t) => t.__path__))).toEqual([
      '/var/log/syslog',
      '/var/log/brain-api.log',
      '/var/log/supervisor/*.log',
      '/var/log/mvps/*.log',
    ]);
    // The seed's structured fields: the JSON line's time and level.
    expect(stages(config, 'brain-api')).toEqual([
      ['stage.json', { expressions: { timestamp: 'timestamp', level: 'level' } }],
      ['stage.timestamp', { source: 'timestamp', format: 'RFC3339' }],
      ['stage.labels', { values: { level: 'level' } }],
    ]);
    expect(loki('homelab').limits_config).toEqual({ allow_structured_metadata: false, retention_period: '168h' });
    expect(hostPaths('homelab')).toEqual(['/var/run/docker.sock', '/var/log']);
  });

  test('llama-orch: the queen-rbee and rbee-hive units, and the audit NDJSON kept 90 days while the rest is kept 15', () => {
    const config = alloy('llama-orch');
    const keep = rules(alloyBlock(config, 'loki.relabel', 'journal')).find((r) => r.action === 'keep')!;
    expect(['queen-rbee.service', 'rbee-hive.service'].map((u) => matches(keep.regex, u))).toEqual([true, true]);
    expect(['sshd.service', 'docker.service', 'queen-rbee'].map((u) => matches(keep.regex, u))).toEqual([false, false, false]);
    const audit = pathTargets(config, 'llama-orch-audit') as ScrapeConfig[];
    expect(audit).toEqual([{ __path__: '/var/log/llama-orch/audit/*.ndjson', job: 'llama-orch-audit', service: 'llama-orch' }]);
    expect(stages(config, 'llama-orch-audit')[0]).toEqual(['stage.json', { expressions: { timestamp: 'timestamp', level: 'level' } }]);
    // THEN the audit stream's own period is longer than everything else's, and its selector names the audit job
    const limits = loki('llama-orch').limits_config;
    expect(limits).toEqual({ allow_structured_metadata: false, retention_period: '360h', retention_stream: [{ selector: '{job="llama-orch-audit"}', priority: 1, period: '2160h' }] });
    expect(limits.retention_stream[0].selector).toContain(`job="${audit[0].job}"`);
    // AND no container logs: the Docker socket is not mounted
    expect(hostPaths('llama-orch')).toEqual(['/var/log', '/run/log/journal', '/etc/machine-id']);
  });

  test('lloom: the seed\'s lloom_logs job with its regex, timestamp and labels, and Jaeger serving its 10% sampling', () => {
    const config = alloy('lloom');
    expect(pathTargets(config, 'lloom_logs')).toEqual([{ __path__: '/var/log/lloom/*.log', job: 'lloom', service: 'lloom' }]);
    // The expression is the seed's, character for character.
    expect(stages(config, 'lloom_logs')).toEqual([
      ['stage.regex', { expression: String.raw`^(?P<timestamp>\S+)\s+(?P<level>\S+)\s+(?P<component>\S+)\s+(?P<message>.*)$` }],
      ['stage.timestamp', { source: 'timestamp', format: 'RFC3339' }],
      ['stage.labels', { values: { level: 'level', component: 'component' } }],
    ]);
    expect(loki('lloom').limits_config).toEqual({ allow_structured_metadata: false, retention_period: '720h' });
    const jaeger = container(env('lloom').json, 'lloom-jaeger');
    expect(JSON.parse(uploadedText(jaeger, '/etc/jaeger/sampling-strategies.json'))).toEqual({ default_strategy: { type: 'probabilistic', param: 0.1 } });
    expect(env('lloom').stack.parts.traces?.collectorUrl).toBe('http://lloom-jaeger:14268/api/traces');
  });

  test('osmen: its containers, and a Jaeger on the application\'s network keeping every trace', () => {
    expect(sources(alloy('osmen'))).toEqual(['docker']);
    expect(loki('osmen').limits_config).toEqual({ allow_structured_metadata: false, retention_period: '360h' });
    const jaeger = container(env('osmen').json, 'osmen-jaeger');
    expect(jaeger.networks_advanced.map((n: { name: string }) => n.name)).toContain('osmen_default');
    expect(JSON.parse(uploadedText(jaeger, '/etc/jaeger/sampling-strategies.json')).default_strategy.param).toBe(1);
    expect(uploadedYaml(jaeger, '/etc/jaeger/config.yaml').extensions.jaeger_storage.backends.badger_store.badger.ttl).toEqual({ spans: '72h' });
  });

  test('Jaeger runs where the seeds trace (lloom, osmen) and nowhere else', () => {
    const withJaeger = ENVIRONMENTS.filter((e) => Object.values(env(e.name).json.resource.docker_container).some((c) => c.name === `${e.name}-jaeger`)).map((e) => e.name);
    expect(withJaeger).toEqual(['lloom', 'osmen']);
    expect(ENVIRONMENTS.map((e) => [e.name, env(e.name).stack.parts.traces?.jaegerQueryUrl])).toEqual([
      ['homelab', undefined],
      ['llama-orch', undefined],
      ['lloom', 'http://lloom-jaeger:16686'],
      ['osmen', 'http://osmen-jaeger:16686'],
    ]);
  });
});

describe('the Loki label contract: job, host, service on every stream, level where it parses', () => {
  /** The labels a source's streams get: its targets' or own labels, its relabel rules' and its pipeline's. */
  function labelsSet(config: ParsedBlock[], source: ParsedBlock): Set<string> {
    const names = new Set<string>();
    const add = (labels: unknown) => Object.keys((labels ?? {}) as object).filter((l) => !l.startsWith('__')).forEach((l) => names.add(l));
    add(source.attributes.labels);
    const refOf = (attr: unknown) => (attr && typeof attr === 'object' && 'ref' in attr ? String((attr as { ref: string }).ref) : undefined);
    const targets = refOf(source.attributes.targets);
    if (targets?.startsWith('local.file_match.')) for (const t of alloyBlock(config, 'local.file_match', targets.split('.')[2]).attributes.path_targets as object[]) add(t);
    const relabel = refOf(source.attributes.relabel_rules);
    if (relabel) {
      const [kind, , label] = relabel.split('.');
      const block = alloyBlock(config, kind === 'discovery' ? 'discovery.relabel' : 'loki.relabel', label);
      for (const r of block.blocks) if (r.attributes.target_label) names.add(String(r.attributes.target_label));
    }
    const next = ((source.attributes.forward_to as Array<{ ref: string }>) ?? []).map((f) => f.ref).find((r) => r.startsWith('loki.process.'));
    if (next) for (const st of alloyBlock(config, 'loki.process', next.split('.')[2]).blocks) add(st.attributes.values);
    return names;
  }

  test.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('%s', (name, spec) => {
    const config = alloy(name);
    // THEN every stream is labelled with the machine it comes from, and pushed to this stack's Loki
    const write = alloyBlock(config, 'loki.write', 'default');
    expect(write.attributes).toEqual({ external_labels: { host: spec.runtime.docker.monitoringHost } });
    expect(write.blocks[0].attributes).toEqual({ url: `http://${name}-loki:3100/loki/api/v1/push` });
    for (const source of config.filter((b) => b.name.startsWith('loki.source.'))) {
      const labels = labelsSet(config, source);
      expect({ source: source.label, job: labels.has('job'), service: labels.has('service') }).toEqual({ source: source.label, job: true, service: true });
      // AND containers and the journal always try for a level; files do where their pipeline extracts one
      if (source.name !== 'loki.source.file') expect({ source: source.label, level: labels.has('level') }).toEqual({ source: source.label, level: true });
    }
  });

  test('file jobs that parse a level turn it into a label', () => {
    for (const e of ENVIRONMENTS) {
      for (const f of e.monitoring.logs?.files ?? []) {
        const extractsLevel = (f.pipeline ?? []).some((st) => st.regex?.expression.includes('(?P<level>') || st.json?.expressions.level !== undefined);
        const labelsLevel = (f.pipeline ?? []).some((st) => st.labels?.includes('level'));
        expect({ env: e.name, job: f.name, labelsLevel }).toEqual({ env: e.name, job: f.name, labelsLevel: extractsLevel });
      }
    }
  });
});

describe('Alloy pushes to the Loki container of its own stack', () => {
  test.each(ENVIRONMENTS.map((e) => [e.name] as const))('%s', (name) => {
    // GIVEN the endpoint URL and the Loki container
    const url = new URL(String(alloyBlock(alloy(name), 'loki.write', 'default').blocks[0].attributes.url));
    const lokiContainer = container(env(name).json, `${name}-loki`);
    const alloyContainer = container(env(name).json, `${name}-alloy`);
    // THEN the URL's host is Loki's alias on the network both containers are on, and its port Loki's
    expect(lokiContainer.networks_advanced[0].aliases).toContain(url.hostname);
    expect(alloyContainer.networks_advanced[0].name).toBe(lokiContainer.networks_advanced[0].name);
    expect(url.port).toBe(String(uploadedYaml(lokiContainer, '/etc/loki/loki.yaml').server.http_listen_port));
    expect(url.pathname).toBe('/loki/api/v1/push');
    // AND Grafana reads Loki there too, unless other machines push: then through its gateway, over TLS
    const lan = name === 'homelab' ? `https://${name}-loki-gateway:${url.port}` : `http://${url.hostname}:${url.port}`;
    expect(env(name).stack.parts.logs?.lokiUrl).toBe(lan);
  });
});

describe('Prometheus scrapes Loki, Alloy and Jaeger', () => {
  test.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('%s', (name, spec) => {
    const jobs = Object.fromEntries(prometheusYml(name).scrape_configs.map((j: ScrapeConfig) => [j.job_name, j.static_configs?.[0]?.targets]));
    expect(jobs.loki).toEqual([`${name}-loki:3100`]);
    expect(jobs.alloy).toEqual([`${name}-alloy:12345`]);
    expect(jobs.jaeger).toEqual(spec.monitoring.traces ? [`${name}-jaeger:8888`] : undefined);
  });
});

describe('only configuration keys checked against the Loki 3.7 and Alloy 1.18 docs', () => {
  test.each(ENVIRONMENTS.map((e) => [e.name] as const))('%s: loki.yaml and config.alloy use listed keys and blocks only', (name) => {
    expect(unknownKeyPaths(loki(name), LOKI_KEYS)).toEqual([]);
    expect(unknownAlloyPaths(alloy(name))).toEqual([]);
  });

  test('docs/logs-config-keys.md lists exactly these keys and blocks, each with the page it was checked against', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'logs-config-keys.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (loki\.yaml|config\.alloy) \| `([^`]+)` \| \[[^\]]*\]\(([^)]+)\) \|$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    const listed = [
      ...LOKI_KEYS.map((k) => `loki.yaml ${k.path} ${k.doc}`),
      ...ALLOY_BLOCKS.map((b) => `config.alloy ${b.block}: ${b.attributes.join(', ')} ${b.doc}`),
    ];
    expect(rows).toEqual(listed);
    // Every page is a page of the pinned versions' docs.
    for (const k of LOKI_KEYS) expect(k.doc).toMatch(/^https:\/\/grafana\.com\/docs\/loki\/v3\.7\.x\//);
    for (const b of ALLOY_BLOCKS) expect(b.doc).toMatch(/^https:\/\/grafana\.com\/docs\/alloy\/v1\.18\//);
  });
});

describe("homelab: pc's logs reach Loki on alienware over the LAN", () => {
  // GIVEN homelab, whose spec ships pc's seed log locations from an Alloy on pc
  const { stack, json } = env('homelab');
  const pcAlloy = container(json, 'homelab-pc-alloy');
  const pcConfig = alloy('homelab', 'homelab-pc-alloy');

  test('an Alloy runs on pc, through the aliased docker.pc provider, as a bridge container on pc\'s own network without ports', () => {
    expect(pcAlloy.provider).toBe('docker.pc');
    expect(pcAlloy.network_mode).toBe('bridge');
    expect(pcAlloy.ports).toBeUndefined();
    const network = Object.entries(json.resource.docker_network).find(([id]) => pcAlloy.networks_advanced[0].name === `\${docker_network.${id}.name}`)?.[1];
    expect(network).toMatchObject({ provider: 'docker.pc', driver: 'bridge', ipam_config: [{ subnet: '172.30.11.0/24', gateway: '172.30.11.1' }] });
  });

  test("it pushes to alienware's LAN address and Loki's port, both taken from the constructs, over TLS as user pc", () => {
    // WHEN the endpoint URL is read back
    const endpoint = alloyBlock(pcConfig, 'loki.write', 'default').blocks[0];
    const url = endpoint.attributes.url;
    const lokiPort = uploadedYaml(container(json, 'homelab-loki'), '/etc/loki/loki.yaml').server.http_listen_port;
    // THEN it is alienware's address (the monitoring host's) and Loki's port
    expect(url).toBe('https://192.168.68.58:3100/loki/api/v1/push');
    expect(url).toBe(`https://${stack.parts.hosts.get(stack.spec.runtime.docker.monitoringHost)!.address}:${lokiPort}/loki/api/v1/push`);
    expect(stack.parts.logs?.otherAlloys.map((p) => p.clientUrl)).toEqual([url]);
    // AND it logs in as pc with the password uploaded beside its config, and verifies the gateway with the environment's CA
    expect(endpoint.blocks.map((b) => [b.name, b.attributes])).toEqual([
      ['basic_auth', { username: 'pc', password_file: '/etc/alloy/secrets/loki-password' }],
      ['tls_config', { ca_file: '/etc/alloy/tls/ca.crt' }],
    ]);
    expect(uploadedText(pcAlloy, '/etc/alloy/secrets/loki-password')).toMatch(/^\$\{random_password\.logs_pc-push-user_password_[0-9A-F]+\.result\}$/);
    expect(uploadedText(pcAlloy, '/etc/alloy/tls/ca.crt')).toMatch(/^\$\{tls_self_signed_cert\.certificate-authority_ca_[0-9A-F]+\.cert_pem\}$/);
  });

  test("Loki's push port is published on alienware's LAN address by its gateway, which says why; Loki itself stays on 127.0.0.1", () => {
    expect(container(json, 'homelab-loki').ports).toEqual([{ internal: 3100, external: 3100, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(container(json, 'homelab-loki-gateway').ports).toEqual([{ internal: 3100, external: 3100, ip: '192.168.68.58', protocol: 'tcp' }]);
    expect(stack.parts.logs?.loki.exposedBecause).toBe('alloy on pc pushes logs over the LAN');
  });

  test("pc's streams are labelled host=pc: syslog, and the research logs through the structured-log pipeline", () => {
    expect(alloyBlock(pcConfig, 'loki.write', 'default').attributes.external_labels).toEqual({ host: 'pc' });
    expect(alloyBlock(alloy('homelab'), 'loki.write', 'default').attributes.external_labels).toEqual({ host: 'alienware' });
    expect(pcConfig.filter((b) => b.name === 'local.file_match').map((b) => [b.label, b.attributes.path_targets])).toEqual([
      ['file_syslog', [{ __path__: '/var/log/syslog', job: 'syslog', service: 'syslog' }]],
      ['file_research', [{ __path__: '/home/p/dev/research/logs/*.log', job: 'research', service: 'research' }]],
    ]);
    expect(stages(pcConfig, 'research')).toEqual([
      ['stage.json', { expressions: { timestamp: 'timestamp', level: 'level' } }],
      ['stage.timestamp', { source: 'timestamp', format: 'RFC3339' }],
      ['stage.labels', { values: { level: 'level' } }],
    ]);
    expect(unknownAlloyPaths(pcConfig)).toEqual([]);
  });

  test('it reads /var/log and the research logs directory read-only, and nothing else of pc', () => {
    expect(pcAlloy.volumes.filter((v: { host_path?: string }) => v.host_path)).toEqual([
      { host_path: '/var/log', container_path: '/var/log', read_only: true },
      { host_path: '/home/p/dev/research/logs', container_path: '/home/p/dev/research/logs', read_only: true },
    ]);
    expect(pcAlloy.depends_on).toEqual([expect.stringMatching(/^docker_container\.logs_loki_service_container_[0-9A-F]+$/)]);
  });
});
