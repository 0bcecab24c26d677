import { type Dashboard, type Rule, type StackModel } from './model';
import { exprChanges, oneLine } from './promql-diff';
import { route } from './routing';
import { Item, Summary, bullet, same, labelText, changedPaths, labelChanges, isGenerated, byName, reads, routedAlerts, outcome } from './compare-common';

/** The report sections on paging, alert, generated and recording rules, scrape targets, dashboards and logs (see compare.ts). */

export function pagingSection(a: StackModel, b: StackModel): Item[] {
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

export function alertSection(a: StackModel, b: StackModel): { items: Item[]; counts: Summary['alerts'] } {
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

export function generatedSection(a: StackModel, b: StackModel): Item[] {
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

export function recordingSection(a: StackModel, b: StackModel): Item[] {
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

export function scrapeSection(a: StackModel, b: StackModel): Item[] {
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

export function dashboardSection(a: StackModel, b: StackModel): { items: Item[]; changed: number } {
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

export function logsSection(a: StackModel, b: StackModel): Item[] {
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
