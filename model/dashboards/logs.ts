/**
 * The Logs dashboard of every environment with Loki: how much each level and each service logs,
 * how often something logs an error, and the latest error lines.
 *
 * The queries select streams on the labels every stream carries (README "Loki labels"): `job`,
 * `host` and `service`, the dashboard's variables, and `level` where Alloy parsed one. Levels
 * keep the case they were logged in (INFO, error, err), so they are matched case-insensitively.
 * Counts are taken over `$__interval`, the graph's resolution: each bar is the lines of one step.
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, labelVariable, Panels } from './common';

/**
 * Levels that mean an error or worse, in every vocabulary the streams use: the seed's ERROR and
 * CRITICAL, the container lines' err/error/crit/critical/fatal/panic, and the journal's
 * priorities err, crit, alert and emerg. Loki anchors label regexes at both ends.
 */
export const ERROR_LEVELS = '(?i)(err|error|crit|critical|fatal|panic|alert|emerg)';

/** What an error line says when no level was parsed from it (syslog, plain-text lines). */
export const ERROR_WORDS = '(?i)\\b(error|critical|fatal|panic)\\b';

/** The streams the dashboard's variables select, with more matchers if given. */
function streams(...matchers: string[]): string {
  return `{${['job=~"$job"', 'host=~"$host"', 'service=~"$service"', ...matchers].join(', ')}}`;
}

/** Lines with an error level, and lines without a level that say error: together, the errors. */
const LEVELLED_ERRORS = streams(`level=~"${ERROR_LEVELS}"`);
const UNLEVELLED_ERRORS = `${streams('level=""')} |~ \`${ERROR_WORDS}\``;

const INTERVAL = '$__interval';

export function logsDashboard(environment: string, ds: dashboard.DataSourceRef): dashboard.Dashboard {
  const p = new Panels(ds);
  return buildDashboard({
    environment,
    uid: `${environment}-logs`,
    title: 'Logs',
    description: `Every log stream of ${environment} in Loki: lines by level and by service, error lines per second, and the latest error lines. Filter by job, host and service, the labels every stream carries.`,
    tags: ['logs'],
    variables: [
      labelVariable(ds, 'job', 'label_values(job)'),
      labelVariable(ds, 'host', 'label_values({job=~"$job"}, host)'),
      labelVariable(ds, 'service', 'label_values({job=~"$job", host=~"$host"}, service)'),
    ],
    rows: [
      {
        title: 'Volume',
        panels: [
          p.timeseries({
            title: 'Log lines by level',
            description:
              'Lines logged per interval (the bar width), by level as logged: INFO and info are separate series. "(none)" counts lines whose level did not parse (syslog, plain-text lines).',
            unit: 'short',
            stack: true,
            bars: true,
            targets: [
              {
                expr: `label_replace(sum by (level) (count_over_time(${streams()} [${INTERVAL}])), "level", "(none)", "level", "")`,
                legend: '{{level}}',
              },
            ],
          }),
          p.timeseries({
            title: 'Log lines by service',
            description: 'Lines logged per interval (the bar width), by service: the container, the systemd unit or the application writing the files.',
            unit: 'short',
            stack: true,
            bars: true,
            targets: [{ expr: `sum by (service) (count_over_time(${streams()} [${INTERVAL}]))`, legend: '{{service}}' }],
          }),
        ],
      },
      {
        title: 'Errors',
        panels: [
          p.timeseries({
            title: 'Error lines per second by service',
            description:
              'Lines per second whose level is an error or worse (error, err, critical, crit, fatal, panic, alert, emerg, in any case), plus lines without a parsed level that say error, critical, fatal or panic.',
            unit: 'cps',
            width: 24,
            targets: [
              { expr: `sum by (service) (rate(${LEVELLED_ERRORS} [${INTERVAL}]) or rate(${UNLEVELLED_ERRORS} [${INTERVAL}]))`, legend: '{{service}}' },
            ],
          }),
          p.logs({
            title: 'Recent error lines',
            description:
              'The latest error lines, newest first: lines whose level is an error or worse (A), and lines without a parsed level that say error, critical, fatal or panic (B). A trace id in a line links to Jaeger where the environment traces.',
            unit: 'none',
            targets: [{ expr: LEVELLED_ERRORS }, { expr: UNLEVELLED_ERRORS }],
          }),
        ],
      },
    ],
  });
}
