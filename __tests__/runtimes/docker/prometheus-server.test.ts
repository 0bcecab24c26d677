import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { PrometheusServer } from '../../../runtimes/docker/prometheus-server';
import { cleanupOutdirs, container, resourcesOfType, synthJson, testApp, TfJson, uploadedYaml } from '../../support/synth';

afterAll(cleanupOutdirs);

function build(configure: (p: PrometheusServer) => void = () => undefined, props: Partial<ConstructorParameters<typeof PrometheusServer>[2]> = {}): TfJson {
  const stack = new TerraformStack(testApp(), 'test');
  const host = new DockerHost(stack, 'box', { engine: 'local', network: { name: 't', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
  const prometheus = new PrometheusServer(stack, 'prometheus', { host, namePrefix: 'env', ...props });
  configure(prometheus);
  return synthJson(stack);
}

const CONFIG = '/etc/prometheus/prometheus.yml';

describe('PrometheusServer', () => {
  test('defaults: prom/prometheus:v3.13.2, 15s intervals, 15d retention, TSDB on a named volume, self-scrape, /-/healthy', () => {
    const json = build();
    const c = container(json, 'env-prometheus');
    expect(resourcesOfType(json, 'docker_image')[0].name).toBe('prom/prometheus:v3.13.2');
    expect(c.command).toEqual(expect.arrayContaining(['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus', '--storage.tsdb.retention.time=15d']));
    expect(c.command.some((f: string) => f.startsWith('--storage.tsdb.retention.size'))).toBe(false);
    expect(c.ports).toEqual([{ internal: 9090, external: 9090, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(c.healthcheck.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:9090/-/healthy']);
    expect(resourcesOfType(json, 'docker_volume')).toEqual([expect.objectContaining({ name: 'env-prometheus-data', lifecycle: { prevent_destroy: true } })]);
    expect(uploadedYaml(c, CONFIG)).toEqual({
      global: { scrape_interval: '15s', evaluation_interval: '15s' },
      scrape_configs: [{ job_name: 'prometheus', static_configs: [{ targets: ['localhost:9090'] }] }],
    });
  });

  test('renders retention size, external labels and every scrape option from typed props', () => {
    const json = build(
      (p) => {
        p.addScrapeJob('api', {
          metricsPath: '/stats',
          scheme: 'https',
          scrapeInterval: '10s',
          scrapeTimeout: '5s',
          honorLabels: true,
          relabelConfigs: [{ sourceLabels: ['__address__'], targetLabel: 'instance', regex: '([^:]+):.*' }],
          metricRelabelConfigs: [{ sourceLabels: ['__name__'], regex: 'go_.*', action: 'drop' }],
        }).addTargets(['a:1', 'b:2'], { tier: 'web' });
        p.addScrapeJob('k8s', { kubernetesSdConfigs: [{ role: 'pod', namespaces: ['lloom'] }] });
        p.addScrapeJob('consul', { consulSdConfigs: [{ server: 'consul:8500', services: ['x'] }] });
      },
      { retentionTime: '30d', retentionSize: '100GB', externalLabels: { cluster: 'c1' }, scrapeInterval: '30s' },
    );
    const c = container(json, 'env-prometheus');
    expect(c.command).toEqual(expect.arrayContaining(['--storage.tsdb.retention.time=30d', '--storage.tsdb.retention.size=100GB']));
    const config = uploadedYaml(c, CONFIG);
    expect(config.global).toEqual({ scrape_interval: '30s', evaluation_interval: '15s', external_labels: { cluster: 'c1' } });
    expect(config.scrape_configs.slice(1)).toEqual([
      {
        job_name: 'api',
        honor_labels: true,
        scrape_interval: '10s',
        scrape_timeout: '5s',
        metrics_path: '/stats',
        scheme: 'https',
        static_configs: [{ targets: ['a:1', 'b:2'], labels: { tier: 'web' } }],
        relabel_configs: [{ source_labels: ['__address__'], regex: '([^:]+):.*', target_label: 'instance' }],
        metric_relabel_configs: [{ source_labels: ['__name__'], regex: 'go_.*', action: 'drop' }],
      },
      { job_name: 'k8s', kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: ['lloom'] } }] },
      { job_name: 'consul', consul_sd_configs: [{ server: 'consul:8500', services: ['x'] }] },
    ]);
  });

  test('each rule group becomes its own rule file, loaded by rule_files', () => {
    const json = build((p) => {
      p.addRuleGroup({ name: 'alerts', interval: '30s', rules: [{ alert: 'Down', expr: 'up == 0', for: '1m', labels: { severity: 'critical' }, annotations: { summary: 's' } }] });
      p.addRuleGroup({ name: 'recording', rules: [{ record: 'job:up:sum', expr: 'sum by (job) (up)' }] });
    });
    const c = container(json, 'env-prometheus');
    expect(uploadedYaml(c, CONFIG).rule_files).toEqual(['/etc/prometheus/rules/*.yml']);
    expect(uploadedYaml(c, '/etc/prometheus/rules/alerts.yml')).toEqual({
      groups: [{ name: 'alerts', interval: '30s', rules: [{ alert: 'Down', expr: 'up == 0', for: '1m', labels: { severity: 'critical' }, annotations: { summary: 's' } }] }],
    });
    expect(uploadedYaml(c, '/etc/prometheus/rules/recording.yml')).toEqual({ groups: [{ name: 'recording', rules: [{ record: 'job:up:sum', expr: 'sum by (job) (up)' }] }] });
  });

  test('alerts go to the Alertmanager it is wired to, by its alias on the stack network', () => {
    const json = build((p) => p.sendAlertsTo({ alertmanagerTarget: 'env-alertmanager:9093' }));
    expect(uploadedYaml(container(json, 'env-prometheus'), CONFIG).alerting).toEqual({
      alertmanagers: [{ static_configs: [{ targets: ['env-alertmanager:9093'] }] }],
    });
  });

  test('job and group names are unique', () => {
    expect(() => build((p) => p.addScrapeJob('prometheus'))).toThrow('test/prometheus: scrape job name: expected a name no other scrape job of this server has, got "prometheus"');
    const group = { name: 'g', rules: [{ record: 'a', expr: 'up' }] };
    expect(() => build((p) => { p.addRuleGroup(group); p.addRuleGroup(group); })).toThrow('test/prometheus: rule group name: expected a name no other rule group of this server has, got "g"');
  });
});
