import { ENVIRONMENTS } from '../../environments';
import { EnvironmentSpec } from '../../environments/spec';
import { writeConfigs } from '../alerting/tools';
import { removeTempDirs, tempDir } from '../support/files';
import { cleanupOutdirs, clone, synthEnvironment } from '../support/synth';
import { alertmanagerDaemon, AlertmanagerDaemon, freePort, getJson, request, waitFor, waitForAlertmanager, WebhookReceiver, webhookReceivers } from './processes';

/**
 * Inhibition, shown by the real Alertmanager (Debian's prometheus-alertmanager) on 127.0.0.1:
 * amtool cannot evaluate inhibit rules. For every environment with inhibit rules, its
 * alertmanager.yml (receivers replaced by webhooks to this test, routing timings shortened
 * through the spec) gets, for each rule, an alert its target matchers match, then one its
 * source matchers match. The target alert must be suppressed, inhibited by the source, and
 * never delivered; the source alert is delivered. Where the rule has `equal` labels, a second
 * target alert that differs in them stays active and is delivered.
 */

jest.setTimeout(30_000);

type RouteShape = EnvironmentSpec['monitoring']['alertmanager']['route'];

/** The route tree with every timing shortened, for a test that waits seconds, not minutes. */
function quickRoutes(route: RouteShape): RouteShape {
  return {
    ...route,
    groupWait: route.groupWait && '1s',
    groupInterval: route.groupInterval && '1s',
    routes: route.routes?.map(quickRoutes),
  };
}

/** { label: value } of matchers written label="value"; inhibit rules that need more are refused. */
function labelsOf(matchers: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    matchers.map((m) => {
      const found = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"([^"]*)"\s*$/.exec(m);
      if (!found) throw new Error(`this test builds alerts from label="value" matchers only, not ${m}`);
      return [found[1], found[2]];
    }),
  );
}

interface Probe {
  readonly rule: number;
  readonly source: Record<string, string>;
  readonly target: Record<string, string>;
  /** A target that differs from the source in an `equal` label: it must stay active. */
  readonly control?: Record<string, string>;
}

/** One source, target (and control) alert per inhibit rule, labelled from its matchers. */
function probes(spec: EnvironmentSpec): Probe[] {
  return (spec.monitoring.alertmanager.inhibitRules ?? []).map((r, i) => {
    // The labels both must share, and an alertname when the matchers name none (so routing groups them).
    const shared: Record<string, string> = Object.fromEntries((r.equal ?? []).map((l) => [l, `inhibition-probe-${i}`]));
    const named = (labels: Record<string, string>) => ({ alertname: `InhibitionProbe${i}`, ...shared, ...labels });
    const source = named(labelsOf(r.sourceMatchers));
    const target = named(labelsOf(r.targetMatchers));
    const control = r.equal?.length ? { ...target, [r.equal[r.equal.length - 1]]: 'another-value' } : undefined;
    return { rule: i, source, target, control };
  });
}

const inhibiting = ENVIRONMENTS.filter((e) => (e.monitoring.alertmanager.inhibitRules ?? []).length > 0);
const receiver = new WebhookReceiver();
const daemons: AlertmanagerDaemon[] = [];
const ports = new Map<string, number>();

beforeAll(async () => {
  await receiver.start();
  // GIVEN each environment's Alertmanager, from its synthesized alertmanager.yml, on a free port
  for (const env of inhibiting) {
    const spec = clone(env);
    spec.monitoring.alertmanager.route = quickRoutes(spec.monitoring.alertmanager.route);
    spec.monitoring.alertmanager.receivers = webhookReceivers(spec.monitoring.alertmanager.receivers, receiver, `${env.name}/`);
    // No heartbeat: its URL is a secret, and this test sends nothing beyond 127.0.0.1.
    delete spec.monitoring.alertmanager.heartbeat;
    const dir = tempDir(`e2e-inhibition-${env.name}-`);
    const written = writeConfigs(synthEnvironment(spec).json, spec.name, dir);
    const port = await freePort();
    ports.set(env.name, port);
    daemons.push(alertmanagerDaemon(`alertmanager-${env.name}`, written.alertmanagerYml, port, dir).start());
  }
  for (const daemon of daemons) await waitForAlertmanager(daemon);
}, 20_000);

afterAll(async () => {
  await Promise.all(daemons.map((d) => d.stop()));
  await receiver.stop();
  cleanupOutdirs();
  removeTempDirs();
});

/** POSTs alerts, firing for the next five minutes, to an Alertmanager's v2 API. */
async function post(port: number, alerts: Array<Record<string, string>>): Promise<void> {
  const now = Date.now();
  const body = alerts.map((labels) => ({ labels, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 300_000).toISOString() }));
  const res = await request(port, '/api/v2/alerts', 'POST', body);
  if (res.status !== 200) throw new Error(`POST /api/v2/alerts: HTTP ${res.status} ${res.body}`);
}

interface AlertStatus {
  labels: Record<string, string>;
  fingerprint: string;
  status: { state: string; inhibitedBy: string[]; mutedBy: string[]; silencedBy: string[] };
}

const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

async function statusOf(port: number, labels: Record<string, string>): Promise<AlertStatus | undefined> {
  const alerts = await getJson<AlertStatus[]>(port, '/api/v2/alerts');
  return alerts.find((a) => same(a.labels, labels));
}

test('the environments with inhibit rules are tested, homelab and llama-orch among them', () => {
  expect(inhibiting.map((e) => e.name)).toEqual(expect.arrayContaining(['homelab', 'llama-orch']));
});

/** "severity="critical" inhibits severity="warning" (equal alertname, cluster)" */
function describeRule(r: NonNullable<EnvironmentSpec['monitoring']['alertmanager']['inhibitRules']>[number]): string {
  return `${r.sourceMatchers.join(', ')} inhibits ${r.targetMatchers.join(', ')}${r.equal?.length ? ` (equal ${r.equal.join(', ')})` : ''}`;
}

describe.each(inhibiting.map((e) => [e.name, e] as const))('%s', (env, spec) => {
  // Each environment has its own Alertmanager: their probes run side by side.
  test.concurrent.each(probes(spec).map((p) => [describeRule(spec.monitoring.alertmanager.inhibitRules![p.rule]), p] as const))(
    '%s: the target is suppressed and never delivered, the source is delivered',
    async (_rule, probe) => {
      const port = ports.get(env)!;
      // WHEN the target alert (and the control) fire, with no source yet
      await post(port, [probe.target, ...(probe.control ? [probe.control] : [])]);
      // THEN the target is active: nothing inhibits it
      expect((await waitFor('the target alert', 5_000, () => statusOf(port, probe.target))).status).toEqual({ state: 'active', inhibitedBy: [], mutedBy: [], silencedBy: [] });
      // WHEN the source alert fires
      await post(port, [probe.source]);
      const source = await waitFor('the source alert', 5_000, () => statusOf(port, probe.source));
      // THEN the target is suppressed, inhibited by the source
      const target = await waitFor('the target to be inhibited', 5_000, async () => {
        const t = await statusOf(port, probe.target);
        return t?.status.state === 'suppressed' ? t : undefined;
      });
      expect(target.status).toEqual({ state: 'suppressed', inhibitedBy: [source.fingerprint], mutedBy: [], silencedBy: [] });
      // AND a target that differs from the source in an `equal` label is not
      if (probe.control) expect((await statusOf(port, probe.control))!.status.state).toBe('active');
      // AND the receivers get the source (and the control), and never the target
      const delivered = (labels: Record<string, string>) => () => receiver.alerts().find((a) => a.path.startsWith(`/${env}/`) && same(a.labels, labels));
      await waitFor('the source alert delivered', 10_000, delivered(probe.source));
      if (probe.control) await waitFor('the control alert delivered', 10_000, delivered(probe.control));
      await new Promise((r) => setTimeout(r, 1200)); // one more group_interval (1s): a late delivery would show
      expect(delivered(probe.target)()).toBeUndefined();
    },
  );
});
