import * as fs from 'fs';
import * as path from 'path';
import { backup, restore, volumeName } from '../../lib/backup';
import { ConfigError } from '../../lib/errors';
import { toYaml } from '../../lib/yaml';
import { removeTempDirs, tempDir } from '../support/files';
import { checker } from '../support/checkers';
import { Daemon, freePort, getJson, LOOPBACK, waitFor } from './processes';

/**
 * Backup and restore (lib/backup.ts) against a real prometheus of the deployed generation (the
 * checkers' 3.x) on 127.0.0.1: the
 * snapshot API is asked for a snapshot of a Prometheus that has scraped itself for a few
 * seconds; after a restore, a Prometheus started on the restored volume answers with those
 * samples. Grafana's and Alertmanager's volumes are folders of files here (their servers do
 * not run on this machine): the restore must give back exactly what was backed up.
 */

jest.setTimeout(40_000);

const ENV = 'homelab';
let root: string;
let volumes: string;
let port: number;
let prometheus: Daemon | undefined;
const volumePath = (volume: string) => path.join(volumes, volume);

/** A Prometheus on 127.0.0.1:`port` over the homelab-prometheus-data volume, scraping itself every second when `scrape`. */
function startPrometheus(name: string, scrape: boolean, adminApi = true): Daemon {
  const config = path.join(root, `${name}.yml`);
  const self = { job_name: 'prometheus', static_configs: [{ targets: [`${LOOPBACK}:${port}`] }] };
  fs.writeFileSync(config, toYaml({ global: { scrape_interval: '1s' }, scrape_configs: scrape ? [self] : [] }));
  return new Daemon(name, checker('prometheus'), [
    `--config.file=${config}`,
    `--storage.tsdb.path=${volumePath(volumeName(ENV, 'prometheus'))}`,
    `--web.listen-address=${LOOPBACK}:${port}`,
    ...(adminApi ? ['--web.enable-admin-api'] : []),
  ], root).start();
}

async function selfSamples(): Promise<number> {
  const body = await getJson(port, `/api/v1/query?query=${encodeURIComponent('count_over_time(up{job="prometheus"}[1h])')}`);
  return Number(body.data.result[0]?.value[1] ?? 0);
}

async function stop(): Promise<void> {
  await prometheus?.stop();
  prometheus = undefined;
}

beforeAll(async () => {
  root = tempDir('backup-e2e-');
  volumes = path.join(root, 'volumes');
  for (const part of ['prometheus', 'grafana', 'alertmanager'] as const) fs.mkdirSync(volumePath(volumeName(ENV, part)), { recursive: true });
  fs.writeFileSync(path.join(volumePath(volumeName(ENV, 'grafana')), 'grafana.db'), 'dashboards and users');
  fs.mkdirSync(path.join(volumePath(volumeName(ENV, 'grafana')), 'plugins'));
  fs.writeFileSync(path.join(volumePath(volumeName(ENV, 'alertmanager')), 'silences'), 'one silence');
  fs.writeFileSync(path.join(volumePath(volumeName(ENV, 'alertmanager')), 'nflog'), 'notification log');
  port = await freePort();
});

afterEach(stop);

afterAll(() => removeTempDirs());

test('a backup holds a Prometheus snapshot and the volumes; a restore gives them back, and Prometheus serves the old samples', async () => {
  // GIVEN a Prometheus with the admin API that has scraped itself at least five times
  prometheus = startPrometheus('prometheus', true);
  const before = await waitFor('five samples of up', 20_000, async () => ((await selfSamples()) >= 5 ? selfSamples() : undefined)).catch((e) => {
    throw new Error(`${e}\n${prometheus?.logTail()}`);
  });

  // WHEN a backup is taken
  const outDir = path.join(root, 'backup');
  const quiesced: string[] = [];
  const manifest = await backup({ env: ENV, prometheusUrl: `http://${LOOPBACK}:${port}`, volumePath, outDir, quiesce: (part, copy) => (quiesced.push(part), copy()) });

  // THEN the folder holds the three archives and the manifest, and the snapshot left the volume
  expect(manifest).toMatchObject({ environment: ENV, archives: { prometheus: 'prometheus.tar.gz', grafana: 'grafana.tar.gz', alertmanager: 'alertmanager.tar.gz' } });
  expect(fs.readdirSync(outDir).sort()).toEqual(['alertmanager.tar.gz', 'grafana.tar.gz', 'manifest.json', 'prometheus.tar.gz']);
  expect(JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8'))).toEqual(manifest);
  expect(fs.readdirSync(path.join(volumePath(volumeName(ENV, 'prometheus')), 'snapshots'))).toEqual([]);
  expect(quiesced).toEqual(['grafana', 'alertmanager']);

  // WHEN the state is lost (Prometheus stopped, its volume and Grafana's changed) and the backup restored
  await stop();
  fs.rmSync(volumePath(volumeName(ENV, 'prometheus')), { recursive: true });
  fs.mkdirSync(volumePath(volumeName(ENV, 'prometheus')));
  fs.writeFileSync(path.join(volumePath(volumeName(ENV, 'grafana')), 'grafana.db'), 'changed later');
  fs.writeFileSync(path.join(volumePath(volumeName(ENV, 'grafana')), 'new-file'), 'not in the backup');
  restore({ env: ENV, volumePath, fromDir: outDir });

  // THEN Grafana's and Alertmanager's volumes are what they were, and a Prometheus that scrapes
  // nothing answers with at least the samples it had when the backup was taken
  expect(fs.readdirSync(volumePath(volumeName(ENV, 'grafana'))).sort()).toEqual(['grafana.db', 'plugins']);
  expect(fs.readFileSync(path.join(volumePath(volumeName(ENV, 'grafana')), 'grafana.db'), 'utf8')).toBe('dashboards and users');
  expect(fs.readFileSync(path.join(volumePath(volumeName(ENV, 'alertmanager')), 'silences'), 'utf8')).toBe('one silence');
  prometheus = startPrometheus('restored', false);
  const after = await waitFor('the restored samples', 20_000, async () => ((await selfSamples()) > 0 ? selfSamples() : undefined)).catch((e) => {
    throw new Error(`${e}\n${prometheus?.logTail()}`);
  });
  expect(after).toBeGreaterThanOrEqual(before);
});

test('a Prometheus without the admin API is named as the problem, and nothing is written', async () => {
  // GIVEN a Prometheus started without --web.enable-admin-api
  prometheus = startPrometheus('no-admin', true, false);
  await waitFor('Prometheus ready', 20_000, async () => ((await fetch(`http://${LOOPBACK}:${port}/-/ready`)).ok ? true : undefined));
  const outDir = path.join(root, 'refused');

  // WHEN a backup is asked for THEN one clear line says what to change, and the folder stays empty
  const url = `http://${LOOPBACK}:${port}`;
  await expect(backup({ env: ENV, prometheusUrl: url, volumePath, outDir })).rejects.toThrow(
    new ConfigError(`backup: prometheusUrl: expected a Prometheus started with --web.enable-admin-api, got "admin APIs disabled" from ${url}/api/v1/admin/tsdb/snapshot`),
  );
  expect(fs.readdirSync(outDir)).toEqual([]);
});
