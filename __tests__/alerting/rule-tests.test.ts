import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { durationSeconds, isDuration } from '../../lib/duration';
import { expandValues, formatDuration, longestWindowSeconds, PromtoolTestFile, promtoolTestFiles, rulesWithoutTests, TestedRuleGroup } from '../../lib/rule-tests';
import { ENVIRONMENTS } from '../../environments';
import { homelab } from '../../environments/homelab/spec';
import { llamaOrch } from '../../environments/llama-orch/spec';
import { EnvironmentStack } from '../../runtimes/docker/environment-stack';
import { EnvironmentSpec } from '../../environments/spec';
import { removeTempDirs } from '../support/files';
import { cleanupOutdirs, clone, synthEnvironment, synthEveryEnvironment, TfJson } from '../support/synth';
import { promtoolTestRules, uploadedRuleTests, writeConfigs } from './tools';
import { ruleFileName } from '../../model/rules';

// GIVEN every environment synthesized once: its rule groups are the spec's and the generated ones
const synthesized = synthEveryEnvironment();

/**
 * Runs the tests of every rule of a synthesized environment (or of the one named) with
 * `promtool test rules`, against the rule files exactly as synthesized: one promtool run, one
 * verdict per rule. The test files run are those uploaded to the Prometheus container (only
 * their rule_files moved to the folder the rule files are written to), which must be exactly
 * the generator's.
 */
async function runRuleTests(
  env: string,
  { stack, json }: { stack: EnvironmentStack; json: TfJson },
  only?: string,
): Promise<{ files: PromtoolTestFile[]; verdicts: Map<string, string> }> {
  const written = writeConfigs(json, env);
  const files = promtoolTestFiles(stack.ruleGroups, {
    environment: env,
    evaluationInterval: stack.parts.prometheus.evaluationInterval,
    ruleFile: ruleFileName,
  });
  const uploaded = uploadedRuleTests(json, env, written.rulesDir);
  expect([...uploaded.keys()].sort()).toEqual(files.map((f) => f.fileName).sort());
  const run = files.filter((f) => only === undefined || f.rule === only);
  for (const f of run) fs.writeFileSync(path.join(written.rulesDir, f.fileName), uploaded.get(f.fileName)!);
  return { files: run, verdicts: await promtoolTestRules(written.rulesDir, run.map((f) => f.fileName)) };
}

// WHEN every rule's tests run against the synthesized rule files, the environments side by side
const runs = new Map<string, Promise<{ files: PromtoolTestFile[]; verdicts: Map<string, string> }>>();
beforeAll(() => {
  for (const spec of ENVIRONMENTS) {
    const run = runRuleTests(spec.name, synthesized(spec.name));
    run.catch(() => undefined); // reported by the environment's own beforeAll, which awaits it
    runs.set(spec.name, run);
  }
});
// The runs end before their folders go, even those no test awaited (jest -t).
afterAll(async () => {
  await Promise.allSettled(runs.values());
  cleanupOutdirs();
  removeTempDirs();
});

describe.each(ENVIRONMENTS.map((spec) => spec.name))('%s: every rule, tested by promtool', (env) => {
  const { stack } = synthesized(env);
  const rules = stack.ruleGroups.flatMap((g) => g.rules.map((r) => ('alert' in r ? r.alert : r.record)));
  let verdicts: Map<string, string>;
  let fileOf: Map<string, string>;

  beforeAll(async () => {
    const run = await runs.get(env)!;
    verdicts = run.verdicts;
    fileOf = new Map(run.files.map((f) => [f.rule, f.fileName]));
  }, 60_000);

  test('every rule has tests next to its definition', () => {
    expect(rulesWithoutTests(stack.ruleGroups)).toEqual([]);
  });

  test.each(rules)('%s', (rule) => {
    // THEN promtool passes it: quiet one evaluation before it fires, firing with its labels and
    // annotations, quiet just below its threshold (recording rules: their output series)
    expect({ rule, verdict: verdicts.get(fileOf.get(rule)!) }).toEqual({ rule, verdict: 'SUCCESS' });
  });
});

describe('the rule tests can fail', () => {
  /** promtool's verdict on one rule of an environment after `change` broke it. */
  async function verdictAfter(spec: EnvironmentSpec, rule: string, change: (rules: Array<Record<string, any>>) => void): Promise<string> {
    const broken = clone(spec);
    change(broken.monitoring.ruleGroups.flatMap((g) => g.rules) as Array<Record<string, any>>);
    const { files, verdicts } = await runRuleTests(broken.name, synthEnvironment(broken), rule);
    return verdicts.get(files[0].fileName)!;
  }
  const named = (rules: Array<Record<string, any>>, name: string) => rules.find((r) => r.alert === name)!;

  test('an alert that fires one evaluation before its tests say fails', async () => {
    // GIVEN HighForceKillRate, tested to fire 9m30s into 7 kills a minute, with for 4m30s instead of 5m
    // WHEN its tests run THEN promtool finds it firing at 9m, where the tests expect none yet
    expect(await verdictAfter(llamaOrch, 'HighForceKillRate', (r) => (named(r, 'HighForceKillRate').for = '4m30s'))).toMatch(
      /FAILED:[\s\S]*alertname: HighForceKillRate, time: 9m,\s*exp:\[\],\s*got:\[\s*0:/,
    );
  });

  test('an alert whose threshold moved fires in the quiet run', async () => {
    // GIVEN WorkerDown firing at status <= 1 instead of == 0
    // WHEN its tests run THEN the quiet run (status 1) fires
    expect(await verdictAfter(homelab, 'WorkerDown', (r) => (named(r, 'WorkerDown').expr = 'brain_worker_status <= 1'))).toMatch(
      /name: WorkerDown stays quiet just below its threshold,\s*alertname: WorkerDown, time: 2m,\s*exp:\[\],\s*got:\[\s*0:/,
    );
  });

  test('an annotation that renders differently fails the firing run', async () => {
    // GIVEN a WorkerDown summary that names the wrong label
    // WHEN its tests run THEN promtool reports the annotation it rendered
    expect(await verdictAfter(homelab, 'WorkerDown', (r) => (named(r, 'WorkerDown').annotations.summary = 'Worker {{ $labels.instance }} is down'))).toContain(
      'Annotations:{description="Worker has been stopped for more than 2 minutes", summary="Worker  is down"}',
    );
  });

  test('a rule without tests is named, and fails the suite', () => {
    // GIVEN homelab with the tests of SignalQueueBacklog removed
    const untested = clone(homelab);
    delete (untested.monitoring.ruleGroups[0].rules[1] as { tests?: unknown }).tests;
    const { stack } = synthEnvironment(untested);
    // THEN the check every environment passes above names it
    expect(rulesWithoutTests(stack.ruleGroups as TestedRuleGroup[])).toEqual(['homelab-alerts/SignalQueueBacklog']);
  });
});

describe('a sub-second evaluation interval', () => {
  test('the evaluation before an alert fires is written to the millisecond, and promtool passes the tests', async () => {
    // GIVEN homelab's alert group evaluated every 500ms, and WorkerDown firing after 1s
    const fast = clone(homelab);
    fast.monitoring.ruleGroups[0].interval = '500ms';
    const workerDown = fast.monitoring.ruleGroups[0].rules.find((r) => 'alert' in r && r.alert === 'WorkerDown') as { for?: string };
    workerDown.for = '1s';
    // WHEN its tests are written and run
    const { files, verdicts } = await runRuleTests(fast.name, synthEnvironment(fast), 'WorkerDown');
    // THEN the firing run expects no alert at 500ms and the alert at 1s, and promtool agrees
    const firing = parse(files[0].content).tests[0].alert_rule_test.map((t: { eval_time: string }) => t.eval_time);
    expect(firing).toEqual(['500ms', '1s']);
    expect(verdicts.get(files[0].fileName)).toBe('SUCCESS');
  });
});

describe('what the test files are made of', () => {
  test.each([
    [5, 4, '5x3'],
    ['0+7', 4, '0+7x3'],
    ['0 1', 5, '0 1x3'],
    ['0+10x60 600', 100, '0+10x60 600x38'],
    ['_', 3, '_x3'],
    ['1 _x2 3', 6, '1 _x2 3x2'],
  ] as const)('input values %p over %i samples: %s', (values, samples, expected) => {
    // GIVEN values whose last term repeats WHEN expanded THEN the series has exactly that many samples
    expect(expandValues(values, samples)).toBe(expected);
  });

  test.each([
    [0, '0s'],
    [105, '1m45s'],
    [7260, '2h1m'],
    [86400, '24h'],
  ])('%i s is written %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  test.each([
    [0.5, '500ms'],
    [59.5, '59s500ms'],
    [3661.25, '1h1m1s250ms'],
    [durationSeconds('700ms'), '700ms'],
    [2 * durationSeconds('700ms'), '1s400ms'],
  ])('%p s is written to the millisecond: %s', (seconds, text) => {
    // GIVEN a duration with a part of a second (a spec may say interval: 500ms)
    // WHEN written THEN the milliseconds are kept, never dropped, and read back to the same seconds
    expect(formatDuration(seconds)).toBe(text);
    expect(durationSeconds(text)).toBeCloseTo(seconds, 9);
  });

  test('every duration it writes is a Prometheus duration that durationSeconds reads back to the same seconds', () => {
    // GIVEN any duration in hours, minutes, seconds and milliseconds (each below the next unit)
    const written = (h: number, m: number, s: number, ms: number) => [h && `${h}h`, m && `${m}m`, s && `${s}s`, ms && `${ms}ms`].filter(Boolean).join('') || '0s';
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(59), fc.nat(59), fc.nat(999), (h, m, s, ms) => {
        const text = written(h, m, s, ms);
        const seconds = durationSeconds(text);
        // WHEN its seconds are written THEN it is the same text, so it reads back to the same seconds
        const back = formatDuration(seconds);
        return back === text && isDuration(back) && durationSeconds(back) === seconds;
      }),
      { numRuns: 2000, seed: 500 },
    );
  });

  test.each([
    ['brain_worker_status == 0', 0],
    ['increase(brain_lancedb_rows_total[2h]) == 0', 7200],
    ['histogram_quantile(0.95, rate(x_bucket[5m])) > max_over_time(y[1h:1m])', 3600],
  ])('%s reads windows up to %i s', (expr, seconds) => {
    expect(longestWindowSeconds(expr)).toBe(seconds);
  });
});
