import { ConfigError } from '../../../lib/errors';
import { validateKubernetesSpec } from '../../../runtimes/kubernetes/environment-spec';
import { openhandsSpec } from '../../support/kubernetes';

/** The message validating a changed openhands spec is refused with. */
function refusal(change: (spec: any) => void): string {
  const spec = openhandsSpec();
  change(spec);
  try {
    validateKubernetesSpec(spec);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the spec was accepted');
}

describe('a bad Kubernetes environment spec is refused with one line', () => {
  test('openhands itself is valid', () => {
    expect(validateKubernetesSpec(openhandsSpec()).name).toBe('openhands');
  });

  test.each([
    [
      'a retention that is not a duration',
      (s: any) => (s.runtime.prometheus.retention = '15 days'),
      'environment "openhands": runtime.prometheus.retention: expected a duration such as "30s", "5m", "1h30m" or "15d", got "15 days"',
    ],
    [
      'no replica',
      (s: any) => (s.runtime.thanos.store.replicas = 0),
      'environment "openhands": runtime.thanos.store.replicas: expected a replica count of 1 or more, got 0',
    ],
    [
      'a storage class that is not a Kubernetes name',
      (s: any) => (s.runtime.storageClass = 'Rook_Ceph'),
      'environment "openhands": runtime.storageClass: expected a Kubernetes name such as "monitoring" (lower-case letters, digits, "-"), got "Rook_Ceph"',
    ],
    [
      'an S3 key inline, as in the seed',
      (s: any) => (s.runtime.objectStorage.access_key = 'YOUR_ACCESS_KEY'),
      'environment "openhands": runtime.objectStorage.access_key: expected no field "access_key" (check its spelling), got "YOUR_ACCESS_KEY"',
    ],
    [
      'a secret that is not a variable name',
      (s: any) => (s.runtime.objectStorage.secretKeySecret = 'S3 secret'),
      'environment "openhands": runtime.objectStorage.secretKeySecret: expected the snake_case name of a sensitive variable, such as "object_storage_secret_key" (set it as TF_VAR_object_storage_secret_key), got "S3 secret"',
    ],
    [
      'a size that is not a quantity',
      (s: any) => (s.runtime.prometheus.storage = '100 GB'),
      'environment "openhands": runtime.prometheus.storage: expected a Kubernetes quantity such as "100Gi", "500m" or "2", got "100 GB"',
    ],
    [
      'a relabelling action the check does not read',
      (s: any) => (s.runtime.serviceMonitors[0].endpoints[0].metricRelabelings[0].action = 'labeldrop'),
      'environment "openhands": runtime.serviceMonitors[0].endpoints[0].metricRelabelings[0].action: expected "keep" or "drop" (the actions the relabelling check reads), got "labeldrop"',
    ],
    [
      'a route with the deprecated match: of the seed',
      (s: any) => (s.alertmanager.route.routes[0] = { match: { severity: 'critical' }, receiver: 'pagerduty-critical' }),
      'environment "openhands": alertmanager.route.routes[0].match: expected no field "match" (check its spelling), got {"severity":"critical"}',
    ],
    [
      'a route to a receiver that does not exist',
      (s: any) => (s.alertmanager.route.routes[0].receiver = 'pagerduty'),
      'environment "openhands": alertmanager.route.routes[0].receiver: expected one of "slack-notifications", "pagerduty-critical", got "pagerduty"',
    ],
    [
      'an alert of a severity the environment does not have',
      (s: any) => (s.ruleGroups[0].rules[0].labels.severity = 'page'),
      'environment "openhands": ruleGroups[0].rules[0].labels.severity: expected one of "critical", "warning", got "page"',
    ],
    [
      'no selector label',
      (s: any) => (s.runtime.selectorLabels = {}),
      'environment "openhands": runtime.selectorLabels: expected at least one label, such as { team: "openhands" }, got {}',
    ],
  ])('%s', (_name, change, message) => {
    expect(refusal(change)).toBe(message);
  });
});
