import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DashboardSources } from '../model/dashboards/common';
import { logsDashboard } from '../model/dashboards/logs';
import { DashboardSet, Environment } from './environment';
import { EnvironmentSpec } from './spec';
import { homelab } from './homelab';
import { llamaOrch } from './llama-orch';
import { lloom } from './lloom';
import { osmen } from './osmen';
import { openhandsEnvironment } from './openhands';
import type { KubernetesDashboards } from '../runtimes/kubernetes/environment';
import type { KubernetesEnvironmentSpec } from '../runtimes/kubernetes/environment-spec';

/** Every environment, in the order `cdktf synth` builds them. Add one by adding its folder and a line here. */
export const REGISTRY: readonly Environment[] = [homelab, llamaOrch, lloom, osmen];

/** An environment on a Kubernetes cluster: its spec and dashboards. */
export interface KubernetesEnvironmentEntry {
  readonly spec: KubernetesEnvironmentSpec;
  readonly dashboards: KubernetesDashboards;
}

/** Every environment on a cluster, each two stacks (`<name>-platform`, `<name>`), after the Docker ones. */
export const KUBERNETES_ENVIRONMENTS: readonly KubernetesEnvironmentEntry[] = [openhandsEnvironment];

/** The environments' specs, in registry order. */
export const ENVIRONMENTS: readonly EnvironmentSpec[] = REGISTRY.map((e) => e.spec);

/**
 * The dashboards of an environment (its own, by default its registry entry's; none for an environment
 * that has none yet), and its Logs dashboard when it has a Loki data source.
 */
export function dashboardsFor(
  environment: string,
  sources: DashboardSources,
  own: DashboardSet | undefined = REGISTRY.find((e) => e.spec.name === environment)?.dashboards,
): dashboard.Dashboard[] {
  return [...(own ? own(sources) : []), ...(sources.loki ? [logsDashboard(environment, sources.loki)] : [])];
}
