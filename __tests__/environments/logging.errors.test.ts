import * as fc from 'fast-check';
import { Testing } from 'cdktf';
import { ConfigError } from '../../lib/errors';
import { EnvironmentStack } from '../../runtimes/docker/environment-stack';
import { ENVIRONMENTS } from '../../environments';
import { llamaOrch } from '../../environments/llama-orch/spec';
import { lloom } from '../../environments/lloom/spec';
import { clone, cleanupOutdirs, testApp } from '../support/synth';
import { specError, specPaths } from '../support/spec';
import { TIMESTAMP_FORMATS } from '../../model/logs';

afterAll(cleanupOutdirs);

describe('logs and traces spec errors name the environment, the field, what was given and what is expected', () => {
  test('a log retention that is not whole days', () => {
    // GIVEN homelab's logs kept 36 hours THEN the field and the rule are named
    expect(specError((s) => (s.monitoring.logs.retention = '36h'))).toBe(
      'environment "homelab": monitoring.logs.retention: expected a whole number of days such as "7d" or "90d" (Loki deletes day-long index tables), got "36h"',
    );
  });

  test('a misspelt field', () => {
    expect(specError((s) => (s.monitoring.logs.retension = '7d'))).toBe('environment "homelab": monitoring.logs.retension: expected no field "retension" (check its spelling), got "7d"');
  });

  test('logs with no source', () => {
    expect(specError((s) => (s.monitoring.logs = { retention: '7d' }))).toBe(
      'environment "homelab": monitoring.logs: expected at least one source of logs: containers, journal or files, got {"retention":"7d"}',
    );
  });

  test('a file outside /var/log', () => {
    expect(specError((s) => (s.monitoring.logs.files[0].paths = ['/home/p/dev/research/logs/*.log']))).toBe(
      'environment "homelab": monitoring.logs.files[0].paths[0]: expected a file or glob under /var/log/ such as "/var/log/lloom/*.log" (Alloy reads the host\'s /var/log only), got "/home/p/dev/research/logs/*.log"',
    );
  });

  test("logs of another host that the environment does not have, or of the monitoring host itself", () => {
    expect(specError((s) => (s.monitoring.logs.otherHosts = { mac: { files: [{ name: 'syslog', service: 'syslog', paths: ['/var/log/syslog'] }] } }))).toBe(
      'environment "homelab": monitoring.logs.otherHosts.mac: expected one of "pc", got "mac"',
    );
    expect(specError((s) => (s.monitoring.logs.otherHosts = { alienware: s.monitoring.logs.otherHosts.pc }))).toBe(
      'environment "homelab": monitoring.logs.otherHosts.alienware: expected one of "pc": the monitoring host\'s logs are the sources beside otherHosts, got "alienware"',
    );
  });

  test('another host without a network for its Alloy container', () => {
    expect(specError((s) => delete s.runtime.docker.hosts.pc.network)).toBe(
      'environment "homelab": runtime.docker.hosts.pc.network: expected a network { subnet, gateway }: logs.otherHosts.pc runs an Alloy container there, got nothing',
    );
  });

  test('another host pushing to a monitoring host without an IPv4 address', () => {
    expect(specError((s) => (s.runtime.docker.hosts.alienware.address = 'alienware.lan'))).toBe(
      'environment "homelab": runtime.docker.hosts.alienware.address: expected an IPv4 address: Loki publishes its push port there for the Alloy on pc, got "alienware.lan"',
    );
  });

  test("another host's file outside its /var/log and its listed directories", () => {
    expect(specError((s) => (s.monitoring.logs.otherHosts.pc.files[1].paths = ['/home/p/dev/other/*.log']))).toBe(
      'environment "homelab": monitoring.logs.otherHosts.pc.files[1].paths[0]: expected a file or glob under /var/log/ or /home/p/dev/research/logs/ such as "/home/p/dev/research/logs/*.log" (the host directories Alloy reads), got "/home/p/dev/other/*.log"',
    );
  });

  test("another host's directory that would mount more than logs, or that no file job reads", () => {
    expect(specError((s) => (s.monitoring.logs.otherHosts.pc.directories = ['/home']))).toMatch(
      /^environment "homelab": monitoring.logs\.otherHosts\.pc\.directories\[0\]: expected an absolute directory at least two levels deep, .*, got "\/home"$/,
    );
    expect(specError((s) => s.monitoring.logs.otherHosts.pc.files.pop())).toBe(
      'environment "homelab": monitoring.logs.otherHosts.pc.directories[0]: expected a directory a file job reads (it is mounted for them only), got "/home/p/dev/research/logs"',
    );
  });

  test('another host with no source of logs', () => {
    expect(specError((s) => (s.monitoring.logs.otherHosts.pc = {}))).toBe('environment "homelab": monitoring.logs.otherHosts.pc: expected at least one source of logs: containers, journal or files, got {}');
  });

  test('a file job named like the container job', () => {
    expect(specError((s) => (s.monitoring.logs.files[1].name = 'docker'))).toBe(
      'environment "homelab": monitoring.logs.files[1].name: expected a name no other logs job has ("docker", "syslog" taken), got "docker"',
    );
  });

  test('a file job setting a label Alloy sets', () => {
    expect(specError((s) => (s.monitoring.logs.files[0].labels = { service: 'other' }))).toBe(
      'environment "homelab": monitoring.logs.files[0].labels.service: expected no "job", "host" or "service" label here: Alloy sets them (use job and service), got "other"',
    );
  });

  test('a file job setting a label of Alloy\'s own, which the spec refuses before the build would', () => {
    expect(specError((s) => (s.monitoring.logs.files[0].labels = { __path__: 'x' }))).toBe(
      'environment "homelab": monitoring.logs.files[0].labels.__path__: expected no "__..." label here: Alloy keeps them for itself (paths set __path__), got "x"',
    );
  });

  test('a timestamp stage that comes before the regex extracting its field', () => {
    expect(specError((s) => s.monitoring.logs.files[0].pipeline.shift(), lloom)).toBe(
      'environment "lloom": monitoring.logs.files[0].pipeline[0].timestamp.source: expected a field an earlier stage extracts (none does yet: add a regex or json stage first), got "timestamp"',
    );
  });

  test('a label no stage extracts', () => {
    expect(specError((s) => s.monitoring.logs.files[0].pipeline[2].labels.push('node'), lloom)).toBe(
      'environment "lloom": monitoring.logs.files[0].pipeline[2].labels[2]: expected a field an earlier stage extracts: one of "timestamp", "level", "component", "message", got "node"',
    );
  });

  test('a timestamp format Alloy does not name', () => {
    expect(specError((s) => (s.monitoring.logs.files[0].pipeline[1].timestamp.format = 'ISO8601'), lloom)).toBe(
      `environment "lloom": monitoring.logs.files[0].pipeline[1].timestamp.format: expected one of ${TIMESTAMP_FORMATS.map((f) => `"${f}"`).join(', ')}, got "ISO8601"`,
    );
  });

  test('a stage with two kinds', () => {
    expect(specError((s) => (s.monitoring.logs.files[0].pipeline[2].timestamp = { source: 'timestamp', format: 'RFC3339' }), lloom)).toBe(
      'environment "lloom": monitoring.logs.files[0].pipeline[2]: expected exactly one of regex, json, timestamp or labels, got {"timestamp":{"source":"timestamp","format":"RFC3339"},"labels":["level","com...',
    );
  });

  test('a regex with JavaScript\'s named groups', () => {
    expect(specError((s) => (s.monitoring.logs.files[0].pipeline[0].regex.expression = '^(?<timestamp>\\S+)'), lloom)).toBe(
      'environment "lloom": monitoring.logs.files[0].pipeline[0].regex.expression: expected an RE2 regular expression with groups written (?P<name>...), got "^(?<timestamp>\\\\S+)"',
    );
  });

  test('a journal unit written with its suffix', () => {
    expect(specError((s) => (s.monitoring.logs.journal.units[1] = 'rbee-hive.service'), llamaOrch)).toBe(
      'environment "llama-orch": monitoring.logs.journal.units[1]: expected a systemd service name without ".service", such as "queen-rbee", got "rbee-hive.service"',
    );
  });

  test('a stream retention for a job Alloy does not ship', () => {
    expect(specError((s) => (s.monitoring.logs.streamRetention[0].selector = '{job="audit"}'), llamaOrch)).toBe(
      'environment "llama-orch": monitoring.logs.streamRetention[0].selector: expected a selector of a job Alloy ships: one of "systemd-journal", "llama-orch-audit", got "{job=\\"audit\\"}"',
    );
  });

  test('a stream retention that is not a selector', () => {
    expect(specError((s) => (s.monitoring.logs.streamRetention[0].selector = 'job=llama-orch-audit'), llamaOrch)).toBe(
      'environment "llama-orch": monitoring.logs.streamRetention[0].selector: expected a LogQL stream selector such as \'{job="llama-orch-audit"}\', got "job=llama-orch-audit"',
    );
  });

  test('a scrape job taking the name Loki is scraped under', () => {
    expect(specError((s) => (s.monitoring.jobs[2].name = 'loki'))).toBe(
      'environment "homelab": monitoring.jobs[2].name: expected a name other than "alertmanager", "loki", "alloy": the environment\'s own alertmanager, loki, alloy are scraped under those names, got "loki"',
    );
  });

  test('a sampling rate written as a percentage', () => {
    expect(specError((s) => (s.monitoring.traces.samplingRate = 10), lloom)).toBe(
      'environment "lloom": monitoring.traces.samplingRate: expected a probability from 0 to 1, such as 0.1 for 10% of requests, got 10',
    );
  });

  test('a span retention that is not whole hours', () => {
    expect(specError((s) => (s.monitoring.traces.retention = '90m'), lloom)).toBe(
      'environment "lloom": monitoring.traces.retention: expected a whole number of hours such as "72h" or "7d" (Badger\'s span TTL), got "90m"',
    );
  });
});

const badValue = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constant('5 minutes'),
  fc.constant('/etc/passwd'),
  fc.constant('(?P<x'),
  fc.constant('{job="nope"}'),
  fc.constant('job'),
  fc.constant(-1),
  fc.constant(1.5),
  fc.constant(true),
  fc.constant([]),
  fc.constant({}),
  fc.string({ maxLength: 8 }),
);

/** One clear error: the environment, a field path, what was expected and what was given. */
const CLEAR_ERROR = /^environment "[^"]+": [^\n:]+: expected [^\n]+, got [^\n]+$/;

describe('malformed logs and traces sections', () => {
  const withLogs = ENVIRONMENTS.filter((e) => e.monitoring.logs || e.monitoring.traces);

  test.each(withLogs.map((e) => [e.name, e] as const))('%s: yield one clear error, or a stack that synthesizes', (_name, spec) => {
    // GIVEN up to three bad values anywhere under logs and traces
    const targets = specPaths({ logs: spec.monitoring.logs, traces: spec.monitoring.traces }).filter((p) => p.length > 1 && (p[0] === 'logs' ? spec.monitoring.logs : spec.monitoring.traces));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), badValue), { minLength: 1, maxLength: 3 }), (changes) => {
        const broken = clone(spec) as any;
        for (const [at, value] of changes) {
          const target = targets[at % targets.length];
          const parent = target.slice(0, -1).reduce((o: any, k) => (o === null || typeof o !== 'object' ? undefined : o[k]), broken);
          if (parent !== null && typeof parent === 'object') parent[target[target.length - 1]] = value;
        }
        // WHEN the environment is built from it
        let stack: EnvironmentStack | undefined;
        try {
          stack = new EnvironmentStack(testApp(), broken);
        } catch (error) {
          // THEN the error is ours, one line, naming the field
          if (!(error instanceof ConfigError)) throw new Error(`not a ConfigError: ${String(error)}`);
          if (!CLEAR_ERROR.test(error.message)) throw new Error(`unclear message: ${error.message}`);
          return;
        }
        // OR it was still valid, and it synthesizes
        Testing.synth(stack);
      }),
      { numRuns: 60, seed: 4 },
    );
  });
});
