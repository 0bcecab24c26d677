import { z } from 'zod';
import { compact, toYaml } from '../lib/yaml';
import { duration, labels, promql } from '../lib/schema';
import { recordingTestsSchema, alertTestsSchema } from '../lib/rule-tests';
import { CHECK_IDS, CheckId } from '../lib/lint';

/*
 * Rule groups: alerting and recording rules (each with its promtool tests in the spec), rendered
 * into Prometheus rule files whatever runs Prometheus.
 */

export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  /** @default 0s: fires on the first evaluation that matches */
  readonly for?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup {
  readonly name: string;
  /** @default the global evaluation interval */
  readonly interval?: string;
  readonly rules: readonly Rule[];
}

export function isAlertingRule(rule: Rule): rule is AlertingRule {
  return 'alert' in rule;
}

export function ruleFileName(groupName: string): string {
  return `${groupName.replace(/[^A-Za-z0-9_.-]/g, '_')}.yml`;
}

/** One group of a rule file, as Prometheus reads it. */
export interface RuleGroupDocument {
  name: string;
  interval?: string;
  rules: Array<
    | { alert: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }
    | { record: string; expr: string; labels?: Record<string, string> }
  >;
}

/** The groups of a rule file as typed documents: a Docker rule file, a PrometheusRule's spec. */
export function ruleGroupDocuments(groups: readonly RuleGroup[]): RuleGroupDocument[] {
  return groups.map((g) =>
    compact({
      name: g.name,
      interval: g.interval,
      rules: g.rules.map((r) =>
        isAlertingRule(r)
          ? compact({
              alert: r.alert,
              expr: r.expr,
              for: r.for,
              labels: r.labels ? { ...r.labels } : undefined,
              annotations: r.annotations ? { ...r.annotations } : undefined,
            })
          : compact({ record: r.record, expr: r.expr, labels: r.labels ? { ...r.labels } : undefined }),
      ),
    }),
  );
}

/** A Prometheus rule file, as `promtool check rules` and Prometheus read it. */
export interface RuleFile {
  groups: RuleGroupDocument[];
}

/** The rule file holding the given groups: a pure function of them. */
export function ruleFile(groups: readonly RuleGroup[]): RuleFile {
  return { groups: ruleGroupDocuments(groups) };
}

/** A Prometheus rule file holding the given groups, as YAML. */
export function renderRuleFile(groups: readonly RuleGroup[]): string {
  return toYaml(ruleFile(groups));
}

const lintDisable = z.array(
  z.strictObject({
    check: z.enum(CHECK_IDS as [CheckId, ...CheckId[]]),
    reason: z.string().refine((r) => r.trim() !== '', { error: 'expected why the check does not apply to this rule' }),
  }),
);

const alertRule = z.strictObject({
  alert: z.string().min(1),
  expr: promql,
  for: duration.optional(),
  labels: z.object({ severity: z.string({ error: 'expected a severity label' }) }).catchall(z.string()),
  annotations: z.record(z.string(), z.string()),
  /** Input series and expected alerts, rendered to a promtool test (lib/rule-tests.ts). */
  tests: alertTestsSchema.optional(),
  /** Lint checks that do not apply to this rule, each with why; `npm run lint:monitoring` prints them. */
  lintDisable: lintDisable.optional(),
});

const recordingRule = z.strictObject({
  record: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { error: 'expected a metric name such as "lloom:request_rate:5m"' }),
  expr: promql,
  labels: labels.optional(),
  /** Input series and the expected output series, rendered to a promtool test (lib/rule-tests.ts). */
  tests: recordingTestsSchema.optional(),
  lintDisable: lintDisable.optional(),
});

const ruleSpec = z.union([alertRule, recordingRule], {
  error: 'expected an alerting rule { alert, expr, for?, labels: { severity }, annotations } or a recording rule { record, expr }',
});

export const ruleGroupSpec = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'expected a group name such as "llama-orch-alerts"' }),
  interval: duration.optional(),
  rules: z.array(ruleSpec).min(1),
});
