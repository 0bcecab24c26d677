/**
 * lloom (seed 004): the seed's dashboards (overview, executor performance, network health), its
 * custom Request Flow and Cost Analysis dashboards. Its SLOs are the spec's `slos`, whose dashboard
 * (dashboards/slo.ts) is generated with their rules.
 * Amounts in ETH have no Grafana unit: their panels use "none" and say ETH in the title.
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, DashboardSources, JOB_INSTANCE, jobInstanceVariables, Panels, RATE } from './common';

const ENV = 'lloom';
const SEL = `{${JOB_INSTANCE}}`;
/** The node roles' scrape jobs. */
const LLOOM_JOBS = 'lloom-client|lloom-executor|lloom-validator';

export function lloomDashboards(sources: DashboardSources): dashboard.Dashboard[] {
  const ds = sources.prometheus;
  const p = new Panels(ds);
  return [overview(ds, p), executorPerformance(ds, p), networkHealth(ds, p), requestFlow(ds, p), costAnalysis(ds, p)];
}

const successRatio = (sel: string) =>
  `sum(rate(lloom_client_requests_total{${sel}, status="success"}[${RATE}])) / sum(rate(lloom_client_requests_total{${sel}}[${RATE}]))`;
const p99Latency = (sel: string) => `histogram_quantile(0.99, sum by (le) (rate(lloom_request_duration_seconds_bucket{${sel}}[${RATE}])))`;

function overview(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  return buildDashboard({
    environment: ENV,
    uid: 'lloom-overview',
    title: 'Lloom Overview',
    description: 'The Lloom network at a glance: traffic, success, latency, nodes up per role, queues and peers.',
    variables: jobInstanceVariables(ds, LLOOM_JOBS),
    rows: [
      {
        title: 'Golden signals',
        panels: [
          p.stat({
            title: 'Request rate',
            description: 'Client requests per second over all models, from the capacity_planning recording rule lloom:request_rate:5m.',
            unit: 'reqps',
            sparkline: true,
            targets: [{ expr: 'sum(lloom:request_rate:5m)' }],
          }),
          p.stat({
            title: 'Success rate',
            description: 'Share of client requests that succeeded, over the last rate interval.',
            unit: 'percentunit',
            decimals: 2,
            base: 'red',
            steps: [[0.95, 'orange'], [0.999, 'green']],
            targets: [{ expr: successRatio(JOB_INSTANCE) }],
          }),
          p.stat({
            title: 'p99 latency',
            description: '99th percentile of request duration over all requests.',
            unit: 's',
            steps: [[2, 'orange'], [5, 'red']],
            targets: [{ expr: p99Latency(JOB_INSTANCE) }],
          }),
          p.stat({
            title: 'Executor queue',
            description: 'Requests waiting in executor queues, all priorities. Above 100 on one executor for 10 minutes fires ExecutorHighQueueSize.',
            unit: 'short',
            steps: [[50, 'orange'], [100, 'red']],
            targets: [{ expr: `sum(lloom_executor_queue_size${SEL})` }],
          }),
          p.barGauge({
            title: 'Nodes up by role',
            description: 'Targets of each role (client, executor, validator) that answered their last scrape.',
            unit: 'short',
            targets: [{ expr: `sum by (job) (up${SEL})`, legend: '{{job}}' }],
          }),
          p.timeseries({
            title: 'Requests by model',
            description: 'Client requests per second by model (lloom:request_rate:5m).',
            unit: 'reqps',
            stack: true,
            targets: [{ expr: 'lloom:request_rate:5m', legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Active requests',
            description: 'Requests in flight on clients and executors.',
            unit: 'short',
            targets: [
              { expr: `sum(lloom_client_active_requests${SEL})`, legend: 'clients' },
              { expr: `sum(lloom_executor_active_requests${SEL})`, legend: 'executors' },
            ],
          }),
          p.timeseries({
            title: 'Peers connected',
            description: 'P2P peers each client is connected to.',
            unit: 'short',
            targets: [{ expr: `lloom_client_peers_connected${SEL}`, legend: '{{instance}}' }],
          }),
        ],
      },
    ],
  });
}

function executorPerformance(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  const gpu = `{${JOB_INSTANCE}}`;
  return buildDashboard({
    environment: ENV,
    uid: 'lloom-executor-performance',
    title: 'Executor Performance',
    description: 'Executors: model performance, token throughput, revenue and resource use (executor metrics and the nvidia-gpu exporter).',
    variables: jobInstanceVariables(ds, 'lloom-executor|nvidia-gpu'),
    rows: [
      {
        title: 'Model performance',
        panels: [
          p.timeseries({
            title: 'Requests by model and status',
            description: 'Requests executed per second, by model and status.',
            unit: 'reqps',
            targets: [{ expr: `sum by (model, status) (rate(lloom_executor_requests_total${SEL}[${RATE}]))`, legend: '{{model}} {{status}}' }],
          }),
          p.timeseries({
            title: 'Mean request duration',
            description: 'Mean time an executor takes per request (sum over count of lloom_executor_request_duration_seconds), per executor.',
            unit: 's',
            targets: [
              {
                expr: `sum by (instance) (rate(lloom_executor_request_duration_seconds_sum${SEL}[${RATE}])) / sum by (instance) (rate(lloom_executor_request_duration_seconds_count${SEL}[${RATE}]))`,
                legend: '{{instance}}',
              },
            ],
          }),
          p.barGauge({
            title: 'Model load time',
            description: 'Time the last load of each model took, slowest executor.',
            unit: 's',
            targets: [{ expr: `max by (model) (lloom_executor_model_load_time_seconds${SEL})`, legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Model errors',
            description: 'Model errors per second by model and error; any load_failed fires ExecutorModelLoadFailure.',
            unit: 'cps',
            targets: [{ expr: `sum by (model, error) (rate(lloom_executor_model_errors_total${SEL}[${RATE}]))`, legend: '{{model}} {{error}}' }],
          }),
        ],
      },
      {
        title: 'Token throughput',
        panels: [
          p.timeseries({
            title: 'Tokens per second by model',
            description: 'Generation speed each executor reports, summed per model (lloom_executor_tokens_per_second).',
            unit: 'short',
            targets: [{ expr: `sum by (model) (lloom_executor_tokens_per_second${SEL})`, legend: '{{model}}' }],
          }),
          p.timeseries({
            title: 'Queue size by priority',
            description: 'Requests waiting per priority (low, normal, high). The dashed line is the ExecutorHighQueueSize threshold.',
            unit: 'short',
            steps: [[100, 'red']],
            targets: [{ expr: `sum by (priority) (lloom_executor_queue_size${SEL})`, legend: '{{priority}}' }],
          }),
        ],
      },
      {
        title: 'Revenue',
        panels: [
          p.timeseries({
            title: 'Revenue per hour (ETH)',
            description: 'ETH earned per hour, per executor (rate of lloom_executor_revenue_total).',
            unit: 'none',
            targets: [{ expr: `sum by (instance) (rate(lloom_executor_revenue_total${SEL}[${RATE}])) * 3600`, legend: '{{instance}}' }],
          }),
          p.barGauge({
            title: 'Revenue per request (ETH)',
            description: 'ETH earned per request, by model (lloom_executor_revenue_per_request).',
            unit: 'none',
            targets: [{ expr: `avg by (model) (lloom_executor_revenue_per_request${SEL})`, legend: '{{model}}' }],
          }),
        ],
      },
      {
        title: 'Resource utilization',
        panels: [
          p.timeseries({
            title: 'GPU utilization',
            description: 'GPU busy share per executor and device, as the executor reports it (lloom_executor_gpu_utilization_percent).',
            unit: 'percent',
            min: 0,
            max: 100,
            targets: [{ expr: `lloom_executor_gpu_utilization_percent${SEL}`, legend: '{{instance}} GPU {{device}}' }],
          }),
          p.timeseries({
            title: 'GPU memory used',
            description: 'Share of GPU memory in use per device (nvidia-gpu exporter). Executors alert above 90% (ExecutorGPUMemoryHigh).',
            unit: 'percentunit',
            min: 0,
            max: 1,
            steps: [[0.9, 'red']],
            targets: [{ expr: `nvidia_smi_memory_used_bytes${gpu} / nvidia_smi_memory_total_bytes${gpu}`, legend: '{{instance}} {{uuid}}' }],
          }),
          p.timeseries({
            title: 'GPU temperature',
            description: 'GPU core temperature (°C) per device, from the nvidia-gpu exporter.',
            unit: 'celsius',
            steps: [[80, 'orange'], [87, 'red']],
            targets: [{ expr: `nvidia_smi_temperature_gpu${gpu}`, legend: '{{instance}} {{uuid}}' }],
          }),
          p.timeseries({
            title: 'Executor CPU usage',
            description: 'CPU use each executor process reports (lloom_executor_cpu_usage_percent). Above 80% sustained is the scaling signal of the capacity-planning queries.',
            unit: 'percent',
            min: 0,
            max: 100,
            steps: [[80, 'orange']],
            targets: [{ expr: `lloom_executor_cpu_usage_percent${SEL}`, legend: '{{instance}}' }],
          }),
        ],
      },
    ],
  });
}

function networkHealth(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
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

function requestFlow(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
  return buildDashboard({
    environment: ENV,
    uid: 'lloom-request-flow',
    title: 'Lloom Request Flow',
    description: "A request's path from client to executor and back: the seed's Request Flow dashboard (request rate and p99 latency), with errors and queues.",
    variables: jobInstanceVariables(ds, LLOOM_JOBS),
    rows: [
      {
        title: 'Clients',
        panels: [
          p.timeseries({
            title: 'Request Rate',
            description: 'Client requests per second, per client and status (success, failed, timeout).',
            unit: 'reqps',
            targets: [{ expr: `sum by (instance, status) (rate(lloom_client_requests_total${SEL}[${RATE}]))`, legend: '{{instance}} - {{status}}' }],
          }),
          p.timeseries({
            title: 'Request Latency',
            description: "99th percentile of request duration. The seed's query took the quantile per series; this one sums the buckets by le first, as histogram_quantile needs.",
            unit: 's',
            steps: [[5, 'red']],
            targets: [{ expr: p99Latency(JOB_INSTANCE), legend: 'p99 latency' }],
          }),
          p.timeseries({
            title: 'Client error ratio',
            description: 'Share of client requests that failed, per client. Above 5% for 5 minutes fires HighClientErrorRate.',
            unit: 'percentunit',
            min: 0,
            steps: [[0.05, 'red']],
            targets: [
              {
                expr: `sum by (instance) (rate(lloom_client_requests_total{${JOB_INSTANCE}, status="failed"}[${RATE}])) / sum by (instance) (rate(lloom_client_requests_total${SEL}[${RATE}]))`,
                legend: '{{instance}}',
              },
            ],
          }),
          p.timeseries({
            title: 'Timeouts',
            description: 'Client requests timing out per second. Above 0.1/s for 5 minutes fires ClientRequestTimeout.',
            unit: 'reqps',
            steps: [[0.1, 'red']],
            targets: [{ expr: `sum by (instance) (rate(lloom_client_requests_total{${JOB_INSTANCE}, status="timeout"}[${RATE}]))`, legend: '{{instance}}' }],
          }),
        ],
      },
      {
        title: 'Executors',
        panels: [
          p.timeseries({
            title: 'Requests in flight',
            description: 'Requests open on clients and executing on executors.',
            unit: 'short',
            targets: [
              { expr: `sum(lloom_client_active_requests${SEL})`, legend: 'clients waiting' },
              { expr: `sum(lloom_executor_active_requests${SEL})`, legend: 'executors running' },
            ],
          }),
          p.timeseries({
            title: 'Executor queues',
            description: 'Requests waiting on each executor.',
            unit: 'short',
            steps: [[100, 'red']],
            targets: [{ expr: `sum by (instance) (lloom_executor_queue_size${SEL})`, legend: '{{instance}}' }],
          }),
        ],
      },
    ],
  });
}

function costAnalysis(ds: dashboard.DataSourceRef, p: Panels): dashboard.Dashboard {
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
