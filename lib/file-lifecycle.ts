import { shellQuote } from './shell';

/**
 * Files that age on a host: compressed after some days, deleted after more (seed 001's audit-log
 * cleanup: gzip `*.ndjson` older than 30 days, delete `*.ndjson.gz` older than 90, daily at
 * 03:00). The commands are argument lists, rendered into a crontab by renderCrontab; the same
 * lists run in the tests.
 */

export interface FileLifecycle {
  /** The folder, as the container that runs the commands sees it. */
  readonly directory: string;
  /** A find -name pattern of the live files, e.g. "*.ndjson". */
  readonly pattern: string;
  /** gzip files not modified for more than this many days. */
  readonly compressAfterDays: number;
  /** Delete compressed files not modified for more than this many days (gzip keeps the file's time). */
  readonly deleteAfterDays: number;
}

/** When a cron job runs: minute and hour of every day. */
export interface DailyAt {
  readonly hour: number;
  readonly minute: number;
}

export interface CronEntry {
  readonly at: DailyAt;
  /** Commands run one after another, each an argument list (no shell syntax in them). */
  readonly commands: ReadonlyArray<readonly string[]>;
}

/** The find commands of a lifecycle: compress, then delete. `find -mtime +N` is "more than N whole days". */
export function lifecycleCommands(l: FileLifecycle): string[][] {
  return [
    ['find', l.directory, '-type', 'f', '-name', l.pattern, '-mtime', `+${l.compressAfterDays}`, '-exec', 'gzip', '{}', ';'],
    ['find', l.directory, '-type', 'f', '-name', `${l.pattern}.gz`, '-mtime', `+${l.deleteAfterDays}`, '-delete'],
  ];
}


/**
 * A crontab: one line per entry, "M H * * * cmd1; cmd2" (the second command runs even when the
 * first fails). Every argument is quoted for the shell cron runs the line with.
 */
export function renderCrontab(entries: readonly CronEntry[]): string {
  return entries
    .map(({ at, commands }) => {
      if (!Number.isInteger(at.hour) || at.hour < 0 || at.hour > 23 || !Number.isInteger(at.minute) || at.minute < 0 || at.minute > 59) {
        throw new RangeError(`a daily time needs hour 0-23 and minute 0-59, got ${at.hour}:${at.minute}`);
      }
      return `${at.minute} ${at.hour} * * * ${commands.map((argv) => argv.map(shellQuote).join(' ')).join('; ')}\n`;
    })
    .join('');
}
