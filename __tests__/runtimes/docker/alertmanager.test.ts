import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { Alertmanager, AlertmanagerProps } from '../../../runtimes/docker/alertmanager';
import { PrometheusServer } from '../../../runtimes/docker/prometheus-server';
import { cleanupOutdirs, container, resourcesOfType, synthJson, testApp, TfJson, uploadedText, uploadedYaml } from '../../support/synth';

afterAll(cleanupOutdirs);

function build(props: Partial<AlertmanagerProps>): TfJson {
  const stack = new TerraformStack(testApp(), 'test');
  const host = new DockerHost(stack, 'box', { engine: 'local', network: { name: 't', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
  const prometheus = new PrometheusServer(stack, 'prometheus', { host, namePrefix: 'env' });
  new Alertmanager(stack, 'alertmanager', { host, namePrefix: 'env', route: { receiver: 'team' }, receivers: [{ name: 'team' }], prometheus: [prometheus], ...props });
  return synthJson(stack);
}

const CONFIG = '/etc/alertmanager/alertmanager.yml';

describe('Alertmanager', () => {
  test('runs prom/alertmanager:v0.34.0 alone, with its state on a named volume and the API on 127.0.0.1', () => {
    const json = build({});
    const c = container(json, 'env-alertmanager');
    expect(resourcesOfType(json, 'docker_image').map((i) => i.name)).toContain('prom/alertmanager:v0.34.0');
    expect(c.command).toEqual(['--config.file=/etc/alertmanager/alertmanager.yml', '--storage.path=/alertmanager', '--data.retention=120h', '--cluster.listen-address=']);
    expect(c.ports).toEqual([{ internal: 9093, external: 9093, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(resourcesOfType(json, 'docker_volume').map((v) => v.name)).toContain('env-alertmanager-data');
    expect(uploadedYaml(container(json, 'env-prometheus'), '/etc/prometheus/prometheus.yml').alerting.alertmanagers[0].static_configs[0].targets).toEqual(['env-alertmanager:9093']);
  });

  test('renders the route tree, inhibit rules and time intervals from typed props', () => {
    const json = build({
      resolveTimeout: '10m',
      route: {
        receiver: 'team',
        groupBy: ['alertname', 'cluster'],
        groupWait: '10s',
        groupInterval: '10s',
        repeatInterval: '12h',
        routes: [
          { matchers: ['severity="critical"'], receiver: 'pager', continue: true },
          { matchers: ['severity="warning"'], receiver: 'team', muteTimeIntervals: ['night'] },
        ],
      },
      receivers: [{ name: 'team', webhook: [{ url: 'http://hook:1/x' }] }, { name: 'pager', webhook: [{ url: 'http://hook:2/y', sendResolved: false }] }],
      inhibitRules: [{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="warning"'], equal: ['alertname'] }],
      timeIntervals: [{ name: 'night', intervals: [{ weekdays: ['monday:friday'], times: [{ start: '22:00', end: '24:00' }] }] }],
    });
    expect(uploadedYaml(container(json, 'env-alertmanager'), CONFIG)).toEqual({
      global: { resolve_timeout: '10m' },
      route: {
        receiver: 'team',
        group_by: ['alertname', 'cluster'],
        group_wait: '10s',
        group_interval: '10s',
        repeat_interval: '12h',
        routes: [
          { receiver: 'pager', matchers: ['severity="critical"'], continue: true },
          { receiver: 'team', matchers: ['severity="warning"'], mute_time_intervals: ['night'] },
        ],
      },
      inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname'] }],
      receivers: [
        { name: 'team', webhook_configs: [{ url: 'http://hook:1/x', send_resolved: true }] },
        { name: 'pager', webhook_configs: [{ url: 'http://hook:2/y', send_resolved: false }] },
      ],
      time_intervals: [{ name: 'night', time_intervals: [{ weekdays: ['monday:friday'], times: [{ start_time: '22:00', end_time: '24:00' }] }] }],
    });
  });

  test('every credential is a file fed by a sensitive variable; the config names only the file', () => {
    const json = build({
      smtp: { from: 'am@example.com', smarthost: 'smtp.example.com:587', authUsername: 'am', authPasswordSecret: 'smtp_password' },
      receivers: [
        {
          name: 'team',
          email: [{ to: 'ops@example.com' }],
          slack: [{ apiUrlSecret: 'slack_webhook_url', channel: '#alerts' }],
          pagerduty: [{ serviceKeySecret: 'pagerduty_service_key' }],
          webhook: [{ urlSecret: 'hook_url' }],
        },
      ],
    });
    const c = container(json, 'env-alertmanager');
    const config = uploadedYaml(c, CONFIG);
    expect(config.global).toEqual({
      resolve_timeout: '5m',
      smtp_from: 'am@example.com',
      smtp_smarthost: 'smtp.example.com:587',
      smtp_auth_username: 'am',
      smtp_auth_password_file: '/etc/alertmanager/secrets/smtp_password',
      smtp_require_tls: true,
    });
    expect(config.receivers[0].slack_configs).toEqual([{ api_url_file: '/etc/alertmanager/secrets/slack_webhook_url', channel: '#alerts' }]);
    expect(config.receivers[0].pagerduty_configs).toEqual([{ service_key_file: '/etc/alertmanager/secrets/pagerduty_service_key' }]);
    // The webhook URL too is a file (url_file, Alertmanager 0.26+): alertmanager.yml holds no
    // Terraform expression at all.
    expect(config.receivers[0].webhook_configs).toEqual([{ url_file: '/etc/alertmanager/secrets/hook_url', send_resolved: true }]);
    expect(uploadedText(c, CONFIG)).not.toContain('${');
    expect(c.upload.slice(1)).toEqual([
      { file: '/etc/alertmanager/secrets/smtp_password', content: '${var.smtp_password}', permissions: '0444' },
      { file: '/etc/alertmanager/secrets/slack_webhook_url', content: '${var.slack_webhook_url}', permissions: '0444' },
      { file: '/etc/alertmanager/secrets/pagerduty_service_key', content: '${var.pagerduty_service_key}', permissions: '0444' },
      { file: '/etc/alertmanager/secrets/hook_url', content: '${var.hook_url}', permissions: '0444' },
    ]);
    for (const name of ['smtp_password', 'slack_webhook_url', 'pagerduty_service_key', 'hook_url']) {
      expect(json.variable?.[name]).toEqual(expect.objectContaining({ sensitive: true, type: 'string' }));
      expect(json.variable?.[name]).not.toHaveProperty('default');
    }
  });
});
