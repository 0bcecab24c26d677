import { z } from 'zod';
import { DURATION_EXPECTED, isDuration } from '../lib/duration';
import { ConfigError, describeValue } from '../lib/errors';
import { EXPORTERS, ExporterKind } from '../constructs/exporter';
import {
  checkLogSources,
  checkRetentionJobs,
  isLogDirectory,
  isWholeDays,
  LOG_DIRECTORY_EXPECTED,
  LogsProblem,
  STREAM_SELECTOR,
  STREAM_SELECTOR_EXPECTED,
  TIMESTAMP_FORMATS,
  UNIT_NAME,
  UNIT_NAME_EXPECTED,
  WHOLE_DAYS_EXPECTED,
} from '../constructs/loki-promtail';
import { isWholeHours, SAMPLING_RATE_EXPECTED, WHOLE_HOURS_EXPECTED } from '../constructs/jaeger';
import { CERTIFICATE_DIRECTORY, CERTIFICATE_DIRECTORY_EXPECTED } from '../constructs/certificates';
import { USER_NAME, USER_NAME_EXPECTED } from '../lib/web-config';
import { alertTestsSchema, recordingTestsSchema } from '../lib/rule-tests';
import { GENERATED_ALERT_DEFAULTS } from '../lib/generated-rules';
import { parsePromQL, PromQLSyntaxError } from '../lib/promql';

/**
 * The environment spec: everything one environment monitors, as data. Each stack file under
 * stacks/ exports one; validateSpec checks it whole before any construct is made.
 */

const duration = z.string().refine(isDuration, { error: `expected ${DURATION_EXPECTED}` });
const name = z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'expected a lower-case name such as "homelab" (letters, digits, "-")' });
const jobName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, { error: 'expected a job name such as "node" or "rbee-hive"' });
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { error: 'expected a label name such as "severity" (letters, digits, "_")' });
const labels = z.record(labelName, z.string());
const secretName = z.string().regex(/^[a-z][a-z0-9_]*$/, {
  error: 'expected the snake_case name of a sensitive variable, such as "slack_webhook_url" (set it as TF_VAR_slack_webhook_url)',
});
const hostPort = z.string().regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, { error: 'expected "host:port" such as "hive1.example.com:8081"' });
const PORT_EXPECTED = 'expected a port number from 1 to 65535';
const port = z.number({ error: PORT_EXPECTED }).int({ error: PORT_EXPECTED }).min(1, { error: PORT_EXPECTED }).max(65535, { error: PORT_EXPECTED });
const PROMQL_EXPECTED = 'expected a PromQL expression';
/** Parsed with Prometheus's own grammar: a syntax error is reported with its line and column. */
const promql = z.string({ error: PROMQL_EXPECTED }).superRefine((e, ctx) => {
  if (e.trim() === '') return void ctx.addIssue({ code: 'custom', message: PROMQL_EXPECTED, input: e });
  try {
    parsePromQL(e);
  } catch (error) {
    if (!(error instanceof PromQLSyntaxError)) throw error;
    ctx.addIssue({ code: 'custom', message: `${PROMQL_EXPECTED} (${error.message})`, input: e });
  }
});
const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, { error: 'expected an IPv4 address such as "127.0.0.1"' });
const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, { error: 'expected a subnet such as "172.30.10.0/24"' });
const matcher = z.string().regex(/^\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=|!=|=~|!~)\s*"[^"]*"\s*$/, {
  error: 'expected an Alertmanager matcher such as severity="critical"',
});

const hostSpec = z.strictObject({
  /** "local", or ssh://user@address:port for a remote Docker engine. */
  engine: z.union([z.literal('local'), z.string().regex(/^ssh:\/\/[^@\s]+@[^:\s]+(:\d+)?$/)], {
    error: 'expected "local" or "ssh://user@host:22"',
  }),
  /** How the monitoring host reaches this one; every host but the monitoring host needs it. */
  address: z.string().min(1).optional(),
  /** The stack's bridge network on this host (hosts that run networked containers). */
  network: z
    .strictObject({
      subnet: cidr,
      gateway: ipv4,
      /** Existing networks (an application's) that Prometheus and the exporters join to scrape it by name. */
      join: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

const relabel = z.strictObject({
  sourceLabels: z.array(z.string()).optional(),
  separator: z.string().optional(),
  targetLabel: z.string().optional(),
  regex: z.string().optional(),
  replacement: z.string().optional(),
  action: z.enum(['replace', 'keep', 'drop', 'labelmap', 'labeldrop', 'labelkeep', 'hashmod']).optional(),
  modulus: z.number().int().positive().optional(),
});

/** A target on one of the environment's hosts; it is labelled machine=<host>. */
const hostTarget = z.strictObject({ host: z.string(), port });

const exporterSpec = z.strictObject({
  kind: z.enum(Object.keys(EXPORTERS) as [ExporterKind, ...ExporterKind[]]),
  /** Hosts that run one container each. */
  on: z.array(z.string()).min(1),
  publish: z.strictObject({ ip: ipv4.optional(), exposedBecause: z.string().min(10).optional() }).optional(),
  postgres: z
    .strictObject({
      address: hostPort,
      database: z.string().min(1),
      user: z.string().min(1),
      passwordSecret: secretName,
      sslmode: z.enum(['disable', 'require', 'verify-full']).optional(),
    })
    .optional(),
  redisAddress: z.string().regex(/^rediss?:\/\/\S+:\d+$/, { error: 'expected "redis://host:port"' }).optional(),
  probe: z
    .strictObject({ module: z.enum(['http_2xx', 'tcp_connect', 'icmp']), targets: z.array(z.string().min(1)).min(1) })
    .optional(),
  /** Serve TLS with the environment's certificates; required when the port reaches the LAN. */
  tls: z.literal(true, { error: 'expected true (or leave tls out)' }).optional(),
  /**
   * Let in only users with a password (basic auth); required when the port reaches the LAN.
   * Prometheus is always one; `users` are the others (machines that push), each given a
   * password by Terraform (a sensitive output).
   */
  authentication: z
    .strictObject({
      users: z
        .array(z.string().regex(USER_NAME, { error: `expected ${USER_NAME_EXPECTED}` }).refine((u) => u !== 'prometheus', { error: 'expected a user other than "prometheus", which Prometheus scrapes as' }))
        .optional(),
    })
    .optional(),
});

/** A metric family a job exposes (lib/catalogs/types.ts MetricDef). */
const metricCatalog = z
  .array(
    z
      .strictObject({
        name: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { error: 'expected a metric name such as "brain_worker_status"' }),
        type: z.enum(['counter', 'gauge', 'histogram', 'summary', 'untyped']),
        labels: z.array(labelName).readonly(),
        help: z.string().optional(),
      })
      .readonly(),
  )
  .readonly();

const jobSpec = z.strictObject({
  name: jobName,
  /** Exporter containers the stack runs for this job... */
  exporter: exporterSpec.optional(),
  /** ...or endpoints that exist already... */
  targets: z.array(z.union([hostPort, hostTarget], { error: 'expected "host:port" such as "hive1.example.com:8081" or { host, port }' })).min(1).optional(),
  /** ...or service discovery. */
  kubernetesSdConfigs: z
    .array(z.strictObject({ role: z.enum(['pod', 'service', 'endpoints', 'node', 'ingress', 'endpointslice']), namespaces: z.array(z.string()).optional() }))
    .optional(),
  consulSdConfigs: z.array(z.strictObject({ server: hostPort, services: z.array(z.string()).optional() })).optional(),
  /** Labels on every target of the job. */
  labels: labels.optional(),
  metricsPath: z.string().startsWith('/', { error: 'expected a path starting with "/"' }).optional(),
  scheme: z.enum(['http', 'https']).optional(),
  scrapeInterval: duration.optional(),
  scrapeTimeout: duration.optional(),
  honorLabels: z.boolean().optional(),
  relabelConfigs: z.array(relabel).optional(),
  metricRelabelConfigs: z.array(relabel).optional(),
  /**
   * What the job's targets expose, for the monitoring lint (lib/lint.ts): the catalog of existing
   * endpoints (stacks/catalogs/), or what an exporter exposes beyond its kind's catalog.
   * @default nothing beyond the exporter kind's catalog, up and scrape_*
   */
  metrics: metricCatalog.optional(),
});

const alertRule = z.strictObject({
  alert: z.string().min(1),
  expr: promql,
  for: duration.optional(),
  labels: z.object({ severity: z.string({ error: 'expected a severity label' }) }).catchall(z.string()),
  annotations: z.record(z.string(), z.string()),
  /** Input series and expected alerts, rendered to a promtool test (lib/rule-tests.ts). */
  tests: alertTestsSchema.optional(),
});

const recordingRule = z.strictObject({
  record: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { error: 'expected a metric name such as "lloom:request_rate:5m"' }),
  expr: promql,
  labels: labels.optional(),
  /** Input series and the expected output series, rendered to a promtool test (lib/rule-tests.ts). */
  tests: recordingTestsSchema.optional(),
});

const ruleSpec = z.union([alertRule, recordingRule], {
  error: 'expected an alerting rule { alert, expr, for?, labels: { severity }, annotations } or a recording rule { record, expr }',
});

const ruleGroupSpec = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'expected a group name such as "llama-orch-alerts"' }),
  interval: duration.optional(),
  rules: z.array(ruleSpec).min(1),
});

interface RouteSpecShape {
  receiver?: string;
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  matchers?: string[];
  continue?: boolean;
  muteTimeIntervals?: string[];
  routes?: RouteSpecShape[];
}

const routeSpec: z.ZodType<RouteSpecShape> = z.lazy(() =>
  z.strictObject({
    receiver: z.string().optional(),
    groupBy: z.array(z.string()).optional(),
    groupWait: duration.optional(),
    groupInterval: duration.optional(),
    repeatInterval: duration.optional(),
    matchers: z.array(matcher).optional(),
    continue: z.boolean().optional(),
    muteTimeIntervals: z.array(z.string()).optional(),
    routes: z.array(routeSpec).optional(),
  }),
);

const email = z.string().regex(/^[^@\s]+@[^@\s]+$/, { error: 'expected an e-mail address' });

const receiverSpec = z.strictObject({
  name: z.string().min(1),
  email: z
    .array(
      z.strictObject({
        to: email,
        from: email.optional(),
        smarthost: hostPort.optional(),
        authUsername: z.string().optional(),
        authPasswordSecret: secretName.optional(),
        headers: z.record(z.string(), z.string()).optional(),
        sendResolved: z.boolean().optional(),
      }),
    )
    .optional(),
  slack: z
    .array(
      z.strictObject({
        apiUrlSecret: secretName,
        channel: z.string().startsWith('#', { error: 'expected a channel such as "#alerts"' }),
        title: z.string().optional(),
        text: z.string().optional(),
        sendResolved: z.boolean().optional(),
      }),
    )
    .optional(),
  pagerduty: z
    .array(z.strictObject({ serviceKeySecret: secretName, description: z.string().optional(), sendResolved: z.boolean().optional() }))
    .optional(),
  webhook: z
    .array(
      z
        .strictObject({ url: z.url({ error: 'expected an http(s) URL' }).optional(), urlSecret: secretName.optional(), sendResolved: z.boolean().optional() })
        .refine((w) => (w.url === undefined) !== (w.urlSecret === undefined), { error: 'expected exactly one of url or urlSecret' }),
    )
    .optional(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, { error: 'expected a time "HH:MM"' });

const alertmanagerSpec = z.strictObject({
  resolveTimeout: duration.optional(),
  smtp: z
    .strictObject({
      from: email,
      smarthost: hostPort,
      authUsername: z.string().optional(),
      authPasswordSecret: secretName.optional(),
      requireTls: z.boolean().optional(),
    })
    .optional(),
  route: routeSpec,
  /**
   * The receivers each severity must reach, in the order the routes reach them: checked with
   * `amtool config routes test` for every severity and every alert of the environment.
   */
  expectedReceivers: z.record(z.string(), z.array(z.string()).min(1)).optional(),
  receivers: z.array(receiverSpec).min(1),
  inhibitRules: z
    .array(z.strictObject({ sourceMatchers: z.array(matcher).min(1), targetMatchers: z.array(matcher).min(1), equal: z.array(labelName).optional() }))
    .optional(),
  timeIntervals: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        intervals: z
          .array(
            z.strictObject({
              weekdays: z.array(z.string()).optional(),
              times: z.array(z.strictObject({ start: hhmm, end: hhmm })).optional(),
              daysOfMonth: z.array(z.string()).optional(),
              months: z.array(z.string()).optional(),
            }),
          )
          .min(1),
      }),
    )
    .optional(),
});

const prometheusSpec = z.strictObject({
  scrapeInterval: duration.optional(),
  evaluationInterval: duration.optional(),
  externalLabels: labels.optional(),
  retentionTime: duration,
  retentionSize: z.string().regex(/^\d+(B|KB|MB|GB|TB|PB|EB)$/, { error: 'expected a size such as "100GB"' }).optional(),
});

/** Whole days: Loki deletes day-long index tables. */
const days = z.string().refine(isWholeDays, { error: `expected ${WHOLE_DAYS_EXPECTED}` });
const fieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected a field name such as "level" (letters, digits, "_")' });

/** One Promtail pipeline stage, written as in promtail.yaml: exactly one of its keys. */
const pipelineStageSpec = z
  .strictObject({
    regex: z.strictObject({ expression: z.string().min(1, { error: 'expected an RE2 regular expression with groups written (?P<name>...)' }) }).optional(),
    json: z.strictObject({ expressions: z.record(fieldName, z.string().min(1, { error: 'expected a JMESPath expression such as "level"' })) }).optional(),
    timestamp: z.strictObject({ source: fieldName, format: z.enum(TIMESTAMP_FORMATS) }).optional(),
    labels: z.array(labelName).min(1).optional(),
  })
  .refine((stage) => Object.values(stage).filter((v) => v !== undefined).length === 1, { error: 'expected exactly one of regex, json, timestamp or labels' });

/** What one Promtail reads on its host (the construct's LogSources). */
const logSources = {
  /** Ship the logs of every container of the host. */
  containers: z.boolean().optional(),
  /** systemd units of the host whose journal entries are shipped. */
  journal: z
    .strictObject({
      units: z.array(z.string().regex(UNIT_NAME, { error: `expected ${UNIT_NAME_EXPECTED}` })).min(1),
      maxAge: duration.optional(),
    })
    .optional(),
  /** Log files of the host, each job with its pipeline. */
  files: z
    .array(
      z.strictObject({
        name: jobName,
        /** The `job` label of its streams; the name when not given. */
        job: z.string().min(1).optional(),
        /** The `service` label: the application writing the files. */
        service: z.string().min(1),
        /** Under /var/log/, or under one of `directories` (checked with them, in crossCheckLogsAndTraces). */
        paths: z.array(z.string()).min(1),
        labels: labels.optional(),
        pipeline: z.array(pipelineStageSpec).optional(),
      }),
    )
    .optional(),
  /** Host directories beyond /var/log that file jobs read, each mounted read-only (pc's research logs). */
  directories: z.array(z.string().refine(isLogDirectory, { error: `expected ${LOG_DIRECTORY_EXPECTED}` })).optional(),
};
const logSourcesSpec = z.strictObject(logSources);

const logsSpec = z.strictObject({
  /** How long Loki keeps every stream. */
  retention: days,
  /** Other lifetimes for the streams a LogQL selector matches (llama-orch's audit logs). */
  streamRetention: z
    .array(
      z.strictObject({
        selector: z.string().regex(STREAM_SELECTOR, { error: `expected ${STREAM_SELECTOR_EXPECTED}` }),
        period: days,
        priority: z.number().int().min(1, { error: 'expected a whole number from 1 up' }).optional(),
      }),
    )
    .optional(),
  /** The monitoring host's logs, read by the Promtail beside Loki. */
  ...logSources,
  /**
   * Other hosts' logs, by host name: a Promtail on each pushes to Loki over the LAN, so Loki's
   * port is also published on the monitoring host's address.
   */
  otherHosts: z.record(name, logSourcesSpec).optional(),
});

const tracesSpec = z.strictObject({
  /** How long spans are kept. @default 72h */
  retention: z.string().refine(isWholeHours, { error: `expected ${WHOLE_HOURS_EXPECTED}` }).optional(),
  /**
   * The share of requests traced, served to clients that sample remotely; clients that sample
   * on their own must be set to the same (documented in the README). @default 1
   */
  samplingRate: z
    .number({ error: `expected ${SAMPLING_RATE_EXPECTED}` })
    .min(0, { error: `expected ${SAMPLING_RATE_EXPECTED}` })
    .max(1, { error: `expected ${SAMPLING_RATE_EXPECTED}` })
    .optional(),
});

/** Where the certificates of the environment's TLS endpoints come from. */
const tlsSpec = z.strictObject({
  /** "terraform": a CA for the environment made by Terraform; { directory }: the user's files there. @default terraform */
  certificates: z.union([z.literal('terraform'), z.strictObject({ directory: z.string().regex(CERTIFICATE_DIRECTORY, { error: `expected ${CERTIFICATE_DIRECTORY_EXPECTED}` }) })], {
    error: 'expected "terraform" or { directory: "/etc/<environment>-tls" }',
  }),
});

export const environmentSchema = z.strictObject({
  /** The stack id: `cdktf deploy <name>`. */
  name,
  description: z.string().min(1),
  /** Severities alert rules may carry. */
  severities: z.array(z.string().regex(/^[a-z]+$/)).min(1),
  hosts: z.record(name, hostSpec),
  /** The host that runs Prometheus, Alertmanager and the rest of the stack. */
  monitoringHost: z.string(),
  prometheus: prometheusSpec,
  jobs: z.array(jobSpec).min(1),
  ruleGroups: z.array(ruleGroupSpec),
  /**
   * The generated alerts (lib/generated-rules.ts): <Job>TargetDown for every job no rule watches
   * with up, <Metric>Absent for every metric an alert reads. @default { targetDownFor: '2m', severity: 'warning' }
   */
  generatedAlerts: z.strictObject({ targetDownFor: duration.optional(), severity: z.string().optional() }).optional(),
  alertmanager: alertmanagerSpec,
  /** Loki and Promtail on the monitoring host, and a Promtail on each of logs.otherHosts. @default no logs */
  logs: logsSpec.optional(),
  /** Jaeger on the monitoring host. @default no traces */
  traces: tracesSpec.optional(),
  /** The certificates of the endpoints that serve TLS. @default { certificates: 'terraform' } */
  tls: tlsSpec.optional(),
});

export type EnvironmentSpec = z.infer<typeof environmentSchema>;
export type JobSpec = z.infer<typeof jobSpec>;
export type RuleGroupSpec = z.infer<typeof ruleGroupSpec>;
export type AlertmanagerSpec = z.infer<typeof alertmanagerSpec>;
export type LogsSpec = z.infer<typeof logsSpec>;
export type TracesSpec = z.infer<typeof tracesSpec>;

type Path = ReadonlyArray<PropertyKey>;

/** A problem found by the cross-field checks: where, what was given, what is expected. */
interface Finding {
  path: Path;
  given: unknown;
  expected: string;
}

/** jobs[3].targets[0] */
export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(spec)';
}

function oneOf(values: Iterable<string>): string {
  return `one of ${[...values].map((v) => JSON.stringify(v)).join(', ')}`;
}

/** Checks that span fields: references resolve, names are unique, severities are known. */
function crossCheck(spec: EnvironmentSpec): Finding | undefined {
  const hosts = new Set(Object.keys(spec.hosts));
  if (!hosts.has(spec.monitoringHost)) {
    return { path: ['monitoringHost'], given: spec.monitoringHost, expected: oneOf(hosts) };
  }
  if (!spec.hosts[spec.monitoringHost].network) {
    return { path: ['hosts', spec.monitoringHost, 'network'], given: undefined, expected: 'a network { subnet, gateway }: the monitoring host runs the stack\'s containers' };
  }
  for (const [name, host] of Object.entries(spec.hosts)) {
    if (name !== spec.monitoringHost && host.address === undefined) {
      return { path: ['hosts', name, 'address'], given: undefined, expected: 'the address the monitoring host reaches it at' };
    }
  }
  const jobNames = new Map<string, number>();
  for (const [i, job] of spec.jobs.entries()) {
    if (jobNames.has(job.name)) {
      return { path: ['jobs', i, 'name'], given: job.name, expected: `a name no other job has (jobs[${jobNames.get(job.name)}] is "${job.name}" already)` };
    }
    jobNames.set(job.name, i);
    const sources = [job.exporter, job.targets, job.kubernetesSdConfigs, job.consulSdConfigs].filter((s) => s !== undefined);
    if (sources.length === 0) {
      return { path: ['jobs', i], given: job, expected: 'one of exporter, targets, kubernetesSdConfigs or consulSdConfigs' };
    }
    if (job.exporter && sources.length > 1) {
      return { path: ['jobs', i, 'exporter'], given: job.exporter, expected: 'an exporter job without targets or service discovery of its own' };
    }
    for (const [h, host] of (job.exporter?.on ?? []).entries()) {
      if (!hosts.has(host)) return { path: ['jobs', i, 'exporter', 'on', h], given: host, expected: oneOf(hosts) };
    }
    for (const [t, target] of (job.targets ?? []).entries()) {
      if (typeof target !== 'string' && !hosts.has(target.host)) {
        return { path: ['jobs', i, 'targets', t, 'host'], given: target.host, expected: oneOf(hosts) };
      }
    }
    const publish = job.exporter?.publish;
    if (publish?.ip !== undefined && publish.ip !== '127.0.0.1' && publish.exposedBecause === undefined) {
      return { path: ['jobs', i, 'exporter', 'publish', 'exposedBecause'], given: undefined, expected: `the reason port is reachable on ${publish.ip} (or bind it to 127.0.0.1)` };
    }
    const lan = job.exporter && checkLanAccess(spec, job.exporter);
    if (lan) return { ...lan, path: ['jobs', i, 'exporter', ...lan.path] };
    if (job.exporter && publish && (EXPORTERS[job.exporter.kind].hostNamespaces ?? false)) {
      return { path: ['jobs', i, 'exporter', 'publish'], given: publish, expected: `nothing: ${job.exporter.kind} shares the host network and publishes no port` };
    }
    const kind = job.exporter?.kind;
    if (kind === 'postgres-exporter' && !job.exporter?.postgres) {
      return { path: ['jobs', i, 'exporter', 'postgres'], given: undefined, expected: 'the PostgreSQL server { address, database, user, passwordSecret }' };
    }
    if (kind === 'redis-exporter' && !job.exporter?.redisAddress) {
      return { path: ['jobs', i, 'exporter', 'redisAddress'], given: undefined, expected: 'the Redis address "redis://host:port"' };
    }
    if (kind === 'blackbox-exporter' && !job.exporter?.probe) {
      return { path: ['jobs', i, 'exporter', 'probe'], given: undefined, expected: 'what to probe { module, targets }' };
    }
  }
  const severities = new Set(spec.severities);
  const groupNames = new Set<string>();
  const alertNames = new Set<string>();
  for (const [g, group] of spec.ruleGroups.entries()) {
    if (groupNames.has(group.name)) return { path: ['ruleGroups', g, 'name'], given: group.name, expected: 'a group name no other group has' };
    groupNames.add(group.name);
    for (const [r, rule] of group.rules.entries()) {
      if (!('alert' in rule)) continue;
      if (alertNames.has(rule.alert)) {
        return { path: ['ruleGroups', g, 'rules', r, 'alert'], given: rule.alert, expected: 'an alert name no other rule has' };
      }
      alertNames.add(rule.alert);
      if (!severities.has(rule.labels.severity)) {
        return { path: ['ruleGroups', g, 'rules', r, 'labels', 'severity'], given: rule.labels.severity, expected: oneOf(severities) };
      }
    }
  }
  const generatedSeverity = spec.generatedAlerts?.severity ?? GENERATED_ALERT_DEFAULTS.severity;
  if (!severities.has(generatedSeverity)) {
    return { path: ['generatedAlerts', 'severity'], given: generatedSeverity, expected: oneOf(severities) };
  }
  const am = spec.alertmanager;
  const receivers = new Set<string>();
  for (const [i, r] of am.receivers.entries()) {
    if (receivers.has(r.name)) return { path: ['alertmanager', 'receivers', i, 'name'], given: r.name, expected: 'a receiver name no other receiver has' };
    receivers.add(r.name);
  }
  const intervals = new Set((am.timeIntervals ?? []).map((t) => t.name));
  const checkRoute = (route: RouteSpecShape, path: PropertyKey[]): Finding | undefined => {
    if (route.receiver !== undefined && !receivers.has(route.receiver)) {
      return { path: [...path, 'receiver'], given: route.receiver, expected: oneOf(receivers) };
    }
    for (const [m, mute] of (route.muteTimeIntervals ?? []).entries()) {
      if (!intervals.has(mute)) return { path: [...path, 'muteTimeIntervals', m], given: mute, expected: intervals.size ? oneOf(intervals) : 'a time interval defined in alertmanager.timeIntervals' };
    }
    for (const [c, child] of (route.routes ?? []).entries()) {
      const found = checkRoute(child, [...path, 'routes', c]);
      if (found) return found;
    }
    return undefined;
  };
  if (am.route.receiver === undefined) {
    return { path: ['alertmanager', 'route', 'receiver'], given: undefined, expected: `the default receiver, ${oneOf(receivers)}` };
  }
  return checkRoute(am.route, ['alertmanager', 'route']);
}

type ExporterSpec = z.infer<typeof exporterSpec>;

/**
 * One rule for everything on the LAN: a port published beyond loopback, or a host-network
 * listener on a LAN address, serves TLS and requires authentication. exposedBecause says why it
 * is there; it does not make it safe. Only exporters that read a web configuration can comply.
 */
function checkLanAccess(spec: EnvironmentSpec, exporter: ExporterSpec): Finding | undefined {
  const def = EXPORTERS[exporter.kind];
  const ip = exporter.publish?.ip;
  const reach = ip !== undefined && ip !== '127.0.0.1'
    ? `its port is published on ${ip}`
    : def.hostNamespaces
      ? exporter.on.filter((h) => h !== spec.monitoringHost).map((h) => `it listens on ${h}'s LAN address ${spec.hosts[h]?.address}`)[0]
      : undefined;
  if (!def.webConfigDir) {
    if (exporter.tls || exporter.authentication) {
      return { path: [exporter.tls ? 'tls' : 'authentication'], given: exporter.tls ?? exporter.authentication, expected: `nothing: ${exporter.kind} reads no web configuration, so it serves neither TLS nor authentication` };
    }
    if (reach) return { path: ['publish', 'ip'], given: ip, expected: `"127.0.0.1": ${exporter.kind} cannot serve TLS or require authentication, and a port on the LAN must do both (exposedBecause is not enough)` };
    return undefined;
  }
  if (reach && !exporter.tls) {
    return { path: ['tls'], given: undefined, expected: `true: ${reach}, and whatever is reachable on the LAN serves TLS and requires authentication (exposedBecause is not enough)` };
  }
  if (reach && !exporter.authentication) {
    return { path: ['authentication'], given: undefined, expected: `{ users } (Prometheus is always one): ${reach}, and whatever is reachable on the LAN serves TLS and requires authentication (exposedBecause is not enough)` };
  }
  if (Boolean(exporter.tls) !== Boolean(exporter.authentication)) {
    return exporter.tls
      ? { path: ['authentication'], given: undefined, expected: '{ users } beside tls: an exporter serves both or neither' }
      : { path: ['tls'], given: undefined, expected: 'true beside authentication: a password must not cross the network in clear' };
  }
  return undefined;
}

/** Logs and traces: job names they take, at least one source, pipelines that run, selectors that match. */
function crossCheckLogsAndTraces(spec: EnvironmentSpec): Finding | undefined {
  const taken = [...(spec.logs ? ['loki', 'promtail'] : []), ...(spec.traces ? ['jaeger'] : [])];
  for (const [i, job] of spec.jobs.entries()) {
    if (taken.includes(job.name)) {
      return { path: ['jobs', i, 'name'], given: job.name, expected: `a name other than ${taken.map((t) => `"${t}"`).join(', ')}: the environment's own ${taken.join(', ')} are scraped under those names` };
    }
  }
  const logs = spec.logs;
  if (!logs) return undefined;
  const found = checkLogSources(logs);
  if (found) return at(['logs'], found);
  const others = Object.entries(logs.otherHosts ?? {});
  const candidates = Object.keys(spec.hosts).filter((h) => h !== spec.monitoringHost);
  for (const [host, sources] of others) {
    const path = ['logs', 'otherHosts', host];
    if (!candidates.includes(host)) {
      const expected = candidates.length ? oneOf(candidates) : 'a host of hosts other than the monitoring host (there is none)';
      return { path, given: host, expected: host === spec.monitoringHost ? `${expected}: the monitoring host's logs are the sources beside otherHosts` : expected };
    }
    if (!spec.hosts[host].network) {
      return { path: ['hosts', host, 'network'], given: undefined, expected: `a network { subnet, gateway }: logs.otherHosts.${host} runs a Promtail container there` };
    }
    const problem = checkLogSources(sources);
    if (problem) return at(path, problem);
  }
  const lokiAddress = spec.hosts[spec.monitoringHost].address;
  if (others.length && !ipv4.safeParse(lokiAddress).success) {
    return { path: ['hosts', spec.monitoringHost, 'address'], given: lokiAddress, expected: `an IPv4 address: Loki publishes its push port there for the Promtail on ${others.map(([h]) => h).join(', ')}` };
  }
  const problem = checkRetentionJobs(logs.streamRetention ?? [], [logs, ...others.map(([, sources]) => sources)]);
  return problem && at(['logs'], problem);
}

/** A problem the logs checks of constructs/loki-promtail.ts found, under the spec path it was found at. */
function at(path: Path, problem: LogsProblem): Finding {
  return { path: [...path, ...problem.path], given: problem.given, expected: problem.expected };
}

type ZodIssue = z.core.$ZodIssue;

/**
 * The issue to report. For a union none of whose branches matched, the issue of the branch
 * whose fields the value has (no unknown field at its top), then that got furthest into the
 * value (deepest path, then fewest issues): the alerting rule that lacks an expr is reported
 * as such, not as a bad recording rule, even though both kinds of rule have deep `tests`.
 */
function pickIssue(issue: ZodIssue): ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const depth = (issues: ZodIssue[]) => Math.max(...issues.map((i) => i.path.length));
  const foreign = (issues: ZodIssue[]) => (issues.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0) ? 1 : 0);
  const best = [...issue.errors].filter((b) => b.length > 0).sort((a, b) => foreign(a) - foreign(b) || depth(b) - depth(a) || a.length - b.length)[0];
  if (!best || depth(best) === 0) return issue;
  const inner = pickIssue(best[0]);
  return { ...inner, path: [...issue.path, ...inner.path] } as ZodIssue;
}

function expectedFromZod(issue: ZodIssue): string {
  // The schema's own words first: every custom message starts with "expected".
  if (issue.message.startsWith('expected ')) return issue.message.slice('expected '.length);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `a value (${issue.expected})` : `a ${issue.expected}`;
    case 'invalid_value':
      return oneOf(issue.values.map(String));
    case 'unrecognized_keys':
      return `no field ${issue.keys.map((k) => `"${k}"`).join(', ')} (check its spelling)`;
    case 'too_small':
      return issue.origin === 'array' ? `at least ${issue.minimum} item(s)` : `at least ${issue.minimum}`;
    default:
      return issue.message;
  }
}

/**
 * Validates a whole environment spec. Returns it typed, or throws one ConfigError naming the
 * environment, the field path, what was given and what is expected.
 */
export function validateSpec(raw: unknown): EnvironmentSpec {
  // A spec this function returned is valid already (buildApp validates, then builds with it).
  if (VALIDATED.has(raw as object)) return raw as EnvironmentSpec;
  const given = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  // A name that is itself malformed is not repeated as the environment's name; the error says why.
  const env = typeof given === 'string' && /^[a-z][a-z0-9-]*$/.test(given) ? given : '(unnamed environment)';
  const result = environmentSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    const issue = pickIssue(result.error.issues[0]);
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const given = issue.code === 'unrecognized_keys' ? (issue.input as Record<string, unknown> | undefined)?.[issue.keys[0]] : issue.input;
    throw new ConfigError(`environment "${env}": ${formatPath(path)}: expected ${expectedFromZod(issue)}, got ${describeValue(given)}`);
  }
  const finding = crossCheck(result.data) ?? crossCheckLogsAndTraces(result.data);
  if (finding) {
    throw new ConfigError(`environment "${env}": ${formatPath(finding.path)}: expected ${finding.expected}, got ${describeValue(finding.given)}`);
  }
  VALIDATED.add(result.data);
  return result.data;
}

/** Specs validateSpec returned: zod's own copies, which no caller changes. */
const VALIDATED = new WeakSet<object>();
