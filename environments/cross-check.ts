import { LogsProblem, checkRetentionJobs, checkLogSources } from '../model/logs';
import { ipv4 } from '../lib/schema';
import { EnvironmentSpec } from './spec';
import { GENERATED_ALERT_DEFAULTS } from '../lib/generated-rules';
import { EXPORTERS, exporterContainerName } from '../runtimes/docker/exporter';
import { HEARTBEAT_RECEIVER, Route } from '../model/alertmanager';
import { Path, oneOf } from '../lib/zod-issues';
import { checkSlos } from '../model/slo';

/** A path under the spec's monitoring part. */
function M(...path: Path): Path {
  return ['monitoring', ...path];
}

/** A path under the spec's Docker runtime part. */
function D(...path: Path): Path {
  return ['runtime', 'docker', ...path];
}

/** A problem found by the cross-field checks: where, what was given, what is expected. */
export interface Finding {
  path: Path;
  given: unknown;
  expected: string;
}

type Placement = NonNullable<EnvironmentSpec['runtime']['docker']['placements']>[string];
type ExporterKind = NonNullable<EnvironmentSpec['monitoring']['jobs'][number]['exporter']>['kind'];

/**
 * One rule for everything on the LAN: a port published beyond loopback, or a host-network
 * listener on a LAN address, serves TLS and requires authentication. exposedBecause says why it
 * is there; it does not make it safe. Only exporters that read a web configuration can comply.
 * Security of a port is where it is published: beside publish in the job's placement.
 */
function checkLanAccess(spec: EnvironmentSpec, kind: ExporterKind, placement: Placement): Finding | undefined {
  const d = spec.runtime.docker;
  const def = EXPORTERS[kind];
  const ip = placement.publish?.ip;
  const reach = ip !== undefined && ip !== '127.0.0.1'
    ? `its port is published on ${ip}`
    : def.hostNamespaces
      ? placement.on.filter((h) => h !== d.monitoringHost).map((h) => `it listens on ${h}'s LAN address ${d.hosts[h]?.address}`)[0]
      : undefined;
  if (!def.webConfigDir) {
    if (placement.tls || placement.authentication) {
      return { path: [placement.tls ? 'tls' : 'authentication'], given: placement.tls ?? placement.authentication, expected: `nothing: ${kind} reads no web configuration, so it serves neither TLS nor authentication` };
    }
    if (reach) return { path: ['publish', 'ip'], given: ip, expected: `"127.0.0.1": ${kind} cannot serve TLS or require authentication, and a port on the LAN must do both (exposedBecause is not enough)` };
    return undefined;
  }
  if (reach && !placement.tls) {
    return { path: ['tls'], given: undefined, expected: `true: ${reach}, and whatever is reachable on the LAN serves TLS and requires authentication (exposedBecause is not enough)` };
  }
  if (reach && !placement.authentication) {
    return { path: ['authentication'], given: undefined, expected: `{ users } (Prometheus is always one): ${reach}, and whatever is reachable on the LAN serves TLS and requires authentication (exposedBecause is not enough)` };
  }
  if (Boolean(placement.tls) !== Boolean(placement.authentication)) {
    return placement.tls
      ? { path: ['authentication'], given: undefined, expected: '{ users } beside tls: an exporter serves both or neither' }
      : { path: ['tls'], given: undefined, expected: 'true beside authentication: a password must not cross the network in clear' };
  }
  return undefined;
}

/** Checks that span fields: references resolve, names are unique, severities are known. */
export function crossCheck(spec: EnvironmentSpec): Finding | undefined {
  const m = spec.monitoring;
  const d = spec.runtime.docker;
  const hosts = new Set(Object.keys(d.hosts));
  if (!hosts.has(d.monitoringHost)) {
    return { path: D('monitoringHost'), given: d.monitoringHost, expected: oneOf(hosts) };
  }
  if (!d.hosts[d.monitoringHost].network) {
    return { path: D('hosts', d.monitoringHost, 'network'), given: undefined, expected: 'a network { subnet, gateway }: the monitoring host runs the stack\'s containers' };
  }
  for (const [name, host] of Object.entries(d.hosts)) {
    if (name !== d.monitoringHost && host.address === undefined) {
      return { path: D('hosts', name, 'address'), given: undefined, expected: 'the address the monitoring host reaches it at' };
    }
  }
  const jobNames = new Map<string, number>();
  for (const [i, job] of m.jobs.entries()) {
    if (jobNames.has(job.name)) {
      return { path: M('jobs', i, 'name'), given: job.name, expected: `a name no other job has (jobs[${jobNames.get(job.name)}] is "${job.name}" already)` };
    }
    jobNames.set(job.name, i);
    const sources = [job.exporter, job.targets, job.kubernetesSdConfigs, job.consulSdConfigs].filter((s) => s !== undefined);
    if (sources.length === 0) {
      return { path: M('jobs', i), given: job, expected: 'one of exporter, targets, kubernetesSdConfigs or consulSdConfigs' };
    }
    if (job.exporter && sources.length > 1) {
      return { path: M('jobs', i, 'exporter'), given: job.exporter, expected: 'an exporter job without targets or service discovery of its own' };
    }
    for (const [t, target] of (job.targets ?? []).entries()) {
      if (typeof target !== 'string' && !hosts.has(target.host)) {
        return { path: M('jobs', i, 'targets', t, 'host'), given: target.host, expected: oneOf(hosts) };
      }
    }
    const kind = job.exporter?.kind;
    if (kind === 'postgres-exporter' && !job.exporter?.postgres) {
      return { path: M('jobs', i, 'exporter', 'postgres'), given: undefined, expected: 'the PostgreSQL server { address, database, user, passwordSecret }' };
    }
    if (kind === 'redis-exporter' && !job.exporter?.redisAddress) {
      return { path: M('jobs', i, 'exporter', 'redisAddress'), given: undefined, expected: 'the Redis address "redis://host:port"' };
    }
    if (kind === 'blackbox-exporter' && !job.exporter?.probe) {
      return { path: M('jobs', i, 'exporter', 'probe'), given: undefined, expected: 'what to probe { module, targets }' };
    }
  }
  const placementProblem = checkPlacements(spec, hosts);
  if (placementProblem) return placementProblem;
  const found = crossCheckMonitoring(m) ?? crossCheckSlos(m);
  return found && { ...found, path: M(...found.path) };
}

/** The SLOs' names, severities, periods and generated alert names (model/slo.ts checkSlos). */
function crossCheckSlos(m: EnvironmentSpec['monitoring']): Finding | undefined {
  const alertNames = new Set(m.ruleGroups.flatMap((g) => g.rules.flatMap((r) => ('alert' in r ? [r.alert] : []))));
  const slo = checkSlos(m.slos ?? [], { severities: m.severities, alertNames, retentionTime: m.prometheus.retentionTime });
  return slo && { ...slo, path: ['slos', ...slo.path] };
}

/** The monitoring content every environment has, whatever runs it. */
export interface MonitoringContent {
  readonly severities: readonly string[];
  readonly ruleGroups: EnvironmentSpec['monitoring']['ruleGroups'];
  readonly generatedAlerts?: EnvironmentSpec['monitoring']['generatedAlerts'];
  readonly alertmanager: EnvironmentSpec['monitoring']['alertmanager'];
}

/**
 * Rule and group names unique, severities known, route receivers and time intervals defined. Paths
 * are relative to the content (a runtime's spec prefixes its own).
 */
export function crossCheckMonitoring(m: MonitoringContent): Finding | undefined {
  const severities = new Set(m.severities);
  const groupNames = new Set<string>();
  const alertNames = new Set<string>();
  for (const [g, group] of m.ruleGroups.entries()) {
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
  const generatedSeverity = m.generatedAlerts?.severity ?? GENERATED_ALERT_DEFAULTS.severity;
  if (!severities.has(generatedSeverity)) {
    return { path: ['generatedAlerts', 'severity'], given: generatedSeverity, expected: oneOf(severities) };
  }
  const am = m.alertmanager;
  const receivers = new Set<string>();
  for (const [i, r] of am.receivers.entries()) {
    if (receivers.has(r.name)) return { path: ['alertmanager', 'receivers', i, 'name'], given: r.name, expected: 'a receiver name no other receiver has' };
    receivers.add(r.name);
  }
  if (am.heartbeat && receivers.has(HEARTBEAT_RECEIVER)) {
    return { path: ['alertmanager', 'receivers', am.receivers.findIndex((r) => r.name === HEARTBEAT_RECEIVER), 'name'], given: HEARTBEAT_RECEIVER, expected: `another name: "${HEARTBEAT_RECEIVER}" is the receiver alertmanager.heartbeat adds` };
  }
  const intervals = new Set((am.timeIntervals ?? []).map((t) => t.name));
  const checkRoute = (route: Route, path: Path): Finding | undefined => {
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

/** Logs and traces: job names they take, at least one source, pipelines that run, selectors that match. */
export function crossCheckLogsAndTraces(spec: EnvironmentSpec): Finding | undefined {
  const m = spec.monitoring;
  const d = spec.runtime.docker;
  const taken = ['alertmanager', ...(m.logs ? ['loki', 'alloy'] : []), ...(m.traces ? ['jaeger'] : [])];
  for (const [i, job] of m.jobs.entries()) {
    if (taken.includes(job.name)) {
      return { path: M('jobs', i, 'name'), given: job.name, expected: `a name other than ${taken.map((t) => `"${t}"`).join(', ')}: the environment's own ${taken.join(', ')} are scraped under those names` };
    }
  }
  const logs = m.logs;
  if (!logs) return undefined;
  const found = checkLogSources(logs);
  if (found) return at(M('logs'), found);
  const others = Object.entries(logs.otherHosts ?? {});
  const candidates = Object.keys(d.hosts).filter((h) => h !== d.monitoringHost);
  for (const [host, sources] of others) {
    const path = M('logs', 'otherHosts', host);
    if (!candidates.includes(host)) {
      const expected = candidates.length ? oneOf(candidates) : 'a host of hosts other than the monitoring host (there is none)';
      return { path, given: host, expected: host === d.monitoringHost ? `${expected}: the monitoring host's logs are the sources beside otherHosts` : expected };
    }
    if (!d.hosts[host].network) {
      return { path: D('hosts', host, 'network'), given: undefined, expected: `a network { subnet, gateway }: logs.otherHosts.${host} runs an Alloy container there` };
    }
    const problem = checkLogSources(sources);
    if (problem) return at(path, problem);
  }
  const lokiAddress = d.hosts[d.monitoringHost].address;
  if (others.length && !ipv4.safeParse(lokiAddress).success) {
    return { path: D('hosts', d.monitoringHost, 'address'), given: lokiAddress, expected: `an IPv4 address: Loki publishes its push port there for the Alloy on ${others.map(([h]) => h).join(', ')}` };
  }
  const problem = checkRetentionJobs(logs.streamRetention ?? [], [logs, ...others.map(([, sources]) => sources)]);
  return problem && at(M('logs'), problem);
}

/** A problem the logs checks of model/logs.ts found, under the spec path it was found at. */
function at(path: Path, problem: LogsProblem): Finding {
  return { path: [...path, ...problem.path], given: problem.given, expected: problem.expected };
}

/**
 * Every exporter job placed on hosts, each placement an exporter job's: hosts that exist, each
 * listed once, one exporter of a kind per host, published ports that say why they leave loopback.
 */
function checkPlacements(spec: EnvironmentSpec, hosts: ReadonlySet<string>): Finding | undefined {
  const jobs = spec.monitoring.jobs;
  const placements = spec.runtime.docker.placements ?? {};
  for (const [i, job] of jobs.entries()) {
    if (job.exporter && !Object.hasOwn(placements, job.name)) {
      return { path: D('placements', job.name), given: undefined, expected: `the hosts that run monitoring.jobs[${i}]'s ${job.exporter.kind}, { on: [...] }` };
    }
  }
  /** Which job runs an exporter kind on a host (`host/kind`): a Docker host holds one container of each. */
  const placed = new Map<string, number>();
  for (const [jobName, placement] of Object.entries(placements)) {
    const i = jobs.findIndex((j) => j.name === jobName);
    const job = jobs[i];
    if (!job?.exporter) {
      const exporterJobs = jobs.filter((j) => j.exporter).map((j) => j.name);
      return { path: D('placements', jobName), given: placement, expected: `no placement: only exporter jobs are placed (${exporterJobs.length ? oneOf(exporterJobs) : 'there is none'})` };
    }
    const kind = job.exporter.kind;
    for (const [h, host] of placement.on.entries()) {
      const path = D('placements', jobName, 'on', h);
      if (!hosts.has(host)) return { path, given: host, expected: oneOf(hosts) };
      const first = placement.on.indexOf(host);
      if (first !== h) return { path, given: host, expected: `a host not listed already (on[${first}] is "${host}")` };
      const other = placed.get(`${host}/${kind}`);
      if (other !== undefined) {
        return { path, given: host, expected: `a host where no other job runs a ${kind} (monitoring.jobs[${other}] runs the container "${exporterContainerName(spec.name, kind)}" there)` };
      }
      placed.set(`${host}/${kind}`, i);
    }
    const publish = placement.publish;
    if (publish?.ip !== undefined && publish.ip !== '127.0.0.1' && publish.exposedBecause === undefined) {
      return { path: D('placements', jobName, 'publish', 'exposedBecause'), given: undefined, expected: `the reason port is reachable on ${publish.ip} (or bind it to 127.0.0.1)` };
    }
    if (publish && (EXPORTERS[kind].hostNamespaces ?? false)) {
      return { path: D('placements', jobName, 'publish'), given: publish, expected: `nothing: ${kind} shares the host network and publishes no port` };
    }
    const lan = checkLanAccess(spec, kind, placement);
    if (lan) return { ...lan, path: D('placements', jobName, ...lan.path) };
  }
  return undefined;
}
