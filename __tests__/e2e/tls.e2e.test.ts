import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import bcrypt from 'bcryptjs';
import { renderWebConfig } from '../../model/web-config';
import { toYaml } from '../../lib/yaml';
import { removeTempDirs, tempDir } from '../support/files';
import { Daemon, freePort, getJson, httpsRequest, LOOPBACK, makeCertificates, request, waitFor } from './processes';
import { renderScrapeJob, ScrapeJob } from '../../model/scrape-jobs';

/**
 * Live, with Debian's prometheus-node-exporter, prometheus-pushgateway and prometheus on
 * 127.0.0.1: the exporters started with the web configuration this project renders (TLS and
 * bcrypt basic auth) and certificates made for the test by openssl serve metrics only over
 * TLS and only to the user it names; Prometheus, with the scrape jobs synthesized for homelab
 * (scheme https, the CA, basic auth from a password file), scrapes both (up == 1).
 */

jest.setTimeout(40_000);

const daemons: Daemon[] = [];
let dir: string;
let password: string;
let ports: { nodeExporter: number; pushgateway: number; prometheus: number };

/** The scrape jobs of the LAN endpoints, at local addresses, with the test's CA and password files. */
function lanScrapeJobs(local: { targets: Record<string, string>; caFile: string; passwordFile: string }): Array<Record<string, unknown>> {
  return Object.entries(local.targets).map(([job, target]) =>
    renderScrapeJob(
      new ScrapeJob(job, { scheme: 'https', tlsConfig: { caFile: local.caFile }, basicAuth: { username: 'prometheus', passwordFile: local.passwordFile } }).addTargets([target]),
    ),
  );
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

  // AND Prometheus with homelab's synthesized scrape jobs for them, pointed at the local ones
  const jobs = lanScrapeJobs({
    targets: { node: `${LOOPBACK}:${ports.nodeExporter}`, pushgateway: `${LOOPBACK}:${ports.pushgateway}` },
    caFile: path.join(dir, 'ca.crt'),
    passwordFile: path.join(dir, 'password'),
  });
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(config, toYaml({ global: { scrape_interval: '1s', scrape_timeout: '1s' }, scrape_configs: jobs }));
  daemons.push(
    new Daemon('prometheus', 'prometheus', [
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
