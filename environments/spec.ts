import { z } from 'zod';
import { ConfigError, describeValue } from '../lib/errors';
import { formatPath, expectedFromZod, pickIssue } from '../lib/zod-issues';
import { duration, name, labels, hostPort, jobName } from '../lib/schema';
import { prometheusSpec } from '../model/prometheus';
import { dockerRuntimeSpec, exporterSpec } from '../runtimes/docker/spec';
import { crossCheck, crossCheckLogsAndTraces } from './cross-check';
import { tracesSpec } from '../model/traces';
import { logsSpec } from '../model/logs';
import { alertmanagerSpec } from '../model/alertmanager';
import { ruleGroupSpec } from '../model/rules';
import { consulSdConfig, hostTarget, kubernetesSdConfig, metricCatalog, relabel } from '../model/scrape-jobs';
import { sloSchema } from '../model/slo';
import { backendSpec } from '../runtimes/state-backend';

/**
 * The environment spec: everything one environment monitors, as data. Each folder under
 * environments/ has one (spec.ts); validateSpec checks it whole before any construct is made.
 */

const jobSpec = z.strictObject({
  name: jobName,
  /** Exporter containers the stack runs for this job... */
  exporter: exporterSpec.optional(),
  /** ...or endpoints that exist already... */
  targets: z.array(z.union([hostPort, hostTarget], { error: 'expected "host:port" such as "hive1.example.com:8081" or { host, port }' })).min(1).optional(),
  /** ...or service discovery. */
  kubernetesSdConfigs: z.array(kubernetesSdConfig).optional(),
  consulSdConfigs: z.array(consulSdConfig).optional(),
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
   * endpoints (environments/<env>/catalog.ts), or what an exporter exposes beyond its kind's catalog.
   * @default nothing beyond the exporter kind's catalog, up and scrape_*
   */
  metrics: metricCatalog.optional(),
});

/** What is monitored, whatever runs it: jobs, rules, routes, logs, traces. */
export const monitoringSchema = z.strictObject({
  /** Severities alert rules may carry. */
  severities: z.array(z.string().regex(/^[a-z]+$/)).min(1),
  prometheus: prometheusSpec,
  jobs: z.array(jobSpec).min(1),
  ruleGroups: z.array(ruleGroupSpec),
  /**
   * The generated alerts (lib/generated-rules.ts): <Job>TargetDown for every job no rule watches
   * with up, <Metric>Absent for every metric an alert reads. @default { targetDownFor: '2m', severity: 'warning' }
   */
  generatedAlerts: z.strictObject({ targetDownFor: duration.optional(), severity: z.string().optional() }).optional(),
  alertmanager: alertmanagerSpec,
  /**
   * Service-level objectives (model/slo.ts): each becomes error-ratio, burn-rate and budget
   * recording rules, page and ticket burn-rate alerts with their tests, and a row of the SLOs
   * dashboard. @default none
   */
  slos: z.array(sloSchema).optional(),
  /** Loki and Alloy on the monitoring host, and an Alloy on each of logs.otherHosts. @default no logs */
  logs: logsSpec.optional(),
  /** Jaeger on the monitoring host. @default no traces */
  traces: tracesSpec.optional(),
});

export const environmentSchema = z.strictObject({
  /** The stack id: `cdktf deploy <name>`. */
  name,
  description: z.string().min(1),
  monitoring: monitoringSchema,
  /** Where it runs: Docker hosts today. */
  runtime: z.strictObject({ docker: dockerRuntimeSpec }),
  /** Where Terraform keeps this environment's state (runtimes/state-backend.ts). @default { local: {} } */
  backend: backendSpec.optional(),
});

export type EnvironmentSpec = z.infer<typeof environmentSchema>;
export type MonitoringSpec = z.infer<typeof monitoringSchema>;
export type JobSpec = z.infer<typeof jobSpec>;
export type RuleGroupSpec = z.infer<typeof ruleGroupSpec>;
export type AlertmanagerSpec = z.infer<typeof alertmanagerSpec>;
export type LogsSpec = z.infer<typeof logsSpec>;
export type TracesSpec = z.infer<typeof tracesSpec>;
export type { SloSpec } from '../model/slo';

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
