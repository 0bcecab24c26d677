import * as fs from 'fs';
import * as path from 'path';
import { promtoolTestFiles, TestedAlertRule, TestedRuleGroup } from '../../lib/rule-tests';
import { toYaml } from '../../lib/yaml';
import { ruleResourceName } from '../../runtimes/kubernetes/service-monitor';
import { PROMETHEUS_INTERVAL } from '../../runtimes/kubernetes/operator-objects';
import { openhands } from '../../environments/openhands/spec';
import { mapLimit, promtoolTestRules, runTool, runToolAsync, ToolResult } from '../alerting/tools';
import { removeTempDirs, tempDir } from '../support/files';
import { cleanupOutdirs, fromTerraformLiteral, resourcesOfType } from '../support/synth';
import { buildOpenhands } from '../support/kubernetes';

afterAll(() => {
  cleanupOutdirs();
  removeTempDirs();
});

// GIVEN openhands built once, and what the cluster would receive written to disk: each
// PrometheusRule's groups as a rule file, the whole-config Secret's alertmanager.yaml with the
// receivers' Secret mounted as files (dummy values)
const { env, monitoring } = buildOpenhands();
const dir = tempDir('openhands-alerting-');
const undo = (value: unknown): unknown =>
  typeof value === 'string' ? fromTerraformLiteral(value) : Array.isArray(value) ? value.map(undo) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, undo(v)])) : value;
const ruleFiles = resourcesOfType(monitoring, 'kubernetes_manifest')
  .map((m) => undo(m.manifest) as any)
  .filter((m) => m.kind === 'PrometheusRule')
  .map((rule) => {
    const file = path.join(dir, `${rule.metadata.name}.yml`);
    fs.writeFileSync(file, toYaml(rule.spec));
    return file;
  });

function loadableAlertmanagerYaml(): string {
  const secret = resourcesOfType(monitoring, 'kubernetes_secret_v1').find((s) => s.metadata.name === 'alertmanager-openhands')!;
  const secrets = path.join(dir, 'secrets');
  fs.mkdirSync(secrets, { recursive: true });
  const text = fromTerraformLiteral(secret.data['alertmanager.yaml']).replace(/\/etc\/alertmanager\/secrets\/alertmanager-receivers\/([a-z0-9_]+)/g, (_m, key: string) => {
    fs.writeFileSync(path.join(secrets, key), key === 'slack_webhook_url' ? 'https://hooks.invalid/slack\n' : `dummy-${key}\n`);
    return path.join(secrets, key);
  });
  const file = path.join(dir, 'alertmanager.yaml');
  fs.writeFileSync(file, text);
  return file;
}
const alertmanagerYaml = loadableAlertmanagerYaml();

/** promtool test files for these groups, written next to the rule files. */
function writeTests(groups: readonly TestedRuleGroup[], ruleFile: (group: string) => string = (g) => `${ruleResourceName(g)}.yml`) {
  const files = promtoolTestFiles(groups, { environment: 'openhands', evaluationInterval: PROMETHEUS_INTERVAL, ruleFile });
  for (const f of files) fs.writeFileSync(path.join(dir, f.fileName), f.content);
  return files;
}

describe('openhands: the rules Prometheus loads', () => {
  test('promtool check rules: every PrometheusRule\'s groups are a valid rule file', () => {
    expect(ruleFiles.map((f) => path.basename(f)).sort()).toEqual(['model-rules.yml', 'openhands-absent.yml', 'openhands-targets.yml']);
    const { code, output } = runTool('promtool', ['check', 'rules', ...ruleFiles]);
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('SUCCESS: 4 rules found') });
  });

  test('promtool test rules: every rule, the seed\'s four alerts and the generated ones, fires when it should and only then', async () => {
    const files = writeTests(env.ruleGroups);
    expect(files.map((f) => f.rule)).toEqual(expect.arrayContaining(['HighInferenceLatency', 'HighErrorRate', 'LowGPUUtilization', 'HighMemoryUsage', 'ModelServerTargetDown']));
    const verdicts = await promtoolTestRules(dir, files.map((f) => f.fileName));
    expect(Object.fromEntries([...verdicts].map(([file, verdict]) => [file, verdict]))).toEqual(Object.fromEntries(files.map((f) => [f.fileName, 'SUCCESS'])));
  });

  test('the seed\'s HighMemoryUsage fires for a container without a memory limit (+Inf): its test fails', async () => {
    // GIVEN model.rules with the seed's expression in place of the corrected one
    const seedExpr = 'container_memory_usage_bytes{container!=""} / container_spec_memory_limit_bytes{container!=""} * 100 > 85';
    const model = openhands.ruleGroups[0];
    const rule = model.rules.find((r): r is TestedAlertRule & typeof r => 'alert' in r && r.alert === 'HighMemoryUsage')!;
    const seedRule = { ...rule, expr: seedExpr, tests: { ...rule.tests!, series: Object.fromEntries(Object.entries(rule.tests!.series).map(([k, v]) => [k.replace('working_set_bytes', 'usage_bytes'), v])) } };
    const seedGroup = { name: 'seed.rules', rules: [seedRule] };
    fs.writeFileSync(path.join(dir, 'seed-rules.yml'), toYaml({ groups: [{ name: 'seed.rules', rules: [{ alert: seedRule.alert, expr: seedExpr, for: seedRule.for, labels: seedRule.labels, annotations: seedRule.annotations }] }] }));
    // WHEN its tests run THEN the limitless container fires too (in the quiet run as well)
    const [file] = writeTests([seedGroup], () => 'seed-rules.yml');
    const verdict = (await promtoolTestRules(dir, [file.fileName])).get(file.fileName)!;
    expect(verdict).toContain('FAILED');
    expect(verdict).toContain('container="server"');
  });
});

describe('openhands: the Alertmanager configuration', () => {
  test('amtool check-config: alertmanager.yaml is valid and its credential files are read', () => {
    const { code, output } = runTool('amtool', ['check-config', alertmanagerYaml]);
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining(' - 2 receivers') });
  });

  // Every severity, and every alert Prometheus loads, reaches exactly the receivers the spec names.
  const expected = openhands.alertmanager.expectedReceivers!;
  const alerts = env.ruleGroups.flatMap((g) => g.rules.filter((r): r is TestedAlertRule => 'alert' in r));
  const cases = [
    ...openhands.severities.map((severity) => ({ name: `severity=${severity}`, labels: { severity } as Record<string, string> })),
    ...alerts.map((a) => ({ name: a.alert, labels: { alertname: a.alert, ...a.labels } as Record<string, string> })),
  ];
  let results: ToolResult[];
  beforeAll(async () => {
    results = await mapLimit(cases, 4, (c) =>
      runToolAsync('amtool', ['config', 'routes', 'test', `--config.file=${alertmanagerYaml}`, `--verify.receivers=${expected[c.labels.severity].join(',')}`, ...Object.entries(c.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`)]),
    );
  });

  test('critical reaches PagerDuty, warning Slack', () => {
    expect(expected).toEqual({ critical: ['pagerduty-critical'], warning: ['slack-notifications'] });
  });

  test.each(cases.map((c, i) => [c.name, i] as const))('amtool config routes test: %s', (_name, i) => {
    expect({ code: results[i].code, receivers: results[i].output.split('\n')[0].trim() }).toEqual({ code: 0, receivers: expected[cases[i].labels.severity].join(',') });
  });
});
