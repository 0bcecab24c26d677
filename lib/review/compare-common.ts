import { type Labels, type Rule, type StackModel } from './model';
import { sortKeys } from './normalize';
import { inhibitors, route, timeToPage, type RoutedAlert } from './routing';

/**
 * Two stack models compared: what changed in meaning, section by section, in the order a
 * reviewer reads it. Sets are compared as sets (scrape jobs, targets, labels, rules within a
 * group), routes by their outcome, containers by name, dashboards by uid, panels by title.
 */

export type SectionId = 'paging' | 'alerts' | 'generated' | 'recording' | 'scrape' | 'dashboards' | 'logs' | 'capacity' | 'deployment' | 'checks';

export const SECTION_TITLES: Record<SectionId, string> = {
  paging: 'Paging impact',
  alerts: 'Alert rules',
  generated: 'Generated rules',
  recording: 'Recording rules',
  scrape: 'Scrape targets',
  dashboards: 'Dashboards',
  logs: 'Logs and traces',
  capacity: 'Capacity',
  deployment: 'Deployment',
  checks: 'Checks',
};

export interface Item {
  text: string;
  /** Something a reviewer must not miss: a severity or alert that reaches no one, a rule read after its removal, lost data. */
  warning?: boolean;
}

export interface Section {
  id: SectionId;
  title: string;
  items: Item[];
}

export interface FileDiff {
  file: string;
  diff: string;
}

export interface Summary {
  paging: number;
  alerts: { added: number; removed: number; changed: number };
  targets: { before: number; after: number };
  dashboards: number;
  restarts: number;
  newVariables: string[];
}

export interface EnvironmentReview {
  env: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  summary: Summary;
  sections: Section[];
  appendix: FileDiff[];
}

// ----------------------------------------------------------------------------------------------
// helpers

export const bullet = (text: string, warning = false): Item => (warning ? { text, warning } : { text });

export function same(a: unknown, b: unknown): boolean {
  // Equal as written is equal (the common case, and cheap); otherwise compare with keys sorted.
  return JSON.stringify(a) === JSON.stringify(b) || JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

export function labelText(labels: Labels): string {
  return Object.keys(labels).sort().map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ');
}

/** The leaves that differ between two values, as dotted paths (arrays of scalars compared whole). */
export function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (same(a, b)) return [];
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
    return keys.flatMap((k) => changedPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
  }
  return [prefix || '(value)'];
}

export function labelChanges(what: string, a: Labels, b: Labels): string[] {
  const out: string[] = [];
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (a[k] === b[k]) continue;
    if (a[k] === undefined) out.push(`${what} +${k}=${JSON.stringify(b[k])}`);
    else if (b[k] === undefined) out.push(`${what} -${k}=${JSON.stringify(a[k])}`);
    else out.push(`${what} ${k}: ${JSON.stringify(a[k])} → ${JSON.stringify(b[k])}`);
  }
  return out;
}

/** The groups lib/generated-rules adds: `<env>-targets` and `<env>-absent`. */
export function isGenerated(model: StackModel, rule: Rule): boolean {
  return rule.group === `${model.env}-targets` || rule.group === `${model.env}-absent`;
}

/** Rules by name (a name used twice is told apart by its group). */
export function byName(rules: readonly Rule[]): Map<string, Rule> {
  const out = new Map<string, Rule>();
  for (const r of rules) out.set(out.has(r.name) ? `${r.name} (${r.group})` : r.name, r);
  return out;
}

/** Whether an expression reads a series of this name. */
export function reads(expr: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w:])${escaped}(?![\\w:])`).test(expr);
}

// ----------------------------------------------------------------------------------------------
// 1. paging

export function routedAlerts(model: StackModel): RoutedAlert[] {
  return model.rules.filter((r) => r.kind === 'alert').map((r) => ({ name: r.name, labels: { ...model.externalLabels, ...r.labels, alertname: r.name } }));
}

/** Where an alert goes and how soon, as one line; undefined without an Alertmanager. */
export function outcome(model: StackModel, alert: RoutedAlert, rule: Rule | undefined, all: readonly RoutedAlert[]): { text: string; reachesNone: boolean } | undefined {
  const am = model.alertmanager;
  if (!am) return undefined;
  const deliveries = route(am, alert.labels);
  const parts = deliveries.map((d) => {
    const integrations = am.receivers.get(d.receiver);
    const none = !integrations || integrations.length === 0;
    const when = rule ? ` after ${timeToPage(rule.interval, rule.for, d.groupWait)}` : '';
    const muted = d.mutedDuring.length ? `, muted during ${d.mutedDuring.join(', ')}` : '';
    const active = d.activeOnly.length ? `, only during ${d.activeOnly.join(', ')}` : '';
    return { text: `${d.receiver}${none ? ' (delivers nowhere)' : ''}${when}${muted}${active}`, none };
  });
  const inhibited = inhibitors(am.inhibitRules, alert, all);
  const text = parts.map((p) => p.text).join('; ') + (inhibited.length ? `; ${inhibited.join('; ')}` : '');
  return { text, reachesNone: parts.every((p) => p.none) };
}
