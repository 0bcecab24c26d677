import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { removeTempDirs, tempDir } from './support/files';

const root = path.resolve(__dirname, '..');

afterAll(removeTempDirs);

describe('a failing synth', () => {
  test('exits 1 with the one message on stderr, nothing on stdout and nothing written', () => {
    // GIVEN an output folder that does not exist yet
    const outdir = path.join(tempDir('obs-fail-'), 'cdktf.out');
    // WHEN the app command runs an app with a bad spec
    const run = spawnSync(process.execPath, ['scripts/app.js', '__tests__/fixtures/bad-synth.ts'], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
      timeout: 60000,
    });
    // THEN the user reads one line, and there is no output to deploy by mistake
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'synth failed: environment "homelab": monitoring.prometheus.retentionTime: expected a duration such as "30s", "5m", "1h30m" or "15d", got "15 days"\n',
    });
    expect(fs.existsSync(outdir)).toBe(false);
  }, 60000);
});
