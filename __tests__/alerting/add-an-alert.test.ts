import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from '../../app';
import { llamaOrch } from '../../environments/llama-orch/spec';
import { promtoolTestFiles } from '../../lib/rule-tests';
import { appStacks } from '../../lib/stack-variables';
import { ruleFileName } from '../../model/rules';
import { EnvironmentStack } from '../../runtimes/docker/environment-stack';
import { removeTempDirs, tempDir } from '../support/files';
import { clone, TfJson } from '../support/synth';
import { promtoolTestRules, runTool, writeConfigs } from './tools';

afterAll(removeTempDirs);

/**
 * The README's recipe "add an alert with its tests", followed on a copy of llama-orch's spec:
 * the rule and its tests go into a rule group of the spec, synth validates and lints it, and
 * promtool proves it from the rule file as synthesized.
 */
const NEW_ALERT = {
  alert: 'TooManyDownloads',
  expr: 'rbee_hive_download_active > 5',
  for: '10m',
  labels: { severity: 'warning' },
  annotations: { summary: 'Too many model downloads at once', description: '{{ $labels.instance }} runs {{ $value }} downloads' },
  tests: {
    // 6 downloads for 10 minutes fire; 5 never do.
    series: { 'rbee_hive_download_active{instance="hive1.example.com:8081"}': { firing: 6, quiet: 5 } },
    labels: { instance: 'hive1.example.com:8081' },
    annotations: { summary: 'Too many model downloads at once', description: 'hive1.example.com:8081 runs 6 downloads' },
  },
};

/** Synthesizes a spec alone, as `npm run synth` does (validation, lint); returns its stack and JSON. */
function synth(spec: unknown): { stack: EnvironmentStack; json: TfJson } {
  const outdir = tempDir('add-an-alert-');
  const app = buildApp(outdir, [spec], []);
  app.synth();
  const stack = appStacks(app)[0] as EnvironmentStack;
  return { stack, json: JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8')) };
}

/** promtool's verdict on one rule's generated tests, against the rule files as synthesized. */
async function verdict(spec: unknown, rule: string): Promise<string | undefined> {
  const { stack, json } = synth(spec);
  const written = writeConfigs(json, stack.spec.name);
  const files = promtoolTestFiles(stack.ruleGroups, { environment: stack.spec.name, evaluationInterval: stack.parts.prometheus.evaluationInterval, ruleFile: ruleFileName });
  const mine = files.filter((f) => f.rule === rule);
  expect(mine).toHaveLength(1);
  for (const f of mine) fs.writeFileSync(path.join(written.rulesDir, f.fileName), f.content);
  expect(runTool('promtool', ['check', 'rules', ...written.ruleFiles]).code).toBe(0);
  return (await promtoolTestRules(written.rulesDir, [mine[0].fileName])).get(mine[0].fileName);
}

describe('how-to: add an alert with its tests', () => {
  test('a rule added with its tests to a spec synthesizes, and promtool passes it', async () => {
    // GIVEN a copy of a spec with one more alert, its tests beside it
    const spec = clone(llamaOrch) as any;
    spec.monitoring.ruleGroups[0].rules.push(NEW_ALERT);
    // WHEN it is synthesized and its tests run
    // THEN promtool passes it: quiet before 10 minutes, firing with its labels and annotations at 10, quiet at 5
    expect(await verdict(spec, 'TooManyDownloads')).toBe('SUCCESS');
  }, 60000);

  test('the same tests fail when the alert does not do what they say', async () => {
    // GIVEN the alert with a description its expression cannot produce
    const spec = clone(llamaOrch) as any;
    spec.monitoring.ruleGroups[0].rules.push({ ...NEW_ALERT, tests: { ...NEW_ALERT.tests, annotations: { ...NEW_ALERT.tests.annotations, description: 'hive1.example.com:8081 runs 7 downloads' } } });
    // THEN promtool refuses it
    expect(await verdict(spec, 'TooManyDownloads')).toMatch(/^exit code 1:/);
  }, 60000);
});
