import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { CertificateAuthority } from '../../../runtimes/docker/certificates';
import { LokiPromtail, LokiPromtailProps } from '../../../runtimes/docker/loki-promtail';
import { ConfigError } from '../../../lib/errors';
import { cleanupOutdirs, testApp } from '../../support/synth';

afterAll(cleanupOutdirs);

/** The message building LokiPromtail with these props throws. */
function errorFor(props: Partial<LokiPromtailProps>): string {
  const stack = new TerraformStack(testApp(), 'test');
  const host = new DockerHost(stack, 'box', { engine: 'local', network: { name: 'env', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
  try {
    new LokiPromtail(stack, 'logs', { host, namePrefix: 'env', retention: '7d', containers: true, ...props });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the props were accepted');
}

const file = { name: 'app', service: 'app', paths: ['/var/log/app/*.log'] };

describe('LokiPromtail errors name the construct, the field, what was given and what is expected', () => {
  test('a retention Loki cannot delete by: not whole days', () => {
    // GIVEN a retention of 36 hours THEN Loki refuses it by name
    expect(errorFor({ retention: '36h' })).toBe(
      'test/logs/loki: retention: expected a whole number of days such as "7d" or "90d" (Loki deletes day-long index tables), got "36h"',
    );
  });

  test('a stream retention that is not a stream selector', () => {
    expect(errorFor({ streamRetention: [{ selector: 'job=audit', period: '90d' }] })).toBe(
      'test/logs/loki: streamRetention[0].selector: expected a LogQL stream selector such as \'{job="llama-orch-audit"}\', got "job=audit"',
    );
  });

  test('a stream retention for a job nothing ships', () => {
    expect(errorFor({ streamRetention: [{ selector: '{job="audit"}', period: '90d' }] })).toBe(
      'test/logs: streamRetention[0].selector: expected a selector of a job Alloy ships: one of "docker", got "{job=\\"audit\\"}"',
    );
  });

  test('no source of logs at all', () => {
    expect(errorFor({ containers: false })).toBe(
      'test/logs/alloy: containers, journal, files: expected at least one source of logs: containers, journal or files, got {"containers":false}',
    );
  });

  test('a file outside /var/log', () => {
    expect(errorFor({ files: [{ ...file, paths: ['/home/p/dev/research/logs/*.log'] }] })).toBe(
      'test/logs/alloy: files[0].paths[0]: expected a file or glob under /var/log/ such as "/var/log/lloom/*.log" (Alloy reads the host\'s /var/log only), got "/home/p/dev/research/logs/*.log"',
    );
  });

  test('a path that climbs out of /var/log', () => {
    expect(errorFor({ files: [{ ...file, paths: ['/var/log/../../etc/shadow'] }] })).toMatch(/^test\/logs\/alloy: files\[0\]\.paths\[0\]: expected a file or glob under \/var\/log\//);
  });

  test('a file job named like a built-in one', () => {
    expect(errorFor({ files: [{ ...file, name: 'docker' }] })).toBe('test/logs/alloy: files[0].name: expected a name no other logs job has ("docker" taken), got "docker"');
  });

  test('a file job that sets a label Alloy owns', () => {
    expect(errorFor({ files: [{ ...file, labels: { host: 'elsewhere' } }] })).toBe(
      'test/logs/alloy: files[0].labels.host: expected no "job", "host" or "service" label here: Alloy sets them (use job and service), got "elsewhere"',
    );
  });

  test('a file job that sets a label of Alloy\'s own, such as __path__', () => {
    expect(errorFor({ files: [{ ...file, labels: { __path__: '/etc/shadow' } }] })).toBe(
      'test/logs/alloy: files[0].labels.__path__: expected no "__..." label here: Alloy keeps them for itself (paths set __path__), got "/etc/shadow"',
    );
  });

  test('they are ConfigErrors, which the synth prints without a stack trace', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const host = new DockerHost(stack, 'box', { engine: 'local', network: { name: 'env', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
    expect(() => new LokiPromtail(stack, 'logs', { host, namePrefix: 'env', retention: '7d', containers: false })).toThrow(ConfigError);
  });

  test('a labels stage naming a field no stage extracts', () => {
    const pipeline = [{ regex: { expression: '^(?P<level>\\S+)' } }, { labels: ['component'] }];
    expect(errorFor({ files: [{ ...file, pipeline }] })).toBe(
      'test/logs/alloy: files[0].pipeline[1].labels[0]: expected a field an earlier stage extracts: one of "level", got "component"',
    );
  });

  test('a timestamp stage before anything is extracted', () => {
    const pipeline = [{ timestamp: { source: 'ts', format: 'RFC3339' as const } }];
    expect(errorFor({ files: [{ ...file, pipeline }] })).toBe(
      'test/logs/alloy: files[0].pipeline[0].timestamp.source: expected a field an earlier stage extracts (none does yet: add a regex or json stage first), got "ts"',
    );
  });

  test('a regex in JavaScript syntax, which RE2 rejects', () => {
    expect(errorFor({ files: [{ ...file, pipeline: [{ regex: { expression: '^(?<level>\\S+)' } }] }] })).toBe(
      'test/logs/alloy: files[0].pipeline[0].regex.expression: expected an RE2 regular expression with groups written (?P<name>...), got "^(?<level>\\\\S+)"',
    );
  });

  test('a regex without a named group', () => {
    expect(errorFor({ files: [{ ...file, pipeline: [{ regex: { expression: '^(\\S+)' } }] }] })).toBe(
      'test/logs/alloy: files[0].pipeline[0].regex.expression: expected at least one named group (?P<name>...): only named groups are extracted, got "^(\\\\S+)"',
    );
  });

  test('a stage with two kinds', () => {
    const pipeline = [{ regex: { expression: '(?P<a>x)' }, labels: ['a'] }];
    expect(errorFor({ files: [{ ...file, pipeline }] })).toBe(
      'test/logs/alloy: files[0].pipeline[0]: expected exactly one of regex, json, timestamp or labels, got {"regex":{"expression":"(?P<a>x)"},"labels":["a"]}',
    );
  });

  test('a log directory that would mount system state', () => {
    // GIVEN directories beyond /var/log: too shallow, the Docker socket's, a glob, one that climbs
    for (const dir of ['/home', '/run/user/1000', '/var/run/docker', '/home/p/*/logs', '/home/p/../../etc']) {
      const paths = [`${dir}/a.log`];
      // THEN each is refused before anything is mounted
      expect(errorFor({ files: [{ ...file, paths }], directories: [dir] })).toBe(
        `test/logs/alloy: directories[0]: expected an absolute directory at least two levels deep, without wildcards and outside /etc, /proc, /sys, /dev, /run, /var/run, /var/log, /var/lib, /root and /boot, such as "/home/p/dev/research/logs", got "${dir}"`,
      );
    }
  });

  test('a log directory no file job reads', () => {
    expect(errorFor({ files: [file], directories: ['/home/p/dev/research/logs'] })).toBe(
      'test/logs/alloy: directories[0]: expected a directory a file job reads (it is mounted for them only), got "/home/p/dev/research/logs"',
    );
  });

  test('a file outside /var/log and outside the listed directories', () => {
    const files = [{ ...file, paths: ['/home/p/dev/research/logs/*.log', '/home/p/notes/*.log'] }];
    expect(errorFor({ files, directories: ['/home/p/dev/research/logs'] })).toBe(
      'test/logs/alloy: files[0].paths[1]: expected a file or glob under /var/log/ or /home/p/dev/research/logs/ such as "/home/p/dev/research/logs/*.log" (the host directories Alloy reads), got "/home/p/notes/*.log"',
    );
  });

  test('another host that is Loki\'s own, or named twice', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const host = new DockerHost(stack, 'box', { engine: 'local', address: '192.168.1.10', network: { name: 'env', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
    const remote = new DockerHost(stack, 'remote', { engine: 'ssh://me@192.168.1.20:22', address: '192.168.1.20', network: { name: 'env', subnet: '172.31.1.0/24', gateway: '172.31.1.1' } });
    const build = (id: string, otherHosts: LokiPromtailProps['otherHosts']) => () => new LokiPromtail(stack, id, { host, namePrefix: 'env', retention: '7d', containers: true, otherHosts });
    expect(build('a', [{ host, files: [file] }])).toThrow('test/a: otherHosts[0].host: expected a host other than "box" and the other otherHosts, got "box"');
    expect(build('b', [{ host: remote, files: [file] }, { host: remote, containers: true }])).toThrow('test/b: otherHosts[1].host: expected a host other than "box" and the other otherHosts, got "remote"');
  });

  test('other hosts push to a Loki whose host has no IPv4 address to publish on', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const host = new DockerHost(stack, 'box', { engine: 'local', address: 'box.lan', network: { name: 'env', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
    const remote = new DockerHost(stack, 'remote', { engine: 'ssh://me@192.168.1.20:22', address: '192.168.1.20', network: { name: 'env', subnet: '172.31.1.0/24', gateway: '172.31.1.1' } });
    const authority = new CertificateAuthority(stack, 'ca', { environment: 'env' });
    expect(() => new LokiPromtail(stack, 'logs', { host, namePrefix: 'env', retention: '7d', containers: true, authority, otherHosts: [{ host: remote, files: [file] }] })).toThrow(
      'test/logs/loki: host "box" address: expected an IPv4 address to publish the push port on (lan is set), got "box.lan"',
    );
  });

  test('a journal unit written with its suffix', () => {
    expect(errorFor({ journal: { units: ['queen-rbee.service'] } })).toBe(
      'test/logs/alloy: journal.units[0]: expected a systemd service name without ".service", such as "queen-rbee", got "queen-rbee.service"',
    );
  });
});
