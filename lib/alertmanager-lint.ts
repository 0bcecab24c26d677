/**
 * Alertmanager checked against the alerts its environment can send: every alert's name and static
 * labels are known at synth (its rule's labels, the external labels), and the labels its expression's
 * series can carry are known by name (lib/lint.ts follows them through the expression).
 *
 * Routing (`routeAlert`, matchers) is in lib/alertmanager-routing.ts.
 */
import { durationSeconds } from './duration';
import { readTemplate } from './go-template';
import { levenshtein } from './names';
import {
  LABEL_NAME,
  matchAlert,
  matchAll,
  parseMatcher,
  possibleRoutes,
  routeAlert,
  routeTree,
  type Matcher,
  type RouteNode,
} from './alertmanager-routing';
import { re2Problem } from './re2';

export { LABEL_NAME, parseMatcher, routeAlert, type Matcher } from './alertmanager-routing';

export interface LintRoute {
  readonly receiver?: string;
  readonly groupBy?: readonly string[];
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly matchers?: readonly string[];
  readonly continue?: boolean;
  readonly routes?: readonly LintRoute[];
}

/** A receiver's integrations, by kind, with the settings the checks read. */
export interface LintReceiver {
  readonly name: string;
  readonly email?: ReadonlyArray<{ readonly smarthost?: string; readonly from?: string; readonly headers?: Readonly<Record<string, string>> }>;
  readonly slack?: ReadonlyArray<{ readonly title?: string; readonly text?: string }>;
  readonly pagerduty?: ReadonlyArray<{ readonly description?: string }>;
  readonly webhook?: readonly unknown[];
}

export interface LintTimeInterval {
  readonly name: string;
  readonly intervals: ReadonlyArray<{
    readonly weekdays?: readonly string[];
    readonly times?: ReadonlyArray<{ readonly start: string; readonly end: string }>;
    readonly daysOfMonth?: readonly string[];
    readonly months?: readonly string[];
  }>;
}

export interface LintAlertmanager {
  readonly route: LintRoute;
  readonly receivers: readonly LintReceiver[];
  /** The global SMTP settings, when there are. */
  readonly smtp?: { readonly smarthost?: string; readonly from?: string };
  readonly inhibitRules?: ReadonlyArray<{ readonly sourceMatchers: readonly string[]; readonly targetMatchers: readonly string[]; readonly equal?: readonly string[] }>;
  readonly timeIntervals?: readonly LintTimeInterval[];
  /** The receivers each severity must reach, in order. */
  readonly expectedReceivers?: Readonly<Record<string, readonly string[]>>;
  /** The always-firing alert and the receiver it alone must reach, when there is a heartbeat. */
  readonly heartbeat?: { readonly alert: string; readonly receiver: string };
}

/** An alert the environment can send. */
export interface SentAlert {
  readonly alert: string;
  /** Where its rule is, for messages: `rule WorkerDown (ruleGroups[0].rules[0])`. */
  readonly where: string;
  /** Labels whose values are known: alertname, the rule's labels, the external labels. */
  readonly known: Readonly<Record<string, string>>;
  /** Labels its series may carry, values unknown. */
  readonly carried: ReadonlySet<string>;
  /** Its series may carry any label (a recording rule or relabelling the lint cannot follow). */
  readonly anyLabel: boolean;
}

export interface AlertmanagerFinding {
  readonly where: string;
  readonly check: 'route-matcher' | 'unreachable-receiver' | 'group-by' | 'inhibit' | 'repeat-interval' | 'expected-receivers' | 'time-interval' | 'receiver-globals' | 'template' | 'regex' | 'label-name';
  readonly message: string;
}


function seconds(duration: string | undefined): number | undefined {
  if (duration === undefined) return undefined;
  try {
    return durationSeconds(duration);
  } catch {
    return undefined;
  }
}

function quoteList(values: Iterable<string>): string {
  return [...values].map((v) => `"${v}"`).join(', ');
}

/** Label names the alerts can carry (known or by name), sorted. */
function carriedLabels(alerts: readonly SentAlert[]): string[] {
  const all = new Set<string>();
  for (const a of alerts) {
    Object.keys(a.known).forEach((l) => all.add(l));
    a.carried.forEach((l) => all.add(l));
  }
  return [...all].sort();
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Why Alertmanager refuses a weekday, day-of-month or month range, or undefined. */
function rangeProblem(value: string, kind: 'weekday' | 'day of month' | 'month'): string | undefined {
  const parts = value.split(':');
  if (parts.length > 2) return `"${value}" is not a ${kind} or a range "start:end"`;
  const index = (p: string): number | undefined => {
    if (kind === 'weekday') {
      const i = WEEKDAYS.indexOf(p.toLowerCase());
      return i < 0 ? undefined : i;
    }
    if (kind === 'month') {
      const i = MONTHS.indexOf(p.toLowerCase());
      if (i >= 0) return i + 1;
      return /^\d+$/.test(p) && +p >= 1 && +p <= 12 ? +p : undefined;
    }
    return /^-?\d+$/.test(p) && +p !== 0 && +p >= -31 && +p <= 31 ? +p : undefined;
  };
  const values = parts.map(index);
  const expected = kind === 'weekday' ? `a weekday name (${WEEKDAYS.join(', ')})` : kind === 'month' ? 'a month name or 1 to 12' : 'a day from 1 to 31 (or -31 to -1, counted from the end)';
  const bad = parts.find((_p, i) => values[i] === undefined);
  if (bad !== undefined) return `"${bad}" is not ${expected}`;
  if (values.length === 2) {
    const [a, b] = values as number[];
    // Negative days count from the end of the month: a range mixing signs is decided at run time.
    if ((kind !== 'day of month' || Math.sign(a) === Math.sign(b)) && a > b) {
      return `"${value}" ends before it starts; Alertmanager ranges do not wrap around${kind === 'weekday' ? ' the week: split it in two, e.g. "saturday:saturday" and "sunday:monday"' : ': split it in two'}`;
    }
  }
  return undefined;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Every finding of one environment's Alertmanager. */
export function lintAlertmanager(am: LintAlertmanager, alerts: readonly SentAlert[]): AlertmanagerFinding[] {
  const findings: AlertmanagerFinding[] = [];
  const report = (where: string, check: AlertmanagerFinding['check'], message: string) => findings.push({ where, check, message });
  const tree = routeTree(am.route, 'alertmanager.route', undefined);
  const labels = carriedLabels(alerts);

  // Matchers: RE2, and at least one alert that can satisfy each.
  const checkMatchers = (where: string, matchers: readonly string[], forAlerts: boolean) => {
    for (const [i, text] of matchers.entries()) {
      const m = parseMatcher(text);
      if (!m) continue; // the spec's validation refuses it
      if ((m.op === '=~' || m.op === '!~') && re2Problem(m.value)) {
        report(`${where}[${i}]`, 'regex', `${m.text}: Alertmanager does not compile the regex (${re2Problem(m.value)}); write it in RE2 syntax`);
        continue;
      }
      if (!forAlerts || alerts.length === 0) continue;
      if (alerts.some((a) => matchAlert(m, a) !== 'no')) continue;
      const values = [...new Set(alerts.flatMap((a) => (Object.hasOwn(a.known, m.label) ? [a.known[m.label]] : [])))].sort();
      // A few values are listed; of many, the nearest to what was written.
      const nearest = [...values].sort((a, b) => levenshtein(m.value, a) - levenshtein(m.value, b))[0];
      const what = values.length === 0 ? `no alert carries ${m.label}; alerts carry ${labels.join(', ')}` : values.length <= 6 ? `${m.label} is one of ${quoteList(values)}` : `${m.label} has ${values.length} values; did you mean "${nearest}"?`;
      report(`${where}[${i}]`, 'route-matcher', `${m.text} matches no alert this environment sends (${what}); match a value an alert has`);
    }
  };

  // Routes: matchers, group_by, intervals.
  const walk = (node: RouteNode, parentGroupInterval: number, parentRepeat: number) => {
    checkMatchers(`${node.path}.matchers`, node.route.matchers ?? [], node !== tree);
    for (const [i, l] of (node.route.groupBy ?? []).entries()) {
      if (l === '...') continue;
      if (!LABEL_NAME.test(l)) {
        report(`${node.path}.groupBy[${i}]`, 'label-name', `"${l}" is not a label name; expected letters, digits and "_", not starting with a digit`);
      } else if (alerts.length && !alerts.some((a) => a.anyLabel || Object.hasOwn(a.known, l) || a.carried.has(l))) {
        report(`${node.path}.groupBy[${i}]`, 'group-by', `"${l}" is a label no alert carries, so it groups nothing; alerts carry ${labels.join(', ')}`);
      }
    }
    const groupInterval = seconds(node.route.groupInterval) ?? parentGroupInterval;
    const repeat = seconds(node.route.repeatInterval) ?? parentRepeat;
    if ((node.route.groupInterval !== undefined || node.route.repeatInterval !== undefined) && repeat < groupInterval) {
      report(
        node.path,
        'repeat-interval',
        `repeatInterval ${node.route.repeatInterval ?? `(inherited, ${parentRepeat}s)`} is shorter than groupInterval ${node.route.groupInterval ?? `(inherited, ${parentGroupInterval}s)`}: notifications repeat only once per group interval; make repeatInterval at least the group interval`,
      );
    }
    node.children.forEach((c) => walk(c, groupInterval, repeat));
  };
  walk(tree, 300, 4 * 3600);

  // Receivers no alert reaches.
  const reached = new Set<string>();
  const reachedRoutes = new Set<RouteNode>();
  for (const a of alerts) for (const n of possibleRoutes(tree, a, true) ?? []) {
    reachedRoutes.add(n);
    if (n.receiver) reached.add(n.receiver);
  }
  if (alerts.length) {
    for (const [i, r] of am.receivers.entries()) {
      // The root's receiver is the fallback Alertmanager requires, for alerts no route foresaw.
      if (reached.has(r.name) || r.name === am.route.receiver) continue;
      const referenced = (function refs(n: RouteNode): boolean {
        return n.route.receiver === r.name || n.children.some(refs);
      })(tree);
      const why = referenced ? 'the routes that name it match no alert or are shadowed by an earlier route without continue' : 'no route names it';
      report(`alertmanager.receivers[${i}]`, 'unreachable-receiver', `receiver "${r.name}" receives no alert: ${why}; route alerts to it or remove it`);
    }
  }

  // Inhibit rules.
  for (const [i, rule] of (am.inhibitRules ?? []).entries()) {
    const where = `alertmanager.inhibitRules[${i}]`;
    checkMatchers(`${where}.sourceMatchers`, rule.sourceMatchers, true);
    checkMatchers(`${where}.targetMatchers`, rule.targetMatchers, true);
    const parsed = (list: readonly string[]) => list.map(parseMatcher).filter((m): m is Matcher => m !== undefined);
    const sources = alerts.filter((a) => matchAll(parsed(rule.sourceMatchers), a) !== 'no');
    const targets = alerts.filter((a) => matchAll(parsed(rule.targetMatchers), a) !== 'no');
    for (const [e, l] of (rule.equal ?? []).entries()) {
      const carries = (a: SentAlert) => a.anyLabel || Object.hasOwn(a.known, l) || a.carried.has(l);
      if (sources.length && targets.length && (!sources.some(carries) || !targets.some(carries))) {
        const side = !sources.some(carries) ? 'source' : 'target';
        report(`${where}.equal[${e}]`, 'inhibit', `"${l}" is a label no ${side} alert carries, so it is "" on that side and the rule inhibits across every ${l}; use a label both sides carry`);
      }
    }
  }

  // Time intervals, as Alertmanager parses them.
  for (const [t, ti] of (am.timeIntervals ?? []).entries()) {
    for (const [i, interval] of ti.intervals.entries()) {
      const where = `alertmanager.timeIntervals[${t}].intervals[${i}]`;
      for (const [w, d] of (interval.weekdays ?? []).entries()) {
        const p = rangeProblem(d, 'weekday');
        if (p) report(`${where}.weekdays[${w}]`, 'time-interval', p);
      }
      for (const [w, d] of (interval.daysOfMonth ?? []).entries()) {
        const p = rangeProblem(d, 'day of month');
        if (p) report(`${where}.daysOfMonth[${w}]`, 'time-interval', p);
      }
      for (const [w, d] of (interval.months ?? []).entries()) {
        const p = rangeProblem(d, 'month');
        if (p) report(`${where}.months[${w}]`, 'time-interval', p);
      }
      for (const [r, range] of (interval.times ?? []).entries()) {
        if (range.start === '24:00' || minutes(range.start) >= minutes(range.end)) {
          report(
            `${where}.times[${r}]`,
            'time-interval',
            `${range.start} to ${range.end}: Alertmanager needs the end after the start within one day; split a range across midnight in two, e.g. ${range.start}–24:00 and 00:00–${range.end}`,
          );
        }
      }
    }
  }

  // Integrations without the global settings they need, and their templates.
  for (const [i, r] of am.receivers.entries()) {
    const where = `alertmanager.receivers[${i}]`;
    for (const [e, email] of (r.email ?? []).entries()) {
      if (!email.smarthost && !am.smtp?.smarthost) report(`${where}.email[${e}]`, 'receiver-globals', `receiver "${r.name}" sends e-mail but neither it nor alertmanager.smtp has a smarthost; Alertmanager refuses the config: set alertmanager.smtp { from, smarthost }`);
      else if (!email.from && !am.smtp?.from) report(`${where}.email[${e}]`, 'receiver-globals', `receiver "${r.name}" sends e-mail but neither it nor alertmanager.smtp has a from address; Alertmanager refuses the config: set alertmanager.smtp.from`);
      for (const [h, value] of Object.entries(email.headers ?? {})) checkTemplate(`${where}.email[${e}].headers.${h}`, value, report);
    }
    for (const [s, slack] of (r.slack ?? []).entries()) {
      if (slack.title !== undefined) checkTemplate(`${where}.slack[${s}].title`, slack.title, report);
      if (slack.text !== undefined) checkTemplate(`${where}.slack[${s}].text`, slack.text, report);
    }
    for (const [p, pd] of (r.pagerduty ?? []).entries()) {
      if (pd.description !== undefined) checkTemplate(`${where}.pagerduty[${p}].description`, pd.description, report);
    }
  }

  // The heartbeat: its alert reaches its receiver alone; nothing else reaches that receiver.
  const hb = am.heartbeat;
  if (hb) {
    const watchdog = alerts.find((a) => a.alert === hb.alert);
    const got = watchdog ? routeAlert(am.route, watchdog.known) : [];
    if (!watchdog || got.join(',') !== hb.receiver) {
      report('alertmanager.heartbeat', 'expected-receivers', `${hb.alert} ${watchdog ? `reaches ${quoteList(got)}` : 'is not among the alerts'}, expected "${hb.receiver}" alone: the dead man's switch would page while everything works; keep the heartbeat route first`);
    }
    for (const a of alerts.filter((x) => x.alert !== hb.alert && routeAlert(am.route, x.known).includes(hb.receiver))) {
      report('alertmanager.heartbeat', 'expected-receivers', `${a.alert} (${a.where}) reaches the heartbeat receiver "${hb.receiver}", which expects only ${hb.alert}; match it on alertname`);
    }
  }

  // The receivers each severity must reach, evaluated as Alertmanager routes.
  for (const [severity, expected] of Object.entries(am.expectedReceivers ?? {})) {
    for (const a of alerts.filter((x) => x.known.severity === severity && x.alert !== hb?.alert)) {
      const got = routeAlert(am.route, a.known);
      if (got.join(',') !== expected.join(',')) {
        report(
          `alertmanager.expectedReceivers.${severity}`,
          'expected-receivers',
          `${a.alert} (${a.where}) reaches ${quoteList(got)}, expected ${quoteList(expected)}; change the routes or expectedReceivers`,
        );
      }
    }
  }
  return findings;
}

function checkTemplate(where: string, text: string, report: (where: string, check: AlertmanagerFinding['check'], message: string) => void): void {
  const problem = readTemplate(text, 'alertmanager').problem;
  if (problem) report(where, 'template', `Alertmanager cannot parse the template (${problem}): ${JSON.stringify(text)}`);
}
