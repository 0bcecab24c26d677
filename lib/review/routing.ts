import { durationMilliseconds, isDuration } from '../duration';
import { formatDuration } from '../rule-tests';
import type { Alertmanager, InhibitRule, Labels, Matcher, Route } from './model';
import { matchValue } from '../alertmanager-routing';

/**
 * Alertmanager's routing, evaluated offline on an alert's labels: where it goes, when it pages,
 * and what may mute it.
 *
 * - The root route matches every alert. Below a matching route, its child routes are tried in
 *   order; a child that matches takes the alert (recursively), and the search stops there unless
 *   that child has `continue: true`. A route whose children all miss delivers the alert itself.
 * - `receiver`, `group_wait` and `group_by` are inherited from the parent; `mute_time_intervals`
 *   and `active_time_intervals` belong to the route that names them.
 * - An inhibit rule mutes the alert while another alert matching its source fires (with the same
 *   values of its `equal` labels); the alert itself is never its own source.
 */

/** Alertmanager's default group_wait. */
const DEFAULT_GROUP_WAIT = '30s';

export interface Delivery {
  receiver: string;
  /** The matchers of the routes taken, root excluded, as `severity="critical" > team="db"`. */
  path: string;
  groupWait: string;
  /** Time intervals during which this delivery is muted. */
  mutedDuring: string[];
  /** Time intervals outside which this delivery is muted. */
  activeOnly: string[];
}

/** Whether a matcher holds on a label set (a missing label is the empty string, as in Alertmanager). */
export function matcherHolds(m: Matcher, labels: Labels): boolean {
  return matchValue(m, labels[m.label] ?? '');
}

export function matchersHold(matchers: readonly Matcher[], labels: Labels): boolean {
  return matchers.every((m) => matcherHolds(m, labels));
}

export function formatMatchers(matchers: readonly Matcher[]): string {
  return matchers.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).join(', ');
}

interface Inherited {
  receiver: string;
  groupWait: string;
  path: string[];
}

function walk(route: Route, labels: Labels, parent: Inherited): Delivery[] {
  const here: Inherited = {
    receiver: route.receiver ?? parent.receiver,
    groupWait: route.groupWait ?? parent.groupWait,
    path: parent.path,
  };
  const found: Delivery[] = [];
  for (const child of route.routes) {
    if (!matchersHold(child.matchers, labels)) continue;
    const step = child.matchers.length ? `{${formatMatchers(child.matchers)}}` : '{}';
    found.push(...walk(child, labels, { ...here, path: [...here.path, step] }));
    if (!child.continue) break;
  }
  if (found.length > 0) return found;
  return [{
    receiver: here.receiver,
    path: here.path.join(' > ') || '(root)',
    groupWait: here.groupWait,
    mutedDuring: route.muteTimeIntervals,
    activeOnly: route.activeTimeIntervals,
  }];
}

/** Every delivery of an alert with these labels, in the order Alertmanager makes them. */
export function route(am: Alertmanager, labels: Labels): Delivery[] {
  return walk(am.route, labels, { receiver: am.route.receiver ?? '', groupWait: am.route.groupWait ?? DEFAULT_GROUP_WAIT, path: [] });
}

/** An alert as routing sees it: its name and the labels it is sent with. */
export interface RoutedAlert {
  name: string;
  labels: Labels;
}

/**
 * The inhibit rules that can mute this alert, each with the alerts that can be its source (the
 * other alerts whose labels match the source matchers), as readable lines.
 */
export function inhibitors(rules: readonly InhibitRule[], alert: RoutedAlert, others: readonly RoutedAlert[]): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    if (!matchersHold(rule.target, alert.labels)) continue;
    const sources = others.filter((o) => o.name !== alert.name && matchersHold(rule.source, o.labels)).map((o) => o.name).sort();
    if (sources.length === 0) continue;
    const equal = rule.equal.length ? ` with the same ${rule.equal.join(', ')}` : '';
    out.push(`muted while ${sources.join(' or ')} fires${equal}`);
  }
  return out;
}

/**
 * The longest time from the condition becoming true to the first notification: one evaluation
 * interval (the evaluation that sees it), the rule's `for`, and the route's group_wait.
 */
export function timeToPage(evaluationInterval: string, forDuration: string | undefined, groupWait: string): string {
  const ms = [evaluationInterval, forDuration ?? '0s', groupWait].reduce((sum, d) => sum + (isDuration(d) ? durationMilliseconds(d) : 0), 0);
  return formatDuration(ms / 1000);
}
