import { readStack, type Alertmanager } from '../../../lib/review/model';
import { inhibitors, route, timeToPage } from '../../../lib/review/routing';

/** An Alertmanager config read the way the review reads one from a stack. */
function alertmanager(yaml: string): Alertmanager {
  const json = {
    resource: {
      docker_container: { am: { name: 'x-alertmanager', image: 'prom/alertmanager:v0.25.0', upload: [{ file: '/etc/alertmanager/alertmanager.yml', content: yaml }] } },
    },
  };
  return readStack('x', json).alertmanager!;
}

const AM = alertmanager(`
route:
  receiver: default
  group_wait: 30s
  routes:
    - receiver: pager
      group_wait: 10s
      matchers: ['severity="critical"']
      continue: true
      routes:
        - receiver: db-pager
          matchers: ['team="db"']
    - receiver: team
      matchers: ['severity=~"critical|warning"']
      mute_time_intervals: [nights]
    - receiver: never
      matchers: ['severity="warning"']
inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="warning"']
    equal: [instance]
receivers:
  - name: default
    email_configs: [{ to: a@example.com }]
  - name: pager
    pagerduty_configs: [{ service_key_file: /k }]
  - name: db-pager
    pagerduty_configs: [{ service_key_file: /k }]
  - name: team
    slack_configs: [{ api_url_file: /u, channel: '#t' }]
  - name: never
time_intervals:
  - name: nights
    time_intervals: [{ times: [{ start_time: '00:00', end_time: '06:00' }] }]
`);

const receivers = (labels: Record<string, string>) => route(AM, labels).map((d) => d.receiver);

describe('route walker', () => {
  test('first match wins, continue goes on to the next sibling', () => {
    expect(receivers({ severity: 'critical' })).toEqual(['pager', 'team']);
    // Without continue on the warning match, the later route is never reached.
    expect(receivers({ severity: 'warning' })).toEqual(['team']);
  });

  test('nested routes take the alert from their parent, inheriting group_wait', () => {
    const d = route(AM, { severity: 'critical', team: 'db' });
    expect(d.map((x) => [x.receiver, x.groupWait, x.path])).toEqual([
      ['db-pager', '10s', '{severity="critical"} > {team="db"}'],
      ['team', '30s', '{severity=~"critical|warning"}'],
    ]);
  });

  test('no match: the root receiver, with the root group_wait', () => {
    expect(route(AM, { severity: 'info' }).map((x) => [x.receiver, x.groupWait, x.path])).toEqual([['default', '30s', '(root)']]);
  });

  test('mute time intervals belong to the route that names them', () => {
    const [pager, team] = route(AM, { severity: 'critical' });
    expect(pager.mutedDuring).toEqual([]);
    expect(team.mutedDuring).toEqual(['nights']);
  });

  test('a regex matcher is anchored, a missing label is empty', () => {
    expect(receivers({ severity: 'warning-ish' })).toEqual(['default']);
    expect(route(alertmanager('route: { receiver: a, routes: [{ receiver: b, matchers: [\'team!~".+"\'] }] }\nreceivers: [{ name: a }, { name: b }]'), {}).map((d) => d.receiver)).toEqual(['b']);
  });

  test('the deprecated match and match_re maps route like matchers', () => {
    const old = alertmanager('route:\n  receiver: a\n  routes:\n    - receiver: b\n      match: { severity: critical }\n    - receiver: c\n      match_re: { severity: "warn.*" }\nreceivers: [{ name: a }, { name: b }, { name: c }]');
    expect(route(old, { severity: 'critical' }).map((d) => d.receiver)).toEqual(['b']);
    expect(route(old, { severity: 'warning' }).map((d) => d.receiver)).toEqual(['c']);
  });

  test('inhibitions: the sources that can mute an alert, never itself', () => {
    const alerts = [
      { name: 'Down', labels: { alertname: 'Down', severity: 'critical' } },
      { name: 'Slow', labels: { alertname: 'Slow', severity: 'warning' } },
    ];
    expect(inhibitors(AM.inhibitRules, alerts[1], alerts)).toEqual(['muted while Down fires with the same instance']);
    expect(inhibitors(AM.inhibitRules, alerts[0], alerts)).toEqual([]);
  });

  test('time to page: evaluation interval + for + group_wait', () => {
    expect(timeToPage('15s', '5m', '10s')).toBe('5m25s');
    expect(timeToPage('1m', undefined, '30s')).toBe('1m30s');
  });
});
