import { createTwoFilesPatch } from 'diff';
import { estimateCapacity, formatBytes, namedCatalogSeries, type CapacityEstimate } from '../capacity';
import { CATALOGS } from '../catalogs';
import { toYaml } from '../yaml';
import { emptyStack, type Container, type Dashboard, type Labels, type Rule, type StackModel } from './model';
import { sortKeys } from './normalize';
import { exprChanges, oneLine } from './promql-diff';
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

const bullet = (text: string, warning = false): Item => (warning ? { text, warning } : { text });

function same(a: unknown, b: unknown): boolean {
  // Equal as written is equal (the common case, and cheap); otherwise compare with keys sorted.
  return JSON.stringify(a) === JSON.stringify(b) || JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function labelText(labels: Labels): string {
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

function labelChanges(what: string, a: Labels, b: Labels): string[] {
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
function isGenerated(model: StackModel, rule: Rule): boolean {
  return rule.group === `${model.env}-targets` || rule.group === `${model.env}-absent`;
}

/** Rules by name (a name used twice is told apart by its group). */
function byName(rules: readonly Rule[]): Map<string, Rule> {
  const out = new Map<string, Rule>();
  for (const r of rules) out.set(out.has(r.name) ? `${r.name} (${r.group})` : r.name, r);
  return out;
}

/** Whether an expression reads a series of this name. */
function reads(expr: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w:])${escaped}(?![\\w:])`).test(expr);
}

// ----------------------------------------------------------------------------------------------
// 1. paging

function routedAlerts(model: StackModel): RoutedAlert[] {
  return model.rules.filter((r) => r.kind === 'alert').map((r) => ({ name: r.name, labels: { ...model.externalLabels, ...r.labels, alertname: r.name } }));
}

/** Where an alert goes and how soon, as one line; undefined without an Alertmanager. */
function outcome(model: StackModel, alert: RoutedAlert, rule: Rule | undefined, all: readonly RoutedAlert[]): { text: string; reachesNone: boolean } | undefined {
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

function pagingSection(a: StackModel, b: StackModel): Item[] {
  const items: Item[] = [];
  const alertsA = routedAlerts(a);
  const alertsB = routedAlerts(b);
  const rulesA = byName(a.rules.filter((r) => r.kind === 'alert'));
  const rulesB = byName(b.rules.filter((r) => r.kind === 'alert'));
  const names = [...new Set([...alertsA.map((x) => x.name), ...alertsB.map((x) => x.name)])].sort();
  for (const name of names) {
    const ra = alertsA.find((x) => x.name === name);
    const rb = alertsB.find((x) => x.name === name);
    // A generated alert that comes or goes is listed with its cause, and where it pages, under Generated rules.
    const generated = (r: Rule | undefined, m: StackModel) => r !== undefined && isGenerated(m, r);
    if ((!ra || !rb) && (generated(rulesA.get(name), a) || generated(rulesB.get(name), b))) continue;
    const before = ra ? outcome(a, ra, rulesA.get(name), alertsA) : undefined;
    const after = rb ? outcome(b, rb, rulesB.get(name), alertsB) : undefined;
    if (before?.text === after?.text) continue;
    const severity = rb?.labels.severity ?? ra?.labels.severity;
    const head = `**${name}**${severity ? ` (severity ${severity})` : ''}`;
    const warn = after?.reachesNone === true && !(before?.reachesNone ?? false);
    if (!before && after) items.push(bullet(`${head}: new, ${after.text}${warn ? ': reaches no one' : ''}`, warn));
    else if (before && !after) items.push(bullet(`${head}: no longer pages (was ${before.text})`));
    else if (before && after) items.push(bullet(`${head}: ${before.text} → ${after.text}${warn ? ': reaches no one' : ''}`, warn));
  }
  // Each severity on its own: one that loses every receiver is the change that must not slip through.
  if (a.alertmanager && b.alertmanager) {
    const severities = [...new Set([...alertsA, ...alertsB].map((x) => x.labels.severity).filter((s): s is string => s !== undefined))].sort();
    for (const severity of severities) {
      const reach = (m: StackModel) => {
        const am = m.alertmanager!;
        const rs = route(am, { ...m.externalLabels, severity }).map((d) => d.receiver);
        return { receivers: rs.join(', '), any: rs.some((r) => (am.receivers.get(r) ?? []).length > 0) };
      };
      const ra = reach(a);
      const rb = reach(b);
      if (ra.receivers === rb.receivers && ra.any === rb.any) continue;
      const lost = ra.any && !rb.any;
      items.push(bullet(`severity ${severity}: ${ra.receivers} → ${rb.receivers}${lost ? ': loses every receiver' : ''}`, lost));
    }
  }
  return items;
}

// ----------------------------------------------------------------------------------------------
// 2-4. rules

function ruleChanges(a: Rule, b: Rule): string[] {
  const out = exprChanges(a.expr, b.expr);
  if ((a.for ?? '0s') !== (b.for ?? '0s')) out.push(`for ${a.for ?? '0s'} → ${b.for ?? '0s'}`);
  if (a.group !== b.group) out.push(`group ${a.group} → ${b.group}`);
  if (a.interval !== b.interval) out.push(`evaluated every ${a.interval} → ${b.interval}`);
  out.push(...labelChanges('label', a.labels, b.labels), ...labelChanges('annotation', a.annotations, b.annotations));
  return out;
}

function alertSection(a: StackModel, b: StackModel): { items: Item[]; counts: Summary['alerts'] } {
  const ra = byName(a.rules.filter((r) => r.kind === 'alert' && !isGenerated(a, r)));
  const rb = byName(b.rules.filter((r) => r.kind === 'alert' && !isGenerated(b, r)));
  const items: Item[] = [];
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const name of [...new Set([...ra.keys(), ...rb.keys()])].sort()) {
    const x = ra.get(name);
    const y = rb.get(name);
    if (!x && y) {
      counts.added += 1;
      items.push(bullet(`+**${name}** (${y.group}): \`${oneLine(y.expr)}\`${y.for ? ` for ${y.for}` : ''}${Object.keys(y.labels).length ? `, ${labelText(y.labels)}` : ''}`));
    } else if (x && !y) {
      counts.removed += 1;
      items.push(bullet(`-**${name}** (${x.group}): \`${oneLine(x.expr)}\``));
    } else if (x && y) {
      const changes = ruleChanges(x, y);
      if (changes.length === 0) continue;
      counts.changed += 1;
      // Where tests are deployed on both sides, an expression that changed under unchanged tests is flagged.
      const before = a.ruleTests.get(name);
      const untested = x.expr !== y.expr && before !== undefined && before === b.ruleTests.get(name);
      items.push(bullet(`~**${name}**: ${changes.join('; ')}${untested ? '; expression changed, its tests did not' : ''}`, untested));
    }
  }
  return { items, counts };
}

function generatedCause(added: boolean, rule: Rule, a: StackModel, b: StackModel): string {
  const job = /^up\{job="([^"]+)"\}\s*==\s*0$/.exec(rule.expr)?.[1];
  if (job !== undefined) {
    const watched = (m: StackModel) => m.rules.some((r) => r.kind === 'alert' && !isGenerated(m, r) && reads(r.expr, 'up') && r.expr.includes(`job="${job}"`));
    if (added) return !a.jobs.has(job) ? `because job ${job} was added` : watched(a) ? `because no rule watches job ${job} with up any more` : `for job ${job}, which no rule watches with up`;
    return !b.jobs.has(job) ? `because job ${job} was removed` : watched(b) ? `because a rule now watches job ${job} with up` : `for job ${job}`;
  }
  const metric = /^absent\(([A-Za-z_:][\w:]*)\)$/.exec(rule.expr)?.[1];
  if (metric !== undefined) {
    const readers = (m: StackModel) => m.rules.filter((r) => r.kind === 'alert' && !isGenerated(m, r) && reads(r.expr, metric)).map((r) => r.name);
    if (!added) return readers(b).length ? `for ${metric}` : `because no alert reads ${metric} any more`;
    const now = readers(b).filter((n) => !readers(a).includes(n));
    if (now.length) return `because ${now.join(', ')} now ${now.length > 1 ? 'read' : 'reads'} ${metric}`;
    return `for ${metric}, which ${readers(b).join(', ') || 'an alert'} ${readers(b).length > 1 ? 'read' : 'reads'}`;
  }
  return 'by the environment builder';
}

function generatedSection(a: StackModel, b: StackModel): Item[] {
  const ra = byName(a.rules.filter((r) => isGenerated(a, r)));
  const rb = byName(b.rules.filter((r) => isGenerated(b, r)));
  const items: Item[] = [];
  const changed: string[] = [];
  for (const name of [...new Set([...ra.keys(), ...rb.keys()])].sort()) {
    const x = ra.get(name);
    const y = rb.get(name);
    if (!x && y) {
      const alerts = routedAlerts(b);
      const pages = outcome(b, alerts.find((r) => r.name === y.name)!, y, alerts);
      items.push(bullet(`+${name} ${generatedCause(true, y, a, b)}${pages ? `: ${pages.text}` : ''}`, pages?.reachesNone === true));
    }
    else if (x && !y) items.push(bullet(`-${name} ${generatedCause(false, x, a, b)}`));
    else if (x && y) {
      const c = ruleChanges(x, y);
      if (c.length) changed.push(`${name} (${c.join('; ')})`);
    }
  }
  // Settings of the generated alerts change them all alike: one line.
  if (changed.length) items.push(bullet(`~${changed.length} changed: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}`));
  return items;
}

function recordingSection(a: StackModel, b: StackModel): Item[] {
  const ra = byName(a.rules.filter((r) => r.kind === 'record'));
  const rb = byName(b.rules.filter((r) => r.kind === 'record'));
  const items: Item[] = [];
  const readersIn = (m: StackModel, name: string): string[] => [
    ...m.rules.filter((r) => r.name !== name && reads(r.expr, name)).map((r) => `rule ${r.name}`),
    ...[...m.dashboards.values()].flatMap((d) => [...d.panels.values()].filter((p) => p.queries.some((q) => reads(q, name))).map((p) => `panel "${p.title}" (${d.uid})`)),
  ];
  const added = [...rb.keys()].filter((n) => !ra.has(n));
  for (const name of [...new Set([...ra.keys(), ...rb.keys()])].sort()) {
    const x = ra.get(name);
    const y = rb.get(name);
    if (x && !y) {
      const renamedTo = added.find((n) => rb.get(n)!.expr === x.expr);
      const still = readersIn(b, name);
      const what = renamedTo ? `renamed ${name} → ${renamedTo}` : `-${name}`;
      items.push(bullet(still.length ? `${what}, still read by ${still.join(', ')}` : what, still.length > 0));
    } else if (!x && y) {
      if ([...ra.values()].some((r) => !rb.has(r.name) && r.expr === y.expr)) continue; // reported as a rename
      items.push(bullet(`+${name}: \`${oneLine(y.expr)}\``));
    } else if (x && y) {
      const c = ruleChanges(x, y);
      if (c.length) items.push(bullet(`~${name}: ${c.join('; ')}`));
    }
  }
  return items;
}

// ----------------------------------------------------------------------------------------------
// 5. scrape targets

function scrapeSection(a: StackModel, b: StackModel): Item[] {
  const items: Item[] = [];
  for (const name of [...new Set([...a.jobs.keys(), ...b.jobs.keys()])].sort()) {
    const x = a.jobs.get(name);
    const y = b.jobs.get(name);
    if (!x && y) {
      items.push(bullet(`+job **${name}**: ${[...y.targets.keys()].sort().join(', ') || y.discovery.join(', ')} every ${y.interval ?? b.scrapeInterval} at ${y.path}`));
      continue;
    }
    if (x && !y) {
      items.push(bullet(`-job **${name}** (${[...x.targets.keys()].sort().join(', ') || x.discovery.join(', ')}): no longer scraped`));
      continue;
    }
    if (!x || !y) continue;
    const changes: string[] = [];
    const added = [...y.targets.keys()].filter((t) => !x.targets.has(t)).sort();
    const removed = [...x.targets.keys()].filter((t) => !y.targets.has(t)).sort();
    if (added.length) changes.push(`+${added.join(', +')}`);
    if (removed.length) changes.push(`-${removed.join(', -')}`);
    for (const t of [...y.targets.keys()].filter((k) => x.targets.has(k)).sort()) {
      changes.push(...labelChanges(`${t} label`, x.targets.get(t)!, y.targets.get(t)!));
    }
    const [ix, iy] = [x.interval ?? a.scrapeInterval, y.interval ?? b.scrapeInterval];
    if (ix !== iy) changes.push(`interval ${ix} → ${iy}`);
    if ((x.timeout ?? '') !== (y.timeout ?? '')) changes.push(`timeout ${x.timeout ?? 'default'} → ${y.timeout ?? 'default'}`);
    if (x.path !== y.path) changes.push(`path ${x.path} → ${y.path}`);
    if (x.scheme !== y.scheme) changes.push(`scheme ${x.scheme} → ${y.scheme}`);
    if (x.discovery.join() !== y.discovery.join()) changes.push(`discovery ${x.discovery.join(', ') || 'none'} → ${y.discovery.join(', ') || 'none'}`);
    if (changes.length) items.push(bullet(`~job **${name}**: ${changes.join('; ')}`));
  }
  return items;
}

// ----------------------------------------------------------------------------------------------
// 6. dashboards

function dashboardSection(a: StackModel, b: StackModel): { items: Item[]; changed: number } {
  const items: Item[] = [];
  let changed = 0;
  for (const uid of [...new Set([...a.dashboards.keys(), ...b.dashboards.keys()])].sort()) {
    const x = a.dashboards.get(uid);
    const y = b.dashboards.get(uid);
    if (!x && y) items.push(bullet(`+**${y.title}** (${uid}): ${y.panels.size} panels`));
    else if (x && !y) items.push(bullet(`-**${x.title}** (${uid})`));
    if (!x || !y) {
      changed += 1;
      continue;
    }
    const lines = panelChanges(x, y);
    if (lines.length === 0) continue;
    changed += 1;
    items.push(bullet(`~**${y.title}** (${uid}): ${lines.join('; ')}`));
  }
  return { items, changed };
}

function panelChanges(x: Dashboard, y: Dashboard): string[] {
  const out: string[] = [];
  if (x.title !== y.title) out.push(`title "${x.title}" → "${y.title}"`);
  let layoutOnly = 0;
  for (const title of [...new Set([...x.panels.keys(), ...y.panels.keys()])].sort()) {
    const p = x.panels.get(title);
    const q = y.panels.get(title);
    if (!p && q) out.push(`+panel "${title}"`);
    else if (p && !q) out.push(`-panel "${title}"`);
    if (!p || !q) continue;
    const c: string[] = [];
    if (p.type !== q.type) c.push(`type ${p.type} → ${q.type}`);
    const gone = p.queries.filter((e) => !q.queries.includes(e));
    const added = q.queries.filter((e) => !p.queries.includes(e));
    if (gone.length === 1 && added.length === 1) c.push(...exprChanges(gone[0], added[0]).map((s) => `query ${s}`));
    else {
      for (const e of gone) c.push(`-query \`${oneLine(e)}\``);
      for (const e of added) c.push(`+query \`${oneLine(e)}\``);
    }
    if (p.unit !== q.unit) c.push(`unit ${p.unit ?? 'none set'} → ${q.unit ?? 'none set'}`);
    if (!same(p.thresholds, q.thresholds)) c.push(`thresholds ${JSON.stringify(p.thresholds)} → ${JSON.stringify(q.thresholds)}`);
    if (p.datasource !== q.datasource) c.push(`data source ${p.datasource ?? 'default'} → ${q.datasource ?? 'default'}`);
    if (c.length) out.push(`panel "${title}": ${c.join(', ')}`);
    else if (!same(p.layout, q.layout)) layoutOnly += 1;
  }
  if (layoutOnly) out.push(`${layoutOnly} panel${layoutOnly > 1 ? 's' : ''} moved or resized`);
  return out;
}

// ----------------------------------------------------------------------------------------------
// 7. logs and traces

function logsSection(a: StackModel, b: StackModel): Item[] {
  const items: Item[] = [];
  const la = a.logs;
  const lb = b.logs;
  if (!la && lb) items.push(bullet(`+logs: ${lb.sources.size} sources, kept ${lb.retention ?? 'forever'}`));
  if (la && !lb) items.push(bullet('-logs: no longer collected'));
  if (la && lb) {
    if (la.retention !== lb.retention) items.push(bullet(`log retention ${la.retention ?? 'none'} → ${lb.retention ?? 'none'}`));
    if (la.streamRetention.join() !== lb.streamRetention.join()) items.push(bullet(`stream retention ${la.streamRetention.join(', ') || 'none'} → ${lb.streamRetention.join(', ') || 'none'}`));
    for (const name of [...new Set([...la.sources.keys(), ...lb.sources.keys()])].sort()) {
      const x = la.sources.get(name);
      const y = lb.sources.get(name);
      if (!x && y) items.push(bullet(`+log source ${name}`));
      else if (x && !y) items.push(bullet(`-log source ${name}`));
      else if (Array.isArray(x) && Array.isArray(y)) {
        // An Alloy component: its lines that went and came.
        const gone = x.filter((l) => !y.includes(l)).map((l) => `-\`${l}\``);
        const came = y.filter((l) => !x.includes(l)).map((l) => `+\`${l}\``);
        if (gone.length || came.length) items.push(bullet(`~log source ${name}: ${[...gone, ...came].join(', ')}`));
      } else if (!same(x, y)) items.push(bullet(`~log source ${name}: ${changedPaths(x, y).join(', ')}`));
    }
  }
  const ta = a.traces;
  const tb = b.traces;
  if (!ta && tb) items.push(bullet('+traces'));
  if (ta && !tb) items.push(bullet('-traces: no longer collected'));
  if (ta && tb && !same(ta, tb)) {
    const flags = (t: typeof ta) => new Set([...((t.settings.command as string[]) ?? []), ...((t.settings.env as string[]) ?? [])]);
    const fa = flags(ta);
    const fb = flags(tb);
    const diff = [...[...fa].filter((f) => !fb.has(f)).map((f) => `-${f}`), ...[...fb].filter((f) => !fa.has(f)).map((f) => `+${f}`)];
    items.push(bullet(`traces: ${diff.length ? diff.join(', ') : changedPaths(ta.settings, tb.settings).join(', ')}`));
  }
  return items;
}

// ----------------------------------------------------------------------------------------------
// 8. capacity

/** Exporter images and the lib/catalogs catalog their targets expose. */
const IMAGE_CATALOGS: Array<[RegExp, string]> = [
  [/node-exporter/, 'node-exporter'],
  [/dcgm-exporter/, 'nvidia-dcgm'],
  [/nvidia_gpu_exporter|nvidia-gpu-exporter/, 'nvidia-gpu-exporter'],
  [/cadvisor/, 'cadvisor'],
  [/postgres-exporter/, 'postgres-exporter'],
  [/redis_exporter/, 'redis-exporter'],
  [/blackbox-exporter/, 'blackbox-exporter'],
  [/pushgateway/, 'pushgateway'],
];

function exporterKind(image: string): string | undefined {
  return IMAGE_CATALOGS.find(([re]) => re.test(image))?.[1];
}

/**
 * The series a target of this job exposes: the catalog of its name (the stack's own jobs), else
 * of the exporter container it scrapes by name, else of an exporter the stack runs whose default
 * port it scrapes (node-exporter on the host network). Undefined for the endpoints a spec
 * describes itself, whose catalogs are not in the stack output.
 */
function seriesOfJob(model: StackModel, job: string, targets: readonly string[]): number | undefined {
  const own = namedCatalogSeries(job);
  if (own !== undefined) return own;
  const running = [...model.containers.values()].map((c) => ({ name: c.name, kind: exporterKind(c.image) }));
  const byName = running.find((c) => c.kind && targets.some((t) => t.startsWith(`${c.name}:`)));
  if (byName?.kind) return namedCatalogSeries(byName.kind);
  const ports = new Set(targets.map((t) => Number(t.split(':').pop())));
  const byPort = running.find((c) => c.kind && ports.has(CATALOGS[c.kind]?.defaultPort ?? -1));
  return byPort?.kind ? namedCatalogSeries(byPort.kind) : undefined;
}

export function capacityOf(model: StackModel): CapacityEstimate {
  return estimateCapacity(
    [...model.jobs.values()].map((j) => {
      const targets = [...j.targets.keys()];
      return { name: j.name, targets: targets.length, interval: j.interval ?? model.scrapeInterval, seriesPerTarget: seriesOfJob(model, j.name, targets) };
    }),
    model.retention,
  );
}

function capacitySection(a: StackModel, b: StackModel): Item[] {
  const ca = capacityOf(a);
  const cb = capacityOf(b);
  const rows: Array<[string, string, string]> = [
    ['targets', String(ca.targets), String(cb.targets)],
    ['active series (estimate)', String(ca.activeSeries), String(cb.activeSeries)],
    ['samples per second', ca.samplesPerSecond.toFixed(1), cb.samplesPerSecond.toFixed(1)],
    [`disk for the retention (${b.retention.time ?? 'default'}${b.retention.size ? `, at most ${b.retention.size}` : ''})`, ca.diskBytes === undefined ? 'n/a' : formatBytes(ca.diskBytes), cb.diskBytes === undefined ? 'n/a' : formatBytes(cb.diskBytes)],
  ];
  const changed = rows.filter(([, x, y]) => x !== y);
  if (changed.length === 0) return [];
  const items = changed.map(([what, x, y]) => bullet(`${what}: ${x} → ${y}`));
  if (cb.uncatalogued.length) items.push(bullet(`series not counted (no catalog in the stack output): ${cb.uncatalogued.join(', ')}`));
  return items;
}

// ----------------------------------------------------------------------------------------------
// 9. deployment

function replacementReasons(x: Container, y: Container): string[] {
  const paths = changedPaths(x.attributes, y.attributes);
  const reasons = new Set<string>();
  for (const p of paths) {
    const upload = /^upload\.(.+?)(?:\.|$)/.exec(p);
    if (upload) {
      const file = Object.keys({ ...(x.attributes.upload as object), ...(y.attributes.upload as object) }).find((f) => p.startsWith(`upload.${f}`));
      reasons.add(`${file ?? upload[1]} changed`);
    } else reasons.add(`${p.split('.')[0]} changed`);
  }
  return [...reasons].sort();
}

/** Whether a side has anything deployed: an environment that is new has no state to move. */
function hasResources(m: StackModel): boolean {
  return m.resources.size > 0;
}

function deploymentSection(a: StackModel, b: StackModel): { items: Item[]; restarts: number; newVariables: string[] } {
  const items: Item[] = [];
  let restarts = 0;
  for (const name of [...new Set([...a.containers.keys(), ...b.containers.keys()])].sort()) {
    const x = a.containers.get(name);
    const y = b.containers.get(name);
    const state = (c: Container) => (c.volumes.length ? `state kept on ${c.volumes.join(', ')}` : 'keeps no state');
    if (!x && y) items.push(bullet(`+container ${name} (${y.image}) created`));
    else if (x && !y) items.push(bullet(`-container ${name} destroyed (${state(x)})`));
    else if (x && y && !same(x.attributes, y.attributes)) {
      restarts += 1;
      items.push(bullet(`container ${name} replaced: ${replacementReasons(x, y).join(', ')} (${state(y)})`));
    }
  }
  // Resources that keep their identity (name, uid) under a new address: Terraform destroys and
  // creates them. An identity that two resources of one side share tells nothing, and is left out.
  const byIdentity = (m: StackModel) => {
    const out = new Map<string, string | undefined>();
    for (const [address, id] of m.resources) if (id !== '') out.set(id, out.has(id) ? undefined : address);
    return out;
  };
  const ia = byIdentity(a);
  const ib = byIdentity(b);
  for (const [id, address] of [...ib].sort()) {
    const before = ia.get(id);
    if (before && address && before !== address) {
      const volume = id.startsWith('docker_volume ');
      items.push(bullet(`${before} → ${address}: destroyed and created${volume ? ': the volume\'s data is lost' : ''}`, volume));
    }
  }
  for (const [id, address] of [...ia].sort()) {
    if (!ib.has(id) && address && id.startsWith('docker_volume ')) items.push(bullet(`volume ${id.slice('docker_volume '.length)} (${address}) destroyed: its data is lost`, true));
  }
  if (!same(a.backend ?? null, b.backend ?? null) && hasResources(a)) {
    const where = (m: StackModel) => (m.backend === undefined ? 'the default (local)' : JSON.stringify(m.backend));
    items.push(bullet(`Terraform state backend ${where(a)} → ${where(b)}: move the state (terraform init -migrate-state) before deploying`, true));
  }
  const newVariables = [...b.variables].filter(([n, v]) => v.sensitive && !a.variables.has(n)).map(([n]) => n).sort();
  for (const n of newVariables) items.push(bullet(`new sensitive variable \`${n}\`: set TF_VAR_${n} before deploying`, true));
  return { items, restarts, newVariables };
}

// ----------------------------------------------------------------------------------------------
// 11. appendix

/** The readable text of a config file: keys sorted, YAML. */
function fileText(doc: unknown): string {
  return doc === undefined ? '' : typeof doc === 'string' ? `${doc}\n` : toYaml(sortKeys(doc));
}

function appendix(a: StackModel, b: StackModel): FileDiff[] {
  const fa = a.files;
  const fb = b.files;
  const out: FileDiff[] = [];
  for (const file of [...new Set([...fa.keys(), ...fb.keys()])].sort()) {
    // Most files are unchanged: compare them as data before rendering any text.
    if (same(fa.get(file), fb.get(file))) continue;
    const x = fileText(fa.get(file));
    const y = fileText(fb.get(file));
    if (x === y) continue;
    const patch = createTwoFilesPatch(`before/${file}`, `after/${file}`, x, y, undefined, undefined, { context: 3 });
    out.push({ file, diff: patch.split('\n').slice(1).join('\n').trimEnd() });
  }
  return out;
}

// ----------------------------------------------------------------------------------------------


/** 10. Lint findings that let synth finish (warnings, disabled ones), new and fixed. */
function checksSection(a: StackModel, b: StackModel): Item[] {
  const before = new Set(a.lint);
  const after = new Set(b.lint);
  return [
    ...b.lint.filter((l) => !before.has(l)).map((l) => bullet(`new: ${l}`)),
    ...a.lint.filter((l) => !after.has(l)).map((l) => bullet(`fixed: ${l}`)),
  ];
}

/** One environment's review; either side may be missing (an environment added or removed). */
export function compareStacks(env: string, before: StackModel | undefined, after: StackModel | undefined): EnvironmentReview {
  const a = before ?? emptyStack(env);
  const b = after ?? emptyStack(env);
  const alerts = alertSection(a, b);
  const dashboards = dashboardSection(a, b);
  const deployment = deploymentSection(a, b);
  const paging = pagingSection(a, b);
  const lists: Record<SectionId, Item[]> = {
    paging,
    alerts: alerts.items,
    generated: generatedSection(a, b),
    recording: recordingSection(a, b),
    scrape: scrapeSection(a, b),
    dashboards: dashboards.items,
    logs: logsSection(a, b),
    capacity: capacitySection(a, b),
    deployment: deployment.items,
    checks: checksSection(a, b),
  };
  const sections = (Object.keys(SECTION_TITLES) as SectionId[]).filter((id) => lists[id].length > 0).map((id) => ({ id, title: SECTION_TITLES[id], items: lists[id] }));
  const files = appendix(a, b);
  const resourcesChanged = !same([...a.resources.keys()].sort(), [...b.resources.keys()].sort());
  const status = !before ? 'added' : !after ? 'removed' : sections.length || files.length || resourcesChanged ? 'changed' : 'unchanged';
  return {
    env,
    status,
    summary: {
      paging: paging.length,
      alerts: alerts.counts,
      targets: { before: capacityOf(a).targets, after: capacityOf(b).targets },
      dashboards: dashboards.changed,
      restarts: deployment.restarts,
      newVariables: deployment.newVariables,
    },
    sections,
    appendix: files,
  };
}
