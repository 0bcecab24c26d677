import { TRACE_ID_REGEX } from '../../runtimes/docker/grafana-with-dashboards';
import { ENVIRONMENTS } from '../../environments';
import { cleanupOutdirs, container, fromTerraformLiteral, resourcesOfType, synthEveryEnvironment } from '../support/synth';

afterAll(cleanupOutdirs);

// GIVEN every environment, synthesized as `cdktf synth` does
const env = synthEveryEnvironment();

/** The stack's grafana_data_source resources, by type. */
function dataSources(name: string): Map<string, Record<string, any>> {
  const all = resourcesOfType(env(name).json, 'grafana_data_source');
  const byType = new Map(all.map((d) => [d.type as string, d]));
  if (byType.size !== all.length) throw new Error(`${name}: two data sources of one type`);
  return byType;
}

/** json_data as Grafana receives it: Terraform's escapes undone. */
function jsonData(ds: Record<string, any>): any {
  return JSON.parse(fromTerraformLiteral(ds.json_data_encoded as string));
}

/** What each environment's Grafana must read from: the backends its spec runs. */
const EXPECTED: Record<string, Array<[type: string, uid: string, url: string]>> = {
  homelab: [
    ['prometheus', 'homelab-prometheus', 'http://homelab-prometheus:9090'],
    ['loki', 'homelab-loki', 'https://homelab-loki-gateway:3100'],
  ],
  'llama-orch': [
    ['prometheus', 'llama-orch-prometheus', 'http://llama-orch-prometheus:9090'],
    ['loki', 'llama-orch-loki', 'http://llama-orch-loki:3100'],
  ],
  lloom: [
    ['prometheus', 'lloom-prometheus', 'http://lloom-prometheus:9090'],
    ['loki', 'lloom-loki', 'http://lloom-loki:3100'],
    ['jaeger', 'lloom-jaeger', 'http://lloom-jaeger:16686'],
  ],
  osmen: [
    ['prometheus', 'osmen-prometheus', 'http://osmen-prometheus:9090'],
    ['loki', 'osmen-loki', 'http://osmen-loki:3100'],
    ['jaeger', 'osmen-jaeger', 'http://osmen-jaeger:16686'],
  ],
};

describe('Grafana reads the logs and traces of its environment', () => {
  test('every environment is covered here', () => {
    expect(ENVIRONMENTS.map((e) => e.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.entries(EXPECTED))('%s: a data source per backend the spec runs, with its uid, type and URL', (name, expected) => {
    // WHEN the grafana_data_source resources are read
    const found = resourcesOfType(env(name).json, 'grafana_data_source').map((d) => [d.type, d.uid, d.url]);
    // THEN they are exactly the expected ones, Prometheus the only default
    expect(found.sort()).toEqual([...expected].sort());
    for (const d of resourcesOfType(env(name).json, 'grafana_data_source')) {
      expect({ uid: d.uid, default: d.is_default === true, provider: d.provider, access: d.access_mode }).toEqual({
        uid: d.uid,
        default: d.type === 'prometheus',
        provider: `grafana.${name.replace(/-/g, '_')}`,
        access: 'proxy',
      });
    }
  });

  test.each(ENVIRONMENTS.filter((e) => e.monitoring.logs).map((e) => [e.name] as const))('%s: the Loki data source points at the Loki the stack runs, by object', (name) => {
    // GIVEN the stack's LokiPromtail and its Loki container
    const { stack, json } = env(name);
    const loki = dataSources(name).get('loki')!;
    const url = new URL(loki.url);
    // (homelab's Loki is read through its gateway, the one way in from the LAN)
    const lokiContainer = container(json, name === 'homelab' ? `${name}-loki-gateway` : `${name}-loki`);
    const grafanaContainer = container(json, `${name}-grafana`);
    // THEN the URL is the construct's, its host Loki's alias on the network Grafana is on, its port Loki's
    expect(loki.url).toBe(stack.parts.logs?.lokiUrl);
    expect(lokiContainer.networks_advanced[0].aliases).toContain(url.hostname);
    expect(grafanaContainer.networks_advanced[0].name).toBe(lokiContainer.networks_advanced[0].name);
    expect(url.port).toBe('3100');
    expect(stack.parts.grafana.dataSources.loki).toEqual({ type: 'loki', uid: `${name}-loki` });
  });

  test.each([['lloom'], ['osmen']])('%s: a trace id in a log line opens the trace in the Jaeger data source of the same stack', (name) => {
    // GIVEN the Loki and Jaeger data sources of an environment that has both
    const { stack } = env(name);
    const loki = dataSources(name).get('loki')!;
    const jaeger = dataSources(name).get('jaeger')!;
    // THEN Loki's derived field points at the Jaeger uid, with the whole id as the query
    expect(jaeger.url).toBe(stack.parts.traces?.jaegerQueryUrl);
    expect(jsonData(loki).derivedFields).toEqual([
      { name: 'TraceID', matcherRegex: TRACE_ID_REGEX, url: '${__value.raw}', datasourceUid: jaeger.uid, urlDisplayLabel: 'Open trace in Jaeger' },
    ]);
    expect(jaeger.uid).toBe(`${name}-jaeger`);
    // AND Terraform receives ${__value.raw} escaped, so that it is not read as an interpolation
    expect(loki.json_data_encoded).toContain('"url":"$${__value.raw}"');
  });

  test.each([['homelab'], ['llama-orch']])('%s: logs without traces, so no Jaeger data source and no trace links', (name) => {
    const loki = dataSources(name).get('loki')!;
    expect(dataSources(name).has('jaeger')).toBe(false);
    expect(jsonData(loki)).toEqual(name === 'homelab' ? { maxLines: 1000, tlsAuthWithCACert: true } : { maxLines: 1000 });
  });

  test('homelab: Grafana reads Loki through its gateway as user grafana, with the password and the CA from Terraform', () => {
    const loki = dataSources('homelab').get('loki')!;
    expect(loki).toMatchObject({ url: 'https://homelab-loki-gateway:3100', basic_auth_enabled: true, basic_auth_username: 'grafana' });
    expect(loki.secure_json_data_encoded).toMatch(
      /^\$\{jsonencode\(\{"basicAuthPassword" = random_password\.logs_loki_grafana-user_password_[0-9A-F]+\.result, "tlsCACert" = tls_self_signed_cert\.certificate-authority_ca_[0-9A-F]+\.cert_pem\}\)\}$/,
    );
    expect(dataSources('llama-orch').get('loki')).not.toHaveProperty('basic_auth_enabled');
  });

  test('data sources are made once Grafana is up: each depends on the Grafana container', () => {
    for (const e of ENVIRONMENTS) {
      const grafanaId = Object.entries(env(e.name).json.resource.docker_container).find(([, c]) => c.name === `${e.name}-grafana`)![0];
      for (const d of resourcesOfType(env(e.name).json, 'grafana_data_source')) {
        expect({ env: e.name, uid: d.uid, dependsOn: d.depends_on }).toEqual({ env: e.name, uid: d.uid, dependsOn: [`docker_container.${grafanaId}`] });
      }
    }
  });
});
