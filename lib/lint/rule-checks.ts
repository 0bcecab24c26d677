/** The monitoring lint's rule, job, secret and Alertmanager checks, and the order it runs every check in. */
import { LABEL_NAME, lintAlertmanager, SentAlert } from '../alertmanager-lint';
import { readTemplate } from '../go-template';
import { re2FullMatch, re2Problem } from '../re2';
import { camelCase } from '../names';
import { parsePromQL, PromQLAnalysis } from '../promql';
import { CHECK_IDS, Finding, LintAlertRule, LintDisable, LintJob, LintRecordingRule, LintRelabel, LintRuleGroup } from './types';
import { LintBase } from './base';
import { PromQLLinter } from './promql-checks';
import { seconds, quoteList, ABSENCE_FUNCTIONS, listShort, formatSeconds } from './support';

export class Linter extends PromQLLinter {
  run(): Finding[] {
    this.indexJobs();
    const parsed = this.parseRules();
    for (const { where, rule } of parsed) if ('alert' in rule && !rule.generatedFrom) this.alertWhere.set(rule.alert, where);
    for (const { where, rule } of parsed) {
      const reportAt = 'alert' in rule && rule.generatedFrom?.length ? this.alertWhere.get(rule.generatedFrom[0]) : undefined;
      this.rules.set(where, { disable: rule.lintDisable ?? [], reportAt });
    }
    this.indexRecordingRules(parsed);
    this.checkJobs();
    for (const { where, group, rule, analysis } of parsed) {
      this.checkDisable(where, rule.lintDisable ?? []);
      this.checkRuleLabels(where, rule);
      if ('alert' in rule) this.checkAlert(where, rule, analysis, group);
      if (analysis) this.checkExpression({ where, expr: rule.expr }, analysis);
      if (analysis && 'alert' in rule) this.checkAnnotationLabels(where, rule, analysis);
    }
    this.checkRecordCollisions(parsed);
    this.checkCredentials();
    if (this.env.alertmanager) this.checkAlertmanager(parsed);
    for (const dashboard of this.env.dashboards ?? []) {
      for (const variable of dashboard.variables ?? []) this.checkVariable(`dashboard ${JSON.stringify(dashboard.title)} variable ${JSON.stringify(variable.name)}`, variable.query);
      for (const panel of dashboard.panels) {
        for (const [i, query] of panel.queries.entries()) {
          const which = panel.queries.length > 1 ? ` query ${query.refId ?? `[${i}]`}` : '';
          const where = `dashboard ${JSON.stringify(dashboard.title)} panel ${JSON.stringify(panel.title)}${which}`;
          const analysis = this.parse(where, query.expr);
          if (analysis) this.checkExpression({ where, expr: query.expr }, analysis);
          if (analysis && query.legendFormat) this.checkLegend(where, query.legendFormat, analysis);
        }
      }
    }
    return this.findings;
  }

  /** lintDisable names a check and gives a reason. */
  protected checkDisable(where: string, disable: readonly LintDisable[]): void {
    for (const [i, d] of disable.entries()) {
      if (!(CHECK_IDS as readonly string[]).includes(d.check)) {
        this.report(where, 'lint-disable', `lintDisable[${i}].check: expected one of the lint's checks (${CHECK_IDS.join(', ')}), got "${d.check}"`);
      } else if (d.reason.trim() === '') {
        this.report(where, 'lint-disable', `lintDisable[${i}].reason: expected why ${d.check} does not apply to this rule, got nothing`);
      }
    }
  }

  /** Label and annotation names Prometheus accepts, and templates it parses. */
  protected checkRuleLabels(where: string, rule: LintAlertRule | LintRecordingRule): void {
    for (const name of Object.keys(rule.labels ?? {})) {
      if (!LABEL_NAME.test(name) || name.startsWith('__')) this.report(where, 'label-name', `labels: "${name}" is not a label name Prometheus accepts (letters, digits and "_", not starting with a digit or "__"); rename it, e.g. "${name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z]+/, '') || 'label'}"`);
    }
    if (!('alert' in rule)) return;
    for (const name of Object.keys(rule.annotations ?? {})) {
      if (!LABEL_NAME.test(name)) this.report(where, 'label-name', `annotations: "${name}" is not an annotation name Prometheus accepts (letters, digits and "_", not starting with a digit); rename it, e.g. "${name.replace(/[^A-Za-z0-9_]/g, '_')}"`);
    }
    for (const [field, values] of [['annotations', rule.annotations], ['labels', rule.labels]] as const) {
      for (const [k, v] of Object.entries(values ?? {})) {
        const problem = readTemplate(v, 'prometheus').problem;
        if (problem) this.report(where, 'template', `${field}.${k}: Prometheus cannot parse the template (${problem}), so it refuses the rule file: ${JSON.stringify(v)}`);
      }
    }
  }

  /**
   * A recorded name must be the only one of its name: not recorded twice, not a metric a job
   * exposes. Two rules of one name whose own labels give one label different values (an SLO's
   * slo="request-success" and slo="availability") write different series.
   */
  protected checkRecordCollisions(parsed: ReturnType<LintBase['parseRules']>): void {
    const first = new Map<string, Array<{ where: string; labels: Readonly<Record<string, string>> }>>();
    const apart = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) => Object.keys(a).some((k) => k in b && a[k] !== b[k]);
    for (const { where, rule } of parsed) {
      if ('alert' in rule) continue;
      const labels = rule.labels ?? {};
      const earlier = first.get(rule.record) ?? [];
      const before = earlier.find((e) => !apart(e.labels, labels));
      if (before) {
        this.report(where, 'record-collision', `record: ${rule.record} is recorded by ${before.where} too; the two write the same series and overwrite each other: give one another name`);
        continue;
      }
      first.set(rule.record, [...earlier, { where, labels }]);
      if (earlier.length) continue;
      const scraped = this.index.get(rule.record).filter((x) => x.job !== undefined);
      if (scraped.length) {
        this.report(where, 'record-collision', `record: ${rule.record} is a metric ${listShort([...new Set(scraped.map((x) => x.origin))])} exposes; the rule and the scrape write the same series: name the record level:metric:operations, e.g. "job:${rule.record}:sum"`);
      }
    }
  }

  protected jobWhere(job: LintJob): string {
    return job.path ? `job "${job.name}" (${job.path})` : `job "${job.name}"`;
  }

  /** Scrape timeouts, targets scraped twice, relabel regexes and target labels, drops of metrics read. */
  protected checkJobs(): void {
    const scrapedBy = new Map<string, string>();
    const own = new Map((this.env.ownTargets ?? []).flatMap((o) => o.addresses.map((a) => [a, o.job] as const)));
    for (const job of this.env.jobs) {
      const where = this.jobWhere(job);
      const interval = seconds(job.scrapeInterval, this.evaluationSeconds);
      if (job.scrapeTimeout !== undefined && seconds(job.scrapeTimeout, 0) > interval) {
        this.report(where, 'scrape-timeout', `scrapeTimeout ${job.scrapeTimeout} is longer than the ${job.scrapeInterval} scrape interval; Prometheus refuses the config: make it at most ${job.scrapeInterval}`);
      }
      for (const target of job.targets ?? []) {
        const service = own.get(target);
        if (service && service !== job.name) {
          this.report(where, 'scrape-duplicate', `target ${target} is the stack's own ${service}, which Prometheus scrapes already as job "${service}": its series would be stored twice under two job names; remove the target`);
          continue;
        }
        const other = scrapedBy.get(target);
        if (other && other !== job.name) {
          this.report(where, 'scrape-duplicate', `target ${target} is scraped by job "${other}" too: every series is stored twice under two job names and alerts on either fire twice; scrape it in one job`);
        } else scrapedBy.set(target, job.name);
      }
      for (const [kind, list] of [['relabelConfigs', job.relabelConfigs], ['metricRelabelConfigs', job.metricRelabelConfigs]] as const) {
        for (const [i, r] of (list ?? []).entries()) {
          const here = `${where}.${kind}[${i}]`;
          const problem = r.regex !== undefined ? re2Problem(r.regex) : undefined;
          if (problem) this.report(here, 'regex', `regex ${JSON.stringify(r.regex)}: Prometheus does not compile it (${problem}); write it in RE2 syntax`);
          const action = r.action ?? 'replace';
          if (r.targetLabel !== undefined && (action === 'replace' || action === 'hashmod') && !/^(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*$/.test(r.targetLabel)) {
            this.report(here, 'label-name', `targetLabel "${r.targetLabel}" is not a label name Prometheus accepts (letters, digits and "_", not starting with a digit); Prometheus refuses the config`);
          }
          for (const l of r.sourceLabels ?? []) {
            if (!LABEL_NAME.test(l)) this.report(here, 'label-name', `sourceLabels: "${l}" is not a label name; expected letters, digits and "_", not starting with a digit`);
          }
          if (kind === 'metricRelabelConfigs' && !problem) this.checkMetricDrop(here, job, r);
        }
      }
    }
  }

  /** A metric_relabel_configs drop (or keep) that removes a metric a rule or a panel reads. */
  protected checkMetricDrop(where: string, job: LintJob, r: LintRelabel): void {
    const action = r.action ?? 'replace';
    if ((action !== 'drop' && action !== 'keep') || (r.sourceLabels ?? []).join(',') !== '__name__') return;
    const regex = r.regex ?? '(.*)';
    const dropped = (name: string) => (action === 'drop') === re2FullMatch(regex, name);
    const readers = this.readers();
    for (const [metric, reader] of readers) {
      const fromJob = this.index.get(metric).filter((x) => x.job === job.name);
      if (fromJob.length === 0 || !dropped(metric)) continue;
      const others = this.index.get(metric).filter((x) => x.job !== job.name);
      if (others.length) continue;
      this.report(where, 'metric-relabel-drop', `${action} ${JSON.stringify(regex)} removes ${metric}, which ${reader} reads: it would never have data; ${action === 'drop' ? 'narrow the regex' : 'keep it too'}`);
    }
  }

  protected readersCache?: Map<string, string>;

  /** Every metric a rule or a panel reads, with the first reader. */
  protected readers(): Map<string, string> {
    if (this.readersCache) return this.readersCache;
    const readers = new Map<string, string>();
    const add = (where: string, expr: string) => {
      try {
        for (const m of parsePromQL(expr).metrics) if (!readers.has(m)) readers.set(m, where);
      } catch {
        // a syntax error is reported where the expression is checked
      }
    };
    for (const g of this.env.ruleGroups) for (const r of g.rules) if (!('alert' in r && r.generatedFrom)) add('alert' in r ? `alert ${r.alert}` : `recording rule ${r.record}`, r.expr);
    for (const d of this.env.dashboards ?? []) for (const p of d.panels) for (const q of p.queries) add(`dashboard ${JSON.stringify(d.title)} panel ${JSON.stringify(p.title)}`, q.expr);
    this.readersCache = readers;
    return readers;
  }

  /** A secret's name that looks like the secret itself, and an address with a password in it. */
  protected checkCredentials(): void {
    for (const field of this.env.credentialFields ?? []) {
      const v = field.value;
      if (field.kind === 'secret-name') {
        const looks = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? 'a URL' : /^[0-9a-f]{20,}$/i.test(v) ? 'a hex key' : /^[A-Za-z0-9+/_-]{24,}={0,2}$/.test(v) && /\d/.test(v) && /[A-Z]/.test(v) ? 'a base64 key' : undefined;
        if (looks) this.report(field.where, 'credential', `expected the name of a sensitive variable such as "slack_webhook_url", got what looks like ${looks} (${v.length} characters, not shown): a secret in the spec ends up in git and in cdktf.out; move the value to TF_VAR_<name> and put the name here`);
      } else if (/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i.test(v)) {
        this.report(field.where, 'credential', `the address carries a user and password (${v.replace(/\/\/[^/@\s]*:[^/@\s]*@/, '//<user>:<password>@')}): it ends up in git and in cdktf.out; give the password through a sensitive variable and keep the address without it`);
      }
    }
  }

  // -- alertmanager ---------------------------------------------------------------------------------------

  /** The alerts this environment sends, with the labels each can carry, checked against Alertmanager. */
  protected checkAlertmanager(parsed: ReturnType<LintBase['parseRules']>): void {
    const external = this.env.externalLabels ?? {};
    const alerts: SentAlert[] = [];
    for (const { where, rule, analysis } of parsed) {
      if (!('alert' in rule)) continue;
      const result = analysis ? this.flow(analysis.tree) : undefined;
      const any = !result || result.scalar || result.any;
      alerts.push({
        alert: rule.alert,
        where,
        known: { ...external, ...(rule.labels ?? {}), alertname: rule.alert },
        carried: result && !result.scalar ? result.labels : new Set(),
        anyLabel: any && !(result && result.scalar),
      });
    }
    for (const f of lintAlertmanager(this.env.alertmanager!, alerts)) this.report(f.where, f.check, f.message);
  }

  // -- alerts ---------------------------------------------------------------------------------------------

  protected checkAlert(where: string, rule: LintAlertRule, analysis: PromQLAnalysis | undefined, group: LintRuleGroup): void {
    const interval = seconds(group.interval, this.evaluationSeconds);
    if (rule.for !== undefined && seconds(rule.for, 0) > 0 && seconds(rule.for, 0) < interval) {
      this.report(where, 'for-interval', `for: ${rule.for} is shorter than the ${formatSeconds(interval)} evaluation interval of its group, so the alert fires on its second evaluation, ${formatSeconds(interval)} later; say for: ${formatSeconds(interval)} (or more) to mean what happens`);
    }
    if (!/^[A-Z][A-Za-z0-9]*$/.test(rule.alert)) {
      const suggestion = camelCase(rule.alert);
      this.report(where, 'alert-name', `alert: expected a CamelCase name (letters and digits, starting with a capital)${/^[A-Z]/.test(suggestion) ? ` such as "${suggestion}"` : ''}, got "${rule.alert}"`);
    }
    const severities = `one of ${quoteList(this.env.severities)}`;
    const severity = rule.labels?.severity;
    if (severity === undefined) this.report(where, 'severity', `labels.severity: expected ${severities}, got nothing`);
    else if (!this.env.severities.includes(severity)) this.report(where, 'severity', `labels.severity: expected ${severities}, got "${severity}"`);
    for (const [name, what] of [['summary', 'a one-line summary'], ['description', 'a description of what is wrong and its impact']] as const) {
      const value = rule.annotations?.[name];
      if (value === undefined || value.trim() === '') this.report(where, 'annotations', `annotations.${name}: expected ${what}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
    }
    // absent() fires on absence, and vector(1) always: a dead man's switch, on purpose.
    if (analysis && !analysis.hasTopLevelComparison && !ABSENCE_FUNCTIONS.has(analysis.outermostCall?.fn ?? '') && analysis.outermostCall?.fn !== 'vector') {
      this.report(where, 'alert-comparison', 'expr: expected a condition such as "... > 0.9" at the top level, got an expression without one: the alert would fire for every series it returns');
    }
  }
}
