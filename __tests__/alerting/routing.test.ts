import { routeAlert } from '../../lib/alertmanager-lint';
import { WATCHDOG_ALERT } from '../../lib/generated-rules';
import { HEARTBEAT_RECEIVER, withHeartbeat } from '../../model/alertmanager';
import { TestedAlertRule } from '../../lib/rule-tests';
import { burnAlertName, burnAlerts } from '../../model/slo';
import { ENVIRONMENTS } from '../../environments';
import { removeTempDirs } from '../support/files';
import { cleanupOutdirs, synthEveryEnvironment } from '../support/synth';
import { mapLimit, runToolAsync, ToolResult, writeConfigs } from './tools';

afterAll(() => {
  cleanupOutdirs();
  removeTempDirs();
});

interface RoutingCase {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Receivers the alert must reach, in order; undefined when the spec names none for its severity. */
  readonly receivers?: readonly string[];
}

/** `amtool config routes test`: the receivers the labels reach, checked against `receivers`. */
function routesTest(config: string, c: RoutingCase): Promise<ToolResult> {
  const labels = Object.entries(c.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return runToolAsync('amtool', ['config', 'routes', 'test', `--config.file=${config}`, `--verify.receivers=${(c.receivers ?? []).join(',')}`, ...labels]);
}

/** The receivers amtool resolved: the first line it prints. */
function resolved(result: ToolResult): string {
  return result.output.split('\n')[0].trim();
}

// GIVEN every environment, synthesized once
const synthesized = synthEveryEnvironment();

describe.each(ENVIRONMENTS.map((spec) => [spec.name, spec] as const))('%s: amtool config routes test', (env, spec) => {
  // GIVEN the synthesized alertmanager.yml, the receivers the spec says each severity must reach,
  // and every alert the environment's Prometheus loads (its own and the generated ones)
  const { stack, json } = synthesized(env);
  const expected = spec.monitoring.alertmanager.expectedReceivers ?? {};
  const alerts = stack.ruleGroups.flatMap((g) => g.rules.filter((r): r is TestedAlertRule => 'alert' in r));
  const cases: RoutingCase[] = [
    ...spec.monitoring.severities.map((severity) => ({ name: `severity=${severity}`, labels: { severity }, receivers: expected[severity] })),
    // Watchdog goes to the heartbeat receiver alone; every other alert where its severity says
    ...alerts.map((a) => ({ name: a.alert, labels: { alertname: a.alert, ...a.labels }, receivers: a.alert === WATCHDOG_ALERT ? [HEARTBEAT_RECEIVER] : expected[a.labels?.severity ?? ''] })),
  ];
  let results: Map<string, ToolResult>;

  beforeAll(async () => {
    // WHEN amtool routes each case's labels through the route tree
    const config = writeConfigs(json, env).alertmanagerYml;
    const run = await mapLimit(cases, 4, (c) => routesTest(config, c));
    results = new Map(cases.map((c, i) => [c.name, run[i]]));
  });

  test('the spec names the receivers of every severity', () => {
    expect(Object.keys(expected).sort()).toEqual([...spec.monitoring.severities].sort());
  });

  test("SLO pages reach where the environment's critical alerts go, tickets where its warnings go", () => {
    // GIVEN each SLO's burn-rate alerts, page or ticket by the workbook
    const slos = stack.sloRuleGroups.map((g) => g.slo);
    const sloAlerts = slos.flatMap((slo) => burnAlerts(slo).map((a) => ({ name: burnAlertName(slo, a), kind: a.kind })));
    expect(sloAlerts.length).toBe(4 * (spec.monitoring.slos?.length ?? 0));
    // THEN amtool routed each to the receivers of critical (page) or warning (ticket) alerts
    for (const { name, kind } of sloAlerts) {
      const result = results.get(name)!;
      expect({ name, code: result.code, receivers: resolved(result) }).toEqual({ name, code: 0, receivers: expected[kind === 'page' ? 'critical' : 'warning'].join(',') });
    }
  });

  test.each(cases.map((c) => [c.name, (c.receivers ?? []).join(', '), c] as const))('%s reaches %s', (_name, _receivers, c) => {
    // THEN it reaches exactly the intended receivers, in order (a route with continue adds the next)
    const result = results.get(c.name)!;
    expect({ code: result.code, receivers: resolved(result) }).toEqual({ code: 0, receivers: (c.receivers ?? []).join(',') });
    // AND the lint's routing evaluator, which checks expectedReceivers at synth, agrees with amtool
    expect(routeAlert(withHeartbeat(spec.monitoring.alertmanager, WATCHDOG_ALERT).route, c.labels).join(',')).toBe(resolved(result));
  });
});

describe('the routing check can fail', () => {
  test('amtool fails when an alert reaches other receivers than the ones given', async () => {
    // GIVEN homelab's alertmanager.yml, and a critical alert said to reach the team only
    const config = writeConfigs(synthesized('homelab').json, 'homelab').alertmanagerYml;
    // WHEN amtool routes it THEN it fails: critical alerts reach PagerDuty first, then the team
    const result = await routesTest(config, { name: 'WorkerDown', labels: { alertname: 'WorkerDown', severity: 'critical' }, receivers: ['ops-team'] });
    expect({ code: result.code, receivers: resolved(result) }).toEqual({ code: 1, receivers: 'pagerduty,ops-team' });
  });
});
