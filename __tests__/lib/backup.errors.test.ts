import * as fs from 'fs';
import * as path from 'path';
import { backup, restore } from '../../lib/backup';
import { ConfigError } from '../../lib/errors';
import { parseArgs } from '../../scripts/backup-monitoring';
import { removeTempDirs, tempDir } from '../support/files';

/** Bad input to the backup script and library: one line naming the field, what was given and what is expected. */

const USAGE = 'usage: backup-monitoring.ts backup|restore <env> <backup-folder> [--volumes-root DIR] [--prometheus-url URL]';

afterAll(() => removeTempDirs());

test.each([
  [['snapshot', 'homelab', 'b'], `backup-monitoring: command: expected "backup" or "restore", got "snapshot" (${USAGE})`],
  [['backup', 'homelab'], `backup-monitoring: arguments: expected <env> <backup-folder>, got ["homelab"] (${USAGE})`],
  [['backup', 'homelab', 'b', '--volume-root', 'x'], `backup-monitoring: --volume-root: expected --volumes-root or --prometheus-url, got "--volume-root" (${USAGE})`],
  [['restore', 'homelab', 'b', '--volumes-root'], `backup-monitoring: --volumes-root: expected a value after it, got nothing (${USAGE})`],
])('arguments %j are refused', (argv, message) => {
  expect(() => parseArgs(argv)).toThrow(new ConfigError(message));
});

test('a volume that does not exist on this machine is named before Prometheus is asked for anything', async () => {
  const root = tempDir('backup-errors-');
  await expect(backup({ env: 'osmen', volumePath: (v) => path.join(root, v), outDir: path.join(root, 'out'), prometheusUrl: 'http://127.0.0.1:1' })).rejects.toThrow(
    new ConfigError(`backup: volume osmen-prometheus-data: expected an existing folder (is the stack deployed on this machine?), got ${JSON.stringify(path.join(root, 'osmen-prometheus-data'))}`),
  );
  expect(fs.existsSync(path.join(root, 'out'))).toBe(false);
});

test('a backup of another environment is not restored', () => {
  const root = tempDir('backup-errors-');
  fs.writeFileSync(path.join(root, 'manifest.json'), JSON.stringify({ environment: 'lloom', archives: {} }));
  expect(() => restore({ env: 'homelab', volumePath: (v) => path.join(root, v), fromDir: root })).toThrow(
    new ConfigError(`restore: environment: expected "lloom", the environment the backup in ${JSON.stringify(root)} was taken of, got "homelab"`),
  );
});

test('a folder without a manifest is not a backup', () => {
  const root = tempDir('backup-errors-');
  expect(() => restore({ env: 'homelab', volumePath: (v) => path.join(root, v), fromDir: root })).toThrow(
    new ConfigError(`restore: fromDir: expected a folder backup wrote (with manifest.json), got ${JSON.stringify(root)}`),
  );
});

test('an environment name that is not one is refused', async () => {
  await expect(backup({ env: 'Home Lab', volumePath: (v) => v, outDir: '/nonexistent' })).rejects.toThrow(
    new ConfigError('backup: environment: expected a lower-case environment name such as "homelab", got "Home Lab"'),
  );
});
