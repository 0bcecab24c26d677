import { z } from 'zod';
import { environmentSchema, formatPath } from '../../stacks/spec';
import { ConfigError, describeValue } from '../../lib/errors';
import { kubernetesRuntimeSchema } from './spec';

/**
 * An environment on a cluster: the monitoring content every environment has (severities, rule
 * groups with their tests, Alertmanager routes and receivers) and where it runs (`runtime`:
 * namespaces, storage, object storage, the ServiceMonitors that place its scrape jobs).
 */
export const kubernetesEnvironmentSchema = z.strictObject({
  name: environmentSchema.shape.name,
  description: environmentSchema.shape.description,
  severities: environmentSchema.shape.severities,
  ruleGroups: environmentSchema.shape.ruleGroups,
  alertmanager: environmentSchema.shape.alertmanager,
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
    const issue = result.error.issues[0];
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const value = issue.code === 'unrecognized_keys' ? (issue.input as Record<string, unknown> | undefined)?.[issue.keys[0]] : issue.input;
    const expected = issue.message.startsWith('expected ') ? issue.message.slice('expected '.length) : issue.code === 'unrecognized_keys' ? `no field "${issue.keys[0]}" (check its spelling)` : issue.message;
    throw new ConfigError(`environment "${env}": ${formatPath(path)}: expected ${expected}, got ${describeValue(value)}`);
  }
  return result.data;
}
