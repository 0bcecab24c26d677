import { TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
// Type-only import: brings in the declarations of the cdktf jest matchers that setup.ts registers.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { GrafanaDataSource, GrafanaFolder, GrafanaProvider } from '../../../constructs/grafana';
import { cleanupOutdirs, synthJson, testApp } from '../../support/synth';

// Every argument listed in the "Schema" section (Required + Optional) of
// grafana/terraform-provider-grafana docs/resources/data_source.md.
const DOCUMENTED_ARGS = [
  'name',
  'type',
  'access_mode',
  'basic_auth_enabled',
  'basic_auth_username',
  'database_name',
  'http_headers',
  'is_default',
  'json_data_encoded',
  'org_id',
  'secure_json_data_encoded',
  'uid',
  'url',
  'username',
];

// The subset these bindings expose, spelled as in the docs page.
const BOUND_ARGS = [
  'type',
  'name',
  'uid',
  'url',
  'is_default',
  'access_mode',
  'basic_auth_enabled',
  'basic_auth_username',
  'json_data_encoded',
  'secure_json_data_encoded',
];

afterAll(cleanupOutdirs);

function newStack(): TerraformStack {
  const stack = new TerraformStack(testApp(), 'stack');
  new GrafanaProvider(stack, 'grafana', { url: 'http://grafana:3000', auth: 'admin:admin' });
  return stack;
}

function fullDataSource(stack: TerraformStack): GrafanaDataSource {
  return new GrafanaDataSource(stack, 'prom', {
    type: 'prometheus',
    name: 'Prometheus',
    uid: 'prometheus',
    url: 'http://prometheus:9090',
    isDefault: true,
    accessMode: 'proxy',
    basicAuthEnabled: true,
    basicAuthUsername: 'reader',
    jsonDataEncoded: JSON.stringify({ httpMethod: 'POST' }),
    secureJsonDataEncoded: JSON.stringify({ basicAuthPassword: 'pw' }),
  });
}

describe('GrafanaDataSource', () => {
  test('bound attribute names are all documented', () => {
    // GIVEN the bound names and the docs list
    // WHEN they are compared
    // THEN every bound name appears in the docs
    expect(DOCUMENTED_ARGS).toEqual(expect.arrayContaining(BOUND_ARGS));
  });

  test('synthesizes exactly the documented snake_case keys with their values', () => {
    // GIVEN a data source with every prop set
    const stack = newStack();
    fullDataSource(stack);

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_data_source.prom;

    // THEN the keys are exactly the documented names and the values pass through unchanged
    expect(Object.keys(resource).sort()).toEqual([...BOUND_ARGS].sort());
    expect(resource).toEqual({
      type: 'prometheus',
      name: 'Prometheus',
      uid: 'prometheus',
      url: 'http://prometheus:9090',
      is_default: true,
      access_mode: 'proxy',
      basic_auth_enabled: true,
      basic_auth_username: 'reader',
      json_data_encoded: '{"httpMethod":"POST"}',
      secure_json_data_encoded: '{"basicAuthPassword":"pw"}',
    });
  });

  test('omits unset optional attributes so the provider defaults apply', () => {
    // GIVEN a data source with only the required props
    const stack = newStack();
    new GrafanaDataSource(stack, 'loki', { type: 'loki', name: 'Loki' });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_data_source.loki;

    // THEN only type and name are written
    expect(resource).toEqual({ type: 'loki', name: 'Loki' });
  });

  test('false booleans are written, not dropped', () => {
    // GIVEN explicit false values
    const stack = newStack();
    new GrafanaDataSource(stack, 'jaeger', { type: 'jaeger', name: 'Jaeger', isDefault: false, basicAuthEnabled: false });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_data_source.jaeger;

    // THEN both appear as false
    expect(resource.is_default).toBe(false);
    expect(resource.basic_auth_enabled).toBe(false);
  });

  test('uid is the plain configured string, usable at synth time', () => {
    // GIVEN a data source with a uid
    const stack = newStack();
    const ds = fullDataSource(stack);

    // WHEN the uid property is read
    // THEN it is the literal string, not an unresolved token
    expect(ds.uid).toBe('prometheus');
    expect(Token.isUnresolved(ds.uid)).toBe(false);
    expect(ds.uidInput).toBe('prometheus');
  });

  test('uid falls back to a token for the generated uid when unset', () => {
    // GIVEN a data source without uid whose uid is exported
    const stack = newStack();
    const ds = new GrafanaDataSource(stack, 'loki', { type: 'loki', name: 'Loki' });
    new TerraformOutput(stack, 'uid', { value: ds.uid });

    // WHEN it is synthesized
    const json = synthJson(stack);

    // THEN the property is a token referencing the computed attribute
    expect(Token.isUnresolved(ds.uid)).toBe(true);
    expect(ds.uidInput).toBeUndefined();
    expect(json.output!.uid.value).toBe('${grafana_data_source.loki.uid}');
  });

  test('id is a token for the resource id', () => {
    // GIVEN a data source whose id is exported
    const stack = newStack();
    const ds = fullDataSource(stack);
    new TerraformOutput(stack, 'id', { value: ds.id });

    // WHEN it is synthesized
    const json = synthJson(stack);

    // THEN the output references grafana_data_source.prom.id
    expect(Token.isUnresolved(ds.id)).toBe(true);
    expect(json.output!.id.value).toBe('${grafana_data_source.prom.id}');
  });

  test('passes provider, dependsOn and lifecycle meta-arguments through', () => {
    // GIVEN an aliased provider, a folder to depend on, and a lifecycle rule
    const stack = newStack();
    const aliased = new GrafanaProvider(stack, 'grafana_b', { url: 'http://b', auth: 'x', alias: 'b' });
    const folder = new GrafanaFolder(stack, 'folder', { title: 'Observability' });
    new GrafanaDataSource(stack, 'prom', {
      type: 'prometheus',
      name: 'Prometheus',
      provider: aliased,
      dependsOn: [folder],
      lifecycle: { preventDestroy: true },
    });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_data_source.prom;

    // THEN the meta-arguments appear in Terraform's snake_case form
    expect(resource.provider).toBe('grafana.b');
    expect(resource.depends_on).toEqual(['grafana_folder.folder']);
    expect(resource.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('secure_json_data_encoded accepts a sensitive variable token', () => {
    // GIVEN the secure JSON taken from a sensitive variable
    const stack = newStack();
    const secret = new TerraformVariable(stack, 'prom_secure', { type: 'string', sensitive: true });
    new GrafanaDataSource(stack, 'prom', { type: 'prometheus', name: 'P', secureJsonDataEncoded: secret.stringValue });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_data_source.prom;

    // THEN it references the variable
    expect(resource.secure_json_data_encoded).toBe('${var.prom_secure}');
  });

  test('cdktf matcher finds the resource by its static type', () => {
    // GIVEN a synthesized data source
    const stack = newStack();
    fullDataSource(stack);
    const synthesized = Testing.synth(stack);

    // WHEN/THEN the cdktf matcher agrees on type and properties
    expect(GrafanaDataSource.tfResourceType).toBe('grafana_data_source');
    expect(synthesized).toHaveResourceWithProperties(GrafanaDataSource, { uid: 'prometheus', is_default: true });
  });

  test('HCL synthesis emits the same attribute names', () => {
    // GIVEN a data source with every prop set
    const stack = newStack();
    fullDataSource(stack);

    // WHEN it is synthesized to HCL
    const hcl: string = Testing.synthHcl(stack);

    // THEN the resource block holds exactly the documented names
    const block = /resource "grafana_data_source" "prom" \{\n([\s\S]*?)\n\}/.exec(hcl);
    expect(block).not.toBeNull();
    const names = [...block![1].matchAll(/^\s*(\w+) = /gm)].map((m) => m[1]).sort();
    expect(names).toEqual([...BOUND_ARGS].sort());
  });
});
