import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import bcrypt from 'bcryptjs';
import { renderWebConfig } from '../../model/web-config';
import { toYaml } from '../../lib/yaml';
import { removeTempDirs, tempDir } from '../support/files';
import { Daemon, freePort, getJson, httpsRequest, LOOPBACK, makeCertificates, request, waitFor } from './processes';
import { checker } from '../support/checkers';
import { homelab } from '../../environments/homelab/spec';
import { cleanupOutdirs, container, renderedConfigs, resourcesOfType, scrapeJob, synthEnvironment } from '../support/synth';

/**
 * Live, with Debian's prometheus-node-exporter, prometheus-pushgateway and prometheus on
 * 127.0.0.1: the exporters started with the web configuration this project renders (TLS and
 * bcrypt basic auth) and certificates made for the test by openssl serve metrics only over
 * TLS and only to the user it names; Prometheus, with the scrape jobs synthesized for homelab
 * (scheme https, the CA, basic auth from a password file), scrapes both (up == 1); and the
 * containers' synthesized healthchecks, run by Debian's busybox (the images' shell and wget),
 * pass against them and fail against an exporter that serves plain HTTP to anyone.
 */

jest.setTimeout(40_000);

const daemons: Daemon[] = [];
let dir: string;
let password: string;
let ports: { nodeExporter: number; pushgateway: number; prometheus: number };

/** What homelab synthesizes for its LAN endpoints: their scrape jobs and their containers' healthchecks. */
const { json } = synthEnvironment(homelab);
const synthesized = {
  jobs: { node: scrapeJob(renderedConfigs(json, 'homelab').prometheus, 'node'), pushgateway: scrapeJob(renderedConfigs(json, 'homelab').prometheus, 'pushgateway') },
  healthchecks: {
    node: resourcesOfType(json, 'docker_container').find((c) => c.provider === 'docker.pc' && c.name === 'homelab-node-exporter')!.healthcheck.test as string[],
    pushgateway: container(json, 'homelab-pushgateway').healthcheck.test as string[],
  },
};

/**
 * homelab's scrape jobs of its LAN endpoints, pointed at the local ones: targets, the CA file and
 * the password file become the test's; scheme, TLS and basic auth stay as synthesized.
 */
function lanScrapeJobs(local: { targets: Record<'node' | 'pushgateway', string>; caFile: string; passwordFile: string }): Array<Record<string, unknown>> {
  return (['node', 'pushgateway'] as const).map((name) => {
    const { targets: _targets, static_configs: _static, ...job } = synthesized.jobs[name];
    return {
      ...job,
      static_configs: [{ targets: [local.targets[name]] }],
      tls_config: { ...job.tls_config, ca_file: local.caFile },
      basic_auth: { ...job.basic_auth, password_file: local.passwordFile },
    };
  });
}

/** A container's synthesized healthcheck command, aimed at a local port, run by Debian's busybox sh and wget. */
function runHealthcheck(test: string[], port: number): number {
  expect(test[0]).toBe('CMD-SHELL');
  const command = test[1].replace(/https:\/\/[^/]+\//, `https://${LOOPBACK}:${port}/`);
  return spawnSync('busybox', ['sh', '-c', command], { timeout: 5000 }).status ?? -1;
}

beforeAll(async () => {
  // GIVEN a CA and a server certificate, and a password for the user "prometheus", bcrypt-hashed
  dir = tempDir('e2e-tls-');
  makeCertificates(dir);
  password = crypto.randomBytes(16).toString('hex');
  fs.writeFileSync(path.join(dir, 'password'), password);
  ports = { nodeExporter: await freePort(), pushgateway: await freePort(), prometheus: await freePort() };

  // AND the web configuration this project renders, naming them
  const webConfig = path.join(dir, 'web-config.yml');
  fs.writeFileSync(webConfig, renderWebConfig('e2e', {
    tls: { certFile: path.join(dir, 'server.crt'), keyFile: path.join(dir, 'server.key') },
    basicAuthUsers: { prometheus: bcrypt.hashSync(password, 10) },
  }));

  // AND node-exporter and the pushgateway started with it on 127.0.0.1
  daemons.push(
    new Daemon('node-exporter', 'prometheus-node-exporter', [
      `--web.listen-address=${LOOPBACK}:${ports.nodeExporter}`, `--web.config.file=${webConfig}`, '--collector.disable-defaults', '--collector.loadavg',
    ], dir).start(),
    new Daemon('pushgateway', 'prometheus-pushgateway', [`--web.listen-address=${LOOPBACK}:${ports.pushgateway}`, `--web.config.file=${webConfig}`], dir).start(),
  );

  // AND Prometheus with homelab's synthesized scrape jobs for them, pointed at the local ones (its users are "prometheus")
  const jobs = lanScrapeJobs({
    targets: { node: `${LOOPBACK}:${ports.nodeExporter}`, pushgateway: `${LOOPBACK}:${ports.pushgateway}` },
    caFile: path.join(dir, 'ca.crt'),
    passwordFile: path.join(dir, 'password'),
  });
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(config, toYaml({ global: { scrape_interval: '1s', scrape_timeout: '1s' }, scrape_configs: jobs }));
  daemons.push(
    new Daemon('prometheus', checker('prometheus'), [
      `--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=${LOOPBACK}:${ports.prometheus}`,
    ], dir).start(),
  );
  for (const [daemon, port] of [[daemons[0], ports.nodeExporter], [daemons[1], ports.pushgateway]] as const) {
    await waitFor(`${daemon.name} serving TLS`, 10_000, async () => ((await https(port, '/')).status === 401 ? true : undefined)).catch((e) => {
      throw new Error(`${e}\n${daemon.logTail()}`);
    });
  }
});

const https = (port: number, urlPath: string, auth?: string, method?: string, body?: string) => httpsRequest(path.join(dir, 'ca.crt'), port, urlPath, auth, method, body);

afterAll(async () => {
  await Promise.all(daemons.map((d) => d.stop()));
  removeTempDirs();
  cleanupOutdirs();
});

test('homelab scrapes its LAN endpoints over https, verifying them with its CA, as user prometheus with a password file', () => {
  for (const job of Object.values(synthesized.jobs)) {
    expect(job).toMatchObject({ scheme: 'https', tls_config: { ca_file: '/etc/prometheus/tls/ca.crt' }, basic_auth: { username: 'prometheus', password_file: expect.any(String) } });
  }
});

test('the containers\' healthchecks pass against the exporters serving TLS with authentication, and fail against plain HTTP', async () => {
  expect(runHealthcheck(synthesized.healthchecks.node, ports.nodeExporter)).toBe(0);
  expect(runHealthcheck(synthesized.healthchecks.pushgateway, ports.pushgateway)).toBe(0);
  // An exporter without the web configuration (plain HTTP, anyone in) is not healthy.
  const plainPort = await freePort();
  const plain = new Daemon('node-exporter-plain', 'prometheus-node-exporter', [`--web.listen-address=${LOOPBACK}:${plainPort}`, '--collector.disable-defaults', '--collector.loadavg'], dir).start();
  daemons.push(plain);
  await waitFor('plain node-exporter', 10_000, async () => ((await request(plainPort, '/metrics')).status === 200 ? true : undefined));
  expect(runHealthcheck(synthesized.healthchecks.node, plainPort)).not.toBe(0);
});

describe.each([
  ['node-exporter', () => ports.nodeExporter, '/metrics', 'node_load1'],
  ['pushgateway', () => ports.pushgateway, '/metrics', 'pushgateway_build_info'],
])('%s with the rendered web configuration', (_name, port, metricsPath, metric) => {
  test('serves its metrics over TLS to the user with the password', async () => {
    const res = await https(port(), metricsPath, `prometheus:${password}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(metric);
  });

  test('refuses a request without credentials, or with a wrong password or user, with 401', async () => {
    for (const auth of [undefined, `prometheus:${password}x`, `grafana:${password}`]) {
      const res = await https(port(), metricsPath, auth);
      expect({ auth, status: res.status }).toEqual({ auth, status: 401 });
      expect(res.body).not.toContain(metric);
    }
  });

  test('refuses plain HTTP', async () => {
    const res = await request(port(), metricsPath);
    expect(res.status).toBe(400);
    expect(res.body).toContain('HTTP request to an HTTPS server');
    expect(res.body).not.toContain(metric);
  });
});

test('the pushgateway takes a push from a user with the password, and refuses one without (401)', async () => {
  const metrics = '# TYPE research_runs_total counter\nresearch_runs_total 3\n';
  expect((await https(ports.pushgateway, '/metrics/job/research', undefined, 'PUT', metrics)).status).toBe(401);
  expect((await https(ports.pushgateway, '/metrics/job/research', `prometheus:${password}`, 'PUT', metrics)).status).toBe(200);
  const res = await https(ports.pushgateway, '/metrics', `prometheus:${password}`);
  expect(res.body).toContain('research_runs_total{instance="",job="research"} 3');
});

test('Prometheus, with the synthesized scrape jobs, scrapes both over TLS with basic auth (up == 1)', async () => {
  const up = async () => {
    const body = await getJson(ports.prometheus, '/api/v1/query?query=up');
    const byJob = Object.fromEntries(body.data.result.map((r: { metric: { job: string }; value: [number, string] }) => [r.metric.job, r.value[1]]));
    return byJob.node === '1' && byJob.pushgateway === '1' ? byJob : undefined;
  };
  const byJob = await waitFor('up == 1 for node and pushgateway', 15_000, up).catch((e) => {
    throw new Error(`${e}\n${daemons[2].logTail()}`);
  });
  expect(byJob).toEqual({ node: '1', pushgateway: '1' });
});
