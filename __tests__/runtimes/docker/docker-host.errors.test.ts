import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { DockerService, DockerServiceProps, httpHealthcheck } from '../../../runtimes/docker/docker-service';
import { ConfigError } from '../../../lib/errors';
import { specError } from '../../support/spec';
import { cleanupOutdirs, testApp } from '../../support/synth';

afterAll(cleanupOutdirs);

/** Two services on one Docker host, the second with `second`'s props over the first's. */
function twoServices(first: Partial<DockerServiceProps>, second: Partial<DockerServiceProps>): () => void {
  return () => {
    const stack = new TerraformStack(testApp(), 'test');
    const host = new DockerHost(stack, 'box', { engine: 'local', network: { name: 't', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
    const base = { host, image: 'prom/prometheus:v2.45.0', memoryMb: 64, healthcheck: httpHealthcheck(1, '/') };
    new DockerService(stack, 'a', { ...base, name: 'a', ...first });
    new DockerService(stack, 'b', { ...base, name: 'b', ...second });
  };
}

describe('one Docker host holds each container name, published port and volume once', () => {
  test('two containers with one name', () => {
    expect(twoServices({ name: 'x' }, { name: 'x' })).toThrow(
      new ConfigError('test/b: container name: expected a container name no other container on host "box" has (test/a has "x"), got "x"'),
    );
  });

  test('two containers publishing one host port', () => {
    expect(twoServices({ ports: [{ internal: 9090 }] }, { ports: [{ internal: 80, external: 9090 }] })).toThrow(
      new ConfigError('test/b: published port: expected a published port no other container on host "box" has (test/a has "127.0.0.1:9090/tcp"), got "127.0.0.1:9090/tcp"'),
    );
  });

  test('a port on every address clashes with the same port on loopback', () => {
    // Served with TLS and authentication, as every port beyond loopback must be (docs/security.md).
    const wide = { internal: 9090, ip: '0.0.0.0', exposedBecause: 'scraped from the LAN by a test', tls: true, authenticated: true };
    expect(twoServices({ ports: [{ internal: 9090 }] }, { ports: [wide] })).toThrow(
      new ConfigError('test/b: published port: expected a published port no other container on host "box" has (test/a has "127.0.0.1:9090/tcp"), got "0.0.0.0:9090/tcp"'),
    );
  });

  test('the same port number over TCP and UDP, or on two addresses, is no clash', () => {
    const lan = { internal: 9090, ip: '192.168.1.5', exposedBecause: 'scraped from the LAN by a test', tls: true, authenticated: true };
    expect(twoServices({ ports: [{ internal: 9090 }] }, { ports: [{ internal: 9090, protocol: 'udp' }, lan] })).not.toThrow();
  });

  test('two containers mounting one volume name', () => {
    expect(twoServices({ volumes: { '/data': 'shared-data' } }, { volumes: { '/var/lib': 'shared-data' } })).toThrow(
      new ConfigError('test/b: volume name: expected a volume name no other container on host "box" has (test/a has "shared-data"), got "shared-data"'),
    );
  });
});

describe('a placement names each host once, and one exporter of a kind per host', () => {
  test('a host listed twice in an exporter placement', () => {
    expect(specError((s) => (s.runtime.docker.placements.node.on = ['alienware', 'pc', 'alienware']))).toBe(
      'environment "homelab": runtime.docker.placements.node.on[2]: expected a host not listed already (on[0] is "alienware"), got "alienware"',
    );
  });

  test('two jobs running the same exporter on one host (one container name)', () => {
    expect(specError((s) => {
      s.monitoring.jobs.push({ name: 'node-again', exporter: { kind: 'node-exporter' } });
      s.runtime.docker.placements['node-again'] = { on: ['pc'] };
    })).toBe(
      'environment "homelab": runtime.docker.placements.node-again.on[0]: expected a host where no other job runs a node-exporter (monitoring.jobs[0] runs the container "homelab-node-exporter" there), got "pc"',
    );
  });

});
