import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../../lib/errors';
import { newPassword, resetCommand, rotate } from '../../scripts/rotate-grafana-password';
import { removeTempDirs, tempDir } from '../support/files';

/**
 * The rotation script drives the Docker CLI. A `docker` of the test's own, first on PATH,
 * records the arguments and stdin it is given, and fails when told to: the script must hand
 * the password on stdin only, and report a failure in one line.
 */

let bin: string;
const savedPath = process.env.PATH;

beforeAll(() => {
  bin = tempDir('fake-docker-');
  fs.writeFileSync(
    path.join(bin, 'docker'),
    '#!/bin/sh\nprintf "%s\\n" "$@" > "$(dirname "$0")/args"\ncat > "$(dirname "$0")/stdin"\nif [ -f "$(dirname "$0")/fail" ]; then echo "Error: No such container: $3" >&2; exit 1; fi\n',
    { mode: 0o755 },
  );
  process.env.PATH = `${bin}:${savedPath}`;
});

afterAll(() => {
  process.env.PATH = savedPath;
  removeTempDirs();
});

test('the new password goes to grafana cli on stdin, never on the command line', () => {
  const next = rotate('homelab', 's3cret new\n');
  expect(fs.readFileSync(path.join(bin, 'args'), 'utf8').trim().split('\n')).toEqual(['exec', '-i', 'homelab-grafana', 'grafana', 'cli', 'admin', 'reset-admin-password', '--password-from-stdin']);
  expect(fs.readFileSync(path.join(bin, 'stdin'), 'utf8')).toBe('s3cret new\n');
  expect(fs.readFileSync(path.join(bin, 'args'), 'utf8')).not.toContain('s3cret');
  expect(next).toBe('Grafana admin password of homelab changed. Now: export TF_VAR_grafana_admin_password=<the new password>; cdktf deploy homelab\n');
});

test('a failing docker is reported in one line with its last words', () => {
  fs.writeFileSync(path.join(bin, 'fail'), '');
  try {
    expect(() => rotate('osmen', 'pw')).toThrow(
      new ConfigError('rotate-grafana-password: osmen-grafana: expected the running container to take the new password, got "Error: No such container: osmen-grafana" (is the stack deployed on this machine?)'),
    );
  } finally {
    fs.rmSync(path.join(bin, 'fail'));
  }
});

test('an empty or multi-line password and a bad environment name are refused before docker runs', () => {
  expect(() => newPassword('\n')).toThrow(new ConfigError('rotate-grafana-password: stdin: expected the new password on one line, got nothing'));
  expect(() => newPassword('a\nb\n')).toThrow(new ConfigError('rotate-grafana-password: stdin: expected the new password on one line, got several lines'));
  expect(() => resetCommand('Home')).toThrow(new ConfigError('rotate-grafana-password: environment: expected a lower-case environment name such as "homelab", got "Home"'));
});
