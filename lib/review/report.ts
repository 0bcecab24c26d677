import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../errors';
import { compareStacks, type EnvironmentReview } from './compare';
import { readStack, type StackModel } from './model';

/**
 * The review of a change: two synth outputs (cdktf.out folders) read into stack models,
 * compared environment by environment, rendered as Markdown for a pull request or as JSON.
 */

export interface Review {
  changed: boolean;
  environments: EnvironmentReview[];
}

/** Every stack of a cdktf.out folder, by name, read into its model. */
export function readOutput(dir: string, label: string): Map<string, StackModel> {
  const stacksDir = path.join(dir, 'stacks');
  if (!fs.existsSync(path.join(dir, 'manifest.json')) || !fs.existsSync(stacksDir)) {
    throw new ConfigError(`${label} "${dir}": not a synth output: expected a folder holding manifest.json and stacks/<environment>/cdk.tf.json (run npm run synth)`);
  }
  const out = new Map<string, StackModel>();
  for (const env of fs.readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, env, 'cdk.tf.json');
    if (!fs.existsSync(file)) continue;
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      throw new ConfigError(`${label} "${dir}": stacks/${env}/cdk.tf.json is not JSON: expected the file cdktf synth writes`);
    }
    out.set(env, readStack(env, json));
  }
  return out;
}

/** Compares two synth outputs; `env` limits the review to one environment. */
export function reviewOutputs(before: Map<string, StackModel>, after: Map<string, StackModel>, env?: string): Review {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  if (env !== undefined && !names.includes(env)) {
    throw new ConfigError(`--env "${env}": no such environment: expected one of ${names.join(', ')}`);
  }
  const environments = names.filter((n) => env === undefined || n === env).map((n) => compareStacks(n, before.get(n), after.get(n)));
  return { changed: environments.some((e) => e.status !== 'unchanged'), environments };
}

const WARN = '⚠️ ';

function summaryRow(e: EnvironmentReview): string {
  const s = e.summary;
  const alerts = s.alerts.added + s.alerts.removed + s.alerts.changed === 0 ? '–' : `+${s.alerts.added} −${s.alerts.removed} ~${s.alerts.changed}`;
  const targets = s.targets.before === s.targets.after ? String(s.targets.after) : `${s.targets.before} → ${s.targets.after}`;
  const warned = e.sections.some((sec) => sec.items.some((i) => i.warning));
  const cells = [
    `${warned ? WARN : ''}${e.env}${e.status === 'added' || e.status === 'removed' ? ` (${e.status})` : ''}`,
    s.paging ? String(s.paging) : '–',
    alerts,
    targets,
    s.dashboards ? String(s.dashboards) : '–',
    s.restarts ? String(s.restarts) : '–',
    s.newVariables.length ? s.newVariables.map((v) => `\`${v}\``).join(', ') : '–',
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The review as Markdown: a summary table, then each changed environment's sections and appendix. */
export function renderMarkdown(review: Review): string {
  const compared = `${review.environments.length} environment${review.environments.length === 1 ? '' : 's'} compared`;
  if (!review.changed) return `## Monitoring review\n\nno change in meaning (${compared})\n`;
  const lines = [
    '## Monitoring review',
    '',
    '| environment | paging changes | alerts | targets | dashboards changed | containers replaced | new variables |',
    '|---|---|---|---|---|---|---|',
    ...review.environments.filter((e) => e.status !== 'unchanged').map(summaryRow),
    '',
  ];
  const unchanged = review.environments.filter((e) => e.status === 'unchanged').map((e) => e.env);
  if (unchanged.length) lines.push(`No change in meaning: ${unchanged.join(', ')}.`, '');
  for (const e of review.environments.filter((x) => x.status !== 'unchanged')) {
    lines.push(`### ${e.env}`, '');
    e.sections.forEach((section, i) => {
      lines.push(`**${i + 1}. ${section.title}**`, '');
      for (const item of section.items) lines.push(`- ${item.warning ? WARN : ''}${item.text}`);
      lines.push('');
    });
    if (e.appendix.length) {
      lines.push(`<details><summary>Rendered configs: ${e.appendix.length} file${e.appendix.length === 1 ? '' : 's'} changed</summary>`, '');
      for (const f of e.appendix) lines.push(`\`${f.file}\``, '', '```diff', f.diff, '```', '');
      lines.push('</details>', '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function renderJson(review: Review): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}
