/**
 * Rotates an environment's Grafana admin password, on its monitoring host:
 *
 *   npx tsx scripts/rotate-grafana-password.ts <env> < new-password-file
 *   export TF_VAR_grafana_admin_password='<the new password>'
 *   cdktf deploy <env>
 *
 * Grafana keeps the admin password in its database and reads GF_SECURITY_ADMIN_PASSWORD__FILE
 * only when it creates that database, while Terraform's grafana provider logs in with the
 * variable: changing the variable alone makes every later plan fail with 401. This sets the new
 * password in the running Grafana first (`grafana cli admin reset-admin-password`, the password on
 * stdin, never in a command line), so the next deploy logs in with it; that deploy replaces the
 * container with the new password file, and the container sets the file's password again at
 * every start (constructs/grafana-with-dashboards.ts), so database and variable stay equal.
 */
import { spawnSync } from 'child_process';
import { ConfigError, describeValue } from '../lib/errors';

const NAME = /^[a-z][a-z0-9-]*$/;

/** The docker command that sets the admin password of `<env>-grafana` from stdin. */
export function resetCommand(env: string): string[] {
  if (!NAME.test(env)) throw new ConfigError(`rotate-grafana-password: environment: expected a lower-case environment name such as "homelab", got ${describeValue(env)}`);
  return ['docker', 'exec', '-i', `${env}-grafana`, 'grafana', 'cli', 'admin', 'reset-admin-password', '--password-from-stdin'];
}

/** The new password as read from stdin: one line, its line break dropped; never empty. */
export function newPassword(stdin: string): string {
  const password = stdin.replace(/\r?\n$/, '');
  if (password === '' || /[\r\n]/.test(password)) {
    throw new ConfigError('rotate-grafana-password: stdin: expected the new password on one line, got ' + (password === '' ? 'nothing' : 'several lines'));
  }
  return password;
}

/** Sets the password in the running Grafana; returns what to do next, or throws with docker's words. */
export function rotate(env: string, stdin: string): string {
  const password = newPassword(stdin);
  const [command, ...args] = resetCommand(env);
  const result = spawnSync(command, args, { input: `${password}\n`, encoding: 'utf8', timeout: 60_000, env: process.env });
  if (result.error || result.status !== 0) {
    const why = (result.error?.message ?? `${result.stderr}${result.stdout}`).trim().split('\n').pop();
    throw new ConfigError(`rotate-grafana-password: ${env}-grafana: expected the running container to take the new password, got ${describeValue(why)} (is the stack deployed on this machine?)`);
  }
  return `Grafana admin password of ${env} changed. Now: export TF_VAR_grafana_admin_password=<the new password>; cdktf deploy ${env}\n`;
}

if (require.main === module) {
  const env = process.argv[2];
  const chunks: Buffer[] = [];
  process.stdin.on('data', (c: Buffer) => chunks.push(c));
  process.stdin.on('end', () => {
    try {
      process.stdout.write(rotate(env, Buffer.concat(chunks).toString('utf8')));
    } catch (error) {
      process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  });
}
