import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { DockerService } from './docker-service';
import { DailyAt, FileLifecycle, lifecycleCommands, renderCrontab } from '../../lib/file-lifecycle';

export interface FileCleanupProps {
  readonly host: DockerHost;
  /** Container name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** What the job is for, in the container name: `<prefix>-<name>-cleanup`. */
  readonly name: string;
  /** The host folder and its files' lifecycle; the folder is mounted at the same path. */
  readonly lifecycle: FileLifecycle;
  /** When it runs each day, in the host's time zone (the host's /etc/localtime is mounted). */
  readonly at: DailyAt;
  /** @default busybox:1.37.0 (crond, find and gzip) */
  readonly image?: string;
}

const CRONTABS = '/etc/crontabs';

/**
 * A daily cleanup of a host folder (seed 001's audit logs): busybox crond in a container on the
 * host that writes the files, its crontab rendered from the typed lifecycle. The folder is the
 * only thing it can write; the host's /etc/localtime makes "03:00" the host's 03:00.
 */
export class FileCleanup extends Construct {
  readonly service: DockerService;
  readonly crontab: string;

  constructor(scope: Construct, id: string, props: FileCleanupProps) {
    super(scope, id);
    const dir = props.lifecycle.directory;
    this.crontab = renderCrontab([{ at: props.at, commands: lifecycleCommands(props.lifecycle) }]);
    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: `${props.namePrefix}-${props.name}-cleanup`,
      image: props.image ?? 'busybox:1.37.0',
      // In the foreground, logging each run to stderr (docker logs) at level 8 (runs, not debug).
      command: ['crond', '-f', '-d', '8', '-c', CRONTABS],
      hostMounts: [
        { hostPath: dir, containerPath: dir, writable: true, why: `gzips files of ${dir} after ${props.lifecycle.compressAfterDays} days and deletes them after ${props.lifecycle.deleteAfterDays}` },
        { hostPath: '/etc/localtime', containerPath: '/etc/localtime', why: 'runs at the host\'s local time, as the seed\'s crontab did' },
      ],
      healthcheck: { test: ['CMD', 'pgrep', 'crond'] },
      memoryMb: 64,
      // No network: it reads and writes one folder.
      networkMode: 'none',
    });
    this.service.addFile(`${CRONTABS}/root`, () => this.crontab);
  }
}
