import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { PrometheusServer } from '../../../runtimes/docker/prometheus-server';
import { Exporter, EXPORTERS, ExporterContainer } from '../../../runtimes/docker/exporter';
import { BasicAuthCredential, CertificateAuthority } from '../../../runtimes/docker/certificates';
import { cleanupOutdirs, container, resourcesOfType, synthJson, testApp, TfJson, uploadedText, uploadedYaml } from '../../support/synth';

afterAll(cleanupOutdirs);

interface World { stack: TerraformStack; local: DockerHost; remote: DockerHost; prometheus: PrometheusServer }

function build(configure: (w: World) => void): TfJson {
  const stack = new TerraformStack(testApp(), 'test');
  const local = new DockerHost(stack, 'main', { engine: 'local', network: { name: 't', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
  const remote = new DockerHost(stack, 'pc', { engine: 'ssh://p@10.0.0.2:22', address: '10.0.0.2' });
  const prometheus = new PrometheusServer(stack, 'prometheus', { host: local, namePrefix: 'env' });
  configure({ stack, local, remote, prometheus });
  return synthJson(stack);
}

const jobs = (json: TfJson) => uploadedYaml(container(json, 'env-prometheus'), '/etc/prometheus/prometheus.yml').scrape_configs;
const run = (w: World, kind: ExporterContainer['kind'], extra: Partial<ExporterContainer> = {}, host = w.local) => ({ kind, host, namePrefix: 'env', ...extra });

describe('Exporter', () => {
  test('every exporter image is pinned to a version tag', () => {
    for (const def of Object.values(EXPORTERS)) expect(def.image).toMatch(/:(v?\d+\.\d+\.\d+)(-[a-z0-9.-]+)?$/);
  });

  test('node-exporter shares the host namespaces, reads /proc, /sys and / read-only, and listens on the stack gateway', () => {
    const json = build((w) => new Exporter(w.stack, 'node', { prometheus: w.prometheus, job: 'node', labels: { machine: 'main' }, container: run(w, 'node-exporter') }));
    const c = container(json, 'env-node-exporter');
    expect(resourcesOfType(json, 'docker_image').map((i) => i.name)).toContain('prom/node-exporter:v1.12.1');
    expect(c).toMatchObject({ network_mode: 'host', pid_mode: 'host', privileged: false });
    expect(c.volumes).toEqual([
      { host_path: '/proc', container_path: '/host/proc', read_only: true },
      { host_path: '/sys', container_path: '/host/sys', read_only: true },
      { host_path: '/', container_path: '/rootfs', read_only: true },
    ]);
    expect(c.command).toContain('--web.listen-address=172.31.0.1:9100');
    expect(jobs(json)).toContainEqual({ job_name: 'node', static_configs: [{ targets: ['main:9100'], labels: { machine: 'main' } }] });
  });

  test('a node-exporter on another host listens on that host\'s address and joins the same job, both serving TLS to Prometheus only', () => {
    const json = build((w) => {
      const security = { authority: new CertificateAuthority(w.stack, 'ca', { environment: 'env' }), scraper: new BasicAuthCredential(w.stack, 'scraper', { username: 'prometheus' }) };
      new Exporter(w.stack, 'node-main', { prometheus: w.prometheus, job: 'node', labels: { machine: 'main' }, container: run(w, 'node-exporter', { security }) });
      new Exporter(w.stack, 'node-pc', { prometheus: w.prometheus, job: 'node', labels: { machine: 'pc' }, container: run(w, 'node-exporter', { security }, w.remote) });
    });
    const remote = resourcesOfType(json, 'docker_container').find((c) => c.provider === 'docker.pc')!;
    expect(remote.command).toContain('--web.listen-address=10.0.0.2:9100');
    expect(remote.command).toContain('--web.config.file=/etc/node-exporter/web-config.yml');
    const node = jobs(json).find((j: { job_name: string }) => j.job_name === 'node');
    expect(node.static_configs).toEqual([
      { targets: ['main:9100'], labels: { machine: 'main' } },
      { targets: ['pc:9100'], labels: { machine: 'pc' } },
    ]);
    // THEN Prometheus scrapes them over https, verifying them with the CA, as user prometheus with its password file
    expect(node).toMatchObject({
      scheme: 'https',
      tls_config: { ca_file: '/etc/prometheus/tls/ca.crt' },
      basic_auth: { username: 'prometheus', password_file: '/etc/prometheus/secrets/prometheus-password' },
    });
    const prometheus = container(json, 'env-prometheus');
    expect(uploadedText(prometheus, '/etc/prometheus/tls/ca.crt')).toMatch(/^\$\{tls_self_signed_cert\.ca_[0-9A-F]+\.cert_pem\}$/);
    expect(uploadedText(prometheus, '/etc/prometheus/secrets/prometheus-password')).toMatch(/^\$\{random_password\.scraper_password_[0-9A-F]+\.result\}$/);
    // AND each exporter has its web configuration, certificate and key; the users are Prometheus alone
    expect(uploadedYaml(remote, '/etc/node-exporter/web-config.yml')).toEqual({
      tls_server_config: { cert_file: '/etc/node-exporter/tls.crt', key_file: '/etc/node-exporter/tls.key', min_version: 'TLS12' },
      basic_auth_users: { prometheus: expect.stringMatching(/^\$\{random_password\.scraper_password_[0-9A-F]+\.bcrypt_hash\}$/) },
    });
    expect(uploadedText(remote, '/etc/node-exporter/tls.key')).toMatch(/^\$\{tls_private_key\.ca_pc-node-exporter-key_[0-9A-F]+\.private_key_pem\}$/);
    // AND each certificate names the host as Prometheus calls it and the address it listens on
    expect(resourcesOfType(json, 'tls_cert_request').map((r) => [r.dns_names, r.ip_addresses])).toEqual([
      [['main'], ['172.31.0.1']],
      [['pc'], ['10.0.0.2']],
    ]);
    // AND the healthcheck wants a 401 over TLS from the listen address
    expect(remote.healthcheck.test).toEqual(['CMD-SHELL', "wget -q -S -O /dev/null --no-check-certificate https://10.0.0.2:9100/metrics 2>&1 | grep -q '^  HTTP/1.1 401 '"]);
  });

  test('refuses a node-exporter on another host without TLS and authentication, and TLS for an exporter that reads no web configuration', () => {
    expect(() => build((w) => new Exporter(w.stack, 'node-pc', { prometheus: w.prometheus, job: 'node', container: run(w, 'node-exporter', {}, w.remote) }))).toThrow(
      'test/node-pc: security: expected TLS and authentication, since node-exporter listens on 10.0.0.2, a LAN address, got nothing',
    );
    expect(() =>
      build((w) => {
        const security = { authority: new CertificateAuthority(w.stack, 'ca', { environment: 'env' }), scraper: new BasicAuthCredential(w.stack, 'scraper', { username: 'prometheus' }) };
        new Exporter(w.stack, 'gpu', { prometheus: w.prometheus, job: 'gpu', container: run(w, 'dcgm-exporter', { security }) });
      }),
    ).toThrow('test/gpu: security: expected an exporter kind that reads a web configuration (TLS with authentication); this one reads none, got "dcgm-exporter"');
  });

  test('a pushgateway published on the LAN serves TLS to Prometheus and its pushers, named by alias, host and published address', () => {
    const json = build((w) => {
      const security = {
        authority: new CertificateAuthority(w.stack, 'ca', { environment: 'env' }),
        scraper: new BasicAuthCredential(w.stack, 'scraper', { username: 'prometheus' }),
        users: [new BasicAuthCredential(w.stack, 'pc-user', { username: 'pc' })],
      };
      const publish = { ip: '10.0.0.1', exposedBecause: 'pc pushes its metrics here' };
      new Exporter(w.stack, 'pushgateway', { prometheus: w.prometheus, job: 'pushgateway', container: run(w, 'pushgateway', { security, publish }) });
    });
    const c = container(json, 'env-pushgateway');
    expect(c.ports).toEqual([{ internal: 9091, external: 9091, ip: '10.0.0.1', protocol: 'tcp' }]);
    expect(c.command).toEqual(['--persistence.file=/data/pushgateway.db', '--persistence.interval=5m', '--web.config.file=/etc/pushgateway/web-config.yml']);
    expect(Object.keys(uploadedYaml(c, '/etc/pushgateway/web-config.yml').basic_auth_users)).toEqual(['prometheus', 'pc']);
    expect(resourcesOfType(json, 'tls_cert_request')[0]).toMatchObject({ dns_names: ['env-pushgateway', 'main'], ip_addresses: ['10.0.0.1'] });
    expect(c.healthcheck.test[1]).toContain('https://127.0.0.1:9091/-/healthy');
    expect(jobs(json).find((j: { job_name: string }) => j.job_name === 'pushgateway')).toMatchObject({ scheme: 'https', static_configs: [{ targets: ['env-pushgateway:9091'] }] });
  });

  test('a bridge exporter on the Prometheus host is scraped by its alias and published only when asked', () => {
    const json = build((w) => {
      new Exporter(w.stack, 'redis', { prometheus: w.prometheus, job: 'redis', container: run(w, 'redis-exporter', { redisAddress: 'redis://redis:6379' }) });
      new Exporter(w.stack, 'gpu', { prometheus: w.prometheus, job: 'gpu', container: run(w, 'dcgm-exporter', { publish: {} }) });
    });
    expect(container(json, 'env-redis-exporter')).toMatchObject({ env: ['REDIS_ADDR=redis://redis:6379'] });
    expect(container(json, 'env-redis-exporter').ports).toBeUndefined();
    expect(container(json, 'env-dcgm-exporter')).toMatchObject({ gpus: 'all', ports: [{ internal: 9400, external: 9400, ip: '127.0.0.1', protocol: 'tcp' }] });
    expect(jobs(json)).toContainEqual({ job_name: 'redis', static_configs: [{ targets: ['env-redis-exporter:9121'] }] });
  });

  test('postgres-exporter reads its password from a file fed by a sensitive variable', () => {
    const json = build((w) =>
      new Exporter(w.stack, 'pg', {
        prometheus: w.prometheus,
        job: 'pg',
        container: run(w, 'postgres-exporter', { postgres: { address: 'postgres:5432', database: 'app', user: 'monitor', passwordSecret: 'pg_password' } }),
      }),
    );
    const c = container(json, 'env-postgres-exporter');
    expect(c.env).toEqual(['DATA_SOURCE_URI=postgres:5432/app?sslmode=disable', 'DATA_SOURCE_USER=monitor', 'DATA_SOURCE_PASS_FILE=/run/secrets/postgres-password']);
    expect(c.upload).toEqual([{ file: '/run/secrets/postgres-password', content: '${var.pg_password}', permissions: '0444' }]);
    expect(json.variable?.pg_password).toMatchObject({ sensitive: true });
  });

  test('blackbox-exporter probes its targets through the standard relabelling', () => {
    const json = build((w) =>
      new Exporter(w.stack, 'probe', { prometheus: w.prometheus, job: 'health', container: run(w, 'blackbox-exporter', { probe: { module: 'http_2xx', targets: ['http://a:1/health'] } }) }),
    );
    expect(jobs(json)).toContainEqual({
      job_name: 'health',
      metrics_path: '/probe',
      params: { module: ['http_2xx'] },
      static_configs: [{ targets: ['http://a:1/health'] }],
      relabel_configs: [
        { source_labels: ['__address__'], target_label: '__param_target' },
        { source_labels: ['__param_target'], target_label: 'instance' },
        // one blackbox exporter per probe job, named after it
        { target_label: '__address__', replacement: 'env-blackbox-health:9115' },
      ],
    });
    expect(uploadedYaml(container(json, 'env-blackbox-health'), '/etc/blackbox_exporter/config.yml').modules.http_2xx.prober).toBe('http');
  });

  test('cAdvisor gets the read-only mounts it needs and /dev/kmsg, never privileged', () => {
    const json = build((w) => new Exporter(w.stack, 'cadvisor', { prometheus: w.prometheus, job: 'docker', container: run(w, 'cadvisor') }));
    const c = container(json, 'env-cadvisor');
    expect(c.privileged).toBe(false);
    expect(c.volumes.every((v: { read_only: boolean }) => v.read_only)).toBe(true);
    expect(c.volumes.map((v: { host_path: string }) => v.host_path)).toEqual(['/', '/var/run/docker.sock', '/sys', '/var/lib/docker', '/dev/disk']);
    expect(c.devices).toEqual([{ host_path: '/dev/kmsg', container_path: '/dev/kmsg', permissions: 'r' }]);
  });

  test('an existing endpoint is only scraped: no container', () => {
    const json = build((w) => new Exporter(w.stack, 'queen', { prometheus: w.prometheus, job: 'queen', jobOptions: { scrapeTimeout: '10s' }, endpoints: ['queen:8080'] }));
    expect(resourcesOfType(json, 'docker_container').map((c) => c.name)).toEqual(['env-prometheus']);
    expect(jobs(json)).toContainEqual({ job_name: 'queen', scrape_timeout: '10s', static_configs: [{ targets: ['queen:8080'] }] });
  });

  test('two exporters may share a job only with the same scrape options', () => {
    expect(() =>
      build((w) => {
        new Exporter(w.stack, 'a', { prometheus: w.prometheus, job: 'x', endpoints: ['a:1'] });
        new Exporter(w.stack, 'b', { prometheus: w.prometheus, job: 'x', jobOptions: { scrapeInterval: '5s' }, endpoints: ['b:1'] });
      }),
    ).toThrow('test/b: jobOptions: expected the scrape options job "x" already has, got {"scrapeInterval":"5s"}');
  });
});
