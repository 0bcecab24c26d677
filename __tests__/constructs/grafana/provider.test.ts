import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  GRAFANA_PROVIDER_VERSION,
  GrafanaDataSource,
  GrafanaProvider,
} from '../../../constructs/grafana';
import { cleanupOutdirs, synthJson, testApp } from '../../support/synth';

// Provider arguments as listed in the "Schema" section of docs/index.md of
// grafana/terraform-provider-grafana; `alias` is Terraform's meta-argument.
const DOCUMENTED_PROVIDER_ARGS_BOUND = ['auth', 'url'];
const META_ARGS = ['alias'];

afterAll(cleanupOutdirs);

function newStack(): TerraformStack {
  return new TerraformStack(testApp(), 'stack');
}

describe('GrafanaProvider', () => {
  test('pins required_providers.grafana to the exact source and version', () => {
    // GIVEN a stack with a grafana provider
    const stack = newStack();
    new GrafanaProvider(stack, 'grafana', { url: 'http://grafana:3000', auth: 'admin:admin' });

    // WHEN it is synthesized
    const json = synthJson(stack);

    // THEN required_providers.grafana holds exactly the source and the pinned version
    expect(json.terraform!.required_providers.grafana).toEqual({
      source: 'grafana/grafana',
      version: '4.45.1',
    });
    expect(GRAFANA_PROVIDER_VERSION).toBe('4.45.1');
  });

  test('the pinned version is one exact 4.x release, not a range', () => {
    // GIVEN the exported version constant
    // WHEN it is inspected
    // THEN it is a bare MAJOR.MINOR.PATCH of major version 3
    expect(GRAFANA_PROVIDER_VERSION).toMatch(/^4\.\d+\.\d+$/);
  });

  test('synthesizes a provider block with exactly url and auth when no alias is given', () => {
    // GIVEN a provider without alias
    const stack = newStack();
    new GrafanaProvider(stack, 'grafana', { url: 'http://grafana:3000/', auth: 'admin:secret' });

    // WHEN it is synthesized
    const json = synthJson(stack);

    // THEN there is one provider.grafana block with exactly url and auth
    expect(json.provider!.grafana).toEqual([{ url: 'http://grafana:3000/', auth: 'admin:secret' }]);
  });

  test('synthesizes alias and lets resources select the aliased provider', () => {
    // GIVEN an aliased provider and a data source that uses it
    const stack = newStack();
    const provider = new GrafanaProvider(stack, 'grafana_main', {
      url: 'http://grafana:3000',
      auth: 'admin:admin',
      alias: 'main',
    });
    new GrafanaDataSource(stack, 'prom', { type: 'prometheus', name: 'Prometheus', provider });

    // WHEN it is synthesized
    const json = synthJson(stack);

    // THEN the provider block carries the alias and the resource references grafana.main
    expect(json.provider!.grafana).toEqual([{ url: 'http://grafana:3000', auth: 'admin:admin', alias: 'main' }]);
    expect(provider.alias).toBe('main');
    expect(provider.fqn).toBe('grafana.main');
    expect(json.resource.grafana_data_source.prom.provider).toBe('grafana.main');
  });

  test('provider block keys are the documented arguments plus the alias meta-argument', () => {
    // GIVEN a provider with every bound prop set
    const stack = newStack();
    new GrafanaProvider(stack, 'grafana', { url: 'http://g', auth: 'token', alias: 'a' });

    // WHEN it is synthesized
    const block = synthJson(stack).provider!.grafana[0];

    // THEN its keys are exactly the documented names (a typo would not match)
    expect(Object.keys(block).sort()).toEqual([...DOCUMENTED_PROVIDER_ARGS_BOUND, ...META_ARGS].sort());
  });

  test('auth accepts a sensitive Terraform variable token', () => {
    // GIVEN auth taken from a sensitive variable
    const stack = newStack();
    const auth = new TerraformVariable(stack, 'grafana_auth', { type: 'string', sensitive: true });
    new GrafanaProvider(stack, 'grafana', { url: 'http://grafana:3000', auth: auth.stringValue });

    // WHEN it is synthesized
    const json = synthJson(stack);

    // THEN the provider references the variable instead of holding a literal secret
    expect(json.provider!.grafana[0].auth).toBe('${var.grafana_auth}');
    expect(json.variable!.grafana_auth.sensitive).toBe(true);
  });

  test('HCL synthesis emits the same provider arguments', () => {
    // GIVEN a provider with alias
    const stack = newStack();
    new GrafanaProvider(stack, 'grafana', { url: 'http://grafana:3000', auth: 'admin:admin', alias: 'main' });

    // WHEN it is synthesized to HCL
    const hcl: string = Testing.synthHcl(stack);

    // THEN the provider block has url, auth and alias and the version is pinned
    const block = /provider "grafana" \{\n([\s\S]*?)\n\}/.exec(hcl);
    expect(block).not.toBeNull();
    const names = [...block![1].matchAll(/^\s*(\w+) = /gm)].map((m) => m[1]).sort();
    expect(names).toEqual(['alias', 'auth', 'url']);
    expect(hcl).toContain('version = "4.45.1"');
    expect(hcl).toContain('source = "grafana/grafana"');
  });
});
