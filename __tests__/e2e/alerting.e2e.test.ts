import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { durationSeconds } from '../../lib/duration';
import { toYaml } from '../../lib/yaml';
import { llamaOrch } from '../../environments/llama-orch/spec';
import { EnvironmentSpec } from '../../environments/spec';
import { writeConfigs } from '../alerting/tools';
import { removeTempDirs, tempDir } from '../support/files';
import { checker } from '../support/checkers';
import { cleanupOutdirs, clone, synthEnvironment } from '../support/synth';
import { alertmanagerDaemon, Daemon, freePort, getJson, LOOPBACK, metricsEndpoint, waitFor, waitForAlertmanager, WebhookReceiver, webhookReceivers } from './processes';

/**
 * End to end, with the real Debian prometheus, prometheus-alertmanager and
 * prometheus-node-exporter on 127.0.0.1: llama-orch's configs, synthesized by the real code,
 * make its target-down alert (ServiceDown, the seed's `up == 0`) reach its receiver when
 * queen-rbee stops answering, and resolve when it answers again.
 *
 * queen-rbee is played by node-exporter (any /metrics endpoint will do), the three rbee-hives
 * by endpoints this test serves. The spec copy differs from llama-orch's in target addresses,
 * intervals and receivers only (a webhook to this test in place of e-mail and Slack). The
 * stack's own containers Prometheus scrapes (Loki, Alloy...) have no address in the spec:
 * in prometheus.yml their addresses, and Prometheus's and Alertmanager's, become local ones.
 */

jest.setTimeout(40_000);

const receiver = new WebhookReceiver();
const standIns: Array<{ port: number; close: () => Promise<void> }> = [];
const HIVE_METRICS = '# TYPE rbee_hive_workers_total gauge\nrbee_hive_workers_total{state="idle"} 2\n';
let localTargets: Record<string, string[]>;
const daemons: Daemon[] = [];
let nodeExporter: Daemon;
let ports: { prometheus: number; alertmanager: number; nodeExporter: number };
let bound: { scrape: number; evaluation: number; for: number; groupWait: number; groupInterval: number };

/** llama-orch with local targets, second-scale intervals and the test's webhook as its receivers. */
function localSpec(queenRbee: string, rbeeHives: string[]): EnvironmentSpec {
  const spec = clone(llamaOrch);
  spec.monitoring.prometheus.scrapeInterval = '1s';
  spec.monitoring.prometheus.evaluationInterval = '1s';
  spec.monitoring.jobs = spec.monitoring.jobs.map((job) => ({
    ...job,
    scrapeInterval: '1s',
    scrapeTimeout: '1s',
    targets: job.name === 'queen-rbee' ? [queenRbee] : job.name === 'rbee-hive' ? rbeeHives : job.targets,
  }));
  for (const group of spec.monitoring.ruleGroups) {
    group.interval = '1s';
    for (const rule of group.rules) if ('alert' in rule && rule.alert === 'ServiceDown') rule.for = '5s';
  }
  spec.monitoring.alertmanager.route = { ...spec.monitoring.alertmanager.route, groupWait: '1s', groupInterval: '1s' };
  spec.monitoring.alertmanager.receivers = webhookReceivers(spec.monitoring.alertmanager.receivers, receiver);
  // No heartbeat here: its URL is a secret, and this test sends nothing beyond 127.0.0.1.
  delete spec.monitoring.alertmanager.heartbeat;
  return spec;
}

beforeAll(async () => {
  // GIVEN free ports, the webhook receiver and three rbee-hive endpoints on 127.0.0.1
  await receiver.start();
  const standIn = async (text = '') => {
    const endpoint = await metricsEndpoint(text);
    standIns.push(endpoint);
    return `${LOOPBACK}:${endpoint.port}`;
  };
  const rbeeHives = [await standIn(HIVE_METRICS), await standIn(HIVE_METRICS), await standIn(HIVE_METRICS)];
  ports = { prometheus: await freePort(), alertmanager: await freePort(), nodeExporter: await freePort() };
  const queenRbee = `${LOOPBACK}:${ports.nodeExporter}`;

  // AND llama-orch's configs, synthesized by the real code from the local spec copy
  const spec = localSpec(queenRbee, rbeeHives);
  const dir = tempDir('e2e-alerting-');
  const written = writeConfigs(synthEnvironment(spec).json, spec.name, dir);

  // AND in prometheus.yml, local addresses for what runs as a container: Prometheus itself,
  // Alertmanager, and the stack's other containers (stood in for by endpoints that stay up)
  const config = parse(fs.readFileSync(written.prometheusYml, 'utf8'));
  localTargets = {};
  for (const job of config.scrape_configs) {
    for (const group of job.static_configs ?? []) {
      group.targets = job.job_name === 'prometheus'
        ? [`${LOOPBACK}:${ports.prometheus}`]
        : await Promise.all(group.targets.map((t: string) => (t.startsWith(`${LOOPBACK}:`) ? t : standIn())));
      localTargets[job.job_name] = [...(localTargets[job.job_name] ?? []), ...group.targets];
    }
  }
  expect(localTargets).toMatchObject({ 'queen-rbee': [queenRbee], 'rbee-hive': rbeeHives });
  expect(config.alerting.alertmanagers[0].static_configs[0].targets).toEqual(['llama-orch-alertmanager:9093']);
  config.alerting.alertmanagers[0].static_configs[0].targets = [`${LOOPBACK}:${ports.alertmanager}`];
  fs.writeFileSync(written.prometheusYml, toYaml(config));

  // The bound these configs imply from a stop to a delivery: the failed scrape, the evaluation
  // that sees it, `for`, and Alertmanager's group_wait.
  const rules = parse(fs.readFileSync(path.join(written.rulesDir, 'llama-orch-alerts.yml'), 'utf8')).groups[0];
  const am = parse(fs.readFileSync(written.alertmanagerYml, 'utf8'));
  bound = {
    scrape: durationSeconds(config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'queen-rbee').scrape_interval),
    evaluation: durationSeconds(rules.interval),
    for: durationSeconds(rules.rules.find((r: { alert?: string }) => r.alert === 'ServiceDown').for),
    groupWait: durationSeconds(am.route.group_wait),
    groupInterval: durationSeconds(am.route.group_interval),
  };
  expect(am.route.routes).toBeUndefined(); // every alert takes the root route, and its group_wait

  // WHEN node-exporter, Prometheus and Alertmanager run on those ports
  nodeExporter = new Daemon('node-exporter', 'prometheus-node-exporter', [`--web.listen-address=${queenRbee}`, '--no-collector.systemd'], dir);
  const alertmanager = alertmanagerDaemon('alertmanager', written.alertmanagerYml, ports.alertmanager, dir);
  const prometheus = new Daemon('prometheus', checker('prometheus'), [
    `--config.file=${written.prometheusYml}`,
    `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
    `--web.listen-address=${LOOPBACK}:${ports.prometheus}`,
  ], dir);
  daemons.push(nodeExporter, alertmanager, prometheus);
  for (const d of daemons) d.start();
  await waitForAlertmanager(alertmanager);
}, 20_000);

afterAll(async () => {
  // Every process and server ends, whatever happened above.
  await Promise.all(daemons.map((d) => d.stop()));
  await Promise.all(standIns.map((h) => h.close()));
  await receiver.stop();
  cleanupOutdirs();
  removeTempDirs();
});

/** The health of every target Prometheus scrapes, by "job instance". */
async function targetHealth(): Promise<Record<string, string>> {
  const targets = await getJson(ports.prometheus, '/api/v1/targets');
  return Object.fromEntries(targets.data.activeTargets.map((t: any) => [`${t.labels.job} ${t.labels.instance}`, t.health]));
}

const serviceDown = (status: 'firing' | 'resolved') => () => receiver.alerts().find((a) => a.labels.alertname === 'ServiceDown' && a.status === status);

test('(a) Prometheus scrapes every target: itself, queen-rbee (node-exporter), the three rbee-hives, the stack', async () => {
  // THEN every target of prometheus.yml is up
  const expected = Object.fromEntries(Object.entries(localTargets).flatMap(([job, targets]) => targets.map((t) => [`${job} ${t}`, 'up'])));
  let last: Record<string, string> = {};
  await waitFor('every target up', 15_000, async () => {
    last = await targetHealth();
    const all = Object.values(last);
    return all.length === Object.keys(expected).length && all.every((h) => h === 'up') ? true : undefined;
  }).catch(() => undefined); // the assertion below says which target is not up
  expect(last).toEqual(expected);
  // AND nothing has reached the receiver yet
  expect(receiver.alerts()).toEqual([]);
});

test('(b) stopping node-exporter makes ServiceDown reach the team, with its labels, within the configured bound', async () => {
  // WHEN queen-rbee (node-exporter) stops
  await nodeExporter.stop();
  const stoppedAt = Date.now();
  // THEN ServiceDown reaches the webhook of team-notifications
  const alert = await waitFor('ServiceDown to reach the webhook', 20_000, serviceDown('firing'));
  const seconds = (alert.receivedAt - stoppedAt) / 1000;
  expect({ receiver: alert.receiver, path: alert.path }).toEqual({ receiver: 'team-notifications', path: '/team-notifications' });
  // with the rule's labels, the target's, and Prometheus's external labels (cluster, environment)
  expect(alert.labels).toEqual({
    alertname: 'ServiceDown',
    severity: 'critical',
    job: 'queen-rbee',
    instance: `${LOOPBACK}:${ports.nodeExporter}`,
    cluster: 'llama-orch-prod',
    environment: 'production',
  });
  expect(alert.annotations).toEqual({ summary: 'Service queen-rbee is down', description: `${LOOPBACK}:${ports.nodeExporter} has been down for 1 minute` });
  // AND it came after `for` and Alertmanager's group_wait, and within scrape + evaluation + for + group_wait
  const upper = bound.scrape + bound.evaluation + bound.for + bound.groupWait;
  console.log(
    `stop -> delivery: ${seconds.toFixed(2)} s; bound: scrape ${bound.scrape} s + evaluation ${bound.evaluation} s + for ${bound.for} s + group_wait ${bound.groupWait} s = ${upper} s`,
  );
  // (a scrape cut short by the stop may carry a timestamp a few milliseconds before it)
  expect(seconds).toBeGreaterThanOrEqual(bound.for + bound.groupWait - 0.5);
  expect(seconds).toBeLessThanOrEqual(upper + 1); // 1 s for the processes' own work
  // AND only ServiceDown, only for queen-rbee, reached it
  expect(receiver.alerts().map((a) => `${a.labels.alertname} ${a.labels.job} ${a.status}`)).toEqual(['ServiceDown queen-rbee firing']);
});

test('(c) starting node-exporter again resolves ServiceDown', async () => {
  // WHEN queen-rbee answers again
  nodeExporter.start();
  const startedAt = Date.now();
  // THEN the receiver is told ServiceDown is resolved
  const resolved = await waitFor('ServiceDown resolved at the webhook', 15_000, serviceDown('resolved'));
  const seconds = (resolved.receivedAt - startedAt) / 1000;
  const upper = bound.scrape + bound.evaluation + bound.groupInterval;
  console.log(`start -> resolved: ${seconds.toFixed(2)} s; bound: scrape ${bound.scrape} s + evaluation ${bound.evaluation} s + group_interval ${bound.groupInterval} s = ${upper} s`);
  expect(resolved.labels).toMatchObject({ alertname: 'ServiceDown', job: 'queen-rbee' });
  expect(seconds).toBeLessThanOrEqual(upper + 1.5); // and node-exporter's start
  expect((await targetHealth())[`queen-rbee ${LOOPBACK}:${ports.nodeExporter}`]).toBe('up');
});
