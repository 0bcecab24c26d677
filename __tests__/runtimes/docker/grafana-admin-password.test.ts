import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { adminPasswordEntrypoint } from '../../../runtimes/docker/grafana-with-dashboards';
import { removeTempDirs, tempDir } from '../../support/files';

/**
 * Grafana's entrypoint sets the admin password from the password file at every start but the
 * first, so that a rotated variable (or a restored older volume) never leaves the grafana
 * provider logging in with a password Grafana does not have. The script runs here in /bin/sh
 * with a `grafana` of the test's own first on PATH, which records what it is given, and a run
 * script standing in for the image's /run.sh.
 */

afterAll(() => removeTempDirs());

function setup(grafanaFails = false) {
  const dir = tempDir('grafana-entrypoint-');
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'grafana'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${dir}/args\ncat > ${dir}/stdin\nexit ${grafanaFails ? 1 : 0}\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'run.sh'), `#!/bin/sh\necho started > ${dir}/started\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'password'), 'n3w pass');
  const paths = { db: path.join(dir, 'grafana.db'), passwordFile: path.join(dir, 'password'), run: path.join(dir, 'run.sh') };
  const run = () => {
    const [shell, ...args] = adminPasswordEntrypoint(paths);
    return spawnSync(shell, args, { env: { PATH: `${bin}:/usr/bin:/bin` }, encoding: 'utf8' });
  };
  return { dir, paths, run };
}

test('the container runs sh with a script, in place of the image\'s entrypoint', () => {
  const [shell, flag, script] = adminPasswordEntrypoint();
  expect([shell, flag]).toEqual(['/bin/sh', '-c']);
  expect(script).toBe(
    'if [ -f /var/lib/grafana/grafana.db ]; then grafana cli --homepath /usr/share/grafana admin reset-admin-password --password-from-stdin < /run/secrets/grafana-admin-password || exit 1; fi; exec /run.sh',
  );
});

test('first start, no database yet: Grafana starts and takes the password file itself (no reset)', () => {
  const { dir, run } = setup();
  expect(run().status).toBe(0);
  expect(fs.existsSync(path.join(dir, 'args'))).toBe(false);
  expect(fs.readFileSync(path.join(dir, 'started'), 'utf8')).toBe('started\n');
});

test('a later start: the admin password is set from the file, on stdin, then Grafana starts', () => {
  const { dir, paths, run } = setup();
  fs.writeFileSync(paths.db, '');
  expect(run().status).toBe(0);
  expect(fs.readFileSync(path.join(dir, 'args'), 'utf8').trim().split('\n')).toEqual(['cli', '--homepath', '/usr/share/grafana', 'admin', 'reset-admin-password', '--password-from-stdin']);
  expect(fs.readFileSync(path.join(dir, 'stdin'), 'utf8')).toBe('n3w pass');
  expect(fs.existsSync(path.join(dir, 'started'))).toBe(true);
});

test('a reset that fails stops the container instead of starting Grafana with another password', () => {
  const { dir, paths, run } = setup(true);
  fs.writeFileSync(paths.db, '');
  expect(run().status).toBe(1);
  expect(fs.existsSync(path.join(dir, 'started'))).toBe(false);
});
