import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { PrometheusServer } from '../../../runtimes/docker/prometheus-server';
import { Jaeger, JaegerProps } from '../../../runtimes/docker/jaeger';
import { cleanupOutdirs, container, resourcesOfType, synthJson, testApp, TfJson, uploadedText, uploadedYaml } from '../../support/synth';

afterAll(cleanupOutdirs);

function build(props: Partial<JaegerProps> = {}, join?: string[]): { json: TfJson; jaeger: Jaeger; prometheus: PrometheusServer } {
  const stack = new TerraformStack(testApp(), 'test');
  const host = new DockerHost(stack, 'box', { engine: 'local', network: { name: 'env', subnet: '172.31.0.0/24', gateway: '172.31.0.1', join } });
  const prometheus = new PrometheusServer(stack, 'prometheus', { host, namePrefix: 'env' });
  const jaeger = new Jaeger(stack, 'traces', { host, namePrefix: 'env', prometheus, ...props });
  return { json: synthJson(stack), jaeger, prometheus };
}

/** Jaeger v2's config.yaml as uploaded, parsed back. */
function configOf(c: Record<string, any>): any {
  return uploadedYaml(c, '/etc/jaeger/config.yaml');
}

describe('Jaeger', () => {
  test('publishes the seed\'s thrift, sampling, UI, collector and Zipkin ports plus OTLP, with their protocols, on 127.0.0.1', () => {
    // GIVEN a Jaeger
    const c = container(build().json, 'env-jaeger');
    // THEN exactly these ports are published, UDP for the thrift ports, all on loopback
    const ports = c.ports.map((p: { internal: number; external: number; protocol: string; ip: string }) => `${p.ip}:${p.external}->${p.internal}/${p.protocol}`);
    expect(ports).toEqual([
      '127.0.0.1:6831->6831/udp',
      '127.0.0.1:6832->6832/udp',
      '127.0.0.1:5778->5778/tcp',
      '127.0.0.1:5779->5779/tcp',
      '127.0.0.1:16686->16686/tcp',
      '127.0.0.1:14268->14268/tcp',
      '127.0.0.1:14250->14250/tcp',
      '127.0.0.1:9411->9411/tcp',
      '127.0.0.1:4317->4317/tcp',
      '127.0.0.1:4318->4318/tcp',
    ]);
    // AND the metrics and health ports stay on the stack network (Prometheus and the healthcheck use them)
    expect(ports.some((p: string) => p.includes('8888') || p.includes('13133'))).toBe(false);
    // AND every published port is one a receiver or extension of the config listens on, on every interface
    const config = configOf(c);
    const endpoints = [
      ...Object.values(config.receivers.otlp.protocols),
      ...Object.values(config.receivers.jaeger.protocols),
      config.receivers.zipkin,
      config.extensions.jaeger_query.http,
      config.extensions.remote_sampling.http,
      config.extensions.remote_sampling.grpc,
    ].map((e: any) => e.endpoint);
    expect(endpoints.sort()).toEqual(c.ports.map((p: { internal: number }) => `0.0.0.0:${p.internal}`).sort());
    expect(config.service.pipelines.traces).toEqual({ receivers: ['otlp', 'jaeger', 'zipkin'], processors: ['batch'], exporters: ['jaeger_storage_exporter'] });
  });

  test('keeps spans in Badger, not ephemeral, on a named volume a deploy never destroys', () => {
    const { json } = build({ retention: '7d' });
    const c = container(json, 'env-jaeger');
    const config = configOf(c);
    // THEN the exporter writes to, and the query reads from, one Badger backend
    const store = config.exporters.jaeger_storage_exporter.trace_storage;
    expect(config.extensions.jaeger_query.storage.traces).toBe(store);
    const badger = config.extensions.jaeger_storage.backends[store].badger;
    expect(badger).toMatchObject({ ephemeral: false, ttl: { spans: '168h' } });
    // AND both Badger directories are inside the volume's mount
    const [mount] = c.volumes;
    expect(mount.volume_name).toMatch(/^\$\{docker_volume\.traces_service_volume-env-jaeger-data_[0-9A-F]+\.name\}$/);
    expect(badger.directories.keys.startsWith(`${mount.container_path}/`)).toBe(true);
    expect(badger.directories.values.startsWith(`${mount.container_path}/`)).toBe(true);
    expect(badger.directories.keys).not.toBe(badger.directories.values);
    expect(resourcesOfType(json, 'docker_volume').find((v) => v.name === 'env-jaeger-data')?.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('keeps spans 72 hours unless told otherwise', () => {
    const config = configOf(container(build().json, 'env-jaeger'));
    expect(config.extensions.jaeger_storage.backends[config.exporters.jaeger_storage_exporter.trace_storage].badger.ttl.spans).toBe('72h');
  });

  test('serves its sampling rate to clients as the default probabilistic strategy', () => {
    // GIVEN lloom's 10%
    const c = container(build({ samplingRate: 0.1 }).json, 'env-jaeger');
    // THEN the strategies file the remote_sampling extension reads says so
    const file = configOf(c).extensions.remote_sampling.file.path;
    expect(JSON.parse(uploadedText(c, file))).toEqual({ default_strategy: { type: 'probabilistic', param: 0.1 } });
    // AND without a rate, every request is traced
    const all = container(build().json, 'env-jaeger');
    expect(JSON.parse(uploadedText(all, file))).toEqual({ default_strategy: { type: 'probabilistic', param: 1 } });
  });

  test('runs Jaeger v2 from its config file, with a healthcheck on the v2 health port, and Prometheus scrapes the metrics port', () => {
    const { json, prometheus, jaeger } = build();
    expect(resourcesOfType(json, 'docker_image').map((i) => i.name)).toContain('jaegertracing/jaeger:2.20.0');
    const c = container(json, 'env-jaeger');
    const config = configOf(c);
    expect(c.command).toEqual(['--config', 'file:/etc/jaeger/config.yaml']);
    // THEN the healthcheck asks healthcheckv2 on the port the config gives it
    expect(config.service.extensions).toEqual(expect.arrayContaining(['healthcheckv2', 'jaeger_storage', 'jaeger_query', 'remote_sampling']));
    expect(config.extensions.healthcheckv2).toEqual({ use_v2: true, http: { endpoint: '0.0.0.0:13133' } });
    expect(c.healthcheck.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:13133/status']);
    // AND Prometheus scrapes the port the telemetry's Prometheus reader serves
    expect(config.service.telemetry.metrics.readers).toEqual([{ pull: { exporter: { prometheus: { host: '0.0.0.0', port: 8888 } } } }]);
    expect(prometheus.findScrapeJob('jaeger')?.targets).toEqual(['env-jaeger:8888']);
    expect(c.privileged).toBe(false);
    expect(jaeger.jaegerQueryUrl).toBe('http://env-jaeger:16686');
    expect(jaeger.collectorUrl).toBe('http://env-jaeger:14268/api/traces');
    const source: { readonly jaegerQueryUrl: string } = jaeger;
    expect(source.jaegerQueryUrl).toBe(`http://${c.networks_advanced[0].aliases[0]}:16686`);
  });

  test('joins the application\'s network, so its containers send spans by name', () => {
    const c = container(build({}, ['osmen_default']).json, 'env-jaeger');
    expect(c.networks_advanced.map((n: { name: string }) => n.name)).toEqual([expect.stringMatching(/docker_network/), 'osmen_default']);
  });
});
