import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { PrometheusServer } from '../../../runtimes/docker/prometheus-server';
import { Jaeger, JaegerProps } from '../../../runtimes/docker/jaeger';
import { cleanupOutdirs, container, resourcesOfType, synthJson, testApp, TfJson, uploadedText } from '../../support/synth';

afterAll(cleanupOutdirs);

function build(props: Partial<JaegerProps> = {}, join?: string[]): { json: TfJson; jaeger: Jaeger; prometheus: PrometheusServer } {
  const stack = new TerraformStack(testApp(), 'test');
  const host = new DockerHost(stack, 'box', { engine: 'local', network: { name: 'env', subnet: '172.31.0.0/24', gateway: '172.31.0.1', join } });
  const prometheus = new PrometheusServer(stack, 'prometheus', { host, namePrefix: 'env' });
  const jaeger = new Jaeger(stack, 'traces', { host, namePrefix: 'env', prometheus, ...props });
  return { json: synthJson(stack), jaeger, prometheus };
}

/** KEY=value env entries as a map. */
function envOf(c: Record<string, any>): Record<string, string> {
  return Object.fromEntries((c.env as string[]).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

describe('Jaeger', () => {
  test('publishes the seed\'s agent, sampling, UI, collector and Zipkin ports plus OTLP, with their protocols, on 127.0.0.1', () => {
    // GIVEN a Jaeger
    const c = container(build().json, 'env-jaeger');
    // THEN exactly these ports are published, UDP for the agent's thrift ports, all on loopback
    const ports = c.ports.map((p: { internal: number; external: number; protocol: string; ip: string }) => `${p.ip}:${p.external}->${p.internal}/${p.protocol}`);
    expect(ports).toEqual([
      '127.0.0.1:5775->5775/udp',
      '127.0.0.1:6831->6831/udp',
      '127.0.0.1:6832->6832/udp',
      '127.0.0.1:5778->5778/tcp',
      '127.0.0.1:16686->16686/tcp',
      '127.0.0.1:14268->14268/tcp',
      '127.0.0.1:14250->14250/tcp',
      '127.0.0.1:9411->9411/tcp',
      '127.0.0.1:4317->4317/tcp',
      '127.0.0.1:4318->4318/tcp',
    ]);
    // AND the admin port stays on the stack network (Prometheus and the healthcheck use it)
    expect(ports.some((p: string) => p.includes('14269'))).toBe(false);
    // AND Zipkin listens where the seed's COLLECTOR_ZIPKIN_HOST_PORT says, OTLP is on
    expect(envOf(c)).toMatchObject({ COLLECTOR_ZIPKIN_HOST_PORT: ':9411', COLLECTOR_OTLP_ENABLED: 'true' });
  });

  test('keeps spans in Badger, not ephemeral, on a named volume a deploy never destroys', () => {
    const { json } = build({ retention: '7d' });
    const c = container(json, 'env-jaeger');
    const env = envOf(c);
    expect(env).toMatchObject({ SPAN_STORAGE_TYPE: 'badger', BADGER_EPHEMERAL: 'false', BADGER_SPAN_STORE_TTL: '168h' });
    // THEN both Badger directories are inside the volume's mount
    const [mount] = c.volumes;
    expect(mount.volume_name).toMatch(/^\$\{docker_volume\.traces_service_volume-env-jaeger-data_[0-9A-F]+\.name\}$/);
    expect(env.BADGER_DIRECTORY_KEY.startsWith(`${mount.container_path}/`)).toBe(true);
    expect(env.BADGER_DIRECTORY_VALUE.startsWith(`${mount.container_path}/`)).toBe(true);
    expect(env.BADGER_DIRECTORY_KEY).not.toBe(env.BADGER_DIRECTORY_VALUE);
    expect(resourcesOfType(json, 'docker_volume').find((v) => v.name === 'env-jaeger-data')?.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('keeps spans 72 hours unless told otherwise', () => {
    expect(envOf(container(build().json, 'env-jaeger')).BADGER_SPAN_STORE_TTL).toBe('72h');
  });

  test('serves its sampling rate to clients as the default probabilistic strategy', () => {
    // GIVEN lloom's 10%
    const c = container(build({ samplingRate: 0.1 }).json, 'env-jaeger');
    // THEN the strategies file Jaeger is pointed at says so
    const file = envOf(c).SAMPLING_STRATEGIES_FILE;
    expect(JSON.parse(uploadedText(c, file))).toEqual({ default_strategy: { type: 'probabilistic', param: 0.1 } });
    // AND without a rate, every request is traced
    const all = container(build().json, 'env-jaeger');
    expect(JSON.parse(uploadedText(all, file))).toEqual({ default_strategy: { type: 'probabilistic', param: 1 } });
  });

  test('runs a pinned all-in-one with a healthcheck on the admin port, and Prometheus scrapes that port', () => {
    const { json, prometheus, jaeger } = build();
    expect(resourcesOfType(json, 'docker_image').map((i) => i.name)).toContain('jaegertracing/all-in-one:1.50.0');
    const c = container(json, 'env-jaeger');
    expect(c.healthcheck.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:14269/']);
    expect(c.privileged).toBe(false);
    expect(prometheus.findScrapeJob('jaeger')?.targets).toEqual(['env-jaeger:14269']);
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
