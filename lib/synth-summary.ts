import * as path from 'path';
import { TerraformResource, TerraformStack } from 'cdktf';
import { isAlertingRule, RuleGroup } from '../model/rules';
import { stackVariables } from './stack-variables';
import { estimateCapacity, seriesPerTarget } from './capacity';
import type { LintJob } from './lint';

/** What a stack carries besides its resources, as the app knows it while building the stack. */
export interface StackFacts {
  /** The rule groups the stack's Prometheus loads: the spec's, and those the builder generates. */
  readonly ruleGroups?: { readonly written: readonly RuleGroup[]; readonly generated: readonly RuleGroup[] };
  /** The dashboards the stack deploys in ConfigMaps. @default its grafana_dashboard resources */
  readonly dashboards?: number;
  /** The active series its Prometheus is estimated to hold (lib/capacity.ts). */
  readonly activeSeries?: number;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function alerts(groups: readonly RuleGroup[]): number {
  return groups.reduce((n, g) => n + g.rules.filter(isAlertingRule).length, 0);
}

/** What runs (containers on Docker hosts, or Helm releases and Kubernetes objects on a cluster), and its dashboards. */
function contents(stack: TerraformStack, facts: StackFacts): string[] {
  const types = stack.node
    .findAll()
    .filter((c): c is TerraformResource => c instanceof TerraformResource)
    .map((r) => r.terraformResourceType);
  const count = (match: (type: string) => boolean) => types.filter(match).length;
  const containers = count((t) => t === 'docker_container');
  const releases = count((t) => t === 'helm_release');
  const objects = count((t) => t.startsWith('kubernetes_'));
  const dashboards = facts.dashboards ?? count((t) => t === 'grafana_dashboard');
  return [
    ...(containers > 0 ? [plural(containers, 'container')] : []),
    ...(releases > 0 ? [plural(releases, 'Helm release')] : []),
    ...(objects > 0 ? [plural(objects, 'Kubernetes object')] : []),
    ...(facts.ruleGroups ? [`alerts ${alerts(facts.ruleGroups.written)} written + ${alerts(facts.ruleGroups.generated)} generated`] : []),
    ...(dashboards > 0 ? [plural(dashboards, 'dashboard')] : []),
  ];
}

/**
 * The active series a Prometheus scraping these jobs is estimated to hold (lib/capacity.ts): each
 * static target times the series its job's catalog says a target exposes. Targets found by
 * service discovery are not known at synth and count none.
 */
export function activeSeries(jobs: readonly LintJob[]): number {
  return estimateCapacity(
    jobs.map((j) => ({ name: j.name, targets: j.targets?.length ?? 0, interval: j.scrapeInterval, seriesPerTarget: seriesPerTarget(j.metrics) })),
    {},
  ).activeSeries;
}

/**
 * One line that says what a stack holds and what a deploy of it needs, e.g.
 * `homelab: 14 containers, alerts 5 written + 12 generated, 6 dashboards, ~3,100 active series; needs TF_VAR_a, TF_VAR_b`.
 * Reads the built construct tree only: nothing is synthesized again.
 */
export function summaryLine(stack: TerraformStack, facts: StackFacts, width = 0): string {
  const parts = contents(stack, facts);
  if (facts.activeSeries !== undefined) parts.push(`~${facts.activeSeries.toLocaleString('en-US')} active series`);
  const needed = stackVariables(stack).filter((v) => v.sensitive && v.required);
  const needs = needed.length > 0 ? `; needs ${needed.map((v) => `TF_VAR_${v.name}`).join(', ')}` : '';
  return `${`${stack.node.id}:`.padEnd(width + 1)} ${parts.length > 0 ? parts.join(', ') : 'no resources'}${needs}`;
}

/** The synth's report: one line per stack, then where it wrote. */
export function summaryLines(stacks: ReadonlyArray<{ stack: TerraformStack; facts: StackFacts }>, outdir: string, cwd = process.cwd()): string[] {
  const width = Math.max(0, ...stacks.map((s) => s.stack.node.id.length));
  const relative = path.relative(cwd, outdir);
  const where = relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? outdir : relative;
  return [
    ...stacks.map((s) => summaryLine(s.stack, s.facts, width)),
    `wrote ${plural(stacks.length, 'stack')} to ${path.join(where, 'stacks')}${path.sep}<stack>${path.sep}cdk.tf.json; \`npm run preflight -- <stack>\` checks its variables before a deploy`,
  ];
}
