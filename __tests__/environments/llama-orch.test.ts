import { llamaOrch } from '../../environments/llama-orch/spec';
import { alloyBlock, parseAlloy } from '../support/alloy';
import { cleanupOutdirs, container, renderedConfigs, scrapeJob, synthEnvironment, uploadedText } from '../support/synth';

afterAll(cleanupOutdirs);

const { json } = synthEnvironment(llamaOrch);
const configs = renderedConfigs(json, 'llama-orch');

describe('llama-orch (seed 001)', () => {
  test('external labels name the cluster and environment', () => {
    expect(configs.prometheus.global.external_labels).toEqual({ cluster: 'llama-orch-prod', environment: 'production' });
  });

  test('queen-rbee and the three rbee-hive pool managers, at 15s with a 10s timeout', () => {
    expect(scrapeJob(configs.prometheus, 'queen-rbee')).toMatchObject({ targets: ['queen:8080'], metrics_path: '/metrics', scrape_interval: '15s', scrape_timeout: '10s' });
    expect(scrapeJob(configs.prometheus, 'rbee-hive')).toMatchObject({
      targets: ['hive1.example.com:8081', 'hive2.example.com:8081', 'hive3.example.com:8081'],
      metrics_path: '/metrics',
      scrape_interval: '15s',
      scrape_timeout: '10s',
    });
  });

  test('the group llama-orch-alerts evaluates every 30s and holds all nine alerts as the seed writes them, NoIdleWorkers corrected', () => {
    const group = configs.groups.get('llama-orch-alerts');
    expect(group.interval).toBe('30s');
    const alerts = Object.fromEntries(group.rules.map((r: any) => [r.alert, [r.expr, r.for, r.labels.severity]]));
    expect(alerts).toEqual({
      HighFailedHealthChecks: ['rbee_hive_workers_failed_health_checks > 3', '5m', 'warning'],
      // The seed's sum(...{state="idle"}) == 0 had no series when no hive reports idle workers.
      NoIdleWorkers: ['sum(rbee_hive_workers_total{state="idle"} or rbee_hive_workers_total * 0) == 0', '10m', 'warning'],
      LowMemory: ['rbee_hive_memory_available_bytes / rbee_hive_memory_total_bytes < 0.1', '5m', 'critical'],
      LowDiskSpace: ['rbee_hive_disk_available_bytes / rbee_hive_disk_total_bytes < 0.1', '5m', 'critical'],
      HighForceKillRate: ['rate(rbee_hive_workers_force_killed_total[5m]) > 0.1', '5m', 'warning'],
      SlowShutdown: ['histogram_quantile(0.95, rate(rbee_hive_shutdown_duration_seconds_bucket[5m])) > 25', '5m', 'warning'],
      ServiceDown: ['up{job=~"queen-rbee|rbee-hive"} == 0', '1m', 'critical'],
      HighRestartRate: ['rate(rbee_hive_worker_restart_failures_total[5m]) > 0.5', '5m', 'warning'],
      CircuitBreakerActive: ['increase(rbee_hive_circuit_breaker_activations_total[5m]) > 0', '1m', 'critical'],
    });
  });

  test('Alertmanager: the seed\'s route, e-mail + Slack to the team, critical inhibits warning', () => {
    const am = configs.alertmanager;
    expect(am.route).toMatchObject({ receiver: 'team-notifications', group_by: ['alertname', 'cluster'], group_wait: '10s', group_interval: '10s', repeat_interval: '12h' });
    const [team] = am.receivers;
    expect(team.email_configs).toEqual([
      {
        to: 'ops-team@example.com',
        from: 'alertmanager@example.com',
        smarthost: 'smtp.example.com:587',
        auth_username: 'alertmanager@example.com',
        auth_password_file: '/etc/alertmanager/secrets/smtp_password',
      },
    ]);
    expect(team.slack_configs).toEqual([
      {
        api_url_file: '/etc/alertmanager/secrets/slack_webhook_url',
        channel: '#llama-orch-alerts',
        title: '{{ .GroupLabels.alertname }}',
        text: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}',
      },
    ]);
    expect(am.inhibit_rules).toEqual([{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname', 'cluster'] }]);
  });
});

describe('llama-orch logs beyond queen (seed 001)', () => {
  test('rbee-hive\'s journal on hive1-3 is shipped by an Alloy on each, through its own Docker engine, to Loki on queen', () => {
    for (const hive of ['hive1', 'hive2', 'hive3']) {
      const c = container(json, `llama-orch-${hive}-alloy`);
      expect(c.provider).toBe(`docker.${hive}`);
      const config = parseAlloy(uploadedText(c, '/etc/alloy/config.alloy'));
      const write = alloyBlock(config, 'loki.write', 'default');
      expect(write.attributes.external_labels).toEqual({ host: hive });
      expect(write.blocks[0].attributes.url).toBe('https://10.20.0.10:3100/loki/api/v1/push');
      // only the rbee-hive unit
      const keep = alloyBlock(config, 'loki.relabel', 'journal').blocks.find((r) => r.attributes.action === 'keep');
      expect(keep?.attributes.regex).toBe('(rbee-hive)\\.service');
    }
  });

  test('the audit cleanup runs on queen daily at 03:00: gzip after 30 days, delete after 90', () => {
    const c = container(json, 'llama-orch-audit-cleanup');
    expect(c.provider).toBe('docker');
    expect(uploadedText(c, '/etc/crontabs/root')).toBe(
      "0 3 * * * find /var/log/llama-orch/audit -type f -name '*.ndjson' -mtime +30 -exec gzip '{}' ';'; " +
        "find /var/log/llama-orch/audit -type f -name '*.ndjson.gz' -mtime +90 -delete\n",
    );
    expect(c.volumes).toContainEqual({ container_path: '/var/log/llama-orch/audit', host_path: '/var/log/llama-orch/audit', read_only: false });
  });
});
