import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { buildApp } from '../app';
import { ENVIRONMENTS, KUBERNETES_ENVIRONMENTS } from '../environments';
import { readTree, removeTempDirs, tempDir } from './support/files';

afterAll(removeTempDirs);

/** Synthesizes every environment into a fresh folder; returns every file's path and content. */
function synthAll(): Map<string, string> {
  const outdir = tempDir('obs-app-test-');
  buildApp(outdir).synth();
  return readTree(outdir);
}

describe('the app', () => {
  // GIVEN every environment synthesized once, the baseline the tests compare against
  let baseline: Map<string, string>;
  beforeAll(() => {
    baseline = synthAll();
  });

  test('synthesizes one stack per Docker environment, two per environment on a cluster', () => {
    const files = baseline;
    const stacks = [...files.keys()].filter((f) => f.endsWith('cdk.tf.json')).sort();
    const names = [...ENVIRONMENTS.map((e) => e.name), ...KUBERNETES_ENVIRONMENTS.flatMap((e) => [`${e.spec.name}-platform`, e.spec.name])];
    expect(stacks).toEqual(names.map((name) => `stacks/${name}/cdk.tf.json`).sort());
    expect(names).toEqual(expect.arrayContaining(['openhands-platform', 'openhands']));
  });

  test('two synths produce byte-identical output: no timestamps, no random ids', () => {
    const first = baseline;
    const second = synthAll();
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, content] of first) expect({ file, content: second.get(file) }).toEqual({ file, content });
  });

  test('the cdktf.json app command (an esbuild bundle) writes exactly what tsx main.ts writes', () => {
    const root = path.resolve(__dirname, '..');
    const run = (args: string[]) => {
      const outdir = tempDir('obs-app-test-');
      execFileSync(process.execPath, args, { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir }, stdio: 'pipe' });
      return readTree(outdir);
    };
    const app = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')).app;
    expect(app).toBe('node scripts/app.js');
    const bundled = run(['scripts/app.js']);
    const direct = run([path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'main.ts']);
    expect([...bundled.keys()].sort()).toEqual([...direct.keys()].sort());
    for (const [file, content] of direct) expect({ file, same: bundled.get(file) === content }).toEqual({ file, same: true });
  }, 30000);

  test('no secret value reaches cdktf.out, whatever TF_VAR_ values are set', () => {
    // GIVEN a known value for every variable any stack declares, as a user would export them
    const declared = new Set<string>();
    for (const [file, content] of baseline) {
      if (file.endsWith('cdk.tf.json')) Object.keys(JSON.parse(content).variable ?? {}).forEach((v) => declared.add(v));
    }
    expect(declared.size).toBeGreaterThanOrEqual(4);
    const values = new Map([...declared].map((name, i) => [name, `known-secret-${i}-${name.replace(/_/g, '')}-Zq9`]));
    const saved = { ...process.env };
    try {
      for (const [name, value] of values) process.env[`TF_VAR_${name}`] = value;
      // WHEN every environment is synthesized
      const files = synthAll();
      // THEN no file holds any of the values, and every variable is sensitive with no default
      for (const [file, content] of files) {
        for (const [name, value] of values) expect({ file, name, leaked: content.includes(value) }).toEqual({ file, name, leaked: false });
      }
      for (const [file, content] of files) {
        if (!file.endsWith('cdk.tf.json')) continue;
        for (const [name, variable] of Object.entries<Record<string, unknown>>(JSON.parse(content).variable ?? {})) {
          expect({ file, name, sensitive: variable.sensitive, hasDefault: 'default' in variable }).toEqual({ file, name, sensitive: true, hasDefault: false });
        }
      }
    } finally {
      process.env = saved;
    }
  });

  test('no Grafana credential in cdktf.out: the synthesized app holds only the variable reference, never a password value', () => {
    // GIVEN the whole app synthesized (the baseline)
    const text = [...baseline.values()].join('\n');
    // THEN no default or seed password, no password env var, and the auth is the variable reference only
    expect(text).not.toMatch(/admin:admin|soloadmin|GF_SECURITY_ADMIN_PASSWORD=/);
    const auths = [...text.matchAll(/"auth": ?"([^"]*)"/g)].map((m) => m[1]);
    expect(auths.length).toBe(ENVIRONMENTS.length);
    for (const auth of auths) expect(auth).toBe('admin:${var.grafana_admin_password}');
    const uploads = [...text.matchAll(/"file": ?"\/run\/secrets\/grafana-admin-password"/g)];
    expect(uploads.length).toBe(ENVIRONMENTS.length);
  });
});
