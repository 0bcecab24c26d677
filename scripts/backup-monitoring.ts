/**
 * Backup and restore of an environment's monitoring state (lib/backup.ts), run as root on the
 * environment's monitoring host, where the stack's volumes and containers are:
 *
 *   npx tsx scripts/backup-monitoring.ts backup  <env> <backup-folder>
 *   npx tsx scripts/backup-monitoring.ts restore <env> <backup-folder>
 *
 * Volumes are found with `docker volume inspect`; `--volumes-root DIR` reads them as DIR/<volume>
 * instead (a copy of the volumes elsewhere), and then no container is paused, stopped or started.
 * backup pauses Grafana and Alertmanager while their volume is copied; restore stops Prometheus,
 * Grafana and Alertmanager, replaces their volumes' contents and starts them again.
 * `--prometheus-url URL` is where Prometheus's API is (default http://127.0.0.1:9090).
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { backup, BACKUP_PARTS, BackupPart, containerName, restore } from '../lib/backup';
import { ConfigError, describeValue } from '../lib/errors';

const USAGE = 'usage: backup-monitoring.ts backup|restore <env> <backup-folder> [--volumes-root DIR] [--prometheus-url URL]';

function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

interface Args {
  command: 'backup' | 'restore';
  env: string;
  folder: string;
  volumesRoot?: string;
  prometheusUrl?: string;
}

export function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--volumes-root' || arg === '--prometheus-url') {
      if (argv[i + 1] === undefined) throw new ConfigError(`backup-monitoring: ${arg}: expected a value after it, got nothing (${USAGE})`);
      flags[arg] = argv[++i];
    } else if (arg.startsWith('--')) {
      throw new ConfigError(`backup-monitoring: ${arg}: expected --volumes-root or --prometheus-url, got ${describeValue(arg)} (${USAGE})`);
    } else positional.push(arg);
  }
  const [command, env, folder] = positional;
  if (command !== 'backup' && command !== 'restore') throw new ConfigError(`backup-monitoring: command: expected "backup" or "restore", got ${describeValue(command)} (${USAGE})`);
  if (env === undefined || folder === undefined || positional.length > 3) {
    throw new ConfigError(`backup-monitoring: arguments: expected <env> <backup-folder>, got ${describeValue(positional.slice(1))} (${USAGE})`);
  }
  return { command, env, folder: path.resolve(folder), volumesRoot: flags['--volumes-root'], prometheusUrl: flags['--prometheus-url'] };
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const viaDocker = args.volumesRoot === undefined;
  const volumePath = viaDocker ? (volume: string) => docker('volume', 'inspect', '--format', '{{ .Mountpoint }}', volume) : (volume: string) => path.join(args.volumesRoot!, volume);
  if (args.command === 'backup') {
    const quiesce = viaDocker
      ? (part: BackupPart, copy: () => void) => {
          docker('pause', containerName(args.env, part));
          try {
            copy();
          } finally {
            docker('unpause', containerName(args.env, part));
          }
        }
      : undefined;
    const manifest = await backup({ env: args.env, volumePath, outDir: args.folder, prometheusUrl: args.prometheusUrl, quiesce });
    process.stdout.write(`backed up ${args.env} (Prometheus snapshot ${manifest.prometheusSnapshot}) into ${args.folder}\n`);
    return;
  }
  const containers = BACKUP_PARTS.map((part) => containerName(args.env, part));
  if (viaDocker) docker('stop', ...containers);
  try {
    restore({ env: args.env, volumePath, fromDir: args.folder });
  } finally {
    if (viaDocker) docker('start', ...containers);
  }
  process.stdout.write(`restored ${args.env} from ${args.folder}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
