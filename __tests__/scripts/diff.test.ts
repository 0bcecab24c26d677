import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { buildApp } from '../../app';
import { ENVIRONMENTS } from '../../environments';
import { toYaml } from '../../lib/yaml';
import { removeTempDirs, tempDir } from '../support/files';
import { clone } from '../support/synth';

const root = path.resolve(__dirname, '../..');

afterAll(removeTempDirs);

function diff(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['scripts/app.js', 'scripts/diff.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Every environment synthesized into a fresh folder, after `edit` changed the specs. */
function synthFolder(edit: (specs: any[]) => void = () => undefined): string {
  const outdir = path.join(tempDir('obs-diff-test-'), 'cdktf.out');
  const specs = clone(ENVIRONMENTS) as any[];
  edit(specs);
  buildApp(outdir, specs).synth();
  return outdir;
}

/** A copy of a synth folder whose `env` stack was edited by hand. */
function editedCopy(dir: string, env: string, edit: (json: any) => void): string {
  const copy = path.join(tempDir('obs-diff-edit-'), 'cdktf.out');
  fs.cpSync(dir, copy, { recursive: true });
  const file = path.join(copy, 'stacks', env, 'cdk.tf.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(json);
  fs.writeFileSync(file, JSON.stringify(json));
  return copy;
}

const base = synthFolder();
/** Every stack the app synthesizes, in the order the review lists them. */
const stacks = fs.readdirSync(path.join(base, 'stacks')).sort();
const threshold = synthFolder((specs) => {
  const llama = specs.find((s) => s.name === 'llama-orch');
  for (const g of llama.monitoring.ruleGroups) for (const r of g.rules) if (r.alert === 'HighForceKillRate') r.expr = r.expr.replace('> 0.1', '> 0.2');
});

describe('npm run diff', () => {
  test('two git refs of one tree: exit 0, "no change in meaning", and no worktree left behind', () => {
    // The repository's worktrees, other than those of other checkouts, which change as they commit.
    const ours = () => spawnSync('git', ['worktree', 'list', '--porcelain'], { cwd: root, encoding: 'utf8' }).stdout.split('\n').filter((l) => l.includes('obs-diff-'));
    const before = ours();
    const run = diff(['--base', 'HEAD', '--head', 'HEAD']);
    expect(run).toEqual({ status: 0, stdout: `## Monitoring review\n\nno change in meaning (${stacks.length} environments compared)\n`, stderr: '' });
    expect(ours()).toEqual(before);
  }, 120000);

  test('a changed threshold: exit 1, the summary table and the environment\'s sections', () => {
    const run = diff(['--base', base, '--head', threshold]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const md = run.stdout;
    // The threshold moved in the spec, its tests did not: the environment and the alert are flagged.
    expect(md).toMatch(/^\| ⚠️ llama-orch \| – \| \+0 −0 ~1 \| \d+ \| – \| 1 \| – \|$/m);
    expect(md).toContain(`No change in meaning: ${stacks.filter((s) => s !== 'llama-orch').join(', ')}.`);
    expect(md).toContain('- ⚠️ ~**HighForceKillRate**: threshold `> 0.1` → `> 0.2`; expression changed, its tests did not');
    expect(md.match(/^\*\*\d+\. .+\*\*$/gm)).toEqual(['**1. Alert rules**', '**2. Deployment**']);
    expect(md).toContain('<details><summary>Rendered configs: 1 file changed</summary>');
  }, 60000);

  test('--format json and --env: the same review as data, for one environment', () => {
    const run = diff(['--base', base, '--head', threshold, '--env', 'llama-orch', '--format', 'json']);
    expect(run.status).toBe(1);
    const review = JSON.parse(run.stdout);
    expect(review.changed).toBe(true);
    expect(review.environments.map((e: any) => [e.env, e.status, e.sections.map((s: any) => s.id)])).toEqual([['llama-orch', 'changed', ['alerts', 'deployment']]]);
  }, 60000);

  test.each([
    [['--base', 'no-such-ref-anywhere'], 'diff: --base "no-such-ref-anywhere": neither a git ref nor a folder: expected a commit, branch or tag of this repository, or a cdktf.out folder\n'],
    [['--base', __dirname, '--head', __dirname], `diff: --base "${__dirname}": not a synth output: expected a folder holding manifest.json and stacks/<environment>/cdk.tf.json (run npm run synth)\n`],
    [['--head', 'HEAD'], 'diff: --base: expected a git ref or a cdktf.out folder, got nothing: expected --base <git ref | cdktf.out folder> [--head <git ref | cdktf.out folder>] [--env <environment>] [--format md|json]\n'],
    [['--base', 'HEAD', '--format', 'html'], 'diff: --format: expected "md" or "json", got "html"\n'],
  ])('bad input %j: exit 2 with one line', (args, message) => {
    expect(diff(args)).toEqual({ status: 2, stdout: '', stderr: message });
  }, 60000);

  test('an unknown --env: exit 2 naming the environments', () => {
    expect(diff(['--base', base, '--head', base, '--env', 'prod'])).toEqual({
      status: 2,
      stdout: '',
      stderr: `diff: --env "prod": no such environment: expected one of ${stacks.join(', ')}\n`,
    });
  }, 60000);

  test('no secret value is ever printed: not the variables\' values, not a secret written into a config', () => {
    const secrets = {
      TF_VAR_smtp_password: 'known-smtp-7f3a91',
      TF_VAR_slack_webhook_url: 'https://hooks.slack.com/services/T000/B000/known-slack-5c2e',
      TF_VAR_pagerduty_service_key: 'known-pagerduty-0d4b',
      TF_VAR_alert_webhook_url: 'https://alerts.example.com/known-webhook-81aa',
      TF_VAR_grafana_admin_password: 'known-grafana-2b77',
    };
    const literal = { password: 'known-literal-password-9e1c', url: 'https://hooks.slack.com/services/T1/B1/known-literal-slack-44d0', key: 'known-k8s-secret-6a6a' };
    const leaky = editedCopy(base, 'homelab', (json) => {
      const am = Object.values(json.resource.docker_container as Record<string, any>).find((c) => c.name === 'homelab-alertmanager');
      const upload = am.upload.find((u: any) => u.file.endsWith('alertmanager.yml'));
      const doc = parse(upload.content);
      delete doc.global.smtp_auth_password_file;
      doc.global.smtp_auth_password = literal.password;
      doc.receivers[0].slack_configs[0] = { api_url: literal.url, channel: '#alerts' };
      upload.content = toYaml(doc);
      json.resource.kubernetes_manifest = {
        amsecret: { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'am', namespace: 'monitoring' }, stringData: { 'alertmanager.yaml': `global:\n  smtp_auth_password: ${literal.key}\n` } } },
      };
    });
    for (const format of ['md', 'json']) {
      const run = diff(['--base', base, '--head', leaky, '--format', format], secrets);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('(secret)');
      for (const value of [...Object.values(secrets), ...Object.values(literal)]) expect(run.stdout + run.stderr).not.toContain(value);
    }
  }, 60000);
});
