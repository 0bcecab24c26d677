import { osmen } from '../../environments/osmen/spec';
import { cleanupOutdirs, container, renderedConfigs, scrapeJob, synthEnvironment } from '../support/synth';

afterAll(cleanupOutdirs);

const { json } = synthEnvironment(osmen);
const configs = renderedConfigs(json, 'osmen');

describe('osmen (seed 003)', () => {
  test('gateway, postgres-exporter, redis-exporter and cAdvisor jobs', () => {
    expect(scrapeJob(configs.prometheus, 'osmen_gateway')).toMatchObject({ targets: ['gateway:8080'], metrics_path: '/metrics' });
    expect(scrapeJob(configs.prometheus, 'osmen_postgres').targets).toEqual(['osmen-postgres-exporter:9187']);
    expect(scrapeJob(configs.prometheus, 'osmen_redis').targets).toEqual(['osmen-redis-exporter:9121']);
    expect(scrapeJob(configs.prometheus, 'docker').targets).toEqual(['osmen-cadvisor:8080']);
  });

  test('Prometheus and the exporters join the application network to reach gateway, postgres and redis', () => {
    for (const name of ['osmen-prometheus', 'osmen-postgres-exporter', 'osmen-redis-exporter']) {
      expect(container(json, name).networks_advanced.map((n: { name: string }) => n.name)).toContain('osmen_default');
    }
    expect(container(json, 'osmen-redis-exporter').env).toEqual(['REDIS_ADDR=redis://redis:6379']);
  });

  test('its five alert rules', () => {
    const rules = [...configs.groups.get('osmen_alerts').rules].map((r: any) => [r.alert, r.labels.severity]);
    expect(rules).toEqual([
      ['HighErrorRate', 'warning'],
      ['ServiceDown', 'critical'],
      ['HighResponseTime', 'warning'],
      ['HighMemoryUsage', 'warning'],
      ['DatabasePoolExhausted', 'critical'],
    ]);
    expect(configs.rules.get('ServiceDown')).toMatchObject({ expr: 'up{job="osmen_gateway"} == 0', for: '1m' });
  });

  test('routes: default e-mail, critical to PagerDuty, warning to Slack', () => {
    const am = configs.alertmanager;
    // group_by without the seed's cluster: no osmen alert carries it
    expect(am.route).toMatchObject({ receiver: 'default', group_by: ['alertname'], group_wait: '10s', group_interval: '10s', repeat_interval: '12h' });
    expect(am.route.routes).toEqual([
      { receiver: 'heartbeat', matchers: ['alertname="Watchdog"'], group_by: ['alertname'], group_wait: '0s', group_interval: '1m', repeat_interval: '1m' },
      { receiver: 'pagerduty', matchers: ['severity="critical"'] },
      { receiver: 'slack', matchers: ['severity="warning"'] },
    ]);
    expect(am.receivers).toEqual([
      { name: 'default', email_configs: [{ to: 'alerts@osmen.dev' }] },
      { name: 'slack', slack_configs: [{ api_url_file: '/etc/alertmanager/secrets/slack_webhook_url', channel: '#osmen-alerts' }] },
      { name: 'pagerduty', pagerduty_configs: [{ service_key_file: '/etc/alertmanager/secrets/pagerduty_service_key' }] },
      { name: 'heartbeat', webhook_configs: [{ url_file: '/etc/alertmanager/secrets/heartbeat_url', send_resolved: false }] },
    ]);
  });
});
