import { parse } from 'yaml';
import { KubernetesPlatformStack } from '../../../runtimes/kubernetes/platform-stack';
import { CHARTS, THANOS_IMAGE } from '../../../runtimes/kubernetes/releases';
import { validateOperatorObjects } from '../../../runtimes/kubernetes/validate-operator-objects';
import { openhandsRuntime } from '../../../environments/openhands/runtime';
import { cleanupOutdirs, fromTerraformLiteral, resourcesOfType, synthJson, testApp, TfJson } from '../../support/synth';

afterAll(cleanupOutdirs);

const receiverCredentials = [
  { name: 'slack_webhook_url', description: 'Slack' },
  { name: 'pagerduty_service_key', description: 'PagerDuty' },
];

// GIVEN openhands' runtime WHEN its platform stack is synthesized
const stack = new KubernetesPlatformStack(testApp(), { environment: 'openhands', runtime: openhandsRuntime, receiverCredentials });
const json: TfJson = synthJson(stack);

function release(name: string): Record<string, any> {
  const found = resourcesOfType(json, 'helm_release').filter((r) => r.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}
/** A release's values as helm reads them (Terraform's `$${` escapes undone). */
const values = (name: string) => parse(fromTerraformLiteral(release(name).values[0]));
const byName = (type: string, name: string) => resourcesOfType(json, type).find((r) => r.metadata.name === name)!;

describe('openhands-platform', () => {
  test('is its own stack, needs Terraform 1.11 for write-only values, and pins both providers', () => {
    expect(stack.node.id).toBe('openhands-platform');
    expect(json.terraform!.required_version).toBe('>= 1.11');
    expect(json.terraform!.required_providers.kubernetes.version).toBe('2.38.0');
    expect(json.terraform!.required_providers.helm.version).toBe('3.1.1');
  });

  test('every Secret is written from sensitive variables with data_wo, never data', () => {
    const secrets = resourcesOfType(json, 'kubernetes_secret_v1');
    expect(secrets.map((s) => s.metadata.name).sort()).toEqual(['alertmanager-receivers', 'grafana-admin', 'loki-object-storage', 'tempo-object-storage', 'thanos-objstore']);
    for (const s of secrets) {
      expect(s.data).toBeUndefined();
      expect(s.data_wo_revision).toBe(1);
      expect(s.metadata.namespace).toBe('monitoring');
      expect(s.depends_on).toEqual(['kubernetes_namespace_v1.namespace']);
    }
    expect(byName('kubernetes_secret_v1', 'alertmanager-receivers').data_wo).toEqual({
      slack_webhook_url: '${var.slack_webhook_url}',
      pagerduty_service_key: '${var.pagerduty_service_key}',
    });
    // The bucket config is YAML made at apply time from the two keys: quoted whatever they hold.
    const objstore = byName('kubernetes_secret_v1', 'thanos-objstore').data_wo['objstore.yml'];
    expect(objstore).toContain('yamlencode(');
    expect(objstore).toContain('var.object_storage_access_key');
    expect(objstore).toContain('var.object_storage_secret_key');
    expect(objstore).toContain('"bucket" = "openhands-metrics"');
    for (const name of ['object_storage_access_key', 'object_storage_secret_key', 'slack_webhook_url', 'pagerduty_service_key', 'grafana_admin_password']) {
      expect(json.variable![name]).toMatchObject({ sensitive: true, nullable: false });
      expect(json.variable![name]).not.toHaveProperty('default');
    }
  });

  test('charts are pinned exactly, from prometheus-community and grafana-community', () => {
    for (const [name, pin] of [
      ['prometheus-operator-crds', CHARTS.operatorCrds],
      ['openhands', CHARTS.kubePrometheusStack],
      ['loki', CHARTS.loki],
      ['tempo', CHARTS.tempo],
    ] as const) {
      expect(release(name)).toMatchObject({ chart: pin.chart, version: pin.version, repository: pin.repository, atomic: true });
      expect(pin.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(CHARTS.operatorCrds.appVersion).toBe(CHARTS.kubePrometheusStack.appVersion);
    expect(CHARTS.loki.repository).toBe('https://grafana-community.github.io/helm-charts');
  });

  test('kube-prometheus-stack installs no CRDs, waits for the CRD release and the Secrets, and selects by explicit labels', () => {
    const v = values('openhands');
    expect(v.crds).toEqual({ enabled: false });
    expect(release('openhands').depends_on).toEqual(
      expect.arrayContaining(['helm_release.operator-crds', expect.stringMatching(/^kubernetes_secret_v1\.thanos-objstore/), expect.stringMatching(/^kubernetes_secret_v1\.alertmanager-receivers/)]),
    );
    const p = v.prometheus.prometheusSpec;
    for (const kind of ['serviceMonitor', 'podMonitor', 'probe', 'scrapeConfig', 'rule']) {
      expect(p[`${kind}SelectorNilUsesHelmValues`]).toBe(false);
      expect(p[`${kind}Selector`]).toEqual({ matchLabels: { team: 'openhands' } });
      expect(p[`${kind}NamespaceSelector`]).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } });
    }
    // The chart's own ServiceMonitors (kubelet/cAdvisor) and rules carry the labels too.
    expect(v.commonLabels).toEqual({ team: 'openhands' });
    expect(v.defaultRules.labels).toEqual({ team: 'openhands' });
    expect(v['kube-state-metrics'].prometheus.monitor.additionalLabels).toEqual({ team: 'openhands' });
  });

  test('the Prometheus CR: 2 replicas, 15d, 100Gi on rook-ceph-block, a Thanos sidecar on the bucket Secret, alerts to the Alertmanager', () => {
    const p = values('openhands').prometheus.prometheusSpec;
    expect(p.replicas).toBe(2);
    expect(p.retention).toBe('15d');
    expect(p.storageSpec.volumeClaimTemplate.spec).toEqual({ storageClassName: 'rook-ceph-block', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Gi' } } });
    expect(p.thanos).toEqual({ image: THANOS_IMAGE, objectStorageConfig: { existingSecret: { name: 'thanos-objstore', key: 'objstore.yml' } } });
    expect(p.alertingEndpoints).toEqual([{ namespace: 'monitoring', name: 'openhands-alertmanager', port: 'http-web', apiVersion: 'v2' }]);
    // The seed's deprecated baseImage/version are gone; the image is a current v0.4x release.
    expect(stack.prometheus.spec!.thanos).not.toHaveProperty('baseImage');
    expect(stack.prometheus.spec!.thanos).not.toHaveProperty('version');
    expect(THANOS_IMAGE).toMatch(/^quay\.io\/thanos\/thanos:v0\.4\d\.\d+$/);
  });

  test('Alertmanager: 2 replicas, its whole config from the environment\'s Secret, the receivers\' credentials mounted', () => {
    const a = values('openhands').alertmanager.alertmanagerSpec;
    expect(a).toMatchObject({ replicas: 2, useExistingSecret: true, configSecret: 'alertmanager-openhands', secrets: ['alertmanager-receivers'] });
  });

  test('Grafana logs in with the admin Secret, never a chart password, and queries Thanos, Loki and Tempo', () => {
    const g = values('openhands').grafana;
    expect(g.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
    expect(g).not.toHaveProperty('adminPassword');
    expect(g.additionalDataSources.map((d: any) => [d.uid, d.url])).toEqual([
      ['openhands-prometheus', 'http://thanos-query.monitoring.svc:10902'],
      ['openhands-loki', 'http://loki-gateway.monitoring.svc'],
      ['openhands-tempo', 'http://tempo.monitoring.svc:3200'],
    ]);
    expect(byName('kubernetes_secret_v1', 'grafana-admin').data_wo).toEqual({ 'admin-user': 'admin', 'admin-password': '${var.grafana_admin_password}' });
  });

  test('Loki and Tempo keep their data in their buckets, with credentials only from the Secret\'s environment', () => {
    const loki = values('loki');
    expect(loki.loki.storage).toMatchObject({ type: 's3', bucketNames: { chunks: 'openhands-logs' } });
    expect(loki.loki.storage.s3).toMatchObject({ endpoint: 's3.amazonaws.com', accessKeyId: '${S3_ACCESS_KEY_ID}', secretAccessKey: '${S3_SECRET_ACCESS_KEY}' });
    expect(loki.loki.schemaConfig.configs[0]).toMatchObject({ store: 'tsdb', schema: 'v13', from: '2026-01-01' });
    expect(loki.defaults).toEqual({ extraArgs: ['-config.expand-env=true'], extraEnvFrom: [{ secretRef: { name: 'loki-object-storage' } }] });
    expect(loki.singleBinary.replicas).toBe(2);
    const tempo = values('tempo');
    expect(tempo.tempo.storage.trace).toMatchObject({ backend: 's3', s3: { bucket: 'openhands-traces', access_key: '${S3_ACCESS_KEY_ID}' } });
    expect(tempo.tempo.extraEnvFrom).toEqual([{ secretRef: { name: 'tempo-object-storage' } }]);
    // Terraform would read ${...} as its own interpolation: the values escape it.
    expect(release('loki').values[0]).toContain('$${S3_ACCESS_KEY_ID}');
    expect(release('loki').values[0]).not.toMatch(/var\./);
  });

  test('helm reads YAML 1.1: a date-like or boolean-like string stays a string', () => {
    const raw = fromTerraformLiteral(release('loki').values[0]);
    expect(raw).toContain('from: "2026-01-01"');
    expect(raw).toContain('deploymentMode: "Monolithic"');
  });
});

describe('Thanos', () => {
  const sts = (name: string) => byName('kubernetes_stateful_set_v1', name);

  test('the store gateway: 2 replicas in the namespace, pod labels matching its selector, the bucket Secret mounted, 100Gi', () => {
    const store = sts('thanos-store');
    expect(store.metadata.namespace).toBe('monitoring');
    expect(store.depends_on).toEqual(['kubernetes_namespace_v1.namespace', expect.stringMatching(/^kubernetes_secret_v1\.thanos-objstore/)]);
    expect(store.spec.replicas).toBe('2');
    expect(store.spec.template.metadata.labels).toEqual(store.spec.selector.match_labels);
    const c = store.spec.template.spec.container[0];
    expect(c.image).toBe(THANOS_IMAGE);
    expect(c.args).toEqual(expect.arrayContaining(['store', '--objstore.config-file=/etc/thanos/objstore.yml']));
    expect(store.spec.template.spec.volume[0].secret).toEqual({ secret_name: 'thanos-objstore', items: [{ key: 'objstore.yml', path: 'objstore.yml' }] });
    expect(store.spec.volume_claim_template[0].spec).toMatchObject({ storage_class_name: 'rook-ceph-block', resources: { requests: { storage: '100Gi' } } });
  });

  test('every Thanos container has liveness and readiness probes and resources', () => {
    const containers = [
      ...resourcesOfType(json, 'kubernetes_stateful_set_v1'),
      ...resourcesOfType(json, 'kubernetes_deployment_v1'),
    ].map((r) => r.spec.template.spec.container[0]);
    expect(containers).toHaveLength(3);
    for (const c of containers) {
      expect(c.liveness_probe.http_get).toEqual({ path: '/-/healthy', port: '10902' });
      expect(c.readiness_probe.http_get).toEqual({ path: '/-/ready', port: '10902' });
      expect(c.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(c.resources.limits.memory).toBe(c.resources.requests.memory);
    }
  });

  test('query reads the Prometheus sidecars and the store, deduplicating by replica', () => {
    const query = byName('kubernetes_deployment_v1', 'thanos-query');
    expect(query.spec.replicas).toBe('2');
    expect(query.spec.template.spec.container[0].args).toEqual(
      expect.arrayContaining([
        '--endpoint=dnssrv+_grpc._tcp.prometheus-operated.monitoring.svc',
        '--endpoint=dnssrv+_grpc._tcp.thanos-store.monitoring.svc',
        '--query.replica-label=prometheus_replica',
      ]),
    );
    expect(byName('kubernetes_service_v1', 'thanos-store').spec.cluster_ip).toBe('None');
  });

  test('the compactor runs alone, with retention per resolution', () => {
    const compactor = sts('thanos-compactor');
    expect(compactor.spec.replicas).toBe('1');
    expect(compactor.spec.template.spec.container[0].args).toEqual(
      expect.arrayContaining(['compact', '--wait', '--retention.resolution-raw=30d', '--retention.resolution-5m=180d', '--retention.resolution-1h=2y']),
    );
  });

  test('a PodDisruptionBudget for what has replicas, none for the compactor', () => {
    const budgets = resourcesOfType(json, 'kubernetes_pod_disruption_budget_v1');
    expect(budgets.map((b) => b.metadata.name).sort()).toEqual(['thanos-query', 'thanos-store']);
    for (const b of budgets) {
      expect(b.spec.max_unavailable).toBe('1');
      const target = [...resourcesOfType(json, 'kubernetes_stateful_set_v1'), ...resourcesOfType(json, 'kubernetes_deployment_v1')].find((r) => r.metadata.name === b.metadata.name)!;
      expect(b.spec.selector.match_labels).toEqual(target.spec.template.metadata.labels);
    }
  });
});

describe('the Secret keys the platform reads, for the cross-object check', () => {
  test('Thanos, the sidecar, Alertmanager\'s configSecret, Grafana\'s admin and the object-storage environments', () => {
    expect(stack.secretMounts.map((m) => `${m.resource}: ${m.secret}/${m.key}`)).toEqual([
      'thanos-store: thanos-objstore/objstore.yml',
      'thanos-compactor: thanos-objstore/objstore.yml',
      'Prometheus monitoring/openhands (thanos sidecar): thanos-objstore/objstore.yml',
      'Alertmanager monitoring/openhands (configSecret): alertmanager-openhands/alertmanager.yaml',
      'Grafana (admin.existingSecret): grafana-admin/admin-user',
      'Grafana (admin.existingSecret): grafana-admin/admin-password',
      'Loki (extraEnvFrom): loki-object-storage/S3_ACCESS_KEY_ID',
      'Loki (extraEnvFrom): loki-object-storage/S3_SECRET_ACCESS_KEY',
      'Tempo (extraEnvFrom): tempo-object-storage/S3_ACCESS_KEY_ID',
      'Tempo (extraEnvFrom): tempo-object-storage/S3_SECRET_ACCESS_KEY',
    ]);
  });
});

describe('operator objects against the CRD schemas', () => {
  test('the Prometheus and Alertmanager CRs are valid', () => {
    expect(validateOperatorObjects([stack.prometheus, stack.alertmanager])).toEqual([]);
  });

  test('the validator finds a wrong type and a bad duration', () => {
    const bad = { ...stack.prometheus, spec: { ...stack.prometheus.spec, replicas: '2', retention: '15 days' } };
    expect(validateOperatorObjects([bad as never])).toEqual([
      'Prometheus monitoring/openhands: /spec/replicas must be integer',
      expect.stringMatching(/^Prometheus monitoring\/openhands: \/spec\/retention must match pattern/),
    ]);
  });
});
