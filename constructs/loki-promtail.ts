import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { DockerService, HostMount, httpHealthcheck, tcpHealthcheck } from './docker-service';
import { PrometheusServer } from './prometheus-server';
import { BasicAuthCredential, CertificateAuthority } from './certificates';
import { LokiGateway } from './loki-gateway';
import { PUSH_PATH } from '../lib/loki-gateway';
import { inHours, isDuration, isWholeMultiple } from '../lib/duration';
import { fieldError } from '../lib/errors';
import { compact, toYaml } from '../lib/yaml';

/*
 * Loki 2.9 stores the logs, Promtail 2.9 ships them. Every key either config file uses is listed,
 * with the page it was checked against, in lib/loki-keys.ts.
 *
 * The labels of every stream (the contract a Logs dashboard relies on):
 *   job      what collected it: "docker" (container logs), "systemd-journal", or a file job's label
 *   host     the machine the logs come from (the Docker host Promtail runs on)
 *   service  the container name, the systemd unit without ".service", or the file job's service
 *   level    the level as logged, where it can be parsed: a file pipeline's labels stage, the
 *            journal priority keyword (emerg ... debug), or a `level=` / `"level":` field in a
 *            container's line. Values keep the case they were logged in (INFO, error, ...).
 */

export const LOKI_PORT = 3100;
export const PROMTAIL_PORT = 9080;

/** Labels Promtail sets on every stream itself; no pipeline or file job may set them. */
export const STREAM_LABELS = ['job', 'host', 'service'] as const;

/** The `job` label of container streams and of journal streams. */
const DOCKER_JOB = 'docker';
const JOURNAL_JOB = 'systemd-journal';

/** The scrape job names (`job_name`) Promtail gives containers and the journal; no file job may take them. */
export const SCRAPE_JOB_NAMES = { containers: 'docker', journal: 'journal' } as const;

/** The named time formats Promtail's timestamp stage accepts (stages/timestamp, 2.9). */
export const TIMESTAMP_FORMATS = [
  'ANSIC',
  'UnixDate',
  'RubyDate',
  'RFC822',
  'RFC822Z',
  'RFC850',
  'RFC1123',
  'RFC1123Z',
  'RFC3339',
  'RFC3339Nano',
  'Unix',
  'UnixMs',
  'UnixUs',
  'UnixNs',
] as const;
export type TimestampFormat = (typeof TIMESTAMP_FORMATS)[number];

/** One Promtail pipeline stage; exactly one key is set, as in promtail.yaml. */
export interface PipelineStage {
  /** Extracts the named groups of an RE2 expression (`(?P<level>\S+)`) from the line. */
  readonly regex?: { readonly expression: string };
  /** Parses the line as JSON; each key is extracted from the JMESPath expression it maps to. */
  readonly json?: { readonly expressions: Readonly<Record<string, string>> };
  /** Sets the entry's time from an extracted field. */
  readonly timestamp?: { readonly source: string; readonly format: TimestampFormat };
  /** Turns extracted fields into labels of the same name. */
  readonly labels?: readonly string[];
}

/** Log files on the host, read with one pipeline. */
export interface FileJob {
  /** The scrape job's name, e.g. "lloom_logs". */
  readonly name: string;
  /** The `job` label of its streams. @default the name */
  readonly job?: string;
  /** The `service` label of its streams: the application writing the files. */
  readonly service: string;
  /** Files or globs under /var/log, or under one of the host's `directories`. */
  readonly paths: readonly string[];
  /** More constant labels. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default none: lines are shipped as they are */
  readonly pipeline?: readonly PipelineStage[];
}

/** systemd units whose journal entries are shipped. */
export interface JournalSource {
  /** Unit names without ".service", e.g. "queen-rbee". */
  readonly units: readonly string[];
  /** Entries older than this when Promtail starts are skipped. @default 12h */
  readonly maxAge?: string;
}

/** What one Promtail reads on its host. At least one source is needed. */
export interface LogSources {
  /** Ship the logs of every container of the Docker host (Docker service discovery). @default false */
  readonly containers?: boolean;
  /** @default no journal */
  readonly journal?: JournalSource;
  /** @default no files */
  readonly files?: readonly FileJob[];
  /**
   * Host directories beyond /var/log whose files the file jobs read (pc's research logs), each
   * mounted read-only at the same path. @default none: file jobs read /var/log only
   */
  readonly directories?: readonly string[];
}

/** A longer (or shorter) life for the streams a selector matches. */
export interface StreamRetention {
  /** A LogQL stream selector, e.g. `{job="llama-orch-audit"}`. */
  readonly selector: string;
  /** A whole number of days, e.g. "90d". */
  readonly period: string;
  /** The highest priority wins when selectors overlap. @default 1 */
  readonly priority?: number;
}

// -- validation shared with stacks/spec.ts, so the spec and the construct say the same thing --

export const WHOLE_DAYS_EXPECTED = 'a whole number of days such as "7d" or "90d" (Loki deletes day-long index tables)';

/** "7d", "90d", "168h": at least a day, in whole days. */
export function isWholeDays(value: string): boolean {
  return isWholeMultiple(value, 86400);
}

export const VAR_LOG_PATH = /^\/var\/log\/(?!.*(?:^|\/)\.\.(?:\/|$))\S+$/;
export const VAR_LOG_PATH_EXPECTED = 'a file or glob under /var/log/ such as "/var/log/lloom/*.log" (Promtail reads the host\'s /var/log only)';

/** Directories no log directory may be, contain or lie under: the socket, kernel and system state. */
const SYSTEM_DIRECTORIES = ['/etc', '/proc', '/sys', '/dev', '/run', '/var/run', '/var/log', '/var/lib', '/root', '/boot'];
export const LOG_DIRECTORY_EXPECTED =
  'an absolute directory at least two levels deep, without wildcards and outside /etc, /proc, /sys, /dev, /run, /var/run, /var/log, /var/lib, /root and /boot, such as "/home/p/dev/research/logs"';

/** A host directory of log files that may be mounted whole: "/home/p/dev/research/logs". */
export function isLogDirectory(dir: string): boolean {
  if (!/^(?:\/[^/\s*?[\]{}]+){2,}$/.test(dir) || /\/\.\.?(?:\/|$)/.test(dir)) return false;
  return !SYSTEM_DIRECTORIES.some((sys) => dir === sys || dir.startsWith(`${sys}/`) || sys.startsWith(`${dir}/`));
}

/** A file job's path: under /var/log/, or under one of the host's log directories. */
export function isLogPath(path: string, directories: readonly string[] = []): boolean {
  if (VAR_LOG_PATH.test(path)) return true;
  return /^\/\S+$/.test(path) && !/\/\.\.(?:\/|$)/.test(path) && directories.some((d) => path.startsWith(`${d}/`) && path.length > d.length + 1);
}

/** What a file job's path must be, given the host's log directories. */
export function logPathExpected(directories: readonly string[] = []): string {
  if (directories.length === 0) return VAR_LOG_PATH_EXPECTED;
  const under = ['/var/log', ...directories].map((d) => `${d}/`).join(' or ');
  return `a file or glob under ${under} such as "${directories[0]}/*.log" (the host directories Promtail reads)`;
}

const MATCHER = String.raw`[a-zA-Z_][a-zA-Z0-9_]*\s*(?:=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*"`;
export const STREAM_SELECTOR = new RegExp(String.raw`^\{\s*${MATCHER}(?:\s*,\s*${MATCHER})*\s*\}$`);
export const STREAM_SELECTOR_EXPECTED = 'a LogQL stream selector such as \'{job="llama-orch-audit"}\'';

export const UNIT_NAME = /^(?!.*\.service$)[A-Za-z0-9@_:-]+(?:\.[A-Za-z0-9@_:-]+)*$/;
export const UNIT_NAME_EXPECTED = 'a systemd service name without ".service", such as "queen-rbee"';

/** `job` label values a stream selector may name, given what Promtail collects. */
export function jobLabels(sources: LogSources): string[] {
  return [
    ...(sources.containers ? [DOCKER_JOB] : []),
    ...(sources.journal ? [JOURNAL_JOB] : []),
    ...(sources.files ?? []).map((f) => f.job ?? f.name),
  ];
}

/** The `job="..."` equality matchers of a stream selector. */
export function selectorJobs(selector: string): string[] {
  return [...selector.matchAll(/\bjob\s*=\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
}

/**
 * A problem in logs settings: where (relative to what was checked: a pipeline, a host's log
 * sources, the logs settings), what was given, what is expected. The spec prefixes the path with
 * its own and throws a ConfigError; the constructs name the field under their path.
 */
export interface LogsProblem {
  readonly path: ReadonlyArray<string | number>;
  readonly given: unknown;
  readonly expected: string;
}

/**
 * The named groups of an RE2 expression, or undefined when it would not compile. RE2 is checked
 * with the JavaScript engine after translating the syntax they share; what only JavaScript
 * accepts (look-around, back-references, `(?<name>`, which Go's RE2 learned after Promtail 2.9
 * was built) is refused.
 */
export function re2GroupNames(expression: string): string[] | undefined {
  if (/\(\?<?[=!]|\\[1-9]|\(\?<[A-Za-z]/.test(expression)) return undefined;
  const flags = /^\(\?([ims]+)\)/.exec(expression);
  const body = (flags ? expression.slice(flags[0].length) : expression).replace(/\(\?P</g, '(?<');
  try {
    new RegExp(body, flags ? flags[1] : '');
  } catch {
    return undefined;
  }
  return [...expression.matchAll(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]);
}

function fieldsExpected(extracted: ReadonlySet<string>): string {
  return extracted.size
    ? `a field an earlier stage extracts: one of ${[...extracted].map((f) => JSON.stringify(f)).join(', ')}`
    : 'a field an earlier stage extracts (none does yet: add a regex or json stage first)';
}

/**
 * Checks a pipeline the way Promtail would run it: one kind per stage, expressions that compile
 * with named groups, and timestamps and labels that read fields an earlier stage extracted.
 */
export function checkPipeline(stages: readonly PipelineStage[]): LogsProblem | undefined {
  const extracted = new Set<string>();
  for (const [i, stage] of stages.entries()) {
    const kinds = Object.entries(stage).filter(([, v]) => v !== undefined);
    if (kinds.length !== 1) {
      return { path: [i], given: stage, expected: 'exactly one of regex, json, timestamp or labels' };
    }
    if (stage.regex) {
      const names = re2GroupNames(stage.regex.expression);
      if (names === undefined) {
        return { path: [i, 'regex', 'expression'], given: stage.regex.expression, expected: 'an RE2 regular expression with groups written (?P<name>...)' };
      }
      if (names.length === 0) {
        return { path: [i, 'regex', 'expression'], given: stage.regex.expression, expected: 'at least one named group (?P<name>...): only named groups are extracted' };
      }
      names.forEach((n) => extracted.add(n));
    }
    if (stage.json) {
      Object.keys(stage.json.expressions).forEach((n) => extracted.add(n));
    }
    if (stage.timestamp && !extracted.has(stage.timestamp.source)) {
      return { path: [i, 'timestamp', 'source'], given: stage.timestamp.source, expected: fieldsExpected(extracted) };
    }
    for (const [j, name] of (stage.labels ?? []).entries()) {
      if ((STREAM_LABELS as readonly string[]).includes(name)) {
        return { path: [i, 'labels', j], given: name, expected: 'a label other than "job", "host" and "service", which Promtail sets itself' };
      }
      if (!extracted.has(name)) return { path: [i, 'labels', j], given: name, expected: fieldsExpected(extracted) };
    }
  }
  return undefined;
}

/**
 * Checks one host's log sources: at least one, units and directories Promtail can read, file job
 * names no other scrape job has, paths it reads, the labels it sets itself left alone, pipelines
 * that run, and every directory read by a file job. The spec and the Promtail construct both call it.
 */
export function checkLogSources(sources: LogSources): LogsProblem | undefined {
  const files = sources.files ?? [];
  if (!sources.containers && !sources.journal && files.length === 0) {
    return { path: [], given: sources, expected: 'at least one source of logs: containers, journal or files' };
  }
  if (sources.journal) {
    const { units, maxAge } = sources.journal;
    if (units.length === 0) return { path: ['journal', 'units'], given: units, expected: 'at least one unit' };
    for (const [i, unit] of units.entries()) {
      if (!UNIT_NAME.test(unit)) return { path: ['journal', 'units', i], given: unit, expected: UNIT_NAME_EXPECTED };
    }
    if (maxAge !== undefined && !isDuration(maxAge)) return { path: ['journal', 'maxAge'], given: maxAge, expected: 'a duration such as "12h"' };
  }
  const directories = sources.directories ?? [];
  for (const [d, dir] of directories.entries()) {
    if (!isLogDirectory(dir)) return { path: ['directories', d], given: dir, expected: LOG_DIRECTORY_EXPECTED };
  }
  const scrapeJobs = new Set<string>([...(sources.containers ? [SCRAPE_JOB_NAMES.containers] : []), ...(sources.journal ? [SCRAPE_JOB_NAMES.journal] : [])]);
  for (const [i, file] of files.entries()) {
    if (scrapeJobs.has(file.name)) {
      return { path: ['files', i, 'name'], given: file.name, expected: `a name no other logs job has (${[...scrapeJobs].map((n) => `"${n}"`).join(', ')} taken)` };
    }
    scrapeJobs.add(file.name);
    if (file.paths.length === 0) return { path: ['files', i, 'paths'], given: file.paths, expected: 'at least one path' };
    for (const [j, path] of file.paths.entries()) {
      if (!isLogPath(path, directories)) return { path: ['files', i, 'paths', j], given: path, expected: logPathExpected(directories) };
    }
    for (const [label, value] of Object.entries(file.labels ?? {})) {
      if ((STREAM_LABELS as readonly string[]).includes(label)) {
        return { path: ['files', i, 'labels', label], given: value, expected: 'no "job", "host" or "service" label here: Promtail sets them (use job and service)' };
      }
      if (label.startsWith('__')) {
        return { path: ['files', i, 'labels', label], given: value, expected: 'no "__..." label here: Promtail keeps them for itself (paths set __path__)' };
      }
    }
    const problem = checkPipeline(file.pipeline ?? []);
    if (problem) return { path: ['files', i, 'pipeline', ...problem.path], given: problem.given, expected: problem.expected };
  }
  for (const [d, dir] of directories.entries()) {
    if (!files.some((f) => f.paths.some((path) => path.startsWith(`${dir}/`)))) {
      return { path: ['directories', d], given: dir, expected: 'a directory a file job reads (it is mounted for them only)' };
    }
  }
  return undefined;
}

/**
 * Checks that every `job="..."` a stream retention selector names is a job Promtail ships from one
 * of the hosts' sources. The path is relative to the logs settings (streamRetention[i].selector).
 */
export function checkRetentionJobs(streamRetention: readonly StreamRetention[], sources: readonly LogSources[]): LogsProblem | undefined {
  const jobs = [...new Set(sources.flatMap((s) => jobLabels(s)))];
  for (const [i, s] of streamRetention.entries()) {
    for (const job of selectorJobs(s.selector)) {
      if (!jobs.includes(job)) {
        return { path: ['streamRetention', i, 'selector'], given: s.selector, expected: `a selector of a job Promtail ships: one of ${jobs.map((j) => JSON.stringify(j)).join(', ')}` };
      }
    }
  }
  return undefined;
}

/** A problem's path as a field of a construct's props: files[0].pipeline[1].labels[0]. */
function fieldOf(path: LogsProblem['path']): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

// -- Loki --

const LOKI_CONFIG_PATH = '/etc/loki/loki.yaml';
const LOKI_DATA = '/loki';
/** The first day of the only schema period; a later schema change adds a period from a future date. */
export const LOKI_SCHEMA_FROM = '2023-10-01';

export interface LokiProps {
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** How long Loki keeps every stream; the compactor deletes what is older. */
  readonly retention: string;
  /** Other lifetimes for the streams some selectors match. @default none */
  readonly streamRetention?: readonly StreamRetention[];
  /**
   * Loki on the host's LAN address, for Promtails on other machines: an authenticating TLS
   * gateway publishes the port there (the host must have an IPv4 address). @default 127.0.0.1 only
   */
  readonly lan?: LokiLanAccess;
  /** Scrapes Loki's own /metrics as job "loki". @default not scraped */
  readonly prometheus?: PrometheusServer;
}

/** Who reaches Loki over the LAN, and how they know it is Loki. */
export interface LokiLanAccess {
  /** Why the port is on the LAN. */
  readonly exposedBecause: string;
  /** Signs the gateway's certificate; clients trust it. */
  readonly authority: CertificateAuthority;
  /** The users who push (one per machine whose Promtail pushes). */
  readonly pushers: readonly BasicAuthCredential[];
}

/** How a client reaches Loki: the URL and, over the LAN, its user and the CA it trusts. */
export interface LokiAccess {
  readonly url: string;
  readonly user?: BasicAuthCredential;
  readonly caCertPem?: string;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * A single-binary Loki 2.9: TSDB index and chunks on the filesystem of one named volume, and a
 * compactor that really deletes what is older than the retention (per stream where asked).
 */
export class Loki extends Construct {
  readonly service: DockerService;
  readonly retention: string;
  readonly streamRetention: readonly StreamRetention[];
  /** The LAN address the gateway publishes the port on, when other machines push. */
  readonly lanAddress?: string;
  /** Why it is published there. */
  readonly exposedBecause?: string;
  /** The authenticating TLS gateway on the LAN address, when other machines push. */
  readonly gateway?: LokiGateway;
  /** The user Grafana reads through the gateway as. */
  readonly reader?: BasicAuthCredential;
  private readonly lan?: LokiLanAccess;

  constructor(scope: Construct, id: string, props: LokiProps) {
    super(scope, id);
    this.retention = props.retention;
    this.streamRetention = props.streamRetention ?? [];
    if (!isWholeDays(props.retention)) throw fieldError(this, 'retention', props.retention, WHOLE_DAYS_EXPECTED);
    for (const [i, s] of this.streamRetention.entries()) {
      if (!STREAM_SELECTOR.test(s.selector)) throw fieldError(this, `streamRetention[${i}].selector`, s.selector, STREAM_SELECTOR_EXPECTED);
      if (!isWholeDays(s.period)) throw fieldError(this, `streamRetention[${i}].period`, s.period, WHOLE_DAYS_EXPECTED);
      if (s.priority !== undefined && (!Number.isInteger(s.priority) || s.priority < 1)) {
        throw fieldError(this, `streamRetention[${i}].priority`, s.priority, 'a whole number from 1 up');
      }
    }
    if (props.lan !== undefined) {
      const address = props.host.address;
      if (!IPV4.test(address)) throw fieldError(this, `host "${props.host.name}" address`, address, 'an IPv4 address to publish the push port on (lan is set)');
      this.lanAddress = address;
      this.exposedBecause = props.lan.exposedBecause;
      this.lan = props.lan;
    }
    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: `${props.namePrefix}-loki`,
      image: 'grafana/loki:2.9.0',
      command: [`-config.file=${LOKI_CONFIG_PATH}`],
      // The HTTP API (logcli, debugging) on 127.0.0.1 only; the LAN reaches it through the gateway.
      ports: [{ internal: LOKI_PORT, external: LOKI_PORT }],
      // The image makes /loki and gives it to its user (10001); a new named volume takes both.
      volumes: { [LOKI_DATA]: `${props.namePrefix}-loki-data` },
      // The image is alpine-based: busybox wget is there. /ready answers 200 once the ingester runs.
      healthcheck: httpHealthcheck(LOKI_PORT, '/ready'),
      memoryMb: 1024,
    });
    this.service.addFile(LOKI_CONFIG_PATH, () => toYaml(this.configObject()));
    props.prometheus?.addScrapeJob('loki').addTargets([`${this.service.name}:${LOKI_PORT}`]);
    if (props.lan && this.lanAddress) {
      // The same port on the LAN address: TLS and basic auth at the gateway, Loki behind it.
      const name = `${props.namePrefix}-loki-gateway`;
      this.reader = new BasicAuthCredential(this, 'grafana-user', { username: 'grafana' });
      this.gateway = new LokiGateway(this, 'gateway', {
        host: props.host,
        name,
        loki: this.service,
        port: LOKI_PORT,
        publish: { ip: this.lanAddress, exposedBecause: props.lan.exposedBecause },
        certificate: props.lan.authority.issue(`${props.host.name}-loki-gateway`, { dnsNames: [name, props.host.name], ipAddresses: [this.lanAddress] }),
        pushers: props.lan.pushers,
        readers: [this.reader],
      });
    }
  }

  /** http://<alias>:3100, for Grafana and Promtail on the stack network. */
  get url(): string {
    return this.service.url(LOKI_PORT);
  }

  /** Where Promtail pushes. */
  get pushUrl(): string {
    return this.service.url(LOKI_PORT, '/loki/api/v1/push');
  }

  /**
   * How a Promtail on this Docker host pushes: to Loki's alias on the stack network when it runs
   * beside Loki; otherwise to the gateway on the LAN address of Loki's host, over TLS (trusting
   * the environment's CA) as the user named after its host.
   */
  pushAccessFrom(host: DockerHost): LokiAccess {
    if (host === this.service.host) return { url: this.pushUrl };
    const user = this.lan?.pushers.find((u) => u.username === host.name);
    if (this.lanAddress === undefined || !this.lan || !user) {
      throw new Error(`${this.node.path}: a Promtail on "${host.name}" pushes over the LAN, but Loki has no LAN access for it; give Loki lan with a pusher named "${host.name}"`);
    }
    return { url: `https://${this.lanAddress}:${LOKI_PORT}${PUSH_PATH}`, user, caCertPem: this.lan.authority.caCertPem };
  }

  /** loki.yaml as data, before YAML rendering. */
  configObject(): Record<string, unknown> {
    return {
      // One tenant: Loki is reached from the stack network and 127.0.0.1, and from the LAN only
      // through the gateway, which authenticates every request (Loki has no users of its own).
      auth_enabled: false,
      server: { http_listen_port: LOKI_PORT },
      common: {
        path_prefix: LOKI_DATA,
        storage: { filesystem: { chunks_directory: `${LOKI_DATA}/chunks`, rules_directory: `${LOKI_DATA}/rules` } },
        replication_factor: 1,
        ring: { kvstore: { store: 'inmemory' } },
      },
      schema_config: {
        // TSDB (recommended since 2.8) with schema v12; retention needs the 24h index period.
        configs: [{ from: LOKI_SCHEMA_FROM, store: 'tsdb', object_store: 'filesystem', schema: 'v12', index: { prefix: 'index_', period: '24h' } }],
      },
      storage_config: {
        tsdb_shipper: { active_index_directory: `${LOKI_DATA}/tsdb-index`, cache_location: `${LOKI_DATA}/tsdb-cache`, shared_store: 'filesystem' },
      },
      compactor: {
        working_directory: `${LOKI_DATA}/compactor`,
        shared_store: 'filesystem',
        // Without this Loki keeps everything forever, whatever retention_period says.
        retention_enabled: true,
        delete_request_store: 'filesystem',
      },
      limits_config: compact({
        retention_period: inHours(this.retention),
        retention_stream: this.streamRetention.length
          ? this.streamRetention.map((s) => ({ selector: s.selector, priority: s.priority ?? 1, period: inHours(s.period) }))
          : undefined,
      }),
      // No usage reports to stats.grafana.org from a private stack.
      analytics: { reporting_enabled: false },
    };
  }
}

// -- Promtail --

const PROMTAIL_CONFIG_PATH = '/etc/promtail/promtail.yaml';
const POSITIONS_DIR = '/var/lib/promtail';
const PROMTAIL_PASSWORD_FILE = '/etc/promtail/secrets/loki-password';
const PROMTAIL_CA_FILE = '/etc/promtail/tls/ca.crt';
const DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * The level of a container's line, wherever it says `level=info` (logfmt) or `"level": "INFO"`
 * (JSON). The alternatives are closed so that the label stays a handful of values.
 */
export const CONTAINER_LEVEL_EXPRESSION =
  '(?i)\\blevel"?\\s*[=:]\\s*"?(?P<level>trace|debug|info|notice|warning|warn|error|err|critical|crit|fatal|panic)\\b';

export interface PromtailProps extends LogSources {
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** The Loki it pushes to: beside it on the stack network, or over the LAN from another host. */
  readonly loki: Loki;
  /** Scrapes Promtail's own /metrics as job "promtail". @default not scraped */
  readonly prometheus?: PrometheusServer;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function renderStages(stages: readonly PipelineStage[]): Record<string, unknown>[] {
  return stages.map((s) => {
    if (s.regex) return { regex: { expression: s.regex.expression } };
    if (s.json) return { json: { expressions: { ...s.json.expressions } } };
    if (s.timestamp) return { timestamp: { source: s.timestamp.source, format: s.timestamp.format } };
    return { labels: Object.fromEntries((s.labels ?? []).map((name) => [name, name])) };
  });
}

/**
 * Promtail 2.9 on one Docker host: container logs through the Docker API, systemd units from the
 * journal, and files under /var/log (or the host's log directories), each stream labelled job,
 * host, service (and level where it parses), pushed to a Loki given by object: on the stack
 * network beside it, or over the LAN from another host. Its read positions live on a named volume.
 */
export class Promtail extends Construct {
  readonly service: DockerService;
  /** The `host` label of every stream: the Docker host's name. */
  readonly hostLabel: string;
  /** Where it pushes: Loki's push API, on the stack network or over the LAN. */
  readonly clientUrl: string;
  /** How it pushes: the URL, and over the LAN its user and the CA. */
  private readonly access: LokiAccess;
  private readonly props: PromtailProps;

  constructor(scope: Construct, id: string, props: PromtailProps) {
    super(scope, id);
    this.props = props;
    this.hostLabel = props.host.name;
    this.validate();
    this.access = props.loki.pushAccessFrom(props.host);
    this.clientUrl = this.access.url;
    const files = props.files ?? [];
    const directories = props.directories ?? [];
    const hostMounts: HostMount[] = [];
    if (props.containers) {
      hostMounts.push({
        hostPath: DOCKER_SOCKET,
        containerPath: DOCKER_SOCKET,
        why: 'Docker service discovery lists the containers and reads their logs through the Docker API (read-only limits the mount, not the API: Promtail only lists and reads)',
      });
    }
    if (files.some((f) => f.paths.some((path) => VAR_LOG_PATH.test(path))) || props.journal) {
      hostMounts.push({ hostPath: '/var/log', containerPath: '/var/log', why: 'the log files the file jobs read, and the persistent journal in /var/log/journal' });
    }
    for (const dir of directories) {
      hostMounts.push({ hostPath: dir, containerPath: dir, why: 'log files a file job reads outside /var/log' });
    }
    if (props.journal) {
      hostMounts.push(
        { hostPath: '/run/log/journal', containerPath: '/run/log/journal', why: 'the volatile journal, on hosts that keep it in memory' },
        { hostPath: '/etc/machine-id', containerPath: '/etc/machine-id', why: 'the journal of this machine is found by its machine id' },
      );
    }
    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: `${props.namePrefix}-promtail`,
      image: 'grafana/promtail:2.9.0',
      command: [`-config.file=${PROMTAIL_CONFIG_PATH}`],
      volumes: { [POSITIONS_DIR]: `${props.namePrefix}-promtail-positions` },
      hostMounts,
      // The image is Debian-based (journal support needs libsystemd) and has no wget or curl:
      // bash opens the port. /ready is not used: it fails while no file target exists yet.
      healthcheck: tcpHealthcheck(PROMTAIL_PORT),
      memoryMb: 256,
      // Pushes start once Loki is ready.
      dependsOn: [props.loki.service],
    });
    this.service.addFile(PROMTAIL_CONFIG_PATH, () => toYaml(this.configObject()));
    const { user, caCertPem } = this.access;
    if (user) this.service.addFile(PROMTAIL_PASSWORD_FILE, () => user.password);
    if (caCertPem) this.service.addFile(PROMTAIL_CA_FILE, () => caCertPem);
    props.prometheus?.addScrapeJob('promtail').addTargets([`${this.service.name}:${PROMTAIL_PORT}`]);
  }

  private validate(): void {
    const p = this.props;
    const problem = checkLogSources({ containers: p.containers, journal: p.journal, files: p.files, directories: p.directories });
    // An empty path is the sources as a whole: none was given.
    if (problem) throw fieldError(this, problem.path.length ? fieldOf(problem.path) : 'containers, journal, files', problem.given, problem.expected);
  }

  /** promtail.yaml as data, before YAML rendering. */
  configObject(): Record<string, unknown> {
    const p = this.props;
    return {
      // gRPC is unused: port 0 picks a free one.
      server: { http_listen_port: PROMTAIL_PORT, grpc_listen_port: 0 },
      positions: { filename: `${POSITIONS_DIR}/positions.yaml` },
      // The Loki construct gives the address: its alias on the stack network and its port, or
      // its host's LAN address and published port for a Promtail on another machine.
      // Over the LAN: TLS verified against the environment's CA, and basic auth as its host.
      clients: [
        compact({
          url: this.clientUrl,
          basic_auth: this.access.user ? { username: this.access.user.username, password_file: PROMTAIL_PASSWORD_FILE } : undefined,
          tls_config: this.access.caCertPem ? { ca_file: PROMTAIL_CA_FILE } : undefined,
          external_labels: { host: this.hostLabel },
        }),
      ],
      scrape_configs: [
        ...(p.containers ? [this.containerJob()] : []),
        ...(p.journal ? [this.journalJob(p.journal)] : []),
        ...(p.files ?? []).map((f) => this.fileJob(f)),
      ],
    };
  }

  private containerJob(): Record<string, unknown> {
    return {
      job_name: SCRAPE_JOB_NAMES.containers,
      docker_sd_configs: [{ host: `unix://${DOCKER_SOCKET}`, refresh_interval: '15s' }],
      relabel_configs: [
        { target_label: 'job', replacement: DOCKER_JOB },
        // Docker names start with "/".
        { source_labels: ['__meta_docker_container_name'], regex: '/(.*)', target_label: 'service' },
      ],
      pipeline_stages: renderStages([{ regex: { expression: CONTAINER_LEVEL_EXPRESSION } }, { labels: ['level'] }]),
    };
  }

  private journalJob(journal: JournalSource): Record<string, unknown> {
    const units = journal.units.map(escapeRegex).join('|');
    return {
      job_name: SCRAPE_JOB_NAMES.journal,
      // No path: Promtail reads /var/log/journal and /run/log/journal, both mounted.
      journal: { max_age: journal.maxAge ?? '12h', labels: { job: JOURNAL_JOB } },
      relabel_configs: [
        { source_labels: ['__journal__systemd_unit'], regex: `(${units})\\.service`, action: 'keep' },
        { source_labels: ['__journal__systemd_unit'], regex: '(.+)\\.service', target_label: 'service' },
        { source_labels: ['__journal_priority_keyword'], regex: '(.+)', target_label: 'level' },
      ],
    };
  }

  private fileJob(f: FileJob): Record<string, unknown> {
    return compact({
      job_name: f.name,
      static_configs: f.paths.map((path) => ({
        targets: ['localhost'],
        labels: { job: f.job ?? f.name, service: f.service, ...f.labels, __path__: path },
      })),
      pipeline_stages: f.pipeline?.length ? renderStages(f.pipeline) : undefined,
    });
  }
}

// -- both --

/** Another machine's logs: a Promtail of its own on that Docker host. */
export interface HostLogSources extends LogSources {
  /** The machine; its name is the `host` label of its streams. It needs a stack network. */
  readonly host: DockerHost;
}

/** The exposure reason of Loki's LAN port, naming the machines that push to it. */
function lanPushReason(hosts: readonly DockerHost[]): string {
  return `promtail on ${hosts.map((h) => h.name).join(' and ')} pushes logs over the LAN`;
}

export interface LokiPromtailProps extends LogSources {
  /** The Docker host both run on; its Promtail ships this machine's logs (the sources here). */
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** How long Loki keeps every stream, in whole days. */
  readonly retention: string;
  /** @default none */
  readonly streamRetention?: readonly StreamRetention[];
  /**
   * Other machines whose logs are shipped, each by a Promtail on it (`<prefix>-<host>-promtail`)
   * pushing to Loki over the LAN: Loki's port is then also published on its host's address.
   * Those Promtails publish no port, so Prometheus does not scrape them.
   * @default none
   */
  readonly otherHosts?: readonly HostLogSources[];
  /** Scrapes Loki's and Promtail's /metrics as jobs "loki" and "promtail". @default not scraped */
  readonly prometheus?: PrometheusServer;
  /** Signs the certificate of Loki's LAN gateway; required with otherHosts. */
  readonly authority?: CertificateAuthority;
}

/**
 * Logs for one environment: Loki, Promtail on the same Docker host pushing to it, and a Promtail
 * on each other host that ships its logs over the LAN. Grafana is given this object (it has
 * `lokiUrl`) to make its Loki data source.
 */
export class LokiPromtail extends Construct {
  readonly loki: Loki;
  readonly promtail: Promtail;
  /** The Promtails of otherHosts, in their order. */
  readonly otherPromtails: readonly Promtail[];
  /** What Grafana's Loki data source points at: Loki on the stack network, or its gateway. */
  readonly lokiUrl: string;
  /** How Grafana reads through the gateway, when there is one. @default none: Loki itself, on the stack network */
  readonly lokiAuth?: { readonly username: string; readonly password: string; readonly caCertPem: string };

  constructor(scope: Construct, id: string, props: LokiPromtailProps) {
    super(scope, id);
    const others = props.otherHosts ?? [];
    const seen = new Set<DockerHost>([props.host]);
    for (const [i, other] of others.entries()) {
      if (seen.has(other.host)) {
        throw fieldError(this, `otherHosts[${i}].host`, other.host.name, `a host other than "${props.host.name}" and the other otherHosts`);
      }
      seen.add(other.host);
    }
    const problem = checkRetentionJobs(props.streamRetention ?? [], [props, ...others]);
    if (problem) throw fieldError(this, fieldOf(problem.path), problem.given, problem.expected);
    this.loki = new Loki(this, 'loki', {
      host: props.host,
      namePrefix: props.namePrefix,
      retention: props.retention,
      streamRetention: props.streamRetention,
      lan: others.length ? this.lanAccess(props, others) : undefined,
      prometheus: props.prometheus,
    });
    this.promtail = new Promtail(this, 'promtail', {
      host: props.host,
      namePrefix: props.namePrefix,
      loki: this.loki,
      containers: props.containers,
      journal: props.journal,
      files: props.files,
      directories: props.directories,
      prometheus: props.prometheus,
    });
    // Construct ids name the host: adding a machine never renames another's resources.
    this.otherPromtails = others.map(
      (o) =>
        new Promtail(this, `promtail-${o.host.name}`, {
          host: o.host,
          namePrefix: `${props.namePrefix}-${o.host.name}`,
          loki: this.loki,
          containers: o.containers,
          journal: o.journal,
          files: o.files,
          directories: o.directories,
        }),
    );
    const { gateway, reader } = this.loki;
    this.lokiUrl = gateway ? gateway.url : this.loki.url;
    if (gateway && reader && props.authority) this.lokiAuth = { username: reader.username, password: reader.password, caCertPem: props.authority.caCertPem };
  }

  /** Loki's LAN access for the Promtails of otherHosts: each pushes as a user named after its host. */
  private lanAccess(props: LokiPromtailProps, others: readonly HostLogSources[]): LokiLanAccess {
    if (!props.authority) throw new Error(`${this.node.path}: otherHosts push over the LAN, which needs TLS; give an authority`);
    return {
      exposedBecause: lanPushReason(others.map((o) => o.host)),
      authority: props.authority,
      pushers: others.map((o) => new BasicAuthCredential(this, `${o.host.name}-push-user`, { username: o.host.name })),
    };
  }
}
