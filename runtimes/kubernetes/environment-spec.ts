import { z } from 'zod';
import { ConfigError, describeValue } from '../../lib/errors';
import { name } from '../../lib/schema';
import { expectedFromZod, formatPath, pickIssue } from '../../lib/zod-issues';
import { alertmanagerSpec } from '../../model/alertmanager';
import { ruleGroupSpec } from '../../model/rules';
import { crossCheckMonitoring } from '../../environments/cross-check';
import { kubernetesRuntimeSchema } from './spec';

/**
 * An environment on a cluster: the monitoring content every environment has (severities, rule
 * groups with their tests, Alertmanager routes and receivers) and where it runs (`runtime`:
 * namespaces, storage, object storage, the ServiceMonitors that place its scrape jobs).
 */
export const kubernetesEnvironmentSchema = z.strictObject({
  /** The monitoring stack's id (`cdktf deploy <name>`); the platform's is `<name>-platform`. */
  name,
  description: z.string().min(1),
  /** Severities alert rules may carry. */
  severities: z.array(z.string().regex(/^[a-z]+$/)).min(1),
  ruleGroups: z.array(ruleGroupSpec),
  alertmanager: alertmanagerSpec,
  runtime: kubernetesRuntimeSchema,
});

export type KubernetesEnvironmentSpec = z.infer<typeof kubernetesEnvironmentSchema>;

/**
 * Validates a spec whole, or throws one ConfigError naming the environment, the field, what was
 * given and what is expected.
 */
export function validateKubernetesSpec(raw: unknown): KubernetesEnvironmentSpec {
  const given = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  const env = typeof given === 'string' && /^[a-z][a-z0-9-]*$/.test(given) ? given : '(unnamed environment)';
  const result = kubernetesEnvironmentSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    const issue = pickIssue(result.error.issues[0]);
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const value = issue.code === 'unrecognized_keys' ? (issue.input as Record<string, unknown> | undefined)?.[issue.keys[0]] : issue.input;
    throw new ConfigError(`environment "${env}": ${formatPath(path)}: expected ${expectedFromZod(issue)}, got ${describeValue(value)}`);
  }
  const finding = crossCheckMonitoring(result.data);
  if (finding) {
    throw new ConfigError(`environment "${env}": ${formatPath(finding.path)}: expected ${finding.expected}, got ${describeValue(finding.given)}`);
  }
  return result.data;
}
