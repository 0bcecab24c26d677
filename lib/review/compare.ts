import { createTwoFilesPatch } from 'diff';
import { estimateCapacity, formatBytes, namedCatalogSeries, type CapacityEstimate } from '../capacity';
import { CATALOGS } from '../catalogs';
import { toYaml } from '../yaml';
import { emptyStack, type Container, type StackModel } from './model';
import { sortKeys } from './normalize';
import { SectionId, SECTION_TITLES, Item, FileDiff, EnvironmentReview, bullet, same, changedPaths } from './compare-common';
import { pagingSection, alertSection, generatedSection, recordingSection, scrapeSection, dashboardSection, logsSection } from './compare-rules';
export { changedPaths, SECTION_TITLES } from './compare-common';
export type { EnvironmentReview, FileDiff, Item, Section, SectionId, Summary } from './compare-common';

/** The capacity, deployment and checks sections, the file appendix, and compareStacks (shared types and helpers in compare-common.ts, the other sections in compare-rules.ts). */

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
