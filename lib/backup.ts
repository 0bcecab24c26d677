import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, describeValue } from './errors';

/**
 * Backup and restore of an environment's monitoring state (seed 000: "Verify backup of
 * monitoring data"): Prometheus's TSDB through its snapshot API, Grafana's database and
 * Alertmanager's silences and notification log from their named volumes. Each becomes one
 * tar.gz archive in a backup folder, with a manifest.json saying what was taken when.
 *
 * The volumes are read and written where they are on the machine that runs this
 * (`volumePath`): on the Docker host, the volume's mountpoint (`docker volume inspect`).
 */

/** The parts of an environment's state that are backed up, in this order. */
export const BACKUP_PARTS = ['prometheus', 'grafana', 'alertmanager'] as const;
export type BackupPart = (typeof BACKUP_PARTS)[number];

/** The named volume that holds a part's state (`<env>-<part>-data`, as the constructs name it). */
export function volumeName(env: string, part: BackupPart): string {
  return `${env}-${part}-data`;
}

/** The container that uses a part's volume (`<env>-<part>`). */
export function containerName(env: string, part: BackupPart): string {
  return `${env}-${part}`;
}

export interface Manifest {
  readonly environment: string;
  /** ISO 8601, when the backup was taken. */
  readonly takenAt: string;
  /** The Prometheus snapshot the prometheus archive holds (its folder under snapshots/). */
  readonly prometheusSnapshot: string;
  /** Archive file names by part. */
  readonly archives: Readonly<Record<BackupPart, string>>;
}

export interface BackupOptions {
  readonly env: string;
  /** Prometheus's API as this machine reaches it. @default http://127.0.0.1:9090 (the published port) */
  readonly prometheusUrl?: string;
  /** Where a named volume's files are on this machine. */
  readonly volumePath: (volume: string) => string;
  /** The backup folder; created, and must be empty. */
  readonly outDir: string;
  /**
   * Runs `copy` while the part's container cannot write (Grafana's SQLite database, Alertmanager's
   * files): the Docker CLI pauses the container. @default runs `copy` as it is
   */
  readonly quiesce?: (part: BackupPart, copy: () => void) => void;
}

export interface RestoreOptions {
  readonly env: string;
  readonly volumePath: (volume: string) => string;
  /** A folder backup() wrote. */
  readonly fromDir: string;
}

const NAME = /^[a-z][a-z0-9-]*$/;

function checkEnv(env: string): void {
  if (!NAME.test(env)) throw new ConfigError(`backup: environment: expected a lower-case environment name such as "homelab", got ${describeValue(env)}`);
}

function checkDirectory(what: string, dir: string): void {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ConfigError(`backup: ${what}: expected an existing folder (is the stack deployed on this machine?), got ${describeValue(dir)}`);
  }
}

/**
 * Asks Prometheus for a TSDB snapshot (POST /api/v1/admin/tsdb/snapshot; Prometheus runs with
 * --web.enable-admin-api). Returns the snapshot's name: its folder under `<data>/snapshots/`.
 */
export async function takeSnapshot(prometheusUrl: string): Promise<string> {
  const url = `${prometheusUrl.replace(/\/+$/, '')}/api/v1/admin/tsdb/snapshot`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new ConfigError(`backup: prometheusUrl: expected a running Prometheus at ${describeValue(prometheusUrl)}, got no answer (${(error as Error).message})`);
  }
  const text = await response.text();
  let body: { status?: string; data?: { name?: unknown }; error?: string };
  try {
    body = JSON.parse(text);
  } catch {
    throw new ConfigError(`backup: prometheusUrl: expected Prometheus's JSON answer from ${url}, got HTTP ${response.status} ${describeValue(text)}`);
  }
  if (body.error === 'admin APIs disabled') {
    throw new ConfigError(`backup: prometheusUrl: expected a Prometheus started with --web.enable-admin-api, got "admin APIs disabled" from ${url}`);
  }
  if (body.status !== 'success' || typeof body.data?.name !== 'string') {
    throw new ConfigError(`backup: prometheusUrl: expected a snapshot from ${url}, got HTTP ${response.status} ${describeValue(body.error ?? text)}`);
  }
  return body.data.name;
}

function tarCreate(archive: string, dir: string): void {
  execFileSync('tar', ['-czf', archive, '-C', dir, '.'], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function tarExtract(archive: string, dir: string): void {
  execFileSync('tar', ['-xzf', archive, '-C', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Everything in `dir`, removed; `dir` itself stays (a volume's mountpoint). */
function empty(dir: string): void {
  for (const entry of fs.readdirSync(dir)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
}

/**
 * Takes a backup: a Prometheus snapshot archived and then deleted from the volume (it would
 * otherwise hold its blocks' disk space), Grafana's and Alertmanager's volumes archived whole.
 */
export async function backup(options: BackupOptions): Promise<Manifest> {
  const { env, outDir } = options;
  checkEnv(env);
  const volumes = Object.fromEntries(BACKUP_PARTS.map((part) => [part, options.volumePath(volumeName(env, part))])) as Record<BackupPart, string>;
  for (const part of BACKUP_PARTS) checkDirectory(`volume ${volumeName(env, part)}`, volumes[part]);
  fs.mkdirSync(outDir, { recursive: true });
  if (fs.readdirSync(outDir).length > 0) {
    throw new ConfigError(`backup: outDir: expected an empty or new folder (a backup is never written over another), got ${describeValue(outDir)}`);
  }
  const snapshot = await takeSnapshot(options.prometheusUrl ?? 'http://127.0.0.1:9090');
  const snapshotDir = path.join(volumes.prometheus, 'snapshots', snapshot);
  checkDirectory(`volume ${volumeName(env, 'prometheus')}: snapshots/${snapshot}`, snapshotDir);
  const archives = Object.fromEntries(BACKUP_PARTS.map((part) => [part, `${part}.tar.gz`])) as Record<BackupPart, string>;
  try {
    tarCreate(path.join(outDir, archives.prometheus), snapshotDir);
  } finally {
    fs.rmSync(snapshotDir, { recursive: true, force: true });
  }
  const quiesce = options.quiesce ?? ((_part: BackupPart, copy: () => void) => copy());
  for (const part of ['grafana', 'alertmanager'] as const) {
    quiesce(part, () => tarCreate(path.join(outDir, archives[part]), volumes[part]));
  }
  const manifest: Manifest = { environment: env, takenAt: new Date().toISOString(), prometheusSnapshot: snapshot, archives };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads and checks a backup folder's manifest. */
export function readManifest(fromDir: string, env: string): Manifest {
  const file = path.join(fromDir, 'manifest.json');
  if (!fs.existsSync(file)) throw new ConfigError(`restore: fromDir: expected a folder backup wrote (with manifest.json), got ${describeValue(fromDir)}`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (manifest.environment !== env) {
    throw new ConfigError(`restore: environment: expected "${manifest.environment}", the environment the backup in ${describeValue(fromDir)} was taken of, got ${describeValue(env)}`);
  }
  for (const part of BACKUP_PARTS) {
    const archive = path.join(fromDir, manifest.archives?.[part] ?? '');
    if (!manifest.archives?.[part] || !fs.existsSync(archive)) {
      throw new ConfigError(`restore: fromDir: expected the ${part} archive named in manifest.json, got ${describeValue(manifest.archives?.[part])} (missing)`);
    }
  }
  return manifest;
}

/**
 * Restores a backup into the volumes, replacing what they hold: Prometheus's data folder becomes
 * the snapshot (its blocks; the write-ahead log starts empty), Grafana's and Alertmanager's
 * volumes their archives. The containers must be stopped (the CLI stops and starts them).
 */
export function restore(options: RestoreOptions): Manifest {
  checkEnv(options.env);
  const manifest = readManifest(options.fromDir, options.env);
  for (const part of BACKUP_PARTS) checkDirectory(`volume ${volumeName(options.env, part)}`, options.volumePath(volumeName(options.env, part)));
  for (const part of BACKUP_PARTS) {
    const dir = options.volumePath(volumeName(options.env, part));
    empty(dir);
    tarExtract(path.join(options.fromDir, manifest.archives[part]), dir);
  }
  return manifest;
}
