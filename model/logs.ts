import { z } from 'zod';
import { isDuration, isWholeMultiple } from '../lib/duration';
import { name, labels, jobName, duration, labelName } from '../lib/schema';

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
export const DOCKER_JOB = 'docker';
export const JOURNAL_JOB = 'systemd-journal';

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

// -- validation shared by the spec (environments/) and the Loki/Alloy constructs, so both say the same thing --

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
export function fieldOf(path: LogsProblem['path']): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** Whole days: Loki deletes day-long index tables. */
export const days = z.string().refine(isWholeDays, { error: `expected ${WHOLE_DAYS_EXPECTED}` });

export const fieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected a field name such as "level" (letters, digits, "_")' });

/** One pipeline stage (an Alloy loki.process stage): exactly one of its keys. */
export const pipelineStageSpec = z
  .strictObject({
    /** Extracts the named groups of an RE2 expression (`(?P<level>\S+)`) from the line. */
    regex: z.strictObject({ expression: z.string().min(1, { error: 'expected an RE2 regular expression with groups written (?P<name>...)' }) }).optional(),
    /** Parses the line as JSON; each key is extracted from the JMESPath expression it maps to. */
    json: z.strictObject({ expressions: z.record(fieldName, z.string().min(1, { error: 'expected a JMESPath expression such as "level"' })) }).optional(),
    /** Sets the entry's time from an extracted field. */
    timestamp: z.strictObject({ source: fieldName, format: z.enum(TIMESTAMP_FORMATS) }).optional(),
    /** Turns extracted fields into labels of the same name. */
    labels: z.array(labelName).min(1).optional(),
  })
  .refine((stage) => Object.values(stage).filter((v) => v !== undefined).length === 1, { error: 'expected exactly one of regex, json, timestamp or labels' });

/** systemd units whose journal entries are shipped. */
export const journalSpec = z.strictObject({
  /** Unit names without ".service", e.g. "queen-rbee". */
  units: z.array(z.string().regex(UNIT_NAME, { error: `expected ${UNIT_NAME_EXPECTED}` })).min(1),
  /** Entries older than this when Alloy starts are skipped. @default 12h */
  maxAge: duration.optional(),
});

/** Log files on the host, read with one pipeline. */
export const fileJobSpec = z.strictObject({
  /** The scrape job's name, e.g. "lloom_logs". */
  name: jobName,
  /** The `job` label of its streams. @default the name */
  job: z.string().min(1).optional(),
  /** The `service` label: the application writing the files. */
  service: z.string().min(1),
  /** Under /var/log/, or under one of `directories` (checked with them, in checkLogSources). */
  paths: z.array(z.string()).min(1),
  /** More constant labels. @default none */
  labels: labels.optional(),
  /** @default none: lines are shipped as they are */
  pipeline: z.array(pipelineStageSpec).optional(),
});

/** What one Alloy reads on its host; checkLogSources asks for at least one source. */
const logSources = {
  /** Ship the logs of every container of the host (Docker service discovery). @default false */
  containers: z.boolean().optional(),
  /** @default no journal */
  journal: journalSpec.optional(),
  /** @default no files */
  files: z.array(fileJobSpec).optional(),
  /**
   * Host directories beyond /var/log whose files the file jobs read (pc's research logs), each
   * mounted read-only at the same path. @default none: file jobs read /var/log only
   */
  directories: z.array(z.string().refine(isLogDirectory, { error: `expected ${LOG_DIRECTORY_EXPECTED}` })).optional(),
};

export const logSourcesSpec = z.strictObject(logSources);

/** A longer (or shorter) life for the streams a selector matches. */
export const streamRetentionSpec = z.strictObject({
  /** A LogQL stream selector, e.g. `{job="llama-orch-audit"}`. */
  selector: z.string().regex(STREAM_SELECTOR, { error: `expected ${STREAM_SELECTOR_EXPECTED}` }),
  /** A whole number of days, e.g. "90d". */
  period: days,
  /** The highest priority wins when selectors overlap. @default 1 */
  priority: z.number().int().min(1, { error: 'expected a whole number from 1 up' }).optional(),
});

export const logsSpec = z.strictObject({
  /** How long Loki keeps every stream. */
  retention: days,
  /** Other lifetimes for the streams a LogQL selector matches (llama-orch's audit logs). */
  streamRetention: z.array(streamRetentionSpec).optional(),
  /** The monitoring host's logs, read by the Alloy beside Loki. */
  ...logSources,
  /**
   * Other hosts' logs, by host name: an Alloy on each pushes to Loki over the LAN, so Loki's
   * port is also published on the monitoring host's address.
   */
  otherHosts: z.record(name, logSourcesSpec).optional(),
});

export type PipelineStage = z.infer<typeof pipelineStageSpec>;
export type JournalSource = z.infer<typeof journalSpec>;
export type FileJob = z.infer<typeof fileJobSpec>;
export type LogSources = z.infer<typeof logSourcesSpec>;
export type StreamRetention = z.infer<typeof streamRetentionSpec>;
