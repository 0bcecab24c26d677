import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { expandCatalog, scrapeSeries } from '../../lib/catalogs';
import { LintEnvironment } from '../../lib/lint';
import { matcherMatches, parsePromQL, Selector } from '../../lib/promql';

/**
 * Which scrape jobs a dashboard panel's Prometheus queries can select, against the jobs its
 * title and description name. A selector selects the jobs that expose its metric (a recording
 * rule's output: the jobs of its expression), narrowed by its `job` matchers; a matcher on a
 * dashboard variable (`job=~"$job"`, whose All is `.+`) narrows nothing.
 */

export interface PanelJobs {
  readonly dashboard: string;
  readonly panel: string;
  /** Title and description. */
  readonly text: string;
  /** Jobs the text names (a job "brain-worker" is named by "brain worker(s)", "Brain-Worker"...). */
  readonly named: ReadonlySet<string>;
  /** The text says it is about every job ("every job", "all jobs", "every scrape job", "every target"). */
  readonly everyJob: boolean;
  /** Each selector of each query with the jobs it can select, and whether every job exposes its metric (up, scrape_*). */
  readonly selectors: ReadonlyArray<{ readonly text: string; readonly jobs: readonly string[]; readonly everyJobExposes: boolean }>;
}

const EVERY_JOB = /\b(every|all)( scrape)? (jobs?|targets?)\b/i;

function words(text: string): string {
  return ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
}

/**
 * Whether `text` names `job`: its words in order, the last one possibly plural, with or without
 * the environment's name in front ("gateway" names osmen's `osmen_gateway`).
 */
export function namesJob(text: string, job: string, env: string): boolean {
  const name = words(job).trim();
  const short = name.startsWith(`${words(env).trim()} `) ? name.slice(words(env).trim().length + 1) : name;
  return [name, short].some((n) => new RegExp(` ${n}(s|es)? `).test(words(text)));
}

interface PanelModel {
  type?: string;
  title?: string;
  description?: string;
  datasource?: dashboard.DataSourceRef;
  targets?: Array<{ expr?: string; datasource?: dashboard.DataSourceRef }>;
  panels?: PanelModel[];
}

/** Every panel with Prometheus queries of every dashboard, with the jobs each selector selects. */
export function panelJobs(env: LintEnvironment, models: readonly dashboard.Dashboard[]): PanelJobs[] {
  const exposedBy = new Map<string, Set<string>>();
  const expose = (metric: string, job: string) => {
    if (!exposedBy.has(metric)) exposedBy.set(metric, new Set());
    exposedBy.get(metric)!.add(job);
  };
  for (const job of env.jobs) {
    for (const metric of [...expandCatalog(job.metrics).keys(), ...expandCatalog(scrapeSeries).keys(), 'up']) expose(metric, job.name);
  }
  const selectorJobs = (s: Selector): string[] => {
    const candidates = s.metric === undefined ? env.jobs.map((j) => j.name) : [...(exposedBy.get(s.metric) ?? [])];
    const jobMatchers = s.matchers.filter((m) => m.label === 'job' && !m.value.includes('$'));
    return candidates.filter((job) => jobMatchers.every((m) => matcherMatches(m, job))).sort();
  };
  // Recording rules, in order: their outputs come from the jobs of their expressions.
  for (const group of env.ruleGroups) {
    for (const rule of group.rules) {
      if (!('record' in rule)) continue;
      for (const s of parsePromQL(rule.expr).selectors) for (const job of selectorJobs(s)) expose(rule.record, job);
    }
  }
  return models.flatMap((model) => {
    const flat = ((model.panels ?? []) as PanelModel[]).flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
    return flat.flatMap((p) => {
      const exprs = (p.targets ?? []).filter((t) => typeof t.expr === 'string' && (t.datasource ?? p.datasource)?.type === 'prometheus').map((t) => t.expr!);
      if (exprs.length === 0) return [];
      const text = `${p.title ?? ''}\n${p.description ?? ''}`;
      return [{
        dashboard: model.title ?? '(untitled)',
        panel: p.title ?? '(untitled)',
        text,
        named: new Set(env.jobs.map((j) => j.name).filter((job) => namesJob(text, job, env.name))),
        everyJob: EVERY_JOB.test(text),
        selectors: exprs.flatMap((e) =>
          parsePromQL(e).selectors.map((s) => ({ text: s.text, jobs: selectorJobs(s), everyJobExposes: s.metric !== undefined && exposedBy.get(s.metric)?.size === env.jobs.length })),
        ),
      }];
    });
  });
}

/**
 * What a panel selects beyond what it says, one line per selector. A metric that only some jobs
 * expose names its subject itself (`lloom_client_requests_total`, cAdvisor's view of a named
 * container). A metric that every job exposes (`up`, `scrape_*`) names nothing: its selector
 * must stay within the jobs the title and description name, or the panel says it is about
 * every job.
 */
export function untruthfulSelectors(panel: PanelJobs): string[] {
  if (panel.everyJob) return [];
  return panel.selectors.flatMap((s) => {
    const beyond = s.everyJobExposes ? s.jobs.filter((j) => !panel.named.has(j)) : [];
    if (beyond.length === 0) return [];
    const says = panel.named.size ? `names ${[...panel.named].sort().join(', ')}` : 'names no job';
    return [`dashboard "${panel.dashboard}" panel "${panel.panel}": ${s.text} selects ${s.jobs.join(', ')}; its title and description ${says}`];
  });
}
