/** The monitoring lint's input (a plain description of an environment) and its findings. */
import { AlertmanagerFinding, LintAlertmanager } from '../alertmanager-lint';
import { MetricCatalog } from '../catalogs';

// ---------------------------------------------------------------------------------------------------------
// Input and output
// ---------------------------------------------------------------------------------------------------------

/** One scrape job: what it exposes and which labels its targets add. */
export interface LintJob {
  readonly name: string;
  /** The job's scrape interval, e.g. "15s". */
  readonly scrapeInterval: string;
  /** The metric families its targets expose (up and scrape_* are implied). */
  readonly metrics: MetricCatalog;
  /**
   * Labels Prometheus attaches to the job's series besides job and instance: static target
   * labels (machine, ...) and relabelling target labels. External labels are not among them.
   */
  readonly targetLabels: readonly string[];
  /** The job's relabelling maps labels it cannot know (labelmap): any label may be carried. */
  readonly anyLabels?: boolean;
  /** @default Prometheus's 10s, capped at the interval */
  readonly scrapeTimeout?: string;
  /** The host:port of each static target. */
  readonly targets?: readonly string[];
  /** How findings name the job, e.g. "jobs[3]". @default job "<name>" */
  readonly path?: string;
  readonly relabelConfigs?: readonly LintRelabel[];
  readonly metricRelabelConfigs?: readonly LintRelabel[];
}

/** A relabel_configs / metric_relabel_configs entry, as in prometheus.yml. */
export interface LintRelabel {
  readonly sourceLabels?: readonly string[];
  readonly separator?: string;
  readonly regex?: string;
  readonly action?: string;
  readonly targetLabel?: string;
}

/** Turns a check off for one rule, for a reason that `npm run lint:monitoring` prints. */
export interface LintDisable {
  readonly check: string;
  readonly reason: string;
}

export interface LintAlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly lintDisable?: readonly LintDisable[];
  /**
   * For a rule the project generated from the user's (an Absent alert): the user's alert names. A
   * finding in it is reported once, at the first of those rules.
   */
  readonly generatedFrom?: readonly string[];
}

export interface LintRecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly lintDisable?: readonly LintDisable[];
}

export interface LintRuleGroup {
  readonly name: string;
  /** @default the environment's evaluation interval */
  readonly interval?: string;
  /** How findings name the group, e.g. "ruleGroups[0]" (its path in the spec). @default rule group "<name>" */
  readonly path?: string;
  readonly rules: ReadonlyArray<LintAlertRule | LintRecordingRule>;
}

export interface LintPanel {
  readonly title: string;
  /** The panel's PromQL queries (queries of other data sources are left out). */
  readonly queries: ReadonlyArray<{ readonly refId?: string; readonly expr: string; readonly legendFormat?: string }>;
}

export interface LintDashboard {
  readonly title: string;
  readonly panels: readonly LintPanel[];
  /** Query variables, e.g. { name: 'instance', query: 'label_values(up{job=~"$job"}, instance)' }. */
  readonly variables?: ReadonlyArray<{ readonly name: string; readonly query: string }>;
}

/** An environment as the lint sees it. */
export interface LintEnvironment {
  readonly name: string;
  /** Severities alerts may carry. */
  readonly severities: readonly string[];
  /** The global evaluation interval, for rule groups without their own. */
  readonly evaluationInterval: string;
  readonly jobs: readonly LintJob[];
  readonly ruleGroups: readonly LintRuleGroup[];
  readonly dashboards?: readonly LintDashboard[];
  /** Labels Prometheus adds to the alerts it sends (and templates read as $externalLabels). */
  readonly externalLabels?: Readonly<Record<string, string>>;
  readonly alertmanager?: LintAlertmanager;
  /**
   * The stack's own services Prometheus scrapes (prometheus, alertmanager, loki, ...): every
   * host:port that reaches each, its container alias and the monitoring host's names with its port.
   */
  readonly ownTargets?: ReadonlyArray<{ readonly job: string; readonly addresses: readonly string[] }>;
  /** Values of fields that name a secret, and addresses: none may hold a credential. */
  readonly credentialFields?: ReadonlyArray<{ readonly where: string; readonly value: string; readonly kind: 'secret-name' | 'address' }>;
}

export type CheckId =
  | 'syntax'
  | 'unknown-metric'
  | 'unknown-label'
  | 'counter-function'
  | 'gauge-function'
  | 'histogram-quantile'
  | 'rate-window'
  | 'vector-matching'
  | 'alert-comparison'
  | 'alert-name'
  | 'severity'
  | 'annotations'
  | 'catalog'
  | 'template'
  | 'label-name'
  | 'label-flow'
  | 'without-label'
  | 'for-interval'
  | 'record-collision'
  | 'metric-relabel-drop'
  | 'scrape-timeout'
  | 'scrape-duplicate'
  | 'regex'
  | 'credential'
  | 'lint-disable'
  | 'sli'
  | AlertmanagerFinding['check'];

/** Checks whose findings print but let synth finish; every other check refuses it. */
export const WARNING_CHECKS: ReadonlySet<CheckId> = new Set<CheckId>(['for-interval', 'group-by', 'without-label']);

export const CHECK_IDS: readonly CheckId[] = [
  'syntax', 'unknown-metric', 'unknown-label', 'counter-function', 'gauge-function', 'histogram-quantile', 'rate-window',
  'vector-matching', 'alert-comparison', 'alert-name', 'severity', 'annotations', 'catalog', 'template', 'label-name', 'label-flow', 'without-label',
  'for-interval', 'record-collision', 'metric-relabel-drop', 'scrape-timeout', 'scrape-duplicate', 'regex', 'credential', 'lint-disable', 'sli',
  'route-matcher', 'unreachable-receiver', 'group-by', 'inhibit', 'repeat-interval', 'expected-receivers', 'time-interval', 'receiver-globals',
];

export interface Finding {
  readonly environment: string;
  /** e.g. `rule WorkerDown (ruleGroups[0].rules[0])` or `dashboard "System Infrastructure" panel "CPU"`. */
  readonly where: string;
  readonly check: CheckId;
  /** What is wrong and what is expected, with the position in the expression. */
  readonly message: string;
  /** Errors refuse synth; warnings are printed. */
  readonly severity: 'error' | 'warning';
  /** The reason of the rule's lintDisable entry for this check: the finding refuses nothing. */
  readonly disabledBecause?: string;
}

/** `environment "homelab": rule WorkerDown (ruleGroups[0].rules[0]): <message>` (warnings and disabled ones say so). */
export function formatFinding(f: Finding): string {
  const tag = f.disabledBecause !== undefined ? `disabled (${f.check}: ${f.disabledBecause}): ` : f.severity === 'warning' ? 'warning: ' : '';
  return `environment "${f.environment}": ${f.where}: ${tag}${f.message}`;
}

/** Whether a finding refuses synth. */
export function refuses(f: Finding): boolean {
  return f.severity === 'error' && f.disabledBecause === undefined;
}
