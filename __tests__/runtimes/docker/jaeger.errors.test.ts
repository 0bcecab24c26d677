import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { Jaeger, JaegerProps } from '../../../runtimes/docker/jaeger';
import { cleanupOutdirs, testApp } from '../../support/synth';

afterAll(cleanupOutdirs);

function errorFor(props: Partial<JaegerProps>): string {
  const stack = new TerraformStack(testApp(), 'test');
  const host = new DockerHost(stack, 'box', { engine: 'local', network: { name: 'env', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
  try {
    new Jaeger(stack, 'traces', { host, namePrefix: 'env', ...props });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the props were accepted');
}

describe('Jaeger errors name the construct, the field, what was given and what is expected', () => {
  test('a span retention that is not whole hours', () => {
    // GIVEN 90 minutes THEN Badger's TTL is refused by name
    expect(errorFor({ retention: '90m' })).toBe('test/traces: retention: expected a whole number of hours such as "72h" or "7d" (Badger\'s span TTL), got "90m"');
  });

  test('a sampling rate written as a percentage', () => {
    expect(errorFor({ samplingRate: 10 })).toBe('test/traces: samplingRate: expected a probability from 0 to 1, such as 0.1 for 10% of requests, got 10');
  });

  test('a negative sampling rate', () => {
    expect(errorFor({ samplingRate: -0.1 })).toBe('test/traces: samplingRate: expected a probability from 0 to 1, such as 0.1 for 10% of requests, got -0.1');
  });
});
