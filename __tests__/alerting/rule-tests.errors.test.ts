import { ConfigError } from '../../lib/errors';
import { promtoolTestFiles } from '../../lib/rule-tests';
import { homelab } from '../../environments/homelab/spec';
import { llamaOrch } from '../../environments/llama-orch/spec';
import { lloom } from '../../environments/lloom/spec';
import { EnvironmentSpec, validateSpec } from '../../environments/spec';
import { cleanupOutdirs, clone, synthEnvironment } from '../support/synth';
import { ruleFileName } from '../../model/rules';

afterAll(cleanupOutdirs);

type AnyRule = Record<string, any>;

/** The message a spec changed by `breakIt` fails with: when it is validated, built, or its rule tests made. */
function errorFor(breakIt: (rules: AnyRule[], spec: any) => void, base: EnvironmentSpec = homelab): string {
  const spec = clone(base);
  breakIt(spec.monitoring.ruleGroups.flatMap((g) => g.rules) as AnyRule[], spec);
  try {
    validateSpec(spec);
    const { stack } = synthEnvironment(spec);
    promtoolTestFiles(stack.ruleGroups, { environment: spec.name, evaluationInterval: stack.parts.prometheus.evaluationInterval, ruleFile: ruleFileName });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the spec and its rule tests were accepted');
}

const rule = (rules: AnyRule[], name: string): AnyRule => rules.find((r) => r.alert === name || r.record === name)!;
const WORKER = 'brain_worker_status{worker="w1",machine="alienware"}';

describe('bad rule tests are named: environment, rule, field, what was given and what is expected', () => {
  test('a rule without tests', () => {
    // GIVEN homelab with SignalQueueBacklog's tests removed WHEN its rule tests are made THEN it is named
    expect(errorFor((r) => delete rule(r, 'SignalQueueBacklog').tests)).toBe(
      'environment "homelab": every rule needs tests (input series and the expected result) next to its definition; these have none: homelab-alerts/SignalQueueBacklog',
    );
  });

  test('input values promtool cannot read', () => {
    expect(errorFor((r) => (rule(r, 'WorkerDown').tests.series[WORKER] = 'zero'))).toBe(
      `environment "homelab": monitoring.ruleGroups[0].rules[0].tests.series.${WORKER}: expected a number held, or promtool values whose last term repeats to the end, such as "0+7" or "0+10x60 600" ("zero" is not a promtool value such as 5, 0+7, _ or 0+10x60), got "zero"`,
    );
  });

  test('a last term with a count of its own', () => {
    expect(errorFor((r) => (rule(r, 'WorkerDown').tests.series[WORKER].firing = '0x5'))).toBe(
      `environment "homelab": monitoring.ruleGroups[0].rules[0].tests.series.${WORKER}.firing: expected a number held, or promtool values whose last term repeats to the end, such as "0+7" or "0+10x60 600" (the last term "0x5" repeats until the end of the test: drop its x5), got "0x5"`,
    );
  });

  test('a growing term before the last one, which has no end', () => {
    expect(errorFor((r) => (rule(r, 'WorkerDown').tests.series[WORKER].quiet = '0+1 5'))).toBe(
      `environment "homelab": monitoring.ruleGroups[0].rules[0].tests.series.${WORKER}.quiet: expected a number held, or promtool values whose last term repeats to the end, such as "0+7" or "0+10x60 600" ("0+1" grows until the end of the test: only the last term may, give the others a count (0+1x10)), got "0+1 5"`,
    );
  });

  test('a key that is not a series', () => {
    expect(errorFor((r) => (rule(r, 'WorkerDown').tests.series = { 'worker status': { firing: 0, quiet: 1 } }))).toBe(
      'environment "homelab": monitoring.ruleGroups[0].rules[0].tests.series.worker status: expected a series such as \'brain_worker_status{worker="w1"}\', got "worker status"',
    );
  });

  test('a misspelt field', () => {
    expect(errorFor((r) => (rule(r, 'WorkerDown').tests.fireAfter = '2m'))).toBe(
      'environment "homelab": monitoring.ruleGroups[0].rules[0].tests.fireAfter: expected no field "fireAfter" (check its spelling), got "2m"',
    );
  });

  test('a firing run no different from the quiet run', () => {
    expect(errorFor((r) => (rule(r, 'WorkerDown').tests.series = { [WORKER]: 0 }))).toBe(
      `environment "homelab": rule group "homelab-alerts", alert "WorkerDown": tests.series: expected at least one series with { firing, quiet } values: the quiet run must differ from the firing run, got ["${WORKER.replace(/"/g, '\\"')}"]`,
    );
  });

  test('annotations that are not the rule\'s', () => {
    expect(errorFor((r) => delete rule(r, 'WorkerDown').tests.annotations.description)).toBe(
      'environment "homelab": rule group "homelab-alerts", alert "WorkerDown": tests.annotations: expected every annotation the rule renders (description, summary), got ["summary"]',
    );
  });

  test('an alert said to fire before its for has passed', () => {
    expect(errorFor((r) => (rule(r, 'WorkerDown').tests.firesAfter = '1m'))).toBe(
      'environment "homelab": rule group "homelab-alerts", alert "WorkerDown": tests.firesAfter: expected at least the rule\'s for (2m): an alert fires only once its condition has held that long, got "1m"',
    );
  });

  test('an alert said to fire between two evaluations', () => {
    expect(errorFor((r) => (rule(r, 'WorkerDown').tests.firesAfter = '2m10s'))).toBe(
      'environment "homelab": rule group "homelab-alerts", alert "WorkerDown": tests.firesAfter: expected a multiple of the group\'s evaluation interval (15s), when rules are evaluated, got "2m10s"',
    );
  });

  test('a firing time that is a multiple of a sub-second interval is accepted', () => {
    // GIVEN a 100ms group and WorkerDown firing after 300ms (0.3 % 0.1 is not 0 in floating point)
    const spec = clone(homelab);
    spec.monitoring.ruleGroups[0].interval = '100ms';
    const workerDown = spec.monitoring.ruleGroups[0].rules[0] as AnyRule;
    workerDown.for = '300ms';
    workerDown.tests.firesAfter = '300ms';
    workerDown.annotations.description = 'Worker has been stopped for more than 300ms';
    workerDown.tests.annotations.description = 'Worker has been stopped for more than 300ms';
    // WHEN its rule tests are made THEN they are, firing at 300ms
    const { stack } = synthEnvironment(spec);
    const files = promtoolTestFiles(stack.ruleGroups, { environment: spec.name, evaluationInterval: stack.parts.prometheus.evaluationInterval, ruleFile: ruleFileName });
    expect(JSON.stringify(files)).toContain('300ms');
  });

  test('an alert on a range window without firesAfter', () => {
    // GIVEN HighForceKillRate (rate over [5m]) without firesAfter: its rate takes time to climb
    expect(errorFor((r) => delete rule(r, 'HighForceKillRate').tests.firesAfter, llamaOrch)).toBe(
      'environment "llama-orch": rule group "llama-orch-alerts", alert "HighForceKillRate": tests.firesAfter: expected when the alert fires in the firing run: its expression reads a 5m window, whose values take time to reach the threshold, got nothing',
    );
  });

  test('a recording rule expected to record another series', () => {
    expect(errorFor((r) => (rule(r, 'lloom:request_rate:5m').tests.expect = { 'lloom:request_rate{model="llama-3-8b"}': 1 }), lloom)).toBe(
      'environment "lloom": rule group "capacity_planning", record "lloom:request_rate:5m": tests.expect: expected series of lloom:request_rate:5m, such as \'lloom:request_rate:5m{model="llama"}\', got "lloom:request_rate{model=\\"llama-3-8b\\"}"',
    );
  });
});

describe('bad resolving runs and tolerances are named', () => {
  const resolves = (firingAt: string, quietAt: string) => ({ series: { [WORKER]: '0x3 1' }, firingAt, quietAt });

  test('a resolving run quiet no later than it fires', () => {
    expect(errorFor((r) => (rule(r, 'WorkerDown').tests.resolves = resolves('3m', '3m')))).toBe(
      'environment "homelab": rule group "homelab-alerts", alert "WorkerDown": tests.resolves.quietAt: expected a time after firingAt (3m): the alert resolves once it has fired, got "3m"',
    );
  });

  test('a resolving run read between two evaluations', () => {
    expect(errorFor((r) => (rule(r, 'WorkerDown').tests.resolves = resolves('2m10s', '5m')))).toBe(
      'environment "homelab": rule group "homelab-alerts", alert "WorkerDown": tests.resolves.firingAt: expected a multiple of the group\'s evaluation interval (15s), when rules are evaluated, got "2m10s"',
    );
  });

  test('a tolerance that is not positive', () => {
    expect(errorFor((r) => (rule(r, 'lloom:request_rate:5m').tests.tolerance = 0), lloom)).toBe(
      'environment "lloom": monitoring.ruleGroups[3].rules[0].tests.tolerance: expected a positive number such as 1e-9, got 0',
    );
  });
});

describe('bad generated-alert settings are named', () => {
  test('a severity the environment does not have', () => {
    expect(errorFor((_r, s) => (s.monitoring.generatedAlerts = { severity: 'urgent' }))).toBe(
      'environment "homelab": monitoring.generatedAlerts.severity: expected one of "critical", "high", "warning", "info", got "urgent"',
    );
  });

  test('the default severity, when the environment has no "warning"', () => {
    expect(errorFor((_r, s) => (s.monitoring.generatedAlerts = undefined), { ...homelab, monitoring: { ...homelab.monitoring, severities: ['critical', 'high', 'info'], ruleGroups: [] } })).toBe(
      'environment "homelab": monitoring.generatedAlerts.severity: expected one of "critical", "high", "info", got "warning"',
    );
  });

  test('a target-down for that is not a duration', () => {
    expect(errorFor((_r, s) => (s.monitoring.generatedAlerts = { targetDownFor: 'soon' }))).toBe(
      'environment "homelab": monitoring.generatedAlerts.targetDownFor: expected a duration such as "30s", "5m", "1h30m" or "15d", got "soon"',
    );
  });

  test('a rule named like a generated alert', () => {
    // GIVEN a rule of the spec called NodeTargetDown that does not watch up{job="node"}
    expect(errorFor((r) => (rule(r, 'HighCPULoad').alert = 'NodeTargetDown'))).toBe(
      'environment "homelab": alert "NodeTargetDown" is generated (lib/generated-rules.ts); rename the rule of that name in ruleGroups',
    );
  });
});
