import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { describeStack } from '../../lib/lint-environment';
import { LintEnvironment } from '../../lib/lint';
import { ENVIRONMENTS } from '../../environments';
import { buildDashboard, JOB_INSTANCE, jobInstanceVariables, Panels } from '../../model/dashboards/common';
import { namesJob, panelJobs, untruthfulSelectors } from '../support/panel-jobs';
import { cleanupOutdirs, synthEveryEnvironment } from '../support/synth';

/**
 * Panels that tell the truth: a dashboard's job variable's "All" is `.+`, so a panel on plain
 * `up` takes in every scrape job, the stack's own Loki and Jaeger included. Every panel's
 * selectors on a metric every job exposes stay within the jobs its title and description name,
 * or the panel says it covers every scrape job.
 */

afterAll(cleanupOutdirs);

const synthesized = synthEveryEnvironment();

describe.each(ENVIRONMENTS.map((spec) => [spec.name] as const))('%s', (env) => {
  test('every panel selects only the jobs its title and description name', () => {
    // GIVEN the environment's dashboards, as deployed, and what each of its scrape jobs exposes
    const { stack } = synthesized(env);
    // WHEN each selector's jobs are set against the jobs its panel names
    const panels = panelJobs(describeStack(stack), stack.parts.grafana.dashboardModels);
    // THEN no selector reaches beyond them
    expect(panels.flatMap(untruthfulSelectors)).toEqual([]);
    expect(panels.length).toBeGreaterThan(0);
  });
});

describe('the check can fail', () => {
  // GIVEN osmen's jobs, and a "Gateway up" panel as the seed's dashboard had it: plain up
  const env: LintEnvironment = describeStack(synthesized('osmen').stack);
  const ds: dashboard.DataSourceRef = { type: 'prometheus', uid: 'osmen-prometheus' };
  const p = new Panels(ds);
  const gatewayUp = (expr: string, description = 'Whether the gateway answered its scrapes.') =>
    buildDashboard({
      environment: 'osmen',
      uid: 'test',
      title: 'Test',
      description: 'test',
      variables: jobInstanceVariables(ds, 'osmen_gateway'),
      rows: [{ title: 'r', panels: [p.stat({ title: 'Gateway up', description, unit: 'short', targets: [{ expr }] })] }],
    });

  test('plain up under the job variable reaches every job, and is named', () => {
    const [panel] = panelJobs(env, [gatewayUp(`up{${JOB_INSTANCE}}`)]);
    expect(panel.named).toEqual(new Set(['osmen_gateway']));
    expect(untruthfulSelectors(panel)).toEqual([
      'dashboard "Test" panel "Gateway up": up{job=~"$job", instance=~"$instance"} selects alertmanager, alloy, docker, jaeger, loki, osmen_gateway, osmen_postgres, osmen_redis, prometheus; its title and description names osmen_gateway',
    ]);
  });

  test('up of the named job passes; so does plain up on a panel that says it covers every scrape job', () => {
    expect(panelJobs(env, [gatewayUp(`up{job="osmen_gateway", ${JOB_INSTANCE}}`)]).flatMap(untruthfulSelectors)).toEqual([]);
    expect(panelJobs(env, [gatewayUp(`up{${JOB_INSTANCE}}`, 'Targets of every scrape job that answered.')]).flatMap(untruthfulSelectors)).toEqual([]);
  });

  test('a metric only some jobs expose names its subject itself', () => {
    const panel = panelJobs(env, [gatewayUp(`container_memory_usage_bytes{${JOB_INSTANCE}, name="osmen-gateway"}`)])[0];
    expect(panel.selectors).toEqual([expect.objectContaining({ jobs: ['docker'], everyJobExposes: false })]);
    expect(untruthfulSelectors(panel)).toEqual([]);
  });

  test.each([
    ['Gateway up', 'osmen_gateway', 'osmen', true],
    ['Brain workers', 'brain-worker', 'homelab', true],
    ['Nodes up by role (client, executor)', 'lloom-executor', 'lloom', true],
    ['Node load', 'node', 'lloom', true],
    ['Nodes', 'node-exporter', 'x', false],
    ['Redis memory', 'osmen_postgres', 'osmen', false],
  ])('%j names job %s of %s: %s', (text, job, envName, named) => {
    expect(namesJob(text, job, envName)).toBe(named);
  });
});
