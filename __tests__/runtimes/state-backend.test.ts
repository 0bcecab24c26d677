import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from '../../app';
import { ENVIRONMENTS, KUBERNETES_ENVIRONMENTS } from '../../environments';
import { homelab } from '../../environments/homelab/spec';
import { LOCAL_STATE_DIR } from '../../runtimes/state-backend';
import { readTree, removeTempDirs, tempDir } from '../support/files';
import { clone } from '../support/synth';

afterAll(removeTempDirs);

const root = path.resolve(__dirname, '../..');

/** Synthesizes the given specs into a fresh folder; returns each stack's Terraform JSON. */
function synth(specs: readonly unknown[] = ENVIRONMENTS): Map<string, any> {
  const outdir = tempDir('obs-backend-');
  buildApp(outdir, specs).synth();
  const stacks = new Map<string, any>();
  for (const [file, content] of readTree(outdir)) {
    const m = /^stacks\/([^/]+)\/cdk\.tf\.json$/.exec(file);
    if (m) stacks.set(m[1], JSON.parse(content));
  }
  return stacks;
}

describe('Terraform state', () => {
  test('every environment gets a local backend at a project-relative path by default', () => {
    // GIVEN the environments as they are WHEN synthesized
    const stacks = synth();
    // THEN each stack keeps its state in terraform-state/<env>.tfstate, named from its own folder
    expect(stacks.size).toBe(ENVIRONMENTS.length + 2 * KUBERNETES_ENVIRONMENTS.length);
    for (const [env, json] of stacks) {
      expect(json.terraform.backend).toEqual({ local: { path: `../../../${LOCAL_STATE_DIR}/${env}.tfstate` } });
    }
  });

  test('git ignores every stack\'s state file, its backup and the whole state folder', () => {
    const stacks = synth();
    for (const [env, json] of stacks) {
      // The path Terraform resolves from the stack's folder, cdktf.out/stacks/<env>, back in the project.
      const statePath = path.join('cdktf.out/stacks', env, json.terraform.backend.local.path);
      expect(path.normalize(statePath).startsWith(`${LOCAL_STATE_DIR}/`)).toBe(true);
      for (const file of [statePath, `${statePath}.backup`, `${statePath}.1700000000.backup`]) {
        const check = spawnSync('git', ['check-ignore', '--no-index', '-q', path.normalize(file)], { cwd: root });
        expect({ file, ignored: check.status === 0 }).toEqual({ file, ignored: true });
      }
    }
    // a state file a user made by hand elsewhere (terraform run in a stack folder, or copied) is ignored too
    for (const file of ['terraform.homelab.tfstate', 'backups/homelab.tfstate.backup']) {
      expect(spawnSync('git', ['check-ignore', '--no-index', '-q', file], { cwd: root }).status).toBe(0);
    }
  });

  test('an S3 backend: encrypted, locked, its key named after the environment, no credential anywhere', () => {
    const spec = clone(homelab);
    spec.backend = { s3: { bucket: 'acme-terraform-state', region: 'eu-central-1', lockTable: 'terraform-locks' } };
    const json = synth([spec]).get('homelab');
    expect(json.terraform.backend).toEqual({
      s3: { bucket: 'acme-terraform-state', key: 'homelab/terraform.tfstate', region: 'eu-central-1', encrypt: true, dynamodb_table: 'terraform-locks' },
    });
  });

  test('a PostgreSQL backend: no connection string in the output, so Terraform reads PG_CONN_STR', () => {
    const spec = clone(homelab);
    spec.backend = { pg: { schemaName: 'terraform_homelab' } };
    const json = synth([spec]).get('homelab');
    expect(json.terraform.backend).toEqual({ pg: { schema_name: 'terraform_homelab' } });
  });

  test('no output names the machine: two checkouts of one commit in different folders synthesize byte-identical output', () => {
    // GIVEN the project's files copied into two folders of different names and depths
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      // Files only: an untracked symlink to a folder (a tools link in a checkout) is no project file.
      .filter((f) => f && fs.existsSync(path.join(root, f)) && fs.statSync(path.join(root, f)).isFile());
    const checkout = (dir: string) => {
      for (const f of files) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.copyFileSync(path.join(root, f), path.join(dir, f));
      }
      fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
      return dir;
    };
    const a = checkout(tempDir('obs-checkout-a-'));
    const b = checkout(path.join(tempDir('obs-checkout-b-'), 'deeper', 'observability-stacks'));
    // WHEN each synthesizes with the app command of cdktf.json, from its own folder
    const run = (dir: string) => {
      const env = { ...process.env };
      delete env.CDKTF_OUTDIR;
      execFileSync(process.execPath, ['scripts/app.js'], { cwd: dir, env, stdio: 'pipe' });
      return readTree(path.join(dir, 'cdktf.out'));
    };
    const outA = run(a);
    const outB = run(b);
    // THEN the outputs are the same bytes, and neither holds either folder's path
    expect([...outB.keys()].sort()).toEqual([...outA.keys()].sort());
    for (const [file, content] of outA) {
      expect({ file, same: outB.get(file) === content }).toEqual({ file, same: true });
      expect({ file, holdsPath: content.includes(a) || content.includes(root) }).toEqual({ file, holdsPath: false });
    }
  }, 60000);
});
