import * as fs from 'fs';
import * as path from 'path';
import { lloom } from '../../environments/lloom/spec';
import { osmen } from '../../environments/osmen/spec';
import { removeTempDirs, tempDir } from '../support/files';
import { clone } from '../support/synth';
import { appError, specError } from '../support/spec';

afterAll(removeTempDirs);

describe('SLO spec errors name the environment, the SLO field, what was given and what is expected', () => {
  test('an objective too low for the fastest page', () => {
    expect(specError((s) => (s.monitoring.slos[0].objective = 90), lloom)).toBe(
      'environment "lloom": monitoring.slos[0].objective: expected a percentage from 93.75 to below 100, such as 99.9 (below 93.75, the 14.4x page would need more than 90% of events to fail), got 90',
    );
  });

  test('an SLI written as an expression rather than a selector', () => {
    expect(specError((s) => (s.monitoring.slos[0].sli.events.good = 'sum(rate(lloom_client_requests_total{status="success"}[5m]))'), lloom)).toBe(
      'environment "lloom": monitoring.slos[0].sli.events.good: expected a PromQL selector of a counter, such as \'lloom_client_requests_total{status="success"}\' (an expression that is not one selector), got "sum(rate(lloom_client_requests_total{status=\\"success\\"}[5m]))"',
    );
  });

  test('an SLI with neither events nor latency, or both', () => {
    expect(specError((s) => (s.monitoring.slos[1].sli = {}), lloom)).toBe(
      'environment "lloom": monitoring.slos[1].sli: expected { events: { good, total } } or { latency: { histogram, le } }, got {}',
    );
    expect(specError((s) => (s.monitoring.slos[1].sli.events = s.monitoring.slos[0].sli.events), lloom)).toMatch(
      /^environment "lloom": monitoring.slos\[1\]\.sli: expected \{ events: \{ good, total \} \} or \{ latency: \{ histogram, le \} \}, got \{"events":/,
    );
    expect(specError((s) => (s.monitoring.slos[1].sli = { quantile: 0.99 }), lloom)).toBe('environment "lloom": monitoring.slos[1].sli.quantile: expected no field "quantile" (check its spelling), got 0.99');
  });

  test('an SLO label the generated rules set themselves', () => {
    expect(specError((s) => (s.monitoring.slos[0].labels = { slo: 'success' }), lloom)).toBe(
      'environment "lloom": monitoring.slos[0].labels.slo: expected a label name other than slo, severity, long_window, short_window, burn_rate, which the generated rules set, got "slo"',
    );
  });

  test('two SLOs with one name', () => {
    expect(specError((s) => (s.monitoring.slos[2].name = 'request-success'), lloom)).toBe(
      'environment "lloom": monitoring.slos[2].name: expected a name no other SLO has (slos[0] is "request-success" already), got "request-success"',
    );
  });

  test('a page severity the environment does not have', () => {
    expect(specError((s) => (s.monitoring.slos[0].alerts.page = 'page'), osmen)).toBe(
      'environment "osmen": monitoring.slos[0].alerts.page: expected one of "critical", "warning", got "page"',
    );
  });

  test('a period longer than Prometheus keeps its samples', () => {
    expect(specError((s) => (s.monitoring.slos[0].period = '30d'), osmen)).toBe(
      'environment "osmen": monitoring.slos[0].period: expected at most the 15d Prometheus keeps (prometheus.retentionTime): the budget is counted over the whole period, got "30d"',
    );
  });

  test('an SLO whose generated alert a rule of the spec takes already', () => {
    expect(specError((s) => (s.monitoring.ruleGroups[0].rules[0].alert = 'RequestLatencyBudgetBurn28m'), osmen)).toBe(
      'environment "osmen": monitoring.slos[0].name: expected a name whose generated alerts no rule of ruleGroups takes (there is an alert "RequestLatencyBudgetBurn28m"), got "request-latency"',
    );
  });
});

describe('an SLI the lint refuses stops the synth with its finding alone', () => {
  test("errors out of requests: osmen's error target as an SLO is not a subset by construction", () => {
    // GIVEN osmen with an SLO of errors over requests
    const spec = clone(osmen);
    spec.monitoring.slos!.push({
      name: 'errors',
      description: 'gateway requests without an error',
      objective: 99,
      period: '14d',
      sli: { events: { good: 'osmen_errors_total', total: 'osmen_requests_total' } },
      alerts: { page: 'critical', ticket: 'warning' },
    });
    const outdir = path.join(tempDir('slo-lint-'), 'cdktf.out');
    // WHEN the app is built
    const message = appError(outdir, [spec]);
    // THEN one finding names the SLO, not the rules and panels generated from it; nothing is written
    expect(message).toBe(
      'environment "osmen": SLO "errors" (slos[1]): sli.events: good counts osmen_errors_total and total osmen_requests_total, so good events are not a subset of total events by construction; select both from one counter, good with more matchers (such as osmen_requests_total{status="success"})',
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
