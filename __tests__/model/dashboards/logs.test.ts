import { dashboardsFor } from '../../../environments';
import { ERROR_LEVELS, ERROR_WORDS } from '../../../model/dashboards/logs';
import { ENVIRONMENTS } from '../../../environments';
import { cleanupOutdirs, synthEnvironment } from '../../support/synth';
import { LogQLAnalysis, LogQLSyntaxError, parseLogQL } from '../../support/logql';
import { dashboardsOf, Panel, Variable } from '../../support/dashboard-model';
import { CONTAINER_LEVEL_EXPRESSION } from '../../../runtimes/docker/alloy';
import { STREAM_LABELS } from '../../../model/logs';

afterAll(cleanupOutdirs);

/** The labels every stream carries, and level where it parses (README "Loki labels"). */
const CONTRACT = [...STREAM_LABELS, 'level'];

/** Grafana 10.2's Loki variable query migration (variableQueryMigrations.ts): what it accepts as label_values. */
const GRAFANA_LOKI_LABEL_VALUES = /^label_values\((?:(.+),\s*)?([a-zA-Z_$][a-zA-Z0-9_]*)\)\s*$/;

/** A level regex run the way Loki runs a label matcher: anchored at both ends, (?i) as a flag. */
function lokiLabelMatches(regex: string, value: string): boolean {
  const insensitive = regex.startsWith('(?i)');
  return new RegExp(`^(?:${insensitive ? regex.slice(4) : regex})$`, insensitive ? 'i' : '').test(value);
}

/** A line filter regex run the way Loki runs it: unanchored. */
function lineMatches(regex: string, line: string): boolean {
  const insensitive = regex.startsWith('(?i)');
  return new RegExp(insensitive ? regex.slice(4) : regex, insensitive ? 'i' : '').test(line);
}

// GIVEN every environment that has logs, synthesized, and its Logs dashboard as Grafana receives it
const environments = ENVIRONMENTS.filter((e) => e.monitoring.logs).map((spec) => {
  const { stack, json } = synthEnvironment(spec);
  const logs = dashboardsOf(json).filter((d) => d.model.uid === `${spec.name}-logs`);
  if (logs.length !== 1) throw new Error(`${spec.name}: expected one Logs dashboard, found ${logs.length}`);
  const { resource, model } = logs[0];
  const panels = model.panels.filter((p) => p.type !== 'row');
  return { name: spec.name, stack, resource, model, panels };
});

test('every environment with logs is checked: homelab, llama-orch, lloom, osmen', () => {
  expect(environments.map((e) => e.name)).toEqual(['homelab', 'llama-orch', 'lloom', 'osmen']);
});

describe.each(environments.map((e) => [e.name, e] as const))('%s: the Logs dashboard', (name, env) => {
  const loki = { type: 'loki', uid: `${name}-loki` };
  const queries = env.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, target: t, analysis: parseLogQL(t.expr) })));
  const panel = (title: string): Panel => {
    const found = env.panels.find((p) => p.title === title);
    if (!found) throw new Error(`no panel "${title}" in ${env.model.uid}`);
    return found;
  };
  const analysis = (title: string): LogQLAnalysis[] => (panel(title).targets ?? []).map((t) => parseLogQL(t.expr));

  test('has its stable uid, lives in the environment folder, and reads the Loki of this stack only', () => {
    // THEN uid <env>-logs, title Logs, in folder <env>, tagged for the environment's dashboard menu
    expect({ uid: env.model.uid, title: env.model.title, folder: env.resource.folder, tags: env.model.tags }).toEqual({
      uid: `${name}-logs`,
      title: 'Logs',
      folder: name,
      tags: [name, 'logs'],
    });
    // AND every panel, query and variable names Grafana's Loki data source of this stack
    expect(env.stack.parts.grafana.dataSources.loki).toEqual(loki);
    const refs = [...env.panels.flatMap((p) => [p.datasource, ...(p.targets ?? []).map((t) => t.datasource)]), ...(env.model.templating.list as Variable[]).map((v) => v.datasource)];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toEqual(loki);
  });

  test('shows log volume by level and by service, error lines per second, and the recent error lines', () => {
    expect(env.panels.map((p) => [p.type, p.title, p.fieldConfig?.defaults?.unit])).toEqual([
      ['timeseries', 'Log lines by level', 'short'],
      ['timeseries', 'Log lines by service', 'short'],
      ['timeseries', 'Error lines per second by service', 'cps'],
      // A logs panel draws lines, not values: its unit is "none".
      ['logs', 'Recent error lines', 'none'],
    ]);
    // Volume: lines counted, grouped by the label
    const [byLevel] = analysis('Log lines by level');
    expect({ functions: byLevel.rangeFunctions, groupings: byLevel.groupings }).toEqual({ functions: ['count_over_time'], groupings: [['level']] });
    const [byService] = analysis('Log lines by service');
    expect({ functions: byService.rangeFunctions, groupings: byService.groupings }).toEqual({ functions: ['count_over_time'], groupings: [['service']] });
    // Errors: the rate of lines with an error level, or without a level but saying error, by service
    const [errors] = analysis('Error lines per second by service');
    expect({ functions: errors.rangeFunctions, groupings: errors.groupings }).toEqual({ functions: ['rate', 'rate'], groupings: [['service']] });
    const levelMatchers = (a: LogQLAnalysis) => a.selectors.map((s) => s.find((m) => m.label === 'level'));
    expect(levelMatchers(errors)).toEqual([
      { label: 'level', op: '=~', value: ERROR_LEVELS },
      { label: 'level', op: '=', value: '' },
    ]);
    expect(errors.lineFilters).toEqual([{ op: '|~', value: ERROR_WORDS }]);
    // AND the logs panel shows the same lines: log queries (no aggregation), newest first
    const lines = analysis('Recent error lines');
    expect(lines.map((a) => ({ functions: a.rangeFunctions, level: levelMatchers(a), filters: a.lineFilters }))).toEqual([
      { functions: [], level: [{ label: 'level', op: '=~', value: ERROR_LEVELS }], filters: [] },
      { functions: [], level: [{ label: 'level', op: '=', value: '' }], filters: [{ op: '|~', value: ERROR_WORDS }] },
    ]);
  });

  test("every query parses with Grafana's LogQL grammar and selects streams on the contract labels only, filtered by the variables", () => {
    expect(queries.length).toBe(5);
    for (const { panel: title, target, analysis: a } of queries) {
      const where = { dashboard: env.model.uid, panel: title, refId: target.refId };
      // THEN it is written in code mode as a range query, with at least one stream selector
      expect({ ...where, editorMode: target.editorMode, queryType: target.queryType, selectors: a.selectors.length > 0 }).toEqual({ ...where, editorMode: 'code', queryType: 'range', selectors: true });
      for (const selector of a.selectors) {
        // AND each selector names contract labels only, and applies job, host and service
        expect({ ...where, unknown: selector.map((m) => m.label).filter((l) => !CONTRACT.includes(l)) }).toEqual({ ...where, unknown: [] });
        for (const label of STREAM_LABELS) {
          expect({ ...where, label, matcher: selector.find((m) => m.label === label) }).toEqual({ ...where, label, matcher: { label, op: '=~', value: `$${label}` } });
        }
      }
    }
  });

  test('every count and rate is over $__interval, and every graph is a metric query', () => {
    for (const { panel: title, target, analysis: a } of queries) {
      const where = { panel: title, refId: target.refId };
      expect({ ...where, ranges: a.ranges }).toEqual({ ...where, ranges: a.rangeFunctions.map(() => '$__interval') });
      if (panel(title ?? '').type === 'timeseries') expect({ ...where, metric: a.rangeFunctions.length > 0 }).toEqual({ ...where, metric: true });
    }
  });

  test('job, host and service are Loki label_values variables, each narrowed by the ones before it', () => {
    const variables = env.model.templating.list as Variable[];
    expect(variables.map((v) => v.name)).toEqual(['job', 'host', 'service']);
    for (const v of variables) {
      expect({ name: v.name, type: v.type, label: v.label, multi: v.multi, includeAll: v.includeAll, allValue: v.allValue, refresh: v.refresh }).toEqual({
        name: v.name,
        type: 'query',
        label: v.name,
        multi: true,
        includeAll: true,
        allValue: '.+',
        refresh: 2,
      });
    }
    // THEN Grafana's Loki data source reads each query as label_values of that label
    const parsed = variables.map((v) => GRAFANA_LOKI_LABEL_VALUES.exec(v.query));
    expect(parsed.map((m) => m?.[2])).toEqual(['job', 'host', 'service']);
    // AND the stream selectors are LogQL on the contract labels, chained job → host → service
    const selectors = parsed.map((m) => (m?.[1] === undefined ? [] : parseLogQL(m[1]).selectors.flat()));
    expect(selectors).toEqual([
      [],
      [{ label: 'job', op: '=~', value: '$job' }],
      [
        { label: 'job', op: '=~', value: '$job' },
        { label: 'host', op: '=~', value: '$host' },
      ],
    ]);
  });
});

describe('what counts as an error line', () => {
  test.each(['ERROR', 'error', 'Err', 'err', 'CRITICAL', 'crit', 'FATAL', 'fatal', 'panic', 'alert', 'emerg'])('level %s is an error', (level) => {
    expect(lokiLabelMatches(ERROR_LEVELS, level)).toBe(true);
  });

  test.each(['INFO', 'info', 'WARNING', 'warn', 'DEBUG', 'notice', 'trace', 'errors', 'terror', ''])('level %p is not', (level) => {
    expect(lokiLabelMatches(ERROR_LEVELS, level)).toBe(false);
  });

  test("every error level Alloy's container expression extracts, and every error priority of the journal, is matched", () => {
    // GIVEN the closed list of levels the container pipeline extracts, and the journal's priority keywords
    const containerLevels = /\(\?P<level>([^)]*)\)/.exec(CONTAINER_LEVEL_EXPRESSION)![1].split('|');
    const journal = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
    // THEN exactly the error-or-worse ones are errors
    const errorsOf = (levels: string[]) => levels.filter((l) => lokiLabelMatches(ERROR_LEVELS, l));
    expect(errorsOf(containerLevels)).toEqual(['error', 'err', 'critical', 'crit', 'fatal', 'panic']);
    expect(errorsOf(journal)).toEqual(['emerg', 'alert', 'crit', 'err']);
  });

  test.each([
    ['2026-01-29 12:00:00 worker_3 ERROR: LanceDB write failed', true],
    ['kernel: [ 12.3] Critical temperature reached', true],
    ['fatal: not a git repository', true],
    ['panic: runtime error: index out of range', true],
    ['ingested 0 errors in 12 batches', false],
    ['query processed successfully', false],
  ])('a line without a level: %p says error: %p', (line, expected) => {
    expect(lineMatches(ERROR_WORDS, line)).toBe(expected);
  });
});

describe('dashboardsFor', () => {
  const prometheus = { type: 'prometheus', uid: 'x-prometheus' };
  const loki = { type: 'loki', uid: 'x-loki' };

  test('adds the Logs dashboard, on the given Loki, only for an environment with a Loki data source', () => {
    // GIVEN homelab's dashboards without and with a Loki data source
    const without = dashboardsFor('homelab', { prometheus }).map((d) => d.uid);
    const withLoki = dashboardsFor('homelab', { prometheus, loki });
    // THEN the only difference is homelab-logs, querying that Loki
    expect(without).not.toContain('homelab-logs');
    expect(withLoki.map((d) => d.uid)).toEqual([...without, 'homelab-logs']);
    expect(JSON.stringify(withLoki.find((d) => d.uid === 'homelab-logs'))).toContain('"uid":"x-loki"');
    // AND an environment with no dashboards of its own still gets its Logs
    expect(dashboardsFor('newenv', { prometheus, loki }).map((d) => d.uid)).toEqual(['newenv-logs']);
  });
});

describe('the LogQL check itself', () => {
  test.each([
    ['an unclosed selector', '{job=~"$job"'],
    ['an unclosed aggregation', 'sum(count_over_time({job=~"$job"} [$__interval])'],
    ['a line filter without its string', '{job=~"$job"} |= '],
    ['PromQL, not LogQL', 'rate(up[5m])'],
    ['nothing', '  '],
  ])('refuses %s', (_what, expr) => {
    expect(() => parseLogQL(expr)).toThrow(LogQLSyntaxError);
  });
});
