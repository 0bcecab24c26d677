import { LogsProblem, checkRetentionJobs, checkLogSources } from '../model/logs';
import { ipv4 } from '../lib/schema';
import { EnvironmentSpec } from './spec';
import { GENERATED_ALERT_DEFAULTS } from '../lib/generated-rules';
import { EXPORTERS } from '../runtimes/docker/exporter';
import { HEARTBEAT_RECEIVER, RouteSpecShape } from '../model/alertmanager';
import { Path, oneOf } from '../lib/zod-issues';
import { checkSlos } from '../model/slo';

/** A problem found by the cross-field checks: where, what was given, what is expected. */
export interface Finding {
  path: Path;
  given: unknown;
  expected: string;
}

/** Checks that span fields: references resolve, names are unique, severities are known. */
export function crossCheck(spec: EnvironmentSpec): Finding | undefined {
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
  return crossCheckMonitoring(spec) ?? crossCheckSlos(spec);
}

/** The SLOs' names, severities, periods and generated alert names (model/slo.ts checkSlos). */
function crossCheckSlos(spec: EnvironmentSpec): Finding | undefined {
  const alertNames = new Set(spec.ruleGroups.flatMap((g) => g.rules.flatMap((r) => ('alert' in r ? [r.alert] : []))));
  const slo = checkSlos(spec.slos ?? [], { severities: spec.severities, alertNames, retentionTime: spec.prometheus.retentionTime });
  return slo && { ...slo, path: ['slos', ...slo.path] };
}

/** The monitoring content every environment has, whatever runs it. */
export interface MonitoringContent {
  readonly severities: readonly string[];
  readonly ruleGroups: EnvironmentSpec['ruleGroups'];
  readonly generatedAlerts?: EnvironmentSpec['generatedAlerts'];
  readonly alertmanager: EnvironmentSpec['alertmanager'];
}

/** Rule and group names unique, severities known, route receivers and time intervals defined. */
export function crossCheckMonitoring(spec: MonitoringContent): Finding | undefined {
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
  if (am.heartbeat && receivers.has(HEARTBEAT_RECEIVER)) {
    return { path: ['alertmanager', 'receivers', am.receivers.findIndex((r) => r.name === HEARTBEAT_RECEIVER), 'name'], given: HEARTBEAT_RECEIVER, expected: `another name: "${HEARTBEAT_RECEIVER}" is the receiver alertmanager.heartbeat adds` };
  }
  return checkRoute(am.route, ['alertmanager', 'route']);
}

/** Logs and traces: job names they take, at least one source, pipelines that run, selectors that match. */
export function crossCheckLogsAndTraces(spec: EnvironmentSpec): Finding | undefined {
  const taken = ['alertmanager', ...(spec.logs ? ['loki', 'alloy'] : []), ...(spec.traces ? ['jaeger'] : [])];
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
      return { path: ['hosts', host, 'network'], given: undefined, expected: `a network { subnet, gateway }: logs.otherHosts.${host} runs an Alloy container there` };
    }
    const problem = checkLogSources(sources);
    if (problem) return at(path, problem);
  }
  const lokiAddress = spec.hosts[spec.monitoringHost].address;
  if (others.length && !ipv4.safeParse(lokiAddress).success) {
    return { path: ['hosts', spec.monitoringHost, 'address'], given: lokiAddress, expected: `an IPv4 address: Loki publishes its push port there for the Alloy on ${others.map(([h]) => h).join(', ')}` };
  }
  const problem = checkRetentionJobs(logs.streamRetention ?? [], [logs, ...others.map(([, sources]) => sources)]);
  return problem && at(['logs'], problem);
}

/** A problem the logs checks of model/logs.ts found, under the spec path it was found at. */
function at(path: Path, problem: LogsProblem): Finding {
  return { path: [...path, ...problem.path], given: problem.given, expected: problem.expected };
}
