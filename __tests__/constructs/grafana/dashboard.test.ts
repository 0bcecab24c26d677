import { TerraformOutput, TerraformStack, Testing, Token } from 'cdktf';
import { GrafanaDashboard, GrafanaFolder, GrafanaProvider } from '../../../constructs/grafana';
import { cleanupOutdirs, synthJson, testApp } from '../../support/synth';

// Every argument listed in the "Schema" section (Required + Optional) of
// grafana/terraform-provider-grafana docs/resources/dashboard.md.
const DOCUMENTED_ARGS = ['config_json', 'folder', 'message', 'org_id', 'overwrite'];
// Read-only attributes listed there.
const DOCUMENTED_READ_ONLY = ['dashboard_id', 'id', 'uid', 'url', 'version'];

// The subset these bindings expose, spelled as in the docs page.
const BOUND_ARGS = ['config_json', 'folder', 'overwrite', 'message'];
const EXPOSED_READ_ONLY = ['id', 'uid', 'url'];

afterAll(cleanupOutdirs);

function newStack(): TerraformStack {
  const stack = new TerraformStack(testApp(), 'stack');
  new GrafanaProvider(stack, 'grafana', { url: 'http://grafana:3000', auth: 'admin:admin' });
  return stack;
}

const MODEL = JSON.stringify({ title: 'Node overview', uid: 'node-overview', panels: [] });

describe('GrafanaDashboard', () => {
  test('bound and exposed attribute names are all documented', () => {
    // GIVEN the bound names and the docs lists
    // WHEN they are compared
    // THEN every name appears in the docs
    expect(DOCUMENTED_ARGS).toEqual(expect.arrayContaining(BOUND_ARGS));
    expect(DOCUMENTED_READ_ONLY).toEqual(expect.arrayContaining(EXPOSED_READ_ONLY));
  });

  test('synthesizes exactly the documented snake_case keys with their values', () => {
    // GIVEN a dashboard with every prop set
    const stack = newStack();
    new GrafanaDashboard(stack, 'node', {
      configJson: MODEL,
      folder: 'observability',
      overwrite: true,
      message: 'managed by cdktf',
    });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_dashboard.node;

    // THEN the keys are exactly the documented names and the values pass through unchanged
    expect(Object.keys(resource).sort()).toEqual([...BOUND_ARGS].sort());
    expect(resource).toEqual({
      config_json: MODEL,
      folder: 'observability',
      overwrite: true,
      message: 'managed by cdktf',
    });
    expect(JSON.parse(resource.config_json)).toEqual({ title: 'Node overview', uid: 'node-overview', panels: [] });
  });

  test('omits unset optional attributes', () => {
    // GIVEN a dashboard with only config_json
    const stack = newStack();
    new GrafanaDashboard(stack, 'node', { configJson: MODEL });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_dashboard.node;

    // THEN only config_json is written (root folder, provider defaults)
    expect(resource).toEqual({ config_json: MODEL });
  });

  test('folder takes the folder uid as a plain string when the folder uid is configured', () => {
    // GIVEN a folder with a fixed uid and a dashboard placed in it
    const stack = newStack();
    const folder = new GrafanaFolder(stack, 'obs', { title: 'Observability', uid: 'observability' });
    const dashboard = new GrafanaDashboard(stack, 'node', { configJson: MODEL, folder: folder.uid });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_dashboard.node;

    // THEN the folder attribute holds the folder's uid, not its id
    expect(resource.folder).toBe('observability');
    expect(dashboard.folder).toBe('observability');
  });

  test('folder references the generated folder uid when the folder has none configured', () => {
    // GIVEN a folder without uid and a dashboard placed in it
    const stack = newStack();
    const folder = new GrafanaFolder(stack, 'obs', { title: 'Observability' });
    new GrafanaDashboard(stack, 'node', { configJson: MODEL, folder: folder.uid });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_dashboard.node;

    // THEN the folder attribute is an interpolation of grafana_folder.obs.uid
    expect(resource.folder).toBe('${grafana_folder.obs.uid}');
  });

  test('uid, url and id are tokens for the computed attributes', () => {
    // GIVEN a dashboard whose computed attributes are exported
    const stack = newStack();
    const dashboard = new GrafanaDashboard(stack, 'node', { configJson: MODEL });
    new TerraformOutput(stack, 'uid', { value: dashboard.uid });
    new TerraformOutput(stack, 'url', { value: dashboard.url });
    new TerraformOutput(stack, 'id', { value: dashboard.id });

    // WHEN it is synthesized
    const json = synthJson(stack);

    // THEN each output references the matching attribute
    expect(Token.isUnresolved(dashboard.uid)).toBe(true);
    expect(json.output!.uid.value).toBe('${grafana_dashboard.node.uid}');
    expect(json.output!.url.value).toBe('${grafana_dashboard.node.url}');
    expect(json.output!.id.value).toBe('${grafana_dashboard.node.id}');
  });

  test('passes dependsOn through', () => {
    // GIVEN a dashboard depending on a folder
    const stack = newStack();
    const folder = new GrafanaFolder(stack, 'obs', { title: 'Observability' });
    new GrafanaDashboard(stack, 'node', { configJson: MODEL, dependsOn: [folder] });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_dashboard.node;

    // THEN depends_on names the folder
    expect(resource.depends_on).toEqual(['grafana_folder.obs']);
  });

  test('HCL synthesis emits the same attribute names', () => {
    // GIVEN a dashboard with every prop set
    const stack = newStack();
    new GrafanaDashboard(stack, 'node', { configJson: '{}', folder: 'obs', overwrite: false, message: 'm' });

    // WHEN it is synthesized to HCL
    const hcl: string = Testing.synthHcl(stack);

    // THEN the resource block holds exactly the documented names
    const block = /resource "grafana_dashboard" "node" \{\n([\s\S]*?)\n\}/.exec(hcl);
    expect(block).not.toBeNull();
    const names = [...block![1].matchAll(/^\s*(\w+) = /gm)].map((m) => m[1]).sort();
    expect(names).toEqual([...BOUND_ARGS].sort());
  });
});
