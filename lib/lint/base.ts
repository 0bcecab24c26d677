/** The monitoring lint's state, its report, and the series index it builds from jobs and recording rules. */
import { ruleSeries, scrapeSeries, SeriesDef, SeriesType } from '../catalogs';
import { levenshtein } from '../names';
import { parsePromQL, PromQLAnalysis, PromQLSyntaxError, Selector } from '../promql';
import { CheckId, Finding, LintAlertRule, LintDisable, LintEnvironment, LintRecordingRule, LintRuleGroup, WARNING_CHECKS } from './types';
import { Source, expanded, SeriesIndex, seconds, at, quoteList, matcherText, hasTemplate, matchesEmpty, SELECTING_AGGREGATIONS, jobMatches, keepsLabel, listShort } from './support';

export interface Context {
  readonly where: string;
  readonly expr: string;
}

export abstract class LintBase {
  protected readonly findings: Finding[] = [];
  protected readonly seen = new Set<string>();
  protected readonly index = new SeriesIndex();
  protected readonly jobNames: string[];
  protected readonly evaluationSeconds: number;

  constructor(protected readonly env: LintEnvironment) {
    this.jobNames = env.jobs.map((j) => j.name);
    this.evaluationSeconds = seconds(env.evaluationInterval, 15);
  }

  /** Per rule: its lintDisable entries, and for a generated rule the user's rule its findings go to. */
  protected readonly rules = new Map<string, { disable: readonly LintDisable[]; reportAt?: string }>();
  /** Where each user alert is, by name. */
  protected readonly alertWhere = new Map<string, string>();

  protected report(where: string, check: CheckId, message: string): void {
    const rule = this.rules.get(where);
    const at = rule?.reportAt ?? where;
    // One mistake, one finding: a generated rule's finding is the user's rule's, wherever it points.
    const key = `${at}\u0000${check}\u0000${message.replace(/ at line \d+, column \d+/g, '')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const disable = (this.rules.get(at)?.disable ?? []).find((d) => d.check === check && d.reason.trim() !== '');
    this.findings.push({
      environment: this.env.name,
      where: at,
      check,
      message,
      severity: WARNING_CHECKS.has(check) ? 'warning' : 'error',
      ...(disable ? { disabledBecause: disable.reason } : {}),
    });
  }


  // -- index ------------------------------------------------------------------------------------------

  protected indexJobs(): void {
    for (const job of this.env.jobs) {
      const targetLabels = ['job', 'instance', ...job.targetLabels];
      const base = {
        job: job.name,
        origin: `job "${job.name}"`,
        intervalKind: 'scrape' as const,
        intervalSeconds: seconds(job.scrapeInterval, this.evaluationSeconds),
        anyLabels: job.anyLabels ?? false,
      };
      let series: Map<string, SeriesDef>;
      try {
        series = expanded(job.metrics);
      } catch (e) {
        this.report(`job "${job.name}" metrics`, 'catalog', `${(e as Error).message}: expected each series name once`);
        series = new Map();
      }
      for (const [name, def] of [...expanded(scrapeSeries), ...series]) {
        this.index.add(name, { ...base, type: def.type, labels: new Set([...def.labels, ...targetLabels]) });
      }
    }
  }

  protected parse(where: string, expr: string): PromQLAnalysis | undefined {
    try {
      return parsePromQL(expr);
    } catch (e) {
      if (e instanceof PromQLSyntaxError) {
        this.report(where, 'syntax', e.message);
        return undefined;
      }
      throw e;
    }
  }

  protected parseRules(): Array<{ where: string; group: LintRuleGroup; rule: LintAlertRule | LintRecordingRule; analysis?: PromQLAnalysis }> {
    return this.env.ruleGroups.flatMap((group) => {
      return group.rules.map((rule, r) => {
        const name = 'alert' in rule ? rule.alert : rule.record;
        const where = `rule ${name} (${group.path ? `${group.path}.rules[${r}]` : `rule group ${JSON.stringify(group.name)}, rules[${r}]`})`;
        return { where, group, rule, analysis: this.parse(where, rule.expr) };
      });
    });
  }

  /** Recording rules add their outputs; ALERTS exists while alerting rules do. */
  protected indexRecordingRules(parsed: ReturnType<LintBase['parseRules']>): void {
    const recorded: Array<{ source: Source; rule: LintRecordingRule; analysis?: PromQLAnalysis }> = [];
    for (const { group, rule, analysis } of parsed) {
      if ('alert' in rule) continue;
      // Registered before any is described, so that rules may read each other in any order.
      const source: Source = {
        origin: `rule group "${group.name}"`,
        intervalKind: 'evaluation',
        intervalSeconds: seconds(group.interval, this.evaluationSeconds),
        type: 'gauge',
        labels: new Set(),
        anyLabels: true,
      };
      this.index.add(rule.record, source);
      recorded.push({ source, rule, analysis });
    }
    for (const { source, rule, analysis } of recorded) {
      if (!analysis) continue;
      const described = this.describeOutput(analysis);
      source.type = described.type;
      source.labels = new Set([...described.labels, ...Object.keys(rule.labels ?? {})]);
      source.anyLabels = described.anyLabels;
    }
    if (parsed.some(({ rule }) => 'alert' in rule)) {
      for (const [name, def] of expanded(ruleSeries)) {
        this.index.add(name, {
          origin: 'the rule evaluator',
          intervalKind: 'evaluation',
          intervalSeconds: this.evaluationSeconds,
          type: def.type,
          labels: new Set(def.labels),
          anyLabels: true, // ALERTS carries the labels of every alerting series
        });
      }
    }
  }

  /** Type and labels of what an expression records. */
  protected describeOutput(analysis: PromQLAnalysis): { type: SeriesType; labels: Set<string>; anyLabels: boolean } {
    const sources = analysis.selectors.flatMap((s) => this.sourcesOf(s).selected);
    const types = new Set(sources.map((s) => s.type));
    const outer = analysis.outermostCall;
    const aggregations = analysis.calls.filter((c) => c.kind === 'aggregation' && !SELECTING_AGGREGATIONS.has(c.fn));
    const keepsLe = aggregations.every((c) => keepsLabel(c, 'le'));
    const functions = analysis.calls.filter((c) => c.kind === 'function');
    let type: SeriesType = 'gauge';
    if (sources.length > 0 && types.size === 1 && types.has('histogram_bucket') && keepsLe && analysis.binaryOps.length === 0) {
      type = 'histogram_bucket'; // sum by (le) (rate(x_bucket[5m])): still buckets for histogram_quantile
    } else if (sources.length > 0 && types.size === 1 && types.has('counter') && functions.length === 0 && analysis.binaryOps.length === 0) {
      type = 'counter'; // sum by (...) (x_total): still a counter
    }

    let labels = new Set<string>();
    let anyLabels = false;
    if (outer && outer.kind === 'aggregation' && !SELECTING_AGGREGATIONS.has(outer.fn) && outer.grouping?.mode !== 'without') {
      labels = new Set(outer.grouping?.labels ?? []);
    } else {
      for (const s of sources) {
        s.labels.forEach((l) => labels.add(l));
        anyLabels ||= s.anyLabels;
      }
      if (outer?.grouping?.mode === 'without') outer.grouping.labels.forEach((l) => labels.delete(l));
      if (outer?.fn === 'histogram_quantile') labels.delete('le');
    }
    for (const c of analysis.calls) {
      if ((c.fn === 'label_replace' || c.fn === 'label_join') && typeof c.args[1]?.value === 'string') labels.add(c.args[1].value);
      if (c.fn === 'count_values' && typeof c.args[0]?.value === 'string') labels.add(c.args[0].value);
    }
    return { type, labels, anyLabels };
  }

  // -- selectors ----------------------------------------------------------------------------------------

  /** The sources of a selector's metric, and those its job matchers select. */
  protected sourcesOf(selector: Selector): { all: readonly Source[]; selected: readonly Source[] } {
    const all = selector.metric === undefined ? [] : this.index.get(selector.metric);
    const jobMatchers = selector.matchers.filter((m) => m.label === 'job' && !hasTemplate(m.value));
    if (jobMatchers.length === 0) return { all, selected: all };
    const selected = all.filter((s) => jobMatchers.every((m) => jobMatches(m, s.job)));
    return { all, selected };
  }

  protected checkSelector(ctx: Context, s: Selector): readonly Source[] {
    if (s.metric === undefined) return [];
    const { all, selected } = this.sourcesOf(s);
    const here = `${s.metric} at ${at(ctx.expr, s.position)}`;
    if (all.length === 0) {
      this.report(ctx.where, 'unknown-metric', `${here}: no scrape job exposes this metric and no recording rule records it${this.suggestion(s.metric)}`);
      return [];
    }
    if (selected.length === 0) {
      const matchers = s.matchers.filter((m) => m.label === 'job').map(matcherText).join(', ');
      const exposing = [...new Set(all.map((x) => x.origin))];
      const named = this.jobNames.filter((j) => s.matchers.filter((m) => m.label === 'job').every((m) => jobMatches(m, j)));
      const jobs = named.length ? `job ${quoteList(named)} does not expose it` : `no scrape job matches ${matchers}`;
      this.report(ctx.where, 'unknown-metric', `${here}: ${jobs}; it is exposed by ${listShort(exposing)}`);
      return [];
    }
    if (!selected.some((x) => x.anyLabels)) {
      const carried = new Set(selected.flatMap((x) => [...x.labels]));
      for (const m of s.matchers) {
        if (m.label === '__name__' || carried.has(m.label) || matchesEmpty(m)) continue;
        this.report(
          ctx.where,
          'unknown-label',
          `matcher ${matcherText(m)} of ${here}: ${s.metric} carries no label "${m.label}", so it never matches; its labels are ${[...carried].sort().join(', ')}`,
        );
      }
    }
    return selected;
  }

  protected suggestion(metric: string): string {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(metric.length / 6)) + 1;
    for (const name of this.index.names()) {
      if (Math.abs(name.length - metric.length) >= bestDistance) continue;
      const d = levenshtein(metric, name);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best ? ` (did you mean ${best}?)` : '';
  }

}
