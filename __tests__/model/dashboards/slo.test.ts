import { sloDashboard } from '../../../model/dashboards/slo';
import { SloSpec } from '../../../model/slo';
import { parsePromQL } from '../../../lib/promql';
import * as fs from 'fs';
import * as path from 'path';
import { osmen } from '../../../environments/osmen/spec';
import { lloom } from '../../../environments/lloom/spec';
import { renderSvg } from '../../../scripts/render-dashboard';

/** osmen's 95% latency SLO over 14 days (its windows 14/30 of the workbook's), and a 99.9% events SLO over 30 days. */
const latency: SloSpec = osmen.monitoring.slos![0];
const success: SloSpec = {
  name: 'request-success',
  description: 'requests that succeed',
  objective: 99.9,
  sli: { events: { good: 'app_requests_total{status="ok"}', total: 'app_requests_total' } },
  alerts: { page: 'critical', ticket: 'warning' },
};

interface PanelJson {
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Array<{ expr: string; legendFormat?: string }>;
  fieldConfig?: { defaults: { unit?: string; thresholds?: { steps: Array<{ value: number | null }> } } };
}

// GIVEN both SLOs WHEN their dashboard is built
const model = sloDashboard('osmen', { type: 'prometheus', uid: 'osmen-prometheus' }, [latency, success]);
const panels = JSON.parse(JSON.stringify(model.panels)) as PanelJson[];
const row = (title: string) => {
  const start = panels.findIndex((p) => p.type === 'row' && p.title.startsWith(title));
  const end = panels.findIndex((p, i) => i > start && p.type === 'row');
  return panels.slice(start + 1, end === -1 ? undefined : end);
};
const steps = (p: PanelJson) => p.fieldConfig!.defaults.thresholds!.steps.map((s) => s.value);

describe('the SLOs dashboard', () => {
  test('one row per SLO, its uid the environment\'s, read-only', () => {
    expect(model.uid).toBe('osmen-slo');
    expect(panels.filter((p) => p.type === 'row').map((p) => p.title)).toEqual([
      'request-latency: gateway requests served within 10 s, 95% over 14d',
      'request-success: requests that succeed, 99.9% over 30d',
    ]);
    expect(model.editable).toBe(false);
  });

  test('objective, SLI over the fastest alert\'s long window, budget left and burn rate, each from the SLO\'s records', () => {
    const stats = row('request-latency').filter((p) => p.type === 'stat');
    expect(stats.map((p) => [p.title, p.targets![0].expr, p.fieldConfig!.defaults.unit])).toEqual([
      ['Objective', 'slo:objective:ratio{slo="request-latency"}', 'percentunit'],
      ['SLI, last 28m', '1 - slo:sli_error:ratio_rate28m{slo="request-latency"}', 'percentunit'],
      ['Budget left, 14d', 'slo:error_budget:remaining_ratio{slo="request-latency"}', 'percentunit'],
      ['Burn rate, last 28m (x budget)', 'slo:burn_rate:rate28m{slo="request-latency"}', 'none'],
    ]);
    // red below the objective; the budget red once spent; the burn rate red at the page's rate
    expect(stats.map(steps)).toEqual([[null], [null, 0.95], [null, 0], [null, 1, 14.4]]);
  });

  test("the alerts' thresholds are drawn on the burn rate over each alert's long window", () => {
    const burn = row('request-success').find((p) => p.title === 'Burn rate by alert window (x budget)')!;
    expect(burn.targets!.map((t) => [t.expr, t.legendFormat])).toEqual([
      ['slo:burn_rate:rate1h{slo="request-success"}', '1h (page at 14.4x)'],
      ['slo:burn_rate:rate6h{slo="request-success"}', '6h (page at 6x)'],
      ['slo:burn_rate:rate1d{slo="request-success"}', '1d (ticket at 3x)'],
      ['slo:burn_rate:rate3d{slo="request-success"}', '3d (ticket at 1x)'],
    ]);
    expect(steps(burn)).toEqual([null, 1, 3, 6, 14.4]);
  });

  test('a latency SLO shows the quantile its objective names, with its threshold; an events SLO does not', () => {
    const quantile = row('request-latency').find((p) => p.title === 'p95 latency')!;
    expect(quantile.targets![0].expr).toBe('histogram_quantile(0.95, sum by (le) (rate(osmen_request_duration_seconds_bucket[$__rate_interval])))');
    expect(steps(quantile)).toEqual([null, 10]);
    expect(row('request-success').some((p) => p.title.endsWith('latency'))).toBe(false);
  });

  test('every query parses, and the rows fill the 24-column grid', () => {
    for (const p of panels.filter((x) => x.type !== 'row')) for (const t of p.targets ?? []) parsePromQL(t.expr);
    expect(row('request-latency').filter((p) => p.type !== 'stat').map((p) => p.gridPos.w)).toEqual([8, 8, 8]);
    expect(row('request-success').filter((p) => p.type !== 'stat').map((p) => p.gridPos.w)).toEqual([12, 12]);
  });
});

test("docs/ holds the picture of lloom's SLOs dashboard (re-run `npx tsx scripts/render-dashboard.ts lloom lloom-slo` after changing it)", () => {
  // GIVEN lloom's SLOs dashboard as its stack builds it WHEN drawn THEN docs/lloom-slo.svg is that drawing, and the PNG exists
  const lloomModel = sloDashboard('lloom', { type: 'prometheus', uid: 'lloom-prometheus' }, lloom.monitoring.slos!);
  const docs = path.join(__dirname, '..', '..', '..', 'docs');
  expect(fs.readFileSync(path.join(docs, 'lloom-slo.svg'), 'utf8')).toBe(`${renderSvg(lloomModel)}\n`);
  expect(fs.readFileSync(path.join(docs, 'lloom-slo.png')).subarray(1, 4).toString()).toBe('PNG');
});
