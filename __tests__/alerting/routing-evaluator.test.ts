import * as fs from 'fs';
import * as path from 'path';
import { LintRoute, routeAlert } from '../../lib/alertmanager-lint';
import { toYaml } from '../../lib/yaml';
import { removeTempDirs, tempDir } from '../support/files';
import { mapLimit, runToolAsync } from './tools';

/**
 * The lint's routing evaluator (lib/alertmanager-lint.ts routeAlert) against amtool's: the same
 * route tree and labels must reach the same receivers, in the same order. The tree has what the
 * evaluator must get right: first match, continue, nested routes, inherited receivers, regex and
 * negative matchers.
 */

afterAll(removeTempDirs);

const TREE: LintRoute = {
  receiver: 'default',
  routes: [
    { matchers: ['severity="critical"'], receiver: 'pager', continue: true },
    { matchers: ['severity=~"crit.*|high"'], receiver: 'team' },
    {
      matchers: ['team="db"'],
      routes: [
        { matchers: ['env!="prod"'], receiver: 'db-dev' },
        { matchers: ['alertname=~"Postgres.*"', 'env="prod"'], receiver: 'db-oncall', continue: true },
        { matchers: ['env="prod"'], receiver: 'db-team' },
      ],
    },
    { matchers: ['severity="warning"', 'team!~"db|web"'], receiver: 'slack' },
  ],
};

const CASES: Array<Record<string, string>> = [
  { severity: 'critical' },
  { severity: 'high' },
  { severity: 'critical', team: 'db', env: 'prod' },
  { team: 'db', env: 'dev' },
  { team: 'db', env: 'prod', alertname: 'PostgresDown' },
  { team: 'db', env: 'prod', alertname: 'DiskFull' },
  { team: 'db' },
  { severity: 'warning' },
  { severity: 'warning', team: 'web' },
  { severity: 'info' },
];

test('routeAlert reaches what amtool reaches, case by case', async () => {
  // GIVEN the tree as alertmanager.yml
  const dir = tempDir('routing-evaluator-');
  const config = path.join(dir, 'alertmanager.yml');
  const render = (r: LintRoute): Record<string, unknown> => ({ ...r, ...(r.routes ? { routes: r.routes.map(render) } : {}) });
  const receivers = ['default', 'pager', 'team', 'db-dev', 'db-oncall', 'db-team', 'slack'].map((name) => ({ name }));
  fs.writeFileSync(config, toYaml({ route: render(TREE), receivers }));
  // WHEN amtool and the evaluator route each case
  const amtool = await mapLimit(CASES, 4, (labels) =>
    runToolAsync('amtool', ['config', 'routes', 'test', `--config.file=${config}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]),
  );
  const byAmtool = amtool.map((r) => r.output.split('\n')[0].trim());
  const byEvaluator = CASES.map((labels) => routeAlert(TREE, labels).join(','));
  // THEN they agree on every case, and the cases cover first match, continue and inheritance
  expect(byEvaluator).toEqual(byAmtool);
  expect(byEvaluator).toEqual(['pager,team', 'team', 'pager,team', 'db-dev', 'db-oncall,db-team', 'db-team', 'db-dev', 'slack', 'default', 'default']);
});
