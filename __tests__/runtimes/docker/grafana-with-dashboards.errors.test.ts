import { TerraformStack } from 'cdktf';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { PrometheusServer } from '../../../runtimes/docker/prometheus-server';
import { GrafanaWithDashboards, GrafanaWithDashboardsProps } from '../../../runtimes/docker/grafana-with-dashboards';
import { buildDashboard, labelVariable, Panels } from '../../../model/dashboards/common';
import { ConfigError } from '../../../lib/errors';
import { cleanupOutdirs, testApp } from '../../support/synth';

afterAll(cleanupOutdirs);

function grafana(props: Partial<GrafanaWithDashboardsProps> = {}): GrafanaWithDashboards {
  const stack = new TerraformStack(testApp(), 'test');
  const host = new DockerHost(stack, 'docker', { engine: 'local', network: { name: 'test', subnet: '172.30.99.0/24', gateway: '172.30.99.1' } });
  const prometheus = new PrometheusServer(stack, 'prometheus', { host, namePrefix: 'test' });
  return new GrafanaWithDashboards(stack, 'grafana', { host, namePrefix: 'test', prometheus, ...props });
}

/** A valid one-panel dashboard whose data source references can be swapped. */
function model(ds: dashboard.DataSourceRef, opts: { uid?: string; title?: string; variables?: boolean } = {}): dashboard.Dashboard {
  const p = new Panels(ds);
  return buildDashboard({
    environment: 'test',
    uid: opts.uid ?? 'test-small',
    title: opts.title ?? 'Small',
    description: 'A dashboard for the tests.',
    variables: opts.variables ? [labelVariable(ds, 'job', 'label_values(up, job)')] : [],
    rows: [{ title: 'Row', panels: [p.stat({ title: 'Targets up', description: 'Targets up.', unit: 'short', targets: [{ expr: 'sum(up)' }] })] }],
  });
}

const OURS = { type: 'prometheus', uid: 'test-prometheus' };

function expectConfigError(fn: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  expect((thrown as Error).message).toBe(message);
}

describe('GrafanaWithDashboards props', () => {
  test.each([
    [{ port: 70000 }, 'test/grafana: port: expected an integer port from 1 to 65535, got 70000'],
    [{ port: 3000.5 }, 'test/grafana: port: expected an integer port from 1 to 65535, got 3000.5'],
    [{ port: 0 }, 'test/grafana: port: expected an integer port from 1 to 65535, got 0'],
    [{ namePrefix: 'Homelab' }, 'test/grafana: namePrefix: expected a lower-case name such as "homelab" (letters, digits, "-"), got "Homelab"'],
    [
      { adminPasswordSecret: 'Grafana-Password' },
      'test/grafana: adminPasswordSecret: expected the snake_case name of a sensitive variable, such as "grafana_admin_password", got "Grafana-Password"',
    ],
  ])('%j is refused', (props, message) => {
    // GIVEN a bad prop / WHEN Grafana is made / THEN it throws naming the construct, the field, the value and what is expected
    expectConfigError(() => grafana(props as Partial<GrafanaWithDashboardsProps>), message);
  });
});

describe('GrafanaWithDashboards.addDashboard', () => {
  test('a dashboard without a uid', () => {
    // GIVEN a model without uid / WHEN added / THEN refused: its uid is its Terraform address
    const g = grafana();
    const m = model(OURS);
    delete m.uid;
    expectConfigError(
      () => g.addDashboard(m),
      'test/grafana: dashboard "Small": uid: expected 1 to 40 letters, digits, "-" or "_" (a stable uid such as "homelab-alerts"), got nothing',
    );
  });

  test('a uid longer than Grafana accepts', () => {
    // GIVEN a 41-character uid / WHEN added / THEN refused
    const uid = 'x'.repeat(41);
    expectConfigError(
      () => grafana().addDashboard(model(OURS, { uid })),
      `test/grafana: dashboard "Small": uid: expected 1 to 40 letters, digits, "-" or "_" (a stable uid such as "homelab-alerts"), got "${uid}"`,
    );
  });

  test('a dashboard without a title', () => {
    // GIVEN an empty title / WHEN added / THEN refused
    expectConfigError(() => grafana().addDashboard(model(OURS, { title: ' ' })), 'test/grafana: dashboard "test-small": title: expected a title, got " "');
  });

  test('two dashboards with one uid', () => {
    // GIVEN a dashboard added / WHEN another with its uid is added / THEN refused
    const g = grafana();
    g.addDashboard(model(OURS));
    expectConfigError(
      () => g.addDashboard(model(OURS, { title: 'Other' })),
      'test/grafana: dashboard "Other": uid: expected a uid no other dashboard has, got "test-small" (added already)',
    );
  });

  test('two dashboards with one title in the folder', () => {
    // GIVEN a dashboard added / WHEN another with its title is added / THEN refused (Grafana would refuse it)
    const g = grafana();
    g.addDashboard(model(OURS));
    expectConfigError(
      () => g.addDashboard(model(OURS, { uid: 'test-other' })),
      'test/grafana: dashboard "test-other": title: expected a title no other dashboard in folder "test" has, got "Small" (dashboard "test-small" has it)',
    );
  });

  test('a panel on a data source this Grafana does not have', () => {
    // GIVEN a model whose panel and queries name another data source / WHEN added / THEN refused at the panel
    expectConfigError(
      () => grafana().addDashboard(model({ type: 'prometheus', uid: 'other-prometheus' })),
      'test/grafana: dashboard "test-small": panel "Targets up": datasource uid: expected one of "test-prometheus", got "other-prometheus"',
    );
  });

  test('a query on a data source this Grafana does not have', () => {
    // GIVEN a panel on our data source whose query names another / WHEN added / THEN refused at the query
    const m = model(OURS);
    const panel = m.panels!.find((p) => p.type === 'stat') as dashboard.Panel;
    (panel.targets![0] as unknown as { datasource: dashboard.DataSourceRef }).datasource = { type: 'prometheus', uid: 'elsewhere' };
    expectConfigError(
      () => grafana().addDashboard(m),
      'test/grafana: dashboard "test-small": panel "Targets up", query A: datasource uid: expected one of "test-prometheus", got "elsewhere"',
    );
  });

  test('a panel without a data source', () => {
    // GIVEN a panel without datasource (Grafana would use whatever is default) / WHEN added / THEN refused
    const m = model(OURS);
    delete (m.panels!.find((p) => p.type === 'stat') as dashboard.Panel).datasource;
    expectConfigError(
      () => grafana().addDashboard(m),
      'test/grafana: dashboard "test-small": panel "Targets up": datasource uid: expected one of "test-prometheus", got nothing',
    );
  });

  test('a variable on a data source this Grafana does not have', () => {
    // GIVEN a query variable on another data source / WHEN added / THEN refused at the variable
    const m = model(OURS, { variables: true });
    m.templating.list![0].datasource = { type: 'prometheus', uid: 'elsewhere' };
    expectConfigError(
      () => grafana().addDashboard(m),
      'test/grafana: dashboard "test-small": variable "job": datasource uid: expected one of "test-prometheus", got "elsewhere"',
    );
  });
});
