import * as fs from 'fs';
import * as path from 'path';
import { renderRuleFile, ruleFileName } from '../../model/rules';
import { promtoolTestFiles } from '../../lib/rule-tests';
import { burnAlerts, SloAlertRule, sloRuleGroups, sloSchema, SloSpec } from '../../model/slo';
import { removeTempDirs, tempDir } from '../support/files';
import { promtoolTestRules } from './tools';
import { toYaml } from '../../lib/yaml';

afterAll(removeTempDirs);

const SEVERITIES = { page: 'critical', ticket: 'warning' };
const success: SloSpec = {
  name: 'request-success',
  description: 'client requests that succeed',
  objective: 99.9,
  sli: { events: { good: 'lloom_client_requests_total{status="success"}', total: 'lloom_client_requests_total' } },
  alerts: SEVERITIES,
};
/** A != matcher, an SLO label, and a 95% objective, where the fastest page needs 72% of events to fail. */
const answered: SloSpec = {
  name: 'answered',
  description: 'requests answered',
  objective: 95,
  sli: { events: { good: 'app_requests_total{job="app",status!="timeout"}', total: 'app_requests_total{job="app"}' } },
  labels: { team: 'core' },
  alerts: SEVERITIES,
};
const latency: SloSpec = {
  name: 'latency',
  description: 'requests served within 5 s',
  objective: 99,
  period: '7d',
  sli: { latency: { histogram: 'lloom_request_duration_seconds', le: '5' } },
  alerts: { page: 'critical', ticket: 'info' },
};

const alertsOf = (slo: SloSpec) => sloRuleGroups('env', [slo])[0].rules.filter((r): r is SloAlertRule => 'alert' in r);
const recordsOf = (slo: SloSpec) => sloRuleGroups('env', [slo])[0].rules.flatMap((r) => ('record' in r ? [r.record] : []));

describe('SLO rules: what is generated', () => {
  test('one group per SLO, evaluated once a minute, records before the alerts that read them', () => {
    // GIVEN two SLOs WHEN their groups are generated
    const groups = sloRuleGroups('lloom', [success, latency]);
    // THEN each has its group, and every record an alert reads comes before it
    expect(groups.map((g) => [g.name, g.interval])).toEqual([
      ['lloom-slo-request-success', '1m'],
      ['lloom-slo-latency', '1m'],
    ]);
    for (const group of groups) {
      const firstAlert = group.rules.findIndex((r) => 'alert' in r);
      expect(group.rules.slice(firstAlert).every((r) => 'alert' in r)).toBe(true);
    }
  });

  test('a 30d SLO records the error ratio over every window of the workbook and the period, burn rates and the budget left', () => {
    expect(recordsOf(success)).toEqual([
      'slo:objective:ratio',
      'slo:error_budget:ratio',
      ...['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map((w) => `slo:sli_error:ratio_rate${w}`),
      'slo:sli_good:rate5m',
      'slo:sli_total:rate5m',
      'slo:sli_error:ratio_rate30d',
      ...['1h', '6h', '1d', '3d'].map((w) => `slo:burn_rate:rate${w}`),
      'slo:error_budget:remaining_ratio',
    ]);
    const group = sloRuleGroups('lloom', [success])[0];
    const expr = (record: string) => group.rules.find((r) => 'record' in r && r.record === record)!.expr;
    expect(expr('slo:sli_error:ratio_rate5m')).toBe(
      '1 - (sum(rate(lloom_client_requests_total{status="success"}[5m])) or vector(0)) / sum(rate(lloom_client_requests_total[5m]))',
    );
    expect(expr('slo:burn_rate:rate1h')).toBe('slo:sli_error:ratio_rate1h{slo="request-success"} / 0.001');
    expect(expr('slo:error_budget:remaining_ratio')).toBe('1 - slo:sli_error:ratio_rate30d{slo="request-success"} / 0.001');
    expect(expr('slo:objective:ratio')).toBe('vector(0.999)');
    // the period's ratio from the recorded event rates, not from 30 days of raw samples
    expect(expr('slo:sli_good:rate5m')).toBe('sum(rate(lloom_client_requests_total{status="success"}[5m])) or vector(0)');
    expect(expr('slo:sli_error:ratio_rate30d')).toBe(
      '1 - sum(sum_over_time(slo:sli_good:rate5m{slo="request-success"}[30d])) / sum(sum_over_time(slo:sli_total:rate5m{slo="request-success"}[30d]))',
    );
  });

  test("the workbook's four alerts: page at 14.4x over 1h and 5m, 6x over 6h and 30m; ticket at 3x over 1d and 2h, 1x over 3d and 6h", () => {
    const alerts = alertsOf(success);
    expect(alerts.map((a) => [a.alert, a.labels])).toEqual([
      ['RequestSuccessBudgetBurn1h', { severity: 'critical', long_window: '1h', short_window: '5m', burn_rate: '14.4' }],
      ['RequestSuccessBudgetBurn6h', { severity: 'critical', long_window: '6h', short_window: '30m', burn_rate: '6' }],
      ['RequestSuccessBudgetBurn1d', { severity: 'warning', long_window: '1d', short_window: '2h', burn_rate: '3' }],
      ['RequestSuccessBudgetBurn3d', { severity: 'warning', long_window: '3d', short_window: '6h', burn_rate: '1' }],
    ]);
    expect(alerts[0].expr).toBe(
      'slo:sli_error:ratio_rate1h{slo="request-success"} > (14.4 * 0.001) and slo:sli_error:ratio_rate5m{slo="request-success"} > (14.4 * 0.001)',
    );
    expect(alerts[3].annotations).toEqual({
      summary: 'SLO request-success: error budget burning 1x as fast as the 99.9% objective allows',
      description:
        'Over the last 3d, and still over the last 6h, client requests that succeed failed 1 or more times as often as 99.9% over 30d allows: at this rate the 30d budget is gone in 30d.',
    });
  });

  test('the windows scale with the period, the burn rates stay', () => {
    // GIVEN a 7d period WHEN its alerts are made THEN each window is 7/30 of the workbook's, in whole
    // minutes, at least two (5m is 1m10s, which becomes 2m)
    expect(burnAlerts(latency)).toEqual([
      { kind: 'page', factor: 14.4, long: '14m', short: '2m' },
      { kind: 'page', factor: 6, long: '1h24m', short: '7m' },
      { kind: 'ticket', factor: 3, long: '5h36m', short: '28m' },
      { kind: 'ticket', factor: 1, long: '16h48m', short: '1h24m' },
    ]);
    expect(recordsOf(latency)).toContain('slo:sli_error:ratio_rate7d');
  });

  test("a latency SLI counts requests in the threshold's bucket out of the histogram's count", () => {
    const group = sloRuleGroups('lloom', [latency])[0];
    expect(group.rules.find((r) => 'record' in r && r.record === 'slo:sli_error:ratio_rate2m')!.expr).toBe(
      '1 - (sum(rate(lloom_request_duration_seconds_bucket{le="5"}[2m])) or vector(0)) / sum(rate(lloom_request_duration_seconds_count[2m]))',
    );
  });

  test('an SLO label is on every recorded series: set by the ratio rules, carried through by the rest', () => {
    const rules = sloRuleGroups('env', [answered])[0].rules;
    const ratios = rules.filter((r) => 'record' in r && (r.record.startsWith('slo:sli_error') || r.record.startsWith('slo:objective')));
    for (const r of ratios) expect(r.labels).toEqual({ slo: 'answered', team: 'core' });
    expect(alertsOf(answered)[0].tests.labels).toEqual({ slo: 'answered', team: 'core' });
  });

  test('the schema refuses an objective whose fastest page could not fire, and an SLI that is not a selector', () => {
    expect(sloSchema.safeParse({ ...success, objective: 90 }).error?.issues[0].message).toBe(
      'expected a percentage from 93.75 to below 100, such as 99.9 (below 93.75, the 14.4x page would need more than 90% of events to fail)',
    );
    const expression = sloSchema.safeParse({ ...success, sli: { events: { good: 'sum(rate(x_total[5m]))', total: 'x_total' } } });
    expect(expression.error?.issues.map((i) => i.message)).toContain(
      "expected a PromQL selector of a counter, such as 'lloom_client_requests_total{status=\"success\"}' (an expression that is not one selector)",
    );
  });
});

describe('SLO rules: promtool runs the generated tests', () => {
  const slos = [success, answered, latency];
  const groups = sloRuleGroups('env', slos);
  let dir: string;

  /** Writes the rule files (some changed by `mutate`) and the generated tests; promtool's verdict per test file. */
  async function run(mutate: (ruleFile: string, group: string) => string = (f) => f, only?: (file: string) => boolean): Promise<Map<string, string>> {
    dir = tempDir('slo-');
    for (const g of groups) fs.writeFileSync(path.join(dir, ruleFileName(g.name)), mutate(renderRuleFile([g]), g.name));
    const files = promtoolTestFiles(groups, { environment: 'env', evaluationInterval: '15s', ruleFile: ruleFileName }).filter((f) => !only || only(f.fileName));
    for (const f of files) fs.writeFileSync(path.join(dir, f.fileName), f.content);
    return promtoolTestRules(dir, files.map((f) => f.fileName));
  }

  test('every generated rule passes its tests: fires at its burn rate, not below, resolves once the burn ends', async () => {
    const verdicts = await run();
    expect([...verdicts].filter(([, v]) => v !== 'SUCCESS')).toEqual([]);
    // 17 records (6h is a long and a short window) and 4 alerts per SLO, one file each
    expect(verdicts.size).toBe(slos.length * 21);
  }, 60_000);

  test('a total outage before any request ever succeeded: no good series, every event failed, the page fires', async () => {
    // GIVEN the request-success rules, and only failed requests (the success series never appeared)
    dir = tempDir('slo-outage-');
    const group = groups[0];
    fs.writeFileSync(path.join(dir, 'rules.yml'), renderRuleFile([group]));
    const test = {
      rule_files: ['rules.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [{ series: 'lloom_client_requests_total{status="failed"}', values: '0+100x10' }],
          promql_expr_test: [{ expr: 'slo:sli_error:ratio_rate5m', eval_time: '2m', exp_samples: [{ labels: 'slo:sli_error:ratio_rate5m{slo="request-success"}', value: 1 }] }],
          alert_rule_test: [{ alertname: 'RequestSuccessBudgetBurn1h', eval_time: '2m', exp_alerts: [{ exp_labels: { ...alertsOf(success)[0].labels, slo: 'request-success' }, exp_annotations: alertsOf(success)[0].annotations }] }],
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'outage.test.yml'), toYaml(test));
    // WHEN promtool runs it THEN the ratio is 1 and the page fires
    expect((await promtoolTestRules(dir, ['outage.test.yml'])).get('outage.test.yml')).toBe('SUCCESS');
  }, 60_000);

  test('a page without its short window fails: it would stay firing long after the burn ended', async () => {
    const verdicts = await run(
      (f) => f.replace(' and slo:sli_error:ratio_rate5m{slo="request-success"} > (14.4 * 0.001)', ''),
      (file) => file.includes('RequestSuccessBudgetBurn1h'),
    );
    const verdict = [...verdicts.values()][0];
    expect(verdict).toContain('resolves by');
    expect(verdict).toContain('FAILED');
  }, 60_000);

  test('an alert at a lower burn rate than its own fails: it fires in the quiet run', async () => {
    const verdicts = await run(
      (f) => f.replaceAll('(6 * 0.05)', '(5.8 * 0.05)'),
      (file) => file.includes('AnsweredBudgetBurn6h'),
    );
    expect([...verdicts.values()][0]).toMatch(/FAILED:\s+name: AnsweredBudgetBurn6h stays quiet just below its threshold/);
  }, 60_000);

  test('an error ratio computed the wrong way round (good over total) fails its recording test', async () => {
    const verdicts = await run(
      (f) => f.replace('expr: 1 - (sum(rate(lloom_request_duration_seconds_bucket{le="5"}[2m])) or vector(0))', 'expr: (sum(rate(lloom_request_duration_seconds_bucket{le="5"}[2m])) or vector(0))'),
      (file) => file.includes('slo_sli_error_ratio_rate2m') && file.startsWith('env-slo-latency'),
    );
    expect([...verdicts.values()][0]).toContain('FAILED');
  }, 60_000);
});
