import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { SEL, ENV } from './shared';

export function costs(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const spend = (by = '') => `sum${by}(rate(osmen_llm_cost_dollars${SEL}[${RATE}]))`;
  return buildDashboard({
    environment: ENV,
    uid: 'osmen-costs',
    title: 'Costs',
    description:
      'LLM API costs and token usage. osmen_llm_cost_dollars is read as the cumulative spend in USD (a counter); projections extrapolate the ' +
      'spend rate averaged over the dashboard time range.',
    variables: jobInstanceVariables(ds, 'osmen_gateway'),
    rows: [
      {
        title: 'Costs',
        panels: [
          p.stat({
            title: 'Daily projection',
            description: 'Spend over 24 hours at the average rate of the dashboard time range.',
            unit: 'currencyUSD',
            calc: 'mean',
            targets: [{ expr: `${spend()} * 86400` }],
          }),
          p.stat({
            title: 'Monthly projection',
            description: 'Spend over 30 days at the average rate of the dashboard time range.',
            unit: 'currencyUSD',
            calc: 'mean',
            targets: [{ expr: `${spend()} * 86400 * 30` }],
          }),
          p.timeseries({
            title: 'LLM API costs',
            description: 'USD spent on LLM APIs per hour.',
            unit: 'currencyUSD',
            targets: [{ expr: `${spend()} * 3600`, legend: 'USD per hour' }],
          }),
          p.timeseries({
            title: 'Cost per agent',
            description: 'USD spent per hour, by agent.',
            unit: 'currencyUSD',
            stack: true,
            targets: [{ expr: `${spend(' by (agent) ')} * 3600`, legend: '{{agent}}' }],
          }),
          p.timeseries({
            title: 'Token usage trends',
            description: 'LLM tokens used per second.',
            unit: 'short',
            targets: [{ expr: `sum(rate(osmen_tokens_used_total${SEL}[${RATE}]))`, legend: 'tokens' }],
          }),
        ],
      },
    ],
  });
}
