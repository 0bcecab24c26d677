import * as fs from 'fs';
import * as path from 'path';
import { NotificationTemplate, renderNotificationTemplate } from '../../lib/notification-template';
import { runTool } from '../alerting/tools';
import { removeTempDirs, tempDir } from '../support/files';

/**
 * Notification templates rendered from typed data, then executed by the real amtool (`amtool
 * template render`, Alertmanager's own template engine) over alerts given as data.
 */

afterAll(() => removeTempDirs());

const ACTION = { firstOf: [{ annotation: 'action' }, { annotation: 'runbook_url' }] } as const;
const TEMPLATE: NotificationTemplate = {
  name: 'test',
  service: { label: 'job' },
  issue: { annotation: 'summary' },
  formats: [
    { severity: 'critical', marker: '🚨', lines: [{ title: 'Firing since', value: { startsAt: true } }, { title: 'Impact', value: { annotation: 'impact' } }, { title: 'Action', value: ACTION }] },
    { marker: '⚠️', lines: [{ title: 'Firing since', value: { startsAt: true } }, { title: 'Status', value: { status: true } }, { title: 'Action', value: ACTION }] },
  ],
};

function alert(labels: Record<string, string>, annotations: Record<string, string>, startsAt = '2026-01-29T13:00:00+01:00') {
  return { status: 'firing', labels, annotations, startsAt, endsAt: '0001-01-01T00:00:00Z', generatorURL: '', fingerprint: '' };
}

/** `{{ template "<name>" . }}` executed by amtool over `alerts`. */
function render(template: NotificationTemplate, name: string, alerts: unknown[]): string {
  const dir = tempDir('templates-');
  fs.writeFileSync(path.join(dir, 't.tmpl'), renderNotificationTemplate(template));
  fs.writeFileSync(path.join(dir, 'data.json'), JSON.stringify({ receiver: 'r', status: 'firing', alerts, groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: '' }));
  const result = runTool('amtool', ['template', 'render', `--template.glob=${path.join(dir, 't.tmpl')}`, `--template.data=${path.join(dir, 'data.json')}`, `--template.text={{ template "${name}" . }}`]);
  if (result.code !== 0) throw new Error(result.output);
  return result.output.replace(/\n$/, '');
}

const CRITICAL = alert({ alertname: 'WorkerDown', severity: 'critical', job: 'brain-worker' }, { summary: 'Worker w1 is down', impact: 'signals wait', action: 'supervisorctl restart w1' });
const WARNING = alert({ alertname: 'HighCPULoad', severity: 'warning', job: 'node' }, { summary: 'pc load above 12', runbook_url: 'https://runbooks.example.com/load' }, '2026-01-29T12:00:00Z');

test('a critical alert reads as the seed\'s critical template: marker, service, issue, since when (UTC), impact, action', () => {
  expect(render(TEMPLATE, 'test.text', [CRITICAL])).toBe(
    ['🚨 CRITICAL: brain-worker - Worker w1 is down', '- Firing since: 2026-01-29 12:00 UTC', '- Impact: signals wait', '- Action: supervisorctl restart w1'].join('\n'),
  );
});

test('any other severity reads as the warning template, its action from runbook_url when there is no action; alerts are a blank line apart', () => {
  expect(render(TEMPLATE, 'test.text', [CRITICAL, WARNING]).split('\n\n')[1]).toBe(
    ['⚠️ WARNING: node - pc load above 12', '- Firing since: 2026-01-29 12:00 UTC', '- Status: firing', '- Action: https://runbooks.example.com/load'].join('\n'),
  );
});

test('the title is the first alert\'s headline and the count when there are more', () => {
  expect(render(TEMPLATE, 'test.title', [WARNING])).toBe('⚠️ WARNING: node - pc load above 12');
  expect(render(TEMPLATE, 'test.title', [CRITICAL, WARNING])).toBe('🚨 CRITICAL: brain-worker - Worker w1 is down (2 alerts)');
});

test('text that looks like a template action is printed as it is', () => {
  const odd: NotificationTemplate = { ...TEMPLATE, formats: [{ marker: '{{ x }}', lines: [{ title: 'Say "hi"', value: { label: 'missing' } }] }] };
  expect(render(odd, 'test.text', [WARNING]).split('\n')).toEqual(['{{ x }} WARNING: node - pc load above 12', '- Say "hi": ']);
});

test('a template whose last format names a severity, or that has none, is refused', () => {
  expect(() => renderNotificationTemplate({ ...TEMPLATE, formats: [TEMPLATE.formats[0]] })).toThrow('template test: the last format, and only it, has no severity (it tells every other severity)');
  expect(() => renderNotificationTemplate({ ...TEMPLATE, formats: [] })).toThrow('template test: the last format, and only it, has no severity');
});

test('how long an alert has been firing, as the seed\'s "Duration: [time]"', () => {
  const since: NotificationTemplate = { ...TEMPLATE, formats: [{ marker: '!', lines: [{ title: 'Duration', value: { firingFor: true } }] }] };
  const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000).toISOString();
  expect(render(since, 'test.text', [alert({ severity: 'warning', job: 'node' }, { summary: 's' }, twoHoursAgo)]).split('\n')[1]).toMatch(/^- Duration: 2h 0m \d+s$/);
});
