import { GENERATED_ALERT_DEFAULTS, generatedRuleGroups } from '../../lib/generated-rules';
import { camelCase } from '../../lib/names';
import { homelab } from '../../environments/homelab/spec';
import { llamaOrch } from '../../environments/llama-orch/spec';
import { lloom } from '../../environments/lloom/spec';
import { osmen } from '../../environments/osmen/spec';
import { cleanupOutdirs, clone, renderedConfigs, synthEnvironment, synthEveryEnvironment, TfJson } from '../support/synth';

afterAll(cleanupOutdirs);

// GIVEN every environment, synthesized once (tests that change a spec synthesize their copy)
const synthesized = synthEveryEnvironment();

/**
 * The alert rules of a rendered group: name -> { expr, for, severity }. Throws when the
 * environment renders no group of that name, so that a check of what a group lacks cannot pass
 * for a group that is gone.
 */
function renderedGroup(env: string, group: string, json: TfJson = synthesized(env).json): Record<string, { expr: string; for: string; severity: string }> {
  const configs = renderedConfigs(json, env);
  const found = configs.groups.get(group);
  if (!found) throw new Error(`${env} renders no rule group ${group}; its groups are ${[...configs.groups.keys()].join(', ')}`);
  return Object.fromEntries(found.rules.map((r: any) => [r.alert, { expr: r.expr, for: r.for, severity: r.labels.severity }]));
}

describe('target-down alerts: one per job that no rule watches with up', () => {
  test('homelab: every scrape job but Prometheus\'s own, rendered to homelab-targets.yml with the environment\'s severity', () => {
    // GIVEN homelab, whose rules read no `up` WHEN synthesized
    const configs = renderedConfigs(synthesized('homelab').json, 'homelab');
    const jobs = configs.prometheus.scrape_configs.map((j: { job_name: string }) => j.job_name).filter((j: string) => j !== 'prometheus');
    const group = renderedGroup('homelab', 'homelab-targets');
    // THEN each job has its TargetDown alert: the spec's jobs and the stack's own (Loki, Alloy...)
    expect(Object.values(group).map((r) => r.expr)).toEqual(jobs.map((j: string) => `up{job="${j}"} == 0`));
    expect(jobs).toEqual(expect.arrayContaining(homelab.monitoring.jobs.map((j) => j.name)));
    expect(group.NodeTargetDown).toEqual({ expr: 'up{job="node"} == 0', for: '2m', severity: 'high' });
    expect(group.BrainWorkerTargetDown).toEqual({ expr: 'up{job="brain-worker"} == 0', for: '2m', severity: 'high' });
  });

  test('llama-orch: none for its services, which its ServiceDown watches with up{job=~"queen-rbee|rbee-hive"}', () => {
    const names = Object.keys(renderedGroup(llamaOrch.name, 'llama-orch-targets'));
    // the stack's own jobs keep theirs
    expect(names).toEqual(expect.arrayContaining(['LokiTargetDown', 'AlloyTargetDown']));
    expect(names).not.toContain('QueenRbeeTargetDown');
    expect(names).not.toContain('RbeeHiveTargetDown');
  });

  test('osmen: the exporters, not the gateway its ServiceDown watches', () => {
    const names = Object.keys(renderedGroup(osmen.name, 'osmen-targets'));
    expect(names).toEqual(expect.arrayContaining(['OsmenPostgresTargetDown', 'OsmenRedisTargetDown', 'DockerTargetDown']));
    expect(names).not.toContain('OsmenGatewayTargetDown');
  });

  test('lloom: discovered jobs too', () => {
    expect(renderedGroup(lloom.name, 'lloom-targets')).toMatchObject({
      LloomK8sTargetDown: { expr: 'up{job="lloom-k8s"} == 0', for: '2m', severity: 'warning' },
      LloomConsulTargetDown: { expr: 'up{job="lloom-consul"} == 0' },
    });
  });

  test('the spec sets how long a target may be down', () => {
    // GIVEN homelab with generatedAlerts.targetDownFor 5s THEN its TargetDown alerts wait 5s
    const fast = clone(homelab);
    fast.monitoring.generatedAlerts = { ...fast.monitoring.generatedAlerts, targetDownFor: '5s' };
    expect(renderedGroup(fast.name, 'homelab-targets', synthEnvironment(fast).json).NodeTargetDown.for).toBe('5s');
  });

  test('a job a rule starts to watch with up loses its generated alert', () => {
    // GIVEN homelab with a rule on up{job="node"}
    const watched = clone(homelab);
    watched.monitoring.ruleGroups[0].rules.push({ alert: 'NodeExporterDown', expr: 'up{job="node"} == 0', for: '1m', labels: { severity: 'high' }, annotations: {} });
    // THEN NodeTargetDown is no longer generated, while the other jobs keep theirs
    const names = Object.keys(renderedGroup(watched.name, 'homelab-targets', synthEnvironment(watched).json));
    expect(names).not.toContain('NodeTargetDown');
    expect(names).toContain('BrainWorkerTargetDown');
  });

  test('an up job matcher in RE2 syntax JavaScript lacks watches the jobs Prometheus would match', () => {
    // GIVEN a rule on up{job=~"(?i)NODE"}: RE2 (Prometheus) reads (?i) as case-insensitive; JavaScript's RegExp throws on it
    const rule = { alert: 'NodeDown', expr: 'up{job=~"(?i)NODE"} == 0', for: '1m', labels: { severity: 'warning' }, annotations: {} };
    // WHEN the alerts are generated
    const groups = generatedRuleGroups({
      environment: 'test',
      settings: GENERATED_ALERT_DEFAULTS,
      ruleGroups: [{ name: 'test-alerts', rules: [rule] }],
      jobs: [{ name: 'node', staticConfigs: [{ targets: ['node:9100'] }] }, { name: 'app', staticConfigs: [{ targets: ['app:8080'] }] }],
    });
    // THEN job node is watched by NodeDown, as Prometheus matches it, and only app gets a TargetDown alert
    expect(groups.find((g) => g.name === 'test-targets')?.rules.map((r) => r.expr)).toEqual(['up{job="app"} == 0']);
  });
});

describe('absent() alerts: one per metric an alert reads as a state', () => {
  test('homelab: every metric its alerts read, increase() == 0 included (it fires on no growth)', () => {
    const group = renderedGroup(homelab.name, 'homelab-absent');
    expect(group).toEqual({
      BrainWorkerStatusAbsent: { expr: 'absent(brain_worker_status)', for: '10m', severity: 'high' },
      BrainSignalQueueTotalAbsent: { expr: 'absent(brain_signal_queue_total)', for: '10m', severity: 'high' },
      NodeLoad15Absent: { expr: 'absent(node_load15)', for: '10m', severity: 'high' },
      BrainWorkerMemoryBytesAbsent: { expr: 'absent(brain_worker_memory_bytes)', for: '10m', severity: 'high' },
      BrainLancedbRowsTotalAbsent: { expr: 'absent(brain_lancedb_rows_total)', for: '10m', severity: 'high' },
    });
  });

  test('llama-orch: gauges only; event counters whose growth fires an alert appear with their first event', () => {
    expect(Object.values(renderedGroup(llamaOrch.name, 'llama-orch-absent')).map((r) => r.expr)).toEqual([
      'absent(rbee_hive_workers_failed_health_checks)',
      'absent(rbee_hive_workers_total)',
      'absent(rbee_hive_memory_available_bytes)',
      'absent(rbee_hive_memory_total_bytes)',
      'absent(rbee_hive_disk_available_bytes)',
      'absent(rbee_hive_disk_total_bytes)',
    ]);
  });

  test('the annotation names the alerts a vanished metric silences', () => {
    const configs = renderedConfigs(synthesized('osmen').json, 'osmen');
    expect(configs.rules.get('PgStatActivityCountAbsent').annotations).toEqual({
      summary: 'No series of pg_stat_activity_count',
      description: 'pg_stat_activity_count has not been scraped for 10m: DatabasePoolExhausted cannot fire.',
    });
  });
});

test.each([
  ['brain-worker', 'BrainWorker'],
  ['osmen_postgres', 'OsmenPostgres'],
  ['node_load15', 'NodeLoad15'],
  ['lloom-k8s', 'LloomK8s'],
])('alert names: %s -> %s', (name, camel) => {
  expect(camelCase(name)).toBe(camel);
});
