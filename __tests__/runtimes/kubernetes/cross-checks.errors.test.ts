import { ConfigError } from '../../../lib/errors';
import { IPrometheusRule, IServiceMonitor, secretKeyProblems, selectionProblems } from '../../../runtimes/kubernetes/cross-checks';
import { cleanupOutdirs } from '../../support/synth';
import { buildOpenhands, openhandsSpec } from '../../support/kubernetes';

afterAll(cleanupOutdirs);

/** The one line a build of this spec is refused with. */
function refusal(spec: unknown): string {
  try {
    buildOpenhands(spec);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the build was not refused');
}

// The Prometheus CR the platform makes, to check the seed's own objects against.
const { env } = buildOpenhands();
const prometheus = env.platform.prometheus;

/** seed 002's ollama-fleet ServiceMonitor, as written there. */
const SEED_OLLAMA: IServiceMonitor = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'ollama-fleet', namespace: 'monitoring' },
  spec: {
    selector: { matchLabels: { app: 'ollama-server' } },
    endpoints: [{ port: 'metrics', interval: '15s', path: '/metrics', metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'ollama_.*', action: 'keep' }] }],
  },
};

/** seed 002's model-alerts PrometheusRule: no labels. */
const SEED_RULES: IPrometheusRule = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: { name: 'model-alerts', namespace: 'monitoring' },
  spec: { groups: [{ name: 'model.rules', rules: [{ alert: 'HighErrorRate', expr: 'vector(1)' }] }] },
};

describe('seed 002\'s objects are refused with one line each', () => {
  test('ollama-fleet without team: openhands is not selected by the Prometheus CR', () => {
    expect(selectionProblems('openhands', prometheus, [SEED_OLLAMA], [])).toEqual([
      'environment "openhands": ServiceMonitor monitoring/ollama-fleet: metadata.labels: expected labels that Prometheus monitoring/openhands serviceMonitorSelector {"team":"openhands"} selects, got no labels',
    ]);
  });

  test('a PrometheusRule without a label the ruleSelector selects loads no rule', () => {
    expect(selectionProblems('openhands', prometheus, [], [SEED_RULES])).toEqual([
      'environment "openhands": PrometheusRule monitoring/model-alerts: metadata.labels: expected labels that Prometheus monitoring/openhands ruleSelector {"team":"openhands"} selects, got no labels',
    ]);
  });

  test('the /metrics endpoint keeping only inference_latency_.* drops what HighErrorRate divides', () => {
    const spec = openhandsSpec();
    spec.runtime.serviceMonitors[0].endpoints[0].metricRelabelings[0].regex = 'inference_latency_.*';
    expect(refusal(spec)).toBe(
      'environment "openhands": ServiceMonitor monitoring/model-server: spec.endpoints[0].metricRelabelings: expected to keep inference_errors_total, which alert HighErrorRate reads, got keep "inference_latency_.*" (path /metrics)',
    );
  });

  test('a drop of a series a dashboard panel reads', () => {
    const spec = openhandsSpec();
    spec.runtime.serviceMonitors[1].endpoints[0].metricRelabelings.push({ sourceLabels: ['__name__'], regex: 'ollama_queue_.*', action: 'drop' });
    expect(refusal(spec)).toBe(
      'environment "openhands": ServiceMonitor monitoring/ollama-fleet: spec.endpoints[0].metricRelabelings: expected to keep ollama_queue_size, which dashboard "Model Performance" panel "Queue size" reads, got drop "ollama_queue_.*" (path /metrics)',
    );
  });
});

describe('cross-object checks of a built environment', () => {
  test('a ServiceMonitor whose own labels override the selected ones', () => {
    const spec = openhandsSpec();
    spec.runtime.serviceMonitors[2].labels = { team: 'gpu' };
    expect(refusal(spec)).toBe(
      'environment "openhands": ServiceMonitor monitoring/gpu-fleet: metadata.labels: expected labels that Prometheus monitoring/openhands serviceMonitorSelector {"team":"openhands"} selects, got {"team":"gpu"}',
    );
  });

  test('a ServiceMonitor outside the namespaces the Prometheus CR reads', () => {
    const monitor = { ...env.monitoring.serviceMonitors[0], metadata: { ...env.monitoring.serviceMonitors[0].metadata, namespace: 'openhands' } };
    expect(selectionProblems('openhands', prometheus, [monitor], [])).toEqual([
      'environment "openhands": ServiceMonitor openhands/model-server: metadata.namespace: expected a namespace that Prometheus monitoring/openhands serviceMonitorNamespaceSelector {"kubernetes.io/metadata.name":"monitoring"} selects, got "openhands"',
    ]);
  });

  test('a jobLabel the selector does not fix', () => {
    const spec = openhandsSpec();
    spec.runtime.serviceMonitors[1].jobLabel = 'app.kubernetes.io/name';
    expect(refusal(spec)).toBe(
      'environment "openhands": ServiceMonitor monitoring/ollama-fleet: spec.jobLabel: expected one of the selector\'s labels ["app"], so that its series\' job is known, got "app.kubernetes.io/name"',
    );
  });

  test('a Secret key no Secret has, and a Secret the environment does not make', () => {
    const secrets = env.platform.secrets.map((s) => ({ namespace: s.namespace, name: s.secretName, keys: s.keys }));
    expect(
      secretKeyProblems('openhands', secrets, [
        { resource: 'thanos-store', namespace: 'monitoring', secret: 'thanos-objstore', key: 'thanos.yaml' },
        { resource: 'loki', namespace: 'monitoring', secret: 'loki-storage-secret', key: 'AWS_ACCESS_KEY_ID' },
        { resource: 'thanos-compactor', namespace: 'monitoring', secret: 'thanos-objstore', key: 'objstore.yml' },
      ]),
    ).toEqual([
      'environment "openhands": thanos-store: Secret monitoring/thanos-objstore key: expected one of ["objstore.yml"], got "thanos.yaml"',
      'environment "openhands": loki: Secret monitoring/loki-storage-secret: expected one of the environment\'s Secrets (alertmanager-receivers, grafana-admin, loki-object-storage, tempo-object-storage, thanos-objstore), got "loki-storage-secret"',
    ]);
  });
});
