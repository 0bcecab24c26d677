import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { DockerService, DockerServiceProps, httpHealthcheck } from '../../../runtimes/docker/docker-service';
import { cleanupOutdirs, testApp } from '../../support/synth';

afterAll(cleanupOutdirs);

function make(props: Partial<DockerServiceProps>, network = true): () => void {
  return () => {
    const stack = new TerraformStack(testApp(), 'test');
    const host = new DockerHost(stack, 'box', { engine: 'local', network: network ? { name: 't', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } : undefined });
    new DockerService(stack, 'svc', { host, name: 'x', image: 'prom/prometheus:v2.45.0', memoryMb: 64, healthcheck: httpHealthcheck(1, '/'), ...props });
  };
}

describe('DockerService errors', () => {
  test.each(['prom/prometheus:latest', 'prom/prometheus', 'grafana/grafana:'])('refuses the unpinned image %s', (image) => {
    expect(make({ image })).toThrow(`test/svc: image: expected an image with a pinned tag such as "prom/prometheus:v2.45.0" (not "latest", not untagged), got "${image}"`);
  });

  test('refuses a port bound beyond loopback without a reason', () => {
    expect(make({ ports: [{ internal: 80, ip: '0.0.0.0' }] })).toThrow('test/svc: ports[0].exposedBecause: expected the reason port 80 is reachable on 0.0.0.0 (or bind it to 127.0.0.1), got nothing');
  });

  test('refuses a port bound beyond loopback with a reason but without TLS and authentication', () => {
    const lan = { internal: 9091, ip: '192.168.68.58', exposedBecause: 'pc pushes its metrics here' };
    const message = 'test/svc: ports[0]: expected TLS and authentication on a port reachable beyond 127.0.0.1 (tls and authenticated), or the port bound to 127.0.0.1, got "192.168.68.58:9091 without TLS and authentication"';
    expect(make({ ports: [lan] })).toThrow(message);
    expect(make({ ports: [{ ...lan, tls: true }] })).toThrow(message);
    expect(make({ ports: [{ ...lan, authenticated: true }] })).toThrow(message);
  });

  test('refuses published ports on a host-network container', () => {
    expect(make({ networkMode: 'host', ports: [{ internal: 80 }] })).toThrow('test/svc: ports: expected no ports: a host-network container publishes none (give it a listen address instead), got [{"internal":80}]');
  });

  test('refuses a bridge container on a host without a network', () => {
    expect(make({}, false)).toThrow('test/box: network: expected a network { name, subnet, gateway }: a container on the stack network runs on this host, got nothing');
  });
});
