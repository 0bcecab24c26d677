import { homelab } from '../../environments/homelab/spec';
import { cleanupOutdirs, container, renderedConfigs, resourcesOfType, scrapeJob, synthEnvironment } from '../support/synth';

afterAll(cleanupOutdirs);

// GIVEN the homelab environment of seed 000, synthesized once
const { json } = synthEnvironment(homelab);
const configs = renderedConfigs(json, 'homelab');

describe('homelab (seed 000)', () => {
  test('two Docker hosts: alienware on the local socket, pc over ssh through an aliased provider', () => {
    expect(json.provider?.docker).toEqual([
      { host: 'unix:///var/run/docker.sock' },
      expect.objectContaining({ alias: 'pc', host: 'ssh://p@192.168.68.50:22' }),
    ]);
    const onPc = resourcesOfType(json, 'docker_container').filter((c) => c.provider === 'docker.pc');
    expect(onPc.map((c) => c.name)).toEqual(['homelab-pc-alloy', 'homelab-node-exporter']);
  });

  test('Prometheus keeps 15 days, scrapes every 15s, and names both machines', () => {
    const prom = container(json, 'homelab-prometheus');
    expect(prom.command).toContain('--storage.tsdb.retention.time=15d');
    expect(configs.prometheus.global).toMatchObject({ scrape_interval: '15s', evaluation_interval: '15s' });
    expect(prom.host).toEqual(expect.arrayContaining([{ host: 'alienware', ip: '172.30.10.1' }, { host: 'pc', ip: '192.168.68.50' }]));
  });

  test.each([
    ['node', ['alienware:9100', 'pc:9100']],
    ['gpu', ['homelab-dcgm-exporter:9400']],
    ['brain-worker', ['alienware:9403', 'pc:9403']],
    ['lancedb', ['alienware:9105']],
    ['litellm', ['alienware:9101']],
    ['litellm-usage', ['alienware:9102']],
    ['hive-swarm', ['alienware:8789']],
    ['opus-router', ['192.168.68.54:8788']],
    ['pushgateway', ['homelab-pushgateway:9091']],
    ['prometheus', ['localhost:9090']],
  ])('scrapes the seed endpoint %s at %p', (job, targets) => {
    expect(scrapeJob(configs.prometheus, job).targets).toEqual(targets);
  });

  test('targets on the two machines carry machine=<host>, which the alert annotations use', () => {
    expect(scrapeJob(configs.prometheus, 'brain-worker').static_configs).toEqual([
      { targets: ['alienware:9403'], labels: { machine: 'alienware' } },
      { targets: ['pc:9403'], labels: { machine: 'pc' } },
    ]);
  });

  test('the pushgateway keeps pushed labels and is reachable from pc over the LAN only on alienware\'s address', () => {
    expect(scrapeJob(configs.prometheus, 'pushgateway').honor_labels).toBe(true);
    expect(container(json, 'homelab-pushgateway').ports).toEqual([{ internal: 9091, external: 9091, ip: '192.168.68.58', protocol: 'tcp' }]);
  });

  test('the GPU exporter runs on alienware with the GPUs, published on 127.0.0.1:9400', () => {
    expect(container(json, 'homelab-dcgm-exporter')).toMatchObject({ gpus: 'all', ports: [{ internal: 9400, external: 9400, ip: '127.0.0.1', protocol: 'tcp' }] });
  });

  test.each([
    ['WorkerDown', 'brain_worker_status == 0', '2m', 'critical'],
    ['SignalQueueBacklog', 'brain_signal_queue_total{status="pending"} > 2000', '30m', 'warning'],
    ['HighCPULoad', 'node_load15 > 12', '10m', 'warning'],
    ['WorkerHighMemory', 'brain_worker_memory_bytes > 4294967296', '5m', 'warning'],
    ['LanceDBStagnant', 'increase(brain_lancedb_rows_total[2h]) == 0', '2h', 'info'],
  ])('alert %s: %s for %s, severity %s', (alert, expr, forDuration, severity) => {
    expect(configs.rules.get(alert)).toMatchObject({ expr, for: forDuration, labels: expect.objectContaining({ severity }) });
  });

  test('alerts reach Slack #alerts, e-mail and the internal webhook; PagerDuty gets critical only', () => {
    const am = configs.alertmanager;
    const team = am.receivers.find((r: { name: string }) => r.name === 'ops-team');
    expect(team.slack_configs[0]).toMatchObject({ channel: '#alerts', api_url_file: '/etc/alertmanager/secrets/slack_webhook_url' });
    expect(team.email_configs[0].to).toBe('ops-team@example.com');
    expect(team.webhook_configs).toHaveLength(1);
    const pager = am.receivers.find((r: { name: string }) => r.name === 'pagerduty');
    expect(pager.pagerduty_configs[0].service_key_file).toBe('/etc/alertmanager/secrets/pagerduty_service_key');
    const toPager = am.route.routes.filter((r: { receiver: string }) => r.receiver === 'pagerduty');
    expect(toPager).toEqual([expect.objectContaining({ matchers: ['severity="critical"'], continue: true })]);
  });

  test('a weekly maintenance window mutes everything but critical', () => {
    const am = configs.alertmanager;
    expect(am.time_intervals).toEqual([{ name: 'weekly-maintenance', time_intervals: [{ weekdays: ['sunday'], times: [{ start_time: '02:00', end_time: '04:00' }] }] }]);
    const muted = am.route.routes.filter((r: { mute_time_intervals?: string[] }) => r.mute_time_intervals?.includes('weekly-maintenance'));
    expect(muted.map((r: { matchers: string[] }) => r.matchers)).toEqual([['severity=~"high|warning|info"']]);
  });
});
