import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../constructs/docker-host';
import { LokiPromtail, LokiPromtailProps } from '../../constructs/loki-promtail';
import { cleanupOutdirs, testApp } from '../support/synth';

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
      'test/logs: streamRetention[0].selector: expected a job Promtail ships ("docker"), got "audit"',
    );
  });

  test('no source of logs at all', () => {
    expect(errorFor({ containers: false })).toBe('test/logs/promtail: containers, journal, files: expected at least one source of logs, got nothing');
  });

  test('a file outside /var/log', () => {
    expect(errorFor({ files: [{ ...file, paths: ['/home/p/dev/research/logs/*.log'] }] })).toBe(
      'test/logs/promtail: files[0].paths[0]: expected a file or glob under /var/log/ such as "/var/log/lloom/*.log" (Promtail reads the host\'s /var/log only), got "/home/p/dev/research/logs/*.log"',
    );
  });

  test('a path that climbs out of /var/log', () => {
    expect(errorFor({ files: [{ ...file, paths: ['/var/log/../../etc/shadow'] }] })).toMatch(/^test\/logs\/promtail: files\[0\]\.paths\[0\]: expected a file or glob under \/var\/log\//);
  });

  test('a file job named like a built-in one', () => {
    expect(errorFor({ files: [{ ...file, name: 'docker' }] })).toBe('test/logs/promtail: files[0].name: expected a job name no other scrape job has, got "docker"');
  });

  test('a file job that sets a label Promtail owns', () => {
    expect(errorFor({ files: [{ ...file, labels: { host: 'elsewhere' } }] })).toBe(
      'test/logs/promtail: files[0].labels.host: expected a label other than "job", "host", "service" and "__..." (set them with job and service), got "elsewhere"',
    );
  });

  test('a labels stage naming a field no stage extracts', () => {
    const pipeline = [{ regex: { expression: '^(?P<level>\\S+)' } }, { labels: ['component'] }];
    expect(errorFor({ files: [{ ...file, pipeline }] })).toBe(
      'test/logs/promtail: files[0].pipeline[1].labels[0]: expected a field an earlier stage extracts: one of "level", got "component"',
    );
  });

  test('a timestamp stage before anything is extracted', () => {
    const pipeline = [{ timestamp: { source: 'ts', format: 'RFC3339' as const } }];
    expect(errorFor({ files: [{ ...file, pipeline }] })).toBe(
      'test/logs/promtail: files[0].pipeline[0].timestamp.source: expected a field an earlier stage extracts (none does yet: add a regex or json stage first), got "ts"',
    );
  });

  test('a regex in JavaScript syntax, which Promtail 2.9\'s RE2 rejects', () => {
    expect(errorFor({ files: [{ ...file, pipeline: [{ regex: { expression: '^(?<level>\\S+)' } }] }] })).toBe(
      'test/logs/promtail: files[0].pipeline[0].regex.expression: expected an RE2 regular expression with groups written (?P<name>...), got "^(?<level>\\\\S+)"',
    );
  });

  test('a regex without a named group', () => {
    expect(errorFor({ files: [{ ...file, pipeline: [{ regex: { expression: '^(\\S+)' } }] }] })).toBe(
      'test/logs/promtail: files[0].pipeline[0].regex.expression: expected at least one named group (?P<name>...): only named groups are extracted, got "^(\\\\S+)"',
    );
  });

  test('a stage with two kinds', () => {
    const pipeline = [{ regex: { expression: '(?P<a>x)' }, labels: ['a'] }];
    expect(errorFor({ files: [{ ...file, pipeline }] })).toBe(
      'test/logs/promtail: files[0].pipeline[0]: expected exactly one of regex, json, timestamp or labels, got {"regex":{"expression":"(?P<a>x)"},"labels":["a"]}',
    );
  });

  test('a journal unit written with its suffix', () => {
    expect(errorFor({ journal: { units: ['queen-rbee.service'] } })).toBe(
      'test/logs/promtail: journal.units[0]: expected a systemd service name without ".service", such as "queen-rbee", got "queen-rbee.service"',
    );
  });
});
