import { parse } from 'yaml';
import { lintEnvironment } from '../../lib/lint';
import { validateOperatorObjects } from '../../runtimes/kubernetes/validate-operator-objects';
import { cleanupOutdirs, fromTerraformLiteral, resourcesOfType } from '../support/synth';
import { buildOpenhands, openhandsSpec } from '../support/kubernetes';

afterAll(cleanupOutdirs);

// GIVEN openhands built once: its platform and monitoring stacks
const { env, platform, monitoring } = buildOpenhands();
const manifests = resourcesOfType(monitoring, 'kubernetes_manifest').map((m) => m.manifest);
const monitor = (name: string) => manifests.find((m) => m.kind === 'ServiceMonitor' && m.metadata.name === name);

describe('openhands: the monitoring stack', () => {
  test('is the stack "openhands" and depends on openhands-platform, whose CRDs its objects need', () => {
    expect(env.monitoring.node.id).toBe('openhands');
    expect(env.monitoring.dependencies).toEqual([env.platform]);
  });

  test('each stack keeps its own state, as every environment does', () => {
    expect(monitoring.terraform!.backend).toEqual({ local: { path: '../../../terraform-state/openhands.tfstate' } });
    expect(platform.terraform!.backend).toEqual({ local: { path: '../../../terraform-state/openhands-platform.tfstate' } });
  });

  test('model-server: its two endpoints, the app namespace, team: openhands; /metrics keeps every inference_ series', () => {
    const m = monitor('model-server');
    expect(m.metadata).toEqual({ name: 'model-server', namespace: 'monitoring', labels: { team: 'openhands' } });
    expect(m.spec.selector).toEqual({ matchLabels: { app: 'model-server' } });
    expect(m.spec.namespaceSelector).toEqual({ matchNames: ['openhands'] });
    expect(m.spec.jobLabel).toBe('app');
    expect(m.spec.endpoints).toEqual([
      { port: 'metrics', path: '/metrics', interval: '15s', metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'inference_.*', action: 'keep' }] },
      { port: 'metrics', path: '/metrics/detailed', interval: '30s', metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'model_.*', action: 'keep' }] },
    ]);
  });

  test('ollama-fleet carries team: openhands and reads the openhands namespace; the GPU exporter is scraped', () => {
    expect(monitor('ollama-fleet').metadata.labels).toEqual({ team: 'openhands' });
    expect(monitor('ollama-fleet').spec.namespaceSelector).toEqual({ matchNames: ['openhands'] });
    expect(monitor('gpu-fleet').spec).toMatchObject({ selector: { matchLabels: { app: 'nvidia-dcgm-exporter' } }, namespaceSelector: { matchNames: ['gpu-operator'] } });
  });

  test('a PrometheusRule per rule group, each labelled for the ruleSelector; the seed\'s four alerts in model.rules', () => {
    const rules = manifests.filter((m) => m.kind === 'PrometheusRule');
    expect(rules.map((r) => r.metadata.name).sort()).toEqual(['model-rules', 'openhands-absent', 'openhands-targets']);
    for (const r of rules) expect(r.metadata.labels).toEqual({ team: 'openhands' });
    const model = rules.find((r) => r.metadata.name === 'model-rules').spec.groups[0];
    expect(model.name).toBe('model.rules');
    expect(model.rules.map((r: any) => [r.alert, r.for, r.labels.severity])).toEqual([
      ['HighInferenceLatency', '5m', 'warning'],
      ['HighErrorRate', '5m', 'critical'],
      ['LowGPUUtilization', '15m', 'warning'],
      ['HighMemoryUsage', '5m', 'warning'],
    ]);
    expect(model.rules[3].expr).toContain('(container_spec_memory_limit_bytes{container!=""} > 0)');
    expect(model.rules[2].expr).toBe('avg_over_time(DCGM_FI_DEV_GPU_UTIL[5m]) < 30');
  });

  test('the Alertmanager configuration is one Secret with alertmanager.yaml: Slack by default, PagerDuty for critical, credentials as files', () => {
    const secret = resourcesOfType(monitoring, 'kubernetes_secret_v1').find((s) => s.metadata.name === 'alertmanager-openhands')!;
    const config = parse(fromTerraformLiteral(secret.data['alertmanager.yaml']));
    expect(config.route).toMatchObject({ receiver: 'slack-notifications', group_by: ['alertname', 'cluster', 'service'], repeat_interval: '4h' });
    expect(config.route.routes).toEqual([
      { receiver: 'pagerduty-critical', matchers: ['severity="critical"'] },
      { receiver: 'slack-notifications', matchers: ['severity="warning"'] },
    ]);
    expect(config.receivers[0].slack_configs[0].api_url_file).toBe('/etc/alertmanager/secrets/alertmanager-receivers/slack_webhook_url');
    expect(config.receivers[1].pagerduty_configs[0].service_key_file).toBe('/etc/alertmanager/secrets/alertmanager-receivers/pagerduty_service_key');
    expect(JSON.stringify(config)).not.toMatch(/"match"|hooks\.slack\.com|YOUR_/);
  });

  test('the platform mounts exactly the credentials the configuration names', () => {
    expect(env.platform.secrets.find((s) => s.secretName === 'alertmanager-receivers')!.keys).toEqual(['pagerduty_service_key', 'slack_webhook_url']);
  });

  test('the dashboards are ConfigMaps Grafana\'s sidecar loads, querying the Thanos data source', () => {
    const maps = resourcesOfType(monitoring, 'kubernetes_config_map_v1');
    expect(maps.map((m) => [m.metadata.name, m.metadata.labels])).toEqual([['dashboard-openhands-model-performance', { grafana_dashboard: '1' }]]);
    const model = JSON.parse(fromTerraformLiteral(maps[0].data['openhands-model-performance.json']));
    expect(model.title).toBe('Model Performance');
    const titles = model.panels.filter((p: any) => p.type !== 'row').map((p: any) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['Inference Latency', 'Request Rate', 'Error Rate', 'Latency quantiles', 'Queue size', 'GPU utilization']));
    for (const p of model.panels.filter((p: any) => p.type !== 'row')) expect(p.datasource).toEqual({ type: 'prometheus', uid: 'openhands-prometheus' });
  });

  test('the monitoring lint finds nothing: every metric a rule or panel reads is scraped', () => {
    expect(lintEnvironment(env.lint)).toEqual([]);
  });

  test('the seed\'s nvidia_gpu_duty_cycle is scraped by nothing: the lint refuses it', () => {
    const spec = openhandsSpec();
    const rule = spec.ruleGroups[0].rules.find((r: any) => r.alert === 'LowGPUUtilization');
    rule.expr = 'avg_over_time(nvidia_gpu_duty_cycle[5m]) < 30';
    const findings = lintEnvironment(buildOpenhands(spec).env.lint);
    // The alert, and the generated alert that watches its metric.
    expect(findings.map((f) => [f.where, f.check])).toEqual([
      ['rule LowGPUUtilization (ruleGroups[0].rules[2])', 'unknown-metric'],
      ['rule NvidiaGpuDutyCycleAbsent (rule group "openhands-absent", rules[0])', 'unknown-metric'],
    ]);
    expect(findings[0].message).toContain('nvidia_gpu_duty_cycle');
  });

  test('ServiceMonitors and PrometheusRules are valid against the operator\'s CRD schemas', () => {
    expect(validateOperatorObjects([...env.monitoring.serviceMonitors, ...env.monitoring.prometheusRules])).toEqual([]);
  });
});
