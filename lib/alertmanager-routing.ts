/**
 * Alertmanager routing as the lint sees it (lib/alertmanager-lint.ts).
 *
 * `routeAlert` is a routing evaluator of Alertmanager's own rules (dispatch/route.go): a route
 * matches when all its matchers do; its children are tried in order, the first that matches ends
 * the search unless it has `continue`; a route none of whose children match is the result itself,
 * and a route without a receiver takes its parent's. The tests cross-check it against amtool.
 */
import type { LintRoute, SentAlert } from './alertmanager-lint';
import { re2FullMatch, re2Problem } from './re2';

export interface Matcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
  readonly text: string;
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** An Alertmanager matcher (`severity="critical"`), or undefined when it is not one. */
export function parseMatcher(text: string): Matcher | undefined {
  const m = MATCHER.exec(text);
  if (!m) return undefined;
  return { label: m[1], op: m[2] as Matcher['op'], value: JSON.parse(`"${m[3]}"`) as string, text: text.trim() };
}

/** Whether a matcher holds on one label's value; regexes are RE2, fully anchored, as Alertmanager compiles them. */
export function matchValue(m: Pick<Matcher, 'op' | 'value'>, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return re2FullMatch(m.value, value);
    case '!~':
      return !re2FullMatch(m.value, value);
  }
}

export type Tri = 'yes' | 'no' | 'maybe';

/** Whether an alert matches: yes, no, or maybe (a label whose value is only known at run time). */
export function matchAlert(m: Matcher, alert: SentAlert): Tri {
  // A regex that does not compile is reported once, as such: it decides nothing else.
  if ((m.op === '=~' || m.op === '!~') && re2Problem(m.value)) return 'maybe';
  if (Object.hasOwn(alert.known, m.label)) return matchValue(m, alert.known[m.label]) ? 'yes' : 'no';
  if (alert.anyLabel || alert.carried.has(m.label)) return 'maybe';
  return matchValue(m, '') ? 'yes' : 'no';
}

export function matchAll(matchers: readonly Matcher[], alert: SentAlert): Tri {
  let result: Tri = 'yes';
  for (const m of matchers) {
    const r = matchAlert(m, alert);
    if (r === 'no') return 'no';
    if (r === 'maybe') result = 'maybe';
  }
  return result;
}

/** A route with its parsed matchers, its receiver (inherited), and its path for messages. */
export interface RouteNode {
  readonly route: LintRoute;
  readonly path: string;
  readonly receiver?: string;
  readonly matchers: readonly Matcher[];
  readonly children: readonly RouteNode[];
}

export function routeTree(route: LintRoute, path: string, inherited: string | undefined): RouteNode {
  const receiver = route.receiver ?? inherited;
  return {
    route,
    path,
    receiver,
    matchers: (route.matchers ?? []).map(parseMatcher).filter((m): m is Matcher => m !== undefined),
    children: (route.routes ?? []).map((r, i) => routeTree(r, `${path}.routes[${i}]`, receiver)),
  };
}

/** The routes an alert may end at: certain ones, and ones that depend on run-time label values. */
export function possibleRoutes(node: RouteNode, alert: SentAlert, isRoot: boolean): RouteNode[] | undefined {
  const m = isRoot ? 'yes' : matchAll(node.matchers, alert);
  if (m === 'no') return undefined;
  const all: RouteNode[] = [];
  // The route itself is the result unless a child certainly matches.
  let certain = false;
  for (const child of node.children) {
    const found = possibleRoutes(child, alert, false);
    if (!found) continue;
    all.push(...found);
    if (matchAll(child.matchers, alert) === 'yes') {
      certain = true;
      if (!child.route.continue) break;
    }
  }
  if (!certain) all.push(node);
  return all;
}

/** The receivers labels reach, in order, as Alertmanager routes them (one per matching route). */
export function routeAlert(route: LintRoute, labels: Readonly<Record<string, string>>): string[] {
  const alert: SentAlert = { alert: labels.alertname ?? '', where: '', known: labels, carried: new Set(), anyLabel: false };
  const match = (node: RouteNode, isRoot: boolean): RouteNode[] | undefined => {
    if (!isRoot && matchAll(node.matchers, alert) === 'no') return undefined;
    const all: RouteNode[] = [];
    for (const child of node.children) {
      const found = match(child, false);
      if (!found) continue;
      all.push(...found);
      if (!child.route.continue) break;
    }
    return all.length ? all : [node];
  };
  return match(routeTree(route, 'alertmanager.route', undefined), true)!.map((n) => n.receiver ?? '');
}
