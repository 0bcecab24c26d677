import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { buildApp } from '../../app';
import { EnvironmentStack } from '../../runtimes/docker/environment-stack';
import { shop } from '../fixtures/environments/shop';
import { removeTempDirs, tempDir } from '../support/files';
import { cleanupOutdirs, container, resourcesOfType, testApp, TfJson, uploadedYaml } from '../support/synth';

afterAll(() => {
  cleanupOutdirs();
  removeTempDirs();
});

// docs/add-an-environment.md walks through __tests__/fixtures/environments/shop: one folder with
// its spec, catalog and dashboards. Added to an app, it synthesizes a stack of its own.
describe('adding an environment is adding one folder', () => {
  test('the folder synthesizes with the lint, its alert and its dashboard', () => {
    // GIVEN the shop folder WHEN its stack is synthesized with every validation (the lint among them)
    const stack = new EnvironmentStack(testApp(), shop.spec, shop.dashboards);
    const json = JSON.parse(Testing.synth(stack, true)) as TfJson;
    // THEN Prometheus loads its alert, and scrapes its API and the node exporter placed on its host
    const prometheus = container(json, 'shop-prometheus');
    expect(uploadedYaml(prometheus, '/etc/prometheus/rules/shop-alerts.yml').groups[0].rules.map((r: { alert: string }) => r.alert)).toEqual(['ShopApiDown']);
    const jobs = uploadedYaml(prometheus, '/etc/prometheus/prometheus.yml').scrape_configs.map((j: { job_name: string }) => j.job_name);
    expect(jobs).toEqual(expect.arrayContaining(['shop-api', 'node']));
    expect(resourcesOfType(json, 'docker_container').map((c) => c.name)).toContain('shop-node-exporter');
    // AND Grafana gets its dashboard
    const dashboards = resourcesOfType(json, 'grafana_dashboard').map((d) => JSON.parse(d.config_json).uid);
    expect(dashboards).toEqual(['shop-orders']);
  });

  test('given to the app as a registry entry, it is written to cdktf.out/stacks/shop', () => {
    // GIVEN the entry the registry line would list WHEN the app synthesizes it
    const outdir = path.join(tempDir('obs-shop-'), 'out');
    buildApp(outdir, [shop]).synth();
    // THEN its stack is written, with its dashboard
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'shop', 'cdk.tf.json'), 'utf8')) as TfJson;
    expect(resourcesOfType(json, 'grafana_dashboard')).toHaveLength(1);
  });
});
