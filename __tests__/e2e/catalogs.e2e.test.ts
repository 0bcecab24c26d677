import * as fs from 'fs';
import * as path from 'path';
import { CATALOGS, MetricDef, mergeCatalogs, processGo } from '../../lib/catalogs';
import { parseExposition } from '../../lib/exposition';
import { checker } from '../support/checkers';
import { removeTempDirs, tempDir } from '../support/files';
import { Daemon, freePort, LOOPBACK, request, waitFor } from './processes';

/**
 * The catalogs against what the real processes serve: Debian's node-exporter, pushgateway and
 * blackbox-exporter, and the checkers' Prometheus 3.5 and Alertmanager 0.33 (support/checkers.ts)
 * each run on a free port of 127.0.0.1, and every
 * family of their /metrics (and of a blackbox probe of a port opened here) must be in the catalog
 * with the same type and no label the catalog lacks.
 */

interface Case {
  readonly catalog: string;
  readonly command: string;
  readonly args: (port: number, dir: string) => string[];
  /** The paths to read, after the daemon answers /metrics. */
  readonly paths: (port: number) => string[];
}

const CASES: Case[] = [
  // Upstream's default collectors: Debian's build adds systemd, which upstream leaves off.
  { catalog: 'node-exporter', command: 'prometheus-node-exporter', args: (p) => [`--web.listen-address=${LOOPBACK}:${p}`, '--no-collector.systemd'], paths: () => ['/metrics'] },
  {
    catalog: 'pushgateway',
    command: 'prometheus-pushgateway',
    // Its own persistence file: Debian's default is the machine's.
    args: (p, dir) => [`--web.listen-address=${LOOPBACK}:${p}`, `--persistence.file=${path.join(dir, 'pushgateway.data')}`],
    paths: () => ['/metrics'],
  },
  {
    catalog: 'blackbox-exporter',
    command: 'prometheus-blackbox-exporter',
    args: (p, dir) => {
      fs.writeFileSync(path.join(dir, 'blackbox.yml'), 'modules:\n  http_2xx:\n    prober: http\n');
      return [`--web.listen-address=${LOOPBACK}:${p}`, `--config.file=${path.join(dir, 'blackbox.yml')}`];
    },
    // A probe of its own port: the probe_* families.
    paths: (p) => ['/metrics', `/probe?module=http_2xx&target=${LOOPBACK}:${p}/metrics`],
  },
  {
    // The deployed generation's Prometheus (3.5, .tools), as the other tests run it.
    catalog: 'prometheus',
    command: checker('prometheus'),
    args: (p, dir) => {
      fs.writeFileSync(path.join(dir, 'prometheus.yml'), 'global: {}\n');
      return [`--web.listen-address=${LOOPBACK}:${p}`, `--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`];
    },
    paths: () => ['/metrics'],
  },
  {
    // The deployed generation's Alertmanager (0.33, .tools).
    catalog: 'alertmanager',
    command: checker('prometheus-alertmanager'),
    args: (p, dir) => {
      fs.writeFileSync(path.join(dir, 'alertmanager.yml'), 'route:\n  receiver: none\nreceivers:\n  - name: none\n');
      return [`--web.listen-address=${LOOPBACK}:${p}`, `--config.file=${path.join(dir, 'alertmanager.yml')}`, `--storage.path=${path.join(dir, 'alertmanager-data')}`, '--cluster.listen-address='];
    },
    paths: () => ['/metrics'],
  },
];

afterAll(removeTempDirs);

/** What the catalog lacks or says otherwise, one line per family. */
function differences(served: readonly MetricDef[], catalog: readonly MetricDef[]): string[] {
  const byName = new Map(catalog.map((d) => [d.name, d]));
  return served.flatMap((f) => {
    const known = byName.get(f.name);
    if (!known) return [`${f.name}: not in the catalog (${f.type}, labels ${f.labels.join(', ') || 'none'})`];
    if (known.type !== f.type) return [`${f.name}: the catalog says ${known.type}, the process serves ${f.type}`];
    const missing = f.labels.filter((l) => !known.labels.includes(l));
    return missing.length ? [`${f.name}: the catalog lacks label ${missing.join(', ')}`] : [];
  });
}

describe.each(CASES.map((c) => [c.catalog, c] as const))('the %s catalog against the real process', (name, c) => {
  const dir = tempDir(`catalog-${name}-`);
  let daemon: Daemon;
  let served: MetricDef[] = [];

  beforeAll(async () => {
    // GIVEN the Debian process on a free port of 127.0.0.1
    const port = await freePort();
    daemon = new Daemon(name, c.command, c.args(port, dir), dir).start();
    await waitFor(`${name} /metrics`, 15_000, async () => ((await request(port, '/metrics')).status === 200 ? true : undefined)).catch((e) => {
      throw new Error(`${e}\n${daemon.logTail()}`);
    });
    // WHEN its expositions are read
    for (const p of c.paths(port)) served = [...served, ...parseExposition((await request(port, p)).body)];
  }, 30_000);

  afterAll(() => daemon?.stop());

  test('every family it serves is in the catalog, with its type and labels', () => {
    const info = CATALOGS[name];
    const catalog = info.exposesProcessGo ? mergeCatalogs(info.catalog, processGo) : info.catalog;
    // THEN the process served families, and the catalog has each of them
    expect(served.length).toBeGreaterThan(10);
    expect(differences(served, catalog)).toEqual([]);
  });
});

describe('the comparison can fail', () => {
  test('a family, a type or a label the catalog lacks is named', () => {
    const served = parseExposition('# TYPE a_total counter\na_total{x="1"} 1\n# TYPE b gauge\nb 1\n# TYPE c histogram\nc_bucket{le="1"} 1\nc_sum 1\nc_count 1\n');
    expect(served).toEqual([
      { name: 'a_total', type: 'counter', labels: ['x'] },
      { name: 'b', type: 'gauge', labels: [] },
      { name: 'c', type: 'histogram', labels: [] },
    ]);
    expect(differences(served, [{ name: 'a_total', type: 'counter', labels: [] }, { name: 'c', type: 'summary', labels: [] }])).toEqual([
      'a_total: the catalog lacks label x',
      'b: not in the catalog (gauge, labels none)',
      'c: the catalog says summary, the process serves histogram',
    ]);
  });
});
