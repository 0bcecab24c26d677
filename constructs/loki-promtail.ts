import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { DockerService, HostMount, httpHealthcheck, tcpHealthcheck } from './docker-service';
import { PrometheusServer } from './prometheus-server';
import { inHours, isDuration, isWholeMultiple } from '../lib/duration';
import { fieldError } from '../lib/errors';
import { AlloyBlock, ref, renderAlloy } from '../lib/alloy';
import { compact, toYaml } from '../lib/yaml';

/*
 * Loki 3.7 stores the logs, Grafana Alloy 1.18 ships them. Every key loki.yaml uses is listed,
 * with the page it was checked against, in lib/loki-keys.ts; Alloy's configuration is rendered
 * from typed blocks (lib/alloy.ts), each component checked against Alloy's reference.
 *
 * The labels of every stream (the contract a Logs dashboard relies on):
 *   job      what collected it: "docker" (container logs), "systemd-journal", or a file job's label
 *   host     the machine the logs come from (the Docker host Alloy runs on)
 *   service  the container name, the systemd unit without ".service", or the file job's service
 *   level    the level as logged, where it can be parsed: a file pipeline's labels stage, the
 *            journal priority keyword (emerg ... debug), or a `level=` / `"level":` field in a
 *            container's line. Values keep the case they were logged in (INFO, error, ...).
 */

export const LOKI_PORT = 3100;
/** Alloy's HTTP server: /metrics for Prometheus, the UI, and the healthcheck's port. */
export const ALLOY_PORT = 12345;

/** Labels Alloy sets on every stream itself; no pipeline or file job may set them. */
export const STREAM_LABELS = ['job', 'host', 'service'] as const;

/** The `job` label of container streams and of journal streams. */
const DOCKER_JOB = 'docker';
const JOURNAL_JOB = 'systemd-journal';

/** The scrape job names (`job_name`) Alloy gives containers and the journal; no file job may take them. */
export const SCRAPE_JOB_NAMES = { containers: 'docker', journal: 'journal' } as const;

/** The named time formats the timestamp stage accepts (Alloy's loki.process stage.timestamp). */
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

/** One pipeline stage (a loki.process stage block); exactly one key is set. */
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
  /** Entries older than this when Alloy starts are skipped. @default 12h */
  readonly maxAge?: string;
}

/** What one Alloy reads on its host. At least one source is needed. */
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
export const VAR_LOG_PATH_EXPECTED = 'a file or glob under /var/log/ such as "/var/log/lloom/*.log" (Alloy reads the host\'s /var/log only)';

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
  return `a file or glob under ${under} such as "${directories[0]}/*.log" (the host directories Alloy reads)`;
}

const MATCHER = String.raw`[a-zA-Z_][a-zA-Z0-9_]*\s*(?:=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*"`;
export const STREAM_SELECTOR = new RegExp(String.raw`^\{\s*${MATCHER}(?:\s*,\s*${MATCHER})*\s*\}$`);
export const STREAM_SELECTOR_EXPECTED = 'a LogQL stream selector such as \'{job="llama-orch-audit"}\'';

export const UNIT_NAME = /^(?!.*\.service$)[A-Za-z0-9@_:-]+(?:\.[A-Za-z0-9@_:-]+)*$/;
export const UNIT_NAME_EXPECTED = 'a systemd service name without ".service", such as "queen-rbee"';

/** `job` label values a stream selector may name, given what Alloy collects. */
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
 * accepts (look-around, back-references, `(?<name>`, which not every RE2 reads) is refused.
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
 * Checks a pipeline the way Alloy would run it: one kind per stage, expressions that compile
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
        return { path: [i, 'labels', j], given: name, expected: 'a label other than "job", "host" and "service", which Alloy sets itself' };
      }
      if (!extracted.has(name)) return { path: [i, 'labels', j], given: name, expected: fieldsExpected(extracted) };
    }
  }
  return undefined;
}

/**
 * Checks one host's log sources: at least one, units and directories Alloy can read, file job
 * names no other scrape job has, paths it reads, the labels it sets itself left alone, pipelines
 * that run, and every directory read by a file job. The spec and the Alloy construct both call it.
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
        return { path: ['files', i, 'labels', label], given: value, expected: 'no "job", "host" or "service" label here: Alloy sets them (use job and service)' };
      }
      if (label.startsWith('__')) {
        return { path: ['files', i, 'labels', label], given: value, expected: 'no "__..." label here: Alloy keeps them for itself (paths set __path__)' };
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
 * Checks that every `job="..."` a stream retention selector names is a job Alloy ships from one
 * of the hosts' sources. The path is relative to the logs settings (streamRetention[i].selector).
 */
export function checkRetentionJobs(streamRetention: readonly StreamRetention[], sources: readonly LogSources[]): LogsProblem | undefined {
  const jobs = [...new Set(sources.flatMap((s) => jobLabels(s)))];
  for (const [i, s] of streamRetention.entries()) {
    for (const job of selectorJobs(s.selector)) {
      if (!jobs.includes(job)) {
        return { path: ['streamRetention', i, 'selector'], given: s.selector, expected: `a selector of a job Alloy ships: one of ${jobs.map((j) => JSON.stringify(j)).join(', ')}` };
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
/** The first day of the v12 period, which Loki 2.9 deployments wrote; Loki 3 keeps reading it. */
export const LOKI_SCHEMA_FROM = '2023-10-01';
/**
 * The first day of the v13 period (Loki 3's schema, needed for structured metadata). It lies after
 * any day a Loki 2.9 of this project can have written: the Loki 3 pin ships in December 2026, and
 * a period may only start on a day no chunk was written yet.
 */
export const LOKI_V13_FROM = '2027-01-01';

/**
 * Whether Loki accepts structured metadata. Loki 3 refuses to start with it while the active
 * period is v12 (pkg/loki/validation.go), so it is off until LOKI_V13_FROM; a test fails from
 * that day until it is turned on.
 */
export const LOKI_STRUCTURED_METADATA = false;

export interface LokiProps {
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** How long Loki keeps every stream; the compactor deletes what is older. */
  readonly retention: string;
  /** Other lifetimes for the streams some selectors match. @default none */
  readonly streamRetention?: readonly StreamRetention[];
  /**
   * Why the port is also published on the host's LAN address (Alloys on other machines push
   * there); the host must have an IPv4 address. @default published on 127.0.0.1 only
   */
  readonly exposedBecause?: string;
  /** Scrapes Loki's own /metrics as job "loki". @default not scraped */
  readonly prometheus?: PrometheusServer;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * A single-binary Loki 3.7: TSDB index and chunks on the filesystem of one named volume, and a
 * compactor that really deletes what is older than the retention (per stream where asked).
 */
export class Loki extends Construct {
  readonly service: DockerService;
  readonly retention: string;
  readonly streamRetention: readonly StreamRetention[];
  /** The LAN address the port is published on, when other machines push. */
  readonly lanAddress?: string;
  /** Why it is published there. */
  readonly exposedBecause?: string;

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
    if (props.exposedBecause !== undefined) {
      const address = props.host.address;
      if (!IPV4.test(address)) throw fieldError(this, `host "${props.host.name}" address`, address, 'an IPv4 address to publish the push port on (exposedBecause is set)');
      this.lanAddress = address;
      this.exposedBecause = props.exposedBecause;
    }
    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: `${props.namePrefix}-loki`,
      image: 'grafana/loki:3.7.6',
      command: [`-config.file=${LOKI_CONFIG_PATH}`],
      // The HTTP API (logcli, debugging) on 127.0.0.1, and on the LAN address when other machines push.
      ports: [
        { internal: LOKI_PORT, external: LOKI_PORT },
        ...(this.lanAddress ? [{ internal: LOKI_PORT, external: LOKI_PORT, ip: this.lanAddress, exposedBecause: props.exposedBecause }] : []),
      ],
      // The image makes /loki and gives it to its user (10001); a new named volume takes both.
      volumes: { [LOKI_DATA]: `${props.namePrefix}-loki-data` },
      // The image is alpine-based: busybox wget is there. /ready answers 200 once the ingester runs.
      healthcheck: httpHealthcheck(LOKI_PORT, '/ready'),
      memoryMb: 1024,
    });
    this.service.addFile(LOKI_CONFIG_PATH, () => toYaml(this.configObject()));
    props.prometheus?.addScrapeJob('loki').addTargets([`${this.service.name}:${LOKI_PORT}`]);
  }

  /** http://<alias>:3100, for Grafana and Alloy on the stack network. */
  get url(): string {
    return this.service.url(LOKI_PORT);
  }

  /** Where Alloy pushes. */
  get pushUrl(): string {
    return this.service.url(LOKI_PORT, '/loki/api/v1/push');
  }

  /**
   * Where an Alloy on this Docker host pushes: Loki's alias on the stack network when it runs
   * beside Loki, the LAN address and published port of Loki's host otherwise.
   */
  pushUrlFrom(host: DockerHost): string {
    if (host === this.service.host) return this.pushUrl;
    if (this.lanAddress === undefined) {
      throw new Error(`${this.node.path}: an Alloy on "${host.name}" pushes over the LAN, but the port is not published there; give Loki an exposedBecause`);
    }
    return `http://${this.lanAddress}:${LOKI_PORT}/loki/api/v1/push`;
  }

  /** loki.yaml as data, before YAML rendering. */
  configObject(): Record<string, unknown> {
    return {
      // One tenant: Loki is reached from the stack network and 127.0.0.1, and from the LAN only
      // where other machines' Alloys push (a trusted home network, like the pushgateway's).
      auth_enabled: false,
      server: { http_listen_port: LOKI_PORT },
      common: {
        path_prefix: LOKI_DATA,
        storage: { filesystem: { chunks_directory: `${LOKI_DATA}/chunks`, rules_directory: `${LOKI_DATA}/rules` } },
        replication_factor: 1,
        ring: { kvstore: { store: 'inmemory' } },
      },
      schema_config: {
        // TSDB with the 24h index period retention needs: v12 as Loki 2.9 wrote it, then v13
        // from a day no v12 chunk exists, so old chunks stay readable.
        configs: [
          { from: LOKI_SCHEMA_FROM, store: 'tsdb', object_store: 'filesystem', schema: 'v12', index: { prefix: 'index_', period: '24h' } },
          { from: LOKI_V13_FROM, store: 'tsdb', object_store: 'filesystem', schema: 'v13', index: { prefix: 'index_', period: '24h' } },
        ],
      },
      storage_config: {
        // Loki 3 takes the object store from each period (2.x's shared_store is gone).
        tsdb_shipper: { active_index_directory: `${LOKI_DATA}/tsdb-index`, cache_location: `${LOKI_DATA}/tsdb-cache` },
      },
      compactor: {
        working_directory: `${LOKI_DATA}/compactor`,
        // Without this Loki keeps everything forever, whatever retention_period says; with it,
        // Loki 3 needs to know where delete requests are kept.
        retention_enabled: true,
        delete_request_store: 'filesystem',
      },
      limits_config: compact({
        allow_structured_metadata: LOKI_STRUCTURED_METADATA,
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

// -- Alloy --

const ALLOY_CONFIG_PATH = '/etc/alloy/config.alloy';
/** Alloy's storage path: file read positions and component state. */
const ALLOY_DATA = '/var/lib/alloy/data';
const DOCKER_SOCKET = '/var/run/docker.sock';
const DOCKER_HOST = `unix://${DOCKER_SOCKET}`;

/**
 * The level of a container's line, wherever it says `level=info` (logfmt) or `"level": "INFO"`
 * (JSON). The alternatives are closed so that the label stays a handful of values.
 */
export const CONTAINER_LEVEL_EXPRESSION =
  '(?i)\\blevel"?\\s*[=:]\\s*"?(?P<level>trace|debug|info|notice|warning|warn|error|err|critical|crit|fatal|panic)\\b';

export interface AlloyProps extends LogSources {
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** The Loki it pushes to: beside it on the stack network, or over the LAN from another host. */
  readonly loki: Loki;
  /** Scrapes Alloy's own /metrics as job "alloy". @default not scraped */
  readonly prometheus?: PrometheusServer;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A relabel rule block (Prometheus relabelling, as Alloy writes it). */
function rule(attributes: { source_labels?: string[]; regex?: string; target_label?: string; replacement?: string; action?: string }): AlloyBlock {
  return { name: 'rule', attributes };
}

/** Pipeline stages as loki.process stage blocks. */
function stageBlocks(stages: readonly PipelineStage[]): AlloyBlock[] {
  return stages.map((s) => {
    if (s.regex) return { name: 'stage.regex', attributes: { expression: s.regex.expression } };
    if (s.json) return { name: 'stage.json', attributes: { expressions: { ...s.json.expressions } } };
    if (s.timestamp) return { name: 'stage.timestamp', attributes: { source: s.timestamp.source, format: s.timestamp.format } };
    return { name: 'stage.labels', attributes: { values: Object.fromEntries((s.labels ?? []).map((name) => [name, name])) } };
  });
}

/** A component label from a file job's name: "brain-api" → "file_brain_api". */
function fileLabel(name: string): string {
  return `file_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * Grafana Alloy on one Docker host, in Promtail's place (Promtail reached end of life on
 * 2026-03-02; Alloy is its successor and reads the same pipelines): container logs through the
 * Docker API, systemd units from the journal, and files under /var/log (or the host's log
 * directories), each stream labelled job, host, service (and level where it parses), pushed to a
 * Loki given by object: on the stack network beside it, or over the LAN from another host. Its
 * read positions live on a named volume.
 */
export class Alloy extends Construct {
  readonly service: DockerService;
  /** The `host` label of every stream: the Docker host's name. */
  readonly hostLabel: string;
  /** Where it pushes: Loki's push API, on the stack network or over the LAN. */
  readonly clientUrl: string;
  private readonly props: AlloyProps;

  constructor(scope: Construct, id: string, props: AlloyProps) {
    super(scope, id);
    this.props = props;
    this.hostLabel = props.host.name;
    this.validate();
    this.clientUrl = props.loki.pushUrlFrom(props.host);
    const files = props.files ?? [];
    const directories = props.directories ?? [];
    const hostMounts: HostMount[] = [];
    if (props.containers) {
      hostMounts.push({
        hostPath: DOCKER_SOCKET,
        containerPath: DOCKER_SOCKET,
        why: 'Docker service discovery lists the containers and reads their logs through the Docker API (read-only limits the mount, not the API: Alloy only lists and reads)',
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
      name: `${props.namePrefix}-alloy`,
      image: 'grafana/alloy:v1.18.1',
      command: ['run', `--server.http.listen-addr=0.0.0.0:${ALLOY_PORT}`, `--storage.path=${ALLOY_DATA}`, '--disable-reporting', ALLOY_CONFIG_PATH],
      volumes: { [ALLOY_DATA]: `${props.namePrefix}-alloy-data` },
      hostMounts,
      // The image is Ubuntu-based (journal support needs libsystemd) without wget or curl: bash
      // opens the port.
      healthcheck: tcpHealthcheck(ALLOY_PORT),
      memoryMb: 256,
      // Pushes start once Loki is ready.
      dependsOn: [props.loki.service],
    });
    this.service.addFile(ALLOY_CONFIG_PATH, () => renderAlloy(this.configBlocks()));
    props.prometheus?.addScrapeJob('alloy').addTargets([`${this.service.name}:${ALLOY_PORT}`]);
  }

  private validate(): void {
    const p = this.props;
    const problem = checkLogSources({ containers: p.containers, journal: p.journal, files: p.files, directories: p.directories });
    // An empty path is the sources as a whole: none was given.
    if (problem) throw fieldError(this, problem.path.length ? fieldOf(problem.path) : 'containers, journal, files', problem.given, problem.expected);
  }

  /** config.alloy as typed blocks, before rendering. */
  configBlocks(): AlloyBlock[] {
    const p = this.props;
    const taken = new Set<string>();
    const files = (p.files ?? []).map((f, i) => {
      // Distinct labels even where two job names differ only in punctuation.
      let label = fileLabel(f.name);
      if (taken.has(label)) label = `${label}_${i}`;
      taken.add(label);
      return this.fileBlocks(f, label);
    });
    return [
      {
        name: 'loki.write',
        label: 'default',
        // The Loki construct gives the address: its alias on the stack network and its port, or
        // its host's LAN address and published port for an Alloy on another machine.
        attributes: { external_labels: { host: this.hostLabel } },
        blocks: [{ name: 'endpoint', attributes: { url: this.clientUrl } }],
      },
      ...(p.containers ? this.containerBlocks() : []),
      ...(p.journal ? this.journalBlocks(p.journal) : []),
      ...files.flat(),
    ];
  }

  private containerBlocks(): AlloyBlock[] {
    const label = SCRAPE_JOB_NAMES.containers;
    return [
      { name: 'discovery.docker', label, attributes: { host: DOCKER_HOST, refresh_interval: '15s' } },
      {
        name: 'discovery.relabel',
        label,
        attributes: { targets: [] },
        blocks: [
          rule({ target_label: 'job', replacement: DOCKER_JOB }),
          // Docker names start with "/".
          rule({ source_labels: ['__meta_docker_container_name'], regex: '/(.*)', target_label: 'service' }),
        ],
      },
      {
        name: 'loki.source.docker',
        label,
        attributes: {
          host: DOCKER_HOST,
          targets: ref(`discovery.docker.${label}.targets`),
          relabel_rules: ref(`discovery.relabel.${label}.rules`),
          forward_to: [ref(`loki.process.${label}.receiver`)],
        },
      },
      {
        name: 'loki.process',
        label,
        attributes: { forward_to: [ref('loki.write.default.receiver')] },
        blocks: stageBlocks([{ regex: { expression: CONTAINER_LEVEL_EXPRESSION } }, { labels: ['level'] }]),
      },
    ];
  }

  private journalBlocks(journal: JournalSource): AlloyBlock[] {
    const label = SCRAPE_JOB_NAMES.journal;
    const units = journal.units.map(escapeRegex).join('|');
    return [
      {
        name: 'loki.relabel',
        label,
        attributes: { forward_to: [] },
        blocks: [
          rule({ source_labels: ['__journal__systemd_unit'], regex: `(${units})\\.service`, action: 'keep' }),
          rule({ source_labels: ['__journal__systemd_unit'], regex: '(.+)\\.service', target_label: 'service' }),
          rule({ source_labels: ['__journal_priority_keyword'], regex: '(.+)', target_label: 'level' }),
        ],
      },
      {
        name: 'loki.source.journal',
        label,
        // No path: Alloy reads /var/log/journal and /run/log/journal, both mounted.
        attributes: {
          max_age: journal.maxAge ?? '12h',
          labels: { job: JOURNAL_JOB },
          relabel_rules: ref(`loki.relabel.${label}.rules`),
          forward_to: [ref('loki.write.default.receiver')],
        },
      },
    ];
  }

  private fileBlocks(f: FileJob, label: string): AlloyBlock[] {
    const pipeline = f.pipeline ?? [];
    const next = pipeline.length ? `loki.process.${label}.receiver` : 'loki.write.default.receiver';
    return [
      {
        name: 'local.file_match',
        label,
        attributes: { path_targets: f.paths.map((path) => ({ __path__: path, job: f.job ?? f.name, service: f.service, ...f.labels })) },
      },
      { name: 'loki.source.file', label, attributes: { targets: ref(`local.file_match.${label}.targets`), forward_to: [ref(next)] } },
      ...(pipeline.length ? [{ name: 'loki.process', label, attributes: { forward_to: [ref('loki.write.default.receiver')] }, blocks: stageBlocks(pipeline) }] : []),
    ];
  }
}

// -- both --

/** Another machine's logs: an Alloy of its own on that Docker host. */
export interface HostLogSources extends LogSources {
  /** The machine; its name is the `host` label of its streams. It needs a stack network. */
  readonly host: DockerHost;
}

/** The exposure reason of Loki's LAN port, naming the machines that push to it. */
function lanPushReason(hosts: readonly DockerHost[]): string {
  return `alloy on ${hosts.map((h) => h.name).join(' and ')} pushes logs over the LAN`;
}

export interface LokiPromtailProps extends LogSources {
  /** The Docker host both run on; its Alloy ships this machine's logs (the sources here). */
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** How long Loki keeps every stream, in whole days. */
  readonly retention: string;
  /** @default none */
  readonly streamRetention?: readonly StreamRetention[];
  /**
   * Other machines whose logs are shipped, each by an Alloy on it (`<prefix>-<host>-alloy`)
   * pushing to Loki over the LAN: Loki's port is then also published on its host's address.
   * Those Alloys publish no port, so Prometheus does not scrape them.
   * @default none
   */
  readonly otherHosts?: readonly HostLogSources[];
  /** Scrapes Loki's and Alloy's /metrics as jobs "loki" and "alloy". @default not scraped */
  readonly prometheus?: PrometheusServer;
}

/**
 * Logs for one environment: Loki, Alloy on the same Docker host pushing to it, and an Alloy
 * on each other host that ships its logs over the LAN. Grafana is given this object (it has
 * `lokiUrl`) to make its Loki data source.
 */
export class LokiPromtail extends Construct {
  readonly loki: Loki;
  readonly alloy: Alloy;
  /** The Alloys of otherHosts, in their order. */
  readonly otherAlloys: readonly Alloy[];
  /** http://<loki alias>:3100: what Grafana's Loki data source points at. */
  readonly lokiUrl: string;

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
      exposedBecause: others.length ? lanPushReason(others.map((o) => o.host)) : undefined,
      prometheus: props.prometheus,
    });
    this.alloy = new Alloy(this, 'alloy', {
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
    this.otherAlloys = others.map(
      (o) =>
        new Alloy(this, `alloy-${o.host.name}`, {
          host: o.host,
          namePrefix: `${props.namePrefix}-${o.host.name}`,
          loki: this.loki,
          containers: o.containers,
          journal: o.journal,
          files: o.files,
          directories: o.directories,
        }),
    );
    this.lokiUrl = this.loki.url;
  }
}
