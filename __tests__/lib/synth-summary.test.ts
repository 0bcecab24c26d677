import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { activeSeries, summaryLines } from '../../lib/synth-summary';
import { HISTOGRAM_BUCKETS } from '../../lib/capacity';
import type { LintJob } from '../../lib/lint';
import { RuleGroup } from '../../model/rules';
import { ENVIRONMENTS, KUBERNETES_ENVIRONMENTS } from '../../environments';
import { readTree, removeTempDirs, tempDir } from '../support/files';

afterAll(removeTempDirs);

const root = path.resolve(__dirname, '../..');

function resources(stack: TerraformStack, type: string, n: number): void {
  for (let i = 0; i < n; i++) new TerraformResource(stack, `${type}-${i}`, { terraformResourceType: type });
}

describe('the synth summary', () => {
  test('one line per stack: what runs, alerts written and generated, dashboards, the secrets it needs; then where it wrote', () => {
    // GIVEN a small Docker stack and a small cluster stack, with variables of every kind
    const app = new App({ outdir: tempDir('obs-summary-') });
    const small = new TerraformStack(app, 'small');
    resources(small, 'docker_container', 2);
    resources(small, 'docker_volume', 2);
    resources(small, 'grafana_dashboard', 1);
    new TerraformVariable(small, 'smtp_password', { type: 'string', sensitive: true });
    new TerraformVariable(small, 'grafana_admin_password', { type: 'string', sensitive: true });
    new TerraformVariable(small, 'retention', { type: 'string', default: '15d' });
    new TerraformVariable(small, 'optional_secret', { type: 'string', sensitive: true, default: '' });
    const cluster = new TerraformStack(app, 'small-cluster');
    resources(cluster, 'helm_release', 1);
    resources(cluster, 'kubernetes_manifest', 3);
    const written: RuleGroup[] = [
      { name: 'a', rules: [{ alert: 'QueueFull', expr: 'q > 1' }, { record: 'job:q:sum', expr: 'sum by (job) (q)' }] },
      { name: 'b', rules: [{ alert: 'QueueStuck', expr: 'q == 0' }] },
    ];
    const generated: RuleGroup[] = [{ name: 'small-targets', rules: [{ alert: 'AppTargetDown', expr: 'up{job="app"} == 0' }] }];
    // WHEN the summary is written for them
    const lines = summaryLines(
      [
        { stack: small, facts: { ruleGroups: { written, generated }, activeSeries: 12345 } },
        { stack: cluster, facts: { dashboards: 1 } },
      ],
      path.join(root, 'out'),
      root,
    );
    // THEN each stack gets its line, names aligned, and the last line says where the files are
    expect(lines).toEqual([
      'small:         2 containers, alerts 2 written + 1 generated, 1 dashboard, ~12,345 active series; needs TF_VAR_grafana_admin_password, TF_VAR_smtp_password',
      'small-cluster: 1 Helm release, 3 Kubernetes objects, 1 dashboard',
      'wrote 2 stacks to out/stacks/<stack>/cdk.tf.json; `npm run preflight -- <stack>` checks its variables before a deploy',
    ]);
  });

  test('the active series: each static target times what its catalog says a target exposes', () => {
    const job = (name: string, targets: string[] | undefined, metrics: LintJob['metrics']): LintJob => ({ name, scrapeInterval: '15s', metrics, targetLabels: [], targets });
    const gauge = [{ name: 'app_queue', type: 'gauge' as const, labels: [] }];
    const histogram = [{ name: 'app_latency_seconds', type: 'histogram' as const, labels: [] }];
    const one = activeSeries([job('app', ['a:1'], gauge)]);
    // two targets hold twice the series of one; a histogram adds its buckets, _sum and _count
    expect(activeSeries([job('app', ['a:1', 'b:1'], gauge)])).toBe(2 * one);
    expect(activeSeries([job('app', ['a:1'], histogram)])).toBe(one + HISTOGRAM_BUCKETS + 1);
    // targets found by service discovery are unknown at synth: none counted
    expect(activeSeries([job('app', ['a:1'], gauge), job('nodes', undefined, gauge)])).toBe(one);
  });

  test('an output folder outside the working directory is named in full', () => {
    const app = new App({ outdir: tempDir('obs-summary-') });
    const lines = summaryLines([{ stack: new TerraformStack(app, 'empty'), facts: {} }], '/tmp/elsewhere/cdktf.out', root);
    expect(lines).toEqual(['empty: no resources', 'wrote 1 stack to /tmp/elsewhere/cdktf.out/stacks/<stack>/cdk.tf.json; `npm run preflight -- <stack>` checks its variables before a deploy']);
  });

  test('npm run synth prints a line for every stack that matches what it wrote', () => {
    // GIVEN a fresh output folder
    const outdir = path.join(tempDir('obs-summary-run-'), 'cdktf.out');
    // WHEN the app command runs as `npm run synth` runs it
    const run = spawnSync(process.execPath, ['scripts/app.js'], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: 'utf8', timeout: 60000 });
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const names = [...ENVIRONMENTS.map((e) => e.name), ...KUBERNETES_ENVIRONMENTS.flatMap((e) => [`${e.spec.name}-platform`, e.spec.name])];
    // THEN one line per stack in synth order, then where it wrote
    expect(lines.slice(0, -1).map((l) => l.split(':')[0])).toEqual(names);
    expect(lines[lines.length - 1]).toBe(`wrote ${names.length} stacks to ${outdir}/stacks/<stack>/cdk.tf.json; \`npm run preflight -- <stack>\` checks its variables before a deploy`);
    const files = readTree(outdir);
    for (const [i, name] of names.entries()) {
      const json = JSON.parse(files.get(`stacks/${name}/cdk.tf.json`)!);
      const count = (match: (type: string) => boolean) =>
        Object.entries(json.resource ?? {}).reduce((n, [type, byId]) => n + (match(type) ? Object.keys(byId as object).length : 0), 0);
      const secrets = Object.entries(json.variable ?? {})
        .filter(([, v]: [string, any]) => v.sensitive && v.default === undefined)
        .map(([v]) => `TF_VAR_${v}`)
        .sort();
      // what runs, as written in the stack's JSON
      const containers = count((t) => t === 'docker_container');
      const objects = count((t) => t.startsWith('kubernetes_'));
      if (containers > 0) expect(lines[i]).toContain(` ${containers} containers`);
      if (objects > 0) expect(lines[i]).toContain(` ${objects} Kubernetes objects`);
      expect(containers + objects).toBeGreaterThan(0);
      // the sensitive variables it declares without a default, every one of them
      expect(lines[i].split('; needs ')[1]?.split(', ') ?? []).toEqual(secrets);
      // dashboards: Grafana resources on Docker, ConfigMaps on a cluster
      const dashboards = count((t) => t === 'grafana_dashboard');
      if (dashboards > 0) expect(lines[i]).toContain(` ${dashboards} dashboard`);
    }
    // alerts written are the specs' own alerting rules
    for (const spec of ENVIRONMENTS) {
      const written = spec.monitoring.ruleGroups.flatMap((g) => g.rules).filter((r) => 'alert' in r).length;
      expect(lines[names.indexOf(spec.name)]).toMatch(new RegExp(`, alerts ${written} written \\+ [1-9][0-9]* generated, [0-9]+ dashboards, ~[1-9][0-9,]* active series; `));
    }
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
  }, 60000);
});
