import type { KubernetesEnvironmentEntry } from '..';
import { modelPerformance } from './dashboards/model-performance';
import { openhands } from './spec';

/** openhands: its spec, and its dashboards bound to the Prometheus data source. */
export const openhandsEnvironment: KubernetesEnvironmentEntry = {
  spec: openhands,
  dashboards: (sources) => [modelPerformance(sources.prometheus)],
};
