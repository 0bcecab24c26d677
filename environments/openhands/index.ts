import { parse } from 'yaml';
import { renderRuleFile } from '../../constructs/prometheus-server';
import { dashboardQueries } from '../../lib/lint-environment';
import { toYaml } from '../../lib/yaml';
import { alertmanagerConfigDocument } from '../../model/alertmanager-config';
import type { KubernetesEnvironmentParts } from '../../runtimes/kubernetes/environment';
import { modelPerformance } from './dashboards/model-performance';
import { openhands } from './spec';

/** openhands: its spec, and the renderers and dashboards its Kubernetes stacks are built with. */
export const openhandsEnvironment: { spec: typeof openhands; parts: KubernetesEnvironmentParts } = {
  spec: openhands,
  parts: {
    ruleFileGroups: (groups) => parse(renderRuleFile(groups as never)).groups,
    alertmanagerConfig: (file) =>
      toYaml(
        alertmanagerConfigDocument(openhands.alertmanager, {
          file,
          // Alertmanager 0.26+ reads a webhook URL from a file, as the operator's release does.
          webhookUrl: (name, description) => ({ url_file: file(name, description) }),
        }),
      ),
    dashboards: (sources) => [modelPerformance(sources.prometheus)],
    dashboardQueries,
  },
};
