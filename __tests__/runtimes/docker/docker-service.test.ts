import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { DockerService, httpHealthcheck } from '../../../runtimes/docker/docker-service';
import { secretVariable } from '../../../lib/terraform';
import { cleanupOutdirs, container, resourcesOfType, synthJson, testApp, TfJson } from '../../support/synth';

afterAll(cleanupOutdirs);

function build(configure: (stack: TerraformStack, host: DockerHost) => void): TfJson {
  const stack = new TerraformStack(testApp(), 'test');
  const host = new DockerHost(stack, 'box', { engine: 'local', address: '10.0.0.1', network: { name: 'test', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
  configure(stack, host);
  return synthJson(stack);
}

describe('DockerService', () => {
  test('runs a pinned image kept locally, restarting unless stopped, with a healthcheck the deploy waits for', () => {
    // GIVEN a service
    const json = build((stack, host) => {
      new DockerService(stack, 'svc', { host, name: 'web', image: 'prom/prometheus:v2.45.0', memoryMb: 512, healthcheck: httpHealthcheck(9090, '/-/healthy') });
    });
    // THEN the image is pinned and kept, and the container is wired as promised
    const [image] = resourcesOfType(json, 'docker_image');
    expect(image).toMatchObject({ name: 'prom/prometheus:v2.45.0', keep_locally: true });
    const c = container(json, 'web');
    expect(c).toMatchObject({
      restart: 'unless-stopped',
      wait: true,
      must_run: true,
      memory: 512,
      privileged: false,
      log_driver: 'json-file',
      log_opts: { 'max-size': '100m', 'max-file': '10' },
      healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:9090/-/healthy'], interval: '15s', retries: 5 },
    });
    expect(c.networks_advanced).toEqual([{ name: expect.stringMatching(/^\$\{docker_network\.box_network_[0-9A-F]+\.name\}$/), aliases: ['web'] }]);
    expect(resourcesOfType(json, 'docker_network')[0]).toMatchObject({ name: 'test', ipam_config: [{ subnet: '172.31.0.0/24', gateway: '172.31.0.1' }] });
  });

  test('publishes ports on 127.0.0.1 unless a reason to expose them is given, and the port serves TLS with authentication', () => {
    const json = build((stack, host) => {
      new DockerService(stack, 'svc', {
        host,
        name: 'web',
        image: 'prom/pushgateway:v1.6.2',
        memoryMb: 64,
        healthcheck: httpHealthcheck(9091, '/-/healthy'),
        ports: [{ internal: 9091 }, { internal: 9092, external: 19092, ip: '10.0.0.1', exposedBecause: 'the other machine pushes here', tls: true, authenticated: true }],
      });
    });
    expect(container(json, 'web').ports).toEqual([
      { internal: 9091, external: 9091, ip: '127.0.0.1', protocol: 'tcp' },
      { internal: 9092, external: 19092, ip: '10.0.0.1', protocol: 'tcp' },
    ]);
  });

  test('keeps data on named volumes that a deploy never destroys, and host paths read-only', () => {
    const json = build((stack, host) => {
      new DockerService(stack, 'svc', {
        host,
        name: 'db',
        image: 'prom/prometheus:v2.45.0',
        memoryMb: 64,
        healthcheck: httpHealthcheck(1, '/'),
        volumes: { '/prometheus': 'test-prometheus-data' },
        hostMounts: [{ hostPath: '/proc', containerPath: '/host/proc', why: 'stats' }],
      });
    });
    const [volume] = resourcesOfType(json, 'docker_volume');
    expect(volume).toMatchObject({ name: 'test-prometheus-data', lifecycle: { prevent_destroy: true } });
    expect(container(json, 'db').volumes).toEqual([
      { container_path: '/prometheus', volume_name: expect.stringMatching(/^\$\{docker_volume\..+\.name\}$/) },
      { container_path: '/host/proc', host_path: '/proc', read_only: true },
    ]);
  });

  test('uploads config files read-only, rendered at synth time, and secrets as variable references', () => {
    let service!: DockerService;
    let rendered = 'before';
    const json = build((stack, host) => {
      service = new DockerService(stack, 'svc', { host, name: 'am', image: 'prom/alertmanager:v0.25.0', memoryMb: 64, healthcheck: httpHealthcheck(9093, '/-/healthy') });
      service.addFile('/etc/am.yml', () => rendered);
      service.addSecretFile('/etc/secret', secretVariable(stack, 'api_key', 'key'));
      // WHEN the content changes after the file was added
      rendered = 'after';
    });
    // THEN the synthesized file holds the content at synth time, and the secret is a reference
    expect(container(json, 'am').upload).toEqual([
      { file: '/etc/am.yml', content: 'after', permissions: '0444' },
      { file: '/etc/secret', content: '${var.api_key}', permissions: '0444' },
    ]);
    expect(json.variable?.api_key).toMatchObject({ sensitive: true, type: 'string' });
    expect(json.variable?.api_key).not.toHaveProperty('default');
  });

  test('a host-network container joins no bridge network and shares the host namespaces it asks for', () => {
    const json = build((stack, host) => {
      new DockerService(stack, 'svc', { host, name: 'node', image: 'prom/node-exporter:v1.6.1', memoryMb: 64, healthcheck: httpHealthcheck(9100, '/metrics'), networkMode: 'host', pidMode: 'host' });
    });
    const c = container(json, 'node');
    expect(c).toMatchObject({ network_mode: 'host', pid_mode: 'host' });
    expect(c.networks_advanced).toBeUndefined();
    expect(resourcesOfType(json, 'docker_network')).toHaveLength(0);
  });

  test('a remote host gets an aliased provider over ssh', () => {
    const stack = new TerraformStack(testApp(), 'remote');
    new DockerHost(stack, 'local', { engine: 'local' });
    new DockerHost(stack, 'pc', { engine: 'ssh://p@192.168.68.50:22', address: '192.168.68.50' });
    const json = synthJson(stack);
    expect(json.provider?.docker).toEqual([
      { host: 'unix:///var/run/docker.sock' },
      { alias: 'pc', host: 'ssh://p@192.168.68.50:22', ssh_opts: ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10'] },
    ]);
  });
});
