import type { KubernetesEnvironmentSpec } from '../../runtimes/kubernetes/environment-spec';
import { OPENHANDS_ALERTMANAGER, OPENHANDS_RULE_GROUPS, OPENHANDS_SEVERITIES } from './monitoring';
import { openhandsRuntime } from './runtime';

/** openhands (seed 002): the model-serving fleet on its Kubernetes cluster. */
export const openhands: KubernetesEnvironmentSpec = {
  name: 'openhands',
  description: 'openhands model-serving fleet on Kubernetes: model server, Ollama fleet, GPUs (Prometheus Operator, Thanos, Loki, Tempo)',
  severities: OPENHANDS_SEVERITIES,
  ruleGroups: OPENHANDS_RULE_GROUPS,
  alertmanager: OPENHANDS_ALERTMANAGER,
  runtime: openhandsRuntime,
};
