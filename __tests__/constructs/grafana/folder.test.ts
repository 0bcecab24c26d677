import { TerraformOutput, TerraformStack, Testing, Token } from 'cdktf';
import { GrafanaFolder, GrafanaProvider } from '../../../constructs/grafana';
import { cleanupOutdirs, synthJson, testApp } from '../../support/synth';

// Every argument listed in the "Schema" section (Required + Optional) of
// grafana/terraform-provider-grafana docs/resources/folder.md.
const DOCUMENTED_ARGS = ['title', 'org_id', 'parent_folder_uid', 'prevent_destroy_if_not_empty', 'uid'];

// The subset these bindings expose, spelled as in the docs page.
const BOUND_ARGS = ['title', 'uid'];

afterAll(cleanupOutdirs);

function newStack(): TerraformStack {
  const stack = new TerraformStack(testApp(), 'stack');
  new GrafanaProvider(stack, 'grafana', { url: 'http://grafana:3000', auth: 'admin:admin' });
  return stack;
}

describe('GrafanaFolder', () => {
  test('bound attribute names are all documented', () => {
    // GIVEN the bound names and the docs list
    // WHEN they are compared
    // THEN every bound name appears in the docs
    expect(DOCUMENTED_ARGS).toEqual(expect.arrayContaining(BOUND_ARGS));
  });

  test('synthesizes exactly title and uid', () => {
    // GIVEN a folder with title and uid
    const stack = newStack();
    new GrafanaFolder(stack, 'obs', { title: 'Observability', uid: 'observability' });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_folder.obs;

    // THEN the keys are exactly the documented names with the given values
    expect(Object.keys(resource).sort()).toEqual([...BOUND_ARGS].sort());
    expect(resource).toEqual({ title: 'Observability', uid: 'observability' });
  });

  test('omits uid when unset', () => {
    // GIVEN a folder with only a title
    const stack = newStack();
    new GrafanaFolder(stack, 'obs', { title: 'Observability' });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_folder.obs;

    // THEN only title is written
    expect(resource).toEqual({ title: 'Observability' });
  });

  test('uid is the plain configured string, usable at synth time', () => {
    // GIVEN a folder with a uid
    const stack = newStack();
    const folder = new GrafanaFolder(stack, 'obs', { title: 'Observability', uid: 'observability' });

    // WHEN the uid property is read
    // THEN it is the literal string
    expect(folder.uid).toBe('observability');
    expect(Token.isUnresolved(folder.uid)).toBe(false);
    expect(folder.uidInput).toBe('observability');
    expect(folder.title).toBe('Observability');
  });

  test('uid falls back to a token when unset, and id is a token', () => {
    // GIVEN a folder without uid whose uid and id are exported
    const stack = newStack();
    const folder = new GrafanaFolder(stack, 'obs', { title: 'Observability' });
    new TerraformOutput(stack, 'uid', { value: folder.uid });
    new TerraformOutput(stack, 'id', { value: folder.id });

    // WHEN it is synthesized
    const json = synthJson(stack);

    // THEN both reference the resource's attributes
    expect(folder.uidInput).toBeUndefined();
    expect(json.output!.uid.value).toBe('${grafana_folder.obs.uid}');
    expect(json.output!.id.value).toBe('${grafana_folder.obs.id}');
  });

  test('passes lifecycle and provider meta-arguments through', () => {
    // GIVEN a folder with lifecycle and an aliased provider
    const stack = newStack();
    const aliased = new GrafanaProvider(stack, 'grafana_b', { url: 'http://b', auth: 'x', alias: 'b' });
    new GrafanaFolder(stack, 'obs', {
      title: 'Observability',
      provider: aliased,
      lifecycle: { createBeforeDestroy: true },
    });

    // WHEN it is synthesized
    const resource = synthJson(stack).resource.grafana_folder.obs;

    // THEN the meta-arguments appear in snake_case
    expect(resource.provider).toBe('grafana.b');
    expect(resource.lifecycle).toEqual({ create_before_destroy: true });
  });

  test('HCL synthesis emits the same attribute names', () => {
    // GIVEN a folder with title and uid
    const stack = newStack();
    new GrafanaFolder(stack, 'obs', { title: 'Observability', uid: 'observability' });

    // WHEN it is synthesized to HCL
    const hcl: string = Testing.synthHcl(stack);

    // THEN the resource block holds exactly title and uid
    const block = /resource "grafana_folder" "obs" \{\n([\s\S]*?)\n\}/.exec(hcl);
    expect(block).not.toBeNull();
    const names = [...block![1].matchAll(/^\s*(\w+) = /gm)].map((m) => m[1]).sort();
    expect(names).toEqual([...BOUND_ARGS].sort());
  });
});
