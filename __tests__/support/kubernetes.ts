import { KubernetesEnvironment } from '../../runtimes/kubernetes/environment';
import { validateKubernetesSpec } from '../../runtimes/kubernetes/environment-spec';
import { openhandsEnvironment } from '../../environments/openhands';
import { synthJson, testApp, TfJson } from './synth';

/** openhands (or a variant of its spec) built into a fresh app: both stacks and their Terraform JSON. */
export function buildOpenhands(spec: unknown = openhandsEnvironment.spec): { env: KubernetesEnvironment; platform: TfJson; monitoring: TfJson } {
  const env = new KubernetesEnvironment(testApp(), validateKubernetesSpec(spec), openhandsEnvironment.dashboards);
  return { env, platform: synthJson(env.platform), monitoring: synthJson(env.monitoring) };
}

/** A deep copy of openhands' spec to change in a test. */
export function openhandsSpec(): any {
  return structuredClone(openhandsEnvironment.spec);
}
