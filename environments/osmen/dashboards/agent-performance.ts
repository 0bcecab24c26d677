import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { SEL, ENV } from './shared';

export function agentPerformance(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const executions = (extra = '') => `rate(osmen_agent_executions_total{${JOB_INSTANCE}${extra}}[${RATE}])`;
  return buildDashboard({
    environment: ENV,
    uid: 'osmen-agent-performance',
    title: 'Agent Performance',
    description: 'Per agent: executions, execution time, success rate and token usage (osmen_agent_* and osmen_tokens_used_total, by agent).',
    variables: jobInstanceVariables(ds, 'osmen_gateway'),
    rows: [
      {
        title: 'Agents',
        panels: [
          p.timeseries({
            title: 'Executions per agent',
            description: 'Agent executions per second, by agent.',
            unit: 'ops',
            stack: true,
            targets: [{ expr: `sum by (agent) (${executions()})`, legend: '{{agent}}' }],
          }),
          p.timeseries({
            title: 'Average execution time',
            description: 'Mean execution time per agent (sum over count of osmen_agent_duration_seconds).',
            unit: 's',
            targets: [
              {
                expr: `sum by (agent) (rate(osmen_agent_duration_seconds_sum${SEL}[${RATE}])) / sum by (agent) (rate(osmen_agent_duration_seconds_count${SEL}[${RATE}]))`,
                legend: '{{agent}}',
              },
            ],
          }),
          p.barGauge({
            title: 'Success rate by agent',
            description: 'Share of executions with status="success", per agent, over the last rate interval.',
            unit: 'percentunit',
            min: 0,
            max: 1,
            base: 'red',
            steps: [[0.9, 'orange'], [0.99, 'green']],
            targets: [{ expr: `sum by (agent) (${executions(', status="success"')}) / sum by (agent) (${executions()})`, legend: '{{agent}}' }],
          }),
          p.timeseries({
            title: 'Token usage by agent',
            description: 'LLM tokens used per second, by agent.',
            unit: 'short',
            stack: true,
            targets: [{ expr: `sum by (agent) (rate(osmen_tokens_used_total${SEL}[${RATE}]))`, legend: '{{agent}}' }],
          }),
        ],
      },
    ],
  });
}
