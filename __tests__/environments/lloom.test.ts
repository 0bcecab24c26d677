import { lloom, lloomSpec } from '../../environments/lloom/spec';
import { cleanupOutdirs, container, renderedConfigs, scrapeJob, synthEnvironment } from '../support/synth';

afterAll(cleanupOutdirs);

const { json } = synthEnvironment(lloom);
const configs = renderedConfigs(json, 'lloom');

describe('lloom (seed 004)', () => {
  test('external labels, 30 days and 100GB of retention', () => {
    expect(configs.prometheus.global.external_labels).toEqual({ cluster: 'lloom-prod', region: 'us-east-1' });
    expect(container(json, 'lloom-prometheus').command).toEqual(expect.arrayContaining(['--storage.tsdb.retention.time=30d', '--storage.tsdb.retention.size=100GB']));
  });

  test('client, executor and validator jobs; the client job strips the port from instance', () => {
    expect(scrapeJob(configs.prometheus, 'lloom-client')).toMatchObject({
      targets: ['client1:9091', 'client2:9091'],
      relabel_configs: [{ source_labels: ['__address__'], target_label: 'instance', regex: '([^:]+):.*' }],
    });
    expect(scrapeJob(configs.prometheus, 'lloom-executor')).toMatchObject({ targets: ['executor1:9092', 'executor2:9092'], metrics_path: '/metrics', scrape_interval: '10s' });
    expect(scrapeJob(configs.prometheus, 'lloom-validator').targets).toEqual(['validator1:9093']);
  });

  test('node, nvidia-gpu and ethereum jobs', () => {
    expect(scrapeJob(configs.prometheus, 'node').targets).toEqual(['client1:9100', 'client2:9100', 'executor1:9100', 'executor2:9100', 'validator1:9100']);
    expect(scrapeJob(configs.prometheus, 'nvidia-gpu').targets).toEqual(['executor1:9835', 'executor2:9835']);
    expect(scrapeJob(configs.prometheus, 'ethereum')).toMatchObject({ targets: ['eth-node:6060'], metrics_path: '/debug/metrics/prometheus' });
  });

  test('consul service discovery; the kubernetes job, which finds nothing from a Docker host, is left out', () => {
    expect(scrapeJob(configs.prometheus, 'lloom-consul').consul_sd_configs).toEqual([{ server: 'consul:8500', services: ['lloom-client', 'lloom-executor', 'lloom-validator'] }]);
    expect(configs.prometheus.scrape_configs.filter((j: { kubernetes_sd_configs?: unknown }) => j.kubernetes_sd_configs)).toEqual([]);
  });

  test('the trace collector stays on loopback: a LAN port must serve TLS and authentication, which it does not yet', () => {
    const jaeger = container(json, 'lloom-jaeger');
    expect(jaeger.ports).toContainEqual({ internal: 14268, external: 14268, ip: '127.0.0.1', protocol: 'tcp' });
    expect(jaeger.ports.filter((p: { ip: string }) => p.ip !== '127.0.0.1')).toEqual([]);
  });

  test('memory pressure: available under a tenth of total on any node', () => {
    expect(configs.rules.get('NodeMemoryPressure')).toMatchObject({
      expr: 'node_memory_MemAvailable_bytes{job="node"} / node_memory_MemTotal_bytes{job="node"} < 0.1',
      for: '5m',
      labels: { severity: 'warning' },
    });
  });

  test('all three alert groups with their alerts, and the capacity_planning recording rules', () => {
    const alertsOf = (group: string) => configs.groups.get(group).rules.filter((r: any) => r.alert).map((r: any) => [r.alert, r.labels.severity]);
    expect(configs.groups.get('lloom_client_alerts').interval).toBe('30s');
    expect(alertsOf('lloom_client_alerts')).toEqual([['HighClientErrorRate', 'warning'], ['ClientRequestTimeout', 'critical']]);
    expect(alertsOf('lloom_executor_alerts')).toEqual([['ExecutorHighQueueSize', 'warning'], ['ExecutorGPUMemoryHigh', 'critical'], ['ExecutorModelLoadFailure', 'critical']]);
    expect(alertsOf('lloom_validator_alerts')).toEqual([['ValidatorHighViolationRate', 'critical'], ['ValidatorStakeAtRisk', 'warning']]);
    const capacity = configs.groups.get('capacity_planning');
    expect(capacity.interval).toBe('5m');
    expect(capacity.rules.map((r: any) => [r.record, r.expr])).toEqual([
      ['lloom:request_rate:5m', 'sum(rate(lloom_client_requests_total[5m])) by (model)'],
      // predict_linear() over the seed's counters, rewritten (README, Monitoring lint).
      ['lloom:token_usage_trend:1h', 'lloom_executor_tokens_processed_total + increase(lloom_executor_tokens_processed_total[1h])'],
      ['lloom:revenue_projection:24h', 'lloom_executor_revenue_total + increase(lloom_executor_revenue_total[24h])'],
    ]);
  });

  test('default e-mail, critical to PagerDuty and on to e-mail, warning to Slack', () => {
    const am = configs.alertmanager;
    expect(am.global).toMatchObject({ smtp_from: 'alerts@lloom.network', smtp_smarthost: 'smtp.gmail.com:587', smtp_auth_password_file: '/etc/alertmanager/secrets/smtp_password' });
    expect(am.route).toMatchObject({ receiver: 'default', group_by: ['alertname', 'cluster', 'severity'] });
    expect(am.route.routes).toEqual([
      // The heartbeat first: Watchdog alone to the dead man's switch, every minute.
      { receiver: 'heartbeat', matchers: ['alertname="Watchdog"'], group_by: ['alertname'], group_wait: '0s', group_interval: '1m', repeat_interval: '1m' },
      { receiver: 'pagerduty', matchers: ['severity="critical"'], continue: true },
      { receiver: 'default', matchers: ['severity="critical"'] },
      { receiver: 'slack', matchers: ['severity="warning"'] },
    ]);
    expect(am.receivers.map((r: any) => r.name)).toEqual(['default', 'pagerduty', 'slack', 'heartbeat']);
  });

  test('the node lists are data: a bigger network is the same spec with longer lists', () => {
    const nodes = { clients: ['c1', 'c2', 'c3'], executors: ['e1'], validators: ['v1', 'v2'] };
    const big = renderedConfigs(synthEnvironment(lloomSpec(nodes)).json, 'lloom');
    expect(scrapeJob(big.prometheus, 'lloom-client').targets).toEqual(['c1:9091', 'c2:9091', 'c3:9091']);
    expect(scrapeJob(big.prometheus, 'node').targets).toHaveLength(6);
    expect(scrapeJob(big.prometheus, 'nvidia-gpu').targets).toEqual(['e1:9835']);
  });
});
