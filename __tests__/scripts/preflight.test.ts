import { spawnSync } from 'child_process';
import * as path from 'path';
import { buildApp } from '../../app';
import { appStacks, stackVariables } from '../../lib/stack-variables';
import { removeTempDirs, tempDir } from '../support/files';

afterAll(removeTempDirs);

const root = path.resolve(__dirname, '../..');

/** Runs `npm run preflight -- <args>` as a user would, with exactly the given TF_VAR_ values. */
function preflight(args: string[], vars: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('TF_VAR_')) env[k] = v;
  const run = spawnSync(process.execPath, ['scripts/app.js', 'scripts/preflight.ts', ...args], { cwd: root, env: { ...env, ...vars }, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run preflight', () => {
  // The variables homelab declares, read from its stack as synth builds it.
  const homelab = stackVariables(appStacks(buildApp(tempDir('obs-preflight-'))).find((s) => s.node.id === 'homelab')!);

  test('homelab declares its Grafana password and every receiver secret, all sensitive and required', () => {
    expect(homelab.map((v) => v.name)).toEqual(expect.arrayContaining(['grafana_admin_password', 'smtp_password', 'slack_webhook_url', 'pagerduty_service_key']));
    expect(homelab.every((v) => v.sensitive && v.required)).toBe(true);
  });

  test('with nothing set: every variable listed as MISSING, exit 1, and a line that says what to do', () => {
    const run = preflight(['homelab']);
    expect(run.status).toBe(1);
    for (const v of homelab) expect(run.stdout).toMatch(new RegExp(`TF_VAR_${v.name}\\s+MISSING\\s+sensitive`));
    expect(run.stderr).toBe(`preflight: ${homelab.length} variables missing: export them before \`npx cdktf deploy homelab\`\n`);
  });

  test('with one left unset: only that one is missing, and no value is printed', () => {
    const values = Object.fromEntries(homelab.map((v, i) => [`TF_VAR_${v.name}`, `known-value-${i}-Zq9`]));
    delete values.TF_VAR_grafana_admin_password;
    const run = preflight(['homelab'], values);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/TF_VAR_grafana_admin_password\s+MISSING/);
    expect(run.stdout.match(/\bset\b/g)?.length).toBe(homelab.length - 1);
    expect(run.stdout + run.stderr).not.toMatch(/known-value/);
    expect(run.stderr).toBe('preflight: 1 variable missing: export them before `npx cdktf deploy homelab`\n');
  });

  test('with every variable set: exit 0', () => {
    const values = Object.fromEntries(homelab.map((v) => [`TF_VAR_${v.name}`, 'x']));
    const run = preflight(['--', 'homelab'], values);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('an unknown stack, or none: exit 2 with one line naming the stacks there are', () => {
    const unknown = preflight(['homelabb']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^preflight: unknown stack "homelabb": expected one or more of homelab, llama-orch, [a-z, -]+, as in `npm run preflight -- homelab`\n$/);
    const none = preflight([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^preflight: no stack named: expected one or more of homelab/);
  });
});
