import { TerraformStack, TerraformVariable } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { PrometheusServer } from '../../../runtimes/docker/prometheus-server';
import {
  GrafanaWithDashboards,
  GrafanaWithDashboardsProps,
  LogsSource,
  TracesSource,
  TRACE_ID_REGEX,
} from '../../../runtimes/docker/grafana-with-dashboards';
import { GrafanaDashboard } from '../../../constructs/grafana';
import { terraformLiteral } from '../../../lib/terraform';
import { buildDashboard, Panels } from '../../../model/dashboards/common';
import { cleanupOutdirs, container, fromTerraformLiteral, resourcesOfType, synthJson, testApp, TfJson } from '../../support/synth';

afterAll(cleanupOutdirs);

/** A stand-in for the Loki construct another engineer writes: only the interface matters here. */
class FakeLoki implements LogsSource {
  readonly lokiUrl = 'http://test-loki:3100';
}

/** A stand-in for the Jaeger construct. */
class FakeJaeger implements TracesSource {
  readonly jaegerQueryUrl = 'http://test-jaeger:16686';
}

interface Built {
  stack: TerraformStack;
  grafana: GrafanaWithDashboards;
  synth: () => TfJson;
}

/** A stack with a local Docker host, a Prometheus server and Grafana on it. */
function build(props: Partial<GrafanaWithDashboardsProps> = {}): Built {
  const stack = new TerraformStack(testApp(), 'test');
  const host = new DockerHost(stack, 'docker', { engine: 'local', network: { name: 'test', subnet: '172.30.99.0/24', gateway: '172.30.99.1' } });
  const prometheus = new PrometheusServer(stack, 'prometheus', { host, namePrefix: 'test' });
  const grafana = new GrafanaWithDashboards(stack, 'grafana', { host, namePrefix: 'test', prometheus, ...props });
  return { stack, grafana, synth: () => synthJson(stack) };
}

function dataSources(json: TfJson): Record<string, any> {
  return Object.fromEntries(resourcesOfType(json, 'grafana_data_source').map((ds) => [ds.type, ds]));
}

/** Terraform's escapes undone: the JSON Grafana receives. */
function asGrafanaSees(text: string): any {
  return JSON.parse(fromTerraformLiteral(text));
}

/** A one-panel dashboard on the given Grafana's Prometheus. */
function smallDashboard(grafana: GrafanaWithDashboards, uid = 'test-small', title = 'Small') {
  const p = new Panels(grafana.dataSources.prometheus);
  return buildDashboard({
    environment: 'test',
    uid,
    title,
    description: 'A dashboard for the tests.',
    rows: [{ title: 'Row', panels: [p.stat({ title: 'Targets up', description: 'Targets up.', unit: 'short', targets: [{ expr: 'sum(up)' }] })] }],
  });
}

describe('GrafanaWithDashboards: the container', () => {
  const json = build().synth();
  const grafana = container(json, 'test-grafana');

  test('runs the pinned grafana/grafana:13.2.0 image, kept locally', () => {
    // GIVEN Grafana with default props / WHEN synthesized / THEN its image is the pinned 13.2.0 release
    const images = resourcesOfType(json, 'docker_image').map((i) => i.name);
    expect(images).toContain('grafana/grafana:13.2.0');
    expect(grafana.image).toMatch(/^\$\{docker_image\.grafana_service_image_[0-9A-F]+\.image_id\}$/);
    expect(grafana.restart).toBe('unless-stopped');
  });

  test('keeps its data on a named volume that a deploy never destroys', () => {
    // GIVEN Grafana / WHEN synthesized / THEN /var/lib/grafana is the volume test-grafana-data with prevent_destroy
    const volume = resourcesOfType(json, 'docker_volume').find((v) => v.name === 'test-grafana-data');
    expect(volume?.lifecycle).toEqual({ prevent_destroy: true });
    expect(grafana.volumes).toEqual([{ container_path: '/var/lib/grafana', volume_name: expect.stringMatching(/^\$\{docker_volume\.grafana_service_volume-test-grafana-data_[0-9A-F]+\.name\}$/) }]);
  });

  test('is healthy when /api/health answers, and deploy waits for that', () => {
    // GIVEN Grafana / WHEN synthesized / THEN the healthcheck fetches /api/health and the container waits for it
    expect(grafana.healthcheck.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:3000/api/health']);
    expect(grafana.wait).toBe(true);
  });

  test('publishes its UI on 127.0.0.1:3000 only', () => {
    // GIVEN default props / WHEN synthesized / THEN port 3000 is bound to loopback
    expect(grafana.ports).toEqual([{ internal: 3000, external: 3000, ip: '127.0.0.1', protocol: 'tcp' }]);
  });

  test('turns sign-up and anonymous access off and reads the admin password from a file', () => {
    // GIVEN Grafana / WHEN synthesized / THEN the environment says so
    expect(grafana.env).toEqual(
      expect.arrayContaining([
        'GF_SECURITY_ADMIN_USER=admin',
        'GF_SECURITY_ADMIN_PASSWORD__FILE=/run/secrets/grafana-admin-password',
        'GF_USERS_ALLOW_SIGN_UP=false',
        'GF_AUTH_ANONYMOUS_ENABLED=false',
      ]),
    );
  });

  test('no environment variable holds a password or a variable reference', () => {
    // GIVEN Grafana / WHEN synthesized / THEN no env entry sets a password value (only the __FILE path) nor interpolates a variable
    for (const entry of grafana.env as string[]) {
      const [name, value] = [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)];
      expect({ name, setsPassword: /PASSWORD$/.test(name), interpolates: value.includes('${') }).toEqual({ name, setsPassword: false, interpolates: false });
    }
    expect((grafana.env as string[]).join('\n')).not.toMatch(/admin:|soloadmin|GF_SECURITY_ADMIN_PASSWORD=/);
  });

  test('uploads the password file from the sensitive variable, read-only', () => {
    // GIVEN Grafana / WHEN synthesized / THEN the file content is only the variable reference
    expect(grafana.upload).toEqual([{ file: '/run/secrets/grafana-admin-password', content: '${var.grafana_admin_password}', permissions: '0444' }]);
    expect(json.variable?.grafana_admin_password).toEqual({ type: 'string', sensitive: true, nullable: false, description: expect.stringContaining('Grafana') });
    expect(json.variable?.grafana_admin_password).not.toHaveProperty('default');
  });

  test('a custom port and secret name are honoured', () => {
    // GIVEN port 3300 and secret "homelab_grafana_password"
    const custom = build({ port: 3300, adminPasswordSecret: 'homelab_grafana_password' });
    // WHEN synthesized
    const out = custom.synth();
    // THEN the port is published there, the provider points there, and the secret has that name
    expect(container(out, 'test-grafana').ports).toEqual([{ internal: 3000, external: 3300, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(out.provider?.grafana).toEqual([{ alias: 'test', url: 'http://127.0.0.1:3300', auth: 'admin:${var.homelab_grafana_password}' }]);
    expect(out.variable?.homelab_grafana_password?.sensitive).toBe(true);
    expect(out.variable).not.toHaveProperty('grafana_admin_password');
    expect(custom.grafana.url).toBe('http://127.0.0.1:3300');
  });
});

describe('GrafanaWithDashboards: the grafana provider', () => {
  test('is aliased, points at the published port on 127.0.0.1 and logs in as admin with the variable', () => {
    // GIVEN Grafana / WHEN synthesized
    const json = build().synth();
    // THEN there is exactly one grafana provider block, aliased, with the token-built auth
    expect(json.provider?.grafana).toEqual([{ alias: 'test', url: 'http://127.0.0.1:3000', auth: 'admin:${var.grafana_admin_password}' }]);
    expect(json.terraform?.required_providers?.grafana).toEqual({ source: 'grafana/grafana', version: '4.45.1' });
  });

  test('a hyphenated environment gets an alias Terraform accepts', () => {
    // GIVEN an environment called llama-orch
    const stack = new TerraformStack(testApp(), 'test');
    const host = new DockerHost(stack, 'docker', { engine: 'local', network: { name: 'x', subnet: '172.30.98.0/24', gateway: '172.30.98.1' } });
    const prometheus = new PrometheusServer(stack, 'prometheus', { host, namePrefix: 'llama-orch' });
    new GrafanaWithDashboards(stack, 'grafana', { host, namePrefix: 'llama-orch', prometheus });
    // WHEN synthesized / THEN the alias is llama_orch and every grafana resource uses it
    const json = synthJson(stack);
    expect(json.provider?.grafana?.[0].alias).toBe('llama_orch');
    for (const type of ['grafana_data_source', 'grafana_folder']) {
      for (const r of resourcesOfType(json, type)) expect(r.provider).toBe('grafana.llama_orch');
    }
  });
});

describe('GrafanaWithDashboards: data sources', () => {
  test('with Prometheus only: one default Prometheus data source with a stable uid, reached by alias', () => {
    // GIVEN Grafana given only Prometheus / WHEN synthesized
    const json = build().synth();
    const all = resourcesOfType(json, 'grafana_data_source');
    // THEN there is one data source: Prometheus, default, uid test-prometheus, at the container alias
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      type: 'prometheus',
      name: 'Prometheus',
      uid: 'test-prometheus',
      url: 'http://test-prometheus:9090',
      is_default: true,
      access_mode: 'proxy',
      provider: 'grafana.test',
    });
    expect(JSON.parse(all[0].json_data_encoded)).toEqual({ httpMethod: 'POST', timeInterval: '15s' });
  });

  test('with logs: a Loki data source at the given URL, without trace links', () => {
    // GIVEN a fake Loki / WHEN synthesized
    const json = build({ logs: new FakeLoki() }).synth();
    const ds = dataSources(json);
    // THEN Loki is there with its stable uid, is not the default, and has no derived fields (no Jaeger)
    expect(Object.keys(ds).sort()).toEqual(['loki', 'prometheus']);
    expect(ds.loki).toMatchObject({ name: 'Loki', uid: 'test-loki', url: 'http://test-loki:3100', access_mode: 'proxy' });
    expect(ds.loki.is_default).toBeUndefined();
    expect(asGrafanaSees(ds.loki.json_data_encoded)).toEqual({ maxLines: 1000 });
  });

  test('with logs behind a gateway: basic auth as its user, and its certificate verified with the given CA, both kept in secure JSON', () => {
    // GIVEN a Loki reached through a gateway that serves TLS and checks passwords (Terraform references as password and CA)
    const stack = new TerraformStack(testApp(), 'test');
    const host = new DockerHost(stack, 'docker', { engine: 'local', network: { name: 'test', subnet: '172.30.99.0/24', gateway: '172.30.99.1' } });
    const prometheus = new PrometheusServer(stack, 'prometheus', { host, namePrefix: 'test' });
    const variable = (name: string) => new TerraformVariable(stack, name, { type: 'string', sensitive: true }).stringValue;
    const gated: LogsSource = { lokiUrl: 'https://test-loki-gateway:3100', lokiAuth: { username: 'grafana', password: variable('pw'), caCertPem: variable('ca') } };
    new GrafanaWithDashboards(stack, 'grafana', { host, namePrefix: 'test', prometheus, logs: gated });
    const ds = dataSources(synthJson(stack));
    // THEN the data source logs in as grafana and trusts the CA; the password and the CA are in secure JSON only
    expect(ds.loki).toMatchObject({ url: 'https://test-loki-gateway:3100', basic_auth_enabled: true, basic_auth_username: 'grafana' });
    expect(asGrafanaSees(ds.loki.json_data_encoded)).toEqual({ maxLines: 1000, tlsAuthWithCACert: true });
    expect(ds.loki.secure_json_data_encoded).toBe('${jsonencode({"basicAuthPassword" = var.pw, "tlsCACert" = var.ca})}');
    expect(ds.loki.json_data_encoded).not.toContain('var.');
  });

  test('with traces: a Jaeger data source at the given URL', () => {
    // GIVEN a fake Jaeger / WHEN synthesized
    const json = build({ traces: new FakeJaeger() }).synth();
    const ds = dataSources(json);
    // THEN Jaeger is there with its stable uid
    expect(Object.keys(ds).sort()).toEqual(['jaeger', 'prometheus']);
    expect(ds.jaeger).toMatchObject({ name: 'Jaeger', uid: 'test-jaeger', url: 'http://test-jaeger:16686', access_mode: 'proxy' });
  });

  test('with logs and traces: a trace id in a log line links to the Jaeger data source', () => {
    // GIVEN fake Loki and Jaeger / WHEN synthesized
    const built = build({ logs: new FakeLoki(), traces: new FakeJaeger() });
    const json = built.synth();
    const loki = dataSources(json).loki;
    // THEN Loki's derived field matches trace ids and opens them in the Jaeger data source
    expect(asGrafanaSees(loki.json_data_encoded)).toEqual({
      maxLines: 1000,
      derivedFields: [{ name: 'TraceID', matcherRegex: TRACE_ID_REGEX, url: '${__value.raw}', datasourceUid: 'test-jaeger', urlDisplayLabel: 'Open trace in Jaeger' }],
    });
    // AND Terraform sees the ${__value.raw} literally (escaped), not as an interpolation
    expect(loki.json_data_encoded).toContain('"url":"$${__value.raw}"');
    expect(loki.json_data_encoded.replace(/\$\$\{/g, '')).not.toContain('${');
    expect(built.grafana.dataSourceUids).toEqual(['test-prometheus', 'test-loki', 'test-jaeger']);
  });

  test.each([
    ['logfmt', 'level=info trace_id=4bf92f3577b34da6a3ce929d0e0e4736 msg="done"', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['JSON', '{"level":"info","traceID":"00f067aa0ba902b7","msg":"done"}', '00f067aa0ba902b7'],
    ['JSON camelCase', '{"traceId": "4BF92F3577B34DA6A3CE929D0E0E4736"}', '4BF92F3577B34DA6A3CE929D0E0E4736'],
    ['YAML-ish', 'TraceID: 00f067aa0ba902b7 span done', '00f067aa0ba902b7'],
  ])('the trace id regex finds the id in a %s line', (_format, line, id) => {
    // GIVEN a log line with a trace id / WHEN Grafana (JavaScript) applies the regex / THEN group 1 is the id
    expect(new RegExp(TRACE_ID_REGEX).exec(line)?.[1]).toBe(id);
  });

  test.each([
    ['a request id', '{"request_id":"req_abc123","user_id":"user456"}'],
    ['a trace id that is not hex', 'trace_id=none'],
    ['a too-short id', 'trace_id=abc123'],
  ])('the trace id regex ignores %s', (_what, line) => {
    // GIVEN a log line without a trace id / WHEN the regex is applied / THEN nothing matches
    expect(new RegExp(TRACE_ID_REGEX).exec(line)).toBeNull();
  });
});

describe('GrafanaWithDashboards: order of creation', () => {
  test('data sources, the folder and dashboards depend on the Grafana container, dashboards on the folder', () => {
    // GIVEN Grafana with every data source and one dashboard
    const built = build({ logs: new FakeLoki(), traces: new FakeJaeger() });
    built.grafana.addDashboard(smallDashboard(built.grafana));
    // WHEN synthesized
    const json = built.synth();
    const containerRef = Object.keys(json.resource.docker_container).find((k) => json.resource.docker_container[k].name === 'test-grafana');
    const folderRef = `grafana_folder.${Object.keys(json.resource.grafana_folder)[0]}`;
    // THEN every grafana resource waits for the (healthy) container
    for (const type of ['grafana_data_source', 'grafana_folder', 'grafana_dashboard']) {
      for (const r of resourcesOfType(json, type)) expect(r.depends_on).toContain(`docker_container.${containerRef}`);
    }
    for (const d of resourcesOfType(json, 'grafana_dashboard')) expect(d.depends_on).toContain(folderRef);
  });
});

describe('GrafanaWithDashboards: folder and dashboards', () => {
  test('one folder per environment, with a stable uid', () => {
    // GIVEN Grafana / WHEN synthesized / THEN the folder is titled and identified by the environment
    const folders = resourcesOfType(build().synth(), 'grafana_folder');
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatchObject({ title: 'test', uid: 'test', provider: 'grafana.test' });
  });

  test('addDashboard returns the grafana_dashboard, in the folder, with the model as config_json', () => {
    // GIVEN a dashboard model built with the SDK
    const built = build();
    const model = smallDashboard(built.grafana);
    // WHEN it is added and synthesized
    const resource = built.grafana.addDashboard(model);
    const dashboards = resourcesOfType(built.synth(), 'grafana_dashboard');
    // THEN the resource is returned, sits in the folder, overwrites by uid, and carries the model
    expect(resource).toBeInstanceOf(GrafanaDashboard);
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]).toMatchObject({ folder: 'test', overwrite: true, provider: 'grafana.test', message: 'Deployed by cdktf (stack test)' });
    expect(asGrafanaSees(dashboards[0].config_json)).toEqual(JSON.parse(JSON.stringify(model)));
    expect(asGrafanaSees(dashboards[0].config_json).uid).toBe('test-small');
  });

  test('the Terraform address of a dashboard comes from its uid', () => {
    // GIVEN a dashboard with uid test-small / WHEN added / THEN its construct id is dashboard-test-small
    const built = build();
    expect(built.grafana.addDashboard(smallDashboard(built.grafana)).node.id).toBe('dashboard-test-small');
  });

  test('dashboard text that looks like Terraform interpolation reaches Grafana unchanged', () => {
    // GIVEN a dashboard whose description uses ${job} and %{...}
    const built = build();
    const model = { ...smallDashboard(built.grafana), description: 'job ${job} at %{x}' };
    // WHEN added and synthesized
    built.grafana.addDashboard(model);
    const [dashboard] = resourcesOfType(built.synth(), 'grafana_dashboard');
    // THEN Terraform sees escapes, Grafana the original text
    expect(dashboard.config_json).toContain('job $${job} at %%{x}');
    expect(asGrafanaSees(dashboard.config_json).description).toBe('job ${job} at %{x}');
  });

  test('terraformLiteral doubles only the interpolation and directive sigils', () => {
    // GIVEN text with ${, %{, a lone $ and a lone % / WHEN escaped / THEN only ${ and %{ are doubled
    expect(terraformLiteral('a ${b} %{c} $d 5% {e}')).toBe('a $${b} %%{c} $d 5% {e}');
  });
});
