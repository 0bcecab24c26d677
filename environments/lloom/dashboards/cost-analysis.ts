import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { LLOOM_JOBS, SEL, ENV } from './shared';

export function costAnalysis(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  return buildDashboard({
    environment: ENV,
    uid: 'lloom-cost-analysis',
    title: 'Cost Analysis',
    description: "What clients pay and executors and validators earn, in ETH: the seed's Cost Analysis dashboard with the capacity-planning projections.",
    variables: jobInstanceVariables(ds, LLOOM_JOBS),
    rows: [
      {
        title: 'Costs and revenue',
        panels: [
          p.timeseries({
            title: 'Cumulative Costs (ETH)',
            description: 'ETH spent by each client and earned by each executor since they started (lloom_client_cost_total, lloom_executor_revenue_total).',
            unit: 'none',
            targets: [
              { expr: `lloom_client_cost_total${SEL}`, legend: 'Client: {{instance}}' },
              { expr: `lloom_executor_revenue_total${SEL}`, legend: 'Executor: {{instance}}' },
            ],
          }),
          p.timeseries({
            title: 'Cost per Token (ETH)',
            description:
              "ETH a client pays per token used. The seed divided the two counters series by series, which matches nothing (the cost carries currency, the tokens type); " +
              'this sums each per client first.',
            unit: 'none',
            targets: [
              {
                expr: `sum by (instance) (rate(lloom_client_cost_total${SEL}[${RATE}])) / sum by (instance) (rate(lloom_client_tokens_used_total${SEL}[${RATE}]))`,
                legend: '{{instance}}',
              },
            ],
          }),
          p.barGauge({
            title: 'Cost per request by model (ETH)',
            description: 'ETH a request costs the client, by model (lloom_client_cost_per_request).',
            unit: 'none',
            targets: [{ expr: `avg by (model) (lloom_client_cost_per_request${SEL})`, legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Token usage',
            description: 'Tokens clients use per second, inbound and outbound.',
            unit: 'short',
            stack: true,
            targets: [{ expr: `sum by (type) (rate(lloom_client_tokens_used_total${SEL}[${RATE}]))`, legend: '{{type}}' }],
          }),
        ],
      },
      {
        title: 'Projections and validators',
        panels: [
          p.timeseries({
            title: 'Revenue projection, 24h ahead (ETH)',
            description: 'Executor revenue counter predicted 24 hours ahead from its last day (recording rule lloom:revenue_projection:24h).',
            unit: 'none',
            targets: [{ expr: 'lloom:revenue_projection:24h', legend: '{{instance}}' }],
          }),
          p.timeseries({
            title: 'Token usage trend, 1h ahead',
            description: 'Tokens processed, predicted one hour ahead (recording rule lloom:token_usage_trend:1h).',
            unit: 'short',
            targets: [{ expr: 'lloom:token_usage_trend:1h', legend: '{{instance}}' }],
          }),
          p.timeseries({
            title: 'Validator rewards and penalties (ETH)',
            description: 'ETH validators earned and lost. Penalties above 10% of rewards fire ValidatorStakeAtRisk.',
            unit: 'none',
            targets: [
              { expr: `sum by (instance) (lloom_validator_rewards_earned_total${SEL})`, legend: '{{instance}} rewards' },
              { expr: `sum by (instance) (lloom_validator_penalties_total${SEL})`, legend: '{{instance}} penalties' },
            ],
          }),
          p.stat({
            title: 'Validator stake (ETH)',
            description: 'ETH staked by validators now.',
            unit: 'none',
            targets: [{ expr: `sum(lloom_validator_stake_amount${SEL})` }],
          }),
        ],
      },
    ],
  });
}
