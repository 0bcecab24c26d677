import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from '../../../model/dashboards/common';
import { LLOOM_JOBS, SEL, ENV } from './shared';

export function networkHealth(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const interfaces = `{${JOB_INSTANCE}, device!~"lo|veth.*|docker.*|br-.*"}`;
  return buildDashboard({
    environment: ENV,
    uid: 'lloom-network-health',
    title: 'Network Health',
    description:
      'The P2P network: peers, messages, executor discovery and node network links. The seed asks for DHT health, which no metric measures; ' +
      'executors discoverable per model is the closest signal (discovery runs over the DHT).',
    variables: jobInstanceVariables(ds, `${LLOOM_JOBS}|node|ethereum`),
    rows: [
      {
        title: 'P2P network',
        panels: [
          p.stat({
            title: 'Fewest peers on a client',
            description: 'Peers of the least-connected client: a client with few peers sees few executors.',
            unit: 'short',
            base: 'red',
            steps: [[3, 'orange'], [8, 'green']],
            targets: [{ expr: `min(lloom_client_peers_connected${SEL})` }],
          }),
          p.stat({
            title: 'Ethereum node availability',
            description: 'Share of successful scrapes of the Ethereum node (geth) over the dashboard time range.',
            unit: 'percentunit',
            decimals: 2,
            base: 'red',
            steps: [[0.99, 'green']],
            calc: 'mean',
            targets: [{ expr: `avg(avg_over_time(up{${JOB_INSTANCE}, job="ethereum"}[${RATE}]))` }],
          }),
          p.timeseries({
            title: 'Peer connections',
            description: 'P2P peers per client.',
            unit: 'short',
            targets: [{ expr: `lloom_client_peers_connected${SEL}`, legend: '{{instance}}' }],
          }),
          p.timeseries({
            title: 'Message rates',
            description: 'P2P messages per second sent and received, over all clients.',
            unit: 'cps',
            targets: [{ expr: `sum by (type) (rate(lloom_client_network_messages_total${SEL}[${RATE}]))`, legend: '{{type}}' }],
          }),
          p.timeseries({
            title: 'Executors discoverable by model (DHT health)',
            description: 'Executors each client can find per model; fewer than usual means discovery (the DHT) is degraded.',
            unit: 'short',
            targets: [{ expr: `min by (model) (lloom_client_executors_available${SEL})`, legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Validator observation',
            description: 'Transactions validators observe and validate per second: a gap means validators fall behind the network.',
            unit: 'ops',
            targets: [
              { expr: `sum(rate(lloom_validator_transactions_observed_total${SEL}[${RATE}]))`, legend: 'observed' },
              { expr: `sum(rate(lloom_validator_transactions_validated_total${SEL}[${RATE}]))`, legend: 'validated' },
            ],
          }),
        ],
      },
      {
        title: 'Node network links',
        panels: [
          p.timeseries({
            title: 'Network traffic',
            description: 'Bytes received and sent per second on each node (node exporter).',
            unit: 'Bps',
            targets: [
              { expr: `sum by (instance) (rate(node_network_receive_bytes_total${interfaces}[${RATE}]))`, legend: '{{instance}} in' },
              { expr: `sum by (instance) (rate(node_network_transmit_bytes_total${interfaces}[${RATE}]))`, legend: '{{instance}} out' },
            ],
          }),
          p.timeseries({
            title: 'Network receive errors',
            description: 'Receive errors per second on each node (node_network_receive_errs_total).',
            unit: 'cps',
            steps: [[0.1, 'red']],
            targets: [{ expr: `sum by (instance) (rate(node_network_receive_errs_total${interfaces}[${RATE}]))`, legend: '{{instance}}' }],
          }),
        ],
      },
    ],
  });
}
