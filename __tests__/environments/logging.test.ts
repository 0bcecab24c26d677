import * as fs from 'fs';
import * as path from 'path';
import { ENVIRONMENTS } from '../../environments';
import { LOKI_KEYS, PROMTAIL_KEYS, unknownKeyPaths } from '../../lib/loki-keys';
import { cleanupOutdirs, container, synthEveryEnvironment, uploadedText, uploadedYaml } from '../support/synth';

afterAll(cleanupOutdirs);

// GIVEN every environment, synthesized
const env = synthEveryEnvironment();

const loki = (name: string) => uploadedYaml(container(env(name).json, `${name}-loki`), '/etc/loki/loki.yaml');
const promtail = (name: string) => uploadedYaml(container(env(name).json, `${name}-promtail`), '/etc/promtail/promtail.yaml');
const prometheusYml = (name: string) => uploadedYaml(container(env(name).json, `${name}-prometheus`), '/etc/prometheus/prometheus.yml');

type ScrapeConfig = Record<string, any>;

function scrapeJob(name: string, job: string): ScrapeConfig {
  const found = promtail(name).scrape_configs.find((s: ScrapeConfig) => s.job_name === job);
  if (!found) throw new Error(`${name}: no promtail job ${job}`);
  return found;
}

function hostPaths(name: string): string[] {
  return container(env(name).json, `${name}-promtail`)
    .volumes.filter((v: { host_path?: string }) => v.host_path)
    .map((v: { host_path: string }) => v.host_path);
}

/** A relabel rule applied as Prometheus does: the regex anchored at both ends. */
function matches(regex: string, value: string): boolean {
  return new RegExp(`^(?:${regex})$`).test(value);
}

describe('what each environment ships', () => {
  test('homelab: alienware\'s containers and the /var/log files its seed lists, kept 7 days like its log rotation', () => {
    const config = promtail('homelab');
    expect(config.scrape_configs.map((s: ScrapeConfig) => s.job_name)).toEqual(['docker', 'syslog', 'brain-api', 'brain-workers', 'mvps']);
    expect(config.scrape_configs.flatMap((s: ScrapeConfig) => (s.static_configs ?? []).map((c: ScrapeConfig) => c.labels.__path__))).toEqual([
      '/var/log/syslog',
      '/var/log/brain-api.log',
      '/var/log/supervisor/*.log',
      '/var/log/mvps/*.log',
    ]);
    // The seed's structured fields: the JSON line's time and level.
    expect(scrapeJob('homelab', 'brain-api').pipeline_stages).toEqual([
      { json: { expressions: { timestamp: 'timestamp', level: 'level' } } },
      { timestamp: { source: 'timestamp', format: 'RFC3339' } },
      { labels: { level: 'level' } },
    ]);
    expect(loki('homelab').limits_config).toEqual({ retention_period: '168h' });
    expect(hostPaths('homelab')).toEqual(['/var/run/docker.sock', '/var/log']);
  });

  test('llama-orch: the queen-rbee and rbee-hive units, and the audit NDJSON kept 90 days while the rest is kept 15', () => {
    const journal = scrapeJob('llama-orch', 'journal');
    const keep = journal.relabel_configs.find((r: ScrapeConfig) => r.action === 'keep');
    expect(['queen-rbee.service', 'rbee-hive.service'].map((u) => matches(keep.regex, u))).toEqual([true, true]);
    expect(['sshd.service', 'docker.service', 'queen-rbee'].map((u) => matches(keep.regex, u))).toEqual([false, false, false]);
    const audit = scrapeJob('llama-orch', 'llama-orch-audit');
    expect(audit.static_configs).toEqual([
      { targets: ['localhost'], labels: { job: 'llama-orch-audit', service: 'llama-orch', __path__: '/var/log/llama-orch/audit/*.ndjson' } },
    ]);
    expect(audit.pipeline_stages[0]).toEqual({ json: { expressions: { timestamp: 'timestamp', level: 'level' } } });
    // THEN the audit stream's own period is longer than everything else's, and its selector names the audit job
    const limits = loki('llama-orch').limits_config;
    expect(limits).toEqual({ retention_period: '360h', retention_stream: [{ selector: '{job="llama-orch-audit"}', priority: 1, period: '2160h' }] });
    expect(limits.retention_stream[0].selector).toContain(`job="${audit.static_configs[0].labels.job}"`);
    // AND no container logs: the Docker socket is not mounted
    expect(hostPaths('llama-orch')).toEqual(['/var/log', '/run/log/journal', '/etc/machine-id']);
  });

  test('lloom: the seed\'s lloom_logs job with its regex, timestamp and labels, and Jaeger serving its 10% sampling', () => {
    const job = scrapeJob('lloom', 'lloom_logs');
    expect(job.static_configs).toEqual([{ targets: ['localhost'], labels: { job: 'lloom', service: 'lloom', __path__: '/var/log/lloom/*.log' } }]);
    // The expression is the seed's, character for character.
    expect(job.pipeline_stages).toEqual([
      { regex: { expression: String.raw`^(?P<timestamp>\S+)\s+(?P<level>\S+)\s+(?P<component>\S+)\s+(?P<message>.*)$` } },
      { timestamp: { source: 'timestamp', format: 'RFC3339' } },
      { labels: { level: 'level', component: 'component' } },
    ]);
    expect(loki('lloom').limits_config).toEqual({ retention_period: '720h' });
    const jaeger = container(env('lloom').json, 'lloom-jaeger');
    expect(JSON.parse(uploadedText(jaeger, '/etc/jaeger/sampling-strategies.json'))).toEqual({ default_strategy: { type: 'probabilistic', param: 0.1 } });
    expect(env('lloom').stack.parts.traces?.collectorUrl).toBe('http://lloom-jaeger:14268/api/traces');
  });

  test('osmen: its containers, and a Jaeger on the application\'s network keeping every trace', () => {
    expect(promtail('osmen').scrape_configs.map((s: ScrapeConfig) => s.job_name)).toEqual(['docker']);
    expect(loki('osmen').limits_config).toEqual({ retention_period: '360h' });
    const jaeger = container(env('osmen').json, 'osmen-jaeger');
    expect(jaeger.networks_advanced.map((n: { name: string }) => n.name)).toContain('osmen_default');
    expect(JSON.parse(uploadedText(jaeger, '/etc/jaeger/sampling-strategies.json')).default_strategy.param).toBe(1);
    expect(jaeger.env).toContain('BADGER_SPAN_STORE_TTL=72h');
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
  /** The labels a scrape config puts on its streams (Promtail's client adds host). */
  function labelsSet(s: ScrapeConfig): Set<string> {
    const names = new Set<string>();
    for (const c of s.static_configs ?? []) Object.keys(c.labels).forEach((l) => names.add(l));
    Object.keys(s.journal?.labels ?? {}).forEach((l) => names.add(l));
    for (const r of s.relabel_configs ?? []) if (r.target_label) names.add(r.target_label);
    for (const stage of s.pipeline_stages ?? []) Object.keys(stage.labels ?? {}).forEach((l) => names.add(l));
    return names;
  }

  test.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('%s', (name, spec) => {
    const config = promtail(name);
    // THEN every stream is labelled with the machine it comes from
    expect(config.clients).toEqual([{ url: `http://${name}-loki:3100/loki/api/v1/push`, external_labels: { host: spec.monitoringHost } }]);
    for (const s of config.scrape_configs) {
      const labels = labelsSet(s);
      expect({ job: s.job_name, job_label: labels.has('job'), service: labels.has('service') }).toEqual({ job: s.job_name, job_label: true, service: true });
      // AND containers and the journal always try for a level; files do where their pipeline extracts one
      if (s.docker_sd_configs || s.journal) expect({ job: s.job_name, level: labels.has('level') }).toEqual({ job: s.job_name, level: true });
    }
  });

  test('file jobs that parse a level turn it into a label', () => {
    for (const e of ENVIRONMENTS) {
      for (const f of e.logs?.files ?? []) {
        const extractsLevel = (f.pipeline ?? []).some((st) => st.regex?.expression.includes('(?P<level>') || st.json?.expressions.level !== undefined);
        const labelsLevel = (f.pipeline ?? []).some((st) => st.labels?.includes('level'));
        expect({ env: e.name, job: f.name, labelsLevel }).toEqual({ env: e.name, job: f.name, labelsLevel: extractsLevel });
      }
    }
  });
});

describe('Promtail pushes to the Loki container of its own stack', () => {
  test.each(ENVIRONMENTS.map((e) => [e.name] as const))('%s', (name) => {
    // GIVEN the client URL and the Loki container
    const url = new URL(promtail(name).clients[0].url);
    const lokiContainer = container(env(name).json, `${name}-loki`);
    const promtailContainer = container(env(name).json, `${name}-promtail`);
    // THEN the URL's host is Loki's alias on the network both containers are on, and its port Loki's
    expect(lokiContainer.networks_advanced[0].aliases).toContain(url.hostname);
    expect(promtailContainer.networks_advanced[0].name).toBe(lokiContainer.networks_advanced[0].name);
    expect(url.port).toBe(String(uploadedYaml(lokiContainer, '/etc/loki/loki.yaml').server.http_listen_port));
    expect(url.pathname).toBe('/loki/api/v1/push');
    // AND Grafana reads Loki there too, unless other machines push: then through its gateway, over TLS
    const lan = name === 'homelab' ? `https://${name}-loki-gateway:${url.port}` : `http://${url.hostname}:${url.port}`;
    expect(env(name).stack.parts.logs?.lokiUrl).toBe(lan);
  });
});

describe('Prometheus scrapes Loki, Promtail and Jaeger', () => {
  test.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('%s', (name, spec) => {
    const jobs = Object.fromEntries(prometheusYml(name).scrape_configs.map((j: ScrapeConfig) => [j.job_name, j.static_configs?.[0]?.targets]));
    expect(jobs.loki).toEqual([`${name}-loki:3100`]);
    expect(jobs.promtail).toEqual([`${name}-promtail:9080`]);
    expect(jobs.jaeger).toEqual(spec.traces ? [`${name}-jaeger:14269`] : undefined);
  });
});

describe('only configuration keys checked against the Loki 2.9 docs', () => {
  test.each(ENVIRONMENTS.map((e) => [e.name] as const))('%s: loki.yaml and promtail.yaml use listed keys only', (name) => {
    expect(unknownKeyPaths(loki(name), LOKI_KEYS)).toEqual([]);
    expect(unknownKeyPaths(promtail(name), PROMTAIL_KEYS)).toEqual([]);
  });

  test('the README lists exactly these keys, each with the page it was checked against', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Loki and Promtail 2.9 configuration keys'));
    const rows = [...section.matchAll(/^\| (loki\.yaml|promtail\.yaml) \| `([^`]+)` \| \[[^\]]*\]\(([^)]+)\) \|$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    const listed = [...LOKI_KEYS.map((k) => `loki.yaml ${k.path} ${k.doc}`), ...PROMTAIL_KEYS.map((k) => `promtail.yaml ${k.path} ${k.doc}`)];
    expect(rows).toEqual(listed);
    // Every page is a Loki 2.9 page.
    for (const k of [...LOKI_KEYS, ...PROMTAIL_KEYS]) expect(k.doc).toMatch(/^https:\/\/grafana\.com\/docs\/loki\/v2\.9\.x\//);
  });
});

describe("homelab: pc's logs reach Loki on alienware over the LAN", () => {
  // GIVEN homelab, whose spec ships pc's seed log locations from a Promtail on pc
  const { stack, json } = env('homelab');
  const pcPromtail = container(json, 'homelab-pc-promtail');
  const pcConfig = uploadedYaml(pcPromtail, '/etc/promtail/promtail.yaml');

  test('a Promtail runs on pc, through the aliased docker.pc provider, as a bridge container on pc\'s own network without ports', () => {
    expect(pcPromtail.provider).toBe('docker.pc');
    expect(pcPromtail.network_mode).toBe('bridge');
    expect(pcPromtail.ports).toBeUndefined();
    const network = Object.entries(json.resource.docker_network).find(([id]) => pcPromtail.networks_advanced[0].name === `\${docker_network.${id}.name}`)?.[1];
    expect(network).toMatchObject({ provider: 'docker.pc', driver: 'bridge', ipam_config: [{ subnet: '172.30.11.0/24', gateway: '172.30.11.1' }] });
  });

  test("it pushes to alienware's LAN address and Loki's port, both taken from the constructs, over TLS as user pc", () => {
    // WHEN the client URL is read back
    const url = pcConfig.clients[0].url;
    const lokiPort = uploadedYaml(container(json, 'homelab-loki'), '/etc/loki/loki.yaml').server.http_listen_port;
    // THEN it is alienware's address (the monitoring host's) and Loki's port
    expect(url).toBe('https://192.168.68.58:3100/loki/api/v1/push');
    expect(url).toBe(`https://${stack.parts.hosts.get(stack.spec.monitoringHost)!.address}:${lokiPort}/loki/api/v1/push`);
    expect(stack.parts.logs?.otherPromtails.map((p) => p.clientUrl)).toEqual([url]);
    // AND it verifies the gateway with the environment's CA and logs in as pc with the password uploaded beside its config
    expect(pcConfig.clients[0]).toMatchObject({ basic_auth: { username: 'pc', password_file: '/etc/promtail/secrets/loki-password' }, tls_config: { ca_file: '/etc/promtail/tls/ca.crt' } });
    expect(uploadedText(pcPromtail, '/etc/promtail/secrets/loki-password')).toMatch(/^\$\{random_password\.logs_pc-push-user_password_[0-9A-F]+\.result\}$/);
  });

  test("Loki's push port is published on alienware's LAN address by its gateway, which says why; Loki itself stays on 127.0.0.1", () => {
    expect(container(json, 'homelab-loki').ports).toEqual([{ internal: 3100, external: 3100, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(container(json, 'homelab-loki-gateway').ports).toEqual([{ internal: 3100, external: 3100, ip: '192.168.68.58', protocol: 'tcp' }]);
    expect(stack.parts.logs?.loki.exposedBecause).toBe('promtail on pc pushes logs over the LAN');
  });

  test("pc's streams are labelled host=pc: syslog, and the research logs through the structured-log pipeline", () => {
    expect(pcConfig.clients[0].external_labels).toEqual({ host: 'pc' });
    expect(promtail('homelab').clients[0].external_labels).toEqual({ host: 'alienware' });
    expect(pcConfig.scrape_configs.map((s: ScrapeConfig) => [s.job_name, s.static_configs])).toEqual([
      ['syslog', [{ targets: ['localhost'], labels: { job: 'syslog', service: 'syslog', __path__: '/var/log/syslog' } }]],
      ['research', [{ targets: ['localhost'], labels: { job: 'research', service: 'research', __path__: '/home/p/dev/research/logs/*.log' } }]],
    ]);
    expect(pcConfig.scrape_configs[1].pipeline_stages).toEqual([
      { json: { expressions: { timestamp: 'timestamp', level: 'level' } } },
      { timestamp: { source: 'timestamp', format: 'RFC3339' } },
      { labels: { level: 'level' } },
    ]);
    expect(unknownKeyPaths(pcConfig, PROMTAIL_KEYS)).toEqual([]);
  });

  test('it reads /var/log and the research logs directory read-only, and nothing else of pc', () => {
    expect(pcPromtail.volumes.filter((v: { host_path?: string }) => v.host_path)).toEqual([
      { host_path: '/var/log', container_path: '/var/log', read_only: true },
      { host_path: '/home/p/dev/research/logs', container_path: '/home/p/dev/research/logs', read_only: true },
    ]);
    expect(pcPromtail.depends_on).toEqual([expect.stringMatching(/^docker_container\.logs_loki_service_container_[0-9A-F]+$/)]);
  });
});
