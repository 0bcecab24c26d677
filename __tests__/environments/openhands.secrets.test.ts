import { App } from 'cdktf';
import { KubernetesEnvironment } from '../../runtimes/kubernetes/environment';
import { validateKubernetesSpec } from '../../runtimes/kubernetes/environment-spec';
import { openhandsEnvironment } from '../../environments/openhands';
import { readTree, removeTempDirs, tempDir } from '../support/files';

afterAll(removeTempDirs);

describe('openhands: no secret value in cdktf.out', () => {
  test('with a known TF_VAR_ value for every variable, no file of either stack holds one; every variable is sensitive, without default', () => {
    const outdir = tempDir('openhands-secrets-');
    const synth = () => {
      const app = new App({ outdir, stackTraces: false });
      new KubernetesEnvironment(app, validateKubernetesSpec(openhandsEnvironment.spec), openhandsEnvironment.dashboards);
      app.synth();
      return readTree(outdir);
    };
    // GIVEN the variables both stacks declare, each set to a known value as a user would export it
    const declared = new Map<string, Record<string, unknown>>();
    for (const [file, content] of synth()) {
      if (file.endsWith('cdk.tf.json')) for (const [name, v] of Object.entries<Record<string, unknown>>(JSON.parse(content).variable ?? {})) declared.set(name, v);
    }
    expect([...declared.keys()].sort()).toEqual(['grafana_admin_password', 'object_storage_access_key', 'object_storage_secret_key', 'pagerduty_service_key', 'slack_webhook_url']);
    const values = new Map([...declared.keys()].map((name, i) => [name, `known-secret-${i}-${name.replace(/_/g, '')}-Zq9`]));
    const saved = { ...process.env };
    try {
      for (const [name, value] of values) process.env[`TF_VAR_${name}`] = value;
      // WHEN both stacks are synthesized THEN no file holds a value
      const files = synth();
      expect(files.size).toBeGreaterThanOrEqual(2);
      for (const [file, content] of files) {
        for (const [name, value] of values) expect({ file, name, leaked: content.includes(value) }).toEqual({ file, name, leaked: false });
      }
    } finally {
      process.env = saved;
    }
    for (const [name, v] of declared) expect({ name, sensitive: v.sensitive, hasDefault: 'default' in v }).toEqual({ name, sensitive: true, hasDefault: false });
  });
});
